"""A spaCy component the actors stage adds after the facility component: entity labels the
model gets wrong on whole classes of names, fixed before the actors stage reads them. Each rule
can be switched off through ``LabelFixes.rules`` (benchmarks measure them one by one):

  * ``org_noun``: a name of two words or more that ends in an organization noun
    (knowledge/actors/org_nouns.yaml: "… Party", "… Union", "… Org") or opens with one before
    "of"/"for" ("the Association of Tin Miners"), or with a head-first language's noun
    ("Partido Verde"), is ORG whatever the model said (LOC, GPE, PERSON, WORK_OF_ART, PRODUCT…).
    KB names, countries and gazetteer places ("Soviet Union") keep their label.
  * ``possessor``: "<Name>'s <Firstname Lastname>" — a name that owns a person and is no
    country, people, city, gazetteer place or person is that person's organization (a party,
    a club, a company): ORG ("Tamsin Vale's Ora Delacroix" keeps the person, "Vale Unity's
    Ora Delacroix" gets an organization).
  * ``role_name``: capitalized words right after a KB role noun that the model left untagged
    ("councillor Lam Wai-kit") are a PERSON; after an organization noun ("the group Ardent
    Youth") a misread name is an ORG.
  * ``hyphen_name``: a romanized name with a hyphenated given name ("Lam Wai-kit", "Choi
    Ha-eun") is a PERSON, and a PERSON the model cut before the given name is extended over it.
  * ``acronym_def``: an acronym the brackets after it spell out ("the KANU delegates (Kenya
    African National Union)") is ORG, with its later uses and the spelled-out
    name (`actor_acronyms`).
  * ``one_sense``: a name relabelled ORG by these rules is ORG wherever else the article has it
    with a misread label (one sense per discourse).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..knowledge.actors import ActorKB
from ..knowledge.actors.first_names import first_name_gender
from ..knowledge.actors.org_nouns import org_nouns
from .actor_acronyms import fix_acronym_definitions
from .actor_facilities import core_name

COMPONENT = "khabar_label_fixes"
RULES = frozenset({"org_noun", "possessor", "role_name", "hyphen_name", "one_sense", "acronym_def"})
# labels of names the model misreads as something else than an organization
ORG_MISREAD = {"LOC", "GPE", "PERSON", "WORK_OF_ART", "PRODUCT", "NORP", "LAW", "FAC"}
# labels a possessor that is an organization may wrongly carry
POSSESSOR_MISREAD = {"GPE", "LOC", "PERSON", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"}
# one syllable of a romanized name ("Yau", "Wai", "ching", "Joo"): letters, short, not an
# acronym ("NASA T-shirt")
SYLLABLE = re.compile(r"^[A-Za-z][a-z]{1,4}$")
# words after a hyphen that make a compound, not a given name ("Hong Kong-based")
COMPOUND_TAILS = {"based", "led", "backed", "born", "style", "made", "owned", "run", "era",
                  "wide", "like", "free", "funded", "bound", "area", "type", "linked", "class",
                  "level", "held", "aligned", "allied", "sized", "only", "wise"}


def _is_place(text: str, kb: ActorKB, gazetteer) -> bool:
    """A country, a people, a capital, or a name the gazetteer knows."""
    return _is_country(text, kb) or (gazetteer is not None and gazetteer.has_name(text, max_kind=1))


def _is_country(text: str, kb: ActorKB) -> bool:
    """A country, a people or a capital (no gazetteer: short words are often some village)."""
    return bool(kb.country_by_name(text) or kb.demonym_country(text) or kb.capital_country(text))


def _org_named(name: Span) -> bool:
    """Does the name's form make it an organization's (see ``org_noun``)?"""
    nouns = org_nouns()
    if len(name) < 2 or not all(t.text[:1].isupper() or t.lower_ in ("of", "for", "the", "and", "&")
                                or t.is_punct for t in (name[0], name[-1])):
        return False
    last, first = name[-1], name[0]
    before = name[-2]
    # "the Harbour Workers' Union", not "the State of the Union" (an address, not a union)
    if last.lower_ in nouns.last and last.text[:1].isupper() and last.pos_ != "VERB" and (
            before.text[:1].isupper() or before.tag_ == "POS"):
        return True
    if first.lower_ in nouns.first and first.text[:1].isupper() and name[1].text[:1].isupper():
        return True
    return (first.lower_ in nouns.last and first.text[:1].isupper() and len(name) >= 3
            and name[1].lower_ in ("of", "for") and name[-1].text[:1].isupper())


def names_organization(span: Span) -> bool:
    """Does ``span`` end in a capitalized organization noun ("Ivy Rowing League")? Then it is
    no person's name, even when it opens with a given name (used by `actor_names`)."""
    return len(span) > 1 and span[-1].text[:1].isupper() and span[-1].lower_ in org_nouns().last


