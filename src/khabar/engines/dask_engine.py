"""Dask engine: partitions of articles mapped through `process` on a Dask cluster.

``scheduler`` is the address of an existing cluster (``tcp://host:8786``: Slurm via dask-jobqueue,
Kubernetes via dask-kubernetes); without it a `LocalCluster` of ``workers`` single-threaded
processes is started. Each worker loads the pipeline once (`khabar.engines.cache`), not per article
or per partition.

Partitions are small (16 articles) and stream through a bounded window of futures, as the local
pool's chunks do: the first records reach the store seconds after the models are loaded, the
driver's store writes overlap the workers' compute, and the driver never holds more than the
window. A partition returns its records as contract JSON (serialized once, on the worker; cheaper
for the driver to read than pickled models) and, with a shards folder, also writes them as a
Parquet shard there (a path every worker can reach: a shared filesystem on a real cluster).
"""

from __future__ import annotations

import contextlib
import os
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..records import Article, ArticleRecord
from ..settings import Settings
from .cache import worker_pipeline
from .shards import docs_to_table, write_table

PARTITION = 16  # articles per task: ≈ 0.7 CPU s of work, so Dask's per-task cost stays < 1%

# Dask's defaults, changed for the LocalCluster we start ourselves (an existing cluster keeps its
# own configuration; docs/scaling.md says what to set there):
# - MALLOC_TRIM_THRESHOLD_=65536 (set by the nanny so workers hand memory back to the OS) turns
#   off glibc's adaptive mmap threshold; spaCy's many short-lived buffers are then mapped and
#   unmapped on every document: 0.049 against 0.041 CPU s per article for `process` in one process.
#   Unset, workers allocate as the local pool's do.
# - the statistical profiler samples every worker thread each 10 ms for a dashboard we don't start;
# - event-loop health ticks (every 20 ms), system monitors (every 0.5 s) and the nannies' memory
#   checks (every 0.1 s) wake every worker's, the scheduler's and the nannies' event loops all run
#   long: 0.0017 CPU s per article in each worker's event-loop thread and a few CPU seconds a minute
#   in the driver, which on a 2-core machine are taken from the workers. Slower ticks are plenty
#   for workers whose memory stays flat (one model, 16 articles at a time).
LOCAL_CLUSTER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def _process_partition(articles: list[Article], settings: Settings, shard: str | None) -> list[str]:
    from ..pipeline import process

    records = list(process(articles, worker_pipeline(settings)))
    docs = [r.to_json() for r in records]
    if shard:  # the same JSON documents, not a second serialization of the records
        write_table(docs_to_table([r.article.id for r in records], docs), shard)
    return docs


@contextlib.contextmanager
def dask_client(workers: int = 2, scheduler: str | None = None) -> Iterator:
    """A Client of the cluster at ``scheduler``, or of a new LocalCluster of ``workers`` processes."""
    import dask
    from dask.distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    # a nanny started earlier in this process (any LocalCluster with Dask's defaults) left
    # MALLOC_TRIM_THRESHOLD_ in os.environ, and spawned workers would inherit it from there
    trim = os.environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    try:
        with dask.config.set(LOCAL_CLUSTER_CONFIG):  # read when the nannies are made, sent to workers
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=40)
    finally:
        if trim is not None:
            os.environ["MALLOC_TRIM_THRESHOLD_"] = trim
    # client closed before its cluster: no heartbeat into a closed scheduler at the end
    with cluster, Client(cluster) as client:
        yield client


def _window(client) -> int:
    # four tasks in flight per worker thread, as the local pool keeps four chunks per worker:
    # no worker waits for its next task while the driver is busy writing the store
    threads = sum(w.get("nthreads", 1) for w in client.scheduler_info().get("workers", {}).values())
    return 4 * max(threads, 1)


def map_dask(
    articles: Iterable[Article],
    settings: Settings,
    client,
    shards: Path | None = None,
    partition_size: int = PARTITION,
) -> Iterator[ArticleRecord]:
    """Yield one record per article, in input order, computed on the cluster of ``client``.

    ``shards``: also write one Parquet shard per partition there (``part-00000.parquet``, …).
    """
    for docs in _partition_docs(articles, settings, client, shards, partition_size):
        for doc in docs:
            yield ArticleRecord.model_validate_json(doc)


def _partition_docs(articles, settings, client, shards: Path | None, partition_size: int) -> Iterator[list[str]]:
    """Each partition's JSON records, in input order, from a bounded window of futures."""
    if shards is not None:
        shards.mkdir(parents=True, exist_ok=True)
    window = _window(client)
    pending: deque = deque()
    it = iter(articles)
    index = 0
    while True:
        while len(pending) < window and (chunk := _take(it, partition_size)):
            shard = str(shards / f"part-{index:05d}.parquet") if shards is not None else None
            pending.append(client.submit(_process_partition, chunk, settings, shard, pure=False))
            index += 1
        if not pending:
            return
        future = pending.popleft()
        docs = future.result()
        future.release()  # the worker may drop the result now
        yield docs


def _take(it: Iterator[Article], n: int) -> list[Article]:
    out: list[Article] = []
    for item in it:
        out.append(item)
        if len(out) == n:
            break
    return out
