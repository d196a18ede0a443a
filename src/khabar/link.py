"""Cross-article event linking: reports of the same real-world event become one event cluster.

Two event reports are linked when all of these hold (defaults in `LinkThresholds`, documented in
docs/linking.md):
  1. same CAMEO root (the first two digits) — "fight" and "protest" reports never merge;
  2. dates within ``date_window_days`` (an event dated only by its article's publication date
     counts with a wider ``inferred_window_days``, since reports lag events);
  3. overlapping actors: at least one actor on each report is the same actor (same KB id, same
     code with a named country, the same normalized name, or a state and its own government,
     military or police: RUS and RUSMIL), and the actors in the same role do not contradict
     each other: when both reports have a source (or both a target), those two must be
     compatible — not two differently named persons, not two countries, not two different
     non-state codes. A generic actor without a country ("police", "protesters") takes the
     country of the event's place, so "police" in Nairobi is KENCOP;
  4. places compatible: both places known and within ``max_km``, or at least one place unknown.
     Different countries are a conflict even when the coordinates are missing.
A report joins the best-scoring cluster it is compatible with (incremental: new articles join
existing clusters; clusters are never split), and at most one report per article joins a cluster
(the within-article merge already joined repeats of one article).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class LinkThresholds:
    date_window_days: int = 2
    inferred_window_days: int = 4
    max_km: float = 100.0
    min_score: float = 1.0


# CAMEO sectors through which a state acts: "Russia" and "Russian forces" are one actor for
# linking (RUS, RUSMIL), while a country's rebels or opposition are not the state.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})


@dataclass(frozen=True)
class ActorKey:
    """What identifies an actor across articles (ids are per article, so they cannot)."""

    name: str | None
    code: str | None
    country: str | None
    kb_id: str | None
    kind: str | None = None

    def same_as(self, other: ActorKey) -> bool:
        if self.kb_id and other.kb_id:
            return self.kb_id == other.kb_id
        if self.name and other.name and (self.name == other.name or _surname_match(self.name, other.name)):
            return True
        if self.kind == "person" and other.kind == "person":
            return False  # people are told apart by name: two "opposition leaders" share a code
        if self.code and other.code and self.country and self.code == other.code:
            return True
        return self._state_of(other) or other._state_of(self)

    def _state_of(self, other: ActorKey) -> bool:
        """self is a country (code = its country) and other that country's state organ."""
        return bool(self.country and self.code == self.country and other.country == self.country
                    and other.code and other.code[:3] == self.country
                    and other.code[3:6] in STATE_SECTORS)

    def _is_state(self) -> bool:
        return bool(self.country and self.code and self.code[:3] == self.country
                    and (len(self.code) == 3 or self.code[3:6] in STATE_SECTORS))

    def conflicts(self, other: ActorKey) -> bool:
        return bool(self.country and other.country and self.country != other.country)

    def compatible(self, other: ActorKey) -> bool:
        """Could be the same actor (in the same role of one event): nothing contradicts it."""
        if self.same_as(other):
            return True
        if self.conflicts(other):
            return False
        if self.kind == "person" and other.kind == "person":
            return False  # two named people who are not the same person
        if self.code and other.code and self.country and other.country:
            return self._is_state() and other._is_state()  # a state's organs act for it
        return True


def _surname_match(a: str, b: str) -> bool:
    """'samir haddad' and 'haddad' are one person when one name ends the other."""
    short, long_ = sorted((a, b), key=len)
    return " " in long_ and long_.endswith(" " + short) and len(short) > 3


@dataclass(frozen=True)
class EventReport:
    article_id: str
    event_id: str
    cameo: str
    date: date | None
    date_inferred: bool
    source: ActorKey | None
    target: ActorKey | None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # of the place

    @property
    def root(self) -> str:
        return self.cameo[:2]

    @property
    def key(self) -> tuple[str, str]:
        return (self.article_id, self.event_id)


@dataclass
class Cluster:
    id: int
    reports: list[EventReport] = field(default_factory=list)

    @property
    def articles(self) -> set[str]:
        return {r.article_id for r in self.reports}


_NORM = re.compile(r"[^a-z0-9 ]+")
_BARE_SECTOR = re.compile(r"^[A-Z]{3}$")  # a sector code with no country part (COP, OPP, CVL)


def normalize_name(name: str | None) -> str | None:
    if not name:
        return None
    name = _NORM.sub(" ", name.lower()).strip()
    name = re.sub(r"^(the|al|el)\s+", "", name)
    return re.sub(r"\s+", " ", name) or None