def _fix_org_nouns(doc: Doc, ents: list[Span], kb: ActorKB, gazetteer) -> list[Span]:
    out = []
    for ent in ents:
        name = core_name(ent)
        if (ent.label_ in ORG_MISREAD and not ent.ent_id_ and _org_named(name)
                and kb.lookup(name.text) is None and not _is_place(name.text, kb, gazetteer)):
            ent = Span(ent.doc, ent.start, ent.end, label="ORG")
        out.append(ent)
    # capitalized runs the model left untagged ("the Tern Org", "the Ivy Rowing League")
    tagged = {i for e in ents for i in range(e.start, e.end)}
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j not in tagged and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            j += 1
        if j - i >= 2 and doc[j - 1].lower_ in org_nouns().last and not doc[i].is_sent_start \
                and not doc[i:j].text.isupper():  # not a headline in capitals
            name = doc[i:j]
            if kb.lookup(name.text) is None and not _is_place(name.text, kb, gazetteer):
                out.append(Span(doc, i, j, label="ORG"))
        i = max(j, i + 1)
    return sorted(out, key=lambda e: e.start)


def _fix_possessors(doc: Doc, ents: list[Span], kb: ActorKB, gazetteer) -> list[Span]:
    """"Vale Unity's Ora Delacroix": the possessor of a person's full name is an ORG."""
    people_words = {t.text for e in ents if e.label_ == "PERSON" for t in core_name(e)}
    out = list(ents)
    for i, ent in enumerate(ents):
        name = core_name(ent)
        if ent.label_ not in POSSESSOR_MISREAD or ent.ent_id_ or not len(name):
            continue
        # the possessive: inside the entity ("Vale Unity's") or right after it
        pos = name.end if name.end < len(doc) and doc[name.end].tag_ == "POS" else None
        if pos is None:
            continue
        owned = next((e for e in ents[i + 1:i + 2] if e.start == pos + 1), None)
        if owned is None or not _full_name(core_name(owned), owned.label_):
            continue  # a person's full name: a given name and a surname
        if _is_place(name.text, kb, gazetteer) or kb.lookup(name.text) is not None:
            continue
        if ent.label_ == "PERSON" and (len(name) < 2 or first_name_gender(name[0].text)):
            continue  # "Marlow's Ora Delacroix", "Tamsin Vale's …": a person may own one too
        if len(name) == 1 and name.text in people_words:
            continue  # a surname of the article's people ("Delacroix's Ora Vale")
        out[i] = Span(doc, name.start, name.end, label="ORG")
        if owned.label_ != "PERSON":  # "Ellis Ward" read as an organization
            out[i + 1] = Span(doc, owned.start, owned.end, label="PERSON")
    return out


def _full_name(name: Span, label: str) -> bool:
    """A person's full name: two or three capitalized words the model tagged PERSON, or that
    open with a given name the name table knows (the model may call "Ellis Ward" an ORG)."""
    if not 2 <= len(name) <= 4 or not all(t.text[:1].isupper() or t.text == "-" for t in name):
        return False
    if label == "PERSON":
        return True
    return label in ("ORG", "FAC", "LOC", "GPE") and len(name) <= 3 and bool(first_name_gender(name[0].text))


