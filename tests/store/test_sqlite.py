"""The SQLite store on real files: migrations, round trips, idempotence, atomic reprocess."""

from __future__ import annotations

import sqlite3

import pytest

from khabar.errors import UserError
from khabar.records import Reject
from khabar.store import StoreError, open_store
from khabar.store.rows import COLUMNS, date_range
from khabar.store.sqlite import migrations

from .sample import build_record


def counts(path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in COLUMNS}
    finally:
        con.close()


def test_migrations_applied_recorded_and_not_reapplied(tmp_path):
    db = tmp_path / "k.db"
    files = migrations()
    assert [v for v, _, _ in files] == list(range(1, len(files) + 1)), "numbered 1..n, no gaps"
    with open_store(db) as store:
        assert store.applied_migrations() == [(v, name) for v, name, _ in files]
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    stamps = con.execute("SELECT applied FROM schema_migrations ORDER BY version").fetchall()
    con.close()
    with open_store(db) as store:  # reopening applies nothing again
        assert store.applied_migrations() == [(v, name) for v, name, _ in files]
    con = sqlite3.connect(db)
    assert con.execute("SELECT applied FROM schema_migrations ORDER BY version").fetchall() == stamps
    con.close()


def test_database_from_a_newer_khabar_is_refused(tmp_path):
    db = tmp_path / "k.db"
    open_store(db).close()
    con = sqlite3.connect(db)
    con.execute("INSERT INTO schema_migrations VALUES (999, '0999_future.sql', 'x')")
    con.commit()
    con.close()
    with pytest.raises(UserError, match="schema version 999"):
        open_store(db)


