"""The explorer answers the same on SQLite and PostgreSQL: the same records (conftest.py copies
the SQLite store into PostgreSQL in the same order) give the same rows, in the same order, the
same facets, network, stats and errors. Plus what only PostgreSQL has: read-only sessions,
the statement timeout, a fresh snapshot per request."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from khabar.serve.app import create_app
from khabar.serve.db import ApiError, Limits

LISTS = ["events", "articles", "actors", "quotes", "places", "relations"]
# Differ by design: when and by which run each backend stored a record, and the opaque paging
# token (it holds the backend's own row key: rowid in SQLite, the row's place in PostgreSQL).
VOLATILE = {"stored_at", "run_id", "next", "next_url"}


def _same(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _same(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_same(v) for v in value]
    return value


def _urls(nairobi: str, shoal: str) -> list[str]:
    return [
        *(f"/api/{name}?size=1000" for name in LISTS),
        "/api/events?size=7",
        "/api/events?actor=Amina%20Odhiambo", "/api/events?actor=KENCOP", "/api/events?source=KENCOP",
        "/api/events?target=Kenyan%20police", "/api/events?root=17", "/api/events?cameo=17",
        "/api/events?plover=coerce", "/api/events?quad=3", "/api/events?country=phl",
        "/api/events?place=184745", "/api/events?place=SECOND%20thomas%20shoal", "/api/events?modality=reported",
        "/api/events?since=2024-06-01&until=2024-06-30", f"/api/events?until=2024-04-30&article={nairobi}",
        "/api/events?q=water%20cannon", "/api/events?q=wat*", "/api/events?q=%22cannon%20water%22",
        f"/api/events?country=KEN&quad=4&article={nairobi}",
        "/api/articles?q=cannon", "/api/articles?actor=Amina%20Odhiambo", "/api/articles?country=KEN&source=Team%20Wire",
        "/api/articles?since=2024-06-01",
        "/api/actors?name=ODHIAMBO", "/api/actors?country=KEN", "/api/actors?kind=person", "/api/actors?code=KEN",
        "/api/actors?name=%25",
        "/api/quotes?actor=Amina%20Odhiambo", "/api/quotes?kind=direct",
        "/api/places?name=nairobi", "/api/places?country=PHL", "/api/places?feature=city", "/api/places?name=_",
        "/api/relations?type=leader_of", "/api/relations?actor=Amina%20Odhiambo",
        *(f"/api/events/facets?by={by}" for by in ("day", "month", "cameo_root", "cameo", "plover", "quad_class",
                                                    "country", "modality", "actor", "place")),
        "/api/events/facets?by=day&split=quad_class", "/api/events/facets?by=actor&split=quad_class",
        f"/api/events/facets?by=place&article={shoal}",
        "/api/network", "/api/network?edges=3", f"/api/network?article={nairobi}",
        f"/api/articles/{nairobi}", f"/api/articles/{shoal}",
        # errors: same status, same message
        "/api/events?size=0", "/api/events?next=eyJhIjoxfQ", "/api/events?q=_", "/api/events?country=Kenya",
        "/api/articles/" + "0" * 40, "/api/events/facets?by=weather",
        "/api/events?actor=x'%20OR%20'1'='1", "/api/events?q=%22)%20OR%201=1%20--",
    ]


def test_both_backends_give_the_same_answers(sqlite_client, pg_client, handmade):
    nairobi, shoal = handmade["nairobi"].article.id, handmade["shoal"].article.id
    answered = 0
    for url in _urls(nairobi, shoal):
        a, b = sqlite_client.get(url), pg_client.get(url)
        assert a.status_code == b.status_code, url
        assert _same(a.json()) == _same(b.json()), url
        answered += bool(a.json().get("rows") or a.json().get("buckets") or a.json().get("nodes"))
    assert answered >= 45  # agreement on empty answers alone would prove nothing


def test_stats_agree_on_the_records(sqlite_client, pg_client):
    a, b = sqlite_client.get("/api/stats").json(), pg_client.get("/api/stats").json()
    for table in ("articles", "actors", "mentions", "relations", "quotes", "places", "times", "events",
                  "event_evidence"):
        assert a["counts"][table] == b["counts"][table] > 0, table
    assert a["published"] == b["published"] and a["events_by_quad_class"] == b["events_by_quad_class"]


@pytest.mark.parametrize("name", LISTS)
def test_pages_walk_the_same_rows_in_the_same_order(sqlite_client, pg_client, name):
    def walk(client) -> list[str]:
        walked, token = [], None
        while True:
            body = client.get(f"/api/{name}", params={"size": 3} | ({"next": token} if token else {})).json()
            walked += [r["id"] for r in body["rows"]]
            token = body["next"]
            if token is None:
                return walked

    on_sqlite = walk(sqlite_client)
    assert len(on_sqlite) >= 3
    assert walk(pg_client) == on_sqlite


def test_streams_are_the_same(sqlite_client, pg_client):
    for name in LISTS:
        for fmt in ("csv", "ndjson"):
            a = sqlite_client.get(f"/api/{name}", params={"format": fmt}).text
            b = pg_client.get(f"/api/{name}", params={"format": fmt}).text
            if name == "articles":  # stored_at differs by design; compare everything else
                assert len(a.splitlines()) == len(b.splitlines())
            else:
                assert a == b, (name, fmt)


# -- PostgreSQL only ---------------------------------------------------------------------------

def test_postgres_connections_are_read_only(pg_store):
    import psycopg

    from khabar.serve.pgdb import PgDatabase

    db = PgDatabase(pg_store)
    try:
        with db.connect() as con, pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            con.execute("CREATE TABLE intruder (x int)")
        with db.connect() as con, pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            con.execute("DELETE FROM events")
        with db.connect() as con:  # the pool hands back a working connection after the error
            assert db.query(con, "SELECT COUNT(*) AS n FROM events")[0]["n"] > 0
    finally:
        db.close()


def test_postgres_statement_over_budget_is_a_400_and_the_connection_recovers(pg_store):
    from khabar.serve.pgdb import PgDatabase

    db = PgDatabase(pg_store, Limits(time_limit=0.05))
    try:
        with db.connect() as con:
            with pytest.raises(ApiError) as caught:
                db.query(con, "SELECT pg_sleep(2)")
            assert caught.value.status == 400
            assert caught.value.message == "query took longer than 0.05 s; narrow the filters"
            # same connection, next statement: a fresh transaction with the budget again
            assert db.query(con, "SELECT COUNT(*) AS n FROM articles")[0][0] > 0
            db.query(con, "SELECT pg_sleep(0.01)", time_limit=1.0)  # a larger budget for one statement
    finally:
        db.close()


def test_postgres_pooled_connections_see_new_ingests(pg_server, handmade):
    from khabar.ingest import make_article
    from khabar.records import ArticleRecord
    from khabar.store import open_store

    url = pg_server.create_db()
    try:
        with open_store(url) as store:
            for record in handmade.values():
                store.write(record)
        with TestClient(create_app(url)) as live:
            assert live.get("/api/stats").json()["counts"]["articles"] == 2
            assert live.get("/api/articles", params={"q": "lighthouse"}).json()["rows"] == []
            fresh = ArticleRecord(article=make_article("The old lighthouse keeper retired on Friday.",
                                                       title="Lighthouse", published="2024-07-01"))
            with open_store(url) as store:
                store.write(fresh)
            assert live.get("/api/stats").json()["counts"]["articles"] == 3
            assert [r["id"] for r in live.get("/api/articles", params={"q": "lighthouse"}).json()["rows"]] == [
                fresh.article.id]
    finally:
        pg_server.drop_db(url)


def test_postgres_database_without_a_store_is_a_user_error(pg_server):
    from khabar.errors import UserError

    url = pg_server.create_db()
    try:
        with pytest.raises(UserError, match="is not a khabar store"):
            create_app(url)
    finally:
        pg_server.drop_db(url)


def test_postgres_explorer_indexes_change_speed_not_answers(pg_server, copy_to_pg, sqlite_client, handmade):
    import psycopg

    from khabar.serve.indexes import create_indexes, index_names

    url = pg_server.create_db()
    try:
        copy_to_pg(url)
        assert "explorer indexes ready" in create_indexes(url)
        create_indexes(url)  # idempotent
        with psycopg.connect(url) as con:
            names = {r[0] for r in con.execute("SELECT indexname FROM pg_indexes")}
        assert set(index_names()) <= names
        nairobi, shoal = handmade["nairobi"].article.id, handmade["shoal"].article.id
        with TestClient(create_app(url)) as indexed:
            for u in _urls(nairobi, shoal):
                assert _same(indexed.get(u).json()) == _same(sqlite_client.get(u).json()), u
    finally:
        pg_server.drop_db(url)


def test_postgres_pool_replaces_connections_the_server_closed(pg_store):
    import psycopg

    from khabar.serve.pgdb import PgDatabase

    db = PgDatabase(pg_store, Limits(pg_idle_check=0.0))
    try:
        with db.connect() as con:
            pid = con.info.backend_pid
            n = db.query(con, "SELECT COUNT(*) AS n FROM events")[0]["n"]
        # as a server restart or an idle_session_timeout would: the pooled session is gone
        with psycopg.connect(pg_store, autocommit=True) as admin:
            assert admin.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone()[0] is True
        with db.connect() as con:
            assert con.info.backend_pid != pid
            assert db.query(con, "SELECT COUNT(*) AS n FROM events")[0]["n"] == n
    finally:
        db.close()