def _hyphenated(name: Span) -> bool:
    """A surname and a hyphenated given name: "Lam Wai-kit", "Choi Ha-eun" (the given name
    one token, or three when the tokenizer split the hyphen)."""
    t = list(name)
    if len(t) == 4 and t[2].text == "-" and not t[1].whitespace_ and not t[2].whitespace_:
        given = (t[1].text, t[3].text)
    elif len(t) == 2 and t[1].text.count("-") == 1:
        given = tuple(t[1].text.split("-"))
    else:
        return False
    return (t[0].text[:1].isupper() and given[0][:1].isupper() and given[1].lower() not in COMPOUND_TAILS
            and all(SYLLABLE.match(x) for x in (t[0].text, *given)))


def _hyphen_runs(doc: Doc, kb: ActorKB):
    """Token ranges (start, end) shaped like "Surname Given-name" (see `_hyphenated`), not
    inside a longer capitalized name."""
    for i in range(len(doc) - 1):
        if not (SYLLABLE.match(doc[i].text) and doc[i].text[:1].isupper()):
            continue  # cheap test first: most tokens start no such name
        for size in (2, 4):
            if i + size > len(doc) or not _hyphenated(doc[i:i + size]):
                continue
            prev = doc[i - 1] if i else None
            nxt = doc[i + size] if i + size < len(doc) else None
            # not inside a longer capitalized name ("the Washington Post Fact-Check Team")
            if (prev is None or not prev.text[:1].isupper() or kb.role(prev.lower_)) and (
                    nxt is None or not (nxt.pos_ == "PROPN" and nxt.text[:1].isupper())):
                yield i, i + size
            break


def _fix_hyphen_names(doc: Doc, ents: list[Span], kb: ActorKB, gazetteer) -> list[Span]:
    out = list(ents)
    for start, end in _hyphen_runs(doc, kb):
        span = doc[start:end]
        if _is_place(span.text, kb, gazetteer) or _is_place(doc[start + 1:end].text, kb, gazetteer) \
                or _is_place(doc[start:start + 2].text, kb, gazetteer) or _is_country(doc[end - 1].text, kb) \
                or kb.lookup(span.text) is not None or kb.role(doc[start].lower_):
            continue  # "Hong Kong-Macau": places joined by a hyphen
        touching = [e for e in out if e.start < end and start < e.end]
        if any(e.label_ == "PERSON" and len(core_name(e)) > 1 and first_name_gender(core_name(e)[0].text)
               for e in touching):
            continue  # already a full name with a given name ("Jeb Bush")
        # only names the model left untagged, cut ("Yau" PERSON), or read as one other name
        if any(e.label_ not in ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC") or e.ent_id_
               or e.start < start or e.end > end for e in touching):
            continue
        if len(touching) == 1 and touching[0].label_ == "PERSON" and (touching[0].start, touching[0].end) == (start, end):
            continue
        out = [e for e in out if e not in touching] + [Span(doc, start, end, label="PERSON")]
    return sorted(out, key=lambda e: e.start)


