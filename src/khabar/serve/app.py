"""The explorer: a read-only JSON API over the store (OpenAPI at /docs) and the offline pages
that use it. ``create_app(db_path)`` builds the FastAPI app; ``khabar serve`` runs it.

Every list takes the same paging (``size``, ``next``) and ``format`` (json | csv | ndjson);
errors are ``{"error": "..."}`` with a 4xx status and never take the server down.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from string import Template
from typing import Annotated, Any

import orjson
from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from .aggregates import article_detail, facet, network, stats
from .assets import vendor_dir
from .db import ApiError, Database, Limits, open_database
from .filters import (
    ActorFilters,
    ArticleFilters,
    EventFilters,
    FacetParams,
    NetworkParams,
    Page,
    PlaceFilters,
    QuoteFilters,
    RelationFilters,
)
from .listings import (
    Cond,
    Listing,
    actor_conds,
    article_conds,
    event_conds,
    fetch_page,
    listings,
    place_conds,
    quote_conds,
    relation_conds,
)

STATIC = Path(__file__).resolve().parent / "static"
# Each page is pages/<name>.html (its <title>, the vendor scripts it needs, then its <main>) put
# into the one shell all pages share (pages/shell.html: head, header, common.js, /static/<name>.js).
PAGE_DIR = Path(__file__).resolve().parent / "pages"
PAGES = ("index", "events", "article", "timeline", "map", "network")


def render_page(name: str) -> str:
    """The full HTML of one page: its own part (everything before <main> goes into <head>)."""
    own = (PAGE_DIR / f"{name}.html").read_text(encoding="utf-8")
    head, main_tag, main = own.partition("<main>")
    if not main_tag:
        raise RuntimeError(f"{PAGE_DIR / (name + '.html')} has no <main>")
    shell = Template((PAGE_DIR / "shell.html").read_text(encoding="utf-8"))
    return shell.substitute(head=head, main=main_tag + main, name=name)


class ErrorBody(BaseModel):
    error: str


class ListBody(BaseModel):
    rows: list[dict[str, Any]]
    next: str | None
    count: int


class FacetBody(BaseModel):
    by: str
    split: str | None
    total: int
    truncated: bool
    buckets: list[dict[str, Any]]


class NetworkBody(BaseModel):
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ErrorBody}, 404: {"model": ErrorBody}}
LIST_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    200: {"content": {"text/csv": {"schema": {"type": "string"}},
                      "application/x-ndjson": {"schema": {"type": "string"}}}},
}


def _json(data: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type="application/json")


def _csv_line(values: list[Any]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(["" if v is None else v for v in values])
    return buf.getvalue()


def _stream(db: Database, listing: Listing, conds: list[Cond], params: Page) -> Response:
    """The whole filtered list as CSV (flat columns) or NDJSON (the JSON row shape), fetched in
    keyset batches so memory stays flat and each SQL statement stays under the time limit. The
    first batch is read before the response starts, so a bad request still gets a clean 4xx."""
    batch = db.limits.export_batch
    with db.connect() as con:
        first, token = fetch_page(db, con, listing, conds, batch, params.next)

    def batches() -> Iterator[list[dict[str, Any]]]:
        yield first
        nonlocal token
        if token is None:
            return
        with db.connect() as con:
            while token is not None:
                rows, token = fetch_page(db, con, listing, conds, batch, token)
                yield rows

    def ndjson() -> Iterator[bytes]:
        try:
            for rows in batches():
                yield b"".join(orjson.dumps(listing.shape(r)) + b"\n" for r in rows)
        except ApiError as exc:  # a later batch over the time limit: say so in-band
            yield orjson.dumps({"error": exc.message}) + b"\n"

    def csv_text() -> Iterator[str]:
        header: list[str] | None = None
        for rows in batches():
            out = []
            for r in rows:
                if header is None:
                    header = list(r)
                    out.append(_csv_line(header))
                out.append(_csv_line([r.get(k) for k in header]))
            yield "".join(out)

    if params.format == "ndjson":
        return StreamingResponse(ndjson(), media_type="application/x-ndjson")
    return StreamingResponse(csv_text(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="khabar.csv"'})


def connection(request: Request) -> Iterator[sqlite3.Connection]:
    """One read-only connection per request (cheap in SQLite, and nothing is shared across threads)."""
    with request.app.state.db.connect() as con:
        yield con


Con = Annotated[sqlite3.Connection, Depends(connection)]


def _page_route(html: str) -> Callable[[], HTMLResponse]:
    def serve_page() -> HTMLResponse:
        return HTMLResponse(html)

    return serve_page


def create_app(db_path: str | Path, limits: Limits | None = None) -> FastAPI:
    """The explorer app for one store, opened read-only: a SQLite file, or a PostgreSQL URL
    (``postgresql://…``)."""
    db = open_database(db_path, limits)
    lists = listings(db.dialect)
    app = FastAPI(
        title="khabar explorer API",
        version=__version__,
        description="Read-only access to a khabar store: articles, actors, events, quotes, places, "
                    "relations; filters, facets, keyset paging, CSV/NDJSON streams.",
    )
    app.state.db = db

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> Response:
        return _json({"error": exc.message}, exc.status)

    @app.exception_handler(RequestValidationError)
    async def bad_params(_: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors()[:3]:
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path"))
            parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else err.get("msg", "invalid"))
        return _json({"error": "; ".join(parts) or "invalid request"}, 400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> Response:
        message = "not found" if exc.status_code == 404 else str(exc.detail)
        return _json({"error": message}, exc.status_code)

    def listing_response(request: Request, con: sqlite3.Connection, listing: Listing,
                         conds_of: Callable[[Any], list[Cond]], params: Page) -> Response:
        conds = conds_of(params, db.dialect)
        if params.format != "json":
            return _stream(db, listing, conds, params)
        rows, token = fetch_page(db, con, listing, conds, params.size, params.next)
        body: dict[str, Any] = {"rows": [listing.shape(r) for r in rows], "next": token, "count": len(rows)}
        if token:
            body["next_url"] = str(request.url.include_query_params(next=token))
        return _json(body)

    list_options: dict[str, Any] = {"responses": LIST_RESPONSES, "response_model": ListBody}

    @app.get("/api/events", tags=["lists"], **list_options)
    def list_events(request: Request, con: Con, params: Annotated[EventFilters, Query()]) -> Response:
        """Events, newest event day first."""
        return listing_response(request, con, lists["events"], event_conds, params)

    @app.get("/api/articles", tags=["lists"], **list_options)
    def list_articles(request: Request, con: Con, params: Annotated[ArticleFilters, Query()]) -> Response:
        """Articles, newest publication day first."""
        return listing_response(request, con, lists["articles"], article_conds, params)

    @app.get("/api/actors", tags=["lists"], **list_options)
    def list_actors(request: Request, con: Con, params: Annotated[ActorFilters, Query()]) -> Response:
        """Actors by canonical name, alphabetically (the most active: /api/events/facets?by=actor)."""
        return listing_response(request, con, lists["actors"], actor_conds, params)

    @app.get("/api/quotes", tags=["lists"], **list_options)
    def list_quotes(request: Request, con: Con, params: Annotated[QuoteFilters, Query()]) -> Response:
        """Quotes with their speakers, latest stored first."""
        return listing_response(request, con, lists["quotes"], quote_conds, params)

    @app.get("/api/places", tags=["lists"], **list_options)
    def list_places(request: Request, con: Con, params: Annotated[PlaceFilters, Query()]) -> Response:
        """Places by GeoNames id (or name when unresolved), most often named first."""
        return listing_response(request, con, lists["places"], place_conds, params)

    @app.get("/api/relations", tags=["lists"], **list_options)
    def list_relations(request: Request, con: Con, params: Annotated[RelationFilters, Query()]) -> Response:
        """Relations between actors (leader_of, member_of, ...), latest stored first."""
        return listing_response(request, con, lists["relations"], relation_conds, params)

    # Aggregates return orjson responses directly: FastAPI's generic encoder costs more than the
    # SQL on a timeline of a few thousand buckets. The models only document the shape.
    @app.get("/api/events/facets", tags=["aggregates"], responses=ERRORS, response_model=FacetBody)
    def event_facets(con: Con, params: Annotated[FacetParams, Query()]) -> Response:
        """Counts of the filtered events by day, month, type, country, actor, place ..."""
        return _json(facet(db, con, params))

    @app.get("/api/network", tags=["aggregates"], responses=ERRORS, response_model=NetworkBody)
    def actor_network(con: Con, params: Annotated[NetworkParams, Query()]) -> Response:
        """Actor network of the filtered events: nodes, event edges and relation edges."""
        return _json(network(db, con, params))

    @app.get("/api/stats", tags=["aggregates"], responses=ERRORS, response_model=dict[str, Any])
    def store_stats(con: Con) -> Response:
        """Row counts, publication span, events per quad class, recent ingest runs."""
        return _json(stats(db, con))

    @app.get("/api/articles/{article_id}", tags=["records"], responses=ERRORS, response_model=dict[str, Any])
    def get_article(con: Con, article_id: Annotated[str, PathParam(max_length=64)]) -> Response:
        """One article's full record (the output contract JSON) as stored."""
        if not all(c in "0123456789abcdefABCDEF" for c in article_id) or not article_id:
            raise ApiError(404, "no article with that id (ids are hexadecimal)")
        return _json(article_detail(db, con, article_id))

    # -- pages --------------------------------------------------------------------------------
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    vendor = vendor_dir()
    if vendor.is_dir():
        app.mount("/vendor", StaticFiles(directory=vendor), name="vendor")
    else:
        @app.get("/vendor/{name}", include_in_schema=False)
        def vendor_missing(name: str) -> Response:
            return _json({"error": f"explorer assets not built at {vendor}; run `khabar setup`"}, 404)

    pages = {page: render_page(page) for page in PAGES}  # once: the files do not change
    app.add_api_route("/", _page_route(pages["index"]), include_in_schema=False, methods=["GET"])
    for page, html in pages.items():
        app.add_api_route(f"/{page}.html", _page_route(html), include_in_schema=False, methods=["GET"])

    return app
