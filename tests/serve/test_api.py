"""The explorer API on a real store: every endpoint, each filter against known answers (the two
team-written records), keyset paging round trips, streams, limits and hostile input."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from fastapi.testclient import TestClient

from khabar.serve.app import create_app
from khabar.serve.db import Database, Limits
from khabar.serve.paging import encode_cursor

LISTS = ["events", "articles", "actors", "quotes", "places", "relations"]


def ids(client, path: str, **params) -> list[str]:
    resp = client.get(path, params={"size": 1000, **params})
    assert resp.status_code == 200, resp.text
    return [r["id"] for r in resp.json()["rows"]]


def event_ids(client, **params) -> set[str]:
    return set(ids(client, "/api/events", **params))


@pytest.fixture(scope="module")
def nairobi(handmade):
    return handmade["nairobi"].article.id


@pytest.fixture(scope="module")
def shoal(handmade):
    return handmade["shoal"].article.id


# -- every endpoint ------------------------------------------------------------------------------

def test_stats_counts_what_the_store_holds(client, store_db):
    body = client.get("/api/stats").json()
    with sqlite3.connect(store_db) as con:
        for table in ("articles", "actors", "events", "quotes", "places", "relations"):
            assert body["counts"][table] == con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    assert body["counts"]["articles"] >= 17  # 15 example articles + 2 team-written records
    assert body["published"]["first"] <= "2024-05-02" <= body["published"]["last"]
    assert sum(body["events_by_quad_class"].values()) == body["counts"]["events"]


@pytest.mark.parametrize("name", LISTS)
def test_every_list_pages_and_has_rows(client, name):
    resp = client.get(f"/api/{name}", params={"size": 2})
    assert resp.status_code == 200
    body = resp.json()
    assert 1 <= body["count"] == len(body["rows"]) <= 2
    assert all("id" in r for r in body["rows"])


def test_article_detail_is_the_stored_record(client, handmade, nairobi):
    body = client.get(f"/api/articles/{nairobi}").json()
    assert body["record"] == handmade["nairobi"].to_dict()
    assert client.get(f"/api/articles/{nairobi.upper()}").status_code == 200
    missing = client.get("/api/articles/" + "0" * 40)
    assert missing.status_code == 404 and "no article" in missing.json()["error"]


def _page_parts(html: str) -> dict[str, list]:
    """Tags of a page by kind, with the script sources and the title text."""
    from html.parser import HTMLParser

    found: dict[str, list] = {"tags": [], "scripts": [], "title": []}

    class Parts(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found["tags"].append(tag)
            if tag == "script":
                found["scripts"].append(dict(attrs)["src"])

        def handle_data(self, data):
            if self.lasttag == "title" and data.strip():
                found["title"].append(data.strip())

    Parts().feed(html)
    return found


@pytest.mark.parametrize("page,title,vendor", [
    ("/", "overview", []), ("/events.html", "events", []), ("/article.html", "article", []),
    ("/timeline.html", "timeline", ["d3.min.js"]),
    ("/map.html", "map", ["d3.min.js", "topojson-client.min.js"]),
    ("/network.html", "actor network", ["cytoscape.min.js"]),
])
def test_pages_are_one_shell_around_their_own_part(client, page, title, vendor):
    resp = client.get(page)
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/html"), page
    parts = _page_parts(resp.text)
    assert parts["title"] == [f"khabar · {title}"]
    assert [parts["tags"].count(t) for t in ("html", "head", "body", "header", "main")] == [1, 1, 1, 1, 1]
    name = "index" if page == "/" else page.strip("/").removesuffix(".html")
    # vendor libraries first, then the shared helpers, then the page's own script
    assert parts["scripts"] == [f"/vendor/{v}" for v in vendor] + ["/static/common.js", f"/static/{name}.js"]
    for src in parts["scripts"][len(vendor):]:
        assert client.get(src).status_code == 200, src


def test_pages_and_openapi_are_served(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/articles", "/api/actors", "/api/quotes", "/api/places",
                 "/api/relations", "/api/stats", "/api/events/facets", "/api/network", "/api/articles/{article_id}"):
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 200
    assert client.get("/static/common.js").status_code == 200


# -- event filters, against the team-written records -----------------------------------------------

def test_filter_by_article(client, nairobi):
    assert event_ids(client, article=nairobi) == {f"{nairobi}/e1", f"{nairobi}/e2", f"{nairobi}/e3"}


def test_filter_by_actor_name_and_code(client, nairobi):
    rows = client.get("/api/events", params={"actor": "Amina Odhiambo", "size": 1000}).json()["rows"]
    assert f"{nairobi}/e2" in {r["id"] for r in rows}
    assert all("Amina Odhiambo" in (r["source"] and r["source"]["name"], r["target"] and r["target"]["name"]) for r in rows)
    by_code = event_ids(client, actor="KENCOP")
    assert {f"{nairobi}/e1", f"{nairobi}/e3"} <= by_code  # police as source (e1) and as target (e3)
    assert event_ids(client, source="KENCOP", article=nairobi) == {f"{nairobi}/e1"}
    assert event_ids(client, target="Kenyan police", article=nairobi) == {f"{nairobi}/e3"}


def test_filter_by_cameo_root_code_plover_quad(client, nairobi, shoal):
    root = client.get("/api/events", params={"root": "17", "size": 1000}).json()["rows"]
    assert {f"{nairobi}/e1", f"{shoal}/e1"} <= {r["id"] for r in root}
    assert all(r["cameo_root"] == "17" for r in root)
    sub = client.get("/api/events", params={"cameo": "173", "size": 1000}).json()["rows"]
    assert f"{nairobi}/e1" in {r["id"] for r in sub} and f"{shoal}/e1" not in {r["id"] for r in sub}
    assert all(r["cameo"].startswith("173") for r in sub)
    plover = client.get("/api/events", params={"plover": "coerce", "size": 1000}).json()["rows"]
    assert {f"{nairobi}/e1", f"{shoal}/e1"} <= {r["id"] for r in plover}
    assert all(r["plover"]["type"] == "COERCE" for r in plover)
    quad = client.get("/api/events", params={"quad": 3, "size": 1000}).json()["rows"]
    assert {f"{nairobi}/e2", f"{shoal}/e2"} <= {r["id"] for r in quad}
    assert all(r["quad_class"] == 3 for r in quad)


def test_filter_by_country_place_modality(client, nairobi, shoal):
    phl = client.get("/api/events", params={"country": "phl", "size": 1000}).json()["rows"]
    assert {f"{shoal}/e1", f"{shoal}/e2"} <= {r["id"] for r in phl}
    for r in phl:
        assert "PHL" in {(r["place"] or {}).get("country"), (r["source"] or {}).get("country"),
                         (r["target"] or {}).get("country")}
    assert f"{nairobi}/e1" in event_ids(client, place="184745")
    assert all(r["place"]["geonames_id"] == 184745
               for r in client.get("/api/events", params={"place": "184745"}).json()["rows"])
    assert event_ids(client, place="second thomas shoal") == {f"{shoal}/e1"}
    reported = client.get("/api/events", params={"modality": "reported", "size": 1000}).json()["rows"]
    assert f"{nairobi}/e1" in {r["id"] for r in reported}
    assert all(r["modality"] == "reported" for r in reported)


def test_filter_by_date_range_overlaps_event_dates(client, nairobi, shoal):
    june = event_ids(client, since="2024-06-01", until="2024-06-30")
    # e1 is dated 2024-06-09; e2 only "2024-06" (a month), which overlaps the window.
    assert {f"{shoal}/e1", f"{shoal}/e2"} <= june
    assert not {f"{nairobi}/e1", f"{nairobi}/e2"} & june
    assert event_ids(client, since="2024-06-10", article=shoal) == {f"{shoal}/e2"}
    assert event_ids(client, until="2024-04-30", article=nairobi) == {f"{nairobi}/e1"}


def test_text_search_uses_the_article_index(client, nairobi, shoal):
    found = event_ids(client, q="water cannon")
    assert {f"{shoal}/e1", f"{shoal}/e2"} <= found
    assert not any(i.startswith(nairobi) for i in found)
    assert shoal in ids(client, "/api/articles", q="cannon")
    assert shoal in ids(client, "/api/articles", q="wat*")  # prefix search
    assert shoal not in ids(client, "/api/articles", q='"cannon water"')  # phrase order matters


def test_filters_combine(client, nairobi):
    assert event_ids(client, country="KEN", quad=4, article=nairobi) == {f"{nairobi}/e1"}


# -- other lists -------------------------------------------------------------------------------------

def test_actors_quotes_places_relations(client, nairobi):
    actors = client.get("/api/actors", params={"name": "odhiambo"}).json()["rows"]
    assert [a["name"] for a in actors] == ["Amina Odhiambo"]
    assert actors[0]["code"] == "KENOPP" and actors[0]["n_records"] == 1 and actors[0]["n_mentions"] == 2
    kenyan = client.get("/api/actors", params={"country": "KEN", "size": 1000}).json()["rows"]
    assert {"Kenyan police", "Orange Movement"} <= {a["name"] for a in kenyan}
    assert all(a["country"] == "KEN" for a in kenyan)

    quotes = client.get("/api/quotes", params={"actor": "Amina Odhiambo"}).json()["rows"]
    assert [q["content_text"] for q in quotes] == ["We will march again next week."]
    assert quotes[0]["speaker"]["code"] == "KENOPP" and quotes[0]["direct"] is True

    places = client.get("/api/places", params={"name": "nairobi"}).json()["rows"]
    assert places and places[0]["id"] == "184745" and places[0]["country"] == "KEN"

    rel = client.get("/api/relations", params={"type": "leader_of", "actor": "Amina Odhiambo"}).json()["rows"]
    assert [(r["source"]["name"], r["target"]["name"]) for r in rel] == [("Amina Odhiambo", "Orange Movement")]

    arts = ids(client, "/api/articles", actor="Amina Odhiambo")
    assert arts == [nairobi]
    assert nairobi in ids(client, "/api/articles", country="KEN", source="Team Wire")


# -- facets and network ------------------------------------------------------------------------------

def test_facets(client, nairobi, shoal):
    day = client.get("/api/events/facets", params={"by": "day", "article": nairobi}).json()
    # e1 has its own day; e2 and e3 only an inferred date, so they sit on the publication day.
    assert day["buckets"] == [{"value": "2024-04-30", "count": 1}, {"value": "2024-05-02", "count": 2}]
    assert day["total"] == 3
    split = client.get("/api/events/facets", params={"by": "day", "split": "quad_class", "article": nairobi}).json()
    assert {(b["value"], b["quad_class"], b["count"]) for b in split["buckets"]} == {
        ("2024-04-30", 4, 1), ("2024-05-02", 3, 2)}
    plover = client.get("/api/events/facets", params={"by": "plover", "article": shoal}).json()
    assert {(b["value"], b["count"]) for b in plover["buckets"]} == {("COERCE", 1), ("ACCUSE", 1)}
    place = client.get("/api/events/facets", params={"by": "place", "article": nairobi}).json()
    assert place["buckets"] == [{"value": "184745", "label": "Nairobi", "lat": -1.28333, "lon": 36.81667,
                                 "country": "KEN", "count": 1}]
    actor = client.get("/api/events/facets", params={"by": "actor", "article": nairobi}).json()
    assert dict((b["value"], b["count"]) for b in actor["buckets"])["Kenyan police"] == 2
    whole = client.get("/api/events/facets", params={"by": "country"}).json()
    assert sum(b["count"] for b in whole["buckets"]) <= whole["total"]


def test_network(client, nairobi):
    net = client.get("/api/network", params={"article": nairobi}).json()
    assert {n["id"] for n in net["nodes"]} == {"Kenyan police", "Kenyan protesters", "Kenyan interior ministry",
                                             "Amina Odhiambo", "Orange Movement"}
    edges = {(e["kind"], e["source"], e["target"]): e for e in net["edges"]}
    assert edges[("event", "Kenyan police", "Kenyan protesters")]["weight"] == 1
    assert edges[("relation", "Amina Odhiambo", "Orange Movement")]["type"] == "leader_of"
    assert client.get("/api/network", params={"edges": 1}).json()["edges"][0]["kind"] == "event"


# -- keyset pagination ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", LISTS)
def test_pagination_round_trip(client, name):
    everything = ids(client, f"/api/{name}")
    assert len(everything) == len(set(everything)) >= 2
    size = 2 if len(everything) > 2 else 1
    walked, token, pages = [], None, 0
    while True:
        params = {"size": size} | ({"next": token} if token else {})
        body = client.get(f"/api/{name}", params=params).json()
        walked += [r["id"] for r in body["rows"]]
        token, pages = body["next"], pages + 1
        if token is None:
            break
        assert body["next_url"].endswith(f"next={token}")
    assert walked == everything
    assert pages == -(-len(everything) // size)


def test_pagination_keeps_filters(client, nairobi):
    first = client.get("/api/events", params={"article": nairobi, "size": 2}).json()
    rest = client.get("/api/events", params={"article": nairobi, "size": 2, "next": first["next"]}).json()
    assert len(first["rows"]) == 2 and len(rest["rows"]) == 1 and rest["next"] is None
    assert {r["article_id"] for r in first["rows"] + rest["rows"]} == {nairobi}


# -- CSV and NDJSON streams ------------------------------------------------------------------------

@pytest.mark.parametrize("name", LISTS)
def test_streams_hold_the_whole_list(client, name, store_target):
    everything = ids(client, f"/api/{name}")
    nd = client.get(f"/api/{name}", params={"format": "ndjson"})
    assert nd.headers["content-type"].startswith("application/x-ndjson")
    assert [json.loads(line)["id"] for line in nd.text.splitlines()] == everything
    text = client.get(f"/api/{name}", params={"format": "csv"}).text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(everything)
    # a small export batch forces several keyset batches; the stream must not change
    with TestClient(create_app(store_target, Limits(export_batch=3))) as small:
        assert small.get(f"/api/{name}", params={"format": "ndjson"}).text == nd.text
        assert small.get(f"/api/{name}", params={"format": "csv"}).text == text


def test_csv_columns_are_flat(client, nairobi):
    rows = list(csv.DictReader(io.StringIO(
        client.get("/api/events", params={"format": "csv", "article": nairobi}).text)))
    first = {r["event_id"]: r for r in rows}["e1"]
    assert first["source_name"] == "Kenyan police" and first["cameo"] == "173"
    assert first["trigger"] == "arrested" and first["article_title"] == "Nairobi police arrest protesters"


# -- limits and bad input --------------------------------------------------------------------------

@pytest.mark.parametrize("query, needle", [
    ("size=0", "size"), ("size=1001", "size"), ("size=many", "size"), ("next=%%%", "next"),
    ("next=" + encode_cursor("x", 1)[:-2] + "!!", "next"), ("next=eyJhIjoxfQ", "next"),
    ("since=2024-13-01", "since"), ("until=yesterday", "until"), ("quad=9", "quad"),
    ("root=1", "root"), ("cameo=17a", "cameo"), ("country=Kenya", "country"), ("modality=maybe", "modality"),
    ("format=xml", "format"), ("bogus=1", "bogus"), ("q=" + "x" * 201, "q"), ("q=%22%22", "q"), ("q=_", "q"),
])
def test_bad_parameters_are_clear_400s(client, query, needle):
    resp = client.get("/api/events?" + query)
    assert resp.status_code == 400, query
    assert needle in resp.json()["error"]
    assert client.get("/api/stats").status_code == 200  # still serving


def test_facet_and_network_limits(client):
    assert client.get("/api/events/facets", params={"by": "weather"}).status_code == 400
    assert client.get("/api/network", params={"edges": 5000}).status_code == 400


def test_query_time_limit_gives_400_and_server_stays_up(store_db, sqlite_client):
    # A budget of 0 s, checked every 10 SQLite steps: every statement is over budget.
    with TestClient(create_app(store_db, Limits(time_limit=0.0, progress_ops=10))) as strict:
        for path in ("/api/events", "/api/actors", "/api/events/facets", "/api/network"):
            resp = strict.get(path)
            assert resp.status_code == 400, path
            assert "took longer than" in resp.json()["error"]
        assert strict.get("/api/events", params={"format": "csv"}).status_code == 400
    assert sqlite_client.get("/api/events").status_code == 200


def test_missing_database_is_a_user_error(tmp_path):
    from khabar.errors import UserError

    with pytest.raises(UserError, match="database not found"):
        create_app(tmp_path / "nope.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(UserError, match="not a khabar SQLite database"):
        create_app(junk)


# -- hostile input -----------------------------------------------------------------------------------

@pytest.mark.parametrize("param, value", [
    ("actor", "x' OR '1'='1"), ("actor", "'; DROP TABLE events; --"), ("place", "1 OR 1=1"),
    ("plover", "COERCE' UNION SELECT sql FROM sqlite_master --"), ("q", "\") OR 1=1 --"),
    ("q", "title:cannon"), ("q", "NEAR(water cannon)"), ("q", "*"), ("source", "\" OR \"\"=\""),
])
def test_sql_injection_attempts_match_nothing_and_break_nothing(client, store_db, param, value):
    before = client.get("/api/stats").json()["counts"]
    resp = client.get("/api/events", params={param: value})
    assert resp.status_code in (200, 400)
    if resp.status_code == 200:
        assert resp.json()["rows"] == []
    assert client.get("/api/stats").json()["counts"] == before


def test_like_wildcards_are_literal(client):
    assert client.get("/api/actors", params={"name": "%"}).json()["rows"] == []
    assert client.get("/api/places", params={"name": "_"}).json()["rows"] == []


def test_connections_are_read_only(store_db):
    db = Database(store_db)
    with db.connect() as con, pytest.raises(sqlite3.OperationalError, match="readonly"):
        con.execute("CREATE TABLE intruder (x)")


@pytest.mark.parametrize("path", [
    "/static/..%2f..%2f..%2fetc%2fpasswd", "/static/%2e%2e/%2e%2e/etc/passwd",
    "/vendor/..%2f..%2f..%2f..%2fetc%2fpasswd", "/api/articles/..%2f..%2fetc%2fpasswd",
    "/api/articles/%2e%2e", "/..%2f..%2fetc%2fpasswd", "/static/../conftest.py", "/passwd.html",
])
def test_path_traversal_is_refused(client, path):
    resp = client.get(path)
    assert resp.status_code in (400, 404), path
    assert "root:" not in resp.text


# -- optional explorer indexes ---------------------------------------------------------------------

def test_explorer_indexes_change_speed_not_answers(store_db, tmp_path, sqlite_client, nairobi):
    import shutil

    from khabar.serve.indexes import create_indexes, index_names

    copy = tmp_path / "indexed.db"
    shutil.copy(store_db, copy)
    assert "explorer indexes ready" in create_indexes(copy)
    create_indexes(copy)  # idempotent
    urls = ["/api/events?size=1000", "/api/events?country=KEN&size=1000", f"/api/events?actor=KENCOP&article={nairobi}",
            "/api/actors?size=1000", "/api/places?size=1000", "/api/events/facets?by=day&split=quad_class",
            "/api/events/facets?by=actor", "/api/events/facets?by=place", "/api/events/facets?by=plover",
            "/api/network", "/api/events?size=2"]
    with TestClient(create_app(copy)) as indexed:
        for url in urls:
            assert indexed.get(url).json() == sqlite_client.get(url).json(), url
    db = Database(copy)
    with db.connect() as con:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert set(index_names()) <= names
        # the sorted event list walks the day index instead of sorting every event
        from khabar.serve.listings import EVENTS

        plan = " ".join(r[3] for r in con.execute(
            f"EXPLAIN QUERY PLAN SELECT * FROM ({EVENTS.select} WHERE 1) AS t ORDER BY t._o DESC, t._k DESC LIMIT 51"))
        assert "explorer_events_day" in plan and "TEMP B-TREE" not in plan, plan


def test_pooled_connections_see_new_ingests(store_db, tmp_path, handmade):
    """The server keeps connections open between requests; each request must still see articles
    committed meanwhile by an ingest (no read transaction is left open in the pool)."""
    import shutil

    from khabar.ingest import make_article
    from khabar.records import ArticleRecord
    from khabar.store import open_store

    copy = tmp_path / "live.db"
    shutil.copy(store_db, copy)
    with TestClient(create_app(copy)) as live:
        before = live.get("/api/stats").json()["counts"]["articles"]
        assert live.get("/api/articles", params={"q": "lighthouse"}).json()["rows"] == []
        fresh = ArticleRecord(article=make_article("The old lighthouse keeper retired on Friday.",
                                                   title="Lighthouse", published="2024-07-01"))
        with open_store(copy) as store:
            store.write(fresh)
        assert live.get("/api/stats").json()["counts"]["articles"] == before + 1
        assert [r["id"] for r in live.get("/api/articles", params={"q": "lighthouse"}).json()["rows"]] == [fresh.article.id]
