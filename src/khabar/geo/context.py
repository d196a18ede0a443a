"""Contextual fallback: where is a place the gazetteer does not have?

The gazetteer holds countries, areas, populated places and curated regions; it has no streets,
buildings, squares, parks, campuses or most neighbourhoods. In news such a name ("Third Street",
"the Maple Ridge school", "Anfield") is almost always inside the place the story is about, so
it is put at the most specific place of the article that is resolved with confidence and near
it, and flagged as contextual (`Place.inferred`), never given that place's GeoNames id:

1. ``qualifier``: the place named right after it ("Third Street, Springfield");
   ``name``: a place named inside it: one the article resolves elsewhere ("Kabul University"
   in a story that names Kabul), else a country, first-level area or region ("Kansas State
   University", "Nazi Germany", "Vatican Gardens");
2. ``sentence``: the nearest city (or admin2 area) resolved in the same sentence;
3. ``dateline``: the dateline place ("NAIROBI (Reuters) —"), where the story was filed from;
4. ``paragraph``: the nearest city (or admin2 area) resolved in the same paragraph;
5. ``main``: the article's most mentioned city (ties: the earliest);
6. ``main-area``: else the most mentioned first-level area or region, else country.

Each step is less certain than the one before; ``CONFIDENCE`` says how much (read by the
extractor and shown by ``khabar explain``). A name that is only an adjective of the gazetteer
("Korean") is not a place and gets no contextual position.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lookup import Candidate, Gazetteer
from .names import ABROAD_WORDS, FEATURE_WORDS, GENERIC_WORDS, name_key

if TYPE_CHECKING:
    from .resolve import Resolution

# how sure the contextual position is, by the step that gave it (a resolved place is 1.0)
CONFIDENCE = {
    "qualifier": 0.8,
    "name": 0.7,
    "sentence": 0.7,
    "paragraph": 0.6,
    "dateline": 0.6,
    "main": 0.5,
    "main-area": 0.3,
}
# readings specific enough to hold a street or a building
LOCAL_FEATURES = ("city", "admin2")
AREA_FEATURES = ("admin1", "region", "other", "country")

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_PARAGRAPH_END = re.compile(r"\n\s*")


@dataclass(frozen=True)
class ContextPlace:
    """The position given to a toponym the gazetteer lacks: ``place`` is where it is taken to
    be (a place of the article), ``reason`` the step of the fallback, ``anchor`` the text of
    the mention it was taken from."""

    place: Candidate
    reason: str
    anchor: str

    @property
    def confidence(self) -> float:
        return CONFIDENCE[self.reason]


def _breaks(text: str, pattern: re.Pattern) -> list[int]:
    return [m.end() for m in pattern.finditer(text)]


def _confident(r: Resolution) -> Candidate | None:
    """The chosen place of a toponym when it can anchor others: a real place name, not an
    adjective ("Kenyan") nor an abbreviation ("Ill.", only meaningful as a qualifier)."""
    best = r.best
    if best is None or best.match >= 4 or r.context is not None or r.stray:
        return None
    return best


def place_in_context(text: str, resolutions: list[Resolution],
                     gazetteer: Gazetteer | None = None) -> None:
    """Give every resolution without candidates a `ContextPlace` (``r.context``) when the
    article has a place to put it in. ``resolutions`` are in the order of the toponyms given
    to the resolver (qualifier indexes point into it); offsets are into ``text``."""
    missing = [r for r in resolutions if not r.candidates or r.stray]
    if not missing:
        return
    sentences, paragraphs = _breaks(text, _SENTENCE_END), _breaks(text, _PARAGRAPH_END)
    anchors = sorted(((r.toponym.start, r.toponym.text, c) for r in resolutions
                      if (c := _confident(r)) is not None), key=lambda a: a[0])
    local = [a for a in anchors if a[2].feature in LOCAL_FEATURES]
    dateline = next((r for r in resolutions if r.toponym.dateline and _confident(r)), None)
    main = _main(local) or _main([a for a in anchors if a[2].feature in AREA_FEATURES[:3]]) \
        or _main([a for a in anchors if a[2].feature == "country"])
    by_name = {name_key(a[1]): a[2] for a in reversed(anchors)}
    countries = {a[2].country for a in anchors if a[2].country}
    for r in missing:
        t = r.toponym
        if t.qualifier is not None:  # index into the same list (the resolver keeps order)
            q = resolutions[t.qualifier]
            if (c := _confident(q)) is not None and c.feature != "country":
                r.context = ContextPlace(c, "qualifier", q.toponym.text)
                continue
        # (not for a stray: the whole name is a town's, so a word inside it, as in
        # "Washington Square", names a person more often than a place)
        inner = None if r.stray else _inner_place(t.text, by_name, gazetteer, countries)
        if inner is not None:
            r.context = ContextPlace(inner[1], "name", inner[0])
            continue
        sentence = bisect_right(sentences, t.start)
        paragraph = bisect_right(paragraphs, t.start)
        near = _nearest(t.start, [a for a in local
                                  if bisect_right(sentences, a[0]) == sentence])
        reason = "sentence"
        if near is None and dateline is not None:
            # not beside another city: the story's own place, where it was filed from
            r.context = ContextPlace(dateline.best, "dateline", dateline.toponym.text)
            continue
        if near is None:
            near = _nearest(t.start, [a for a in local
                                      if bisect_right(paragraphs, a[0]) == paragraph])
            reason = "paragraph"
        if near is not None:
            r.context = ContextPlace(near[2], reason, near[1])
        elif main is not None:
            reason = "main" if main[2].feature in LOCAL_FEATURES else "main-area"
            r.context = ContextPlace(main[2], reason, main[1])


def _nearest(start: int, anchors: list[tuple[int, str, Candidate]]):
    """The anchor closest in the text; one before the name wins a tie (the story's setting
    is usually named first)."""
    if not anchors:
        return None
    return min(anchors, key=lambda a: (abs(a[0] - start), a[0] > start))


def _main(anchors: list[tuple[int, str, Candidate]]):
    """The most mentioned place among anchors (ties: the earliest), with its first mention."""
    if not anchors:
        return None
    counts = Counter(a[2].id for a in anchors)
    top = max(counts.values())
    return next(a for a in anchors if counts[a[2].id] == top)


# names of a few words: the run of words inside a longer name that may name a place
_WORD = re.compile(r"[A-Z][\w'’.-]*")
AREA_READINGS = ("country", "admin1", "region")


def _inner_place(name: str, by_name: dict[str, Candidate], gazetteer: Gazetteer | None,
                 countries: frozenset[str] | set[str] = frozenset()) -> tuple[str, Candidate] | None:
    """A place named by a run of capitalized words inside ``name`` (longest run first): a
    place the article resolves, else (with a gazetteer) a country, first-level area or
    region known by that name. Generic words alone ("North", "Park") name nothing. A
    first-level area must lie in one of the article's ``countries`` (when it has any):
    "Vienna" in "Vienna Metro station" of a Virginia story is not the Austrian state, "Lakes"
    of "Maple Ridge Lakes Elementary School" not the South Sudanese one. An institution that
    stands abroad (an embassy) is not placed in the country it names."""
    words = [m.group(0) for m in _WORD.finditer(name)]
    if len(words) < 2:
        return None
    abroad = bool(ABROAD_WORDS & {w.lower().strip(".") for w in words})
    # (a feature named with an adjective is no institution of that place: "French Quarter")
    feature = words[-1].lower().strip(".") in FEATURE_WORDS

    def fits(c: Candidate) -> bool:
        if c.feature == "admin1":
            return not countries or c.country in countries
        return c.feature in AREA_READINGS and not (abroad and c.feature == "country")

    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            run = words[i:i + n]
            if all(w.lower().rstrip(".") in GENERIC_WORDS for w in run):
                continue
            sub = " ".join(run)
            if sub not in name:
                continue  # words not adjacent in the name ("Bains and Grants")
            c = by_name.get(name_key(sub))
            if c is None and gazetteer is not None:
                # an adjective only where it leads the name: "European Commission",
                # "Polish Higher School of Mining" (an institution of that place)
                lead = i == 0 and not abroad and not feature
                c = next((x for x in gazetteer.lookup(sub, max_kind=4 if lead else 1,
                                                      limit=10) if fits(x)), None)
            if c is not None:
                return sub, c
    return None
