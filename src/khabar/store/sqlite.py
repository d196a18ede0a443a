"""SQLite store: one file, WAL mode, migrations applied on open, one transaction per article.

WAL lets readers (exports, the API) run while an ingest writes; ``synchronous=NORMAL`` keeps
every committed article through a crash or SIGKILL (only an OS crash or power loss can drop the
last commits, never corrupt the file).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from ..errors import UserError
from ..records import ArticleRecord
from . import TABLES, Store, StoreError, WriteResult, locked, read_migrations
from .rows import ARTICLE_TABLES, COLUMNS, now_utc, record_rows

DIALECT = "sqlite"
FETCH = 1000  # rows per fetchmany: constant memory however big the table
_KNOWN_CHUNK = 500  # ids per IN (...) query, below SQLite's variable limit

_INSERT = {
    table: f"INSERT INTO {table} ({', '.join(chr(34) + c + chr(34) for c in cols)}) "
    f"VALUES ({', '.join('?' * len(cols))})"
    for table, cols in COLUMNS.items()
}
_DELETE = {
    table: f"DELETE FROM {table} WHERE {'id' if table == 'articles' else 'article_id'} = ?"
    for table in ARTICLE_TABLES
}
# columns never exported row by row: the full JSON lives in "records", the key is internal
_HIDDEN = {"articles": {"pk", "record"}}


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration file, in order."""
    return read_migrations(DIALECT)



def _sql_type(declared: str) -> str:
    declared = declared.upper()
    if "INT" in declared:
        return "int"
    if "REAL" in declared or "FLOA" in declared or "DOUB" in declared:
        return "real"
    return "text"


class SQLiteStore(Store):
    dialect = DIALECT
    param = "?"

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if self.path.is_dir():
            raise UserError(f"database path {self.path} is a directory")
        if not self.path.parent.exists():
            raise UserError(f"folder {self.path.parent} does not exist (database {self.path})")
        self._lock = threading.RLock()
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, one transaction per article
            self.con = sqlite3.connect(str(self.path), timeout=30, isolation_level=None,
                                       check_same_thread=False)
            self.con.execute("PRAGMA journal_mode=WAL")
            self.con.execute("PRAGMA synchronous=NORMAL")
            self.con.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise UserError(f"cannot open database {self.path}: {exc}") from None
        self._columns: dict[str, list[tuple[str, str]]] = {}

    # -- schema --------------------------------------------------------------------------
    def _migrate(self) -> None:
        con = self.con
        for version, name, sql in self._pending_migrations(migrations()):
            # BEGIN IMMEDIATE + re-check: two processes opening a fresh file apply it once
            con.execute("BEGIN IMMEDIATE")
            try:
                done = con.execute(
                    "SELECT 1 FROM schema_migrations WHERE version = ?", (version,)
                ).fetchone()
                if not done:
                    for statement in _statements(sql):
                        con.execute(statement)
                    con.execute(
                        "INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)",
                        (version, name, now_utc()),
                    )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def applied_migrations(self) -> list[tuple[int, str]]:
        return list(self.con.execute("SELECT version, name FROM schema_migrations ORDER BY version"))

    def columns(self, table: str) -> list[tuple[str, str]]:
        if table not in TABLES:
            raise UserError(f"unknown table {table!r}; choose from {', '.join(TABLES)}, records")
        if table not in self._columns:
            hidden = _HIDDEN.get(table, set())
            self._columns[table] = [
                (name, _sql_type(decl))
                for _, name, decl, *_ in self.con.execute(f"PRAGMA table_info({table})")
                if name not in hidden
            ]
        return self._columns[table]

    # -- writing -------------------------------------------------------------------------
    @locked
    def has_article(self, article_id: str) -> bool:
        return self.con.execute(
            "SELECT 1 FROM articles WHERE id = ?", (article_id,)
        ).fetchone() is not None

    @locked
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(dict.fromkeys(ids))
        found: set[str] = set()
        for i in range(0, len(ids), _KNOWN_CHUNK):
            chunk = ids[i:i + _KNOWN_CHUNK]
            marks = ", ".join("?" * len(chunk))
            found.update(
                r[0] for r in self.con.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            )
        return found

    @locked
    def write(self, record: ArticleRecord, reprocess: bool = False) -> WriteResult:
        con = self.con
        article_id = record.article.id
        rows = list(record_rows(record, self.run_id))  # before BEGIN: hold the lock briefly
        con.execute("BEGIN IMMEDIATE")
        try:
            exists = con.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            if exists and not reprocess:
                con.execute("ROLLBACK")
                return "unchanged"
            if exists:
                for table in ARTICLE_TABLES:
                    con.execute(_DELETE[table], (article_id,))
            for table, table_rows in rows:
                if table_rows:
                    con.executemany(_INSERT[table], table_rows)
            con.execute("COMMIT")
        except sqlite3.IntegrityError as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"article {article_id} not stored: {exc}") from None
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        return "replaced" if exists else "stored"

    @locked
    def begin_run(self, args: dict[str, Any], pipeline_version: str | None = None) -> int:
        cur = self.con.execute(
            "INSERT INTO runs (started, args, pipeline_version, status) VALUES (?, ?, ?, 'running')",
            (now_utc(), orjson.dumps(args, default=str).decode(), pipeline_version),
        )
        self.run_id = cur.lastrowid
        return self.run_id

    # -- reading -------------------------------------------------------------------------
    def _stream(self, sql: str, params: list[Any]) -> Iterator[tuple]:
        # its own cursor, fetched in slices: a table of millions of rows streams in constant memory
        cur = self.con.cursor()
        try:
            cur.execute(sql, params)
            while rows := cur.fetchmany(FETCH):
                yield from rows
        finally:
            cur.close()

    def location(self) -> str:
        return str(self.path)

    @locked
    def close(self) -> None:
        con = getattr(self, "con", None)
        if con is not None:
            if con.in_transaction:
                con.execute("ROLLBACK")
            con.close()
            self.con = None


def _statements(script: str) -> Iterator[str]:
    """Split a migration into statements (sqlite3.complete_statement knows about triggers)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        if not buffer and line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip() and not all(
        part.strip().startswith("--") or not part.strip() for part in buffer.splitlines()
    ):
        raise RuntimeError(f"incomplete statement at the end of a migration: {buffer[:80]!r}")
