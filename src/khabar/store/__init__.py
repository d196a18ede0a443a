"""The store: where `ArticleRecord`s are kept, idempotently, and read back for exports and the API.

``open_store(url_or_path)`` returns a `Store`: a SQLite file by default (``store/sqlite.py``), a
PostgreSQL database for ``postgresql://`` URLs (``store/postgres.py``). Both implement the methods
below with the same semantics; the rows they hold come from one dialect-neutral flattening
(``store/rows.py``) and the filters from one query builder (``store/query.py``). Tables and columns
are documented in docs/store.md.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from ..errors import UserError
from ..records import ArticleRecord, Reject
from .rows import now_utc

WriteResult = Literal["stored", "replaced", "unchanged"]

# Tables a user can export or page through (``iter_rows``); "records" is the full JSON.
TABLES: tuple[str, ...] = (
    "articles", "actors", "mentions", "relations", "quotes", "places", "place_mentions",
    "times", "events", "event_evidence", "rejects", "runs",
    "event_clusters", "event_cluster_members",  # written by `khabar link`
)


class StoreError(UserError):
    """A record the store cannot hold (e.g. duplicate ids inside one article)."""


def read_migrations(dialect: str) -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration file of a dialect (``migrations/<dialect>/``), in order."""
    folder = resources.files(__name__) / "migrations" / dialect
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


