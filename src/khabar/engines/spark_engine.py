"""Spark engine: ``mapInArrow`` over a DataFrame of articles, one pipeline per executor process.

Runs on any Spark (local[N] in tests, a cluster or Databricks in production); writes Parquet shards
with the same layout as the Dask engine (`khabar.engines.shards`), which `khabar load` merges.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..records import Article
from ..settings import Settings

ARTICLE_COLUMNS = ("id", "title", "url", "source", "published", "language", "text", "origin")


def _map_batches(settings: Settings):
    def run(batches: Iterator) -> Iterator:
        import pyarrow as pa

        from ..pipeline import process
        from .cache import worker_pipeline
        from .shards import records_to_table

        pipeline = worker_pipeline(settings)
        for batch in batches:
            rows = pa.Table.from_batches([batch]).to_pylist()
            table = records_to_table(process((Article.model_validate(r) for r in rows), pipeline))
            yield from table.to_batches()

    return run


def run_spark(
    articles: Iterable[Article],
    settings: Settings,
    out_dir: str | Path,
    master: str = "local[2]",
    partitions: int | None = None,
    spark=None,
) -> list[Path]:
    """Process ``articles`` on Spark; returns the shard files written under ``out_dir``."""
    import pyarrow as pa
    from pyspark.sql import SparkSession

    out_dir = Path(out_dir)
    rows = [a.model_dump() for a in articles]
    if not rows:
        return []
    own_session = spark is None
    if own_session:
        # executors must run the same interpreter (and so the same khabar) as the driver
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        spark = (SparkSession.builder.master(master).appName("khabar")
                 .config("spark.ui.enabled", "false")
                 .config("spark.sql.execution.arrow.pyspark.enabled", "true")
                 .config("spark.driver.bindAddress", "127.0.0.1")
                 .config("spark.driver.host", "127.0.0.1")
                 .getOrCreate())
    try:
        table = pa.Table.from_pylist(rows, schema=pa.schema([(c, pa.string()) for c in ARTICLE_COLUMNS]))
        n = partitions or max(1, spark.sparkContext.defaultParallelism)
        df = spark.createDataFrame(table).repartition(n)
        out = df.mapInArrow(_map_batches(settings), "article_id string, record string")
        out.write.mode("overwrite").parquet(str(out_dir))
    finally:
        if own_session:
            spark.stop()
    return sorted(out_dir.glob("*.parquet"))