def parse_date(value: str | None) -> date | None:
    """TIMEX3-ish date → a day (month/year precision → its first day; None when unparseable)."""
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def reports_from_record(record) -> list[EventReport]:
    """EventReports of one `ArticleRecord` (actors and places resolved to cross-article keys)."""
    actors = {a.id: a for a in record.actors}
    places = {p.id: p for p in record.places}

    def key(actor_id: str | None, where: str | None) -> ActorKey | None:
        a = actors.get(actor_id) if actor_id else None
        if a is None:
            return None
        code, country = a.code, a.country
        if country is None and where and a.kind != "person" and code and _BARE_SECTOR.match(code):
            # "police" acting in Nairobi are Kenya's police: the event's place names the country
            code, country = where + code, where
        elif country and code and _BARE_SECTOR.match(code) and code != country:
            code = country + code  # a sector code with its country given apart: SEN + COP
        return ActorKey(normalize_name(a.name), code, country, a.kb_id, a.kind)

    out = []
    for e in record.events:
        place = places.get(e.place) if e.place else None
        where = place.country if place else None
        out.append(EventReport(
            article_id=record.article.id, event_id=e.id, cameo=e.cameo,
            date=parse_date(e.date) or parse_date(record.article.published),
            date_inferred=e.date_precision in ("inferred", "unknown"),
            source=key(e.source, where), target=key(e.target, where),
            lat=place.lat if place else None, lon=place.lon if place else None,
            country=place.country if place else None,
        ))
    return out


def score(a: EventReport, b: EventReport, t: LinkThresholds = LinkThresholds()) -> float | None:
    """How well two reports match; None when they must not be linked."""
    if a.article_id == b.article_id or a.root != b.root:
        return None
    if a.date is None or b.date is None:
        return None
    window = t.inferred_window_days if (a.date_inferred or b.date_inferred) else t.date_window_days
    gap = abs((a.date - b.date).days)
    if gap > window:
        return None
    if a.country and b.country and a.country != b.country:
        return None
    km = None
    if None not in (a.lat, a.lon, b.lat, b.lon):
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)
        if km > t.max_km:
            return None
    mine = [x for x in (a.source, a.target) if x]
    theirs = [x for x in (b.source, b.target) if x]
    same = sum(1 for x in mine if any(x.same_as(y) for y in theirs))
    if same == 0:
        return None
    for x, y in ((a.source, b.source), (a.target, b.target)):
        if x and y and not x.compatible(y):
            return None
    s = float(same) + (0.5 if a.cameo == b.cameo else 0.0) + (0.5 if km is not None else 0.0)
    s -= gap / (window + 1)
    return s if s >= t.min_score else None


class Linker:
    """Incremental linker: `add` reports as articles arrive; clusters only grow."""

    def __init__(self, thresholds: LinkThresholds = LinkThresholds()):
        self.t = thresholds
        self.clusters: list[Cluster] = []
        self._by_root_day: dict[tuple[str, date], list[Cluster]] = defaultdict(list)
        self._cluster_of: dict[tuple[str, str], Cluster] = {}

    def _candidates(self, r: EventReport) -> Iterable[Cluster]:
        seen: set[int] = set()
        span = max(self.t.date_window_days, self.t.inferred_window_days)
        for d in range(-span, span + 1):
            for c in self._by_root_day.get((r.root, r.date + timedelta(days=d)), ()):
                if c.id not in seen:
                    seen.add(c.id)
                    yield c

    def add(self, report: EventReport, cluster_id: int | None = None) -> Cluster:
        """Place one report; ``cluster_id`` restores a stored assignment without re-deciding it."""
        if report.key in self._cluster_of:
            return self._cluster_of[report.key]
        best, best_score = None, None
        if cluster_id is not None:
            best = next((c for c in self.clusters if c.id == cluster_id), None)
        elif report.date is not None:
            for c in self._candidates(report):
                if report.article_id in c.articles:
                    continue
                scores = [score(report, other, self.t) for other in c.reports]
                if any(s is None for s in scores):
                    continue  # every report of a cluster must agree with the newcomer
                s = max(scores)
                if best_score is None or s > best_score:
                    best, best_score = c, s
        if best is None:
            best = Cluster(id=cluster_id if cluster_id is not None else len(self.clusters) + 1)
            self.clusters.append(best)
        best.reports.append(report)
        self._cluster_of[report.key] = best
        if report.date is not None:
            self._by_root_day[(report.root, report.date)].append(best)
        return best

    def add_record(self, record) -> list[Cluster]:
        return [self.add(r) for r in reports_from_record(record)]
