"""Throughput benchmark (``khabar bench``, benchmarks/throughput.py).

Three stages over the same articles, side by side: bare ``nlp.pipe`` of the same spaCy model
(the baseline: parsing only), ``process`` (parse + every extractor), and extract + store into a
fresh SQLite file. For the store stage the time spent in ``Store.write`` is measured on its own,
so the store overhead is reported as a share of extract time (target: ≤ 10%).
"""

from __future__ import annotations

import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from .records import Article

DEFAULT_EXCLUDE = ("kb-*.yaml", "*.md5", "README*")


@dataclass
class Stage:
    name: str
    articles: int = 0
    words: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # process CPU time: robust to other load on the machine
    peak_rss_mb: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


class PeakRSS:
    """Samples this process's resident memory in a thread; ``peak`` is the stage's maximum."""

    def __init__(self, interval: float = 0.02):
        self.interval, self.peak = interval, 0
        self._proc = psutil.Process()
        self._stop = threading.Event()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._proc.memory_info().rss)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self.peak = self._proc.memory_info().rss
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._proc.memory_info().rss)


def bench_articles(sources: Iterable[str], n: int, exclude: tuple[str, ...] = DEFAULT_EXCLUDE) -> list[Article]:
    """At least ``n`` articles: the sources' articles repeated, each copy varied by one leading
    line so that every copy has its own id (the store would otherwise skip it)."""
    from .ingest import ReadOptions, make_article, read_sources

    base = [a for a in read_sources(list(sources), ReadOptions(exclude=exclude))
            if isinstance(a, Article)]
    if not base:
        from .errors import UserError

        raise UserError(f"no readable articles in {', '.join(map(str, sources))}")
    out: list[Article] = []
    copy = 0
    while len(out) < n:
        for a in base:
            text = a.text if copy == 0 else f"Dispatch {copy}.\n\n{a.text}"
            out.append(make_article(text, title=a.title, url=None, source=a.source,
                                    published=a.published, origin=f"{a.origin}#copy{copy}"))
            if len(out) == n:
                break
        copy += 1
    return out


def _words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def run_benchmark(
    sources: Iterable[str],
    n: int = 500,
    model: str | None = None,
    db: str | Path | None = None,
    batch_size: int | None = None,
    say: Callable[[str], None] = lambda msg: print(msg, file=sys.stderr),
    pipeline=None,
) -> dict:
    """Run the three stages; returns the figures (see `format_report`). ``pipeline``: an already
    loaded khabar pipeline to reuse (its model must be the one ``model`` names)."""
    from .nlp import load_spacy
    from .pipeline import Pipeline, process
    from .settings import Settings
    from .store import open_store

    articles = bench_articles(sources, n)
    words = _words(articles)
    texts = [a.text for a in articles]
    settings = Settings(model=model)
    batch = batch_size or settings.batch_size
    warm = texts[:8]

    say("loading the bare spaCy model")
    nlp, resolved = load_spacy(model)
    list(nlp.pipe(warm, batch_size=batch))
    say(f"stage 1/3: nlp.pipe on {len(texts)} articles")
    bare = Stage(f"nlp.pipe ({resolved.name})", len(texts), words)
    with PeakRSS() as rss:
        t0, c0 = time.perf_counter(), time.process_time()
        for _doc in nlp.pipe(texts, batch_size=batch):
            pass
        bare.seconds, bare.cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
    bare.peak_rss_mb = rss.peak / 1e6
    del nlp

    say("loading the khabar pipeline")
    pipeline = pipeline or Pipeline.load(settings=settings)
    list(process(articles[:8], pipeline, batch_size=batch))
    say(f"stage 2/3: process (extract only) on {len(articles)} articles")
    extract = Stage("process (extract only)", len(articles), words)
    with PeakRSS() as rss:
        t0, c0 = time.perf_counter(), time.process_time()
        n_events = sum(len(r.events) for r in process(articles, pipeline, batch_size=batch))
        extract.seconds, extract.cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
    extract.peak_rss_mb = rss.peak / 1e6
    extract.extra["events"] = n_events

    say(f"stage 3/3: extract + store on {len(articles)} articles")
    with tempfile.TemporaryDirectory(prefix="khabar-bench-") as tmp:
        target = db or Path(tmp) / "bench.db"
        both = Stage("extract + store (SQLite)", len(articles), words)
        write_s = write_cpu = 0.0
        with open_store(target) as store, PeakRSS() as rss:
            t0, c0 = time.perf_counter(), time.process_time()
            for record in process(articles, pipeline, batch_size=batch):
                w0, wc0 = time.perf_counter(), time.process_time()
                store.write(record)
                write_s += time.perf_counter() - w0
                write_cpu += time.process_time() - wc0
            both.seconds, both.cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
        both.peak_rss_mb = rss.peak / 1e6
        both.extra["write_seconds"] = write_s
        both.extra["write_cpu_seconds"] = write_cpu

    return {
        "articles": len(articles),
        "words": words,
        "model": resolved.name,
        "pipeline": pipeline.version,
        "batch_size": batch,
        "stages": [bare, extract, both],
        "store_write_seconds": write_s,
        "store_write_cpu_seconds": write_cpu,
        "store_cpu_overhead": write_cpu / (both.cpu_seconds - write_cpu) if both.cpu_seconds > write_cpu else 0.0,
        # the store's own time against the extract time of the same stage
        "store_overhead": write_s / (both.seconds - write_s) if both.seconds > write_s else 0.0,
        # and the wall-clock difference between the two stages (includes run-to-run noise)
        "store_wall_overhead": (both.seconds - extract.seconds) / extract.seconds if extract.seconds else 0.0,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3,
    }


