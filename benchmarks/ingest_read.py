"""Reader throughput: khabar.ingest.read_sources on many small files and on one 50 MB text.

    .venv/bin/python benchmarks/ingest_read.py [--files 1000]

Writes a temporary corpus of team-written snippets (txt, md, html, jsonl, rss, in equal parts),
reads it, and prints files/s, articles/s and peak RSS; then times the rejection of a 50 MB text
file (one bounded read of 4 * max_chars bytes, no full read) and the RSS growth it caused.
Baseline: a bare loop that only reads each file's bytes (Path.read_bytes), the floor for any reader.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from khabar.ingest import ReadOptions, read_sources  # noqa: E402
from khabar.records import Article  # noqa: E402

PARAGRAPHS = [
    "Police fired tear gas at several hundred protesters in the port city of Dalmar on Monday, "
    "witnesses said, after a rally against rising fuel prices turned violent.",
    "The foreign ministers of both countries met in Geneva on Thursday and agreed to reopen their "
    "embassies, a joint statement said, ending a two-year diplomatic freeze.",
    "Rebel fighters seized the northern town of Kessa after two days of heavy fighting, the army "
    "said on Sunday, and thousands of residents fled towards the border.",
]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_corpus(root: Path, n: int) -> None:
    for i in range(n):
        body = "\n\n".join(PARAGRAPHS[(i + k) % 3] + f" Report {i}-{k}." for k in range(4))
        kind = i % 5
        if kind == 0:
            (root / f"{i:05d}.txt").write_text(f"Dispatch {i}\n\n{body}\n")
        elif kind == 1:
            (root / f"{i:05d}.md").write_text(f"---\npublished: 2020-01-{i % 28 + 1:02d}\n---\n# Dispatch {i}\n\n{body}\n")
        elif kind == 2:
            paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
            (root / f"{i:05d}.html").write_text(
                f"<html><head><title>Dispatch {i} | Wire</title></head><body><nav>Home</nav>"
                f"<article><h1>Dispatch {i}</h1>{paras}</article><footer>(c) Wire</footer></body></html>"
            )
        elif kind == 3:
            (root / f"{i:05d}.jsonl").write_text(json.dumps({"text": body, "title": f"Dispatch {i}"}) + "\n")
        else:
            (root / f"{i:05d}.rss").write_text(
                f"<rss version='2.0'><channel><title>Wire</title><item><title>Dispatch {i}</title>"
                f"<link>https://example.org/{i}</link><description><![CDATA[{body}]]></description></item></channel></rss>"
            )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        root.mkdir()
        write_corpus(root, args.files)

        t0 = time.perf_counter()
        n_bytes = sum(len(p.read_bytes()) for p in sorted(root.iterdir()))
        bare = time.perf_counter() - t0

        list(read_sources([str(root / "00000.html"), str(root / "00000.txt")]))  # warm-up: imports, models
        rss_before = peak_rss_mb()
        t0 = time.perf_counter()
        items = list(read_sources([str(root)], ReadOptions()))
        took = time.perf_counter() - t0
        articles = sum(isinstance(i, Article) for i in items)
        print(f"files: {args.files} ({n_bytes / 1e6:.1f} MB); articles {articles}, rejects {len(items) - articles}")
        print(f"bare read_bytes loop : {bare:7.3f} s  {args.files / bare:9.0f} files/s")
        print(f"read_sources         : {took:7.3f} s  {args.files / took:9.0f} files/s  ({took / bare:.0f}x bare)")
        print(f"peak RSS             : {peak_rss_mb():.0f} MB (before the run: {rss_before:.0f} MB)")

        big = Path(tmp) / "huge.txt"
        line = (PARAGRAPHS[0] + "\n").encode()
        with open(big, "wb") as f:
            for _ in range(50 * 1024 * 1024 // len(line) + 1):
                f.write(line)
        rss_before = peak_rss_mb()
        t0 = time.perf_counter()
        [reject] = list(read_sources([str(big)]))
        took = time.perf_counter() - t0
        print(f"50 MB text           : {took:7.3f} s, peak RSS +{peak_rss_mb() - rss_before:.0f} MB -> {reject.reason}")


if __name__ == "__main__":
    main()
