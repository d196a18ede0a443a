"""Parquet shards: how distributed engines hand records to the store.

A shard is a Parquet file with one row per article: ``article_id`` and ``record`` (the contract JSON).
`khabar load` merges shards into a store idempotently (ids are content hashes), so a re-run or a
retried task never duplicates an article.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import UserError
from ..records import Article, ArticleRecord

SHARD_SCHEMA = pa.schema([("article_id", pa.string()), ("record", pa.large_string())])


def docs_to_table(ids: list[str], docs: list[str]) -> pa.Table:
    """A shard table from article ids and their records' contract JSON."""
    return pa.Table.from_arrays([pa.array(ids, pa.string()), pa.array(docs, pa.large_string())],
                                schema=SHARD_SCHEMA)


def records_to_table(records: Iterable[ArticleRecord]) -> pa.Table:
    ids, docs = [], []
    for r in records:
        ids.append(r.article.id)
        docs.append(r.to_json())
    return docs_to_table(ids, docs)


def write_table(table: pa.Table, path: str | Path) -> int:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, str(path), compression="zstd")
    return table.num_rows


def write_shard(records: Iterable[ArticleRecord], path: str | Path) -> int:
    return write_table(records_to_table(records), path)


def shard_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand directories into their ``*.parquet`` files (sorted, so loads are reproducible)."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(p.rglob("*.parquet")))
        elif p.is_file():
            files.append(p)
        else:
            raise UserError(f"no such shard file or directory: {p}")
    return files


def read_shards(paths: Iterable[str | Path], batch_size: int = 256) -> Iterator[ArticleRecord]:
    """Stream records from shards, batch by batch (constant memory for any number of shards)."""
    for f in shard_files(paths):
        try:
            parquet = pq.ParquetFile(str(f))
        except (pa.ArrowInvalid, OSError) as exc:
            raise UserError(f"{f}: not a readable Parquet shard ({exc})") from None
        if "record" not in parquet.schema_arrow.names:
            raise UserError(f"{f}: not a khabar shard (no 'record' column)")
        for batch in parquet.iter_batches(batch_size=batch_size, columns=["record"]):
            for doc in batch.column(0).to_pylist():
                yield ArticleRecord.model_validate_json(doc)


def in_shard(article: Article, index: int, count: int) -> bool:
    """Stable assignment of an article to one of ``count`` job-array shards (``--shard i/N``)."""
    digest = hashlib.sha1(article.id.encode()).digest()
    return int.from_bytes(digest[:8], "big") % count == index


def parse_shard_spec(spec: str) -> tuple[int, int]:
    """"2/8" → (2, 8); indexes are 0-based (Slurm's SLURM_ARRAY_TASK_ID works as is)."""
    try:
        i, n = (int(x) for x in spec.split("/"))
    except ValueError:
        raise UserError(f"--shard expects i/N (e.g. 0/4), got {spec!r}") from None
    if n < 1 or not 0 <= i < n:
        raise UserError(f"--shard {spec}: need 0 <= i < N")
    return i, n
