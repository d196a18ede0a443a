"""A readable summary of one `ArticleRecord` for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..records import ArticleRecord


def print_record(record: ArticleRecord, console: Console | None = None) -> None:
    console = console or Console()
    a = record.article
    console.print(f"[bold]{a.title or '(untitled)'}[/bold]  {a.published or ''}  id={a.id[:12]}")
    names = {x.id: x.name for x in record.actors}
    if record.actors:
        t = Table(title="actors", show_lines=False)
        for col in ("id", "name", "kind", "country", "code", "mentions"):
            t.add_column(col)
        for x in record.actors:
            t.add_row(x.id, x.name, x.kind, x.country or "", x.code or "", str(len(x.mentions)))
        console.print(t)
    for r in record.relations:
        console.print(escape(f"relation: {names.get(r.source, r.source)} {r.type} {names.get(r.target, r.target or r.value)}"))
    for q in record.quotes:
        who = names.get(q.speaker) or q.speaker_text or "?"
        console.print(escape(f"quote ({q.kind}) {who} [{q.cue}]: {q.content.text[:100]}"))
    for p in record.places:
        console.print(escape(f"place: {p.id} {p.name} ({p.feature}, {p.country}) {p.lat},{p.lon}"))
    for t in record.times:
        console.print(escape(f"time: {t.text!r} → {t.type} {t.value}"))
    for e in record.events:
        src, tgt = names.get(e.source, "-"), names.get(e.target, "-")
        trig = e.evidence[0].trigger.text if e.evidence else ""
        by = f" by {names.get(e.reported_by, e.reported_by)}" if e.reported_by else ""
        console.print(escape(f"event {e.cameo} {src} → {tgt} [{e.modality}{by}] '{trig}' date={e.date} place={e.place}"))
    for w in record.warnings:
        console.print(f"[yellow]warning:[/yellow] {w}")
