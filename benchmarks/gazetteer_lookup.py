"""Gazetteer lookup latency: `Gazetteer.lookup(name)` over many real place names.

    .venv/bin/python benchmarks/gazetteer_lookup.py [--repeat 5]

Names: a team-written list of common and ambiguous names, plus every distinct toponym string
of ../shared/eval/geo (when present). Each lookup goes to SQLite (no cache in `lookup`); the
figure is per call, in microseconds. Target: <= 100 us. Also prints the build figures kept in
the gazetteer's meta table (phases, counts) and its size on disk.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.geo.lookup import Gazetteer  # noqa: E402
from khabar.settings import Settings  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "geo"
NAMES = [
    "Springfield", "Washington", "Paris", "London", "Georgia", "Jordan", "Split", "Nice",
    "Kherson", "Beni", "Baghdad", "Mosul", "Aleppo", "Gaza Strip", "West Bank", "Donbas",
    "Sahel", "Middle East", "Nairobi", "Lagos", "Kano", "Maiduguri", "Mogadishu", "Kabul",
    "Kandahar", "Karachi", "Lahore", "Dhaka", "Yangon", "Manila", "Jakarta", "Beijing",
    "Moscow", "Kyiv", "Kharkiv", "Odesa", "Minsk", "Tbilisi", "Yerevan", "Baku", "Tehran",
    "Riyadh", "Sanaa", "Aden", "Cairo", "Tripoli", "Tunis", "Algiers", "Bamako", "Niamey",
    "Khartoum", "El Fasher", "Juba", "Addis Ababa", "Goma", "Kinshasa", "Bogota", "Caracas",
    "Mexico City", "Richmond", "Columbus", "Athens", "Alexandria", "Portland", "U.S.", "UK",
    "Ill.", "St. Louis", "São Paulo", "Côte d'Ivoire", "Xyzzyville", "Henry County",
]


def names() -> list[str]:
    out = list(NAMES)
    for f in ("GWN.xml", "LGL.xml"):
        path = EVAL / f
        if path.exists():
            root = ET.parse(path).getroot()
            for art in root.findall("article"):
                text = art.findtext("text") or ""
                for t in art.iter("toponym"):
                    out.append(text[int(t.findtext("start")):int(t.findtext("end"))])
    return list(dict.fromkeys(n for n in out if n.strip()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    path = Settings().gazetteer_path()
    gaz = Gazetteer(path)
    todo = names()
    for n in todo[:200]:  # warm the page cache: steady state, as in a long run
        gaz.lookup(n)
    per_call = []
    for _ in range(args.repeat):
        for n in todo:
            t = time.perf_counter()
            gaz.lookup(n)
            per_call.append((time.perf_counter() - t) * 1e6)
    per_call.sort()
    q = statistics.quantiles(per_call, n=100)
    found = sum(bool(gaz.lookup(n)) for n in todo)
    print(f"lookup: {len(todo)} distinct names ({found} found) x {args.repeat}: "
          f"mean {statistics.fmean(per_call):.1f} us, p50 {q[49]:.1f} us, p95 {q[94]:.1f} us, "
          f"p99 {q[98]:.1f} us, max {per_call[-1]:.0f} us")
    meta = gaz.meta()
    print(f"gazetteer: {path} {path.stat().st_size / 1e6:.0f} MB; built {meta.get('built')}; "
          f"counts {json.dumps({k[6:]: int(v) for k, v in meta.items() if k.startswith('count_')})}; "
          f"build phases (s) {meta.get('phases')}")


if __name__ == "__main__":
    main()
