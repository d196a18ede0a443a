"""Actors on GUM (../shared/eval/gum, CoNLL coreference with entity types): entity typing and
coreference, beside an exact-string-match baseline.

    .venv/bin/python benchmarks/coref_gum.py                     # news and interview documents
    .venv/bin/python benchmarks/coref_gum.py --genre news --limit 6 --errors
    .venv/bin/python benchmarks/coref_gum.py --json

What is measured (gold-mention evaluation, so khabar and the baseline are scored on the same
mentions). khabar runs its actors and places stages: actors are people, organizations,
countries and groups; places are the toponyms the places stage resolves against the gazetteer
(one `Place` per resolved place, with every mention) — both are entity clusters khabar writes.
  * alignment (eval README: "spans match when they overlap; strict means identical offsets"):
    gold person / organization / place mentions and khabar mentions (actors' and places')
    are paired one to one, best pairs first — the khabar mention covers the gold mention's
    head (spaCy's root of the gold tokens), then the larger overlap (Jaccard); a khabar
    mention covering neither the head nor half the span is a modifier inside the gold
    mention ("Ghana" in "Ghana's coach"), not a reading of it. ``--scoring
    strict`` pairs only identical offsets; ``--scoring head`` is the scoring used before
    2026-11-25 16:00 (the khabar mention covering a heuristic head word, Jaccard ≥ 0.5 for
    typing). The main table uses one scoring; the other two are printed on one line each.
  * typing: for gold *named* mentions (the entity has a Wikipedia identity and the mention,
    without a leading "the", starts with a capital) of type person / organization / place,
    the kind of the aligned khabar mention (country → place, group → person, a khabar place
    → place), else the NER label there (PERSON / ORG,NORP / GPE,LOC,FAC); none = wrong.
  * coreference: gold clusters of person / organization / place entities (all their mentions:
    names, nominals, pronouns); each gold mention takes the cluster of its aligned khabar
    mention; unaligned mentions are singletons. MUC and B³ F1.
  * baseline "exact string match only": non-pronoun mentions with the same text (case and a
    leading article ignored) form one cluster; pronouns stay singletons.
  * ``--errors`` prints the typing confusion table (gold type × predicted) and, per mention
    category (name / nominal / pronoun of an entity mentioned at least twice), how many gold
    mentions no khabar cluster covers.

GUM conventions that matter here: GUM gives one type per entity (every mention of North Korea in
a document has the same type), and a country is a place unless the document treats it as an
acting body (GUM's korea story types North and South Korea as organizations, its football story
types "Belgium" and "Panama" as organizations because they are the national teams). khabar's
country actors are scored as places, so those documents count against it; nothing is mapped
per item.

The documents are parsed from their gold tokens (spaCy Doc built from the words), so offsets
line up exactly; the text is the tokens joined with ordinary English spacing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUM = ROOT.parent / "shared" / "eval" / "gum"
TYPES = {"person", "organization", "place"}
SCORINGS = ("overlap", "strict", "head")
PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
            "they", "them", "their", "theirs", "themselves", "i", "me", "my", "we", "us", "our",
            "you", "your", "who", "whom", "whose", "which", "that", "this", "these", "those"}
MENTION_RE = re.compile(r"\(?[a-z]+-\d+(?:-[^()]*)?\)?")
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "'s", "n't", "'", "'re", "'ve",
                   "'ll", "'d", "'m", "%", "”", "’s"}
NO_SPACE_AFTER = {"(", "[", "{", "“", "$", "#"}


def read_conll(path: Path) -> tuple[list[str], list[dict]]:
    """Words and gold mentions {start, end (token, exclusive), type, entity, named_entity}."""
    words, mentions, stack = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        i = len(words)
        words.append(parts[1])
        for frag in MENTION_RE.findall(parts[2]):
            opens, closes = frag.startswith("("), frag.endswith(")")
            body = frag.strip("()")
            etype, eid, *ident = body.split("-", 2)
            key = f"{etype}-{eid}"
            if opens:
                stack.append((key, i, etype, bool(ident)))
            if closes:
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k][0] == key:
                        _, start, t, named = stack.pop(k)
                        mentions.append({"start": start, "end": i + 1, "type": t,
                                         "entity": key, "wiki": named})
                        break
    return words, mentions


def spaces_for(words: list[str]) -> list[bool]:
    spaces = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        spaces.append(nxt is not None and nxt not in NO_SPACE_BEFORE and w not in NO_SPACE_AFTER
                      and not (w == "-" or nxt == "-"))
    return spaces


def is_named(words: list[str], m: dict) -> bool:
    toks = words[m["start"]:m["end"]]
    if toks and toks[0].lower() in ("the", "a", "an"):
        toks = toks[1:]
    return bool(m["wiki"] and toks and toks[0][:1].isupper() and toks[0].lower() not in PRONOUNS
                and len(toks) <= 8)


# ---- metrics --------------------------------------------------------------------------------
def muc(gold: list, pred: list) -> tuple[float, float]:
    def score(key, resp):
        num = den = 0
        clusters = defaultdict(list)
        for i, k in enumerate(key):
            clusters[k].append(i)
        for members in clusters.values():
            parts = {resp[i] for i in members}
            num += len(members) - len(parts)
            den += len(members) - 1
        return num / den if den else 0.0
    return score(pred, gold), score(gold, pred)  # precision, recall


def b_cubed(gold: list, pred: list) -> tuple[float, float]:
    g_sets, p_sets = defaultdict(set), defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, pred, strict=True)):
        g_sets[g].add(i)
        p_sets[p].add(i)
    p_sum = r_sum = 0.0
    for g, p in zip(gold, pred, strict=True):
        both = len(g_sets[g] & p_sets[p])
        p_sum += both / len(p_sets[p])
        r_sum += both / len(g_sets[g])
    n = len(gold) or 1
    return p_sum / n, r_sum / n


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# ---- running khabar ---------------------------------------------------------------------------
def run(pipeline, words: list[str]):
    from spacy.tokens import Doc

    from khabar.ingest import make_article

    nlp = pipeline.nlp
    doc = Doc(nlp.vocab, words=words, spaces=spaces_for(words))
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    record = pipeline.extract(make_article(doc.text), doc)
    return doc, record


HEAD_STOPS = {"of", "from", "in", "at", "on", "for", "with", ",", "who", "which", "that", "(", "-",
              "to", "by", "and"}


def head_token(words: list[str], m: dict) -> int:
    """Approximate head of a gold mention: the last word before a preposition, comma or
    relative pronoun ("Alvin Yeung from the Civic Party" → Yeung), skipping a final "'s"."""
    end = m["end"]
    for i in range(m["start"] + 1, m["end"]):
        if words[i].lower() in HEAD_STOPS:
            end = i
            break
    while end - 1 > m["start"] and words[end - 1] in ("'s", "'", "’s"):
        end -= 1
    return end - 1


def actor_at_token(doc, record, tok_i: int, within: tuple[int, int] | None = None,
                   clusters=None):
    """The actor whose mention covers the token (the shortest such mention), or None. With
    ``within``, a mention must lie mostly inside that span (Jaccard ≥ 0.5): "Texas" inside
    "University of Texas Arlington …" is not that organization. ``clusters`` scores another
    kind of khabar cluster (``record.places``) the same way."""
    tok = doc[tok_i]
    s, e = tok.idx, tok.idx + len(tok)
    best, best_len = None, None
    for a in (record.actors if clusters is None else clusters):
        for pm in a.mentions:
            if not (pm.start < e and s < pm.end):
                continue
            if within is not None:
                inter = min(within[1], pm.end) - max(within[0], pm.start)
                if inter / (max(within[1], pm.end) - min(within[0], pm.start)) < 0.5:
                    continue
            if best_len is None or pm.end - pm.start < best_len:
                best, best_len = a, pm.end - pm.start
    return best


def char_span(doc, m: dict) -> tuple[int, int]:
    last = doc[m["end"] - 1]
    return doc[m["start"]].idx, last.idx + len(last)


def predicted_partition(doc, record, words: list[str], gold: list[dict]) -> list:
    """Legacy alignment (head scoring): each gold mention takes the khabar actor covering its
    head word, else the khabar place covering it, else it is a singleton."""
    out = []
    for i, m in enumerate(gold):
        head = head_token(words, m)
        actor = actor_at_token(doc, record, head)
        place = None if actor else actor_at_token(doc, record, head, clusters=record.places)
        out.append(actor.id if actor else f"place:{place.id}" if place else f"_single{i}")
    return out


def predicted_type(doc, record, words: list[str], m: dict) -> str | None:
    """Legacy typing (head scoring): the actor covering the heuristic head and lying mostly
    inside the gold span, else such a place, else the NER label at the head."""
    head = head_token(words, m)
    actor = actor_at_token(doc, record, head, within=char_span(doc, m))
    if actor is not None and actor.kind in KINDS:
        return KINDS[actor.kind]
    if actor_at_token(doc, record, head, within=char_span(doc, m), clusters=record.places):
        return "place"
    return LABELS.get(doc[head].ent_type_)


# khabar "group" is a collective of people ("Afghans", "protesters"): GUM types it person
KINDS = {"person": "person", "organization": "organization", "group": "person",
         "country": "place", "place": "place"}
LABELS = {"PERSON": "person", "ORG": "organization", "NORP": "organization",
          "GPE": "place", "LOC": "place", "FAC": "place"}


def khabar_spans(record) -> list[tuple[int, int, str, str, int]]:
    """Every mention khabar writes: (start, end, cluster id, kind, 1 for actors / 0 for
    places) — actors first, so an actor wins a tie with a place on the same span. A country
    actor and a country-level place with the same alpha-3 code are one entity: khabar writes
    that identity in both records (``country``), so they form one cluster."""
    def country(kind: str, code: str | None) -> str | None:
        return f"country:{code}" if kind == "country" and code else None

    spans = [(pm.start, pm.end, country(a.kind, a.country) or a.id, a.kind, 1)
             for a in record.actors for pm in a.mentions]
    spans += [(pm.start, pm.end, country(p.feature, p.country) or f"place:{p.id}", "place", 0)
              for p in record.places for pm in p.mentions]
    return spans


def align(doc, gold: list[dict], spans: list, strict: bool) -> list:
    """Per gold mention, the khabar span tuple paired with it, or None: one to one, greedily,
    best pairs first (covers the gold head, then Jaccard) — see the module docstring. One to
    one, so "Afghanistan" inside "the president of Afghanistan" reads only the gold
    "Afghanistan"."""
    pairs = []
    for gi, m in enumerate(gold):
        gs, ge = char_span(doc, m)
        root = doc[m["start"]:m["end"]].root
        hs, he = root.idx, root.idx + len(root)
        for ki, (s, e, _, _, is_actor) in enumerate(spans):
            if (strict and (s, e) != (gs, ge)) or not (s < ge and gs < e):
                continue
            jaccard = (min(e, ge) - max(s, gs)) / (max(e, ge) - min(s, gs))
            covers_head = s < he and hs < e
            if not covers_head and jaccard < 0.5:
                continue  # a modifier inside the mention ("Ghana" in "Ghana's coach")
            pairs.append((covers_head, jaccard, is_actor, -gi, -ki, gi, ki))
    out: list = [None] * len(gold)
    used = set()
    for *_, gi, ki in sorted(pairs, reverse=True):
        if out[gi] is None and ki not in used:
            out[gi] = spans[ki]
            used.add(ki)
    return out


def aligned_partition(aligned: list) -> list:
    return [a[2] if a else f"_single{i}" for i, a in enumerate(aligned)]


def aligned_type(doc, m: dict, aligned, strict: bool) -> str | None:
    """The kind of the aligned khabar mention (country → place, group → person); with no
    khabar mention, the NER label there (``strict``: an entity with the gold offsets; else the
    label of the gold mention's root)."""
    if aligned is not None:
        return KINDS.get(aligned[3])
    span = doc[m["start"]:m["end"]]
    if strict:
        return next((LABELS.get(e.label_) for e in doc.ents
                     if (e.start, e.end) == (span.start, span.end)), None)
    return LABELS.get(span.root.ent_type_)


def baseline_partition(words: list[str], gold: list[dict]) -> list:
    out = []
    for i, m in enumerate(gold):
        toks = [w.lower() for w in words[m["start"]:m["end"]]]
        if toks and toks[0] in ("the", "a", "an"):
            toks = toks[1:]
        text = " ".join(toks)
        out.append(f"_single{i}" if not text or text in PRONOUNS else f"s:{text}")
    return out


def parse_all(files: list[Path], pipeline) -> list[tuple]:
    """(name, words, gold mentions, doc, record) per file, and the seconds khabar took."""
    runs, seconds = [], 0.0
    for path in files:
        words, mentions = read_conll(path)
        t0 = time.perf_counter()
        doc, record = run(pipeline, words)
        seconds += time.perf_counter() - t0
        runs.append((path.stem, words, mentions, doc, record))
    return runs, seconds


def error_cause(doc, record, words: list[str], m: dict) -> str:
    """Why a named mention got the wrong kind, in broad classes (for --errors): a country
    actor where GUM's document treats the country as an organization (a government or a
    national team); a name nested in a longer entity ("Texas" in "University of Texas"), which
    flat NER cannot give its own label; no khabar reading at all; other."""
    head = head_token(words, m)
    actor = actor_at_token(doc, record, head, within=char_span(doc, m))
    if actor is not None and actor.kind == "country" and m["type"] == "organization":
        return "country typed organization by GUM"
    tok = doc[head]
    if tok.ent_type_:
        start, end = tok.i, tok.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        ent = doc[start:end]
        if ent.start < m["start"] or ent.end > m["end"]:
            inter = min(ent.end, m["end"]) - max(ent.start, m["start"])
            if inter / (max(ent.end, m["end"]) - min(ent.start, m["start"])) < 0.5:
                return "nested in a longer entity"
    if predicted_type(doc, record, words, m) is None:
        return "no reading"
    return "other"


def mention_category(words: list[str], m: dict) -> str:
    toks = words[m["start"]:m["end"]]
    if len(toks) == 1 and toks[0].lower() in PRONOUNS:
        return "pronoun"
    return "name" if is_named(words, m) else "nominal"


def aligned_cause(doc, m: dict, aligned, got: str | None) -> str:
    """Broad class of a typing error under the README alignment (for --errors)."""
    if aligned is not None and aligned[3] == "country" and m["type"] == "organization":
        return "country typed organization by GUM"
    gs, ge = char_span(doc, m)
    if aligned is not None and aligned[0] <= gs and ge <= aligned[1] and (aligned[0], aligned[1]) != (gs, ge):
        return "nested in a longer entity"
    return "no reading" if got is None else "other"


def evaluate(runs: list[tuple], coref_types: set[str] = TYPES, scoring: str = "overlap") -> dict:
    """Scores under ``scoring``: "overlap" (eval README: spans match when they overlap, one
    gold mention to one khabar mention), "strict" (identical offsets) or "head" (the scoring
    used before 2026-11-25 16:00: heuristic head word covered, Jaccard ≥ 0.5 for typing)."""
    c = Counter()
    gold_all, pred_all, base_all = [], [], []
    for stem, words, mentions, doc, record in runs:
        typed = [m for m in mentions if m["type"] in TYPES]
        aligned = (None if scoring == "head"
                   else align(doc, typed, khabar_spans(record), strict=scoring == "strict"))
        for i, m in enumerate(typed):
            if is_named(words, m):
                c["named"] += 1
                if scoring == "head":
                    got = predicted_type(doc, record, words, m)
                else:
                    got = aligned_type(doc, m, aligned[i], strict=scoring == "strict")
                c["typed_ok"] += got == m["type"]
                c["typed_any"] += got is not None
                c[f"named_{m['type']}"] += 1
                c[f"ok_{m['type']}"] += got == m["type"]
                c[f"confusion {m['type']} {got}"] += 1
                if got != m["type"]:
                    cause = (error_cause(doc, record, words, m) if scoring == "head"
                             else aligned_cause(doc, m, aligned[i], got))
                    c[f"typing error {cause}"] += 1
        keep = [i for i, m in enumerate(typed) if m["type"] in coref_types]
        gold = [typed[i] for i in keep]
        # keep documents apart: ids are prefixed with the file name
        gold_all += [f"{stem}:{m['entity']}" for m in gold]
        if scoring == "head":
            pred = predicted_partition(doc, record, words, gold)
        else:
            pred = aligned_partition([aligned[i] for i in keep])
        pred_all += [f"{stem}:{p}" for p in pred]
        base_all += [f"{stem}:{b}" for b in baseline_partition(words, gold)]
        sizes = Counter(m["entity"] for m in gold)
        for m, p in zip(gold, pred, strict=True):
            if sizes[m["entity"]] > 1:
                cat = mention_category(words, m)
                c[f"coverage {cat} total"] += 1
                c[f"coverage {cat} uncovered"] += p.startswith("_single")
    result = {"documents": len(runs), "named_mentions": c["named"],
              "typing_accuracy": c["typed_ok"] / c["named"] if c["named"] else 0.0,
              "typing_coverage": c["typed_any"] / c["named"] if c["named"] else 0.0,
              "gold_mentions": len(gold_all)}
    for t in sorted(TYPES):
        result[f"typing_{t}"] = round(c[f"ok_{t}"] / c[f"named_{t}"], 3) if c[f"named_{t}"] else None
    for name, part in (("khabar", pred_all), ("baseline", base_all)):
        mp, mr = muc(gold_all, part)
        bp, br = b_cubed(gold_all, part)
        result[f"{name}_muc_f1"] = round(f1(mp, mr), 3)
        result[f"{name}_b3_p"], result[f"{name}_b3_r"] = round(bp, 3), round(br, 3)
        result[f"{name}_b3_f1"] = round(f1(bp, br), 3)
    result["typing_accuracy"] = round(result["typing_accuracy"], 3)
    result["typing_coverage"] = round(result["typing_coverage"], 3)
    result["errors"] = {k: v for k, v in sorted(c.items())
                        if k.startswith(("confusion", "coverage", "typing error"))}
    return result


def print_errors(r: dict) -> None:
    errors = r["errors"]
    kinds = ["person", "organization", "place", "None"]
    print(f"  typing confusion (rows gold, columns khabar): {'':4}" + "".join(f"{k:>13}" for k in kinds))
    for g in sorted(TYPES):
        print(f"  {g:>46}" + "".join(f"{errors.get(f'confusion {g} {k}', 0):13}" for k in kinds))
    causes = {k[len("typing error "):]: v for k, v in errors.items() if k.startswith("typing error ")}
    print("  typing errors by cause: " + ", ".join(f"{k} {v}" for k, v in sorted(causes.items())))
    for cat in ("name", "nominal", "pronoun"):
        total = errors.get(f"coverage {cat} total", 0)
        miss = errors.get(f"coverage {cat} uncovered", 0)
        print(f"  {cat:>8} mentions of entities mentioned twice or more: {total}, "
              f"uncovered by khabar {miss}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--genre", choices=("news", "interview", "all"), default="all")
    parser.add_argument("--limit", type=int, default=0, help="first N documents per genre")
    parser.add_argument("--errors", action="store_true", help="confusion table and coverage")
    parser.add_argument("--scoring", choices=SCORINGS, default="overlap",
                        help="mention alignment of the main table (the others get one line each)")
    args = parser.parse_args(argv)
    if not GUM.exists():
        print(f"skipped: {GUM} not available")
        return 0
    from khabar.pipeline import Pipeline
    from khabar.settings import Settings

    pipeline = Pipeline.load(settings=Settings(extractors=("actors", "places")))
    results = {}
    genres = ("news", "interview") if args.genre == "all" else (args.genre,)
    for genre in genres:
        files = sorted(GUM.glob(f"GUM_{genre}_*.conll"))
        if args.limit:
            files = files[:args.limit]
        if files:
            runs, seconds = parse_all(files, pipeline)
            results[genre] = evaluate(runs, scoring=args.scoring)
            results[genre]["seconds"] = round(seconds, 2)
            results[genre]["scoring"] = args.scoring
            results[genre]["other_scorings"] = {
                other: {k: v for k, v in evaluate(runs, scoring=other).items() if k != "errors"}
                for other in SCORINGS if other != args.scoring}
            # scored again on people and organizations only
            people_orgs = evaluate(runs, {"person", "organization"}, scoring=args.scoring)
            for key in [k for k in people_orgs if k.startswith(("khabar_", "baseline_"))]:
                results[genre][f"po_{key}"] = people_orgs[key]
            results[genre]["po_gold_mentions"] = people_orgs["gold_mentions"]
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for genre, r in results.items():
        print(f"GUM {genre}: {r['documents']} documents, {r['gold_mentions']} gold mentions "
              f"(person/organization/place), {r['named_mentions']} named; {r['seconds']} s; "
              f"{r['scoring']} scoring")
        print(f"  typing accuracy {r['typing_accuracy']:.3f} (coverage {r['typing_coverage']:.3f}; "
              f"person {r['typing_person']}, organization {r['typing_organization']}, place {r['typing_place']})")
        print(f"  {'':10} {'MUC F1':>8} {'B3 P':>7} {'B3 R':>7} {'B3 F1':>7}")
        for name in ("baseline", "khabar"):
            print(f"  {name:10} {r[name + '_muc_f1']:8.3f} {r[name + '_b3_p']:7.3f} "
                  f"{r[name + '_b3_r']:7.3f} {r[name + '_b3_f1']:7.3f}")
        print(f"  person + organization only ({r['po_gold_mentions']} gold mentions):")
        for name in ("baseline", "khabar"):
            k = "po_" + name
            print(f"  {name:10} {r[k + '_muc_f1']:8.3f} {r[k + '_b3_p']:7.3f} "
                  f"{r[k + '_b3_r']:7.3f} {r[k + '_b3_f1']:7.3f}")
        for other, o in r["other_scorings"].items():
            print(f"  {other} scoring{' (before 2026-11-25 16:00)' if other == 'head' else ''}: "
                  f"typing {o['typing_accuracy']:.3f} (coverage {o['typing_coverage']:.3f}); "
                  f"B3 F1 {o['khabar_b3_f1']:.3f} vs baseline {o['baseline_b3_f1']:.3f}, "
                  f"MUC {o['khabar_muc_f1']:.3f} vs {o['baseline_muc_f1']:.3f}")
        if args.errors:
            print_errors(r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
