"""Dask engine: a bag of articles mapped through `process` per partition, one shard per partition.

``scheduler`` is the address of an existing cluster (``tcp://host:8786``: Slurm via dask-jobqueue,
Kubernetes via dask-kubernetes); without it a `LocalCluster` with ``workers`` processes is started.
Each worker loads the pipeline once (`khabar.engines.cache`), not per article or per partition.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..records import Article
from ..settings import Settings
from .cache import worker_pipeline
from .shards import write_shard


def _process_partition(articles: list[dict], settings: Settings, out_dir: str, index: int) -> list[str]:
    from ..pipeline import process

    if not articles:
        return []
    records = process((Article.model_validate(a) for a in articles), worker_pipeline(settings))
    path = Path(out_dir) / f"part-{index:05d}.parquet"
    write_shard(records, path)
    return [str(path)]


def run_dask(
    articles: Iterable[Article],
    settings: Settings,
    out_dir: str | Path,
    workers: int = 2,
    scheduler: str | None = None,
    partition_size: int = 64,
) -> list[Path]:
    """Process ``articles`` on Dask; returns the shard files written under ``out_dir``."""
    import dask
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    payload = [a.model_dump() for a in articles]
    if not payload:
        return []
    nparts = max(1, -(-len(payload) // partition_size))
    if scheduler:
        client, cluster = Client(scheduler), None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        bag = db.from_sequence(payload, npartitions=nparts)
        parts = bag.to_delayed()
        tasks = [dask.delayed(_process_partition)(p, settings, str(out_dir), i) for i, p in enumerate(parts)]
        results = dask.compute(*tasks, scheduler=client.get)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return sorted(Path(p) for paths in results for p in paths)
