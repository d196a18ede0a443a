"""`khabar setup`: build the data assets khabar needs at run time (gazetteer, explorer assets).

Each builder is "module:function" taking (data_dir: Path, force: bool) and returning a short
description; a builder whose module is not installed is reported and skipped.
"""

from __future__ import annotations

import importlib
import time
from pathlib import Path
from typing import Annotated

import typer

from ..settings import data_dir

BUILDERS: dict[str, str] = {
    "gazetteer": "khabar.geo.build:build_gazetteer",
    "explorer": "khabar.serve.assets:build_assets",
}


def setup(
    force: Annotated[bool, typer.Option("--force", help="rebuild assets that already exist")] = False,
    only: Annotated[list[str], typer.Option("--only", help="build only these assets")] = [],  # noqa: B006
) -> None:
    """Build data assets (gazetteer, explorer assets) into $KHABAR_DATA (default ~/.local/share/khabar)."""
    target = data_dir()
    target.mkdir(parents=True, exist_ok=True)
    for name, ref in BUILDERS.items():
        if only and name not in only:
            continue
        module, _, fn = ref.partition(":")
        try:
            builder = getattr(importlib.import_module(module), fn)
        except (ImportError, AttributeError):
            print(f"skip  {name}: not part of this installation")
            continue
        t = time.perf_counter()
        detail = builder(Path(target), force)
        print(f"ok    {name}: {detail} ({time.perf_counter() - t:.1f} s)")


def register(app: typer.Typer) -> None:
    app.command()(setup)
