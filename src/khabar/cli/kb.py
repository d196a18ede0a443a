"""``khabar kb``: work with actor knowledge files (import PETRARCH dictionaries, check files)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

kb_app = typer.Typer(help="Actor knowledge base: import and check KB files.", no_args_is_help=True)


@kb_app.command("import-petrarch")
def import_petrarch(
    files: Annotated[list[Path], typer.Argument(help="PETRARCH .actors / .agents files")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="write YAML here (default: stdout)")] = None,
) -> None:
    """Convert Phoenix/PETRARCH actor and agent dictionaries into a khabar KB file (--kb)."""
    from ..knowledge.petrarch import convert_files

    result = convert_files(files)
    text = result.to_yaml()
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
    print(f"khabar: {len(result.actors)} actors, {len(result.roles)} role nouns; "
          f"{len(result.skipped)} lines skipped", file=sys.stderr)
    for reason in result.skipped[:10]:
        print(f"  skipped {reason}", file=sys.stderr)


@kb_app.command("check")
def check(files: Annotated[list[Path], typer.Argument(help="KB YAML files to validate")]) -> None:
    """Validate KB files together with the shipped KB; prints file:line of the first error."""
    from ..knowledge.actors import load_kb_files

    kb = load_kb_files(files)
    print(f"ok: {len(kb.entries)} actors, {len(kb.roles)} role nouns, {len(kb.countries)} countries")


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")
