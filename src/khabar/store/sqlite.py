"""SQLite store: one file, WAL mode, migrations applied on open, one transaction per article.

WAL lets readers (exports, the API) run while an ingest writes; ``synchronous=NORMAL`` keeps
every committed article through a crash or SIGKILL (only an OS crash or power loss can drop the
last commits, never corrupt the file).
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

from ..errors import UserError
from ..records import ArticleRecord, Reject
from . import TABLES, Store, StoreError, WriteResult, locked
from .query import select
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
    folder = resources.files("khabar.store") / "migrations" / DIALECT
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql"):
            version = int(name.split("_", 1)[0])
            found.append((version, name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"duplicate migration numbers in {folder}")
    return found



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
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)"
        )
        available = migrations()
        newest = available[-1][0] if available else 0
        applied = {v for (v,) in con.execute("SELECT version FROM schema_migrations")}
        if applied and max(applied) > newest:
            raise UserError(
                f"database {self.path} has schema version {max(applied)}, newer than this "
                f"khabar knows ({newest}); upgrade khabar"
            )
        for version, name, sql in available:
            if version in applied:
                continue
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
    def write_reject(self, reject: Reject, run_id: int | None = None) -> None:
        key = hashlib.sha1(
            "\x00".join((reject.source, reject.position or "", reject.reason)).encode()
        ).hexdigest()
        self.con.execute(
            "INSERT INTO rejects (key, source, position, reason, run_id, created) "
            "VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET run_id = excluded.run_id, created = excluded.created",
            (key, reject.source, reject.position, reject.reason,
             run_id if run_id is not None else self.run_id, now_utc()),
        )

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

    def iter_records(self, filters: dict[str, Any] | None = None) -> Iterator[ArticleRecord]:
        sql, params = select("articles", ["record"], filters, DIALECT)
        for (data,) in self._stream(sql, params):
            yield ArticleRecord.model_validate_json(data)

    def iter_rows(self, table: str, filters: dict[str, Any] | None = None) -> Iterator[dict]:
        names = [name for name, _ in self.columns(table)]
        sql, params = select(table, names, filters, DIALECT)
        for row in self._stream(sql, params):
            yield dict(zip(names, row, strict=True))

    @locked
    def stats(self) -> dict[str, Any]:
        con = self.con
        counts = {
            table: con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("articles", "actors", "mentions", "relations", "quotes", "places",
                          "times", "events", "event_evidence", "rejects", "runs")
        }
        by_quad = dict(con.execute(
            "SELECT quad_class, COUNT(*) FROM events GROUP BY quad_class ORDER BY quad_class"
        ).fetchall())
        by_modality = dict(con.execute(
            "SELECT modality, COUNT(*) FROM events GROUP BY modality ORDER BY COUNT(*) DESC"
        ).fetchall())
        top_roots = con.execute(
            "SELECT cameo_root, COUNT(*) FROM events GROUP BY cameo_root "
            "ORDER BY COUNT(*) DESC, cameo_root LIMIT 10"
        ).fetchall()
        runs = [
            dict(zip(("id", "started", "ended", "status", "stored", "unchanged", "rejected",
                      "pipeline_version"), r, strict=True))
            for r in con.execute(
                "SELECT id, started, ended, status, stored, unchanged, rejected, pipeline_version "
                "FROM runs ORDER BY id DESC LIMIT 5"
            )
        ]
        return {
            "database": str(self.path),
            "counts": counts,
            "events_by_quad_class": by_quad,
            "events_by_modality": by_modality,
            "top_cameo_roots": top_roots,
            "last_runs": runs,
        }

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