def format_report(figures: dict) -> str:
    stages: list[Stage] = figures["stages"]
    base = stages[0]
    lines = [
        f"{figures['articles']} articles, {figures['words']} words; model {figures['model']}; "
        f"batch {figures['batch_size']}; pipeline {figures['pipeline']}",
        "",
        f"{'stage':<32} {'seconds':>8} {'articles/s':>11} {'words/s':>9} {'time vs nlp.pipe':>17} "
        f"{'CPU s':>7} {'CPU vs nlp.pipe':>16} {'peak RSS MB':>12}",
    ]
    for s in stages:
        ratio = s.seconds / base.seconds if base.seconds else 0.0
        cpu_ratio = s.cpu_seconds / base.cpu_seconds if base.cpu_seconds else 0.0
        lines.append(
            f"{s.name:<32} {s.seconds:>8.2f} {s.articles_per_s:>11.1f} {s.words_per_s:>9.0f} "
            f"{ratio:>16.2f}x {s.cpu_seconds:>7.2f} {cpu_ratio:>15.2f}x {s.peak_rss_mb:>12.0f}"
        )
    write_s = figures["store_write_seconds"]
    per_article_ms = 1000 * write_s / figures["articles"]
    lines += [
        "",
        f"store: {write_s:.2f} s in Store.write ({per_article_ms:.2f} ms/article) = "
        f"{100 * figures['store_overhead']:.1f}% of extract time (target ≤ 10%); "
        f"wall-clock difference stage 3 vs 2: {100 * figures['store_wall_overhead']:+.1f}%",
        f"store CPU: {figures['store_write_cpu_seconds']:.2f} s = "
        f"{100 * figures['store_cpu_overhead']:.1f}% of extract CPU time",
    ]
    return "\n".join(lines)


def as_json(figures: dict) -> dict:
    out = dict(figures)
    out["stages"] = [
        {"name": s.name, "articles": s.articles, "words": s.words, "seconds": round(s.seconds, 3),
         "cpu_seconds": round(s.cpu_seconds, 3),
         "articles_per_s": round(s.articles_per_s, 2), "words_per_s": round(s.words_per_s, 1),
         "peak_rss_mb": round(s.peak_rss_mb, 1), **s.extra}
        for s in figures["stages"]
    ]
    return out
