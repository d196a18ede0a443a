"""The ``khabar`` command: a thin Typer layer. Each area registers its commands from its module;
no extraction logic lives here. User errors print one line on stderr and exit non-zero."""

from __future__ import annotations

import importlib
import sys

import typer

from ..errors import UserError

app = typer.Typer(
    name="khabar",
    help="News articles in, sourced political event data out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module defines ``register(app)``. Order = order in --help.
COMMAND_MODULES = ("core", "setup_assets", "store", "serve", "bench", "kb", "scale", "events", "geo", "times")


def _register() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(app)


_register()


def main(argv: list[str] | None = None) -> None:
    try:
        app(args=argv, standalone_mode=True)
    except UserError as exc:
        print(f"khabar: error: {exc}", file=sys.stderr)
        sys.exit(2)
