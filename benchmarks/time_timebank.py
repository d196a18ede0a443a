"""Times on TimeBank (TempEval-3 TBAQ-cleaned): span F1 and TIMEX3 value F1 against each DCT.

    .venv/bin/python benchmarks/time_timebank.py [--split all|dev|test] [--errors N] [--json FILE]

Reads ../shared/eval/time/TimeBank/*.tml. For each document the ``<TEXT>`` element, stripped of
its tags, is the article text and the DCT's value (its date part) is the publication date; the
gold TIMEX3 elements inside ``<TEXT>`` are the answers. The pipeline runs with only the times
stage (``Settings(extractors=("times",))``). Scoring (../shared/eval/README.md):

* overlap span match: a prediction and a gold expression whose character ranges overlap,
  paired one to one (each gold and each prediction used at most once, in text order);
* strict span match: identical offsets;
* value: an overlap pair whose TIMEX3 value is exactly the gold value;
* precision = matches / predictions, recall = matches / gold, F1 their harmonic mean;
* type accuracy over overlap pairs.

Development split: the documents in sorted file-name order, even positions = ``dev`` (the half
looked at while writing rules), odd positions = ``test`` (held out); all figures are printed for
both halves and the whole. The baseline row is spaCy's own DATE/TIME entities (spans only);
``--with-spacy-leftovers`` adds a row for khabar plus the entities its rules missed, valued by
dateparser (the experiment behind not using either for recognition).
Reference point: HeidelTime, value F1 ~0.73 (AQUAINT, same simplified scorer).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEBANK = ROOT.parent / "shared" / "eval" / "time" / "TimeBank"
HEIDELTIME_VALUE_F1 = 0.73

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Timex:
    start: int
    end: int
    type: str | None
    value: str | None
    text: str


@dataclass
class Document:
    name: str
    dct: str | None
    text: str
    gold: list[Timex]


def parse_tml(path: Path) -> Document:
    raw = path.read_text(encoding="utf-8", errors="replace")
    dct_match = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    dct = dict(_ATTR.findall(dct_match.group(1))).get("value") if dct_match else None
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S).group(1)
    out: list[str] = []
    length = 0
    gold: list[Timex] = []
    open_timex: tuple[int, dict] | None = None
    pos = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[pos:tag.start()])
        out.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, name, attrs = tag.groups()
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif open_timex is not None:
            start, a = open_timex
            gold.append(Timex(start, length, a.get("type"), a.get("value"), ""))
            open_timex = None
    out.append(html.unescape(body[pos:]))
    text = "".join(out)
    for g in gold:
        g.text = text[g.start:g.end]
    return Document(path.stem, dct[:10] if dct else None, text, gold)


def pair(gold: list[Timex], pred: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping spans, greedily in text order (largest overlap first)."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                candidates.append((-overlap, g.start, gi, pi))
    used_g, used_p, pairs = set(), set(), []
    for _, _, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], pred[pi]))
    return pairs


def prf(correct: int, n_pred: int, n_gold: int) -> dict:
    p = correct / n_pred if n_pred else 0.0
    r = correct / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}


def score(results: list[tuple[Document, list[Timex]]]) -> dict:
    n_gold = n_pred = overlap = strict = value = typed = 0
    for doc, pred in results:
        n_gold += len(doc.gold)
        n_pred += len(pred)
        pairs = pair(doc.gold, pred)
        overlap += len(pairs)
        value += sum(1 for g, p in pairs if p.value is not None and p.value == g.value)
        typed += sum(1 for g, p in pairs if p.type == g.type)
        spans = {(p.start, p.end) for p in pred}
        strict += sum(1 for g in doc.gold if (g.start, g.end) in spans)
    return {
        "documents": len(results), "gold": n_gold, "predicted": n_pred,
        "span_overlap": prf(overlap, n_pred, n_gold),
        "span_strict": prf(strict, n_pred, n_gold),
        "value": prf(value, n_pred, n_gold),
        "type_accuracy": round(typed / overlap, 3) if overlap else 0.0,
    }


def run_khabar(docs: list[Document]) -> tuple[list[tuple[Document, list[Timex]]], list, dict]:
    """khabar's times on every document; also the seconds spent parsing and extracting."""
    from khabar.pipeline import Pipeline
    from khabar.records import Article
    from khabar.settings import Settings

    pipeline = Pipeline.load(settings=Settings(extractors=("times",)))
    # Article built directly (not make_article) so the text, and so the gold offsets, stay as is
    articles = [Article(id=d.name, text=d.text, published=d.dct) for d in docs]
    started = time.perf_counter()
    parsed = list(pipeline.nlp.pipe((a.text for a in articles), batch_size=16))
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    results = []
    for doc, article, parsed_doc in zip(docs, articles, parsed, strict=True):
        record = pipeline.extract(article, parsed_doc)
        results.append((doc, [Timex(t.start, t.end, t.type, t.value, t.text) for t in record.times]))
    timing = {"spacy_parse": round(parse_seconds, 2), "times_stage": round(time.perf_counter() - started, 2)}
    return results, parsed, timing


def spacy_baseline(docs: list[Document], parsed: list) -> list[tuple[Document, list[Timex]]]:
    return [
        (d, [Timex(e.start_char, e.end_char, e.label_, None, e.text) for e in p.ents if e.label_ in ("DATE", "TIME")])
        for d, p in zip(docs, parsed, strict=True)
    ]


