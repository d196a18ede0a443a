"""Prominence of one reading among the places sharing a name.

The population prior (`khabar.geo.resolve`) counts a place's size on a log scale, so a town of
8,000 is only 0.9 behind a city of 650,000, and a little context (the article names the town's
state for another reason) turns "Boston" into Boston, New York. A name whose largest reading
dwarfs every other one is almost always that reading in news: the `dominant` part adds to
it by how many times (in decades beyond `DOMINANT_RATIO`) it is larger than the next reading,
capped, so that strong local context (a qualifier "Boston, Ga.", an article full of the
town's neighbours) can still win.

The other way round, the `isolated` part takes from a country reading that fits none of the
article's other names when a town of that name fits them well (see `isolated_countries`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .lookup import Candidate

W_DOMINANT = 1.0          # per decade of population beyond DOMINANT_RATIO
DOMINANT_MIN_POP = 100_000  # only a real city (or area) dwarfs its namesakes
DOMINANT_RATIO = 1.0      # log10: at least 10× the next reading
DOMINANT_CAP = 1.5        # decades counted at most
_FLOOR = 1_000            # a name with no other populated reading compares with a hamlet
# (countries and curated regions have their own priors in resolve; only populated readings
# that compete by population are compared here)
_COMPARED = ("city", "admin1", "admin2")


def dominance(cands: list[Candidate]) -> list[float]:
    """The `dominant` part for each candidate (0.0 for most)."""
    pops = [c.population if c.match <= 1 and c.feature in _COMPARED else 0 for c in cands]
    out = [0.0] * len(cands)
    for k, pop in enumerate(pops):
        if pop < DOMINANT_MIN_POP:
            continue
        other = max((p for j, p in enumerate(pops) if j != k), default=0)
        decades = math.log10(pop / max(other, _FLOOR)) - DOMINANT_RATIO
        out[k] = W_DOMINANT * min(DOMINANT_CAP, max(0.0, decades))
    return out


# a country reading that fits none of the article's other names, while a town of the same
# name fits them well, is the town: "Lebanon" in an obituary naming Myerstown and Jackson
# Township is Lebanon, Pennsylvania; "Jordan" beside Robbinsdale is Jordan, Minnesota
W_ISOLATED = -1.5
ISOLATED_FIT = 0.05        # the country's coherence (mean fit over the other names) below this
TOWN_FIT = 0.3             # ... and another reading's above this


def isolated_countries(cands: list[Candidate], fits: Sequence[float] | None) -> list[bool]:
    """For each candidate: is it a country reading isolated in the article? ``fits`` are the
    candidates' coherence values (None when the article has one name)."""
    if fits is None:
        return [False] * len(cands)
    best = max((float(f) for c, f in zip(cands, fits, strict=True) if c.feature != "country"),
               default=0.0)
    return [c.feature == "country" and float(f) < ISOLATED_FIT and best > TOWN_FIT
            for c, f in zip(cands, fits, strict=True)]
