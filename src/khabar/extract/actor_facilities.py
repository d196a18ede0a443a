"""A spaCy component the actors stage adds after its entity ruler: names of buildings, sites and
venues are relabelled FAC. They are then no actors (a stadium does not act) and the places
stage reads them as places (GUM news: organization → place and person → place typing errors
on such names).

Three readings (each can be switched off through ``FacilityNames.rules`` to measure it):
  * ``facility``: a name of two words or more ending in a capitalized facility noun
    (knowledge/actors/facilities.yaml), optionally followed by a designator ("Launch Pad 4B",
    "Terminal 2"), or opening with one before "of" ("the Tower of Marwick"). The model's label
    may be ORG, a misread one (WORK_OF_ART, PRODUCT, EVENT, LAW), none (a capitalized run the
    model missed), or PERSON — a facility name is never a person, whatever its first word; only
    when the noun is also a surname ("Hall", "Park") is a PERSON name kept unless it cannot be
    a person's ("Dana Hall" is a person, "the Arlen Memorial Hall" is not).
  * ``venue``: the same with a venue noun (knowledge/actors/venues.yaml: "Museum", "Space
    Center"), unless the name acts in the article — the subject of a reporting verb ("the
    Carter Center said", "the museum announced") keeps it an organization.
  * ``acronym``: an acronym of a name relabelled so ("CSC" after "the Corrigan Space Center")
    is FAC too, wherever the article uses it.
KB names and metonyms keep their label ("Downing Street"), and so does a city's or town's hall,
which stands for its council ("City Hall said").
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..knowledge.actors import normalize
from ..knowledge.actors.facilities import facility_nouns, surname_facility_nouns, venue_nouns
from ..knowledge.actors.first_names import first_name_gender

COMPONENT = "khabar_facility_names"
RULES = frozenset({"facility", "venue", "acronym"})
COUNCIL_WORDS = {"city", "town", "county", "village"}
# labels a facility's name may carry besides FAC; GPE and LOC are places already
RELABEL = {"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", ""}
# "Launch Pad 39A", "Terminal 5", "Hangar B", "Gate IV": a facility noun and its number
DESIGNATOR = re.compile(r"^(?:\d+[A-Za-z]?|[A-Z]\d*|[IVX]+)$")
DETERMINERS = {"the", "a", "an"}


@lru_cache(maxsize=1)
def _speech_lemmas() -> frozenset[str]:
    from ..knowledge.reporting import load_reporting

    return frozenset(load_reporting().verbs)


def core_name(span: Span) -> Span:
    """The name without a leading article and a trailing possessive (also used by
    `actor_labels`)."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in DETERMINERS:
        start += 1
    while end > start and span.doc[end - 1].tag_ == "POS":
        end -= 1
    return span.doc[start:end]


def _head_noun(name: Span, nouns: frozenset[str]) -> str | None:
    """The facility or venue noun that makes ``name`` a facility's, or None: the last word (or
    two, "Space Center"), before an optional designator, or the first word before "of"."""
    words = list(name)
    if len(words) >= 3 and DESIGNATOR.match(words[-1].text) and words[-2].text[:1].isupper():
        words = words[:-1]
    if len(words) < 2:
        return None
    last = words[-1]
    if last.text[:1].isupper():
        two = f"{words[-2].lower_} {last.lower_}"
        if two in nouns and words[-2].text[:1].isupper() and len(words) >= 3:
            return two
        if last.lower_ in nouns:
            return last.lower_
    first = words[0]
    if len(words) >= 3 and first.text[:1].isupper() and first.lower_ in nouns and words[1].lower_ == "of":
        rest = words[3:] if words[2].lower_ == "the" else words[2:]
        if rest and rest[0].text[:1].isupper() and not any(
                first_name_gender(a.text) and b.text[:1].isupper() for a, b in zip(rest, rest[1:], strict=False)):
            return first.lower_  # "the Museum of Rail", "the Tower of the Winds", not "Hall of
            # Famer Dana Rusk" (a person the model ran into the title)
    return None


def _person_name_kept(name: Span, noun: str) -> bool:
    """A PERSON name ending in a noun that is also a surname ("Dana Hall") stays a person unless
    a facility word comes before it ("Memorial Hall") or its first word is no given name."""
    if noun not in surname_facility_nouns():
        return False
    before = {t.lower_ for t in name[:-1]}
    if before & (facility_nouns() | {n.split()[-1] for n in venue_nouns()}):
        return False
    return bool(first_name_gender(name[0].text))


def _acting_keys(doc: Doc, nouns: frozenset[str]) -> tuple[set[str], set[str]]:
    """Venue names that act in the article (subject of a reporting verb: "the Harwick Museum
    said"), and venue nouns said as a definite subject of one ("the museum announced")."""
    speech = _speech_lemmas()
    names, heads = set(), set()
    for ent in doc.ents:
        root = ent.root
        if root.dep_ == "nsubj" and root.head.lemma_ in speech:  # "was proposed": not acting
            names.add(normalize(core_name(ent).text))
    head_words = {_spelling(n.split()[-1]) for n in nouns}
    for tok in doc:
        if _spelling(tok.lower_) in head_words and tok.dep_ == "nsubj" and tok.head.lemma_ in speech \
                and any(c.lower_ in ("the", "this", "that") for c in tok.children):
            heads.add(_spelling(tok.lower_))
    return names, heads