def _fix_role_names(doc: Doc, ents: list[Span], kb: ActorKB, gazetteer) -> list[Span]:
    """"councillor Lam Wai-kit" (untagged) → PERSON; "the group Ardent Youth" → ORG."""
    by_start = {e.start: e for e in ents}
    # the entities as the earlier rules left them (the tokens' own tags are not updated yet)
    tagged = {i for e in ents for i in range(e.start, e.end)}
    # words of the article's full person names: a one-word name must be one of them
    name_words = {t.text for e in ents if e.label_ == "PERSON" and len(core_name(e)) > 1 for t in core_name(e)}
    out = list(ents)
    for tok in doc[:-1]:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.i in tagged:
            continue
        info = kb.role(tok.lower_)
        if info is None or (
                not tok.is_lower and not info.title):
            continue  # a capitalized plain noun is a headline's word ("Leader Over Riots")
        if tok.i > 0 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_:
            continue  # "Editor-in-Chief Awards": the noun ends a compound
        nxt = doc[tok.i + 1]
        if info.kind == "organization":
            ent = by_start.get(nxt.i)
            if ent is not None and ent.label_ in ("PERSON", "WORK_OF_ART", "PRODUCT") and not ent.ent_id_:
                name = core_name(ent)
                if len(name) and not first_name_gender(name[0].text) and not _is_place(name.text, kb, gazetteer):
                    out[out.index(ent)] = Span(doc, ent.start, ent.end, label="ORG")
            continue
        if not (info.kind == "person" or info.people) or nxt.i in tagged or not (
                nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and not kb.role(nxt.lower_)):
            continue  # "Secretary-General …": the name must start right after the noun
        end = nxt.i
        while end < len(doc) and end - nxt.i < 6 and end not in tagged and (
                doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and not kb.role(doc[end].lower_)
                or doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_
                and end + 1 < len(doc) and doc[end + 1].is_alpha):
            end += 2 if doc[end].text == "-" else 1
        end = min(end, len(doc))
        if end - nxt.i < 1 or doc[end - 1].text == "-":
            continue
        name = doc[nxt.i:end]
        if end < len(doc) and doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN":
            continue  # "King Eldon Harvest Baptist Church": the name runs on
        if len(name) == 1 and name.text not in name_words:
            continue  # "the official Reveals" (a headline): one word only as a known surname
        if _is_place(name.text, kb, gazetteer) or kb.lookup(name.text) is not None \
                or any(_is_country(t.text, kb) for t in name):
            continue  # "Captain America …": a country's name is no part of a person's
        out.append(Span(doc, name.start, name.end, label="PERSON"))
    return sorted(out, key=lambda e: e.start)


def _one_sense(ents: list[Span], before: dict[tuple[int, int], str]) -> list[Span]:
    """A name a rule relabelled ORG is an ORG wherever the article repeats it with a label the
    model gives misread names ("Ardent Youth" a title here, a person there)."""
    fixed = {core_name(e).text for e in ents if e.label_ == "ORG" and before.get((e.start, e.end)) != "ORG"}
    if not fixed:
        return ents
    return [Span(e.doc, e.start, e.end, label="ORG")
            if e.label_ in ORG_MISREAD - {"GPE", "FAC"} and not e.ent_id_ and core_name(e).text in fixed else e
            for e in ents]


def fix_labels(doc: Doc, kb: ActorKB, gazetteer=None, rules: frozenset[str] = RULES) -> Doc:
    """Apply the ``rules`` (see the module docstring) to ``doc.ents``."""
    ents = list(doc.ents)
    before = [(e.start, e.end, e.label_) for e in ents]
    if "hyphen_name" in rules:
        ents = _fix_hyphen_names(doc, ents, kb, gazetteer)
    if "org_noun" in rules:
        ents = _fix_org_nouns(doc, ents, kb, gazetteer)
    if "possessor" in rules:
        ents = _fix_possessors(doc, ents, kb, gazetteer)
    if "role_name" in rules:
        ents = _fix_role_names(doc, ents, kb, gazetteer)
    if "acronym_def" in rules:
        ents = fix_acronym_definitions(doc, ents)
    if "one_sense" in rules:
        ents = _one_sense(ents, {(s, e): label for s, e, label in before})
    if [(e.start, e.end, e.label_) for e in ents] != before:
        doc.ents = ents
    return doc


class LabelFixes:
    """The pipeline component; ``kb`` and ``gazetteer`` are set by `add_component`."""

    def __init__(self) -> None:
        self.kb = None
        self.gazetteer = None
        self.rules = RULES

    def __call__(self, doc: Doc) -> Doc:
        return fix_labels(doc, self.kb, self.gazetteer, self.rules) if self.kb is not None else doc


@Language.factory(COMPONENT)
def _make(nlp, name) -> LabelFixes:  # noqa: ARG001 - spaCy's factory signature
    return LabelFixes()


def add_component(nlp, kb: ActorKB, settings, after: str) -> None:
    """Add the component after ``after`` (once per pipeline). The gazetteer, when it is built,
    keeps place names from being relabelled ("Soviet Union"); without it the KB's countries
    and capitals do."""
    from ..errors import UserError
    from ..geo.lookup import Gazetteer

    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, after=after)
    pipe = nlp.get_pipe(COMPONENT)
    pipe.kb = kb
    try:
        pipe.gazetteer = Gazetteer(settings.gazetteer_path())
    except UserError:
        pipe.gazetteer = None
