"""ingest, export, stats: the commands around the store. Parsing and printing only; the work is
in khabar.ingest, khabar.engines, khabar.store and khabar.export."""

from __future__ import annotations

import dataclasses
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UserError
from .core import KB, Model, Published, settings_from

DB = Annotated[
    str | None,
    typer.Option("--db", help="database file or postgresql:// URL (default: $KHABAR_DB or ./khabar.db)"),
]
_READ_BATCH = 64  # articles looked up in the store at once before NLP


def _db(db: str | None) -> str:
    from ..settings import default_db

    return db or default_db()


def _open_existing(db: str | None):
    """Open a store that must already exist (export, stats): never create an empty one by typo."""
    from ..store import open_store

    target = _db(db)
    if "://" not in target and not Path(target).exists():
        raise UserError(f"no database at {target} (run `khabar ingest` first, or pass --db)")
    return open_store(target)


def _progress(label: str):
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(stderr=True)
    return Progress(
        SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[detail]}"), TimeElapsedColumn(),
        console=console, transient=True, disable=not console.is_terminal,
    )


def _parse_fields(fields: list[str]) -> dict[str, str]:
    """["text=body", "published=date"] → {"text": "body", "published": "date"}."""
    mapping = {}
    for item in fields:
        key, sep, column = item.partition("=")
        if not sep or not key or not column:
            raise UserError(f"--field expects NAME=COLUMN (e.g. text=body), got {item!r}")
        mapping[key.strip()] = column.strip()
    return mapping


def _read_options(glob: str, exclude: list[str], published: str | None, fields: list[str] = (),
                  max_chars: int | None = None, input_format: str | None = None,
                  languages: str | None = None):
    from ..ingest import ReadOptions

    kwargs = {"glob": glob, "published": published, "fields": _parse_fields(list(fields))}
    if max_chars is not None:
        kwargs["max_chars"] = max_chars
    if input_format:
        kwargs["format"] = input_format
    if languages is not None:
        kwargs["languages"] = tuple(x.strip() for x in languages.split(",") if x.strip())
    if exclude:
        if "exclude" not in {f.name for f in dataclasses.fields(ReadOptions)}:
            raise UserError("--exclude is not supported by this version of the readers")
        kwargs["exclude"] = tuple(exclude)
    return ReadOptions(**kwargs)


class _Feed:
    """Reads sources, stores rejects, and yields only articles not stored yet (cheap resume).

    With --workers the process pool pulls this generator from its own thread, so it only touches
    the store through its locked methods and keeps its own counters.
    """

    def __init__(self, store, items, reprocess: bool, progress, task):
        self.store, self.items, self.reprocess = store, items, reprocess
        self.progress, self.task = progress, task
        self.unchanged = self.rejected = self.seen = 0

    def __iter__(self) -> Iterator:
        from ..records import Reject

        ids_this_run: set[str] = set()
        it = iter(self.items)
        while batch := list(itertools.islice(it, _READ_BATCH)):
            self.seen += len(batch)
            articles = []
            for item in batch:
                if isinstance(item, Reject):
                    self.store.write_reject(item)
                    self.rejected += 1
                    self.progress.advance(self.task)
                else:
                    articles.append(item)
            known = set() if self.reprocess else self.store.known_ids(a.id for a in articles)
            for article in articles:
                if article.id in known or article.id in ids_this_run:
                    self.unchanged += 1  # already stored, or repeated in this input
                    self.progress.advance(self.task)
                    continue
                ids_this_run.add(article.id)
                yield article
        self.progress.update(self.task, total=self.seen)


