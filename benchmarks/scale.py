"""Scaling: articles/s for the local engine (1 and 2 workers), Dask (2 workers) and Spark local[2].

    .venv/bin/python benchmarks/scale.py                      # 2,000 articles from examples/
    .venv/bin/python benchmarks/scale.py --n 400 --configs local1,local2
    .venv/bin/python benchmarks/scale.py --configs local2,dask2 --repeat 2   # interleaved rounds
    .venv/bin/python benchmarks/scale.py --json > scale.json

Every configuration runs in a fresh process, the whole path of ``khabar ingest --engine …`` minus reading files: the
engine starts (pool, cluster or Spark session), loads the pipeline in each worker, processes the
articles and the parent writes every record into a fresh SQLite store. Reported per configuration:
wall time, articles/s and its ratio to local 1 worker, start-up (time to the first record), the
CPU seconds the whole process tree spent per article (start-up included), the parent's share of CPU (reading results,
unpickling, store writes), peak memory of the process tree (sum of RSS: parent, workers, JVM) and
the load average over the run (other work on the machine slows every figure; CPU per article is
the figure least affected by it). Targets (issue 8): local 2 workers ≥ 1.7× one; Dask within 15%
of local at the same worker count.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = {  # name → (engine, workers)
    "local1": ("local", 1),
    "local2": ("local", 2),
    "dask2": ("dask", 2),
    "spark2": ("spark", 2),
}


class TreeSampler:
    """Peak summed RSS and total CPU time of this process and all its descendants."""

    def __init__(self, interval: float = 0.25):
        self.interval, self.peak, self._stop = interval, 0, threading.Event()
        self._me = psutil.Process()
        self._cpu: dict[int, float] = {}  # pid → last seen user+system CPU seconds
        self._start_cpu: dict[int, float] = {}

    def _procs(self):
        try:
            return [self._me, *self._me.children(recursive=True)]
        except psutil.Error:
            return [self._me]

    def _sample(self) -> None:
        rss = 0
        for p in self._procs():
            try:
                with p.oneshot():
                    rss += p.memory_info().rss
                    t = p.cpu_times()
                    # own time only: a reaped worker's time also shows up in its parent's
                    # children_* fields, and counting both doubled the pool's CPU per article
                    self._cpu[p.pid] = t.user + t.system
            except psutil.Error:
                continue
        self.peak = max(self.peak, rss)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> TreeSampler:
        self._sample()
        self._start_cpu = dict(self._cpu)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    @property
    def cpu_seconds(self) -> float:
        # processes that ended between samples lose their last interval: a small undercount
        return sum(v - self._start_cpu.get(pid, 0.0) for pid, v in self._cpu.items())

    @property
    def parent_cpu_seconds(self) -> float:
        pid = self._me.pid
        return self._cpu.get(pid, 0.0) - self._start_cpu.get(pid, 0.0)


def run_config(name: str, articles, settings) -> dict:
    from khabar.engines import run_engine
    from khabar.store import open_store

    engine, workers = CONFIGS[name]
    folder = Path(tempfile.mkdtemp(prefix=f"khabar-scale-{name}-"))
    load_before = os.getloadavg()[0]
    store_s = 0.0
    first = None
    n = 0
    try:
        with TreeSampler() as sampler, open_store(folder / "k.db") as store:
            start = time.perf_counter()
            for record in run_engine(articles, settings, engine, workers):
                if first is None:
                    first = time.perf_counter() - start
                t0 = time.perf_counter()
                store.write(record)
                store_s += time.perf_counter() - t0
                n += 1
            wall = time.perf_counter() - start
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert n == len(articles), f"{name}: {n} records for {len(articles)} articles"
    return {
        "config": name, "engine": engine, "workers": workers, "articles": n,
        "wall_s": round(wall, 2), "articles_per_s": round(n / wall, 3),
        "startup_s": round(first or 0.0, 2),
        "steady_articles_per_s": round((n - 1) / max(wall - (first or 0.0), 1e-9), 3),
        "cpu_s_per_article": round(sampler.cpu_seconds / n, 4),
        "parent_cpu_share": round(sampler.parent_cpu_seconds / max(sampler.cpu_seconds, 1e-9), 3),
        "store_write_ms_per_article": round(1000 * store_s / n, 2),
        "peak_rss_mb": round(sampler.peak / 2**20),
        "load_avg_before": round(load_before, 2), "load_avg_after": round(os.getloadavg()[0], 2),
    }


def format_table(rows: list[dict]) -> str:
    base = next((r for r in rows if r["config"] == "local1"), None)
    by = {r["config"]: r for r in rows}
    head = (f"{'config':8} {'art/s':>7} {'×1 wkr':>7} {'steady':>7} {'start s':>8} {'wall s':>8} "
            f"{'cpu s/art':>9} {'parent':>7} {'store ms':>8} {'peak MB':>8} {'load':>10}")
    lines = [head, "-" * len(head)]
    for r in rows:
        ratio = f"{r['articles_per_s'] / base['articles_per_s']:.2f}" if base else "-"
        lines.append(
            f"{r['config']:8} {r['articles_per_s']:7.2f} {ratio:>7} {r['steady_articles_per_s']:7.2f} "
            f"{r['startup_s']:8.1f} {r['wall_s']:8.1f} {r['cpu_s_per_article']:9.3f} "
            f"{r['parent_cpu_share']:7.1%} {r['store_write_ms_per_article']:8.2f} {r['peak_rss_mb']:8d} "
            f"{r['load_avg_before']:4.1f}→{r['load_avg_after']:<4.1f}")
    if base and "local2" in by:
        lines.append(f"target local2 ≥ 1.7× local1: {by['local2']['articles_per_s'] / base['articles_per_s']:.2f}×")
    if "local2" in by and "dask2" in by:
        # with --repeat, round i's Dask run is compared with round i's local run (same time window,
        # so about the same load); CPU per article is the figure the load moves least
        local2 = [r for r in rows if r["config"] == "local2"]
        dask2 = [r for r in rows if r["config"] == "dask2"]
        for i, (lo, da) in enumerate(zip(local2, dask2, strict=False)):
            gap = da["articles_per_s"] / lo["articles_per_s"] - 1
            cpu = da["cpu_s_per_article"] / lo["cpu_s_per_article"] - 1
            lines.append(f"target Dask within 15% of local (2 workers), round {i + 1}: Dask {abs(gap):.1%} "
                         f"{'faster' if gap >= 0 else 'slower'}, {cpu:+.1%} CPU per article")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", default=[str(ROOT / "examples")])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--configs", default=",".join(CONFIGS),
                        help=f"comma-separated, from {', '.join(CONFIGS)}")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run the configurations this many rounds, interleaved (a,b,a,b): each "
                             "round's figures share a time window and so about the same load")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--in-process", action="store_true",
                        help="run every configuration in this process (default: one process each)")
    args = parser.parse_args()
    from khabar.bench import bench_articles
    from khabar.settings import Settings

    names = [c.strip() for c in args.configs.split(",") if c.strip()] * max(args.repeat, 1)
    unknown = [c for c in names if c not in CONFIGS]
    if unknown:
        parser.error(f"unknown configs {unknown}; choose from {', '.join(CONFIGS)}")
    if len(names) > 1 and not args.in_process:
        # one fresh process per configuration: no memory, JVM or pool left over from the last
        rows = []
        for name in names:
            out = subprocess.run([sys.executable, __file__, *args.sources, "--n", str(args.n),
                                  "--configs", name, "--json"], stdout=subprocess.PIPE, check=True,
                                 text=True)
            rows.extend(json.loads(out.stdout)["runs"])  # the child printed its row to stderr
        words = None
    else:
        articles = bench_articles(args.sources, args.n)
        words = sum(len(a.text.split()) for a in articles)
        print(f"{len(articles)} articles, {words} words, {psutil.cpu_count()} CPUs", file=sys.stderr)
        rows = []
        for name in names:
            rows.append(run_config(name, articles, Settings()))
            print(f"  {name}: {json.dumps(rows[-1])}", file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps({"articles": args.n, "words": words, "runs": rows}, indent=2))
    else:
        print(format_table(rows))


if __name__ == "__main__":
    main()
