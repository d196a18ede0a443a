"""extract, schema, doctor: the commands every user meets first."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

Model = Annotated[str | None, typer.Option("--model", help="spaCy model name or path")]
Published = Annotated[
    str | None, typer.Option("--published", help="publication date (YYYY-MM-DD) when the input has none")
]
KB = Annotated[list[Path], typer.Option("--kb", help="extra actor knowledge file(s), YAML")]


def settings_from(model=None, kb=(), patterns=()):
    from ..settings import Settings

    return Settings(model=model, kb_paths=tuple(kb or ()), pattern_paths=tuple(patterns or ()))


def extract(
    source: Annotated[str, typer.Argument(help="file to read, or - for stdin")],
    as_json: Annotated[bool, typer.Option("--json", help="print the contract JSON")] = False,
    published: Published = None,
    model: Model = None,
    kb: KB = [],  # noqa: B006 - typer needs a literal default
) -> None:
    """Extract one article and print its record (JSON with --json, else a summary)."""
    from ..ingest import ReadOptions, read_sources
    from ..pipeline import Pipeline, process
    from ..records import Reject

    items = list(read_sources([source], ReadOptions(published=published)))
    rejects = [i for i in items if isinstance(i, Reject)]
    articles = [i for i in items if not isinstance(i, Reject)]
    for r in rejects:
        print(f"khabar: rejected {r.source}{' ' + r.position if r.position else ''}: {r.reason}", file=sys.stderr)
    if not articles:
        raise typer.Exit(1)
    pipeline = Pipeline.load(settings=settings_from(model, kb))
    records = list(process(articles, pipeline))
    if as_json:
        out = [r.to_dict() for r in records]
        print(json.dumps(out[0] if len(out) == 1 else out, ensure_ascii=False, indent=2))
    else:
        from .summary import print_record

        for r in records:
            print_record(r)
    if rejects:
        raise typer.Exit(1)


def schema() -> None:
    """Print the JSON Schema of the output contract."""
    from ..records import json_schema

    print(json.dumps(json_schema(), indent=2))


def doctor(
    db: Annotated[str | None, typer.Option("--db", help="database to check")] = None,
    model: Model = None,
) -> None:
    """Check the installation: python, spaCy, model, data assets, database. Each OK/FAIL with a fix."""
    from .doctor import run_checks

    ok = run_checks(db=db, model=model)
    if not ok:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(extract)
    app.command()(schema)
    app.command()(doctor)
