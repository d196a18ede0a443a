"""PostgreSQL under load: concurrent writers and bulk loaders (no duplicates, no deadlock). The
SIGKILL-resume test runs on both backends in test_ingest_kill.py."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

import pytest

from khabar.records import ArticleRecord
from khabar.store import open_store

from . import sample as _sample
from .integrity import ingest, snapshot, summary


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


def test_four_concurrent_writers_no_duplicates_no_deadlock(pg_url):
    docs = _records(60)
    # four processes, two in reverse order: every article is contended from both ends
    orders = [docs, docs[::-1], docs[30:] + docs[:30], docs[::-1]]
    open_store(pg_url).close()  # migrate once up front (concurrent migration is tested below)
    with ProcessPoolExecutor(4) as pool:
        results = list(pool.map(_writer, [pg_url] * 4, orders, timeout=120))
    assert sum(r.get("stored", 0) for r in results) == len(docs)
    assert sum(r.get("unchanged", 0) for r in results) == 3 * len(docs)
    counts, records = snapshot(pg_url)
    assert counts["articles"] == len(docs) and len(records) == len(docs)
    assert counts["events"] == sum(len(ArticleRecord.model_validate_json(d).events) for d in docs)


def _open_and_close(url: str) -> list[tuple[int, str]]:
    with open_store(url) as store:
        return store.applied_migrations()


def test_concurrent_first_opens_migrate_once(pg_url):
    with ProcessPoolExecutor(3) as pool:
        seen = list(pool.map(_open_and_close, [pg_url] * 3, timeout=120))
    assert seen[0] == seen[1] == seen[2] and seen[0]


@pytest.mark.slow
def test_two_ingests_at_once_into_one_database(tmp_path, pg_url):
    n = 40
    corpus = _sample.write_txt_corpus(tmp_path / "corpus", n)
    procs = [ingest(corpus, pg_url) for _ in range(2)]
    outs = [p.communicate(timeout=400) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err[-2000:]
        assert "deadlock" not in err.lower()
    summaries = [summary(out) for out, _ in outs]
    assert sum(s[0] for s in summaries) == n  # each article stored by exactly one of the two
    assert all(s[0] + s[1] == n and s[2] == 0 for s in summaries)
    counts, _ = snapshot(pg_url)
    assert counts["articles"] == n


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
    counts, _ = snapshot(pg_url)
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
    counts, _ = snapshot(pg_url)
    assert counts["articles"] == 5
