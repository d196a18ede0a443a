from __future__ import annotations

import pytest

from .pgserver import Server


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


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    """The same store test against both backends."""
    if request.param == "sqlite":
        return str(tmp_path / "k.db")
    return request.getfixturevalue("pg_url")
