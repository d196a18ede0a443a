"""Filtered SELECTs over the store tables, in plain SQL both dialects run.

``select(table, columns, filters, dialect)`` returns SQL text and parameters with the dialect's
placeholder (``?`` for SQLite, ``%s`` for PostgreSQL). Filters (shared by ``khabar export`` and the
API):

- ``since`` / ``until`` (YYYY-MM-DD, inclusive): events overlap the window by their date range
  (``date_start``..``date_end``, falling back to the article's publication day); articles and
  their child tables by publication day; rejects by ``created``; runs by ``started``.
- ``q``: full-text search (``store/search.py``): articles whose title or text match, and the
  rows of those articles in the tables keyed by article.
- any other key naming a column of the table: equality, or IN for a list/tuple of values.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import UserError
from . import search

ORDER: dict[str, tuple[str, ...]] = {
    "articles": ("id",),
    "actors": ("article_id", "actor_id"),
    "mentions": ("article_id", "actor_id", "n"),
    "relations": ("article_id", "n"),
    "quotes": ("article_id", "quote_id"),
    "places": ("article_id", "place_id"),
    "place_mentions": ("article_id", "place_id", "n"),
    "times": ("article_id", "time_id"),
    "events": ("article_id", "event_id"),
    "event_evidence": ("article_id", "event_id", "n"),
    "rejects": ("created", "key"),
    "runs": ("id",),
    "event_clusters": ("id",),
    "event_cluster_members": ("cluster_id", "article_id", "event_id"),
}


def check_day(value: str, name: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise UserError(f"--{name} must be a date YYYY-MM-DD, got {value!r}") from None


def _quote(column: str) -> str:
    return f'"{column}"'


def select(
    table: str, columns: list[str], filters: dict[str, Any] | None, dialect: str = "sqlite"
) -> tuple[str, list[Any]]:
    placeholder = "%s" if dialect == "postgres" else "?"
    if table not in ORDER:
        raise UserError(f"unknown table {table!r}; choose from {', '.join(ORDER)}")
    where: list[str] = []
    params: list[Any] = []
    for key, value in (filters or {}).items():
        if value is None:
            continue
        if key in ("since", "until"):
            day = check_day(value, key)
            op = ">=" if key == "since" else "<="
            if table == "events":
                bound = "date_end" if key == "since" else "date_start"
                where.append(f"COALESCE({bound}, published_day) {op} {placeholder}")
            elif table == "articles":
                where.append(f"published_day {op} {placeholder}")
            elif table == "event_clusters":
                # a cluster overlaps the window by its members' date range
                bound = "last_day" if key == "since" else "first_day"
                where.append(f"{bound} {op} {placeholder}")
            elif table in ("rejects", "runs"):
                col = "created" if table == "rejects" else "started"
                # timestamps are ISO text: compare their day part
                where.append(f"substr({col}, 1, 10) {op} {placeholder}")
            else:
                where.append(
                    f"article_id IN (SELECT id FROM articles WHERE published_day {op} {placeholder})"
                )
            params.append(day)
        elif key == "q":
            article = "id" if table == "articles" else "article_id" if "article_id" in columns else None
            if article is None:
                raise UserError(f"cannot search {table}: only articles and the tables of their records")
            where.append(f"{article} IN ({search.matching_articles(dialect, placeholder)})")
            params.append(search.param(dialect, value))
        elif key in columns:
            if isinstance(value, list | tuple | set):
                values = list(value)
                if not values:
                    where.append("1 = 0")
                    continue
                where.append(f"{_quote(key)} IN ({', '.join([placeholder] * len(values))})")
                params.extend(values)
            else:
                where.append(f"{_quote(key)} = {placeholder}")
                params.append(value)
        else:
            raise UserError(f"cannot filter {table} by {key!r}; columns: {', '.join(columns)}")
    sql = f"SELECT {', '.join(_quote(c) for c in columns)} FROM {table}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY " + ", ".join(_quote(c) for c in ORDER[table])
    return sql, params
