"""GDELT 2.0 event table layout: 61 tab-separated columns, no header row (as GDELT ships its
files; read with ``names=COLUMNS``). Column sources and losses: docs/exports.md#gdelt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..store import Store
from .event_view import HAPPENED, EventView
from .shaped import export_shaped, one_line, only_events
from .tables import country

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)

# the dtypes GDELT users read the files with (codes as strings: "0231" keeps its zero)
DTYPES: dict[str, str] = {
    "GlobalEventID": "int64", "Day": "int64", "MonthYear": "int64", "Year": "int64",
    "FractionDate": "float64", "IsRootEvent": "int64", "QuadClass": "int64",
    "GoldsteinScale": "float64", "NumMentions": "int64", "NumSources": "int64",
    "NumArticles": "int64", "AvgTone": "float64", "DATEADDED": "int64",
    **{f"{p}Geo_Type": "int64" for p in ("Actor1", "Actor2", "Action")},
    **{f"{p}Geo_{c}": "float64" for p in ("Actor1", "Actor2", "Action") for c in ("Lat", "Long")},
}
DTYPES.update({c: "string" for c in COLUMNS if c not in DTYPES})

# GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1)
_GEO_TYPE = {"country": 1, "admin1": 5, "admin2": 5, "city": 4, "region": 5, "other": 4}


def _actor(view: EventView, actor) -> list[Any]:
    if actor is None:
        return [None] * len(_ACTOR)
    sectors = list(actor.sectors[:3]) + [None] * (3 - len(actor.sectors[:3]))
    code = actor.code or ((actor.country or "") + "".join(actor.sectors[:1])) or None
    return [code, actor.name.upper(), actor.country, None, None, None, None, *sectors]


def _geo(place) -> list[Any]:
    if place is None or place.lat is None or place.lon is None:
        return [0, None, None, None, None, None, None, None]
    c = country(place.country)
    geo_type = _GEO_TYPE[place.feature]
    if c and c.iso2 == "US" and place.feature in ("city", "admin1"):
        geo_type = 3 if place.feature == "city" else 2
    parts = [place.name]
    if place.admin1 and place.admin1 != place.name:
        parts.append(place.admin1)
    if c and c.name != place.name:
        parts.append(c.name)
    fips = c.fips if c else None
    # GDELT's ADM1Code is FIPS country + admin code; khabar keeps admin1 names, not codes, so
    # only a country-level place can fill it (with the bare FIPS country code, as GDELT does)
    adm1 = fips if place.feature == "country" else None
    return [geo_type, ", ".join(parts), fips, adm1, None, round(place.lat, 4),
            round(place.lon, 4), str(place.geonames_id) if place.geonames_id else None]


def _day(view: EventView) -> dt.date | None:
    day = view.day
    try:
        return dt.date.fromisoformat(day) if day else None
    except ValueError:
        return None


def _is_root(view: EventView) -> int:
    """1 when the event is said in the first paragraph (GDELT: the lead of the article)."""
    article = view.record.article
    text = article.text
    lead_start = 0
    if article.title and text.startswith(article.title) and text[len(article.title):].startswith("\n\n"):
        lead_start = len(article.title) + 2  # the text opens with its headline: the lead follows
    lead_end = text.find("\n\n", lead_start)
    lead_end = len(text) if lead_end < 0 else lead_end
    return int(any(ev.sentence.start < lead_end for ev in view.event.evidence))


def to_row(view: EventView) -> list[Any] | None:
    if view.event.modality not in HAPPENED:
        return None  # negated or hypothetical: the dataset's rows are events that happened
    e, a = view.event, view.record.article
    day = _day(view)
    if day is None:
        return None  # GDELT rows need a date; undated events of undated articles are left out
    published = a.published[:10] if a.published else day.isoformat()
    added = published.replace("-", "") + "000000"
    return [
        view.numeric_id, int(day.strftime("%Y%m%d")), int(day.strftime("%Y%m")), day.year,
        round(day.year + (day.month * 30 + day.day) / 365, 4),
        *_actor(view, view.source), *_actor(view, view.target),
        _is_root(view), e.cameo, e.cameo[:3], e.cameo[:2], e.quad_class, e.goldstein,
        max(len(e.evidence), 1), 1, 1, None,
        *_geo(None), *_geo(None), *_geo(view.place),
        int(added), one_line(a.url or a.source or a.origin),
    ]


def export(store: Store, out: Path, *, table: str, filters: dict, fmt: str,
           tick: Callable[[int], None]) -> int:
    only_events(table, fmt)
    return export_shaped(store, out, filters, tick, COLUMNS, to_row, header=False)
