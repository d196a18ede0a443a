"""The store test-suite on both backends: every behaviour of the `Store` contract, run once on
SQLite and once on PostgreSQL (``db_url``; skipped with a reason when no PostgreSQL can be had),
plus what only one backend has (SQLite's file handling, PostgreSQL's connection errors)."""

from __future__ import annotations

import json
import sqlite3
import uuid

import pytest

from khabar.errors import UserError
from khabar.records import Reject
from khabar.store import StoreError, open_store
from khabar.store.rows import COLUMNS, date_range

from .sample import build_record

# hidden columns a backend adds to a table beyond the flattened record (rows.COLUMNS)
_INTERNAL = {"pk", "fts"}


def counts(store) -> dict[str, int]:
    return {t: store.con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in COLUMNS}


def migration_files(store):
    if store.dialect == "postgres":
        from khabar.store.postgres import migrations
    else:
        from khabar.store.sqlite import migrations
    return migrations()


def table_columns(store, table: str) -> set[str]:
    """Every column the database has for ``table``, read from the catalogue, not from the store."""
    if store.dialect == "sqlite":
        return {r[1] for r in store.con.execute(f"PRAGMA table_info({table})")}
    return {r[0] for r in store.con.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s", (table,))}


def test_both_dialects_have_the_same_migration_numbers():
    pytest.importorskip("psycopg")
    from khabar.store import postgres, sqlite

    assert [v for v, _, _ in postgres.migrations()] == [v for v, _, _ in sqlite.migrations()]
    assert [n for _, n, _ in postgres.migrations()] == [n for _, n, _ in sqlite.migrations()]


def test_migrations_applied_recorded_and_not_reapplied(db_url):
    with open_store(db_url) as store:
        files = migration_files(store)
        assert [v for v, _, _ in files] == list(range(1, len(files) + 1)), "numbered 1..n, no gaps"
        assert store.applied_migrations() == [(v, n) for v, n, _ in files]
        stamps = store.con.execute("SELECT applied FROM schema_migrations ORDER BY version").fetchall()
        if store.dialect == "sqlite":
            assert store.con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with open_store(db_url) as store:  # reopening applies nothing again
        assert store.applied_migrations() == [(v, n) for v, n, _ in files]
        assert store.con.execute("SELECT applied FROM schema_migrations ORDER BY version").fetchall() == stamps


def test_database_from_a_newer_khabar_is_refused(db_url):
    with open_store(db_url) as store:
        store.con.execute("INSERT INTO schema_migrations VALUES (999, '0999_future.sql', 'x')")
    with pytest.raises(UserError, match="schema version 999"):
        open_store(db_url)


def test_sqlite_not_a_database_is_a_user_error(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(UserError, match="cannot open database"):
        open_store(bad)
    with pytest.raises(UserError, match="does not exist"):
        open_store(tmp_path / "missing" / "k.db")


def test_postgres_bad_url_is_a_user_error(pg_server):
    bad = pg_server.url_for("khabar_no_such_database")
    with pytest.raises(UserError, match="cannot connect to database"):
        open_store(bad)
    with pytest.raises(UserError, match="cannot connect") as caught:
        open_store("postgresql://nobody:secret@127.0.0.1:1/x")
    assert "secret" not in str(caught.value)


def test_postgres_failed_migration_is_a_user_error_and_applies_nothing(pg_url):
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as con:  # a table in the way of migration 3
        con.execute("CREATE TABLE event_clusters (note text)")
    with pytest.raises(UserError, match=r"migration 0003_event_clusters\.sql failed \(nothing of it applied\)"):
        open_store(pg_url)
    with psycopg.connect(pg_url) as con:
        assert [v for (v,) in con.execute("SELECT version FROM schema_migrations ORDER BY version")] == [1, 2]
        assert con.execute("SELECT to_regclass('event_cluster_members')").fetchone()[0] is None


def test_insert_columns_match_the_migrations(db_url):
    with open_store(db_url) as store:
        for table, cols in COLUMNS.items():
            assert set(cols) == table_columns(store, table) - _INTERNAL, table
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
        # denormalised actor and place fields, root and date range
        assert (e1["source_code"], e1["target_code"], e1["target_name"]) == ("IRQCOP", "IRQREB", "Samir Haddad")
        assert (e1["place_name"], e1["country"], e1["lat"], e1["lon"]) == ("Baghdad", "IRQ", 33.341, 44.401)
        assert (e1["cameo"], e1["cameo_root"], e1["quad_class"]) == ("173", "17", 4)
        assert (e1["date_start"], e1["date_end"]) == ("2014-06-03", "2014-06-03")
        assert (events[1]["cameo"], events[1]["cameo_root"]) == ("0231", "02")
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


def test_real_pipeline_record_round_trip(db_url, extract):
    rec = extract("Foreign Minister Kenji Watanabe met President Amara Diallo in Dakar on Monday. "
                  "Watanabe said Japan would fund two new clinics in Senegal.", published="2024-02-12")
    with open_store(db_url) as store:
        store.write(rec)
        assert store.get_record(rec.article.id) == rec
        assert len(list(store.iter_rows("actors"))) == len(rec.actors)
        assert len(list(store.iter_rows("mentions"))) == sum(len(a.mentions) for a in rec.actors)


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
        assert store.write(smaller) == "unchanged"  # without reprocess nothing changes
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
        if store.dialect == "sqlite":
            assert not store.con.in_transaction
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
        assert all(r["ended"] for r in runs)


def test_filters(db_url):
    with open_store(db_url) as store:
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
        assert len(list(store.iter_records({"since": "2015-01-01"}))) == 1
        with pytest.raises(UserError, match="cannot filter events by 'colour'"):
            list(store.iter_rows("events", {"colour": "red"}))
        with pytest.raises(UserError, match="YYYY-MM-DD"):
            list(store.iter_rows("events", {"since": "last week"}))
        for internal in ("sqlite_master", "pg_class"):
            with pytest.raises(UserError, match="unknown table"):
                list(store.iter_rows(internal))


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


def test_sqlite_file_is_plain_sqlite(tmp_path, record):
    """Other tools read the store file: it is an ordinary SQLite database."""
    with open_store(tmp_path / "k.db") as store:
        store.write(record)
    con = sqlite3.connect(tmp_path / "k.db")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 2
    finally:
        con.close()


# Team-written articles for search: accents, curly quotes, hyphens, numbers, word forms. The
# title ("Commander held") is the same for all and is searched too.
SEARCH_TEXTS = {
    "haddad": None,  # sample.TEXT: Police arrested Samir Haddad ... "We will not negotiate," ...
    "manila": "Fishermen protested new quotas in Manila harbour.",
    "paulo": "Protesters gathered in São Paulo after the Supreme Court ruling on land rights.",
    "doha": "The cease-fire talks in Doha stalled on Monday, mediators said.",
    "geneva": "Negotiators from both sides met in Geneva; the negotiation lasted 3.5 hours.",
    "quoted": "“We will rebuild,” the mayor of Mosul told reporters — and left for Erbil.",
}
SEARCHES = [
    ("negotiate", {"haddad"}),  # a word, not its other forms
    ("negotiat*", {"haddad", "geneva"}),  # a prefix
    ("Sao Paulo", {"paulo"}),  # accents do not count
    ("SÃO paulo", {"paulo"}),
    ('"supreme court"', {"paulo"}),  # a phrase, in its order
    ('"court supreme"', set()),
    ("cease-fire", {"doha"}),  # words joined by a hyphen are a phrase
    ("fire talks", {"doha"}),
    ("3.5", {"geneva"}),
    ("5", {"geneva"}),
    ("we rebuild", {"quoted"}),  # curly quotes and dashes are no part of a word
    ("Erbil", {"quoted"}),
    ("MANILA", {"manila"}),
    ("police haddad", {"haddad"}),  # every word must occur
    ("police geneva", set()),
    ("held", set(SEARCH_TEXTS)),  # the title is searched too
    ("title:held OR manila", set()),  # no operators or columns: these are plain words
]


def _write_search_articles(store) -> dict[str, str]:
    ids = {}
    for key, text in SEARCH_TEXTS.items():
        rec = build_record(n_events=0) if text is None else build_record(text=text, n_events=0)
        store.write(rec)
        ids[key] = rec.article.id
    return ids


def test_full_text_search_follows_writes_and_replacements(db_url, record):
    with open_store(db_url) as store:
        ids = _write_search_articles(store)
        names = {v: k for k, v in ids.items()}

        def found(q: str, table: str = "articles") -> set[str]:
            key = "id" if table == "articles" else "article_id"
            return {names[r[key]] for r in store.iter_rows(table, {"q": q})}

        for q, expected in SEARCHES:
            assert found(q) == expected, q
        assert store.write(record, reprocess=True) == "replaced"  # the index follows a replacement
        assert found("negotiate") == {"haddad"}
        # the rows of the matching articles, in the tables keyed by article
        assert found("Haddad", "actors") == {"haddad"}
        assert [r.article.id for r in store.iter_records({"q": "harbour"})] == [ids["manila"]]
        # the replacement brought the record's two events; the other articles have none
        assert found("negotiate", "events") == {"haddad"} and found("harbour", "events") == set()
        with pytest.raises(UserError, match="no word to search for"):
            found('"" * ?')
        with pytest.raises(UserError, match="cannot search runs"):
            list(store.iter_rows("runs", {"q": "police"}))


@pytest.mark.parametrize("locale", ["default", "C"])
def test_search_finds_the_same_articles_on_both_backends(tmp_path, pg_server, locale):
    """One query, the same articles on SQLite and PostgreSQL, whatever the PostgreSQL database's
    locale (with LC_CTYPE=C it takes every non-ASCII character for a letter)."""
    import psycopg

    if locale == "default":
        pg_url = pg_server.create_db()
    else:
        name = f"khabar_c_{uuid.uuid4().hex[:12]}"  # unique: other test runs may share the server
        pg_url = pg_server.url_for(name)
        with psycopg.connect(pg_server.admin_url, autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\' '
                        "LC_CTYPE 'C' LC_COLLATE 'C'")
    try:
        with open_store(tmp_path / "k.db") as lite, open_store(pg_url) as pg:
            assert _write_search_articles(lite) == _write_search_articles(pg)
            for q, expected in SEARCHES:
                on_sqlite = {r["id"] for r in lite.iter_rows("articles", {"q": q})}
                on_postgres = {r["id"] for r in pg.iter_rows("articles", {"q": q})}
                assert on_sqlite == on_postgres, q
                assert len(on_sqlite) == len(expected), q
    finally:
        pg_server.drop_db(pg_url)


def test_postgres_search_index_is_built_for_articles_stored_before_migration_4(pg_url):
    """An existing database: migration 4 replaces the index, and the articles already there are
    found the new way (accents folded) as soon as the store is opened."""
    import psycopg

    from khabar.store import read_migrations
    from khabar.store.rows import record_rows

    paulo = build_record(text=SEARCH_TEXTS["paulo"], n_events=0)
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                    "applied TEXT NOT NULL)")
        for version, name, script in read_migrations("postgres")[:3]:
            con.execute(script)
            con.execute("INSERT INTO schema_migrations VALUES (%s, %s, 'before')", (version, name))
        table, rows = next(record_rows(paulo))
        marks = ", ".join(["%s"] * len(COLUMNS[table]))
        names = ", ".join(f'"{c}"' for c in COLUMNS[table])
        con.execute(f"INSERT INTO articles ({names}) VALUES ({marks})", rows[0])
        # the old index keeps accents: the folded spelling is not found yet
        assert con.execute("SELECT count(*) FROM articles WHERE fts @@ plainto_tsquery('simple', 'sao')"
                           ).fetchone()[0] == 0
    with open_store(pg_url) as store:
        assert store.applied_migrations()[-1] == (4, "0004_search.sql")
        assert [r["id"] for r in store.iter_rows("articles", {"q": "Sao Paulo"})] == [paulo.article.id]


def test_export_search_from_the_command_line(capsys, db_url, tmp_path):
    from khabar.cli import main

    with open_store(db_url) as store:
        ids = _write_search_articles(store)
    out = tmp_path / "found.jsonl"
    try:
        main(["export", "--db", db_url, "--format", "jsonl", "--table", "articles",
              "--search", '"são paulo" court', "--out", str(out)])
    except SystemExit as exc:
        assert not exc.code, capsys.readouterr().err
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == [ids["paulo"]]
    assert capsys.readouterr().out.strip().endswith(f"1 articles rows written to {out}")
