"""Why each place was chosen: the candidates of every toponym of an article, with their scores
broken into named parts (see `khabar.geo.resolve`). ``khabar explain`` prints `explain(record)`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..extract.places import PlaceExtractor
    from ..pipeline import Pipeline
    from ..records import ArticleRecord


def _extractor_and_nlp(pipeline: Pipeline | None) -> tuple[PlaceExtractor, object]:
    from ..extract.places import PlaceExtractor

    if pipeline is not None:
        for extractor in pipeline.extractors:
            if isinstance(extractor, PlaceExtractor):
                return extractor, pipeline.nlp
        return PlaceExtractor(pipeline.settings), pipeline.nlp
    from ..nlp import load_spacy
    from ..settings import Settings

    nlp, _ = load_spacy(None)
    return PlaceExtractor(Settings()), nlp


def explain_text(text: str, pipeline: Pipeline | None = None, top: int = 3) -> list[dict]:
    """One entry per distinct toponym (text, cue, source): its mentions and best candidates."""
    extractor, nlp = _extractor_and_nlp(pipeline)
    entries: dict[tuple, dict] = {}
    for m in extractor.resolve_doc(nlp(text)):
        t = m.resolution.toponym
        key = (t.text, t.cue, t.source)
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = {
                "text": t.text, "query": t.query, "cue": t.cue, "source": t.source,
                "mentions": [], "candidates": [
                    {"name": s.candidate.name, "geonames_id": s.candidate.geonames_id,
                     "feature": s.candidate.feature, "country": s.candidate.country,
                     "admin1": s.candidate.admin1, "population": s.candidate.population,
                     "lat": s.candidate.lat, "lon": s.candidate.lon,
                     "score": round(s.score, 3),
                     "parts": {k: round(v, 3) for k, v in s.parts.items()}}
                    for s in m.resolution.candidates[:top]
                ], "total_candidates": len(m.resolution.candidates),
                "context": _context(m.resolution.context),
            }
        entry["mentions"].append((m.start, m.end))
    return list(entries.values())


def _context(ctx) -> dict | None:
    """The contextual position of a name the gazetteer lacks (see `khabar.geo.context`)."""
    if ctx is None:
        return None
    c = ctx.place
    return {"name": c.name, "geonames_id": c.geonames_id, "feature": c.feature,
            "country": c.country, "admin1": c.admin1, "lat": c.lat, "lon": c.lon,
            "reason": ctx.reason, "anchor": ctx.anchor, "confidence": ctx.confidence}


def format_explanation(entries: list[dict]) -> str:
    lines = []
    for e in entries:
        where = ", ".join(f"{s}-{t}" for s, t in e["mentions"][:5])
        cue = f", cue {e['cue']}" if e["cue"] else ""
        lines.append(f"  “{e['text']}” at {where} (from {e['source']}{cue}; "
                     f"{e['total_candidates']} candidate(s))")
        if not e["candidates"]:
            ctx = e.get("context")
            if ctx is None:
                lines.append("      not in the gazetteer; no place of the article to put it in")
            else:
                area = ", ".join(x for x in (ctx["admin1"], ctx["country"]) if x)
                lines.append(f"      not in the gazetteer → inferred: in {ctx['name']} "
                             f"({ctx['feature']}{', ' + area if area else ''}) by context "
                             f"[{ctx['reason']}: “{ctx['anchor']}”, confidence "
                             f"{ctx['confidence']:.1f}]")
        for rank, c in enumerate(e["candidates"]):
            mark = "→" if rank == 0 else " "
            area = ", ".join(x for x in (c["admin1"], c["country"]) if x)
            parts = " ".join(f"{k} {v:+.2f}" for k, v in c["parts"].items())
            gid = f" geonames {c['geonames_id']}" if c["geonames_id"] else ""
            lines.append(f"    {mark} {c['score']:6.2f}  {c['name']} ({c['feature']}"
                         f"{', ' + area if area else ''}{gid})  [{parts}]")
    return "\n".join(lines)


def explain(record: ArticleRecord, pipeline: Pipeline | None = None) -> str:
    """Readable explanation of the place choices for one processed article."""
    return format_explanation(explain_text(record.article.text, pipeline))
