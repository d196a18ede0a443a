"""Read-only PostgreSQL access for the explorer: the twin of db.py's `Database` for a store made
by `khabar ingest --db postgresql://…`. Every session has ``default_transaction_read_only`` on,
so no request can write even if a bug tried to; every statement runs under ``SET LOCAL
statement_timeout``, so no request holds a worker (or the server's CPU) for long.

The explorer's SQL is written with ``?`` placeholders (one text for both backends); here they
become psycopg's ``%s``. No statement text contains a literal ``?`` or ``%``: every value is a
bound parameter.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import UserError
from .db import ApiError, Limits
from .dialect import POSTGRES

try:
    import psycopg
    from psycopg import errors as pgerrors
except ImportError as exc:  # the "postgres" extra is not installed
    raise UserError("khabar serve --db postgresql://… needs psycopg (pip install 'khabar[postgres]')") from exc

from ..store.postgres import first_line, redact  # noqa: E402 - psycopg is known to import by now


class Row(dict):
    """A row by column name (like ``sqlite3.Row``) and by position (``row[0]``)."""

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, int):
            return list(self.values())[key]
        return super().__getitem__(key)


def _row_factory(cursor: psycopg.Cursor) -> Any:
    names = [d.name for d in cursor.description] if cursor.description else []

    def make(values: Sequence[Any]) -> Row:
        return Row(zip(names, values, strict=True))

    return make


class PgDatabase:
    """A PostgreSQL store opened read-only, with a small pool of idle connections."""

    dialect = POSTGRES

    def __init__(self, url: str, limits: Limits | None = None):
        self.url = url
        self.path = redact(url)  # what messages and the CLI print (no password)
        self.limits = limits or Limits()
        # (connection, when it was put back)
        self._idle: queue.LifoQueue[tuple[psycopg.Connection, float]] = queue.LifoQueue()
        try:
            with self.connect() as con:
                tables = self.query(con, "SELECT table_name AS name FROM information_schema.tables "
                                         "WHERE table_schema = current_schema()")
                indexes = self.query(con, "SELECT indexname AS name FROM pg_indexes "
                                          "WHERE schemaname = current_schema()")
        except psycopg.Error as exc:
            raise UserError(f"cannot read database {self.path}: {first_line(exc)}") from None
        self.tables = {r["name"] for r in tables}
        self.indexes = {r["name"] for r in indexes}
        if "events" not in self.tables or "articles" not in self.tables:
            raise UserError(f"{self.path} is not a khabar store (no articles/events tables)")

    def _open(self) -> psycopg.Connection:
        try:
            con = psycopg.connect(self.url, connect_timeout=10, row_factory=_row_factory,
                                  options="-c default_transaction_read_only=on")
        except psycopg.Error as exc:
            raise UserError(f"cannot connect to database {self.path}: {first_line(exc)}") from None
        return con

    @contextmanager
    def connect(self) -> Iterator[psycopg.Connection]:
        """A connection for one request (or one stream). Each request runs in its own read-only
        transaction, ended (rolled back: nothing to keep) when the request is done, so a pooled
        connection never holds an old snapshot and sees what an ingest committed meanwhile."""
        con = self._checkout()
        try:
            yield con
        finally:
            reusable = not con.closed and not con.broken
            if reusable:
                try:
                    con.rollback()
                except psycopg.Error:
                    reusable = False
            if reusable and self._idle.qsize() < self.limits.pool_size:
                self._idle.put((con, time.monotonic()))
            else:
                con.close()

    def _checkout(self) -> psycopg.Connection:
        """An idle connection that still works, else a new one."""
        while True:
            try:
                con, since = self._idle.get_nowait()
            except queue.Empty:
                return self._open()
            if time.monotonic() - since < self.limits.pg_idle_check:
                return con
            try:
                con.execute("SELECT 1")
                con.rollback()
                return con
            except psycopg.Error:  # closed by the server meanwhile: drop it, try the next
                con.close()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait()[0].close()
            except queue.Empty:
                return

    def query(self, con: psycopg.Connection, sql: str, params: Sequence | dict = (),
              time_limit: float | None = None) -> list[Row]:
        """Run one statement under the time budget; a statement over budget is an ``ApiError(400)``."""
        budget = self.limits.time_limit if time_limit is None else time_limit
        # 0 would mean "no limit" to PostgreSQL: the smallest budget it takes is 1 ms
        ms = max(1, int(budget * 1000))
        try:
            with con.cursor() as cur:
                # SET LOCAL: the budget lasts until the end of this request's transaction
                cur.execute("SELECT set_config('statement_timeout', %s, true)", (f"{ms}ms",))
                cur.execute(sql.replace("%", "%%").replace("?", "%s"), params)
                return cur.fetchall()
        except pgerrors.QueryCanceled as exc:
            con.rollback()  # the transaction is aborted; the next statement starts a new one
            raise ApiError(400, f"query took longer than {budget:g} s; narrow the filters") from exc
        except (pgerrors.SyntaxError, pgerrors.InvalidTextRepresentation) as exc:
            con.rollback()
            if "tsquery" in str(exc):
                raise ApiError(400, f"invalid search expression: {first_line(exc)}") from exc
            raise
