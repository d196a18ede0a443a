"""Integrity checks shared by the crash and concurrency tests: run `khabar ingest` in a child
process, count what it has committed, and snapshot a database after checking that no article is
half there. Plain SQL both backends run; a database is a SQLite path or a postgresql:// URL."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TABLES = ("articles", "actors", "mentions", "relations", "quotes", "places", "place_mentions",
          "times", "events", "event_evidence")

# (what, query returning offending rows): plain SQL both backends run
ORPHANS = [
    ("child rows without their article",
     " UNION ALL ".join(f"SELECT '{t}', article_id FROM {t} WHERE article_id NOT IN (SELECT id FROM articles)"
                        for t in TABLES if t != "articles")),
    ("mentions without their actor",
     "SELECT m.article_id, m.actor_id FROM mentions m LEFT JOIN actors a "
     "ON a.article_id = m.article_id AND a.actor_id = m.actor_id WHERE a.actor_id IS NULL"),
    ("place mentions without their place",
     "SELECT m.article_id, m.place_id FROM place_mentions m LEFT JOIN places p "
     "ON p.article_id = m.article_id AND p.place_id = m.place_id WHERE p.place_id IS NULL"),
    ("evidence without its event",
     "SELECT v.article_id, v.event_id FROM event_evidence v LEFT JOIN events e "
     "ON e.article_id = v.article_id AND e.event_id = v.event_id WHERE e.event_id IS NULL"),
    ("articles missing some of their actors or events (half-written)",
     "SELECT a.id FROM articles a WHERE a.n_actors != (SELECT COUNT(*) FROM actors x WHERE x.article_id = a.id) "
     "OR a.n_events != (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id)"),
    ("duplicate articles", "SELECT id FROM articles GROUP BY id HAVING COUNT(*) > 1"),
]


def ingest(corpus: Path, db: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "KHABAR_DB"}
    return subprocess.Popen([sys.executable, "-m", "khabar", "ingest", str(corpus), "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def _connect(db: str, read_only: bool = False):
    """A connection of the database's own driver, beside the store (which would migrate on open)."""
    if "://" in db:
        import psycopg

        return psycopg.connect(db)
    if read_only:
        return sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    return sqlite3.connect(db)


def stored(db: str) -> int:
    """Articles committed so far; 0 while the database is not created or not migrated yet."""
    errors: tuple[type[Exception], ...] = (sqlite3.OperationalError,)
    if "://" in db:
        import psycopg

        errors = (psycopg.Error,)
    try:
        con = _connect(db, read_only=True)
        try:
            return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except errors:
        return 0


def snapshot(db: str) -> tuple[dict, dict]:
    """Row counts and stored records, after checking that no article is half there."""
    con = _connect(db)
    try:
        for what, sql in ORPHANS:
            assert con.execute(sql).fetchall() == [], what
        if "://" not in db:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
        records = dict(con.execute("SELECT id, record FROM articles").fetchall())
        return counts, records
    finally:
        con.close()


def summary(out: str) -> tuple[int, int, int]:
    stored_, unchanged, rejected = (int(w) for w in out.strip().splitlines()[-1].split()[::2])
    return stored_, unchanged, rejected
