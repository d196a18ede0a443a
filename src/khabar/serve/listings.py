"""The lists the API pages through: one `Listing` per resource (its SELECT, sort key and how a
row looks in JSON) and the filter → SQL translation for each. Tables and columns are the store's
(docs/store.md); this module only reads them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..errors import UserError
from ..store import search
from .db import ApiError, Database
from .dialect import SQLITE, Dialect
from .filters import (
    ActorFilters,
    ArticleFilters,
    Dated,
    EventFilters,
    PlaceFilters,
    QuoteFilters,
    RelationFilters,
    like_pattern,
)
from .paging import decode_cursor, encode_cursor

Cond = tuple[str, list[Any]]
Row = dict[str, Any]

# The day an event is plotted on: its own date when that names one day, else the day the article
# was published (a year-precision date is not a day, and plotting it on 1 January would lie);
# '' when neither is known. Identical to the expression indexed by indexes.sql (explorer_events_day).
EVENT_DAY_KEY = "COALESCE(CASE WHEN e.date_start = e.date_end THEN e.date_start END, e.published_day, '')"
PLACE_KEY_EVENTS = "COALESCE(CAST(e.geonames_id AS TEXT), e.place_name)"
# the store's full-text search (store/search.py): the same words find the same articles as
# `khabar export --q` on either backend
FTS_ARTICLES = {d: search.matching_articles(d, "?") for d in ("sqlite", "postgres")}


@dataclass(frozen=True)
class Listing:
    """``select`` must yield ``_o`` (sort value, never NULL) and ``_k`` (unique key)."""

    select: str
    group_by: str = ""
    descending: bool = True
    # Sorted by the grouping key itself: the keyset test and LIMIT go inside the GROUP BY, so
    # SQLite walks the key's index and stops after one page instead of grouping everything.
    order_by_group: bool = False
    shape: Callable[[Row], Row] = dict
    enrich: Callable[[Database, sqlite3.Connection, list[Row]], None] | None = None


def fetch_page(db: Database, con: sqlite3.Connection, listing: Listing, conds: list[Cond],
               size: int, token: str | None) -> tuple[list[Row], str | None]:
    """One page of raw rows (flat dicts) and the token of the next page, or None at the end."""
    where = " AND ".join(c for c, _ in conds) or "1 = 1"
    params: list[Any] = [p for _, ps in conds for p in ps]
    direction, op = ("DESC", "<") if listing.descending else ("ASC", ">")
    if listing.order_by_group:
        sql = f"{listing.select} WHERE {where}"
        if token:
            sql += f" AND {listing.group_by} {op} ?"
            params.append(decode_cursor(token)[1])
        sql += f" GROUP BY {listing.group_by} ORDER BY {listing.group_by} {direction} LIMIT ?"
    else:
        inner = f"{listing.select} WHERE {where}" + (f" GROUP BY {listing.group_by}" if listing.group_by else "")
        sql = f"SELECT * FROM ({inner}) AS t"
        if token:
            order_value, key = decode_cursor(token)
            sql += f" WHERE (t._o, t._k) {op} (?, ?)"
            params += [order_value, key]
        sql += f" ORDER BY t._o {direction}, t._k {direction} LIMIT ?"
    params.append(size + 1)
    rows = [dict(r) for r in db.query(con, sql, params)]
    following = None
    if len(rows) > size:
        rows = rows[:size]
        following = encode_cursor(rows[-1]["_o"], rows[-1]["_k"])
    for r in rows:
        r.pop("_o", None)
        r.pop("_k", None)
    if listing.enrich and rows:
        listing.enrich(db, con, rows)
    return rows, following


# -- shared conditions -------------------------------------------------------------------------

def article_scope(f: Dated, col: str, dates: bool = True, d: Dialect = SQLITE) -> list[Cond]:
    """since/until (publication day), q (full-text search) and article, for any table keyed by
    article id."""
    conds: list[Cond] = []
    if f.article:
        conds.append((f"{col} = ?", [f.article.lower()]))
    if dates and f.since:
        conds.append((f"{col} IN (SELECT id FROM articles WHERE published_day >= ?)", [f.since.isoformat()]))
    if dates and f.until:
        conds.append((f"{col} IN (SELECT id FROM articles WHERE published_day <= ?)", [f.until.isoformat()]))
    if f.q:
        try:
            expression = search.param(d.name, f.q)
        except UserError as exc:
            raise ApiError(400, f"q: {exc}") from None
        conds.append((f"{col} IN ({FTS_ARTICLES[d.name]})", [expression]))
    return conds


def _json_list(value: str | None) -> list:
    try:
        return json.loads(value) if value else []
    except ValueError:
        return []


# -- events ----------------------------------------------------------------------------------------

def event_conds(f: EventFilters, d: Dialect = SQLITE) -> list[Cond]:
    conds = article_scope(f, "e.article_id", dates=False, d=d)
    # An event overlaps the window by its date range, else by its article's day (as `khabar export`).
    if f.since:
        conds.append(("COALESCE(e.date_end, e.published_day) >= ?", [f.since.isoformat()]))
    if f.until:
        conds.append(("COALESCE(e.date_start, e.published_day) <= ?", [f.until.isoformat()]))
    # OR over several columns: in SQLite a rowid set, one indexed lookup per column, so the
    # planner can still walk an index for the grouping or ordering and test membership cheaply
    # (dialect.py: PostgreSQL does the same with a plain OR).
    if f.actor:
        conds.append(d.any_column("e", "events", ["source_name", "target_name", "source_code", "target_code"],
                                  f.actor))
    if f.source:
        conds.append(("(e.source_name = ? OR e.source_code = ?)", [f.source] * 2))
    if f.target:
        conds.append(("(e.target_name = ? OR e.target_code = ?)", [f.target] * 2))
    if f.root:
        conds.append(("e.cameo_root = ?", [f.root]))
    if f.cameo:
        # A range, not LIKE, so the cameo index is used: "17" matches 17, 170..179, 1711 ...
        conds.append(("e.cameo >= ? AND e.cameo < ?", [f.cameo, f.cameo + ":"]))
    if f.plover:
        conds.append(("e.plover_type = ?", [f.plover.upper()]))
    if f.quad:
        conds.append(("e.quad_class = ?", [f.quad]))
    if f.country:
        c = f.country.upper()
        conds.append(d.any_column("e", "events", ["country", "source_country", "target_country"], c))
    if f.place:
        if f.place.isdigit():
            conds.append(("e.geonames_id = ?", [int(f.place)]))
        else:
            # lower() on both sides: SQLite's NOCASE, and valid on PostgreSQL too
            conds.append(("lower(e.place_name) = lower(?)", [f.place]))
    if f.modality:
        conds.append(("e.modality = ?", [f.modality]))
    return conds


def _actor(name: str | None, code: str | None, country: str | None) -> Row | None:
    if name is None and code is None:
        return None
    return {"id": name or code, "name": name or code, "code": code, "country": country}


def shape_event(r: Row) -> Row:
    place = None
    if r.get("place_name") or r.get("geonames_id") is not None:
        place = {"id": str(r["geonames_id"]) if r["geonames_id"] is not None else r["place_name"],
                 "name": r["place_name"], "country": r["country"], "lat": r["lat"], "lon": r["lon"],
                 "geonames_id": r["geonames_id"], "inferred": bool(r["place_inferred"])}
    return {
        "id": f"{r['article_id']}/{r['event_id']}", "article_id": r["article_id"],
        "article_title": r.get("article_title"), "event_id": r["event_id"],
        "day": r["day"], "date": r["date"], "date_precision": r["date_precision"],
        "cameo": r["cameo"], "cameo_root": r["cameo_root"],
        "plover": {"type": r["plover_type"], "mode": r["plover_mode"],
                   "context": _json_list(r["plover_context"])} if r["plover_type"] else None,
        "quad_class": r["quad_class"], "goldstein": r["goldstein"], "modality": r["modality"],
        "source": _actor(r["source_name"], r["source_code"], r["source_country"]),
        "target": _actor(r["target_name"], r["target_code"], r["target_country"]),
        "place": place, "reported_by": r["reported_by"], "pattern": r["pattern"],
        "confidence": r["confidence"], "n_evidence": r["n_evidence"],
        "trigger": r.get("trigger"), "published_day": r["published_day"],
    }


def _enrich_events(db: Database, con: sqlite3.Connection, rows: list[Row]) -> None:
    """Article titles and first trigger words for one page only (cheap: ≤ size lookups)."""
    ids = sorted({r["article_id"] for r in rows})
    marks = ",".join("?" * len(ids))
    titles = {r["id"]: r["title"] for r in db.query(con, f"SELECT id, title FROM articles WHERE id IN ({marks})", ids)}
    triggers = {(r["article_id"], r["event_id"]): r["trigger_text"] for r in db.query(
        con, f"SELECT article_id, event_id, trigger_text FROM event_evidence WHERE article_id IN ({marks}) AND n = 0", ids)}
    for r in rows:
        r["article_title"] = titles.get(r["article_id"])
        r["trigger"] = triggers.get((r["article_id"], r["event_id"]))


def _events(d: Dialect) -> Listing:
    return Listing(
        select=(f"SELECT e.article_id, e.event_id, NULLIF({EVENT_DAY_KEY}, '') AS day, e.date, e.date_precision, "
                "e.cameo, e.cameo_root, e.plover_type, e.plover_mode, e.plover_context, e.quad_class, "
                "e.goldstein, e.modality, e.source_name, e.source_code, e.source_country, e.target_name, "
                "e.target_code, e.target_country, e.place_name, e.geonames_id, e.country, e.lat, e.lon, "
                "e.place_inferred, e.reported_by, e.pattern, e.confidence, e.n_evidence, e.published_day, "
                f"{EVENT_DAY_KEY} AS _o, {d.row_order('e')} AS _k FROM events e"),
        shape=shape_event, enrich=_enrich_events,
    )


# -- articles --------------------------------------------------------------------------------------

def article_conds(f: ArticleFilters, d: Dialect = SQLITE) -> list[Cond]:
    conds = article_scope(f, "a.id", dates=False, d=d)
    if f.since:
        conds.append(("a.published_day >= ?", [f.since.isoformat()]))
    if f.until:
        conds.append(("a.published_day <= ?", [f.until.isoformat()]))
    if f.source:
        conds.append(("a.source = ?", [f.source]))
    if f.actor:
        conds.append(("a.id IN (SELECT article_id FROM actors WHERE name = ? OR code = ?)", [f.actor] * 2))
    if f.country:
        conds.append(("a.id IN (SELECT article_id FROM places WHERE country = ?)", [f.country.upper()]))
    return conds


ARTICLES = Listing(
    select=("SELECT a.id, a.title, a.url, a.source, a.published, a.published_day, a.language, "
            "a.n_words, a.n_actors, a.n_events, a.stored_at, "
            "COALESCE(a.published_day, '') AS _o, a.pk AS _k FROM articles a"),
)

# -- actors (one row per canonical name, over all articles) ----------------------------------------

def actor_conds(f: ActorFilters, d: Dialect = SQLITE) -> list[Cond]:
    conds = article_scope(f, "x.article_id", d=d)
    if f.name:
        conds.append((f"x.name {d.like} ? ESCAPE '\\'", [like_pattern(f.name)]))
    if f.country:
        conds.append(("x.country = ?", [f.country.upper()]))
    if f.kind:
        conds.append(("x.kind = ?", [f.kind]))
    if f.code:
        conds.append(("x.code >= ? AND x.code < ?", [f.code.upper(), f.code.upper() + "\uffff"]))
    return conds


def shape_actor(r: Row) -> Row:
    return {"id": r["name"], **r}


# Only columns of the explorer_actors_name index (indexes.sql), so with it the grouping never
# touches the wide table rows.
# n_records counts actor records (one per article that names the actor, unless coreference left
# two records of one name in an article): COUNT(DISTINCT article_id) would need a temporary
# B-tree per name and costs ten times more on a large store.
ACTORS = Listing(
    select=("SELECT x.name, MAX(x.kind) AS kind, MAX(x.country) AS country, MAX(x.code) AS code, "
            "MAX(x.kb_id) AS kb_id, COUNT(*) AS n_records, "
            "SUM(x.n_mentions) AS n_mentions, x.name AS _o, x.name AS _k FROM actors x"),
    group_by="x.name", descending=False, order_by_group=True, shape=shape_actor,
)

# -- quotes ----------------------------------------------------------------------------------------

def quote_conds(f: QuoteFilters, d: Dialect = SQLITE) -> list[Cond]:
    conds = article_scope(f, "q.article_id", d=d)
    if f.actor:
        conds.append(("(s.name = ? OR s.code = ?)", [f.actor] * 2))
    if f.kind:
        conds.append(("q.kind = ?", [f.kind]))
    return conds


def shape_quote(r: Row) -> Row:
    speaker = _actor(r.pop("speaker_name"), r.pop("speaker_code"), r.pop("speaker_country"))
    return {"id": f"{r['article_id']}/{r['quote_id']}", **r, "direct": bool(r["direct"]), "speaker": speaker}


def _quotes(d: Dialect) -> Listing:
    return Listing(
        select=("SELECT q.article_id, q.quote_id, q.speaker_text, q.cue, q.direct, q.kind, q.via, q.recipient, "
                "q.content_start, q.content_end, q.content_text, s.name AS speaker_name, s.code AS speaker_code, "
                f"s.country AS speaker_country, {d.row_order('q')} AS _o, {d.row_order('q')} AS _k FROM quotes q "
                "LEFT JOIN actors s ON s.article_id = q.article_id AND s.actor_id = q.speaker"),
        shape=shape_quote,
    )

# -- places (one row per GeoNames id, or per name when unresolved) ---------------------------------

PLACE_KEY = "COALESCE(CAST(p.geonames_id AS TEXT), p.name)"


def place_conds(f: PlaceFilters, d: Dialect = SQLITE) -> list[Cond]:
    conds = article_scope(f, "p.article_id", d=d)
    if f.name:
        conds.append((f"p.name {d.like} ? ESCAPE '\\'", [like_pattern(f.name)]))
    if f.country:
        conds.append(("p.country = ?", [f.country.upper()]))
    if f.feature:
        conds.append(("p.feature = ?", [f.feature]))
    return conds


def _enrich_places(db: Database, con: sqlite3.Connection, rows: list[Row]) -> None:
    """Name, coordinates and the rest from one representative row per place (the grouping
    itself only reads the narrow key index)."""
    rids = [r.pop("rid") for r in rows]
    marks = ",".join("?" * len(rids))
    rid = db.dialect.row_id()
    found = {r["rid"]: dict(r) for r in db.query(
        con, f"SELECT {rid} AS rid, name, geonames_id, lat, lon, feature, country, admin1 FROM places "
             f"WHERE {rid} IN ({marks})", rids)}
    for r, rid in zip(rows, rids, strict=True):
        detail = found.get(rid, {})
        detail.pop("rid", None)
        counts = {"n_records": r.pop("n_records"), "n_mentions": r.pop("n_mentions")}
        r.update(detail)
        r.update(counts)


def _places(d: Dialect) -> Listing:
    return Listing(
        select=(f"SELECT {PLACE_KEY} AS id, COUNT(*) AS n_records, "
                f"SUM(p.n_mentions) AS n_mentions, MIN({d.row_id('p')}) AS rid, COUNT(*) AS _o, "
                f"{PLACE_KEY} AS _k FROM places p"),
        group_by=PLACE_KEY, enrich=_enrich_places,
    )

# -- relations -------------------------------------------------------------------------------------

def relation_conds(f: RelationFilters, d: Dialect = SQLITE) -> list[Cond]:
    conds = article_scope(f, "r.article_id", d=d)
    if f.actor:
        conds.append(("(s.name = ? OR s.code = ? OR t.name = ? OR t.code = ?)", [f.actor] * 4))
    if f.type:
        conds.append(("r.type = ?", [f.type]))
    return conds


def shape_relation(r: Row) -> Row:
    source = _actor(r.pop("source_name"), r.pop("source_code"), r.pop("source_country"))
    target = _actor(r.pop("target_name"), r.pop("target_code"), r.pop("target_country"))
    return {"id": f"{r['article_id']}/{r['n']}", **r, "source": source, "target": target}


def _relations(d: Dialect) -> Listing:
    return Listing(
        select=("SELECT r.article_id, r.n, r.type, r.value, r.confidence, r.evidence_start, r.evidence_end, "
                "s.name AS source_name, s.code AS source_code, s.country AS source_country, "
                "t.name AS target_name, t.code AS target_code, t.country AS target_country, "
                f"{d.row_order('r')} AS _o, {d.row_order('r')} AS _k FROM relations r "
                "LEFT JOIN actors s ON s.article_id = r.article_id AND s.actor_id = r.source "
                "LEFT JOIN actors t ON t.article_id = r.article_id AND t.actor_id = r.target"),
        shape=shape_relation,
    )


@cache
def listings(d: Dialect) -> dict[str, Listing]:
    """The lists for one SQL dialect: only the row-identity expressions differ (dialect.py)."""
    return {"events": _events(d), "articles": ARTICLES, "actors": ACTORS, "quotes": _quotes(d),
            "places": _places(d), "relations": _relations(d)}


EVENTS, QUOTES, PLACES, RELATIONS = (listings(SQLITE)[n] for n in ("events", "quotes", "places", "relations"))
