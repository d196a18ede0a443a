"""An `ArticleRecord` flattened into table rows: the dialect-neutral half of every store.

The SQLite store and its PostgreSQL twin insert exactly these tuples, in ``COLUMNS`` order, so
both hold the same data. Column lists must match the migrations (a test checks it).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

import orjson

from ..records import ArticleRecord

# table → the columns a write fills, in insert order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        "id", "title", "url", "source", "published", "published_day", "language", "origin",
        "text", "n_words", "n_actors", "n_events", "warnings", "record", "run_id", "stored_at",
    ),
    "actors": (
        "article_id", "actor_id", "name", "kind", "country", "sectors", "code", "kb_id",
        "roles", "n_mentions",
    ),
    "mentions": ("article_id", "actor_id", "n", "start", "end", "text"),
    "relations": (
        "article_id", "n", "type", "source", "target", "value", "evidence_start",
        "evidence_end", "confidence",
    ),
    "quotes": (
        "article_id", "quote_id", "speaker", "speaker_text", "cue", "direct", "kind", "via",
        "recipient", "content_start", "content_end", "content_text",
    ),
    "places": (
        "article_id", "place_id", "name", "geonames_id", "lat", "lon", "feature", "country",
        "admin1", "n_mentions",
    ),
    "place_mentions": ("article_id", "place_id", "n", "start", "end", "text"),
    "times": ("article_id", "time_id", "text", "start", "end", "type", "value"),
    "events": (
        "article_id", "event_id", "source", "target",
        "source_name", "source_code", "source_country",
        "target_name", "target_code", "target_country",
        "cameo", "cameo_root", "plover_type", "plover_mode", "plover_context",
        "quad_class", "goldstein", "date", "date_precision", "date_start", "date_end",
        "place", "place_inferred", "place_name", "lat", "lon", "country", "geonames_id",
        "modality", "reported_by", "pattern", "confidence", "n_evidence", "published_day",
    ),
    "event_evidence": (
        "article_id", "event_id", "n", "trigger_start", "trigger_end", "trigger_text",
        "sentence_start", "sentence_end",
    ),
}

# Children first: the order to delete an article's rows in (parents last keeps FKs happy).
ARTICLE_TABLES: tuple[str, ...] = (
    "event_evidence", "events", "times", "place_mentions", "places", "quotes", "relations",
    "mentions", "actors", "articles",
)


def _json(value) -> str:
    return orjson.dumps(value).decode()


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def date_range(value: str | None) -> tuple[str | None, str | None]:
    """First and last day a TIMEX3 date value can mean ("2014-06" → June 1..30), else (None, None).

    Lets ``--since``/``--until`` keep a year-precision event that overlaps the window.
    """
    if not value:
        return None, None
    try:
        if m := _DAY.match(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            return day, day
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            last = calendar.monthrange(y, mo)[1]
            return dt.date(y, mo, 1).isoformat(), dt.date(y, mo, last).isoformat()
        if m := _YEAR.match(value):
            return f"{m[1]}-01-01", f"{m[1]}-12-31"
        if m := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
        if m := _QUARTER.match(value):
            y, q = int(m[1]), int(m[2])
            last_month = q * 3
            last = calendar.monthrange(y, last_month)[1]
            return dt.date(y, last_month - 2, 1).isoformat(), dt.date(y, last_month, last).isoformat()
    except ValueError:  # "2014-13" and other impossible dates: unknown, not an error
        return None, None
    return None, None


def record_rows(record: ArticleRecord, run_id: int | None = None) -> Iterator[tuple[str, list[tuple]]]:
    """(table, rows) for every table, parents before children (the insert order)."""
    a = record.article
    published_day = a.published[:10] if a.published else None
    actors = {x.id: x for x in record.actors}
    places = {p.id: p for p in record.places}
    yield "articles", [(
        a.id, a.title, a.url, a.source, a.published, published_day, a.language, a.origin,
        a.text, len(a.text.split()), len(record.actors), len(record.events),
        _json(record.warnings), record.to_json(), run_id, now_utc(),
    )]
    yield "actors", [
        (a.id, x.id, x.name, x.kind, x.country, _json(x.sectors), x.code, x.kb_id,
         _json(x.roles), len(x.mentions))
        for x in record.actors
    ]
    yield "mentions", [
        (a.id, x.id, n, m.start, m.end, m.text)
        for x in record.actors for n, m in enumerate(x.mentions)
    ]
    yield "relations", [
        (a.id, n, r.type, r.source, r.target, r.value, r.evidence.start, r.evidence.end,
         r.confidence)
        for n, r in enumerate(record.relations)
    ]
    yield "quotes", [
        (a.id, q.id, q.speaker, q.speaker_text, q.cue, int(q.direct), q.kind, q.via,
         q.recipient, q.content.start, q.content.end, q.content.text)
        for q in record.quotes
    ]
    yield "places", [
        (a.id, p.id, p.name, p.geonames_id, p.lat, p.lon, p.feature, p.country, p.admin1,
         len(p.mentions))
        for p in record.places
    ]
    yield "place_mentions", [
        (a.id, p.id, n, m.start, m.end, m.text)
        for p in record.places for n, m in enumerate(p.mentions)
    ]
    yield "times", [
        (a.id, t.id, t.text, t.start, t.end, t.type, t.value) for t in record.times
    ]
    events = []
    for e in record.events:
        src, tgt, place = actors.get(e.source), actors.get(e.target), places.get(e.place)
        start, end = date_range(e.date)
        events.append((
            a.id, e.id, e.source, e.target,
            src.name if src else None, src.code if src else None, src.country if src else None,
            tgt.name if tgt else None, tgt.code if tgt else None, tgt.country if tgt else None,
            e.cameo, e.cameo[:2],
            e.plover.type if e.plover else None, e.plover.mode if e.plover else None,
            _json(e.plover.context if e.plover else []),
            e.quad_class, e.goldstein, e.date, e.date_precision, start, end,
            e.place, int(e.place_inferred),
            place.name if place else None, place.lat if place else None,
            place.lon if place else None, place.country if place else None,
            place.geonames_id if place else None,
            e.modality, e.reported_by, e.pattern, e.confidence, len(e.evidence), published_day,
        ))
    yield "events", events
    yield "event_evidence", [
        (a.id, e.id, n, ev.trigger.start, ev.trigger.end, ev.trigger.text, ev.sentence.start,
         ev.sentence.end)
        for e in record.events for n, ev in enumerate(e.evidence)
    ]
