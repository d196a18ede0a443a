"""The crash test, on both backends: SIGKILL an ingest midway, run it again, and find every
article exactly once, no orphan or half-written rows, and the same data as a clean run."""

from __future__ import annotations

import os
import signal
import time

import pytest

from khabar.ingest import read_sources
from khabar.pipeline import process
from khabar.store import open_store

from .conftest import BACKENDS
from .integrity import ingest, snapshot, stored, summary
from .sample import write_txt_corpus

# enough articles that the kill lands midway (PostgreSQL stores them more slowly per article)
N_ARTICLES = {"sqlite": 200, "postgres": 80}


@pytest.fixture
def clean_db(request, tmp_path):
    """A second, empty database of the same backend for the clean run."""
    if request.node.callspec.params["db_url"] == "sqlite":
        yield str(tmp_path / "clean.db")
        return
    server = request.getfixturevalue("pg_server")
    url = server.create_db()
    yield url
    server.drop_db(url)


@pytest.mark.slow
@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_sigkill_midway_then_resume_equals_clean_run(tmp_path, db_url, clean_db, pipeline):
    n = N_ARTICLES["postgres" if "://" in db_url else "sqlite"]
    corpus = write_txt_corpus(tmp_path / "corpus", n)

    proc = ingest(corpus, db_url)
    deadline = time.monotonic() + 240
    while stored(db_url) == 0:
        assert proc.poll() is None, f"ingest ended before it could be killed: {proc.communicate()}"
        assert time.monotonic() < deadline, "no article stored within 240 s"
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    at_kill = stored(db_url)
    assert 0 < at_kill < n, f"kill did not land midway: {at_kill} stored"
    snapshot(db_url)  # consistent even right after the kill

    resumed = ingest(corpus, db_url)
    out, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    assert summary(out) == (n - at_kill, at_kill, 0)

    # the clean run: same reader, same pipeline settings, in this process (the model is loaded once)
    with open_store(clean_db) as store:
        results = [store.write(r) for r in process(read_sources([str(corpus)]), pipeline)]
    assert results == ["stored"] * n

    killed_counts, killed_records = snapshot(db_url)
    clean_counts, clean_records = snapshot(clean_db)
    assert killed_counts["articles"] == n  # every article exactly once (id is the key)
    assert killed_counts == clean_counts
    assert killed_records == clean_records

    with open_store(db_url) as store:
        runs = [(r["status"], r["stored"]) for r in store.iter_rows("runs")]
    assert runs[0][0] == "running"  # the killed run never got to close its row
    assert runs[1] == ("done", n - at_kill)
