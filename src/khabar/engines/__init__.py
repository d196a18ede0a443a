"""Where `process` runs: in this process, in a local process pool, on Dask or on Spark.

`run_engine` is what ``khabar ingest --engine …`` calls: it takes the stream of new articles and
yields their records for the store, whatever the engine. Dask streams small partitions through a
bounded window of futures (`khabar.engines.dask_engine`); Spark hands records back through
Parquet shards (`khabar.engines.shards`), the articles going to it in batches of ``batch``. Either
way a corpus of any size never sits in the driver's memory at once, and one cluster (so one
pipeline per worker) serves the whole run.
"""

from __future__ import annotations

import contextlib
import itertools
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import UserError
from ..records import Article, ArticleRecord
from ..settings import Settings

ENGINES = ("local", "dask", "spark")
BATCH = 4096  # articles per Spark submission (each becomes several partitions)
LOCAL_SHARD_ROWS = 512  # records per Parquet file when the local engine also keeps shards


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def shard_filter(articles: Iterable[Article], shard: tuple[int, int] | None) -> Iterator[Article]:
    """Only the articles of job-array shard ``(i, N)`` (all of them when ``shard`` is None)."""
    from .shards import in_shard

    for article in articles:
        if shard is None or in_shard(article, *shard):
            yield article


def _run_dir(shards_dir: Path, engine: str, shard: tuple[int, int] | None) -> Path:
    # one folder per run: a second run (or another job-array task) never overwrites shards
    tag = f"{shard[0]}of{shard[1]}" if shard else "all"
    return shards_dir / f"{engine}-{tag}-{time.strftime('%Y%m%dT%H%M%S')}-{time.monotonic_ns() % 10**6:06d}"


def check_engine(engine: str, scheduler: str | None = None) -> None:
    """User errors for engine options, before any input is read."""
    if engine not in ENGINES:
        raise UserError(f"--engine must be one of {', '.join(ENGINES)}, got {engine!r}")
    if scheduler and engine != "dask":
        raise UserError("--scheduler is the address of a Dask scheduler: use it with --engine dask")


def run_engine(
    articles: Iterable[Article],
    settings: Settings,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    shards_dir: str | Path | None = None,
    shard: tuple[int, int] | None = None,
    pipeline=None,
    batch: int = BATCH,
) -> Iterator[ArticleRecord]:
    """Yield one record per article (of ``shard``, if given), computed on ``engine``.

    ``shards_dir``: keep the Parquet shards there (for `khabar load` into another store; with Dask
    on a real cluster, a folder every worker can reach). Spark writes shards anyway (to a temporary
    folder, removed afterwards, when it is None); Dask hands records back with its task results.
    """
    check_engine(engine, scheduler)
    articles = shard_filter(articles, shard)
    if engine == "local":
        yield from _local(articles, settings, workers, pipeline, shards_dir, shard)
        return
    if engine == "dask":
        # records come back with the task results; shards only when asked to keep them
        out = _run_dir(Path(shards_dir), engine, shard) if shards_dir is not None else None
        yield from _dask(articles, settings, workers, scheduler, out)
        return
    with contextlib.ExitStack() as stack:
        if shards_dir is None:
            root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="khabar-shards-")))
        else:
            root = Path(shards_dir)
        yield from _spark(articles, settings, workers, _run_dir(root, engine, shard), batch, stack)


def _local(articles, settings, workers, pipeline, shards_dir, shard) -> Iterator[ArticleRecord]:
    from .local import run_local
    from .shards import write_shard

    records = run_local(articles, settings, workers, pipeline=pipeline)
    if shards_dir is None:
        yield from records
        return
    out = _run_dir(Path(shards_dir), "local", shard)
    for n, chunk in enumerate(_batches(records, LOCAL_SHARD_ROWS)):
        write_shard(chunk, out / f"part-{n:05d}.parquet")  # before the store: a crash keeps it
        yield from chunk


def _dask(articles, settings, workers, scheduler, out: Path | None) -> Iterator[ArticleRecord]:
    try:
        import dask.distributed  # noqa: F401
    except ImportError as exc:
        raise UserError(f"--engine dask needs the 'scale' extra (dask, distributed): {exc}") from None
    from .dask_engine import dask_client, map_dask

    # one cluster for the whole run: each worker loads the pipeline once; partitions stream
    # through it (no batches: the first records reach the store as soon as a model is loaded)
    with dask_client(workers, scheduler) as client:
        yield from map_dask(articles, settings, client, shards=out)


def _spark(articles, settings, workers, out: Path, batch: int, stack) -> Iterator[ArticleRecord]:
    try:
        from pyspark.sql import SparkSession  # noqa: F401
    except ImportError as exc:
        raise UserError(f"--engine spark needs the 'scale' extra (pyspark): {exc}") from None
    from .shards import read_shards
    from .spark_engine import run_spark

    spark = _spark_session(f"local[{workers}]")
    stack.callback(spark.stop)
    for n, chunk in enumerate(_batches(articles, batch)):
        files = run_spark(chunk, settings, out / f"batch-{n:05d}", spark=spark,
                          partitions=max(workers, -(-len(chunk) // _partition_size(batch, workers))))
        yield from read_shards(files)


def _spark_session(master: str):
    import os
    import sys

    from pyspark.sql import SparkSession

    from .local import SINGLE_THREAD_ENV

    # executors must run the same interpreter (and so the same khabar) as the driver
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    for var in SINGLE_THREAD_ENV:  # one BLAS thread per Python worker, as in the local pool
        os.environ.setdefault(var, "1")
    return (SparkSession.builder.master(master).appName("khabar")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .getOrCreate())


def _partition_size(batch: int, workers: int) -> int:
    # enough partitions per worker to balance uneven article lengths, few enough that per-task
    # overhead (scheduling, one Parquet file each) stays small
    return max(8, min(64, batch // (workers * 4)))


__all__ = ["ENGINES", "check_engine", "run_engine", "shard_filter"]
