"""`khabar serve`: the explorer (read-only API + pages) over one store: a SQLite file or a
PostgreSQL database (``--db postgresql://…``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import UserError
from ..settings import default_db
from ..store import store_target


def serve(
    db: Annotated[str | None, typer.Option("--db", help="store to explore, read-only: SQLite file (or sqlite:///path) or postgresql:// URL")] = None,
    host: Annotated[str, typer.Option("--host", help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port", min=1, max=65535)] = 8000,
    index: Annotated[bool, typer.Option(
        "--index/--no-index",
        help="first add the explorer's indexes to the database (one short write; p95 of the "
             "facets and network drops several-fold on large stores, see benchmarks/api.py)")] = True,
) -> None:
    """Serve the explorer: JSON API (OpenAPI at /docs) and pages (timeline, map, network, ...)."""
    import uvicorn

    from ..serve.app import create_app
    from ..serve.assets import assets_ready, vendor_dir

    target = store_target(db or default_db())  # sqlite:///path → path; other URLs: a UserError
    is_url = "://" in target
    path = Path(target)
    if index and (is_url or path.is_file()):
        from ..serve.indexes import create_indexes

        try:
            print(f"khabar: {create_indexes(target if is_url else path)}")
        except UserError as exc:  # a read-only copy of a store is still worth exploring
            print(f"khabar: warning: {exc}; serving without the explorer indexes")
    app = create_app(target if is_url else path)
    shown = app.state.db.path  # a URL without its password
    if not assets_ready(vendor_dir()):
        print(f"khabar: warning: explorer assets missing in {vendor_dir()}; run `khabar setup` "
              "(the API works, the map/timeline/network pages need them)")
    if not index and "explorer_events_day" not in app.state.db.indexes:
        print("khabar: tip: `khabar serve` without --no-index adds indexes that make facets, the timeline and "
              "the network much faster on large stores")
    print(f"khabar: serving {shown} read-only at http://{host}:{port}/ (API docs at /docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command()(serve)
