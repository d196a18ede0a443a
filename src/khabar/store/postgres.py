"""PostgreSQL store: the SQLite store's twin for many writers and big corpora (psycopg 3).

Same tables, same migration numbers (``migrations/postgres``), same rows (``store/rows.py``), same
filters (``store/query.py``). Differences that matter:

- one transaction per article, child rows sent with COPY (one round trip per table, not per row);
- concurrent writers (two ``khabar ingest`` or ``khabar load`` into one database): each write
  first takes a transaction-scoped advisory lock on the article id, so two processes writing the
  same article serialize on that one lock (never on two locks in turn: no deadlock), and the
  second sees the first's committed row and returns "unchanged" — no duplicates;
- migrations are applied under a session advisory lock, so two processes opening a fresh
  database apply each migration once.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import orjson

from ..errors import UserError
from ..records import ArticleRecord
from . import TABLES, Store, StoreError, WriteResult, locked, read_migrations
from .rows import ARTICLE_TABLES, COLUMNS, now_utc, record_rows

try:
    import psycopg
    from psycopg import sql as pgsql
except ImportError as exc:  # the "postgres" extra is not installed
    raise ImportError("psycopg is not installed (pip install 'khabar[postgres]')") from exc

DIALECT = "postgres"
FETCH = 1000  # rows per round trip of a server-side cursor: constant memory for any table
_MIGRATION_LOCK = 0x6B68_6162_6172  # "khabar": advisory lock key while migrating
_HIDDEN = {"articles": {"pk", "record", "fts"}}

_COPY = {
    table: pgsql.SQL("COPY {} ({}) FROM STDIN").format(
        pgsql.Identifier(table), pgsql.SQL(", ").join(pgsql.Identifier(c) for c in cols))
    for table, cols in COLUMNS.items()
}
_INSERT_ARTICLE = pgsql.SQL("INSERT INTO articles ({}) VALUES ({}) ON CONFLICT (id) DO NOTHING").format(
    pgsql.SQL(", ").join(pgsql.Identifier(c) for c in COLUMNS["articles"]),
    pgsql.SQL(", ").join(pgsql.Placeholder() * len(COLUMNS["articles"])),
)
_DELETE = {
    table: f"DELETE FROM {table} WHERE {'id' if table == 'articles' else 'article_id'} = %s"
    for table in ARTICLE_TABLES
}


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration file, in order."""
    return read_migrations(DIALECT)


def redact(url: str) -> str:
    """The URL without its password (for messages and `stats`)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def first_line(exc: Exception) -> str:
    """The gist of a driver error for a one-line message (psycopg adds detail lines)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _article_lock_key(article_id: str) -> int:
    # a signed 64-bit key from the id's hash: one lock per article, same key in every process
    return int.from_bytes(hashlib.sha1(article_id.encode()).digest()[:8], "big", signed=True)



def _sql_type(declared: str) -> str:
    if declared in ("integer", "bigint", "smallint"):
        return "int"
    if declared in ("double precision", "real", "numeric"):
        return "real"
    return "text"


