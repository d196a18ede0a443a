"""The few places where the explorer's SQL differs between SQLite and PostgreSQL. Everything
else (listings.py, aggregates.py) is written once: ``?`` placeholders (the PostgreSQL `Database`
turns them into ``%s``), ``1 = 1`` rather than ``1``, ``IS DISTINCT FROM`` (SQLite ≥ 3.39),
``CAST(x AS TEXT)``, ``COALESCE``, ``substr``, row-value comparisons — all valid on both.

What is left:

- row identity. SQLite tables have a ``rowid``: insertion order, the order of "latest stored
  first" lists and a cheap way to fetch one representative row. PostgreSQL has no such column;
  ``ctid`` (the row's physical place) is the twin: in a table that is only appended to it is
  insertion order too, and a lookup by it is a direct fetch (TID scan). A read-only request
  sees one snapshot, so a ctid does not move under it.
- OR over several indexed columns: SQLite plans it best as a rowid set (one index lookup per
  column); PostgreSQL's planner turns a plain OR into a BitmapOr of the same indexes.
- LIKE is case-insensitive for ASCII in SQLite, case-sensitive in PostgreSQL: ILIKE there.
- CROSS JOIN ... ON (SQLite's way to fix the join order) is plain JOIN there;
- a list bound as one parameter: ``json_each(?)`` in SQLite, ``unnest(CAST(? AS text[]))`` there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Dialect:
    name: str  # "sqlite" | "postgres": also the dialect names of store/search.py
    like: str  # case-insensitive LIKE operator
    # a join whose tables are walked in the order written: SQLite's CROSS JOIN says so; in
    # PostgreSQL CROSS JOIN takes no ON clause and the planner picks the order itself
    ordered_join: str

    def row_order(self, alias: str) -> str:
        """An integer that grows with insertion order (the sort key of "latest stored first")."""
        if self.name == "postgres":
            # ctid is (block, item): block * 2^16 + item keeps its order (items per block < 2^16)
            loc = f"(CAST(CAST({alias}.ctid AS TEXT) AS point))"
            return f"(CAST({loc}[0] AS BIGINT) * 65536 + CAST({loc}[1] AS BIGINT))"
        return f"{alias}.rowid"

    def row_id(self, alias: str = "") -> str:
        """A row locator to fetch rows back with ``<row_id> IN (...)``; MIN() of it picks the
        first stored row of a group on both backends."""
        prefix = f"{alias}." if alias else ""
        return f"{prefix}ctid" if self.name == "postgres" else f"{prefix}rowid"

    def any_column(self, alias: str, table: str, columns: list[str], value: Any) -> tuple[str, list[Any]]:
        """``value`` equals one of ``columns`` of ``table`` row ``alias``."""
        if self.name == "postgres":
            return "(" + " OR ".join(f"{alias}.{c} = ?" for c in columns) + ")", [value] * len(columns)
        union = " UNION ".join(f"SELECT rowid FROM {table} WHERE {c} = ?" for c in columns)
        return f"{alias}.rowid IN ({union})", [value] * len(columns)

    def values(self, column: str = "value") -> str:
        """A table of one text column ``column`` from one parameter (bind `list_param`)."""
        if self.name == "postgres":
            return f"unnest(CAST(? AS text[])) AS n({column})"
        return "json_each(?) AS n"

    def list_param(self, items: list[str]) -> Any:
        if self.name == "postgres":
            return list(items)
        import json

        return json.dumps(items)


SQLITE = Dialect("sqlite", like="LIKE", ordered_join="CROSS JOIN")
POSTGRES = Dialect("postgres", like="ILIKE", ordered_join="JOIN")
