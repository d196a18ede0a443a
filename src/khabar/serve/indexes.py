"""Optional explorer indexes (indexes.sql): `khabar serve --index` creates them once, with a
short-lived writable connection, before the read-only server starts. Without them every query
still works; with them the facets, the network and the sorted event list read narrow indexes
instead of scanning the wide event rows (see benchmarks/api.py for the difference)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from ..errors import UserError
from ..store import is_postgres_url

SQL = Path(__file__).resolve().parent / "indexes.sql"


def index_names() -> list[str]:
    return [line.split()[5] for line in SQL.read_text(encoding="utf-8").splitlines()
            if line.startswith("CREATE INDEX IF NOT EXISTS")]


def _create_pg_indexes(url: str) -> str:
    """The same indexes in a PostgreSQL store (every expression in indexes.sql is valid there).
    ANALYZE only the explorer's tables: a plain ANALYZE warns about every system catalog the
    role does not own."""
    import psycopg

    from ..store.postgres import first_line, redact

    # comments off first (they contain ';'); indexes.sql has no string literal with '--' or ';'
    code = "\n".join(line.split("--", 1)[0] for line in SQL.read_text(encoding="utf-8").splitlines())
    statements = [s.strip() for s in code.split(";") if s.strip().startswith("CREATE INDEX")]
    t0 = time.perf_counter()
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as con:
            for statement in statements:
                con.execute(statement)
            con.execute("ANALYZE events, actors, places")
    except psycopg.Error as exc:
        raise UserError(f"cannot add explorer indexes to {redact(url)}: {first_line(exc)}") from None
    return f"{len(index_names())} explorer indexes ready in {redact(url)} ({time.perf_counter() - t0:.1f} s)"


def create_indexes(db_path: str | Path) -> str:
    """Create the explorer indexes (idempotent) and refresh the planner's statistics, in a
    SQLite file or a PostgreSQL database (``postgresql://…``)."""
    if is_postgres_url(db_path):
        return _create_pg_indexes(str(db_path))
    path = Path(db_path)
    if not path.is_file():
        raise UserError(f"database not found: {path}")
    t0 = time.perf_counter()
    con = sqlite3.connect(str(path), timeout=30)
    try:
        con.executescript(SQL.read_text(encoding="utf-8"))
    except sqlite3.OperationalError as exc:
        raise UserError(f"cannot add explorer indexes to {path}: {exc}") from exc
    finally:
        con.close()
    return f"{len(index_names())} explorer indexes ready in {path} ({time.perf_counter() - t0:.1f} s)"
