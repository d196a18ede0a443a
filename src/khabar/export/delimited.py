"""CSV and TSV: one header row, then one row per table row. NULL is an empty field; list-valued
columns (sectors, roles, warnings, plover_context) hold their JSON text."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..store import Store
from . import table_rows


def export(store: Store, out: Path, *, table: str, filters: dict[str, Any], fmt: str,
           tick: Callable[[int], None]) -> int:
    columns, rows = table_rows(store, table, filters)
    names = [name for name, _ in columns]
    n = 0
    with open(out, "w", newline="", encoding="utf-8") as fh:
        if fmt == "tsv":
            # text can hold tabs and newlines: quote fields that do, like CSV, so nothing breaks rows
            writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        else:
            writer = csv.writer(fh)
        writer.writerow(names)
        for row in rows:
            writer.writerow([row[k] for k in names])
            n += 1
            tick(1)
    return n
