"""PETRARCH compatibility: code the PETRARCH unit-test records (PETR.UnitTest.records.xml) with
khabar, using PETRARCH's own validation dictionaries imported into khabar formats.

    .venv/bin/python benchmarks/petrarch_unittest.py [--show-errors] [--extractors a,b,...]

Setup (as a user would do it): PETR.Validate.verbs.txt -> event patterns
(`khabar patterns import-petrarch`), PETR.Validate.actors.txt + .agents.txt -> actor KB
(`khabar kb import-petrarch`); khabar then codes each record's text with only those patterns
(the shipped CAMEO patterns are left out: the validation dictionary uses its own codes).

Scores:
  code        records whose expected event codes all appear among khabar's events
  code+dyad   ... and each expected (source, target, code) has a khabar event with that code
              whose source/target actor codes equal the expected ones ("---" = none)
  no-event    records that expect no event (noevents / discard / error records): share where
              khabar emits none
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.extract.events import EventCoder  # noqa: E402
from khabar.extract.modality import Cues  # noqa: E402
from khabar.ingest import make_article  # noqa: E402
from khabar.knowledge.cameo import default_codebook  # noqa: E402
from khabar.knowledge.cameo.patterns import load_patterns  # noqa: E402
from khabar.knowledge.cameo.petrarch_verbs import convert_verb_dictionary  # noqa: E402
from khabar.knowledge.petrarch import convert_files  # noqa: E402
from khabar.pipeline import Pipeline, process  # noqa: E402
from khabar.settings import Settings  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "petrarch"


def read_records(path: Path) -> list[dict]:
    """Sentence records with their expected codings. Read with regular expressions: the file
    mixes attribute quoting styles that an XML parser rejects."""
    text = path.read_text(encoding="utf-8", errors="replace")
    records = []
    for m in re.finditer(r"<Sentence\s([^>]*)>(.*?)</Sentence>", text, re.S):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        body = m.group(2)
        codings = []
        no_event = False
        for c in re.finditer(r"<EventCoding([^>]*)>", body):
            a = dict(re.findall(r"(\w+)\s*=\s*[\"']([^\"']*)[\"']", c.group(1)))
            if "eventcode" in a:
                codings.append((a.get("sourcecode", "---"), a.get("targetcode", "---"), a["eventcode"]))
            else:
                no_event = True
        t = re.search(r"<Text>(.*?)</Text>", body, re.S)
        if t is None:
            continue
        date = attrs.get("date", "")
        records.append({
            "id": attrs.get("id", "?"), "category": attrs.get("category", ""),
            "published": f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None,
            "text": " ".join(t.group(1).split()), "codings": codings, "no_event": no_event and not codings,
        })
    return records


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--extractors", default=None, help="comma-separated stages to run (default: all)")
    args = ap.parse_args()
    unit = EVAL / "PETR.UnitTest.records.xml"
    if not unit.exists():
        print(f"evaluation data not available: {unit}")
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="khabar-petr-"))
    verbs = convert_verb_dictionary(EVAL / "PETR.Validate.verbs.txt")
    (tmp / "verbs.yaml").write_text(verbs.to_yaml(), encoding="utf-8")
    kb = convert_files([EVAL / "PETR.Validate.actors.txt", EVAL / "PETR.Validate.agents.txt"])
    (tmp / "kb.yaml").write_text(kb.to_yaml(), encoding="utf-8")
    print(f"imported: {len(verbs.patterns)} patterns ({len(verbs.skipped)} dictionary lines skipped), "
          f"{len(kb.actors)} actors, {len(kb.roles)} agents ({len(kb.skipped)} skipped)")
    stages = tuple(args.extractors.split(",")) if args.extractors else Settings().extractors
    pipeline = Pipeline.load(settings=Settings(kb_paths=(tmp / "kb.yaml",), extractors=stages))
    events_stage = next(e for e in pipeline.extractors if e.name == "events")
    events_stage.coder = EventCoder(load_patterns([tmp / "verbs.yaml"], shipped=False), default_codebook(), Cues.load())
    records = read_records(unit)
    articles = [make_article(r["text"], published=r["published"]) for r in records]
    t0 = time.perf_counter()
    outputs = list(process(articles, pipeline))
    elapsed = time.perf_counter() - t0
    n_code = ok_code = ok_dyad = n_none = ok_none = n_events = 0
    by_cat: dict[str, list[int]] = {}
    for r, rec in zip(records, outputs, strict=True):
        codes = {e.cameo for e in rec.events}
        n_events += len(rec.events)
        if r["codings"]:
            n_code += 1
            hit = all(c in codes for _, _, c in r["codings"])
            actor_code = {a.id: (a.code or "---") for a in rec.actors}
            dyads = {(actor_code.get(e.source, "---") if e.source else "---",
                      actor_code.get(e.target, "---") if e.target else "---", e.cameo) for e in rec.events}
            dyad_hit = hit and all(c in dyads for c in r["codings"])
            ok_code += hit
            ok_dyad += dyad_hit
            cat = by_cat.setdefault(r["category"], [0, 0])
            cat[0] += 1
            cat[1] += hit
            if args.show_errors and not hit:
                print(f"- {r['id']}: expected {r['codings']} got {sorted(dyads)}\n    {r['text'][:150]}")
        elif r["no_event"]:
            n_none += 1
            ok_none += not rec.events
    print(f"PETRARCH unit tests: {len(records)} records, {elapsed:.1f}s")
    print(f"code:      {ok_code}/{n_code} = {ok_code / max(1, n_code):.3f}")
    print(f"code+dyad: {ok_dyad}/{n_code} = {ok_dyad / max(1, n_code):.3f}")
    print(f"no-event:  {ok_none}/{n_none} = {ok_none / max(1, n_none):.3f}")
    print(f"events per record: {n_events / max(1, len(records)):.2f}")
    print("by category (code): " + ", ".join(f"{k} {v[1]}/{v[0]}" for k, v in sorted(by_cat.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
