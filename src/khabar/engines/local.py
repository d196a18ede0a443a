"""Local engine: `process` in this process, or in N worker processes (``--workers N``).

Each worker loads the pipeline once (pool initializer) and processes chunks of articles; results
come back in input order, so a run with 2 workers writes the same store as a run with 1.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator

from ..pipeline import Pipeline, process
from ..records import Article, ArticleRecord
from ..settings import Settings

_worker_pipeline: Pipeline | None = None
SINGLE_THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _init_worker(settings: Settings) -> None:
    global _worker_pipeline  # one pipeline per worker process, by design of a process pool
    _worker_pipeline = Pipeline.load(settings=settings)


def _process_chunk(chunk: list[Article]) -> list[ArticleRecord]:
    return list(process(chunk, _worker_pipeline))


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def run_local(
    articles: Iterable[Article],
    settings: Settings,
    workers: int = 1,
    pipeline: Pipeline | None = None,
    chunk_size: int = 16,
) -> Iterator[ArticleRecord]:
    """Yield one record per article, in input order."""
    if workers <= 1:
        yield from process(articles, pipeline or Pipeline.load(settings=settings))
        return
    # one BLAS thread per worker: N workers already fill N cores, and OpenBLAS threads of two
    # workers fighting for the same cores doubled the CPU per article (benchmarks/scale.py).
    # Set before the pool (and its forkserver) starts, so every worker inherits it; Dask does
    # the same for its workers.
    for var in SINGLE_THREAD_ENV:
        os.environ.setdefault(var, "1")
    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    # A bounded window of chunks in flight (Pool.imap would read the whole input ahead, so memory
    # would grow with the corpus); results still come back in input order.
    window = workers * 4
    with ctx.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        pending: deque = deque()
        for chunk in _chunks(articles, chunk_size):
            pending.append(pool.apply_async(_process_chunk, (chunk,)))
            if len(pending) >= window:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
