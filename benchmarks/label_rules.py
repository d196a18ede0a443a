"""The label-fixing rules (extract/actor_facilities.py, extract/actor_labels.py) measured one by
one on GUM, in one tree state: all rules on, all off, and each one off alone.

    .venv/bin/python benchmarks/label_rules.py                 # news and interview
    .venv/bin/python benchmarks/label_rules.py --genre news --only venue,acronym

Scores are those of benchmarks/coref_gum.py (overlap scoring): named-entity typing accuracy,
B³ F1 and MUC F1 per genre. The pipeline is loaded once; the rules are switched through the
components' ``rules`` attribute, so every row sees the same code and data.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import coref_gum  # noqa: E402

COMPONENTS = ("khabar_facility_names", "khabar_label_fixes")


def set_rules(nlp, on: set[str]) -> None:
    for name in COMPONENTS:
        pipe = nlp.get_pipe(name)
        pipe.rules = frozenset(on & set(type(pipe)().rules))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--genre", choices=("news", "interview", "all"), default="all")
    parser.add_argument("--only", default="", help="comma-separated rules to switch off one by one")
    args = parser.parse_args(argv)
    if not coref_gum.GUM.exists():
        print(f"skipped: {coref_gum.GUM} not available")
        return 0
    from khabar.pipeline import Pipeline
    from khabar.settings import Settings

    pipeline = Pipeline.load(settings=Settings(extractors=("actors", "places")))
    every = set()
    for name in COMPONENTS:
        every |= set(type(pipeline.nlp.get_pipe(name))().rules)
    off_one = [r for r in args.only.split(",") if r] or sorted(every)
    configs = [("all on", every), ("all off", set())] + [(f"{r} off", every - {r}) for r in off_one]
    genres = ("news", "interview") if args.genre == "all" else (args.genre,)
    print(f"{'rules':22}" + "".join(f" | {g:>9} typing   B3    MUC" for g in genres))
    for label, on in configs:
        set_rules(pipeline.nlp, on)
        cells = []
        for genre in genres:
            runs, _ = coref_gum.parse_all(sorted(coref_gum.GUM.glob(f"GUM_{genre}_*.conll")), pipeline)
            r = coref_gum.evaluate(runs)
            cells.append(f" | {'':9} {r['typing_accuracy']:.3f} {r['khabar_b3_f1']:.3f} "
                         f"{r['khabar_muc_f1']:.3f}")
        print(f"{label:22}" + "".join(cells), flush=True)
    set_rules(pipeline.nlp, every)
    return 0


if __name__ == "__main__":
    sys.exit(main())
