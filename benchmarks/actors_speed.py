"""Actors stage speed on a very long article: no quadratic blow-up in recognition or coref.

    .venv/bin/python benchmarks/actors_speed.py              # a 20,000-word article
    .venv/bin/python benchmarks/actors_speed.py --words 40000

The article is built from the team-written dev set (tests/data/actors_dev), repeated with the
names varied per copy so mentions, clusters and pronouns grow with the length, as in a long
report. spaCy parsing is timed apart from khabar's actors stage (recognition + coref) and the
relations stage. Target: actors stage ≤ 2 s on 20k words.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "actors_dev"


def long_article(words: int) -> str:
    texts = [yaml.safe_load(p.read_text(encoding="utf-8"))["text"] for p in sorted(DEV.glob("*.yaml"))]
    parts, count, copy = [], 0, 0
    while count < words:
        for text in texts:
            # vary surnames per copy so the article holds many distinct people, not 22 repeated
            body = text.replace("Ruto", f"Ruto{copy}").replace("Haniyeh", f"Haniyeh{copy}")
            parts.append(body)
            count += len(body.split())
            if count >= words:
                break
        copy += 1
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=20000)
    args = parser.parse_args(argv)

    from khabar.extract.base import Context
    from khabar.ingest import make_article
    from khabar.pipeline import Pipeline
    from khabar.settings import Settings

    pipeline = Pipeline.load(settings=Settings(extractors=("actors", "relations")))
    text = long_article(args.words)
    article = make_article(text)
    t0 = time.perf_counter()
    doc = pipeline.nlp(text)
    t1 = time.perf_counter()
    actors_stage, relations_stage = pipeline.extractors
    ctx = Context(article=article, doc=doc)
    ctx.actors = actors_stage.extract(ctx)
    ctx.index_actors()
    t2 = time.perf_counter()
    ctx.relations = relations_stage.extract(ctx)
    t3 = time.perf_counter()
    mentions = sum(len(a.mentions) for a in ctx.actors)
    print(f"{len(text.split())} words, {len(doc)} tokens: {len(ctx.actors)} actors, "
          f"{mentions} mentions, {len(ctx.relations)} relations")
    print(f"  spaCy parse      {t1 - t0:6.2f} s")
    print(f"  actors + coref   {t2 - t1:6.2f} s   (target <= 2 s for 20k words)")
    print(f"  relations        {t3 - t2:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
