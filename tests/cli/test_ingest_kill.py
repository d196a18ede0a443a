"""The crash test: SIGKILL an ingest midway, run it again, and find every article exactly once,
no orphan or half-written rows, and the same data as a clean run."""

from __future__ import annotations

import importlib.util
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from khabar.ingest import read_sources
from khabar.pipeline import process
from khabar.store import open_store

ROOT = Path(__file__).resolve().parents[2]
N_ARTICLES = 200

_spec = importlib.util.spec_from_file_location("khabar_store_sample", ROOT / "tests" / "store" / "sample.py")
_sample = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_sample)

TABLES = ("articles", "actors", "mentions", "relations", "quotes", "places", "place_mentions",
          "times", "events", "event_evidence")

# (what, query returning offending rows)
ORPHANS = [
    ("child rows without their article",
     " UNION ALL ".join(f"SELECT '{t}', article_id FROM {t} WHERE article_id NOT IN (SELECT id FROM articles)"
                        for t in TABLES if t != "articles")),
    ("mentions without their actor",
     "SELECT m.article_id, m.actor_id FROM mentions m LEFT JOIN actors a "
     "ON a.article_id = m.article_id AND a.actor_id = m.actor_id WHERE a.actor_id IS NULL"),
    ("place mentions without their place",
     "SELECT m.article_id, m.place_id FROM place_mentions m LEFT JOIN places p "
     "ON p.article_id = m.article_id AND p.place_id = m.place_id WHERE p.place_id IS NULL"),
    ("evidence without its event",
     "SELECT v.article_id, v.event_id FROM event_evidence v LEFT JOIN events e "
     "ON e.article_id = v.article_id AND e.event_id = v.event_id WHERE e.event_id IS NULL"),
    ("articles missing some of their actors or events (half-written)",
     "SELECT a.id FROM articles a WHERE a.n_actors != (SELECT COUNT(*) FROM actors x WHERE x.article_id = a.id) "
     "OR a.n_events != (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id)"),
]


def ingest(corpus: Path, db: Path, **popen) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "KHABAR_DB"}
    return subprocess.Popen([sys.executable, "-m", "khabar", "ingest", str(corpus), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=ROOT, **popen)


def stored(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:  # not created or not migrated yet
        return 0


def snapshot(db: Path) -> tuple[dict, dict]:
    con = sqlite3.connect(db)
    try:
        counts = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
        records = dict(con.execute("SELECT id, record FROM articles"))
        for what, sql in ORPHANS:
            assert con.execute(sql).fetchall() == [], what
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        return counts, records
    finally:
        con.close()


@pytest.mark.slow
def test_sigkill_midway_then_resume_equals_clean_run(tmp_path, pipeline):
    corpus = _sample.write_txt_corpus(tmp_path / "corpus", N_ARTICLES)
    db = tmp_path / "killed.db"

    proc = ingest(corpus, db)
    deadline = time.monotonic() + 240
    while stored(db) == 0:
        assert proc.poll() is None, f"ingest ended before it could be killed: {proc.communicate()}"
        assert time.monotonic() < deadline, "no article stored within 240 s"
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    at_kill = stored(db)
    assert 0 < at_kill < N_ARTICLES, f"kill did not land midway: {at_kill} stored"
    snapshot(db)  # consistent even right after the kill

    resumed = ingest(corpus, db)
    out, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    assert out.strip().splitlines()[-1] == (
        f"{N_ARTICLES - at_kill} stored, {at_kill} unchanged, 0 rejected")

    # the clean run: same reader, same pipeline settings, in this process (the model is loaded once)
    clean_db = tmp_path / "clean.db"
    with open_store(clean_db) as store:
        results = [store.write(r) for r in process(read_sources([str(corpus)]), pipeline)]
    assert results == ["stored"] * N_ARTICLES

    killed_counts, killed_records = snapshot(db)
    clean_counts, clean_records = snapshot(clean_db)
    assert killed_counts["articles"] == N_ARTICLES  # every article exactly once (id is the key)
    assert killed_counts == clean_counts
    assert killed_records == clean_records

    con = sqlite3.connect(db)
    runs = con.execute("SELECT status, stored FROM runs ORDER BY id").fetchall()
    con.close()
    assert runs[0][0] == "running"  # the killed run never got to close its row
    assert runs[1] == ("done", N_ARTICLES - at_kill)