def ingest(
    sources: Annotated[list[str], typer.Argument(help="files, directories, archives, or - for stdin")],
    db: DB = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="processes for NLP")] = 1,
    reprocess: Annotated[
        bool, typer.Option("--reprocess", help="replace articles already stored (atomically, per article)")
    ] = False,
    glob: Annotated[str, typer.Option("--glob", help="files to read in directories")] = "*",
    exclude: Annotated[list[str], typer.Option("--exclude", help="files to skip (glob; repeatable)")] = [],  # noqa: B006
    published: Published = None,
    model: Model = None,
    kb: KB = [],  # noqa: B006 - typer needs a literal default
    engine: Annotated[str, typer.Option("--engine", help="local, dask or spark (see docs/scaling.md)")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="address of a running Dask scheduler")] = None,
    shard: Annotated[str | None, typer.Option("--shard", help="i/N: only this job-array shard of the input")] = None,
    shards_dir: Annotated[Path | None, typer.Option("--shards-dir", help="also keep Parquet shards here (for khabar load)")] = None,
    field: Annotated[list[str], typer.Option("--field", help="json/csv field names: NAME=COLUMN, NAME in text/title/url/published/id/source (repeatable)")] = [],  # noqa: B006
    max_chars: Annotated[int | None, typer.Option("--max-chars", min=1, help="reject longer articles (default 1,000,000)")] = None,
    input_format: Annotated[str | None, typer.Option("--format", help="read every file as this format (text, markdown, html, json, jsonl, csv, tsv, feed, warc, gz, zip, tar)")] = None,
    languages: Annotated[str | None, typer.Option("--languages", help="accepted languages, comma-separated ISO 639-1 (default en; empty string: no check)")] = None,
) -> None:
    """Read SOURCES, extract every new article and store its records.

    Ends with "N stored, N unchanged, N rejected"; exits 1 when anything was rejected.
    """
    from .. import __version__
    from ..engines import check_engine, run_engine
    from ..engines.shards import parse_shard_spec
    from ..ingest import read_sources
    from ..records import Reject
    from ..store import StoreError, open_store

    options = _read_options(glob, exclude, published, field, max_chars, input_format, languages)
    settings = settings_from(model, kb)
    args = {"sources": sources, "workers": workers, "reprocess": reprocess, "glob": glob,
            "exclude": exclude, "published": published, "model": model,
            "kb": [str(k) for k in kb], "engine": engine, "scheduler": scheduler, "shard": shard,
            "shards_dir": str(shards_dir) if shards_dir else None}
    shard_spec = parse_shard_spec(shard) if shard else None
    check_engine(engine, scheduler)
    store = open_store(_db(db))
    run_id = store.begin_run(args, f"khabar {__version__}")
    stored = failed = unchanged = 0
    status = "failed"
    feed = None
    try:
        with _progress("ingest") as progress:
            task = progress.add_task("ingest", total=None, detail="")
            feed = _Feed(store, read_sources(sources, options), reprocess, progress, task)
            articles = iter(feed)
            first = next(articles, None)  # nothing new: no model to load at all
            if first is not None:
                pipeline = None
                if workers <= 1 and engine == "local":
                    from ..pipeline import Pipeline

                    pipeline = Pipeline.load(settings=settings)
                    store.set_pipeline_version(run_id, f"khabar {__version__}|{pipeline.version}")
                records = run_engine(itertools.chain([first], articles), settings, engine, workers,
                                     scheduler=scheduler, shards_dir=shards_dir, shard=shard_spec,
                                     pipeline=pipeline)
                for record in records:
                    try:
                        result = store.write(record, reprocess=reprocess)
                    except StoreError as exc:
                        store.write_reject(Reject(source=record.article.origin or record.article.id,
                                                  position=None, reason=str(exc)))
                        failed += 1
                    else:
                        if result == "unchanged":
                            unchanged += 1
                        else:
                            stored += 1
                    progress.update(task, advance=1, detail=f"{stored} stored")
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        counts = {
            "stored": stored,
            "unchanged": unchanged + (feed.unchanged if feed else 0),
            "rejected": failed + (feed.rejected if feed else 0),
        }
        store.end_run(run_id, counts, status)
        store.close()
    print(f"{counts['stored']} stored, {counts['unchanged']} unchanged, {counts['rejected']} rejected")
    if counts["rejected"]:
        raise typer.Exit(1)


