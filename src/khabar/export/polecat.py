"""POLECAT-style PLOVER records as JSON Lines: one object per event, keys named after the POLECAT
event data columns (snake_case), plus khabar's own fields under ``khabar_*``. Every event is
written, with its modality, so a reader can keep only what happened. Column sources and losses:
docs/exports.md#polecat."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from .. import __version__
from ..store import Store
from .event_view import EventView, iter_events
from .shaped import only_events
from .tables import country, sectors


def _actor(view: EventView, actor, prefix: str) -> dict[str, Any]:
    if actor is None:
        return {f"{prefix}_{k}": None for k in ("name", "country", "primary_sector", "sectors",
                                                  "title", "name_raw", "kb_id")} | {f"{prefix}_sectors": []}
    table = sectors()
    names = [table[s].name if s in table else s for s in actor.sectors]
    raw = _mention_near(view, actor)
    return {
        f"{prefix}_name": actor.name,
        f"{prefix}_country": actor.country,
        f"{prefix}_primary_sector": names[0] if names else None,
        f"{prefix}_sectors": names,
        f"{prefix}_title": actor.roles[0] if actor.roles else None,
        f"{prefix}_name_raw": raw,
        f"{prefix}_kb_id": actor.kb_id,
    }


def _mention_near(view: EventView, actor) -> str | None:
    """The actor's mention text inside the first evidence sentence (how the story names it)."""
    if not view.event.evidence or not actor.mentions:
        return actor.mentions[0].text if actor.mentions else None
    s = view.event.evidence[0].sentence
    for m in actor.mentions:
        if s.start <= m.start < s.end:
            return m.text
    return actor.mentions[0].text


def to_object(view: EventView) -> dict[str, Any]:
    e, a, place = view.event, view.record.article, view.place
    c = country(place.country) if place else None
    raw_place = None
    if place is not None and place.mentions:
        raw_place = place.mentions[0].text
    return {
        "event_id": f"{a.id}-{e.id}",
        "event_date": view.day,
        "event_type": e.plover.type if e.plover else None,
        "event_mode": e.plover.mode if e.plover else None,
        "event_intensity": e.goldstein,
        "quad_code": e.quad_class,
        "contexts": e.plover.context if e.plover else [],
        **_actor(view, view.source, "actor"),
        **_actor(view, view.target, "recipient"),
        "placename": place.name if place else None,
        "city": place.name if place and place.feature == "city" else None,
        "district": place.name if place and place.feature == "admin2" else None,
        "province": (place.name if place.feature == "admin1" else place.admin1) if place else None,
        "country": c.name if c else None,
        "country_iso3": place.country if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geonames_id": place.geonames_id if place else None,
        "raw_placename": raw_place,
        "feature_type": place.feature if place else None,
        "source": a.source,
        "url": a.url,
        "publication_date": a.published,
        "story_id": a.id,
        "headline": a.title,
        "event_text": " ".join(view.sentences) or None,
        "language": a.language,
        "version": f"khabar-{__version__}",
        "khabar_cameo": e.cameo,
        "khabar_modality": e.modality,
        "khabar_reported_by": view.actor(e.reported_by).name if view.actor(e.reported_by) else None,
        "khabar_date": e.date,
        "khabar_date_precision": e.date_precision,
        "khabar_place_inferred": e.place_inferred,
        "khabar_pattern": e.pattern,
        "khabar_confidence": e.confidence,
        "khabar_evidence": [
            {"trigger": ev.trigger.text, "start": ev.trigger.start, "end": ev.trigger.end,
             "sentence_start": ev.sentence.start, "sentence_end": ev.sentence.end}
            for ev in e.evidence
        ],
    }


def export(store: Store, out: Path, *, table: str, filters: dict, fmt: str,
           tick: Callable[[int], None]) -> int:
    only_events(table, fmt)
    n = 0
    with open(out, "wb") as fh:
        for view in iter_events(store, filters):
            fh.write(orjson.dumps(to_object(view)) + b"\n")
            n += 1
            tick(1)
    return n
