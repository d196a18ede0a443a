"""Scores actors, coreference and relations on the team-written dev set (tests/data/actors_dev,
format in its README) and holds the pipeline to thresholds set from measured runs.

Figures printed with ``pytest -s``: actor precision/recall, kind and code accuracy over aligned
actors, B³ over gold mentions, pronoun accuracy, relation precision/recall.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

DEV = Path(__file__).resolve().parents[1] / "data" / "actors_dev"
PRONOUNS = {"he", "him", "his", "she", "her", "it", "its", "they", "them", "their"}


def gold_spans(text: str, actors: list[dict]) -> list[tuple[int, int, int]]:
    """(start, end, gold actor index) for every gold mention string ("text#n" = n-th one)."""
    used: set[tuple[int, int]] = set()
    out = []
    for idx, actor in enumerate(actors):
        for raw in actor["mentions"]:
            surface, _, nth = str(raw).partition("#")
            hits = [(m.start(), m.end()) for m in
                    re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text)]
            if nth:
                span = hits[int(nth) - 1]
            else:
                span = next(h for h in hits if h not in used)
            used.add(span)
            out.append((span[0], span[1], idx))
    return out


def predicted_actor(record, start: int, end: int) -> str | None:
    best, overlap = None, 0
    for a in record.actors:
        for m in a.mentions:
            o = min(m.end, end) - max(m.start, start)
            if o > overlap:
                best, overlap = a.id, o
    return best


def b_cubed(gold: list[int], pred: list) -> tuple[float, float]:
    """B³ precision and recall over the same mention list (pred None = a singleton)."""
    pred = [p if p is not None else f"_single{i}" for i, p in enumerate(pred)]
    p_sum = r_sum = 0.0
    for i in range(len(gold)):
        same_g = {j for j in range(len(gold)) if gold[j] == gold[i]}
        same_p = {j for j in range(len(pred)) if pred[j] == pred[i]}
        both = len(same_g & same_p)
        p_sum += both / len(same_p)
        r_sum += both / len(same_g)
    return p_sum / len(gold), r_sum / len(gold)


def score(extract) -> dict:
    c = Counter()
    bp = br = n_mentions = 0.0
    for path in sorted(DEV.glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = gold["text"]
        record = extract(text)
        spans = gold_spans(record.article.text, gold["actors"])
        preds = [predicted_actor(record, s, e) for s, e, _ in spans]
        p, r = b_cubed([g for _, _, g in spans], preds)
        bp, br, n_mentions = bp + p * len(spans), br + r * len(spans), n_mentions + len(spans)
        # each gold actor aligns to the predicted actor most of its mentions fall in
        align: dict[str, str | None] = {}
        for idx, actor in enumerate(gold["actors"]):
            votes = Counter(pr for (_, _, g), pr in zip(spans, preds, strict=True) if g == idx and pr)
            aligned = votes.most_common(1)[0][0] if votes else None
            align[actor["name"]] = aligned
            c["gold_actors"] += 1
            if aligned is None:
                continue
            c["found"] += 1
            pa = next(a for a in record.actors if a.id == aligned)
            c["kind_ok"] += pa.kind == actor["kind"]
            if actor.get("code"):
                c["coded"] += 1
                c["code_ok"] += pa.code == actor["code"]
        c["pred_actors"] += len(record.actors)
        c["pred_ok"] += sum(1 for a in record.actors if any(
            predicted_actor(record, s, e) == a.id for s, e, _ in spans))
        for (s, e, g), pr in zip(spans, preds, strict=True):
            if text[s:e].lower() in PRONOUNS:
                c["pronouns"] += 1
                c["pronoun_ok"] += pr is not None and pr == align[gold["actors"][g]["name"]]
        gold_rel = [tuple(x) + (None,) * (4 - len(x)) for x in gold.get("relations") or []]
        c["gold_rel"] += len(gold_rel)
        c["pred_rel"] += len(record.relations)
        matched = set()
        for rel in record.relations:
            for k, (type_, src, tgt, value) in enumerate(gold_rel):
                if k in matched or rel.type != type_ or rel.source != align.get(src):
                    continue
                if (tgt is None and rel.target is not None) or (tgt is not None and rel.target != align.get(tgt)):
                    continue
                # role values match when one contains the other ("Outgoing President")
                got = (rel.value or "").lower()
                if value and (not got or (value.lower() not in got and got not in value.lower())):
                    continue
                matched.add(k)
                c["rel_ok"] += 1
                break
    ratio = lambda a, b: c[a] / c[b] if c[b] else 0.0  # noqa: E731
    bp, br = bp / n_mentions, br / n_mentions
    return {
        "actor_precision": ratio("pred_ok", "pred_actors"), "actor_recall": ratio("found", "gold_actors"),
        "kind_accuracy": ratio("kind_ok", "found"), "code_accuracy": ratio("code_ok", "coded"),
        "b3_precision": bp, "b3_recall": br, "b3_f1": 2 * bp * br / (bp + br),
        "pronoun_accuracy": ratio("pronoun_ok", "pronouns"),
        "relation_precision": ratio("rel_ok", "pred_rel"), "relation_recall": ratio("rel_ok", "gold_rel"),
        "articles": len(list(DEV.glob("*.yaml"))),
    }


@pytest.fixture(scope="module")
def dev_scores(extract_module):
    scores = score(extract_module)
    print("\nactors_dev:", {k: round(v, 3) for k, v in scores.items()})
    return scores


@pytest.fixture(scope="module")
def extract_module(actors_pipeline):
    from khabar.ingest import make_article
    from khabar.pipeline import process

    return lambda text: next(process([make_article(text, published="2024-03-15")], actors_pipeline))


def test_dev_set_is_large_enough():
    assert len(list(DEV.glob("*.yaml"))) >= 20


def test_gold_files_resolve():
    for path in DEV.glob("*.yaml"):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        spans = gold_spans(gold["text"], gold["actors"])
        assert len({(s, e) for s, e, _ in spans}) == len(spans), path.name


# Set a few points under the figures measured when the set was written (see the closing note
# of issue 3); a drop below them is a regression worth a look, not noise.
THRESHOLDS = {
    "actor_precision": 0.80, "actor_recall": 0.90, "kind_accuracy": 0.90, "code_accuracy": 0.85,
    "b3_f1": 0.88, "pronoun_accuracy": 0.85, "relation_precision": 0.80, "relation_recall": 0.80,
}


@pytest.mark.parametrize("metric", sorted(THRESHOLDS))
def test_dev_set_threshold(dev_scores, metric):
    assert dev_scores[metric] >= THRESHOLDS[metric], (metric, dev_scores[metric])
