"""A readable summary of one `ArticleRecord` for the terminal."""

from __future__ import annotations

from rich.console import Console
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
        console.print(f"relation: {names.get(r.source, r.source)} {r.type} {names.get(r.target, r.target or r.value)}")
    for q in record.quotes:
        who = names.get(q.speaker) or q.speaker_text or "?"
        console.print(f"quote ({q.kind}) {who} [{q.cue}]: {q.content.text[:100]}")
    for p in record.places:
        console.print(f"place: {p.name} ({p.feature}, {p.country}) {p.lat},{p.lon}")
    for t in record.times:
        console.print(f"time: {t.text!r} → {t.type} {t.value}")
    for e in record.events:
        src, tgt = names.get(e.source, "-"), names.get(e.target, "-")
        trig = e.evidence[0].trigger.text if e.evidence else ""
        console.print(f"event {e.cameo} {src} → {tgt} [{e.modality}] '{trig}' date={e.date}")
    for w in record.warnings:
        console.print(f"[yellow]warning:[/yellow] {w}")