def _spelling(word: str) -> str:
    """One spelling for "centre"/"center", "theatre"/"theater": the name and the noun that
    refers back to it may be spelt differently."""
    return word[:-2] + "er" if word.endswith("tre") else word


def _untagged_runs(doc: Doc, nouns: frozenset[str]):
    """Capitalized proper-noun runs the model left untagged that end in a facility noun
    ("Grand Mosque", "Dalton Station")."""
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.ent_type_ or not (tok.pos_ == "PROPN" and tok.text[:1].isupper()):
            i += 1
            continue
        j = i
        while j < len(doc) and not doc[j].ent_type_ and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            j += 1
        # not a noun that is also a surname: "Wall Street" said alone mostly means the markets
        if j - i >= 2 and doc[j - 1].lower_ in nouns and doc[j - 1].lower_ not in surname_facility_nouns():
            yield doc[i:j]
        i = j


def relabel_facilities(doc: Doc, kb, rules: frozenset[str] = RULES) -> Doc:
    """Relabel the names of facilities and venues as FAC (see the module docstring)."""
    facilities = facility_nouns() if "facility" in rules else frozenset()
    venues = venue_nouns() if "venue" in rules else frozenset()
    if not facilities and not venues:
        return doc
    acting_names, acting_heads = _acting_keys(doc, venues)
    candidates = list(doc.ents)
    if facilities:
        candidates += list(_untagged_runs(doc, facilities))
    ents, changed = [], False
    for ent in sorted(candidates, key=lambda e: e.start):
        label = ent.label_ if ent.label_ else ""
        name = core_name(ent)
        relabel = False
        if label in RELABEL and not ent.ent_id_ and len(name) >= 2 and name[0].lower_ not in COUNCIL_WORDS \
                and kb.lookup(name.text) is None and kb.metonym(name.text) is None:
            noun = _head_noun(name, facilities)
            if noun is not None:
                # "Dana Hall said": a PERSON name that speaks is a person, surname "Hall" or not
                relabel = label != "PERSON" or not (_person_name_kept(name, noun) or (
                    noun in surname_facility_nouns() and normalize(name.text) in acting_names))
            elif (noun := _head_noun(name, venues)) is not None:
                relabel = (label != "PERSON" or not _person_name_kept(name, noun)) and not (
                    normalize(name.text) in acting_names or _spelling(noun.split()[-1]) in acting_heads)
        if relabel:
            ents.append(Span(doc, ent.start, ent.end, label="FAC"))
            changed = True
        elif label:
            ents.append(ent)
    if changed and "acronym" in rules:
        ents = _acronyms(doc, ents, kb)
    if changed:
        doc.ents = ents
    return doc


def _initials(name: Span) -> str:
    """"the Corrigan Space Center" → "CSC" (capitalized words only)."""
    return "".join(t.text[0] for t in name if t.text[:1].isupper())


def _acronyms(doc: Doc, ents: list[Span], kb) -> list[Span]:
    """An acronym of a facility's name said elsewhere in the article ("the Corrigan Space
    Center … at CSC") is that facility: FAC too, whether the model read it ORG or not at all."""
    initials = {_initials(core_name(e)) for e in ents if e.label_ == "FAC"}
    initials = {i for i in initials if len(i) >= 3}
    if not initials:
        return ents
    out, taken = [], {t for e in ents for t in range(e.start, e.end)}
    for ent in ents:
        core = core_name(ent)
        if ent.label_ == "ORG" and not ent.ent_id_ and core.text in initials and kb.lookup(core.text) is None:
            ent = Span(doc, ent.start, ent.end, label="FAC")
        out.append(ent)
    for tok in doc:
        if tok.i not in taken and tok.text in initials and tok.is_upper and kb.lookup(tok.text) is None:
            out.append(Span(doc, tok.i, tok.i + 1, label="FAC"))
    return sorted(out, key=lambda e: e.start)


class FacilityNames:
    """The pipeline component; ``kb`` is set by `add_component` (not part of spaCy's config).
    ``rules`` names the readings that run (all by default; benchmarks switch them off)."""

    def __init__(self) -> None:
        self.kb = None
        self.rules = RULES

    def __call__(self, doc: Doc) -> Doc:
        return relabel_facilities(doc, self.kb, self.rules) if self.kb is not None else doc


@Language.factory(COMPONENT)
def _make(nlp, name) -> FacilityNames:  # noqa: ARG001 - spaCy's factory signature
    return FacilityNames()


def add_component(nlp, kb, after: str) -> None:
    """Add the component after ``after`` (once per pipeline), reading names against ``kb``."""
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, after=after)
    nlp.get_pipe(COMPONENT).kb = kb
    _speech_lemmas()  # read the reporting verbs now, not inside the first article


def names_facility(span: Span) -> bool:
    """Does ``span`` end in a facility or venue noun ("Harlow Planetarium", "Ames Museum")?
    Then it is no person's name whatever its first word (used by `actor_names`)."""
    last = span[-1].lower_ if len(span) else ""
    return last in facility_nouns() and last not in surname_facility_nouns() or last in venue_nouns()
