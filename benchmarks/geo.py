"""Geocoding on GeoWebNews (GWN) and LGL: accuracy@161 km with gold toponym spans, and end to
end (khabar's own recognition + resolution), beside the population-only baseline on the same
gazetteer.

    .venv/bin/python benchmarks/geo.py [--sets GWN,LGL] [--mode gold,e2e] [--limit N] [--errors]

Scoring (../shared/eval/README.md): a toponym is correct when the chosen place has the gold
GeoNames id or lies within 161 km of the gold coordinates. Gold toponyms without coordinates
(GWN's non-toponyms and generic expressions) are not scored. End to end: recall = gold toponyms
with an overlapping predicted mention that is correct / all scored gold toponyms; precision =
correct predicted mentions / predicted mentions (mentions overlapping a gold span without
coordinates are left out of both counts). Recall is also given without the gold spans that are
demonyms ("Sudanese"), which khabar by design does not report as places. The population-only
baseline resolves khabar's own mentions (end to end) or the gold spans to the most populous
place of that name in the same gazetteer.
"""

from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.extract.places import DATELINE  # noqa: E402
from khabar.geo.lookup import Gazetteer, distance_km  # noqa: E402
from khabar.geo.resolve import Resolver, Toponym, find_cue, link_qualifiers  # noqa: E402
from khabar.settings import Settings  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "geo"
KM = 161.0


@dataclass
class Gold:
    start: int
    end: int
    text: str
    geonames_id: int | None
    lat: float | None
    lon: float | None

    @property
    def scored(self) -> bool:
        return self.lat is not None


@dataclass
class Doc:
    text: str
    gold: list[Gold]


def _float(x: str | None) -> float | None:
    return float(x) if x not in (None, "") else None