def with_spacy_leftovers(results, parsed) -> list[tuple[Document, list[Timex]]]:
    """Experiment: khabar's times plus spaCy DATE/TIME entities that overlap none of them, valued
    with dateparser against the DCT (granularity from what the text names). Answers whether the
    entities and dateparser add anything the rules miss."""
    import dateparser

    out = []
    for (doc, pred), parsed_doc in zip(results, parsed, strict=True):
        extra = []
        base = datetime.fromisoformat(doc.dct) if doc.dct else None
        for ent in parsed_doc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            if any(p.start < ent.end_char and ent.start_char < p.end for p in pred):
                continue
            value = None
            if base is not None:
                when = dateparser.parse(ent.text, languages=["en"],
                                        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
                if when is not None:
                    has_day = re.search(r"\b\d{1,2}\b|day|yesterday|today|tomorrow", ent.text, re.I)
                    has_month = re.search(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|month", ent.text, re.I)
                    value = when.strftime("%Y-%m-%d" if has_day else "%Y-%m" if has_month else "%Y")
            extra.append(Timex(ent.start_char, ent.end_char, ent.label_, value, ent.text))
        out.append((doc, sorted(pred + extra, key=lambda t: t.start)))
    return out


def show_errors(results: list[tuple[Document, list[Timex]]], limit: int) -> None:
    shown = 0
    for doc, pred in results:
        paired = pair(doc.gold, pred)
        for g, p in paired:
            if p.value != g.value and shown < limit:
                print(f"VALUE  {doc.name} dct={doc.dct} gold={g.text!r} {g.type} {g.value} | "
                      f"ours={p.text!r} {p.type} {p.value}")
                shown += 1
        got_g = {id(g) for g, _ in paired}
        got_p = {id(p) for _, p in paired}
        for g in doc.gold:
            if id(g) not in got_g and shown < limit:
                ctx = doc.text[max(0, g.start - 40):g.end + 30].replace("\n", " ")
                print(f"MISSED {doc.name} {g.text!r} {g.type} {g.value} | …{ctx}…")
                shown += 1
        for p in pred:
            if id(p) not in got_p and shown < limit:
                ctx = doc.text[max(0, p.start - 40):p.end + 30].replace("\n", " ")
                print(f"EXTRA  {doc.name} {p.text!r} {p.type} {p.value} | …{ctx}…")
                shown += 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("all", "dev", "test"), default="all",
                    help="documents whose errors --errors shows (figures are always printed for all three)")
    ap.add_argument("--errors", type=int, default=0, help="print up to N errors of --split")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    ap.add_argument("--with-spacy-leftovers", action="store_true",
                    help="also score khabar + spaCy DATE/TIME entities the rules missed, valued by dateparser")
    args = ap.parse_args(argv)
    if not TIMEBANK.exists():
        print(f"TimeBank not found at {TIMEBANK}; nothing to measure.", file=sys.stderr)
        return 0
    # "._*" are macOS resource-fork leftovers in the distribution, not documents
    files = sorted(f for f in TIMEBANK.glob("*.tml") if not f.name.startswith("._"))
    docs = [parse_tml(f) for f in files]
    results, parsed, timing = run_khabar(docs)
    chars = sum(len(d.text) for d in docs)
    baseline = spacy_baseline(docs, parsed)
    halves = {"dev": set(f.stem for f in files[::2]), "test": set(f.stem for f in files[1::2])}

    def select(rows, split):
        return rows if split == "all" else [r for r in rows if r[0].name in halves[split]]

    figures = {"timing": timing, "characters": chars, "khabar": {}, "spacy_entities": {}}
    systems = [("khabar", results), ("spacy_entities", baseline)]
    if args.with_spacy_leftovers:
        systems.append(("khabar+leftovers", with_spacy_leftovers(results, parsed)))
        figures["khabar+leftovers"] = {}
    print(f"TimeBank: {len(docs)} documents, {chars:,} characters, {sum(len(d.gold) for d in docs)} gold "
          f"TIMEX3; spaCy parse {timing['spacy_parse']:.1f} s, times stage {timing['times_stage']:.1f} s "
          f"({1000 * timing['times_stage'] / len(docs):.0f} ms/document)")
    print(f"{'system':<18}{'split':<6}{'gold':>6}{'pred':>6}  {'span overlap P/R/F1':<21}"
          f"{'span strict P/R/F1':<21}{'value P/R/F1':<21}{'type acc':>8}")
    for system, rows in systems:
        for split in ("dev", "test", "all"):
            s = score(select(rows, split))
            figures[system][split] = s

            def fmt(d):
                return f"{d['p']:.3f}/{d['r']:.3f}/{d['f1']:.3f}"

            value = fmt(s["value"]) if system != "spacy_entities" else "-"
            print(f"{system:<18}{split:<6}{s['gold']:>6}{s['predicted']:>6}  {fmt(s['span_overlap']):<21}"
                  f"{fmt(s['span_strict']):<21}{value:<21}{s['type_accuracy']:>8.3f}")
    print(f"reference: HeidelTime value F1 ~{HEIDELTIME_VALUE_F1} (AQUAINT); target value F1 >= 0.80")
    if args.errors:
        show_errors(select(results, args.split), args.errors)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