def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv, tsv, parquet, gdelt, icews, acled, polecat, geojson, gexf")],
    out: Annotated[Path, typer.Option("--out", help="file to write")],
    table: Annotated[str, typer.Option("--table", help="events, actors, quotes, places, times, relations, articles, mentions, rejects, records, …")] = "events",
    since: Annotated[str | None, typer.Option("--since", help="first day (YYYY-MM-DD), inclusive")] = None,
    until: Annotated[str | None, typer.Option("--until", help="last day (YYYY-MM-DD), inclusive")] = None,
    where: Annotated[list[str], typer.Option("--where", help="COLUMN=VALUE equality filter on the table (events for the event formats); repeatable, repeated columns match any value")] = [],  # noqa: B006
    search: Annotated[str | None, typer.Option("--search", help='only articles whose title or text match, and their rows: words ANDed, "quoted phrases", trailing * = prefix; case and accents do not count')] = None,
    db: DB = None,
) -> None:
    """Write one table (or the full records) to a file, streaming."""
    from ..export import export as run_export
    from ..export import unit

    with _open_existing(db) as store, _progress(f"export {table}") as progress:
        filters = {"since": since, "until": until, "q": search, **_where(store, table, fmt, where)}
        task = progress.add_task("export", total=None, detail="")
        n = run_export(store, fmt, out, table=table, filters=filters,
                       tick=lambda k: progress.advance(task, k))
    print(f"{n} {unit(fmt, table)} written to {out}")


def _where(store, table: str, fmt: str, conditions: list[str]) -> dict:
    """--where COLUMN=VALUE pairs as store filters, values typed like their column."""
    if not conditions:
        return {}
    filtered = "events" if fmt in ("gdelt", "icews", "acled", "polecat", "gexf") else table
    if filtered == "records":
        raise UserError("--where filters a flat table; --table records only takes --since/--until/--search")
    types = dict(store.columns(filtered))
    found: dict[str, list] = {}
    for condition in conditions:
        column, sep, value = condition.partition("=")
        column = column.strip()
        if not sep or not column:
            raise UserError(f"--where takes COLUMN=VALUE, got {condition!r}")
        if column not in types:
            raise UserError(f"--where: {filtered} has no column {column!r}; columns: {', '.join(types)}")
        try:
            typed = int(value) if types[column] == "int" else float(value) if types[column] == "real" else value
        except ValueError:
            raise UserError(f"--where {column}: {value!r} is not a number") from None
        found.setdefault(column, []).append(typed)
    return {k: v[0] if len(v) == 1 else v for k, v in found.items()}


def stats(
    db: DB = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the figures as JSON")] = False,
) -> None:
    """Counts: articles, actors, events by quad class, top CAMEO roots, rejects, last runs."""
    with _open_existing(db) as store:
        figures = store.stats()
    if as_json:
        print(json.dumps(figures, indent=2))
        return
    _print_stats(figures)


QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict", 0: "unclassified"}


def _print_stats(figures: dict) -> None:
    out = sys.stdout
    c = figures["counts"]
    print(f"database {figures['database']}", file=out)
    print(
        f"  {c['articles']} articles, {c['actors']} actors ({c['mentions']} mentions), "
        f"{c['relations']} relations, {c['quotes']} quotes, {c['places']} places, {c['times']} times",
        file=out,
    )
    print(f"  {c['events']} events ({c['event_evidence']} evidence sentences)", file=out)
    for quad, n in figures["events_by_quad_class"].items():
        print(f"    quad class {quad} ({QUAD_NAMES.get(int(quad), '?')}): {n}", file=out)
    if figures["events_by_modality"]:
        mods = ", ".join(f"{m} {n}" for m, n in figures["events_by_modality"].items())
        print(f"    modality: {mods}", file=out)
    if figures["top_cameo_roots"]:
        roots = ", ".join(f"{root}: {n}" for root, n in figures["top_cameo_roots"])
        print(f"  top CAMEO roots: {roots}", file=out)
    print(f"  {c['rejects']} rejects", file=out)
    if figures["last_runs"]:
        print("  last runs:", file=out)
        for r in figures["last_runs"]:
            print(
                f"    #{r['id']} {r['started']} {r['status']}: {r['stored']} stored, "
                f"{r['unchanged']} unchanged, {r['rejected']} rejected",
                file=out,
            )


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(export)
    app.command()(stats)
