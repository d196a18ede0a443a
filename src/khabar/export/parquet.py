"""Parquet via pyarrow, written in record batches (constant memory), typed from the store's
column types: text → string, int → int64, real → float64."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..store import Store
from . import table_rows

BATCH = 10_000
ARROW_TYPES = {"text": pa.string(), "int": pa.int64(), "real": pa.float64()}


def export(store: Store, out: Path, *, table: str, filters: dict[str, Any], fmt: str,
           tick: Callable[[int], None]) -> int:
    columns, rows = table_rows(store, table, filters)
    schema = pa.schema([(name, ARROW_TYPES[kind]) for name, kind in columns])
    n = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        while batch := list(itertools.islice(rows, BATCH)):
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            n += len(batch)
            tick(len(batch))
    return n
