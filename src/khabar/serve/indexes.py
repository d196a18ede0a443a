"""Optional explorer indexes (indexes.sql): `khabar serve --index` creates them once, with a
short-lived writable connection, before the read-only server starts. Without them every query
still works; with them the facets, the network and the sorted event list read narrow indexes
instead of scanning the wide event rows (see benchmarks/api.py for the difference)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from ..errors import UserError

SQL = Path(__file__).resolve().parent / "indexes.sql"


def index_names() -> list[str]:
    return [line.split()[5] for line in SQL.read_text(encoding="utf-8").splitlines()
            if line.startswith("CREATE INDEX IF NOT EXISTS")]


def create_indexes(db_path: str | Path) -> str:
    """Create the explorer indexes (idempotent) and refresh the planner's statistics."""
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
