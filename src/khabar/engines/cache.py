"""One pipeline per worker process, built on first use and reused for every later partition.

Dask workers and Spark executors run many tasks in one long-lived Python process; loading the
spaCy model per task would dominate the run. This cache is keyed by the (frozen) Settings.
"""

from __future__ import annotations

import threading

from ..pipeline import Pipeline
from ..settings import Settings

_pipelines: dict[Settings, Pipeline] = {}
_lock = threading.Lock()
loads = 0  # pipelines built in this process (tests check: one per worker for a whole run)


def worker_pipeline(settings: Settings) -> Pipeline:
    global loads
    # a lock, not just a cache: a worker with several threads (an existing Dask cluster started
    # with --nthreads 4) would otherwise load the model once per thread on its first tasks
    with _lock:
        pipeline = _pipelines.get(settings)
        if pipeline is None:
            if len(_pipelines) >= 2:  # a long-lived worker serving runs with other settings
                _pipelines.pop(next(iter(_pipelines)))
            pipeline = _pipelines[settings] = Pipeline.load(settings=settings)
            loads += 1
        return pipeline
