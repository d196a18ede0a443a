"""Exports: one module per format, each a projection of the store's tables or records.

Every format module exposes ``export(store, out, *, table, filters, fmt, tick) -> int`` (rows
written). Exports stream: rows come from `Store.iter_rows` in slices and are written as they
arrive, so memory stays constant however big the database. The file appears only when complete
(written to ``<out>.part`` first, then renamed).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..store import TABLES, Store

# format name → module in this package
FORMATS: dict[str, str] = {
    "jsonl": "jsonl",
    "csv": "delimited",
    "tsv": "delimited",
    "parquet": "parquet",
    "gdelt": "gdelt",
    "icews": "icews",
    "acled": "acled",
    "polecat": "polecat",
    "geojson": "geojson",
    "gexf": "gexf",
}
EXPORT_TABLES: tuple[str, ...] = (*TABLES, "records")


def export(
    store: Store,
    fmt: str,
    out: str | Path,
    table: str = "events",
    filters: dict[str, Any] | None = None,
    tick: Callable[[int], None] | None = None,
) -> int:
    """Write ``table`` (or "records") of ``store`` to ``out`` in ``fmt``; returns rows written."""
    if fmt not in FORMATS:
        raise UserError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    if table not in EXPORT_TABLES:
        raise UserError(f"unknown table {table!r}; choose from {', '.join(EXPORT_TABLES)}")
    out = Path(out)
    if out.is_dir():
        raise UserError(f"--out {out} is a directory; give a file name")
    if not out.parent.exists():
        raise UserError(f"folder {out.parent} does not exist (--out {out})")
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt]}")
    part = out.with_name(out.name + ".part")
    try:
        n = module.export(store, part, table=table, filters=filters or {}, fmt=fmt,
                          tick=tick or (lambda _n: None))
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)
    return n


def unit(fmt: str, table: str) -> str:
    """What the number an export returns counts, for the command's last line."""
    return "edges" if fmt == "gexf" else f"{table} rows"


def table_rows(store: Store, table: str, filters: dict[str, Any]):
    """(columns, rows) of a flat table; "records" is nested and only fits JSON formats."""
    if table == "records":
        raise UserError("--table records is nested JSON: export it with --format jsonl")
    return store.columns(table), store.iter_rows(table, filters)
