"""Quotes on PolNeAR: recall, precision and speaker accuracy, end to end, beside textacy.

    .venv/bin/python benchmarks/quotes_polnear.py [--split dev|train] [--limit N] [--errors N]

Reads ../shared/eval/polnear/<split>/{text,attributions}; runs the real pipeline
(`Pipeline.load()` + `process`) on each article and compares its quotes with the gold brat
``Attribution`` events. Conventions (../shared/eval/README.md):

* a predicted quote matches a gold attribution when its content overlaps the gold Content by at
  least half of the shorter of the two; a discontinuous gold Content ("A," he said, "B.") counts
  as the union of its fragments;
* recall = gold attributions matched by at least one prediction / all gold attributions;
  precision = predictions matching at least one gold attribution / all predictions (a split quote
  that we return as two linked quotes may match one gold attribution twice: both are correct);
* speaker accuracy is over matched gold attributions that have a Source. *strict*: one of the
  predicted speaker actor's mentions overlaps the gold Source span. *lenient* (the README's "or
  its coreferent", which PolNeAR does not annotate): also correct when the gold Source and the
  prediction name the same person by a shared last name, or when an unresolved speaker's text
  has the same head word as the gold Source text ("he" / "he", "officials" / "Officials").
  The speaker is read from the matched prediction closest to the gold: most overlap, then
  fewest characters outside the gold Content (an outer report "X said Y believes Z" overlaps Z
  as much as the inner "Y believes Z" does). Before 2026-11-25 the first of equal overlaps was
  taken; that figure is still printed ("strict, first of equals");
* several annotators: every ``.ann`` file carries the annotator id as suffix
  (``<doc>_<annotator>.ann``); a document annotated by several people is scored against each of
  them and the counts averaged, so it weighs as much as a document with one annotator;
* gold kind: Content starting with a quotation mark is direct, containing one is mixed, else
  indirect. Recall is printed per kind.

Offsets: khabar normalizes whitespace (`make_article`), so gold offsets are mapped onto the
normalized text by an alignment that follows exactly those edits.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear"
TEXTACY = {"recall": 0.154, "precision": 0.975, "zero_docs": 0.26}
QUOTE_START = tuple("\"“‘'«„`")


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    source_text: str = ""
    content_text: str = ""
    cue_text: str = ""

    @property
    def kind(self) -> str:
        text = self.content_text.strip()
        if text.startswith(QUOTE_START):
            return "direct"
        return "mixed" if re.search(r"[\"“”]", text) else "indirect"


def parse_ann(path: Path) -> list[Gold]:
    spans: dict[str, tuple[list[tuple[int, int]], str]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            _, offsets = parts[1].split(" ", 1)
            frags = [tuple(int(x) for x in f.split()) for f in offsets.split(";")]
            spans[parts[0]] = (frags, parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    golds = []
    for event in events:
        content = spans.get(event.get("Content", ""))
        if content is None:
            continue
        source = spans.get(event.get("Source", ""), ([], ""))
        cue = spans.get(event.get("Cue", ""), ([], ""))
        golds.append(Gold(list(content[0]), list(source[0]), source[1], content[1], cue[1]))
    return golds


def alignment(raw: str, norm: str) -> list[int]:
    """Map every raw offset (0..len(raw)) to a normalized offset. Normalization only removes or
    rewrites whitespace (and a BOM), so a greedy walk keeps the two texts in step."""
    mapping = [0] * (len(raw) + 1)
    i = j = 0
    while i < len(raw):
        mapping[i] = j
        if j < len(norm) and raw[i] == norm[j]:
            i += 1
            j += 1
        elif raw[i].isspace() or raw[i] == "\ufeff":
            i += 1
        elif j < len(norm) and norm[j].isspace():
            j += 1
        else:  # a character changed by NFC: keep both in step
            i += 1
            j += 1
    mapping[len(raw)] = len(norm)
    return mapping


def overlap(a: tuple[int, int], frags: list[tuple[int, int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in frags)


def matches(pred: tuple[int, int], gold: list[tuple[int, int]]) -> bool:
    ov = overlap(pred, gold)
    shorter = min(pred[1] - pred[0], sum(e - s for s, e in gold))
    return ov > 0 and ov >= 0.5 * shorter


_STOP = {"the", "a", "an", "of", "and", "in", "on", "for", "to", "at", "by", "with", "from", "his",
         "her", "their", "its", "this", "that", "these", "those", "some", "many", "most", "all",
         "about", "more", "than", "new", "who", "which"}
_PRONOUNS = {"he", "she", "they", "i", "we", "you", "it", "him", "them", "his", "her"}
_RELATIVE = {"who", "which", "that", "whom", "whose"}


def _words(text: str) -> set[str]:
    words = {w.removesuffix("’s").removesuffix("'s") for w in re.findall(r"[\w’'-]+", text.lower())}
    return {w for w in words if w not in _STOP and len(w) > 1 or w in _PRONOUNS - {"his", "her"}}


def speaker_correct(quote, actors: dict, gold: Gold, norm_text: str) -> tuple[bool, bool]:
    """(strict, lenient) correctness of one predicted quote's speaker against a gold Source.

    lenient: a name word of the predicted speaker is a word of the gold Source ("Brooks" in
    "New York Times columnist David Brooks"); an unresolved speaker shares a content word or is
    the same pronoun; for a gold relative pronoun ("who said"), the speaker is named in the 80
    characters before it (its antecedent)."""
    actor = actors.get(quote.speaker)
    strict = bool(actor) and any(overlap((m.start, m.end), gold.source) > 0 for m in actor.mentions)
    if strict:
        return True, True
    ours = _words(quote.speaker_text or "")
    if actor is not None:
        ours |= _words(actor.name)
    if not ours:
        return False, False
    gold_words = _words(gold.source_text)
    if gold.source_text.strip().lower() in _RELATIVE and gold.source:
        start = gold.source[0][0]
        gold_words = _words(norm_text[max(0, start - 80):start])
    return False, bool(ours & gold_words)


def load_split(split: str, limit: int | None):
    text_dir, ann_dir = POLNEAR / split / "text", POLNEAR / split / "attributions"
    annotations: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted(ann_dir.glob("*.ann")):
        doc, _, _annotator = ann.stem.rpartition("_")
        annotations[doc].append(ann)
    docs = sorted(d for d in annotations if (text_dir / f"{d}.txt").exists())
    if limit:
        docs = docs[:limit]
    return [(d, (text_dir / f"{d}.txt").read_text(encoding="utf-8"), annotations[d]) for d in docs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--extractors", default=None,
                        help="comma-separated stages to run (default: the full pipeline)")
    parser.add_argument("--errors", type=int, default=0, help="print N missed and N spurious examples")
    parser.add_argument("--strict-errors", type=int, default=0,
                        help="print N strict speaker misses with their cause and the gold Source")
    args = parser.parse_args(argv)
    if not POLNEAR.exists():
        print(f"PolNeAR not found at {POLNEAR}; nothing to measure.")
        return 0

    sys.path.insert(0, str(ROOT / "src"))
    from khabar.ingest import make_article
    from khabar.pipeline import Pipeline, process
    from khabar.settings import Settings

    docs = load_split(args.split, args.limit)
    t0 = time.time()
    settings = Settings(extractors=tuple(args.extractors.split(","))) if args.extractors else Settings()
    pipeline = Pipeline.load(settings=settings)
    articles = [make_article(text, id=name) for name, text, _ in docs]
    records = list(process(articles, pipeline))
    elapsed = time.time() - t0

    totals = defaultdict(float)
    missed, spurious, wrong_speaker, strict_misses = [], [], [], []
    lenient_texts: dict[str, int] = defaultdict(int)
    zero_docs = abandoned = 0
    for (name, raw, anns), record in zip(docs, records, strict=True):
        norm = record.article.text
        amap = alignment(raw, norm)
        preds = [(q, (q.content.start, q.content.end)) for q in record.quotes]
        actors = {a.id: a for a in record.actors}
        zero_docs += not preds
        abandoned += any(w.startswith("quotes extractor failed") for w in record.warnings)
        per_doc = defaultdict(float)
        for ann in anns:
            golds = parse_ann(ann)
            for g in golds:
                g.content = [(amap[s], amap[e]) for s, e in g.content]
                g.source = [(amap[s], amap[e]) for s, e in g.source]
            matched_pred = [any(matches(span, g.content) for g in golds) for _, span in preds]
            per_doc["pred"] += len(preds)
            per_doc["pred_ok"] += sum(matched_pred)
            for g in golds:
                # the closest prediction: most overlap, then fewest characters outside the gold
                # (an outer report "X said Y believes Z" overlaps Z as much as the inner one)
                hits = [((ov := overlap(span, g.content)), ov - (span[1] - span[0]), q)
                        for q, span in preds if matches(span, g.content)]
                per_doc[f"gold_{g.kind}"] += 1
                per_doc["gold"] += 1
                if hits:
                    per_doc[f"hit_{g.kind}"] += 1
                    per_doc["hit"] += 1
                    if g.source:
                        best = max(hits, key=lambda h: (h[0], h[1]))[2]
                        strict, lenient = speaker_correct(best, actors, g, norm)
                        # the scoring before 2026-11-25: the first of the equal-overlap predictions
                        first = max(hits, key=lambda h: h[0])[2]
                        per_doc["spk_strict_first"] += speaker_correct(first, actors, g, norm)[0]
                        per_doc["spk"] += 1
                        per_doc["spk_strict"] += strict
                        per_doc["spk_lenient"] += lenient
                        if not strict:
                            why = ("no cue" if best.cue is None else "cue, no speaker" if best.speaker_text is None
                                   else "speaker, no actor" if best.speaker not in actors else "other actor")
                            per_doc[f"strict_miss_{why}"] += 1
                            if len(strict_misses) < args.strict_errors and ann == anns[0]:
                                ctx_start = max(0, g.source[0][0] - 60) if g.source else best.content.start
                                strict_misses.append((name, why, best.kind, best.cue, best.speaker_text,
                                                      actors[best.speaker].name if best.speaker in actors else None,
                                                      g.source_text, g.cue_text,
                                                      norm[ctx_start:ctx_start + 200].replace("\n", " / ")))
                        if strict != lenient:
                            totals_kind = "actor" if best.speaker in actors else "no-actor"
                            per_doc[f"lenient_only_{totals_kind}"] += 1
                            if args.errors and totals_kind == "no-actor":
                                lenient_texts[(best.speaker_text or "").lower()] += 1
                        if not lenient and len(wrong_speaker) < args.errors and ann == anns[0]:
                            wrong_speaker.append((name, best.cue, best.speaker_text, actors[best.speaker].name if best.speaker in actors else None, g.source_text, best.content.text[:80]))
                elif len(missed) < args.errors and ann == anns[0]:
                    missed.append((name, g.kind, g.cue_text, g.source_text, g.content_text[:160]))
            if ann == anns[0]:
                for (q, _), ok in zip(preds, matched_pred, strict=True):
                    if not ok and len(spurious) < args.errors:
                        spurious.append((name, q.kind, q.cue, q.speaker_text, q.content.text[:160]))
        for key, value in per_doc.items():
            totals[key] += value / len(anns)

    def ratio(a: str, b: str) -> float:
        return totals[a] / totals[b] if totals[b] else 0.0

    n = len(docs)
    print(f"PolNeAR {args.split}: {n} documents, {sum(len(a) for _, _, a in docs)} annotation files, "
          f"{totals['gold']:.0f} gold attributions (annotators averaged), {elapsed:.0f}s end to end")
    print(f"stages: {', '.join(e.name for e in pipeline.extractors)}")
    print(f"{'':28}{'khabar':>10}{'textacy':>10}")
    print(f"{'recall (all attributions)':28}{ratio('hit', 'gold'):>10.3f}{TEXTACY['recall']:>10.3f}")
    print(f"{'precision':28}{ratio('pred_ok', 'pred'):>10.3f}{TEXTACY['precision']:>10.3f}")
    print(f"{'docs with zero output':28}{zero_docs / n:>10.1%}{TEXTACY['zero_docs']:>10.0%}")
    for kind in ("direct", "mixed", "indirect"):
        print(f"{'recall ' + kind:28}{ratio('hit_' + kind, 'gold_' + kind):>10.3f}"
              f"{'':>4}({totals['gold_' + kind]:.0f} gold)")
    print(f"{'speaker accuracy strict':28}{ratio('spk_strict', 'spk'):>10.3f}")
    print(f"{'speaker accuracy lenient':28}{ratio('spk_lenient', 'spk'):>10.3f}")
    print(f"{'  strict, first of equals':28}{ratio('spk_strict_first', 'spk'):>10.3f}"
          "    (closest prediction not preferred: scoring before 2026-11-25)")
    if args.errors:
        print("strict misses:", {k[12:]: round(v) for k, v in totals.items() if k.startswith("strict_miss_")})
        print("lenient-only matches:", {k: round(v) for k, v in totals.items() if k.startswith("lenient_only")})
        print("unresolved speakers matched by text:", sorted(lenient_texts.items(), key=lambda kv: -kv[1])[:40])
    print(f"{'documents abandoned':28}{abandoned:>10d}")
    print(f"{'predicted quotes':28}{totals['pred']:>10.0f}")
    for row in missed:
        print("MISSED  ", *row, sep=" | ")
    for row in wrong_speaker:
        print("SPEAKER ", *row, sep=" | ")
    for row in spurious:
        print("SPURIOUS", *row, sep=" | ")
    for row in strict_misses:
        print("STRICT  ", *row, sep=" | ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
