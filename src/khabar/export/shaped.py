"""The frame every dataset-shaped format shares: stream events, turn each into one row of the
target layout (or none when the format does not record that kind of event), write delimited text.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..store import Store
from .event_view import EventView, iter_events


def only_events(table: str, fmt: str) -> None:
    if table != "events":
        raise UserError(f"--format {fmt} exports events; drop --table {table}")


def write_delimited(
    out: Path,
    columns: Iterable[str],
    views: Iterable[EventView],
    to_row: Callable[[EventView], list[Any] | None],
    tick: Callable[[int], None],
    delimiter: str = "\t",
    header: bool = True,
) -> int:
    n = 0
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=delimiter, lineterminator="\n")
        if header:
            writer.writerow(list(columns))
        for view in views:
            row = to_row(view)
            tick(1)
            if row is None:
                continue
            writer.writerow(["" if v is None else v for v in row])
            n += 1
    return n


def export_shaped(store: Store, out: Path, filters: dict, tick, columns, to_row, **kw) -> int:
    return write_delimited(out, columns, iter_events(store, filters), to_row, tick, **kw)


def one_line(text: str | None) -> str | None:
    """Tabs and newlines inside a field would break tab-separated readers that do not quote."""
    return " ".join(text.split()) if text else text
