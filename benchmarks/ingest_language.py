"""False rejections of the ingest language check on real English news (../shared/eval).

    .venv/bin/python benchmarks/ingest_language.py

Runs `khabar.ingest.language.language_problem` (defaults: accepted ("en",), 60 characters
minimum) over every article text of PolNeAR (train+dev), LGL and GeoWebNews, and prints how many
English articles it would reject. Skips cleanly when the evaluation data is absent.
"""

from __future__ import annotations

import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from khabar.ingest.language import language_problem  # noqa: E402

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def corpora() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    polnear = sorted((EVAL / "polnear").glob("*/text/*.txt"))
    if polnear:
        out["PolNeAR"] = [p.read_text(encoding="utf-8", errors="replace") for p in polnear]
    for name in ("LGL", "GWN"):
        path = EVAL / "geo" / f"{name}.xml"
        if path.exists():
            out[name] = [a.findtext("text") or "" for a in ET.parse(path).getroot().iter("article")]
    return out


def main() -> None:
    sets = corpora()
    if not sets:
        print(f"evaluation data not found under {EVAL}; nothing to measure")
        return
    for name, texts in sets.items():
        t0 = time.perf_counter()
        rejected = [(p, t[:80]) for t in texts for _, p in [language_problem(t, ("en",), 60)] if p]
        took = time.perf_counter() - t0
        short = sum(len(t) < 60 for t in texts)
        print(f"{name:8s} {len(texts):4d} English articles: {len(rejected)} rejected, {short} too short to judge, "
              f"{took / max(len(texts), 1) * 1000:.2f} ms/article")
        for reason, head in rejected[:5]:
            print(f"    {reason}: {head!r}")


if __name__ == "__main__":
    main()
