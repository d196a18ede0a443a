"""The store test-suite on both backends: every behaviour of the `Store` contract, run once on
SQLite and once on PostgreSQL (skipped with a reason when no PostgreSQL can be had)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from khabar.errors import UserError
from khabar.records import Reject
from khabar.store import StoreError, open_store
from khabar.store.rows import COLUMNS

_spec = importlib.util.spec_from_file_location(
    "khabar_store_sample", Path(__file__).resolve().parents[1] / "store" / "sample.py")
_sample = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_sample)
build_record = _sample.build_record


@pytest.fixture
def record():
    return build_record()


def counts(store) -> dict[str, int]:
    return {t: store.con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in COLUMNS}


def migration_files(store):
    if store.dialect == "postgres":
        from khabar.store.postgres import migrations
    else:
        from khabar.store.sqlite import migrations
    return migrations()


def test_both_dialects_have_the_same_migration_numbers():
    pytest.importorskip("psycopg")
    from khabar.store import postgres, sqlite

    assert [v for v, _, _ in postgres.migrations()] == [v for v, _, _ in sqlite.migrations()]
    assert [n for _, n, _ in postgres.migrations()] == [n for _, n, _ in sqlite.migrations()]


def test_migrations_applied_once(db_url):
    with open_store(db_url) as store:
        files = migration_files(store)
        assert [v for v, _, _ in files] == list(range(1, len(files) + 1))
        assert store.applied_migrations() == [(v, n) for v, n, _ in files]
        stamps = store.con.execute("SELECT applied FROM schema_migrations ORDER BY version").fetchall()
    with open_store(db_url) as store:
        assert store.con.execute("SELECT applied FROM schema_migrations ORDER BY version").fetchall() == stamps


def test_newer_schema_is_refused(db_url):
    with open_store(db_url) as store:
        store.con.execute("INSERT INTO schema_migrations VALUES (999, '0999_future.sql', 'x')")
    with pytest.raises(UserError, match="schema version 999"):
        open_store(db_url)


def test_insert_columns_match_the_migrations(db_url):
    with open_store(db_url) as store:
        for table, cols in COLUMNS.items():
            exported = {n for n, _ in store.columns(table)}
            hidden = {"record"} if table == "articles" else set()
            assert set(cols) - hidden == exported, table
        kinds = dict(store.columns("events"))
        assert (kinds["quad_class"], kinds["goldstein"], kinds["cameo"]) == ("int", "real", "text")


def test_round_trip_returns_the_exact_record(db_url, record):
    with open_store(db_url) as store:
        assert store.write(record) == "stored"
        assert store.get_record(record.article.id) == record
        assert store.get_record("0" * 40) is None
        assert list(store.iter_records()) == [record]
        events = list(store.iter_rows("events"))
        assert [e["event_id"] for e in events] == ["e1", "e2"]
        e1 = events[0]
        assert (e1["source_code"], e1["target_code"], e1["target_name"]) == ("IRQCOP", "IRQREB", "Samir Haddad")
        assert (e1["place_name"], e1["country"], e1["lat"], e1["lon"]) == ("Baghdad", "IRQ", 33.341, 44.401)
        assert (e1["cameo"], e1["cameo_root"], e1["quad_class"]) == ("173", "17", 4)
        assert (events[1]["date_start"], events[1]["date_end"]) == ("2014-01-01", "2014-12-31")
        assert counts(store) == {
            "articles": 1, "actors": 3, "mentions": 4, "relations": 1, "quotes": 1, "places": 1,
            "place_mentions": 1, "times": 1, "events": 2, "event_evidence": 2,
        }


def test_backends_hold_identical_rows(tmp_path, pg_url, record):
    """Same record → same exported rows, table by table, on SQLite and PostgreSQL."""
    with open_store(tmp_path / "k.db") as lite, open_store(pg_url) as pg:
        for s in (lite, pg):
            s.write(record)
        for table in COLUMNS:
            skip = {"stored_at"}
            a = [{k: v for k, v in r.items() if k not in skip} for r in lite.iter_rows(table)]
            b = [{k: v for k, v in r.items() if k not in skip} for r in pg.iter_rows(table)]
            assert a == b, table


def test_same_article_again_is_a_no_op(db_url, record):
    with open_store(db_url) as store:
        assert store.write(record) == "stored"
        before = counts(store)
        assert store.write(record) == "unchanged"
        assert store.write(build_record()) == "unchanged"
        assert counts(store) == before
        assert store.has_article(record.article.id)
        assert store.known_ids([record.article.id, "f" * 40]) == {record.article.id}


def test_reprocess_replaces_every_row(db_url, record):
    with open_store(db_url) as store:
        store.write(record)
        smaller = record.model_copy(deep=True)
        smaller.actors = smaller.actors[:1]
        smaller.relations, smaller.quotes, smaller.places, smaller.times = [], [], [], []
        smaller.events = []
        assert store.write(smaller) == "unchanged"
        assert counts(store)["events"] == 2
        assert store.write(smaller, reprocess=True) == "replaced"
        assert store.get_record(record.article.id) == smaller
        assert counts(store) == {"articles": 1, "actors": 1, "mentions": 2, "relations": 0, "quotes": 0,
                                 "places": 0, "place_mentions": 0, "times": 0, "events": 0,
                                 "event_evidence": 0}


def test_failed_reprocess_leaves_the_old_version_whole(db_url, record):
    with open_store(db_url) as store:
        store.write(record)
        before = counts(store)
        broken = record.model_copy(deep=True)
        broken.events[1].id = "e1"  # two events with one id: the insert fails halfway
        with pytest.raises(StoreError, match="not stored"):
            store.write(broken, reprocess=True)
        assert counts(store) == before
        assert store.get_record(record.article.id) == record
        # the connection is usable again: the failed transaction was rolled back
        assert store.write(build_record(text="Police arrested a commander in Mosul.")) == "stored"


def test_known_ids_beyond_one_query(db_url):
    with open_store(db_url) as store:
        stored = []
        for i in range(3):
            rec = build_record(text=f"Report {i}: police arrested a commander in Baghdad.", n_events=0)
            store.write(rec)
            stored.append(rec.article.id)
        asked = [f"{i:040x}" for i in range(1200)] + stored
        assert store.known_ids(asked) == set(stored)
        assert store.known_ids([]) == set()


def test_rejects_are_kept_once_with_the_last_run(db_url):
    with open_store(db_url) as store:
        first = store.begin_run({"sources": ["x"]})
        store.write_reject(Reject(source="bad.jsonl", position="line 3", reason="invalid JSON"))
        store.end_run(first, {"rejected": 1})
        second = store.begin_run({"sources": ["x"]})
        store.write_reject(Reject(source="bad.jsonl", position="line 3", reason="invalid JSON"))
        store.write_reject(Reject(source="empty.txt", reason="empty file"))
        store.end_run(second, {"rejected": 2})
        rows = list(store.iter_rows("rejects"))
        assert sorted((r["source"], r["position"], r["run_id"]) for r in rows) == [
            ("bad.jsonl", "line 3", second), ("empty.txt", None, second)]
        runs = list(store.iter_rows("runs"))
        assert [(r["id"], r["status"], r["rejected"]) for r in runs] == [(first, "done", 1), (second, "done", 2)]


def test_filters(db_url):
    with open_store(db_url) as store:
        store.write(build_record())
        store.write(build_record(text="Police arrested a commander in Mosul.", published="2019-01-02",
                                 dates=("2018-12-30", None)))

        def keys(**f):
            return sorted((r["published_day"][:4], r["event_id"]) for r in store.iter_rows("events", f))

        assert len(keys()) == 4
        assert keys(since="2014-06-04", until="2014-12-31") == [("2014", "e2")]
        assert keys(since="2018-12-30") == [("2019", "e1"), ("2019", "e2")]
        assert keys(until="2018-12-31") == [("2014", "e1"), ("2014", "e2"), ("2019", "e1")]
        assert len(list(store.iter_rows("events", {"quad_class": [1, 4]}))) == 4
        assert len(list(store.iter_rows("articles", {"since": "2015-01-01"}))) == 1
        assert len(list(store.iter_rows("actors", {"until": "2015-01-01"}))) == 3
        assert len(list(store.iter_records({"since": "2015-01-01"}))) == 1
        with pytest.raises(UserError, match="cannot filter events by 'colour'"):
            list(store.iter_rows("events", {"colour": "red"}))
        with pytest.raises(UserError, match="unknown table"):
            list(store.iter_rows("pg_class"))


def test_stats(db_url, record):
    with open_store(db_url) as store:
        run = store.begin_run({"sources": ["a"]}, "test")
        store.write(record)
        store.end_run(run, {"stored": 1})
        s = store.stats()
    assert s["counts"]["articles"] == 1 and s["counts"]["events"] == 2
    assert s["events_by_quad_class"] == {1: 1, 4: 1}
    assert s["top_cameo_roots"] == [("02", 1), ("17", 1)]
    assert s["last_runs"][0]["stored"] == 1 and s["last_runs"][0]["status"] == "done"


def test_postgres_full_text_search_follows_writes(pg_url, record):
    with open_store(pg_url) as store:
        store.write(record)
        store.write(build_record(text="Fishermen protested new quotas in Manila harbour.", n_events=0))

        def hits(words):
            return [r[0] for r in store.con.execute(
                "SELECT id FROM articles WHERE fts @@ plainto_tsquery('simple', %s)", (words,))]

        assert hits("negotiate") == [record.article.id]
        store.write(record, reprocess=True)
        assert hits("negotiate") == [record.article.id]
        assert len(hits("held")) == 2  # the title is indexed too


def test_postgres_bad_url_is_a_user_error(pg_server):
    bad = pg_server.url_for("khabar_no_such_database")
    with pytest.raises(UserError, match="cannot connect to database"):
        open_store(bad)
    with pytest.raises(UserError, match="cannot connect"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/x")
    try:
        open_store("postgresql://nobody:secret@127.0.0.1:1/x")
    except UserError as exc:
        assert "secret" not in str(exc)
