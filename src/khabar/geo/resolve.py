"""Toponym resolution with document context: which of the places called "Georgia" is meant here.

Every candidate gets a score that is a sum of named parts (kept for ``khabar explain``):

- ``population``, ``feature``, ``match``: the prior. Big places, countries, capitals and curated
  regions first; a name that is only an alternate or derived form of a place counts less.
- ``same_name_area``: "Baghdad" is the city, not the governorate of the same name around it.
- ``cue``: the words around the name ("Kherson region", "the city of Nice", "Jordan River").
- ``qualifier``: "Paris, Texas" / "Springfield, Ill." — the place lies in the named area.
- ``dateline``: "NAIROBI (Reuters) —" makes the dateline's country and area likely.
- ``country`` / ``admin1``: the countries and first-level areas the article names elsewhere.
- ``inside``: the place lies in a region or area the article names ("the Donbas").
- ``spread``: closeness to the other places of the article (a story's places cluster).
- ``coherence``: for each *other* name of the article, how well its likely readings fit this
  candidate (same area, inside one another, or near): "Paris and Henry County" is Paris,
  Tennessee, seat of Henry County, Tennessee, though neither name alone says so.

Context parts use the current choice for the *other* toponyms, so resolution runs a few rounds
until the choices settle. Mentions of the same name with the same cue are one decision ("one
sense per discourse"). Only general rules: nothing here names a place.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from .context import ContextPlace, place_in_context
from .cues import AREA_CUES, CITY_CUES, WATER_CUES, find_cue, link_qualifiers  # noqa: F401
from .demonyms import demonym_readings
from .lookup import Candidate, Gazetteer, distance_km
from .names import name_key
from .prominence import W_ISOLATED, dominance, isolated_countries
from .strays import mark_strays

# (the cue readers live in `cues`; the extractor and the benchmark import them from here)

# weights of the score parts (one place to read and tune them, measured on whole sets)
W = {
    "population": 0.45,      # × log10(population + 1)
    "country": 2.5,          # prior of a country for a name that is a country name
    "admin1": 0.6,
    "capital": 1.0,
    "region": 2.0,
    "alias": -1.0,           # name is another real name of the place
    "derived": -1.2,         # name is a derived form ("Kherson" for "Kherson Oblast")
    "abbreviation": -0.3,
    "demonym": -0.5,
    "same_name_area": -1.5,
    "named_like_region": -3.0,  # a town named like a curated region ("Middle East")
    "cue_match": 2.5,
    "cue_clash": -1.0,
    "qualifier": 4.0,
    "dateline_city": 1.0,    # the dateline toponym itself: cities first
    "dateline_country": 1.2,
    "dateline_admin1": 0.8,
    "ctx_country": 1.25,     # the article names the candidate's country
    "ctx_country_weak": 0.8,  # ... or a place in that country
    "ctx_admin1": 0.9,
    "inside": 0.8,
    "spread": 1.2,
    "coherence": 3.0,
}
# how much a reading of another name counts in `coherence`, by its score below that name's best
PRIOR_SOFTNESS = 2.0
# affinity of two readings by distance: 1 - log10(1 + km) / DISTANCE_SCALE, floored at 0
DISTANCE_SCALE = 4.0
SAME_ADMIN1 = 0.8
# affinity of two different countries in `coherence` (a story naming both is about both)
COUNTRY_PAIR = 0.4
ROUNDS = 3


@dataclass
class Toponym:
    """A place name in a text. ``query`` is what is looked up (cue words stripped)."""

    text: str
    start: int
    end: int
    query: str
    cue: str | None = None       # "area" | "city" | "water" | None
    qualifier: int | None = None  # index of the toponym naming the area it lies in
    qualifies: bool = False      # this toponym is a qualifier ("Ill." in "Springfield, Ill.")
    dateline: bool = False
    source: str = "ner"


@dataclass
class Scored:
    candidate: Candidate
    score: float
    parts: dict[str, float] = field(default_factory=dict)


@dataclass
class Resolution:
    toponym: Toponym
    candidates: list[Scored]
    context: ContextPlace | None = None  # no candidate: placed by the article (geo.context)
    stray: bool = False  # the best reading is a small place far from the article's others

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0].candidate if self.candidates else None

    @property
    def place(self) -> Candidate | None:
        """Where the toponym is: its chosen place, else its contextual position."""
        if self.candidates and not self.stray:
            return self.candidates[0].candidate
        return self.context.place if self.context is not None else None


# ---- scoring --------------------------------------------------------------------------------
def _prior(c: Candidate, t: Toponym, inner: set[str]) -> dict[str, float]:
    parts = {"population": W["population"] * math.log10(c.population + 1)}
    if c.feature == "country" and c.match != 3:
        # (an abbreviation is as likely any area's: "SA" is South Africa or South Australia)
        parts["feature"] = W["country"]
    elif c.feature == "admin1":
        parts["feature"] = W["admin1"]
    elif c.fcode == "PPLC":
        parts["feature"] = W["capital"]
    elif c.feature in ("region", "other"):
        parts["feature"] = W["region"]
    if c.match == 1 and c.feature not in ("region", "other"):
        # (a curated region's other names are its usual short forms: "Atlantic", "Mideast")
        parts["match"] = W["alias"]
    elif c.match == 2:
        parts["match"] = W["derived"]
    elif c.match == 3:
        parts["match"] = W["abbreviation"]
    elif c.match == 4:
        parts["match"] = W["demonym"]
    # an area sharing its name with the city inside it or the country around it is the less
    # likely reading: "Baghdad" (governorate), "Mexico" (state)
    # ... and so is an area named like its country's capital ("Washington" the state)
    if c.feature in ("admin1", "admin2") and t.cue != "area" and (
            c.area_code in inner or c.country in inner or f"capital:{c.country}" in inner):
        parts["same_name_area"] = W["same_name_area"]
    # a town or an area named like a curated region ("Middle East", "Sahel", "Gulf" County) is
    # rarely what news means, unless a kind word says so ("Gulf County")
    if c.feature in ("city", "admin1", "admin2") and t.cue is None and "curated" in inner:
        parts["named_like_region"] = W["named_like_region"]
    # a dateline names the city the story was filed from ("WASHINGTON (AP) —")
    if t.dateline and c.feature == "city":
        parts["dateline_city"] = W["dateline_city"]
    if t.cue:
        fits = {
            "area": c.feature in ("admin1", "admin2", "region"),
            "city": c.feature == "city",
            "water": c.fclass == "H",
        }[t.cue]
        parts["cue"] = W["cue_match"] if fits else W["cue_clash"]
    return parts


def _within(c: Candidate, area: Candidate) -> bool:
    """Does candidate c lie in area (by codes: country, admin1, admin2)?"""
    if area.id == c.id:
        return False
    if area.feature == "country":
        return c.country == area.country
    if area.feature == "admin1":
        return c.admin1_code is not None and c.admin1_code == area.admin1_code
    if area.feature == "admin2":
        return c.admin2_code is not None and c.admin2_code == area.admin2_code
    return False


class Resolver:
    """Resolves the toponyms of one document against a `Gazetteer`."""

    def __init__(self, gazetteer: Gazetteer, max_candidates: int = 40):
        self.gazetteer = gazetteer
        self.max_candidates = max_candidates
        self._bbox_cache: dict[int, tuple | None] = {}

    def candidates(self, t: Toponym) -> list[Candidate]:
        # abbreviations only as qualifiers ("Ga." is Georgia only after "Atlanta, ") or when
        # dotted twice ("S.C."); demonyms ("Canadian") compete with the places of that name,
        # and callers decide whether to keep a mention read as a demonym
        abbreviation = t.qualifies or t.text.count(".") >= 2
        kinds = (0, 1, 2, 3, 4) if abbreviation else (0, 1, 2, 4)
        found = [c for c in self.gazetteer.lookup(t.text, max_kind=4, limit=self.max_candidates)
                 if c.match in kinds]
        if not [c for c in found if c.match != 4] and t.query != t.text:
            found += self.gazetteer.lookup(t.query, max_kind=3 if abbreviation else 2,
                                           limit=self.max_candidates)
        if not found and not abbreviation:
            # a name handed in as a place that is only an abbreviation ("officials in BC
            # said", "across WA") means that area rather than a guess from the context
            found = [c for c in self.gazetteer.lookup(t.text, max_kind=3, limit=self.max_candidates)
                     if c.match == 3]
        if not found:
            # an adjective the gazetteer does not list ("Sicilian"): the place it comes from
            found = demonym_readings(self.gazetteer, t.text)
        return found

    def _bbox(self, place_id: int) -> tuple | None:
        if place_id not in self._bbox_cache:
            self._bbox_cache[place_id] = self.gazetteer.bbox(place_id)
        return self._bbox_cache[place_id]

    def resolve(self, toponyms: list[Toponym], text: str | None = None) -> list[Resolution]:
        """One resolution per toponym, in order. With the article's ``text``, toponyms that
        have no candidate get a contextual position (`khabar.geo.context`)."""
        cands = [self.candidates(t) for t in toponyms]
        priors: list[list[dict[str, float]]] = []
        for t, cs in zip(toponyms, cands, strict=True):
            inner = {c.admin1_code for c in cs if c.feature == "city" and c.match == 0}
            inner |= {c.admin2_code for c in cs if c.feature == "city" and c.match == 0}
            inner |= {c.country for c in cs if c.feature == "country" and c.match < 4}
            inner |= {f"capital:{c.country}" for c in cs if c.fcode == "PPLC" and c.match == 0}
            inner.discard(None)
            # (by its own name or another real one: "Atlantic" for the Atlantic Ocean)
            if any(c.feature in ("region", "other") and c.match <= 1 for c in cs):
                inner.add("curated")
            ps = [_prior(c, t, inner) for c in cs]
            for p, extra in zip(ps, dominance(cs), strict=True):
                if extra:
                    p["dominant"] = extra
            priors.append(ps)

        # decisions are shared by mentions of the same name, cue and readings; context is
        # computed once per such group (a long article names the same places hundreds of times)
        groups: dict[tuple, list[int]] = defaultdict(list)
        for i, t in enumerate(toponyms):
            groups[(name_key(t.query), t.cue, t.qualifies, tuple(c.id for c in cands[i]))].append(i)
        qualifier = [self._qualifier(i, toponyms, cands) for i in range(len(toponyms))]

        affinity = _Affinity(toponyms, cands)
        parts_all: list[list[dict[str, float]]] = priors
        picks: list[Candidate | None] = [None] * len(toponyms)
        for _ in range(ROUNDS):
            totals = [np.array([sum(p.values()) for p in ps]) for ps in parts_all]
            coherence = affinity.support(totals)
            parts_all = [[dict(p) for p in ps] for ps in priors]
            if any(p is not None for p in picks):
                for key, members in groups.items():
                    others = [(picks[m[0]], len(m), any(toponyms[i].dateline for i in m))
                              for k2, m in groups.items()
                              if k2[0] != key[0] and picks[m[0]] is not None]
                    context = [self._context(c, others) for c in cands[members[0]]]
                    for i in members:
                        for parts, extra in zip(parts_all[i], context, strict=True):
                            parts.update(extra)
            for i, values in enumerate(coherence):
                lone = isolated_countries(cands[i], values)
                for k, parts in enumerate(parts_all[i]):
                    if values is not None:
                        parts["coherence"] = W["coherence"] * float(values[k])
                    if lone[k]:
                        parts["isolated"] = W_ISOLATED
                    if qualifier[i] is not None and qualifier[i][k]:
                        parts["qualifier"] = W["qualifier"]
            new_picks = list(picks)
            for members in groups.values():
                if not cands[members[0]]:
                    continue
                group_total = [0.0] * len(cands[members[0]])
                for i in members:
                    for k, parts in enumerate(parts_all[i]):
                        group_total[k] += sum(parts.values())
                best = max(range(len(group_total)), key=group_total.__getitem__)
                for i in members:
                    new_picks[i] = cands[i][best]
            if new_picks == picks:
                break
            picks = new_picks

        out = []
        for t, cs, ps in zip(toponyms, cands, parts_all, strict=True):
            scored = sorted((Scored(c, sum(p.values()), p) for c, p in zip(cs, ps, strict=True)),
                            key=lambda s: -s.score)
            out.append(Resolution(t, scored))
        # the group decision wins over a single mention's own ranking
        for i, r in enumerate(out):
            if picks[i] is not None and r.candidates and r.candidates[0].candidate != picks[i]:
                r.candidates.sort(key=lambda s: s.candidate != picks[i])
        if text is not None:
            mark_strays(out, [q is not None and any(q) for q in qualifier])
            place_in_context(text, out, self.gazetteer)
        return out

    @staticmethod
    def _qualifier(i: int, toponyms: list[Toponym], cands) -> list[bool] | None:
        """"X, Y": which readings of X lie in a reading of Y, and which readings of Y hold a
        reading of X. None for a toponym in no such pair."""
        t = toponyms[i]
        if t.qualifier is None and not t.qualifies:
            return None
        fits = [False] * len(cands[i])
        for k, c in enumerate(cands[i]):
            if t.qualifier is not None and any(_within(c, a) for a in cands[t.qualifier]):
                fits[k] = True
            if t.qualifies and any(other.qualifier == i and any(_within(x, c) for x in cands[j])
                                   for j, other in enumerate(toponyms)):
                fits[k] = True
        return fits

    def _context(self, c: Candidate, others: list[tuple[Candidate, int, bool]]) -> dict[str, float]:
        """Parts from the current choices for the article's other names: (place, number of
        mentions, said in the dateline)."""
        parts: dict[str, float] = {}
        # (a place of the article in an admin1 no longer counts for that admin1 by itself:
        # coherence weighs that, and a single early choice used to lock a wrong area in)
        countries, countries_weak, admins = set(), set(), set()
        dists: list[tuple[float, int]] = []
        inside = False
        for p, weight, dateline in others:
            if dateline:
                if p.country and p.country == c.country and c.feature != "country":
                    parts["dateline"] = W["dateline_country"]
                if p.admin1_code and p.admin1_code == c.admin1_code and c.feature != "admin1":
                    parts["dateline"] = parts.get("dateline", 0) + W["dateline_admin1"]
            if p.feature == "country":
                countries.add(p.country)
            elif p.country:
                countries_weak.add(p.country)
            if p.feature == "admin1":
                admins.add(p.admin1_code)
            if p.feature in ("region", "other") and not inside:
                box = self._bbox(p.id)
                inside = box is not None and box[0] <= c.lat <= box[1] and box[2] <= c.lon <= box[3]
            if p.feature != "country":
                dists.append((distance_km(c.lat, c.lon, p.lat, p.lon), weight))
        if c.feature != "country":
            if c.country in countries:
                parts["country"] = W["ctx_country"]
            elif c.country in countries_weak:
                parts["country"] = W["ctx_country_weak"]
        elif c.country in countries_weak:
            parts["country"] = W["ctx_country_weak"]  # other places of the article lie in it
        if c.feature not in ("country", "admin1"):
            if c.admin1_code in admins:
                parts["admin1"] = W["ctx_admin1"]
        if inside:
            parts["inside"] = W["inside"]
        if dists and c.feature != "country":
            # median over mentions: robust to one wrong choice elsewhere
            dists.sort()
            half, seen, median = sum(w for _, w in dists) / 2, 0, dists[-1][0]
            for dist, w in dists:
                seen += w
                if seen > half:
                    median = dist
                    break
            parts["spread"] = W["spread"] * max(0.0, 1.0 - math.log10(1.0 + median) / 4.0)
        return parts


class _Affinity:
    """How well each reading of each name fits each reading of every other name: same admin2
    (1.0), same admin1 (0.8), else by distance (1 at 0 km, 0.5 at 100 km, 0 from 10,000 km);
    a country fits what lies in it (0.6) and nothing else."""

    def __init__(self, toponyms: list[Toponym], cands: list[list[Candidate]]):
        self.first: dict[str, int] = {}
        for i, t in enumerate(toponyms):
            if cands[i]:
                self.first.setdefault(name_key(t.query), i)
        self.toponyms, self.cands = toponyms, cands
        self.keys = list(self.first)
        if len(self.keys) < 2:
            return
        flat = [c for k in self.keys for c in cands[self.first[k]]]
        self.group = np.array([g for g, k in enumerate(self.keys) for _ in cands[self.first[k]]])
        lat = np.radians([c.lat for c in flat])
        lon = np.radians([c.lon for c in flat])
        dlat = lat[:, None] - lat[None, :]
        dlon = lon[:, None] - lon[None, :]
        a = np.sin(dlat / 2) ** 2 + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlon / 2) ** 2
        dist = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
        aff = np.clip(1.0 - np.log10(1.0 + dist) / DISTANCE_SCALE, 0.0, 1.0)
        country = np.array([c.country or "" for c in flat])
        admin1 = np.array([c.admin1_code or "" for c in flat])
        admin2 = np.array([c.admin2_code or "" for c in flat])
        is_country = np.array([c.feature == "country" for c in flat])
        same_country = (country[:, None] == country[None, :]) & (country[:, None] != "")
        aff = np.where((admin1[:, None] == admin1[None, :]) & (admin1[:, None] != ""),
                       np.maximum(aff, SAME_ADMIN1), aff)
        aff = np.where((admin2[:, None] == admin2[None, :]) & (admin2[:, None] != ""), 1.0, aff)
        either_country = is_country[:, None] | is_country[None, :]
        both_countries = is_country[:, None] & is_country[None, :]
        self.aff = np.where(either_country, np.where(same_country, 0.6, 0.0), aff)
        # two countries named in one story go together (trade, war, talks between them)
        self.aff = np.where(both_countries & ~same_country, COUNTRY_PAIR, self.aff)
        self.offsets = np.concatenate([[0], np.cumsum([len(cands[self.first[k]]) for k in self.keys])])

    def support(self, totals: list[np.ndarray]) -> list[np.ndarray | None]:
        """Per toponym, per candidate: mean over the other names of the best fit, each reading
        of another name weighted by how close its current score is to that name's best."""
        out: list[np.ndarray | None] = [None] * len(self.toponyms)
        if len(self.keys) < 2:
            return out
        score = np.concatenate([totals[self.first[k]] for k in self.keys])
        best = np.full(len(self.keys), -np.inf)
        np.maximum.at(best, self.group, score)
        weight = np.exp((score - best[self.group]) / PRIOR_SOFTNESS)
        fit = self.aff * weight[None, :]
        per_group = np.stack([fit[:, self.group == g].max(axis=1) for g in range(len(self.keys))],
                             axis=1)
        per_group[np.arange(len(score)), self.group] = 0.0
        mean = per_group.sum(axis=1) / (len(self.keys) - 1)
        for g, k in enumerate(self.keys):
            values = mean[self.offsets[g]:self.offsets[g + 1]]
            for i, t in enumerate(self.toponyms):
                if len(self.cands[i]) == len(values) and name_key(t.query) == k:
                    out[i] = values
        return out