def test_not_a_database_is_a_user_error(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(UserError, match="cannot open database"):
        open_store(bad)
    with pytest.raises(UserError, match="does not exist"):
        open_store(tmp_path / "missing" / "k.db")


def test_insert_columns_match_the_migrations(tmp_path):
    with open_store(tmp_path / "k.db") as store:
        for table, cols in COLUMNS.items():
            actual = [r[1] for r in store.con.execute(f"PRAGMA table_info({table})")]
            assert set(cols) == set(actual) - {"pk"}, table


def test_round_trip_returns_the_exact_record(tmp_path, record):
    with open_store(tmp_path / "k.db") as store:
        assert store.write(record) == "stored"
        assert store.get_record(record.article.id) == record
        assert store.get_record("0" * 40) is None
        assert list(store.iter_records()) == [record]
        events = list(store.iter_rows("events"))
        assert [e["event_id"] for e in events] == ["e1", "e2"]
        e1 = events[0]
        # denormalised actor and place fields, root and date range
        assert (e1["source_code"], e1["target_code"], e1["target_name"]) == ("IRQCOP", "IRQREB", "Samir Haddad")
        assert (e1["place_name"], e1["country"], e1["lat"], e1["lon"]) == ("Baghdad", "IRQ", 33.341, 44.401)
        assert (e1["cameo"], e1["cameo_root"], e1["quad_class"]) == ("173", "17", 4)
        assert (e1["date_start"], e1["date_end"]) == ("2014-06-03", "2014-06-03")
        assert (events[1]["cameo"], events[1]["cameo_root"]) == ("0231", "02")
        assert (events[1]["date_start"], events[1]["date_end"]) == ("2014-01-01", "2014-12-31")
    assert counts(tmp_path / "k.db") == {
        "articles": 1, "actors": 3, "mentions": 4, "relations": 1, "quotes": 1, "places": 1,
        "place_mentions": 1, "times": 1, "events": 2, "event_evidence": 2,
    }


def test_real_pipeline_record_round_trip(tmp_path, extract):
    rec = extract("Foreign Minister Kenji Watanabe met President Amara Diallo in Dakar on Monday. "
                  "Watanabe said Japan would fund two new clinics in Senegal.", published="2024-02-12")
    with open_store(tmp_path / "k.db") as store:
        store.write(rec)
        assert store.get_record(rec.article.id) == rec
        assert len(list(store.iter_rows("actors"))) == len(rec.actors)
        assert len(list(store.iter_rows("mentions"))) == sum(len(a.mentions) for a in rec.actors)


def test_same_article_again_is_a_no_op(tmp_path, record):
    db = tmp_path / "k.db"
    with open_store(db) as store:
        assert store.write(record) == "stored"
        before = counts(db)
        assert store.write(record) == "unchanged"
        assert store.write(build_record()) == "unchanged"
        assert counts(db) == before
        assert store.has_article(record.article.id)
        assert store.known_ids([record.article.id, "f" * 40]) == {record.article.id}


def test_reprocess_replaces_every_row(tmp_path, record):
    db = tmp_path / "k.db"
    with open_store(db) as store:
        store.write(record)
        smaller = record.model_copy(deep=True)
        smaller.actors = smaller.actors[:1]
        smaller.relations, smaller.quotes, smaller.places, smaller.times = [], [], [], []
        smaller.events = []
        assert store.write(smaller) == "unchanged"  # without reprocess nothing changes
        assert counts(db)["events"] == 2
        assert store.write(smaller, reprocess=True) == "replaced"
        assert store.get_record(record.article.id) == smaller
    c = counts(db)
    assert c == {"articles": 1, "actors": 1, "mentions": 2, "relations": 0, "quotes": 0, "places": 0,
                 "place_mentions": 0, "times": 0, "events": 0, "event_evidence": 0}


def test_failed_reprocess_leaves_the_old_version_whole(tmp_path, record):
    db = tmp_path / "k.db"
    with open_store(db) as store:
        store.write(record)
        before = counts(db)
        broken = record.model_copy(deep=True)
        broken.events[1].id = "e1"  # two events with one id: the insert fails halfway
        with pytest.raises(StoreError, match="not stored"):
            store.write(broken, reprocess=True)
        assert counts(db) == before
        assert store.get_record(record.article.id) == record
        assert not store.con.in_transaction


def test_known_ids_beyond_one_query(tmp_path):
    with open_store(tmp_path / "k.db") as store:
        stored = []
        for i in range(3):
            rec = build_record(text=f"Report {i}: police arrested a commander in Baghdad.", n_events=0)
            store.write(rec)
            stored.append(rec.article.id)
        asked = [f"{i:040x}" for i in range(1200)] + stored
        assert store.known_ids(asked) == set(stored)
        assert store.known_ids([]) == set()


def test_rejects_are_kept_once_with_the_last_run(tmp_path):
    with open_store(tmp_path / "k.db") as store:
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
        assert all(r["ended"] for r in runs)


def test_filters(tmp_path):
    with open_store(tmp_path / "k.db") as store:
        store.write(build_record())  # events dated 2014-06-03 (day) and 2014 (year)
        store.write(build_record(text="Police arrested a commander in Mosul.", published="2019-01-02",
                                 dates=("2018-12-30", None)))  # undated: falls back to published

        def keys(**f):
            return sorted((r["published_day"][:4], r["event_id"]) for r in store.iter_rows("events", f))

        assert len(keys()) == 4
        # the 2014 year-precision event overlaps the window; the 2014-06-03 day event does not
        assert keys(since="2014-06-04", until="2014-12-31") == [("2014", "e2")]
        assert keys(since="2018-12-30") == [("2019", "e1"), ("2019", "e2")]
        assert keys(since="2019-01-01") == [("2019", "e2")]
        assert keys(until="2018-12-31") == [("2014", "e1"), ("2014", "e2"), ("2019", "e1")]
        assert len(list(store.iter_rows("events", {"cameo_root": "17"}))) == 2
        assert len(list(store.iter_rows("events", {"quad_class": [1, 4]}))) == 4
        assert len(list(store.iter_rows("articles", {"since": "2015-01-01"}))) == 1
        assert len(list(store.iter_rows("events", {"country": "IRQ", "modality": "asserted"}))) == 4
        assert len(list(store.iter_rows("actors", {"until": "2015-01-01"}))) == 3
        with pytest.raises(UserError, match="cannot filter events by 'colour'"):
            list(store.iter_rows("events", {"colour": "red"}))
        with pytest.raises(UserError, match="YYYY-MM-DD"):
            list(store.iter_rows("events", {"since": "last week"}))
        with pytest.raises(UserError, match="unknown table"):
            list(store.iter_rows("sqlite_master"))


def test_full_text_search_follows_writes_and_replacements(tmp_path, record):
    with open_store(tmp_path / "k.db") as store:
        store.write(record)
        store.write(build_record(text="Fishermen protested new quotas in Manila harbour.", n_events=0))
        hit = store.con.execute(
            "SELECT a.id FROM articles_fts f JOIN articles a ON a.pk = f.rowid WHERE articles_fts MATCH ?",
            ("negotiate",)).fetchall()
        assert hit == [(record.article.id,)]
        store.write(record, reprocess=True)
        n = store.con.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'negotiate'").fetchone()[0]
        assert n == 1
        titles = store.con.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'title:held'").fetchone()[0]
        assert titles == 2


@pytest.mark.parametrize("value,expected", [
    ("2014-06-03", ("2014-06-03", "2014-06-03")),
    ("2014-06-03T10:00", ("2014-06-03", "2014-06-03")),
    ("2016-02", ("2016-02-01", "2016-02-29")),
    ("2011", ("2011-01-01", "2011-12-31")),
    ("2015-W01", ("2014-12-29", "2015-01-04")),
    ("2015-Q2", ("2015-04-01", "2015-06-30")),
    ("PAST_REF", (None, None)),
    ("2014-13", (None, None)),
    (None, (None, None)),
])
def test_date_range(value, expected):
    assert date_range(value) == expected


def test_stats(tmp_path, record):
    with open_store(tmp_path / "k.db") as store:
        run = store.begin_run({"sources": ["a"]}, "test")
        store.write(record)
        store.end_run(run, {"stored": 1})
        s = store.stats()
    assert s["counts"]["articles"] == 1 and s["counts"]["events"] == 2
    assert s["events_by_quad_class"] == {1: 1, 4: 1}
    assert s["top_cameo_roots"] == [("02", 1), ("17", 1)]
    assert s["last_runs"][0]["stored"] == 1 and s["last_runs"][0]["status"] == "done"
