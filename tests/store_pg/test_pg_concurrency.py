"""PostgreSQL under load: concurrent writers (no duplicates, no deadlock) and SIGKILL-resume."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from khabar.pipeline import process
from khabar.records import ArticleRecord
from khabar.store import open_store

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("khabar_store_sample", ROOT / "tests" / "store" / "sample.py")
_sample = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_sample)

TABLES = ("articles", "actors", "mentions", "relations", "quotes", "places", "place_mentions",
          "times", "events", "event_evidence")
ORPHANS = [
    ("child rows without their article",
     " UNION ALL ".join(f"SELECT '{t}', article_id FROM {t} WHERE article_id NOT IN (SELECT id FROM articles)"
                        for t in TABLES if t != "articles")),
    ("articles missing some of their actors or events (half-written)",
     "SELECT a.id FROM articles a WHERE a.n_actors != (SELECT COUNT(*) FROM actors x WHERE x.article_id = a.id) "
     "OR a.n_events != (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id)"),
    ("duplicate articles", "SELECT id FROM articles GROUP BY id HAVING COUNT(*) > 1"),
]


def _records(n: int) -> list[str]:
    """n distinct hand-built records (as JSON, to cross process boundaries)."""
    out = []
    for i, text in enumerate(_sample.articles(n)):
        rec = _sample.build_record(text=text + " Police arrested Samir Haddad.", n_events=2 if i % 2 else 0)
        out.append(rec.to_json())
    return out


def _writer(url: str, docs: list[str]) -> dict[str, int]:
    results: dict[str, int] = {}
    with open_store(url) as store:
        for doc in docs:
            r = store.write(ArticleRecord.model_validate_json(doc))
            results[r] = results.get(r, 0) + 1
    return results


def _snapshot(url: str):
    import psycopg

    with psycopg.connect(url) as con:
        for what, sql in ORPHANS:
            assert con.execute(sql).fetchall() == [], what
        counts = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
        records = dict(con.execute("SELECT id, record FROM articles").fetchall())
    return counts, records


def test_four_concurrent_writers_no_duplicates_no_deadlock(pg_url):
    docs = _records(60)
    # four processes, two in reverse order: every article is contended from both ends
    orders = [docs, docs[::-1], docs[30:] + docs[:30], docs[::-1]]
    open_store(pg_url).close()  # migrate once up front (concurrent migration is tested below)
    with ProcessPoolExecutor(4) as pool:
        results = list(pool.map(_writer, [pg_url] * 4, orders, timeout=120))
    assert sum(r.get("stored", 0) for r in results) == len(docs)
    assert sum(r.get("unchanged", 0) for r in results) == 3 * len(docs)
    counts, records = _snapshot(pg_url)
    assert counts["articles"] == len(docs) and len(records) == len(docs)
    assert counts["events"] == sum(len(ArticleRecord.model_validate_json(d).events) for d in docs)


def _open_and_close(url: str) -> list[tuple[int, str]]:
    with open_store(url) as store:
        return store.applied_migrations()


def test_concurrent_first_opens_migrate_once(pg_url):
    with ProcessPoolExecutor(3) as pool:
        seen = list(pool.map(_open_and_close, [pg_url] * 3, timeout=120))
    assert seen[0] == seen[1] == seen[2] and seen[0]


def _ingest(corpus: Path, url: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "KHABAR_DB"}
    return subprocess.Popen([sys.executable, "-m", "khabar", "ingest", str(corpus), "--db", url],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def _stored(url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url) as con:
            return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except psycopg.Error:  # not migrated yet
        return 0


def _summary(out: str) -> tuple[int, int, int]:
    stored, unchanged, rejected = (int(w) for w in out.strip().splitlines()[-1].split()[::2])
    return stored, unchanged, rejected


@pytest.mark.slow
def test_two_ingests_at_once_into_one_database(tmp_path, pg_url):
    n = 40
    corpus = _sample.write_txt_corpus(tmp_path / "corpus", n)
    procs = [_ingest(corpus, pg_url) for _ in range(2)]
    outs = [p.communicate(timeout=400) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err[-2000:]
        assert "deadlock" not in err.lower()
    summaries = [_summary(out) for out, _ in outs]
    assert sum(s[0] for s in summaries) == n  # each article stored by exactly one of the two
    assert all(s[0] + s[1] == n and s[2] == 0 for s in summaries)
    counts, _ = _snapshot(pg_url)
    assert counts["articles"] == n


@pytest.mark.slow
def test_sigkill_midway_then_resume_equals_clean_run(tmp_path, pg_server, pg_url, pipeline):
    n = 80
    corpus = _sample.write_txt_corpus(tmp_path / "corpus", n)
    proc = _ingest(corpus, pg_url)
    deadline = time.monotonic() + 240
    while _stored(pg_url) == 0:
        assert proc.poll() is None, f"ingest ended before it could be killed: {proc.communicate()}"
        assert time.monotonic() < deadline, "no article stored within 240 s"
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    at_kill = _stored(pg_url)
    assert 0 < at_kill < n, f"kill did not land midway: {at_kill} stored"
    _snapshot(pg_url)  # consistent right after the kill: no half-written article

    resumed = _ingest(corpus, pg_url)
    out, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    assert _summary(out) == (n - at_kill, at_kill, 0)

    clean_url = pg_server.create_db()
    try:
        from khabar.ingest import read_sources

        with open_store(clean_url) as store:
            results = [store.write(r) for r in process(read_sources([str(corpus)]), pipeline)]
        assert results == ["stored"] * n
        killed_counts, killed_records = _snapshot(pg_url)
        clean_counts, clean_records = _snapshot(clean_url)
    finally:
        pg_server.drop_db(clean_url)
    assert killed_counts["articles"] == n
    assert killed_counts == clean_counts
    assert killed_records == clean_records
    with open_store(pg_url) as store:
        runs = [(r["status"], r["stored"]) for r in store.iter_rows("runs")]
    assert runs[0][0] == "running" and runs[1] == ("done", n - at_kill)



def _bulk_writer(url: str, docs: list[str]) -> dict[str, int]:
    results: dict[str, int] = {}
    records = [ArticleRecord.model_validate_json(d) for d in docs]
    with open_store(url) as store:
        for i in range(0, len(records), 16):
            for r in store.write_many(records[i:i + 16]):
                results[r] = results.get(r, 0) + 1
    return results


def test_concurrent_bulk_loaders_with_overlapping_batches(pg_url):
    docs = _records(64)
    open_store(pg_url).close()
    orders = [docs, docs[::-1], docs[8:] + docs[:8]]
    with ProcessPoolExecutor(3) as pool:
        results = list(pool.map(_bulk_writer, [pg_url] * 3, orders, timeout=120))
    assert sum(r.get("stored", 0) for r in results) == len(docs)
    assert sum(r.get("unchanged", 0) for r in results) == 2 * len(docs)
    counts, _ = _snapshot(pg_url)
    assert counts["articles"] == len(docs)


def test_bulk_batch_with_a_bad_article_keeps_the_good_ones(pg_url):
    from khabar.store import StoreError

    good = [ArticleRecord.model_validate_json(d) for d in _records(5)]
    bad = good[1].model_copy(deep=True)
    bad.article.id = "b" * 40
    bad.events[1].id = bad.events[0].id  # duplicate event id: this article cannot be stored
    with open_store(pg_url) as store:
        results = store.write_many([good[0], bad, *good[1:]])
        assert isinstance(results[1], StoreError)
        assert results[:1] + results[2:] == ["stored"] * 5
        assert store.write_many(good) == ["unchanged"] * 5
        smaller = good[1].model_copy(deep=True)
        smaller.events = []
        assert store.write_many([smaller], reprocess=True) == ["replaced"]
        assert store.get_record(smaller.article.id) == smaller
    counts, _ = _snapshot(pg_url)
    assert counts["articles"] == 5
