"""Strays: readings that are the gazetteer's namesake of a place it lacks.

A small place far from all the article's other places is rarely the one meant: "Bourbon"
(Street) in a New Orleans story is not Bourbon, Indiana; "Heathrow" in a London one is not
Heathrow, Florida; "Washington Square" in a New Orleans story is the square there, not the
Pennsylvania town of 13,000. The gazetteer lacks the feature meant, so a stray is placed by
context (`khabar.geo.context`). Three rules:

1. ``small``: a town under `STRAY_POPULATION` people (`FEATURE_STRAY_POPULATION` when its
   name ends in a feature word: "Square", "House", "Lagoon") more than `STRAY_KM` from every
   sure place of the article (an area, region, or a town that is not small itself);
2. ``far``: a town under `FAR_POPULATION` in none of the countries of the article's other
   places and `FAR_KM` from all of them ("Delft" in a Cape Town story is the township, not
   the Dutch city).

A qualified name ("Bourbon, Ind."), the dateline, and a name in an article with no other
place keep their reading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lookup import distance_km
from .names import FEATURE_WORDS, name_key

if TYPE_CHECKING:
    from .resolve import Resolution

STRAY_POPULATION = 10_000
FEATURE_STRAY_POPULATION = 50_000
STRAY_KM = 500.0
FAR_POPULATION = 100_000
FAR_KM = 2000.0


def stray_population(name: str) -> int:
    """The population under which a reading of ``name`` far from the article is a stray."""
    words = name.split()
    if len(words) > 1 and words[-1].lower().strip(".") in FEATURE_WORDS:
        return FEATURE_STRAY_POPULATION
    return STRAY_POPULATION


def mark_strays(out: list[Resolution], qualified: list[bool]) -> None:
    """Set ``stray`` on the resolutions whose best reading is a stray. ``qualified[i]``: the
    i-th toponym's reading is backed by a qualifier ("X, Y")."""
    def small(r: Resolution) -> bool:
        b = r.best
        return b is not None and b.feature == "city" and b.population < stray_population(
            r.toponym.text)

    def keeps(i: int, r: Resolution) -> bool:
        return r.toponym.dateline or qualified[i]

    sure = [r.best for r in out if r.best is not None and r.best.match <= 3 and not small(r)
            and r.best.feature != "country"]
    if sure:
        for i, r in enumerate(out):
            if not small(r) or keeps(i, r):
                continue
            b = r.best
            if all(distance_km(b.lat, b.lon, p.lat, p.lon) > STRAY_KM for p in sure):
                r.stray = True
    others = [(name_key(r.toponym.query), r.best) for r in out
              if r.best is not None and r.best.match <= 3]
    for i, r in enumerate(out):
        b = r.best
        if (b is None or r.stray or b.feature != "city" or b.population >= FAR_POPULATION
                or keeps(i, r)):
            continue
        key = name_key(r.toponym.query)
        rest = [p for k, p in others if k != key]
        if rest and all(p.country != b.country and (p.feature == "country" or distance_km(
                b.lat, b.lon, p.lat, p.lon) > FAR_KM) for p in rest):
            r.stray = True