def locked(method):
    """Serialize calls on a store's one connection: with --workers the feeder thread checks ids
    and writes rejects while the main thread writes records, and a statement from one thread must
    never land inside the other's article transaction."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)

    return wrapper


class Store(ABC):
    """One database of article records. Every method is safe to call again after a crash:
    an article is written in one transaction, so it is either fully there or not at all."""

    dialect: str
    param: str  # the driver's query placeholder: "?" (sqlite3) or "%s" (psycopg)
    run_id: int | None = None

    # -- writing -------------------------------------------------------------------------
    @abstractmethod
    def has_article(self, article_id: str) -> bool: ...

    @abstractmethod
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored (checked before NLP, so a rerun is cheap)."""

    @abstractmethod
    def write(self, record: ArticleRecord, reprocess: bool = False) -> WriteResult:
        """Store one article's records in one transaction.

        An article already stored is left alone ("unchanged") unless ``reprocess``: then its
        rows are deleted and rewritten in the same transaction ("replaced").
        """

    @locked
    def write_reject(self, reject: Reject, run_id: int | None = None) -> None:
        """Keep an input that could not become a record, with its reason: one row per distinct
        (source, position, reason), tagged with the last run that saw it."""
        key = hashlib.sha1(
            "\x00".join((reject.source, reject.position or "", reject.reason)).encode()
        ).hexdigest()
        p = self.param
        self.con.execute(
            "INSERT INTO rejects (key, source, position, reason, run_id, created) "
            f"VALUES ({p}, {p}, {p}, {p}, {p}, {p}) "
            "ON CONFLICT (key) DO UPDATE SET run_id = excluded.run_id, created = excluded.created",
            (key, reject.source, reject.position, reject.reason,
             run_id if run_id is not None else self.run_id, now_utc()),
        )

    @abstractmethod
    def begin_run(self, args: dict[str, Any], pipeline_version: str | None = None) -> int:
        """Open a row in ``runs``; later writes and rejects are tagged with its id."""

    @locked
    def end_run(self, run_id: int, counts: dict[str, int], status: str = "done") -> None:
        p = self.param
        self.con.execute(
            f"UPDATE runs SET ended = {p}, stored = {p}, unchanged = {p}, rejected = {p}, "
            f"status = {p} WHERE id = {p}",
            (now_utc(), counts.get("stored", 0), counts.get("unchanged", 0),
             counts.get("rejected", 0), status, run_id),
        )
        if self.run_id == run_id:
            self.run_id = None

    @locked
    def set_pipeline_version(self, run_id: int, version: str) -> None:
        """Record what extracted this run (known only once the pipeline is loaded)."""
        p = self.param
        self.con.execute(f"UPDATE runs SET pipeline_version = {p} WHERE id = {p}", (version, run_id))

    def _pending_migrations(self, available: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
        """Make the bookkeeping table, refuse a database from a newer khabar, and return the
        migrations not applied yet (the caller applies each in its own transaction)."""
        con = self.con
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)"
        )
        newest = available[-1][0] if available else 0
        applied = {v for (v,) in con.execute("SELECT version FROM schema_migrations")}
        if applied and max(applied) > newest:
            raise UserError(
                f"database {self.location()} has schema version {max(applied)}, newer than this "
                f"khabar knows ({newest}); upgrade khabar"
            )
        return [m for m in available if m[0] not in applied]

    @abstractmethod
    def applied_migrations(self) -> list[tuple[int, str]]:
        """(version, file name) of every migration applied to this database, in order."""

    # -- reading -------------------------------------------------------------------------
    @locked
    def get_record(self, article_id: str) -> ArticleRecord | None:
        """The exact `ArticleRecord` that was written, or None."""
        row = self.con.execute(
            f"SELECT record FROM articles WHERE id = {self.param}", (article_id,)
        ).fetchone()
        return ArticleRecord.model_validate_json(row[0]) if row else None

    @abstractmethod
    def _stream(self, query: str, params: list[Any]) -> Iterator[tuple]:
        """The rows of one query, fetched in slices (constant memory for any table)."""

    def iter_records(self, filters: dict[str, Any] | None = None) -> Iterator[ArticleRecord]:
        """Every stored record (filters: since/until on the publication day, q), streaming."""
        from .query import select

        query, params = select("articles", ["record"], filters, self.dialect)
        for (data,) in self._stream(query, params):
            yield ArticleRecord.model_validate_json(data)

    def iter_rows(self, table: str, filters: dict[str, Any] | None = None) -> Iterator[dict]:
        """Rows of one table as dicts, streaming in primary-key order (see `query.select`)."""
        from .query import select

        names = [name for name, _ in self.columns(table)]
        query, params = select(table, names, filters, self.dialect)
        for row in self._stream(query, params):
            yield dict(zip(names, row, strict=True))

    @abstractmethod
    def columns(self, table: str) -> list[tuple[str, str]]:
        """(name, type) of a table's exported columns; type is one of text/int/real."""

    @abstractmethod
    def location(self) -> str:
        """Where the database is, fit to print (a file path, or a URL without its password)."""

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
        top_roots = [tuple(r) for r in con.execute(
            "SELECT cameo_root, COUNT(*) FROM events GROUP BY cameo_root "
            "ORDER BY COUNT(*) DESC, cameo_root LIMIT 10"
        ).fetchall()]
        runs = [
            dict(zip(("id", "started", "ended", "status", "stored", "unchanged", "rejected",
                      "pipeline_version"), r, strict=True))
            for r in con.execute(
                "SELECT id, started, ended, status, stored, unchanged, rejected, pipeline_version "
                "FROM runs ORDER BY id DESC LIMIT 5"
            )
        ]
        return {
            "database": self.location(),
            "counts": counts,
            "events_by_quad_class": by_quad,
            "events_by_modality": by_modality,
            "top_cameo_roots": top_roots,
            "last_runs": runs,
        }

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def is_postgres_url(target: str | Path) -> bool:
    """Does ``target`` name a PostgreSQL database (``postgresql://…`` or ``postgres://…``)?"""
    return str(target).startswith(("postgresql://", "postgres://"))


def store_target(url_or_path: str | Path) -> str:
    """A store location as the backends take it: a ``postgresql://…`` URL unchanged, a SQLite
    file path (``sqlite:///path`` → ``path``); any other URL is a `UserError`."""
    target = str(url_or_path)
    if is_postgres_url(target):
        return target
    if target.startswith("sqlite:///"):
        return target[len("sqlite:///"):]
    if "://" in target:
        raise UserError(f"unknown database URL {target!r} (use a file path, sqlite:///path or postgresql://…)")
    return target


def open_store(url_or_path: str | Path) -> Store:
    """A `Store` for a path or ``sqlite:///path`` (SQLite) or ``postgresql://…`` URL."""
    target = store_target(url_or_path)
    if is_postgres_url(target):
        try:
            module = importlib.import_module(f"{__name__}.postgres")
        except ImportError as exc:
            raise UserError(f"PostgreSQL store not available: {exc}") from exc
        return module.PostgresStore(target)
    from .sqlite import SQLiteStore

    return SQLiteStore(target)


__all__ = ["TABLES", "Store", "StoreError", "WriteResult", "is_postgres_url", "open_store", "read_migrations",
           "store_target"]
