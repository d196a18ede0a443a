"""Place nominals: "the city", "this town", "the province", "the capital" as mentions of the
place they refer back to.

The places stage finds names; reporters name a place once or twice and then write "the city".
`link_place_nominals` adds such a noun phrase to the mentions of the place it refers to, so the
place's cluster is whole (coreference) and an event "in the city" has a place.

A nominal is read as a reference when
- its head is a singular common noun of geo/place_nouns.yaml with a definite or demonstrative
  determiner ("the", "this", "that"), optionally adjectives and the noun's listed compound
  nouns before it ("the southern port city", but not "the school district"); "capital" also
  with a possessor ("Kenya's capital", "the nation's capital": a capital in that country);
- it is a whole noun phrase: not a modifier ("the city council" is an organization), not
  restricted by a clause or phrase after it ("the town where he was born", "the city in the
  north" introduce a new place), not predicative ("Kyiv is the capital", "ranked as the
  first county");
- no actor mention ends inside it ("the country" read as a country actor stays the actor's)
  and no place mention covers its head.
A nominal followed by a name ("the city of Nice", "the capital, Kyiv") refers to that name's
place when the noun fits it. Otherwise it refers to a compatible place (by gazetteer feature
class, by GeoNames code where the noun asks for one — "the capital" —, or by the last word of
the place's name for features: "the station") mentioned at most the noun's window of sentences
back: one named with the noun itself ("the Kherson region" for "the region") first, then the
noun's preferred feature class, then the last mentioned; else the article's clearly dominant
compatible place (at least DOMINANT_MIN mentions so far and more than any other).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import KnowledgeError
from ..knowledge.load import read_yaml_keyed
from ..records import Place, TextSpan
from .base import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..geo.lookup import Gazetteer
    from .base import Context

NOUNS_FILE = Path(__file__).resolve().parents[1] / "geo" / "place_nouns.yaml"
FEATURES = frozenset({"country", "admin1", "admin2", "city", "region", "other"})
DETERMINERS = frozenset({"the", "this", "that"})
# sentences back a place's last mention may be for a nominal to refer to it
DEFAULT_WINDOW = 3
# the article's dominant place of a kind: referred to from any distance when named this often
DOMINANT_MIN = 2
# dependents after the noun that restrict it to a new place ("the town where ...", "the city
# in the north", "the city of Nice") — such a phrase does not refer back
RESTRICTING_DEPS = frozenset({"relcl", "acl", "prep", "appos", "nummod", "npadvmod"})
# dependents before the noun that may stand in a referring phrase ("the southern port city")
MODIFIER_DEPS = frozenset({"amod", "compound", "advmod", "det", "poss", "case", "punct"})
# roles of a noun that is said of something, not a reference to it ("Kyiv is the capital")
PREDICATIVE_DEPS = frozenset({"attr", "oprd", "acomp"})


class _Noun(BaseModel):
    model_config = ConfigDict(extra="forbid")

    features: list[str] = Field(default_factory=list)
    name_words: list[str] = Field(default_factory=list)
    compounds: list[str] = Field(default_factory=list)
    fcodes: list[str] = Field(default_factory=list)
    window: int = Field(DEFAULT_WINDOW, ge=0, le=50)

    @field_validator("features")
    @classmethod
    def _known_features(cls, features: list[str]) -> list[str]:
        bad = [f for f in features if f not in FEATURES]
        if bad:
            raise ValueError(f"unknown feature {bad[0]!r} (one of {', '.join(sorted(FEATURES))})")
        return features

    @field_validator("fcodes")
    @classmethod
    def _fcodes(cls, codes: list[str]) -> list[str]:
        bad = [c for c in codes if not re.fullmatch(r"[A-Z][A-Z0-9]{1,9}", c)]
        if bad:
            raise ValueError(f"GeoNames feature codes are upper case, like PPLC: {bad[0]!r}")
        return codes

    @field_validator("name_words", "compounds")
    @classmethod
    def _lower_words(cls, words: list[str]) -> list[str]:
        bad = [w for w in words if not w.strip() or w != w.lower() or " " in w]
        if bad:
            raise ValueError(f"name words must be single lower-case words: {bad[0]!r}")
        return words


@dataclass(frozen=True)
class Nominal:
    """A place nominal in the text: [start, end), its head noun, the head of a name right after
    it ("the city of Nice", "the capital, Kyiv") and the possessor before it ("Kenya's
    capital"), when there are."""

    start: int
    end: int
    head: Token
    named_after: Token | None = None
    possessor: Token | None = None


@dataclass(frozen=True)
class PlaceNoun:
    """What one noun can refer to."""

    noun: str
    features: tuple[str, ...]  # in order of preference
    name_words: frozenset[str]
    window: int
    compounds: frozenset[str] = frozenset()
    fcodes: frozenset[str] = frozenset()

    def fits(self, place: Place, fcode: Callable[[Place], str | None] | None = None) -> bool:
        """Can the noun refer to the place? ``fcode`` gives a place's GeoNames feature code,
        needed for nouns restricted to some ("the capital": PPLC); without it such a noun
        fits nothing."""
        if self.fcodes and (fcode is None or fcode(place) not in self.fcodes):
            return False
        if place.feature in self.features:
            return True
        last = place.name.split()[-1].lower() if place.name.split() else ""
        return last in self.name_words

    def rank(self, place: Place) -> int:
        """Preference of the place's feature class for this noun (0 = first listed)."""
        return self.features.index(place.feature) if place.feature in self.features \
            else len(self.features)


def load_place_nouns(path: Path = NOUNS_FILE) -> dict[str, PlaceNoun]:
    """The nouns of place_nouns.yaml; a bad file raises `KnowledgeError` naming file:line."""
    data, line_of = read_yaml_keyed(path)
    if not isinstance(data, dict):
        raise KnowledgeError(path, 1, "expected a mapping of nouns")
    nouns: dict[str, PlaceNoun] = {}
    for noun, spec in data.items():
        if not isinstance(noun, str) or noun != noun.lower() or not noun.isalpha():
            raise KnowledgeError(path, line_of(noun), f"{noun!r}: a noun must be one lower-case word")
        try:
            entry = _Noun.model_validate(spec or {})
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise KnowledgeError(path, line_of(noun), f"{noun}: {where}: {first['msg']}") from None
        if not entry.features and not entry.name_words:
            raise KnowledgeError(path, line_of(noun), f"{noun}: needs features or name_words")
        nouns[noun] = PlaceNoun(noun, tuple(entry.features), frozenset(entry.name_words),
                                entry.window, frozenset(entry.compounds),
                                frozenset(entry.fcodes))
    return nouns


@lru_cache(maxsize=1)
def _default_nouns() -> dict[str, PlaceNoun]:
    return load_place_nouns()


def find_place_nominals(doc: Doc, nouns: dict[str, PlaceNoun]) -> list[Nominal]:
    """Every referring place nominal of the doc (rules in the module doc)."""
    out = []
    for tok in doc:
        if tok.lower_ not in nouns or tok.tag_ != "NN" or not tok.is_lower:
            continue
        if tok.dep_ in ("compound", "nmod") or tok.dep_ in PREDICATIVE_DEPS or (
                tok.dep_ == "pobj" and tok.head.lower_ == "as"):
            continue  # "the city council"; "Kyiv is the capital", "ranked as the first county"
        lefts = list(tok.lefts)
        det = next((t for t in lefts if t.dep_ in ("det", "poss")), None)
        possessor = None
        if det is not None and det.dep_ == "poss":
            # "the nation's capital", "Kenya's capital": a capital of a place, not a reference
            # back to any city; pronouns ("its capital") are left to the pronoun readers
            if tok.lower_ != "capital" or det.tag_ == "PRP$":
                continue
            possessor = det
        elif det is None or det.lower_ not in DETERMINERS:
            continue
        if any(t.dep_ not in MODIFIER_DEPS for t in lefts):
            continue
        named_after = _own_name(tok)
        # a compound noun before it makes another thing of most place nouns ("the school
        # district" is not the county); the noun's listed compounds do not ("the port city"),
        # nor any before the place's own name ("the quiet Ohio suburb of Bexley")
        if named_after is None and any(t.dep_ == "compound" and t.lower_ not in
                                       nouns[tok.lower_].compounds for t in lefts):
            continue
        if named_after is None and any(t.dep_ in RESTRICTING_DEPS for t in tok.rights):
            continue
        # the possessor is a phrase of its own (the place it names); the nominal starts after it
        first = tok.i if possessor is not None else min((t.left_edge.i for t in lefts),
                                                        default=tok.i)
        if possessor is not None:
            first = min((t.i for t in lefts if t.i > possessor.right_edge.i), default=tok.i)
        out.append(Nominal(doc[first].idx, tok.idx + len(tok), tok, named_after, possessor))
    return out


def _own_name(tok: Token) -> Token | None:
    """The name a nominal is followed by: "the city of Nice" (pobj of "of"), "the capital,
    Kyiv" (apposition) — the token heading that name, when capitalized."""
    for t in tok.rights:
        if t.dep_ == "appos" and t.text[:1].isupper():
            return t
        if t.dep_ == "prep" and t.lower_ == "of":
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.text[:1].isupper():
                return obj
    return None


def _sentence_index(doc: Doc) -> list[int]:
    return [s.start_char for s in doc.sents]


def link_place_nominals(ctx: Context, places: list[Place], gazetteer: Gazetteer | None = None,
                        nouns: dict[str, PlaceNoun] | None = None) -> list[Place]:
    """Add every referring place nominal of the article to its place's mentions (in place;
    mentions stay sorted by start) and return ``places``. The gazetteer gives the feature codes
    some nouns need ("the capital" is a PPLC); without it those nouns link nothing. Running it
    twice adds nothing the second time."""
    nouns = nouns if nouns is not None else _default_nouns()
    if not places:
        return places
    doc = ctx.doc
    text = doc_text(doc)
    found = find_place_nominals(doc, nouns)
    if not found:
        return places
    sent_starts = _sentence_index(doc)
    codes: dict[int, str | None] = {}

    def fcode(place: Place) -> str | None:
        if gazetteer is None or place.geonames_id is None or place.inferred:
            return None
        if place.geonames_id not in codes:
            found_place = gazetteer.get(place.geonames_id)
            codes[place.geonames_id] = found_place.fcode if found_place else None
        return codes[place.geonames_id]

    def sent_of(offset: int) -> int:
        return bisect_right(sent_starts, offset) - 1

    place_spans = [(m.start, m.end) for p in places for m in p.mentions]
    actor_spans = [(m.start, m.end) for a in ctx.actors for m in a.mentions]
    # (start, place) of every name mention, the antecedents; nominals do not chain (a nominal
    # refers to what the last name named, which is what a chain would reach too)
    named = sorted((m.start, i, m.text.split()[-1].lower() if m.text.split() else "")
                   for i, p in enumerate(places) for m in p.mentions)
    added: list[tuple[int, TextSpan]] = []
    for nom in found:
        head = nom.head
        h0, h1 = head.idx, head.idx + len(head)
        if any(s < h1 and h0 < e for s, e in place_spans):
            continue
        # an actor mention over the head that ends inside the phrase owns it ("the country"
        # as a country actor); one running past it ("the city's mayor") only contains it
        if any(s < h1 and h0 < e and e <= nom.end for s, e in actor_spans):
            continue
        noun = nouns[head.lower_]
        if nom.named_after is not None:
            # "the city of Nice": the name after it says which place; one of another kind
            # ("the capital of Ukraine") is not the nominal's place
            target = _place_at(places, nom.named_after)
            if target is None or not noun.fits(places[target], fcode):
                continue
        else:
            country = _possessor_country(ctx, places, nom.possessor)
            if nom.possessor is not None and country is None:
                continue
            target = _antecedent(noun, nom.start, named, places, sent_of, fcode, country)
        if target is None:
            continue
        added.append((target, TextSpan(start=nom.start, end=nom.end,
                                       text=text[nom.start:nom.end])))
    for target, span in added:
        places[target].mentions.append(span)
    for target in {t for t, _ in added}:
        places[target].mentions.sort(key=lambda m: (m.start, m.end))
    return places


def _place_at(places: list[Place], tok: Token) -> int | None:
    """Index of the place with a mention covering the token."""
    for i, p in enumerate(places):
        if any(m.start <= tok.idx < m.end for m in p.mentions):
            return i
    return None


def _possessor_country(ctx: Context, places: list[Place], possessor: Token | None) -> str | None:
    """The country of a capital's possessor: a place ("Kenya's"), else a country actor ("the
    nation's" read as the country)."""
    if possessor is None:
        return None
    i = _place_at(places, possessor)
    if i is not None and places[i].country:
        return places[i].country
    actor = ctx.actor(ctx.actor_of_span(possessor))
    return actor.country if actor is not None else None


def _antecedent(noun: PlaceNoun, start: int, named: list[tuple[int, int, str]],
                places: list[Place], sent_of, fcode, country: str | None = None) -> int | None:
    """Index of the place the nominal at ``start`` refers to, or None (module doc); with
    ``country``, only a place in that country. Among the places in the window: one named with
    the noun itself ("the Kherson region" for "the region"), then the noun's preferred feature
    class (its first listed: "the region" is a region before it is a province), then the
    last mentioned."""
    counts: dict[int, int] = {}
    recent: dict[int, int] = {}  # place index -> its last compatible mention in the window
    own_word: set[int] = set()
    here = sent_of(start)
    for m_start, i, last_word in named:
        if m_start >= start:
            break
        if not noun.fits(places[i], fcode) or (country is not None and places[i].country != country):
            continue
        counts[i] = counts.get(i, 0) + 1
        if here - sent_of(m_start) <= noun.window:
            recent[i] = m_start
            if last_word == noun.noun:
                own_word.add(i)
    if recent:
        return max(recent, key=lambda i: (i in own_word, -noun.rank(places[i]), recent[i]))
    if not counts:
        return None
    ranked = sorted(counts.values(), reverse=True)
    best = max(counts, key=lambda i: counts[i])
    if counts[best] >= DOMINANT_MIN and (len(ranked) == 1 or ranked[0] > ranked[1]):
        return best
    return None
