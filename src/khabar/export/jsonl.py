"""JSON Lines: one object per line. ``--table records`` writes the full contract documents."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from ..store import Store


def export(store: Store, out: Path, *, table: str, filters: dict[str, Any], fmt: str,
           tick: Callable[[int], None]) -> int:
    if table == "records":
        rows = (r.to_dict() for r in store.iter_records(filters))
    else:
        rows = store.iter_rows(table, filters)
    n = 0
    with open(out, "wb") as fh:
        for row in rows:
            fh.write(orjson.dumps(row) + b"\n")
            n += 1
            tick(1)
    return n
