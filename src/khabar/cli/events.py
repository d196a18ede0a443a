"""``khabar explain`` and ``khabar patterns``: why an event was coded, and the pattern files.

Only argument parsing and printing live here; the tracing comes from `EventCoder.code(trace=)`
and the conversions from `khabar.knowledge.cameo`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UserError

patterns_app = typer.Typer(help="Event patterns: validate files, import PETRARCH verb dictionaries.",
                           no_args_is_help=True)

PatternsOpt = Annotated[list[Path], typer.Option("--patterns", help="extra event pattern file(s), YAML")]


def _explain_record(record, pipeline):
    """Re-code the record's article with tracing on (same inputs, so the same events)."""
    from ..extract.base import Context

    coder = next((e.coder for e in pipeline.extractors if e.name == "events"), None)
    if coder is None:
        raise UserError("the events stage is not enabled in this pipeline")
    ctx = Context(article=record.article, doc=pipeline.nlp(record.article.text),
                  actors=list(record.actors), quotes=list(record.quotes),
                  places=list(record.places), times=list(record.times))
    ctx.index_actors()
    trace: dict = {}
    events = coder.code(ctx, trace=trace)
    return events, trace, ctx


def _actor_label(ctx, actor_id: str | None) -> str:
    actor = ctx.actor(actor_id)
    if actor is None:
        return "-"
    return f'{actor.id} "{actor.name}"' + (f" [{actor.code}]" if actor.code else "")


def _parse_line(sent) -> str:
    """A compact dependency parse: word/dep→head for every token of the sentence."""
    parts = [f"{t.text}/{t.dep_}→{t.head.text if t.head is not t else 'ROOT'}" for t in sent if not t.is_space]
    return " ".join(parts)


def _hit_for(event, trace):
    for sent, _matches, hits in trace.get("sentences", []):
        for h in hits:
            if h.pattern_id == event.pattern and h.token.idx <= event.evidence[0].trigger.start + 200 \
                    and sent.start_char == event.evidence[0].sentence.start:
                if h.token.idx >= event.evidence[0].trigger.start - 60:
                    return sent, h
    return None, None


def _print_event(event, ctx, trace, book) -> None:
    entry = book.codes.get(event.cameo)
    plover = f"{event.plover.type}{'/' + event.plover.mode if event.plover.mode else ''}" if event.plover else "no PLOVER type"
    print(f"{event.id}  CAMEO {event.cameo} {entry.name if entry else '(code outside the codebook)'} — {plover}"
          f", QuadClass {event.quad_class}, Goldstein {event.goldstein}")
    print(f"    source {_actor_label(ctx, event.source)}  →  target {_actor_label(ctx, event.target)}")
    by = f", reported by {_actor_label(ctx, event.reported_by)}" if event.reported_by else ""
    place = next((p for p in ctx.places if p.id == event.place), None)
    place_label = f'{place.id} "{place.name}"' if place else "-"
    print(f"    modality {event.modality}{by}; date {event.date} ({event.date_precision});"
          f" place {place_label}{' (inferred: the article’s main place)' if event.place_inferred else ''};"
          f" confidence {event.confidence}")
    text = ctx.article.text
    for ev in event.evidence:
        print(f"    evidence [{ev.sentence.start}:{ev.sentence.end}] trigger “{ev.trigger.text}”: "
              f"{text[ev.sentence.start:ev.sentence.end].strip()}")
    sent, hit = _hit_for(event, trace)
    if hit is None:
        return
    p = hit.pattern
    where = f" ({p.file}:{p.line})" if p.file else ""
    print(f"    pattern {event.pattern}{where}: {p.kind} '{p.lemma}'"
          + (f" particle '{p.particle}'" if p.particle else "") + (f" prep '{p.prep}'" if p.prep else "")
          + (f" object {p.object}" if p.object else ""))
    if hit.note:
        print(f"    why: {hit.note}")
    src = hit.source_token.text if hit.source_token is not None else "none"
    tgt = hit.target_token.text if hit.target_token is not None else "none"
    print(f"    slots: source head “{src}”, target head “{tgt}”; modality cue: {hit.modality_cue or 'none'}")
    if hit.match is not None:
        others = [c for c in hit.match.candidates if c.pattern is not p]
        for cand in others[:5]:
            print(f"    near miss {cand.pattern.id}: {'held but less specific' if cand.ok else cand.reason}")
        if len(others) > 5:
            print(f"    … and {len(others) - 5} more near misses at this trigger")
    print(f"    parse: {_parse_line(sent)}")


