"""`khabar times`: the time expressions of a text or article with their TIMEX3 values, and the
rule, tense and reference point behind each (thin layer over `khabar.extract.times`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UserError


def register(app: typer.Typer) -> None:
    app.command("times")(times)


def times(
    source: Annotated[str, typer.Argument(help="text to read, or a file path, or - for stdin")],
    published: Annotated[str | None, typer.Option(
        "--published", help="publication date (YYYY-MM-DD) the values are computed against")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object per expression")] = False,
) -> None:
    """Find and normalize time expressions; show which rule found each one and why."""
    import sys

    from ..extract.times import TimeExtractor, parse_published
    from ..nlp import load_spacy

    if source == "-":
        text = sys.stdin.read()
    elif Path(source).is_file():
        text = Path(source).read_text(encoding="utf-8", errors="replace")
    else:
        text = source
    dct = parse_published(published)
    if published and dct is None:
        raise UserError(f"--published {published!r} is not a date (expected YYYY-MM-DD)")
    nlp, _ = load_spacy(None)
    found = TimeExtractor().find_explained(text, dct, nlp(text))
    if not found and not as_json:
        print("no time expressions found")
    for time, why in found:
        if as_json:
            print(json.dumps({**time.model_dump(), **why}, ensure_ascii=False))
        else:
            print(f"{time.id:>4} {time.start:>6}-{time.end:<6} {time.text!r:32} {time.type:9} "
                  f"{time.value or '-':16} rule={why['rule']} tense={why['tense'] or '-'} "
                  f"ref={why['reference'] or '-'}")
