"""`khabar serve` from the command line: user errors are one line, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from khabar.errors import UserError
from khabar.serve.indexes import create_indexes


def test_serve_without_a_database_is_one_line(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "khabar", "serve", "--db", str(tmp_path / "none.db")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"khabar: error: database not found: {tmp_path / 'none.db'} "
                                                "(create it with `khabar ingest`)"]


def test_serve_bad_urls_are_one_line(tmp_path):
    # a PostgreSQL server that is not there (port 1 on this host refuses at once)
    proc = subprocess.run([sys.executable, "-m", "khabar", "serve", "--db", "postgresql://k:secret@127.0.0.1:1/k"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("khabar: error: cannot connect to database postgresql://k:***@")
    assert "secret" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "khabar", "serve", "--db", "mysql://x/y"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 2 and "unknown database URL 'mysql://x/y'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_serve_a_postgresql_store_with_and_without_indexes(pg_server, handmade):
    import psycopg

    from khabar.serve.indexes import index_names
    from khabar.store import open_store

    url = pg_server.create_db()

    def present() -> set[str]:
        with psycopg.connect(url) as con:
            return {r[0] for r in con.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")}

    try:
        with open_store(url) as store:
            for record in handmade.values():
                store.write(record)
        out = _serve_until_ready(url, "--no-index")
        assert "serving postgresql://" in out and "read-only" in out, out
        assert not set(index_names()) & present()
        out = _serve_until_ready(url)
        assert f"{len(index_names())} explorer indexes ready in postgresql://" in out and "serving" in out, out
        assert set(index_names()) <= present()
    finally:
        pg_server.drop_db(url)


def test_index_needs_an_existing_store(tmp_path):
    with pytest.raises(UserError, match="database not found"):
        create_indexes(tmp_path / "none.db")


def _serve_until_ready(db, *extra):
    import socket
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "khabar", "serve", "--db", str(db), "--port", str(port), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        lines.append(line)
        if "serving" in line or not line:
            break
    proc.terminate()
    proc.wait(timeout=20)
    return "".join(lines)


def test_serve_adds_explorer_indexes_by_default(tmp_path, handmade):
    import sqlite3

    from khabar.serve.indexes import index_names
    from khabar.store import open_store

    db = tmp_path / "k.db"
    store = open_store(str(db))
    for record in handmade.values():
        store.write(record)
    store.close()
    out = _serve_until_ready(db, "--no-index")
    assert "serving" in out
    names = {r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert not set(index_names()) & names
    out = _serve_until_ready(db)
    assert "explorer indexes ready" in out and "serving" in out
    names = {r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert set(index_names()) <= names


def test_serve_takes_the_sqlite_url_that_ingest_takes(tmp_path, handmade):
    from khabar.serve.db import open_database
    from khabar.store import open_store

    db = tmp_path / "k.db"
    with open_store(f"sqlite:///{db}") as store:
        for record in handmade.values():
            store.write(record)
    database = open_database(f"sqlite:///{db}")
    with database.connect() as con:
        assert database.query(con, "SELECT count(*) AS n FROM articles")[0]["n"] == len(handmade)
    out = _serve_until_ready(f"sqlite:///{db}", "--no-index")
    assert f"serving {db} read-only" in out, out
