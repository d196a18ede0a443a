"""Store fixtures: the hand-built record, and a database of each backend. Tests that take
``db_url`` run once on SQLite and once on PostgreSQL; the PostgreSQL runs use $KHABAR_TEST_PG or a
throwaway local cluster (pgserver.py) and are skipped, with the reason, when neither can be had."""

from __future__ import annotations

import pytest

from khabar.records import ArticleRecord

from .pgserver import Server
from .sample import build_record

BACKENDS = ("sqlite", "postgres")


@pytest.fixture
def record() -> ArticleRecord:
    return build_record()


@pytest.fixture(scope="session")
def pg_server():
    pytest.importorskip("psycopg", reason="psycopg not installed (the 'postgres' extra)")
    try:
        server = Server.start()
    except RuntimeError as exc:
        pytest.skip(f"no PostgreSQL for the tests: {exc}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    url = pg_server.create_db()
    yield url
    pg_server.drop_db(url)


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """A fresh, empty database of each backend: the same store test against both."""
    if request.param == "sqlite":
        return str(tmp_path / "k.db")
    return request.getfixturevalue("pg_url")
