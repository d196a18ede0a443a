"""Places named inside organizations' names: "Nebraska" and "Omaha" in "University of Nebraska
at Omaha", "Omaha" in "Metro Omaha Transit Authority", "LA" in "the LA Harbor Commission",
"Ohio" in "University of Northern Ohio", "Portugal" in "Statistics Portugal".

spaCy's entities are flat: an organization's name hides the place it names, and the gazetteer
sometimes knows the whole name as a place of its own (GeoNames lists campuses as populated
places), so the organization is read as the place. Analysts want both: the organization stays
one actor over its whole name (the actors stage is not touched), and the place inside it
becomes a mention of that place, geocoded and clustered with its other mentions by the places
stage (`khabar.extract.places`, source ``nested``).

Three positions, each a general pattern (words in `org_words.yaml`):
- after a join word: "<X> of <Place>", "<X> for <Place>", "<X> at <Place>" — every place of the
  capitalized run after it ("Dairy Council of Portugal and Spain"), leading direction
  words skipped when the gazetteer lacks the whole ("Northern Ohio" → "Ohio");
- leading: "<Place> <rest>" ("Portland Fire Bureau", "Kenya Airways"), after leading generic
  words ("Metro Omaha …", `words.yaml` ``generic``);
- trailing: "<sector word> <Place>" ("Statistics Portugal", "Tourism Chile"): only a
  country, first-level area or region, and only after a sector word of `org_words.yaml`
  ("Real Madrid" is not read so).

Guards: the inner name must be a place of some standing — a country, first-level area or
curated region; a county named in full ("Douglas County"); a city of MIN_CITY_POPULATION people
by its own name, or of MIN_ALIAS_CITY_POPULATION by an acronym in capitals ("LA", "NYC"; other
alternate names are too noisy: a small town's own name is often also an alternate name of a
city of a million) — never a plural word that is only
another name ("States"), never the whole name, never a surname of a person of the article.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..knowledge.load import load_yaml_mapping
from .names import GENERIC_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .lookup import Candidate, Gazetteer

ORG_WORDS_FILE = Path(__file__).resolve().parent / "org_words.yaml"
# a city inside an organization's name, by its own name / by another of its names
MIN_CITY_POPULATION = 50_000
MIN_ALIAS_CITY_POPULATION = 500_000
# longest place name tried inside a name, in tokens ("Bosnia and Herzegovina")
MAX_PLACE_TOKENS = 4
# words joining the parts of a place list after a join word ("… of Portugal and Spain")
_CONNECTORS = frozenset({"and", "&"})
# punctuation that may stand inside such a list ("Wisconsin-Milwaukee", "Ohio's")
_RUN_PUNCT = frozenset({"-", "'s", "\u2019s", ","})
# features that close a sector-led name ("Statistics Portugal"); cities do not ("Atletico Madrid")
_TRAILING_FEATURES = frozenset({"country", "admin1", "region"})


class _OrgWords(BaseModel):
    model_config = ConfigDict(extra="forbid")

    heads: list[str] = Field(min_length=1)
    sectors: list[str] = Field(min_length=1)
    joins: list[str] = Field(min_length=1)

    @field_validator("heads", "sectors", "joins")
    @classmethod
    def _lower_unique(cls, words: list[str]) -> list[str]:
        bad = [w for w in words if not isinstance(w, str) or w != w.lower() or not w.strip()
               or " " in w]
        if bad:
            raise ValueError(f"words must be single lower-case words: {bad[:3]}")
        twice = sorted({w for w in words if words.count(w) > 1})
        if twice:
            raise ValueError(f"listed twice: {twice[:3]}")
        return words


@dataclass(frozen=True)
class OrgWords:
    """The word lists of `org_words.yaml` (see the file for what each is)."""

    heads: frozenset[str]
    sectors: frozenset[str]
    joins: frozenset[str]


def load_org_words(path: Path = ORG_WORDS_FILE) -> OrgWords:
    """Read and validate an org-words file; a bad file raises `KnowledgeError` naming
    file:line."""
    words = load_yaml_mapping(path, _OrgWords, "expected a mapping with heads, sectors and joins")
    return OrgWords(frozenset(words.heads), frozenset(words.sectors), frozenset(words.joins))


@lru_cache(maxsize=1)
def default_org_words() -> OrgWords:
    return load_org_words()


def _capitalized(tok: Token) -> bool:
    return tok.text[:1].isupper() and not tok.is_punct


def _glued_hyphen(span: Span, k: int) -> bool:
    """A hyphen inside one name, between two capitalized words ("Nagorno-Karabakh")."""
    tok = span[k]
    return (tok.text == "-" and 0 < k < len(span) - 1 and span[k - 1].whitespace_ == ""
            and tok.whitespace_ == "" and _capitalized(span[k - 1]) and _capitalized(span[k + 1]))


def _ends_name(sub: Span) -> bool:
    """Can a place name end at the last token of ``sub``? Not before a hyphen or glued to the
    next token ("Ohio-based"), not on a stop word ("The", "Of"; but "US" in capitals is the
    country, not "us")."""
    last = sub[-1]
    doc = sub.doc
    if not _capitalized(last):
        return False
    if last.is_stop and not (last.text.isupper() and len(last.text) > 1):
        return False
    nxt = doc[sub.end] if sub.end < len(doc) else None
    if nxt is None:
        return True
    if nxt.text == "-" or (last.whitespace_ == "" and not nxt.is_punct and nxt.tag_ != "POS"):
        return False
    return True


class NestedPlaces:
    """Finds the places named inside an organization's name, against one gazetteer."""

    def __init__(self, gazetteer: Gazetteer, words: OrgWords | None = None) -> None:
        self.gazetteer = gazetteer
        self.words = words or default_org_words()

    # ---- what a name is ---------------------------------------------------------------------
    def is_organization(self, span: Span) -> bool:
        """Does the name hold a head word of an organization ("University of Ohio",
        "Portland Fire Bureau")? Such a name is not a place by its own name — unless the
        gazetteer knows it as a country, first-level area or region ("West Bank", "Soviet
        Union", "European Union"): only towns are named like organizations (campuses)."""
        if not any(t.lower_.strip(".") in self.words.heads for t in span):
            return False
        return not any(c.feature in ("country", "admin1", "region") and c.match <= 1
                       for c in self.gazetteer.lookup(span.text, max_kind=1, limit=10))

    def standing(self, text: str) -> Candidate | None:
        """The gazetteer's reading of ``text`` as a place of some standing (module doc), or
        None."""
        n_tokens = len(text.split())
        acronym = text.replace(".", "").isupper()
        candidates = [c for c in self.gazetteer.lookup(text, max_kind=1, limit=10) if c.match <= 1]
        own = [c for c in candidates if c.match == 0]
        if own:
            # the most populous place of that very name decides, as the resolver will mostly
            # pick it: "Surrey" is first the English county, which has no standing as one
            # word, so the Canadian city of that name does not count; a municipality named like its
            # city ("Rotterdam") stands for that city
            top = own[0]
            candidates = [top] if top.feature != "admin2" or n_tokens > 1 else [
                c for c in own if c.feature == "city" and c.country == top.country][:1]
        for c in candidates:
            if c.feature in ("country", "admin1", "region"):
                return c
            if c.feature == "admin2" and c.match == 0 and n_tokens > 1:
                return c  # a county named in full ("Douglas County Sheriff's Office")
            if c.feature == "city" and (
                    (c.match == 0 and c.population >= MIN_CITY_POPULATION)
                    or (acronym and c.population >= MIN_ALIAS_CITY_POPULATION)):
                return c
        return None

    # ---- finding ----------------------------------------------------------------------------
    def find(self, span: Span, surnames: Collection[str] = ()) -> list[tuple[int, int]]:
        """Character spans of the places named inside the organization name ``span`` (without
        a leading "the" or a possessive), in text order, never the whole name."""
        found: list[tuple[int, int]] = []

        def keep(sub: Span) -> None:
            if len(sub) == len(span) or sub.text in surnames:
                return
            if any(s < sub.end_char and sub.start_char < e for s, e in found):
                return
            found.append((sub.start_char, sub.end_char))

        for sub in self._after_joins(span):
            keep(sub)
        lead = self._leading(span)
        if lead is not None:
            keep(lead)
        trail = self._trailing(span)
        if trail is not None:
            keep(trail)
        return sorted(found)

    def _longest_at(self, span: Span, i: int, stop: int) -> Span | None:
        """The longest place of some standing that starts at token ``i`` and ends before
        ``stop`` (span-relative indices)."""
        for k in range(min(stop, i + MAX_PLACE_TOKENS), i, -1):
            if k - i == len(span):
                continue  # the whole name: "Enugu State" (the ORG) is read as "Enugu" inside
            sub = span[i:k]
            if not _ends_name(sub):
                continue
            word = sub[0].lower_
            if k - i == 1 and (word in GENERIC_WORDS or word in self.words.sectors
                               or word in self.words.heads or (
                    sub[0].tag_ in ("NNS", "NNPS") and not self._own_name(sub.text))):
                # "Metro", "States", "Rugby" (of "Rugby Kenya"): words of the name first,
                # places only by their own name
                continue
            if self.standing(sub.text) is not None:
                return sub
        return None

    def _own_name(self, text: str) -> bool:
        return any(c.match == 0 for c in self.gazetteer.lookup(text, max_kind=0, limit=1))

    def _named_from(self, span: Span, i: int, stop: int) -> bool:
        """Does a longer name the gazetteer knows start at token ``i`` ("New Boston", "North
        Portland")? Then its first word is part of a place's name, not a modifier to skip."""
        return any(self.gazetteer.lookup(span[i:k].text, max_kind=1, limit=1)
                   for k in range(i + 2, min(stop, i + MAX_PLACE_TOKENS) + 1))

    def _run_places(self, span: Span, i: int, stop: int, first_only: bool) -> Iterator[Span]:
        """Places of the capitalized run span[i:stop]: one may start at the run's start, after
        generic words no longer name starts with ("Metro Omaha", "Northern Ohio"; not
        "New Boston"), or after a connector ("Portugal and Spain", "Wisconsin-
        Milwaukee"). A part that is no place (or a small one) is passed over up to the next
        connector: "Concord" of "New Concord Reservoir" is not read."""
        while i < stop:
            if span[i].lower_ in _CONNECTORS or span[i].is_punct:
                i += 1
                continue
            sub = self._longest_at(span, i, stop)
            if sub is not None:
                yield sub
                if first_only:
                    return
                i += len(sub)
                continue
            if span[i].lower_ in GENERIC_WORDS and not self._named_from(span, i, stop):
                i += 1
                continue
            while i < stop and not (span[i].lower_ in _CONNECTORS or span[i].is_punct):
                i += 1
            if first_only:
                return

    def _after_joins(self, span: Span) -> Iterator[Span]:
        """Every place in the capitalized run after each join word: "University of Nebraska at
        Omaha" → Nebraska, Omaha; "Dairy Council of Portugal and Spain" → Portugal, Spain;
        "University of Northern Ohio" → Ohio."""
        n = len(span)
        for j, tok in enumerate(span):
            if tok.lower_ not in self.words.joins or not 0 < j < n - 1 or not tok.is_lower:
                continue
            i = j + 1
            if span[i].lower_ == "the":
                i += 1
            stop = i
            while stop < n and (_capitalized(span[stop]) or span[stop].lower_ in _CONNECTORS
                                or span[stop].text in _RUN_PUNCT):
                stop += 1
            yield from self._run_places(span, i, stop, first_only=False)

    def _leading(self, span: Span) -> Span | None:
        """The place opening the name ("Portland Fire Bureau", "LA Harbor Commission"), also
        after generic words ("Metro Omaha Transit Authority")."""
        stop = next((k for k, t in enumerate(span)
                     if not _capitalized(t) and t.tag_ != "POS" and not _glued_hyphen(span, k)),
                    len(span))
        return next(self._run_places(span, 0, stop, first_only=True), None)

    def _trailing(self, span: Span) -> Span | None:
        """A country, first-level area or region closing a name opened by a sector word
        ("Statistics Portugal", "Tourism Chile", "Team Kenya")."""
        n = len(span)
        if n < 2 or not any(t.lower_ in self.words.sectors for t in span[:-1]):
            return None
        for k in range(max(1, n - MAX_PLACE_TOKENS), n):
            sub = span[k:]
            if not _capitalized(sub[0]) or not _ends_name(sub) \
                    or span[k - 1].lower_ not in self.words.sectors | self.words.heads:
                continue
            c = self.standing(sub.text)
            if c is not None and c.feature in _TRAILING_FEATURES:
                return sub
        return None
