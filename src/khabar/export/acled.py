"""ACLED data layout: 31 comma-separated columns with a header row (the column set ACLED has
used since March 2023). Event types come from the CAMEO → ACLED table ``data/acled_types.csv``;
events that ACLED does not record (statements, cooperation, …) and events that did not happen
(negated, hypothetical) are left out. Column sources and losses: docs/exports.md#acled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..store import Store
from .event_view import HAPPENED, EventView
from .fatalities import stated_fatalities
from .shaped import export_shaped, one_line, only_events
from .tables import acled_region, acled_type, country, sectors

COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
DTYPES: dict[str, str] = {
    "year": "int64", "time_precision": "int64", "inter1": "Int64", "inter2": "Int64",
    "interaction": "Int64", "iso": "Int64", "latitude": "float64", "longitude": "float64",
    "geo_precision": "Int64", "fatalities": "int64", "timestamp": "int64",
}
DTYPES.update({c: "string" for c in COLUMNS if c not in DTYPES})

_TIME_PRECISION = {"day": 1, "inferred": 2, "month": 3, "year": 3, "unknown": 3}
_GEO_PRECISION = {"city": 1, "other": 2, "admin2": 2, "admin1": 3, "region": 3, "country": 3}
_ASSOCIATION = ("member_of", "part_of", "backed_by", "allied_with")


def _inter(actor) -> int | None:
    if actor is None:
        return None
    table = sectors()
    for code in actor.sectors:
        if code in table and table[code].acled_inter:
            return table[code].acled_inter
    return 1 if actor.kind == "country" else None  # a state acting as such: its forces


def _associated(view: EventView, actor) -> str | None:
    """Actors the article ties ``actor`` to (member of, part of, backed by, allied with)."""
    if actor is None:
        return None
    names = []
    for rel in view.record.relations:
        if rel.source == actor.id and rel.type in _ASSOCIATION and rel.target:
            other = view.actor(rel.target)
            if other is not None and other.name not in names and other.id not in (
                    view.event.source, view.event.target):
                names.append(other.name)
    return "; ".join(names) or None


def to_row(view: EventView) -> list[Any] | None:
    e, a, place = view.event, view.record.article, view.place
    kind = acled_type(e.cameo)
    if kind is None or e.modality not in HAPPENED or view.day is None:
        return None
    day = dt.date.fromisoformat(view.day)
    source, target = view.source, view.target
    inter1, inter2 = _inter(source), _inter(target)
    if kind.event_type == "Protests" and inter1 in (None, 7):
        inter1 = 6  # ACLED: the demonstrators are actor 1 of a protest
    elif kind.event_type == "Riots" and inter1 in (None, 6, 7):
        inter1 = 5
    if inter1 and inter2:
        interaction = int(f"{min(inter1, inter2)}{max(inter1, inter2)}")
    else:
        interaction = (inter1 or inter2 or 0) * 10 or None
    civilian = "Civilian targeting" if inter2 == 7 and kind.disorder_type == "Political violence" else None
    c = country(place.country) if place else None
    admin1 = admin2 = None
    if place is not None:
        admin1 = place.name if place.feature == "admin1" else place.admin1
        admin2 = place.name if place.feature == "admin2" else None
    geo_precision = None
    if place is not None:
        geo_precision = _GEO_PRECISION[place.feature]
        if e.place_inferred:
            geo_precision = max(geo_precision, 2)
    published = a.published[:10] if a.published else view.day
    timestamp = int(dt.datetime.fromisoformat(published).replace(tzinfo=dt.UTC).timestamp())
    fatalities = stated_fatalities(view.sentences)
    return [
        f"{(c.iso3 if c else 'XXX')}{view.numeric_id}", day.isoformat(), day.year,
        _TIME_PRECISION[e.date_precision if e.date else "unknown"],
        kind.disorder_type, kind.event_type, kind.sub_event_type,
        source.name if source else None, _associated(view, source), inter1,
        target.name if target else None, _associated(view, target), inter2,
        interaction, civilian, c.numeric if c else None, acled_region(c.iso3) if c else None,
        c.name if c else None,
        admin1, admin2, None, place.name if place else None,
        place.lat if place else None, place.lon if place else None, geo_precision,
        one_line(a.source or a.url), None, one_line(" ".join(view.sentences)) or None,
        fatalities or 0, None, timestamp,
    ]


def export(store: Store, out: Path, *, table: str, filters: dict, fmt: str,
           tick: Callable[[int], None]) -> int:
    only_events(table, fmt)
    return export_shaped(store, out, filters, tick, COLUMNS, to_row, delimiter=",", header=True)
