"""Throughput: bare spaCy ``nlp.pipe`` vs khabar ``process`` vs extract + store, side by side.

    .venv/bin/python benchmarks/throughput.py            # 500 articles from examples/
    .venv/bin/python benchmarks/throughput.py --n 2000 --json

Same as ``khabar bench``. Prints articles/s, words/s, the ratios to nlp.pipe, peak RSS per stage
and the store's share of extract time (target ≤ 10%).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from khabar.bench import as_json, format_report, run_benchmark

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", default=[str(ROOT / "examples")])
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = run_benchmark(args.sources, n=args.n, model=args.model)
    print(json.dumps(as_json(figures), indent=2) if args.json else format_report(figures))


if __name__ == "__main__":
    main()
