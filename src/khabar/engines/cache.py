"""One pipeline per worker process, built on first use and reused for every later partition.

Dask workers and Spark executors run many tasks in one long-lived Python process; loading the
spaCy model per task would dominate the run. This cache is keyed by the (frozen) Settings.
"""

from __future__ import annotations

from functools import lru_cache

from ..pipeline import Pipeline
from ..settings import Settings


@lru_cache(maxsize=2)
def worker_pipeline(settings: Settings) -> Pipeline:
    return Pipeline.load(settings=settings)