class PostgresStore(Store):
    dialect = DIALECT
    param = "%s"

    def __init__(self, url: str):
        self.url = url
        self._lock = threading.RLock()
        self._columns: dict[str, list[tuple[str, str]]] = {}
        try:
            # autocommit: every transaction is explicit (`with self.con.transaction()`)
            self.con = psycopg.connect(url, autocommit=True, connect_timeout=10)
            # close to the SQLite store's durability (WAL, synchronous=NORMAL): a commit survives
            # a SIGKILL of khabar; a server or OS crash can drop the last fraction of a second
            # of commits (whole articles, never corrupt; a rerun restores them). Without it
            # every article waits for its own WAL flush (docs/scaling.md: 14 → 87 articles/s)
            self.con.execute("SET synchronous_commit = off")
        except psycopg.Error as exc:
            raise UserError(f"cannot connect to database {redact(url)}: {first_line(exc)}") from None
        try:
            self._migrate()
        except BaseException:
            self.con.close()
            raise

    # -- schema --------------------------------------------------------------------------
    def _migrate(self) -> None:
        con = self.con
        con.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
        try:
            for version, name, script in self._pending_migrations(migrations()):
                try:
                    with con.transaction():  # DDL is transactional in PostgreSQL: all or nothing
                        con.execute(script)
                        con.execute(
                            "INSERT INTO schema_migrations (version, name, applied) VALUES (%s, %s, %s)",
                            (version, name, now_utc()),
                        )
                except psycopg.Error as exc:  # e.g. no right to create a table: say so in one line
                    raise UserError(f"database {redact(self.url)}: migration {name} failed "
                                    f"(nothing of it applied): {first_line(exc)}") from None
        finally:
            con.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK,))

    @locked
    def applied_migrations(self) -> list[tuple[int, str]]:
        return [tuple(r) for r in
                self.con.execute("SELECT version, name FROM schema_migrations ORDER BY version")]

    @locked
    def columns(self, table: str) -> list[tuple[str, str]]:
        if table not in TABLES:
            raise UserError(f"unknown table {table!r}; choose from {', '.join(TABLES)}, records")
        if table not in self._columns:
            hidden = _HIDDEN.get(table, set())
            rows = self.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = %s "
                "ORDER BY ordinal_position", (table,)).fetchall()
            self._columns[table] = [(n, _sql_type(t)) for n, t in rows if n not in hidden]
        return self._columns[table]

    # -- writing -------------------------------------------------------------------------
    @locked
    def has_article(self, article_id: str) -> bool:
        return self.con.execute(
            "SELECT 1 FROM articles WHERE id = %s", (article_id,)).fetchone() is not None

    @locked
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return set()
        # one array parameter, however many ids: no statement-size limit to chunk around
        return {r[0] for r in self.con.execute(
            "SELECT id FROM articles WHERE id = ANY(%s)", (ids,))}

    @locked
    def write(self, record: ArticleRecord, reprocess: bool = False) -> WriteResult:
        article_id = record.article.id
        rows = dict(record_rows(record, self.run_id))
        try:
            with self.con.transaction():
                cur = self.con.cursor()
                cur.execute("SELECT pg_advisory_xact_lock(%s)", (_article_lock_key(article_id),))
                exists = cur.execute(
                    "SELECT 1 FROM articles WHERE id = %s", (article_id,)).fetchone() is not None
                if exists and not reprocess:
                    return "unchanged"
                if exists:
                    for table in ARTICLE_TABLES:
                        cur.execute(_DELETE[table], (article_id,))
                cur.execute(_INSERT_ARTICLE, rows["articles"][0])
                for table in COLUMNS:
                    if table == "articles" or not rows[table]:
                        continue
                    with cur.copy(_COPY[table]) as copy:
                        for row in rows[table]:
                            copy.write_row(row)
        except psycopg.errors.IntegrityError as exc:
            detail = str(exc).strip().splitlines()[0]
            raise StoreError(f"article {article_id} not stored: {detail}") from None
        return "replaced" if exists else "stored"

    @locked
    def write_many(self, records: Iterable[ArticleRecord],
                   reprocess: bool = False) -> list[WriteResult | StoreError]:
        """Bulk load (``khabar load``): a batch of articles in one transaction, each table in one
        COPY. Still all-or-nothing per article (a batch holds only whole articles). Locks are
        taken in key order, so two bulk loaders with overlapping batches cannot deadlock. If an
        article is bad the batch is rolled back and written article by article, the bad one
        coming back as its StoreError."""
        records = list(records)
        ids = [r.article.id for r in records]
        if len(set(ids)) != len(ids):
            return [self._write_or_error(r, reprocess) for r in records]
        rows = [dict(record_rows(r, self.run_id)) for r in records]
        try:
            with self.con.transaction():
                cur = self.con.cursor()
                keys = sorted({_article_lock_key(i) for i in ids})
                cur.execute("SELECT pg_advisory_xact_lock(k) FROM "
                            "(SELECT k FROM unnest(%s::bigint[]) AS k ORDER BY k) AS s", (keys,))
                existing = {r[0] for r in cur.execute(
                    "SELECT id FROM articles WHERE id = ANY(%s)", (ids,))}
                if reprocess and existing:
                    for table in ARTICLE_TABLES:
                        column = "id" if table == "articles" else "article_id"
                        cur.execute(f"DELETE FROM {table} WHERE {column} = ANY(%s)", (list(existing),))
                todo = [n for n, i in enumerate(ids) if reprocess or i not in existing]
                for table in COLUMNS:
                    if not any(rows[n][table] for n in todo):
                        continue
                    with cur.copy(_COPY[table]) as copy:
                        for n in todo:
                            for row in rows[n][table]:
                                copy.write_row(row)
        except psycopg.errors.IntegrityError:
            return [self._write_or_error(r, reprocess) for r in records]
        return ["unchanged" if i in existing and not reprocess else
                "replaced" if i in existing else "stored" for i in ids]

    def _write_or_error(self, record: ArticleRecord, reprocess: bool) -> WriteResult | StoreError:
        try:
            return self.write(record, reprocess=reprocess)
        except StoreError as exc:
            return exc

    @locked
    def begin_run(self, args: dict[str, Any], pipeline_version: str | None = None) -> int:
        row = self.con.execute(
            "INSERT INTO runs (started, args, pipeline_version, status) "
            "VALUES (%s, %s, %s, 'running') RETURNING id",
            (now_utc(), orjson.dumps(args, default=str).decode(), pipeline_version),
        ).fetchone()
        self.run_id = row[0]
        return self.run_id

    # -- reading -------------------------------------------------------------------------
    def _stream(self, query: str, params: list[Any]) -> Iterator[tuple]:
        # a connection of its own with a server-side cursor: streams any table in constant memory
        # while this store keeps writing on its own connection
        with psycopg.connect(self.url, connect_timeout=10) as con, con.transaction():
            with con.cursor(name="khabar_stream") as cur:
                cur.itersize = FETCH
                cur.execute(query, params)
                yield from cur

    def location(self) -> str:
        return redact(self.url)

    @locked
    def close(self) -> None:
        con = getattr(self, "con", None)
        if con is not None:
            con.close()
            self.con = None
