"""`khabar bench`: the throughput benchmark (khabar.bench) from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from .core import Model


def bench(
    sources: Annotated[list[str] | None, typer.Argument(help="articles to repeat (default: examples/)")] = None,
    n: Annotated[int, typer.Option("--n", min=1, help="number of articles")] = 500,
    model: Model = None,
    db: Annotated[Path | None, typer.Option("--db", help="keep the stage-3 database here (default: a temp file)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the figures as JSON")] = False,
) -> None:
    """Throughput side by side: bare nlp.pipe, process (extract only), extract + store."""
    from ..bench import as_json as figures_json
    from ..bench import format_report, run_benchmark
    from ..errors import UserError

    if not sources:
        default = Path("examples")
        if not default.is_dir():
            raise UserError("no examples/ folder here; pass the articles to benchmark")
        sources = [str(default)]
    if db is not None and db.exists():
        raise UserError(f"--db {db} exists; the benchmark needs a fresh database")
    figures = run_benchmark(sources, n=n, model=model, db=db)
    print(json.dumps(figures_json(figures), indent=2) if as_json else format_report(figures))


def register(app: typer.Typer) -> None:
    app.command()(bench)
