"""GeoJSON (RFC 7946): events (``--table events``, the default) or places (``--table places``)
as one FeatureCollection of Points, longitude first, WGS 84, no ``crs`` member. Records without
coordinates are left out (a Feature needs a position to be drawn). Written feature by feature.
Column sources and losses: docs/exports.md#geojson."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson

from ..errors import UserError
from ..store import Store
from .event_view import iter_events

_PLACE_FIELDS = ("article_id", "place_id", "name", "geonames_id", "feature", "country", "admin1",
                 "n_mentions")
_EVENT_FIELDS = ("article_id", "event_id", "cameo", "cameo_root", "plover_type", "plover_mode",
                 "quad_class", "goldstein", "date", "date_precision", "date_start", "date_end",
                 "modality", "source_name", "source_code", "target_name", "target_code",
                 "place_name", "country", "geonames_id", "place_inferred", "pattern", "confidence",
                 "published_day")


def _point(lon: float, lat: float) -> dict[str, Any]:
    # RFC 7946 §11.2: six decimals (about 10 cm) is all the precision a position needs
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def _valid(lat, lon) -> bool:
    return lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180


def _event_features(store: Store, filters: dict) -> Iterator[dict | None]:
    for view in iter_events(store, filters):
        row = view.row
        if not _valid(row["lat"], row["lon"]):
            yield None
            continue
        props = {k: row[k] for k in _EVENT_FIELDS}
        props["place_inferred"] = bool(props["place_inferred"])
        props["evidence"] = " ".join(view.sentences) or None
        props["url"] = view.record.article.url
        yield {"type": "Feature", "id": f"{row['article_id']}-{row['event_id']}",
               "geometry": _point(row["lon"], row["lat"]), "properties": props}


def _place_features(store: Store, filters: dict) -> Iterator[dict | None]:
    for row in store.iter_rows("places", filters):
        if not _valid(row["lat"], row["lon"]):
            yield None
            continue
        yield {"type": "Feature", "id": f"{row['article_id']}-{row['place_id']}",
               "geometry": _point(row["lon"], row["lat"]),
               "properties": {k: row[k] for k in _PLACE_FIELDS}}


def export(store: Store, out: Path, *, table: str, filters: dict, fmt: str,
           tick: Callable[[int], None]) -> int:
    if table == "events":
        features = _event_features(store, filters)
    elif table == "places":
        features = _place_features(store, filters)
    else:
        raise UserError(f"--format geojson exports events or places, not {table}")
    n = 0
    with open(out, "wb") as fh:
        fh.write(b'{"type":"FeatureCollection","features":[\n')
        for feature in features:
            tick(1)
            if feature is None:
                continue
            fh.write((b",\n" if n else b"") + orjson.dumps(feature))
            n += 1
        fh.write(b"\n]}\n")
    return n