def explain(
    article: Annotated[str, typer.Argument(help="article file (any format khabar reads), or - for stdin")],
    event: Annotated[str | None, typer.Option("--event", help="only this event (e3 or 3)")] = None,
    published: Annotated[str | None, typer.Option("--published", help="publication date YYYY-MM-DD")] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy model name or path")] = None,
    patterns: PatternsOpt = [],  # noqa: B006 - typer needs a literal default
    kb: Annotated[list[Path], typer.Option("--kb", help="extra actor knowledge file(s), YAML")] = [],  # noqa: B006
) -> None:
    """Show each coded event: sentence, parse, the pattern that fired and why, near misses."""
    from ..ingest import ReadOptions, read_sources
    from ..knowledge.cameo import default_codebook
    from ..pipeline import Pipeline, process
    from ..records import Reject
    from .core import settings_from

    items = list(read_sources([article], ReadOptions(published=published)))
    articles = [i for i in items if not isinstance(i, Reject)]
    if not articles:
        reasons = "; ".join(r.reason for r in items if isinstance(r, Reject)) or "nothing to read"
        raise UserError(f"cannot read {article}: {reasons}")
    pipeline = Pipeline.load(settings=settings_from(model, kb, patterns))
    record = next(process(articles[:1], pipeline))
    events, trace, ctx = _explain_record(record, pipeline)
    book = default_codebook()
    wanted = None
    if event is not None:
        wanted = event if event.startswith("e") else f"e{event}"
        if wanted not in {e.id for e in events}:
            raise UserError(f"no event {wanted}: this article has {len(events)} event(s)")
    print(f"{record.article.id[:12]}  {len(events)} event(s), {len(record.actors)} actor(s)")
    for ev in events:
        if wanted is None or ev.id == wanted:
            _print_event(ev, ctx, trace, book)
    if wanted is None:
        _print_untriggered(trace)
    _print_places(record)


def _print_untriggered(trace) -> None:
    """Triggers whose patterns all failed: the closest the coder came in each sentence."""
    misses = []
    for _sent, matches, _hits in trace.get("sentences", []):
        for m in matches:
            if m.pattern is None and m.candidates:
                first = m.candidates[0]
                misses.append(f"“{m.token.text}” ({len(m.candidates)} pattern(s), e.g. {first.pattern.id}: {first.reason})")
    if misses:
        print("words with patterns that did not fire:")
        for line in misses[:20]:
            print(f"    {line}")


def _print_places(record) -> None:
    """The geo stage's own explanation of place choices, when that module is installed."""
    try:
        from ..geo import explain as geo_explain  # type: ignore[attr-defined]
    except ImportError:
        return
    fn = getattr(geo_explain, "explain", None)
    if fn is None:
        return
    try:
        out = fn(record)
    except TypeError:
        return
    if out:
        print("places:")
        print(out if isinstance(out, str) else "\n".join(str(x) for x in out))


@patterns_app.command("validate")
def validate(files: Annotated[list[Path], typer.Argument(help="pattern files (default: the shipped ones)")] = None) -> None:  # noqa: B008
    """Validate pattern files with the shipped ones (codes, ids, fields); prints file:line on error."""
    from ..extract.modality import Cues
    from ..knowledge.cameo import default_codebook
    from ..knowledge.cameo.patterns import EMBEDDING_FILE, load_patterns

    patterns = load_patterns(list(files or []))
    Cues.load()
    roots = sorted({p.cameo[:2] for p in patterns.patterns})
    print(f"ok: {len(patterns)} patterns over {len(roots)} CAMEO roots, {len(patterns.embedding)} control-verb "
          f"rows ({EMBEDDING_FILE.name}), codebook {len(default_codebook())} codes")


@patterns_app.command("import-petrarch")
def import_petrarch(
    file: Annotated[Path, typer.Argument(help="PETRARCH/CAMEO verb dictionary (e.g. CAMEO.2.0.txt)")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="write YAML here (default: stdout)")] = None,
) -> None:
    """Convert a PETRARCH verb dictionary into a khabar pattern file (use it with --patterns)."""
    from ..knowledge.cameo.petrarch_verbs import convert_verb_dictionary

    result = convert_verb_dictionary(file)
    text = result.to_yaml()
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
    foreign = f"; {len(result.foreign_codes)} codes outside CAMEO (file marked codebook: foreign)" if result.foreign_codes else ""
    print(f"khabar: {len(result.patterns)} patterns, {len(result.skipped)} dictionary lines skipped{foreign}",
          file=sys.stderr)
    for reason in result.skipped[:10]:
        print(f"  skipped {reason}", file=sys.stderr)


def register(app: typer.Typer) -> None:
    app.command()(explain)
    app.add_typer(patterns_app, name="patterns")
