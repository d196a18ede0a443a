"""Counts rather than rows: event facets (timeline, map, bar charts), the actor network, store
statistics, and one article with everything found in it."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import Any

from .db import ApiError, Database
from .filters import FacetParams, NetworkParams
from .listings import EVENT_DAY_KEY, PLACE_KEY_EVENTS, Cond, event_conds

FACETS: dict[str, str] = {
    "day": EVENT_DAY_KEY,
    "month": f"substr({EVENT_DAY_KEY}, 1, 7)",
    "cameo_root": "e.cameo_root",
    "cameo": "e.cameo",
    "plover": "e.plover_type",
    "quad_class": "e.quad_class",
    "country": "e.country",
    "modality": "e.modality",
    "place": PLACE_KEY_EVENTS,
}
CHRONOLOGICAL = {"day", "month"}
NUMERIC = {"quad_class"}


def _where(conds: list[Cond]) -> tuple[str, list[Any]]:
    return " AND ".join(c for c, _ in conds) or "1 = 1", [p for _, ps in conds for p in ps]


def facet(db: Database, con: sqlite3.Connection, p: FacetParams) -> dict[str, Any]:
    """Event counts per value of ``p.by`` (optionally split by quad class), for the filtered events.
    Events with no value (no place, no date) are left out of the buckets but counted in ``total``."""
    where, params = _where(event_conds(p, db.dialect))
    limit = db.limits.max_facet_buckets
    split = ", e.quad_class" if p.split else ""
    if p.by == "actor":
        # An actor counts once per event it takes part in, as source or as target. Two GROUP BYs
        # (each along its own index) merged here are much cheaper than grouping a UNION.
        counts: Counter[tuple] = Counter()
        for col, extra_cond in (("source_name", ""),
                                 ("target_name", " AND e.target_name IS DISTINCT FROM e.source_name")):
            sql = (f"SELECT e.{col} AS value{split}, COUNT(*) AS count FROM events e "
                   f"WHERE {where} AND e.{col} IS NOT NULL{extra_cond} GROUP BY e.{col}{split}")
            for r in db.query(con, sql, params):
                counts[(r["value"], r["quad_class"]) if p.split else (r["value"],)] += r["count"]
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1:]))[: limit + 1]
        rows = [{"value": key[0], **({"quad_class": key[1]} if p.split else {}), "count": n} for key, n in ranked]
    else:
        expr = FACETS[p.by]
        # place: the grouping reads only the key index; label and coordinates come afterwards
        # from one representative row per bucket (MIN(rowid) is in every index; dialect.py).
        extra = f", MIN({db.dialect.row_id('e')}) AS rid" if p.by == "place" else ""
        # the split column last: without it, a day's buckets come in whatever order the
        # grouping left them (different on the two backends, even between runs)
        order = ("value" if p.by in CHRONOLOGICAL else "count DESC, value") + (", e.quad_class" if p.split else "")
        # '' is "no value" for text keys; PostgreSQL refuses to compare an integer with ''
        empty = "" if p.by in NUMERIC else f" AND {expr} <> ''"
        sql = (f"SELECT {expr} AS value{split}{extra}, COUNT(*) AS count FROM events e "
               f"WHERE {where} AND {expr} IS NOT NULL{empty} GROUP BY {expr}{split} "
               f"ORDER BY {order} LIMIT ?")
        rows = db.query(con, sql, params + [limit + 1])
        if p.by == "place" and rows:
            rows = _place_details(db, con, [dict(r) for r in rows])
    total = db.query(con, f"SELECT COUNT(*) FROM events e WHERE {where}", params)[0][0]
    buckets = [dict(r) for r in rows[:limit]]
    return {"by": p.by, "split": p.split, "total": total, "truncated": len(rows) > limit, "buckets": buckets}


def _place_details(db: Database, con: sqlite3.Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rids = [r.pop("rid") for r in rows]
    marks = ",".join("?" * len(rids))
    rid = db.dialect.row_id()
    found = {r[0]: r for r in db.query(
        con, f"SELECT {rid}, place_name, lat, lon, country FROM events WHERE {rid} IN ({marks})", rids)}
    out = []
    for r, rid in zip(rows, rids, strict=True):
        d = found.get(rid)
        out.append({"value": r["value"], "label": d["place_name"] if d else None, "lat": d["lat"] if d else None,
                    "lon": d["lon"] if d else None, "country": d["country"] if d else None,
                    **{k: v for k, v in r.items() if k != "value"}})
    return out


def network(db: Database, con: sqlite3.Connection, p: NetworkParams) -> dict[str, Any]:
    """Actors as nodes; edges are events between two actors (weight = number of events) and the
    relations stated between actors that are already nodes."""
    where, params = _where(event_conds(p, db.dialect))
    # Every column here is in the explorer_events_pair index: with it, no table row is read.
    # Node country and code come afterwards, one indexed lookup per node (half the cost of
    # carrying four more MAX() columns through the grouping).
    edges_sql = (
        "SELECT e.source_name AS source, e.target_name AS target, COUNT(*) AS weight, "
        "AVG(e.goldstein) AS goldstein, MAX(e.quad_class) AS quad_class "
        f"FROM events e WHERE {where} AND e.source_name IS NOT NULL AND e.target_name IS NOT NULL "
        "AND e.source_name <> e.target_name GROUP BY e.source_name, e.target_name "
        "ORDER BY weight DESC, source, target LIMIT ?"
    )
    rows = db.query(con, edges_sql, params + [p.edges])
    nodes: dict[str, dict[str, Any]] = {}
    edges = []
    for r in rows:
        for end in ("source", "target"):
            node = nodes.setdefault(r[end], {"id": r[end], "name": r[end], "country": None, "code": None,
                                             "weight": 0})
            node["weight"] += r["weight"]
        edges.append({"id": f"ev:{r['source']}→{r['target']}", "kind": "event", "source": r["source"],
                      "target": r["target"], "weight": r["weight"], "quad_class": r["quad_class"],
                      "goldstein": round(r["goldstein"], 2)})
    if nodes:
        names = list(nodes)
        # as an actor's country and code in events are denormalised from its records in actors;
        # ordered, so that one name with several countries answers the same with or without indexes
        ident_sql = (
            "SELECT n.value AS name, "
            "(SELECT country FROM actors WHERE name = n.value AND country IS NOT NULL ORDER BY country LIMIT 1) AS country, "
            "(SELECT code FROM actors WHERE name = n.value AND code IS NOT NULL ORDER BY code LIMIT 1) AS code "
            f"FROM {db.dialect.values()}"
        )
        if db.dialect.name == "postgres":
            # the same answer (the least non-NULL value) as one grouping over the name index:
            # PostgreSQL runs "ORDER BY code LIMIT 1" by walking the whole code index for a
            # matching name (3.6 s for 78 nodes on the 100,000-event benchmark store)
            ident_sql = ("SELECT name, MIN(country) AS country, MIN(code) AS code FROM actors "
                         "WHERE name = ANY(CAST(? AS text[])) GROUP BY name")
        for r in db.query(con, ident_sql, [db.dialect.list_param(names)]):
            nodes[r["name"]].update(country=r["country"], code=r["code"])
        marks = ",".join("?" * len(names))
        rel_sql = (
            # CROSS JOIN fixes the order in SQLite: walk relations (few) and look actors up by primary key,
            # rather than every mention-row of every node name.
            "SELECT s.name AS source, t.name AS target, r.type, COUNT(*) AS weight FROM relations r "
            f"{db.dialect.ordered_join} actors s ON s.article_id = r.article_id AND s.actor_id = r.source "
            f"{db.dialect.ordered_join} actors t ON t.article_id = r.article_id AND t.actor_id = r.target "
            f"WHERE s.name IN ({marks}) AND t.name IN ({marks}) AND s.name <> t.name "
            "GROUP BY s.name, t.name, r.type ORDER BY s.name, t.name, r.type"  # same edge order everywhere
        )
        for r in db.query(con, rel_sql, names + names):
            edges.append({"id": f"rel:{r['type']}:{r['source']}→{r['target']}", "kind": "relation",
                          "type": r["type"], "source": r["source"], "target": r["target"],
                          "weight": r["weight"]})
    return {"nodes": list(nodes.values()), "edges": edges}


def stats(db: Database, con: sqlite3.Connection) -> dict[str, Any]:
    counts = {}
    for table in ("articles", "actors", "mentions", "relations", "quotes", "places", "times",
                  "events", "event_evidence", "rejects", "runs"):
        if table in db.tables:
            counts[table] = db.query(con, f"SELECT COUNT(*) FROM {table}")[0][0]  # names are literals above
    span = db.query(con, "SELECT MIN(published_day), MAX(published_day) FROM articles")[0]
    quad = {str(r[0]): r[1] for r in db.query(con, "SELECT quad_class, COUNT(*) FROM events GROUP BY quad_class")}
    runs = [dict(r) for r in db.query(
        con, "SELECT id, started, ended, stored, unchanged, rejected, status FROM runs ORDER BY id DESC LIMIT 5")]
    return {"counts": counts, "published": {"first": span[0], "last": span[1]},
            "events_by_quad_class": quad, "recent_runs": runs}


def article_detail(db: Database, con: sqlite3.Connection, article_id: str) -> dict[str, Any]:
    rows = db.query(con, "SELECT record, stored_at, run_id FROM articles WHERE id = ?", [article_id.lower()])
    if not rows:
        raise ApiError(404, f"no article with id {article_id}")
    record = json.loads(rows[0]["record"])
    return {"record": record, "stored_at": rows[0]["stored_at"], "run_id": rows[0]["run_id"]}
