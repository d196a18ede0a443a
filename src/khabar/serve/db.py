"""Read-only SQLite access for the explorer: every connection is opened with ``mode=ro`` and every
query runs under a time budget enforced by SQLite's progress handler, so no request can write to
the store or hold a worker for long.
"""

from __future__ import annotations

import queue
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..errors import UserError
from ..store import is_postgres_url, store_target
from .dialect import SQLITE


class ApiError(Exception):
    """A request the server refuses: becomes a 4xx JSON response ``{"error": message}``."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Limits:
    """Hard limits for every request. Page sizes above ``max_size`` are refused, not clipped."""

    default_size: int = 50
    max_size: int = 1000
    time_limit: float = 2.0  # seconds per SQL statement
    export_batch: int = 1000  # rows per keyset batch when streaming CSV / NDJSON
    max_facet_buckets: int = 1000
    progress_ops: int = 1000  # SQLite VM steps between two checks of the clock
    pool_size: int = 8  # idle connections kept open (each keeps its page cache warm)
    cache_mb: int = 64  # SQLite page cache per connection
    mmap_mb: int = 1024  # memory-mapped reads: scans touch the OS cache without copying
    # PostgreSQL: a pooled connection idle longer than this is checked (one round trip) before
    # a request gets it, so a server restart or an idle-session timeout costs no failed request
    pg_idle_check: float = 5.0


class Database:
    """A store file opened read-only. Cheap to create; opens one connection per request."""

    dialect = SQLITE

    def __init__(self, path: str | Path, limits: Limits | None = None):
        self.path = Path(path)
        self.limits = limits or Limits()
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        if not self.path.is_file():
            raise UserError(f"database not found: {self.path} (create it with `khabar ingest`)")
        try:
            with self.connect() as con:
                schema = con.execute("SELECT type, name FROM sqlite_master").fetchall()
            self.tables = {name for kind, name in schema if kind in ("table", "view")}
            self.indexes = {name for kind, name in schema if kind == "index"}
        except sqlite3.DatabaseError as exc:
            raise UserError(f"{self.path} is not a khabar SQLite database: {exc}") from exc
        if "events" not in self.tables or "articles" not in self.tables:
            raise UserError(f"{self.path} is not a khabar store (no articles/events tables)")

    def _open(self) -> sqlite3.Connection:
        # mode=ro: the server can never write, even if a bug tried to; query_only says it twice.
        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
        con = sqlite3.connect(uri, uri=True, check_same_thread=False)
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA query_only = 1")
        con.execute(f"PRAGMA cache_size = -{self.limits.cache_mb * 1024}")
        con.execute(f"PRAGMA mmap_size = {self.limits.mmap_mb * 1024 * 1024}")
        con.execute("PRAGMA temp_store = MEMORY")
        return con

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A connection for one request (or one stream), from the pool of idle ones when there is
        one: reusing connections keeps their page cache warm, which makes scans several times
        faster. A connection is only ever used by one request at a time."""
        try:
            con = self._idle.get_nowait()
        except queue.Empty:
            con = self._open()
        try:
            yield con
        finally:
            if con.in_transaction:
                con.rollback()
            if self._idle.qsize() < self.limits.pool_size:
                self._idle.put(con)
            else:
                con.close()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return

    def query(self, con: sqlite3.Connection, sql: str, params: Sequence | dict = (),
              time_limit: float | None = None) -> list[sqlite3.Row]:
        """Run one statement under the time budget; a statement over budget is an ``ApiError(400)``."""
        budget = self.limits.time_limit if time_limit is None else time_limit
        deadline = time.monotonic() + budget
        # Returning non-zero from the handler makes SQLite abort the statement ("interrupted").
        con.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0,
                                 self.limits.progress_ops)
        try:
            return con.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise ApiError(400, f"query took longer than {budget:g} s; narrow the filters") from exc
            if "fts5" in str(exc).lower():
                raise ApiError(400, f"invalid search expression: {exc}") from exc
            raise
        finally:
            con.set_progress_handler(None, 0)


def open_database(target: str | Path, limits: Limits | None = None) -> Database:
    """The store to explore: a PostgreSQL URL (``postgresql://…``, serve/pgdb.py) or a SQLite
    file (a path or ``sqlite:///path``)."""
    text = store_target(target)
    if is_postgres_url(text):
        from .pgdb import PgDatabase

        return PgDatabase(text, limits)  # type: ignore[return-value]  # the same interface
    return Database(text, limits)