def load(name: str) -> list[Doc]:
    root = ET.parse(EVAL / f"{name}.xml").getroot()
    docs = []
    for art in root.findall("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            s, e = int(t.findtext("start")), int(t.findtext("end"))
            gaz = t.find("gaztag")
            if gaz is not None:  # LGL
                gid = gaz.get("geonameid")
                gold.append(Gold(s, e, text[s:e], int(gid) if gid else None,
                                 _float(gaz.findtext("lat")), _float(gaz.findtext("lon"))))
            else:  # GWN (and LGL toponyms without a gazetteer entry)
                gid = t.findtext("geonamesID")
                gold.append(Gold(s, e, text[s:e], int(gid) if gid else None,
                                 _float(t.findtext("latitude")), _float(t.findtext("longitude"))))
        docs.append(Doc(text, gold))
    return docs


def correct(c, g: Gold) -> bool:
    if c is None:
        return False
    if g.geonames_id is not None and c.geonames_id == g.geonames_id:
        return True
    return distance_km(c.lat, c.lon, g.lat, g.lon) <= KM


def _cause(r, g: Gold) -> str:
    """Why a gold span is wrong, by what the resolver had (for --errors)."""
    if not r.candidates:
        return "no candidate, placed by context" if r.context else "no candidate, no place"
    if r.stray:
        return "stray, placed by context"
    if any(correct(s.candidate, g) for s in r.candidates):
        return "right reading among the candidates"
    if r.best.feature in ("region", "other"):
        return "curated region/feature, point too far"
    return "no candidate within 161 km"


def gold_spans(docs: list[Doc], gaz: Gazetteer, errors: list | None = None) -> dict[str, float]:
    """Accuracy with gold spans; ``errors`` (a list) collects (cause, doc, gold, resolution)."""
    resolver = Resolver(gaz)
    n = ok = base_ok = found = no_context_ok = 0
    for d, doc in enumerate(docs):
        golds = [g for g in doc.gold if g.scored]
        tops = []
        # the dateline is read off the text as the extractor reads it ("WASHINGTON (AP) —")
        dateline = DATELINE.match(doc.text)
        for g in golds:
            cue, query = find_cue(doc.text, g.start, g.end, g.text)
            tops.append(Toponym(g.text, g.start, g.end, query, cue=cue, source="gold",
                                dateline=bool(dateline) and dateline.span("place")
                                == (g.start, g.end)))
        link_qualifiers(doc.text, tops)
        for g, r in zip(golds, resolver.resolve(tops, doc.text), strict=True):
            n += 1
            ok += correct(r.place, g)
            if errors is not None and not correct(r.place, g):
                errors.append((_cause(r, g), d, g, r))
            no_context_ok += correct(r.best, g)
            found += bool(r.candidates)
            base = gaz.lookup(g.text, limit=1)  # population-only: most populous place so named
            base_ok += correct(base[0] if base else None, g)
    return {"toponyms": n, "accuracy@161": ok / n, "without_context@161": no_context_ok / n,
            "baseline@161": base_ok / n,
            "with_candidates": found / n}


def _is_demonym(gaz: Gazetteer, text: str) -> bool:
    """A gold span that the gazetteer knows only as an adjective ("Sudanese"): khabar does not
    report those as places (demonym-free), so recall is also given without them."""
    return not gaz.lookup(text, max_kind=2, limit=1) and bool(
        [c for c in gaz.lookup(text, max_kind=4, limit=5) if c.match == 4])


def end_to_end(docs: list[Doc], gaz: Gazetteer) -> dict[str, float]:
    from khabar.extract.places import PlaceExtractor
    from khabar.nlp import load_spacy

    nlp, _ = load_spacy(None)
    extractor = PlaceExtractor(Settings(gazetteer=gaz.path))
    extractor.configure(nlp)
    n_gold = n_demonym = recalled = n_pred = pred_ok = base_recalled = base_ok = 0
    for doc, sdoc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        mentions = [m for m in extractor.resolve_doc(sdoc) if m.place is not None]
        # population-only baseline: the same mentions, the most populous place of that name
        base = {id(m): (gaz.lookup(m.resolution.toponym.query, limit=1) or [None])[0]
                for m in mentions}
        scored = [g for g in doc.gold if g.scored]
        unscored = [g for g in doc.gold if not g.scored]
        n_gold += len(scored)
        for g in scored:
            hits = [m for m in mentions if m.start < g.end and g.start < m.end]
            recalled += any(correct(m.place, g) for m in hits)
            base_recalled += any(correct(base[id(m)], g) for m in hits)
            n_demonym += _is_demonym(gaz, g.text)
        for m in mentions:
            hits = [g for g in scored if m.start < g.end and g.start < m.end]
            if not hits and any(m.start < g.end and g.start < m.end for g in unscored):
                continue
            n_pred += 1
            pred_ok += any(correct(m.place, g) for g in hits)
            base_ok += any(correct(base[id(m)], g) for g in hits)
    p = pred_ok / n_pred if n_pred else 0.0
    r = recalled / n_gold if n_gold else 0.0
    return {"gold": n_gold, "predicted": n_pred, "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "recall_without_demonyms": recalled / max(1, n_gold - n_demonym),
            "baseline_precision": base_ok / n_pred if n_pred else 0.0,
            "baseline_recall": base_recalled / n_gold if n_gold else 0.0}


SPEED_TEXT = ("Officials in Kabul, Kandahar and Herat said fighting continued near Lashkar Gah in "
              "Helmand province, while Pakistani troops massed near Quetta. ")


def speed(repeats: tuple[int, ...] = (1, 30, 300)) -> None:
    """PlaceExtractor time (recognition + resolution, parse excluded) on a team-written
    paragraph repeated to long-article sizes."""
    from khabar.extract.places import PlaceExtractor
    from khabar.nlp import load_spacy

    nlp, _ = load_spacy(None)
    extractor = PlaceExtractor(Settings())
    for n in repeats:
        doc = nlp(SPEED_TEXT * n)
        t = time.perf_counter()
        mentions = extractor.resolve_doc(doc)
        took = time.perf_counter() - t
        print(f"speed {len(doc.text):>7} chars  {len(mentions):>5} mentions  {took * 1000:8.1f} ms")


def print_errors(name: str, errors: list) -> None:
    """Wrong gold spans by cause, then one line each: document, text, gold point, choice."""
    from collections import Counter

    counts = Counter(cause for cause, *_ in errors)
    print(f"{name} errors by cause: " + ", ".join(f"{c} {k}" for k, c in counts.most_common()))
    for cause, d, g, r in sorted(errors, key=lambda e: (e[0], e[1], e[2].start)):
        p = r.place
        where = (f"{p.name} ({p.feature}, {p.admin1 or '-'}, {p.country or '-'}) "
                 f"{distance_km(p.lat, p.lon, g.lat, g.lon):.0f} km") if p else "nothing"
        print(f"  [{cause}] doc {d} “{g.text}” gold {g.lat:.2f},{g.lon:.2f} → {where}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="GWN,LGL")
    ap.add_argument("--mode", default="gold,e2e", help="gold, e2e and/or speed")
    ap.add_argument("--limit", type=int, default=0, help="first N articles of each set")
    ap.add_argument("--errors", action="store_true",
                    help="with gold spans: list the wrong ones, grouped by cause")
    args = ap.parse_args()
    if "speed" in args.mode:
        speed()
    if not EVAL.exists():
        print(f"evaluation data not available: {EVAL}")
        return
    gaz = Gazetteer(Settings().gazetteer_path())
    for name in args.sets.split(","):
        docs = load(name)
        if args.limit:
            docs = docs[: args.limit]
        for mode in args.mode.split(","):
            if mode == "speed":
                continue
            t = time.perf_counter()
            errors: list | None = [] if args.errors else None
            res = gold_spans(docs, gaz, errors) if mode == "gold" else end_to_end(docs, gaz)
            figures = "  ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                                for k, v in res.items())
            print(f"{name:4} {mode:5} {figures}  ({time.perf_counter() - t:.0f} s)")
            if errors:
                print_errors(name, errors)


if __name__ == "__main__":
    main()
