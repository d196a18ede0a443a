"""Export throughput and memory on a database of ≥ 100,000 events.

    .venv/bin/python benchmarks/exports.py                  # build /tmp db from examples/, export all formats
    .venv/bin/python benchmarks/exports.py --events 200000 --db big.db

The database is built from real records: examples/ runs through the pipeline once, then its
records are stored again and again with new article ids and shifted dates until the event count
is reached. Every format is then exported twice, each time in a fresh process — from a tenth of
the events (--until) and from all of them — printing events/s and the process's peak RSS: memory
that stays flat between the two runs is what "streams" means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from khabar.export import export
from khabar.ingest import ReadOptions, read_sources
from khabar.pipeline import Pipeline, process
from khabar.records import Article
from khabar.store import open_store

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("jsonl", "csv", "parquet", "gdelt", "icews", "acled", "polecat", "geojson", "gexf")


def build(db: Path, events: int) -> tuple[int, str]:
    articles = [a for a in read_sources([str(ROOT / "examples")], ReadOptions(exclude=("kb-*.yaml",)))
                if isinstance(a, Article)]
    records = [r for r in process(articles, Pipeline.load()) if r.events]
    per_copy = sum(len(r.events) for r in records)
    copies = -(-events // per_copy)
    print(f"building {db}: {copies} copies of {len(records)} records ({per_copy} events each copy)",
          file=sys.stderr)
    base = dt.date(2015, 1, 1)
    t0 = time.perf_counter()
    with open_store(db) as store:
        for i in range(copies):
            day = (base + dt.timedelta(days=i)).isoformat()
            for r in records:
                copy = r.model_copy(deep=True)
                copy.article.id = hashlib.sha1(f"{i}:{r.article.id}".encode()).hexdigest()
                copy.article.published = day
                for e in copy.events:
                    e.date, e.date_precision = day, "day"
                store.write(copy)
    print(f"built in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return copies * per_copy, (base + dt.timedelta(days=copies // 10)).isoformat()


class Counter:
    """Counts the events an export has read (its progress ticks)."""

    def __init__(self) -> None:
        self.n = 0

    def add(self, k: int) -> None:
        self.n += k


def export_once(db: Path, fmt: str, until: str | None, out: Path) -> None:
    """One export in this (fresh) process; prints its figures as one line for the parent."""
    counter = Counter()
    with open_store(db) as store:
        t0 = time.perf_counter()
        rows = export(store, fmt, out, filters={"until": until}, tick=counter.add)
        seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    print(f"{counter.n} {rows} {seconds:.3f} {peak_mb:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None, help="reuse or build this database")
    parser.add_argument("--formats", nargs="*", default=list(FORMATS))
    parser.add_argument("--one", nargs=3, metavar=("FORMAT", "UNTIL", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        fmt, until, out = args.one
        export_once(args.db, fmt, None if until == "-" else until, Path(out))
        return
    with tempfile.TemporaryDirectory(prefix="khabar-export-bench-") as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if not db.exists():
            build(db, args.events)
        with open_store(db) as store:
            n_events = store.stats()["counts"]["events"]
            days = sorted(r["published_day"] for r in store.iter_rows("articles") if r["published_day"])
        tenth = days[len(days) // 10]
        print(f"{n_events} events in {db}; each export runs in a fresh process (peak RSS = its maximum)\n")
        print(f"{'format':<9} {'events':>8} {'rows out':>9} {'seconds':>8} {'events/s':>9} {'peak RSS MB':>12}")
        for fmt in args.formats:
            for label, until in (("1/10", tenth), ("all", "-")):
                out = Path(tmp) / f"out.{fmt}"
                proc = subprocess.run(
                    [sys.executable, __file__, "--db", str(db), "--one", fmt, until, str(out)],
                    capture_output=True, text=True, check=True)
                events, rows, seconds, peak = proc.stdout.split()
                print(f"{fmt:<9} {events:>8} {rows:>9} {float(seconds):>8.1f} "
                      f"{int(events) / float(seconds):>9.0f} {float(peak):>12.0f}   ({label})", flush=True)
                out.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
