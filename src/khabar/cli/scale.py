"""load, link: the commands for corpora beyond one machine. Parsing and printing only; the work is
in khabar.engines.shards, khabar.store and khabar.link_store."""

from __future__ import annotations

import itertools
import json
from typing import Annotated

import typer

from .store import DB, _db, _open_existing, _progress

_LOAD_BATCH = 256  # articles per bulk transaction where the store has one (PostgreSQL)


def _batches(items, size: int):
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _write_batch(store, batch: list, reprocess: bool) -> list:
    """WriteResult or StoreError per record: one bulk transaction (COPY) when the store offers
    it, else one transaction per article."""
    from ..store import StoreError

    if hasattr(store, "write_many"):
        return store.write_many(batch, reprocess=reprocess)
    out = []
    for record in batch:
        try:
            out.append(store.write(record, reprocess=reprocess))
        except StoreError as exc:
            out.append(exc)
    return out


def load(
    shards: Annotated[list[str], typer.Argument(help="Parquet shard files or folders of them")],
    db: DB = None,
    reprocess: Annotated[
        bool, typer.Option("--reprocess", help="replace articles already stored")
    ] = False,
) -> None:
    """Merge Parquet shards (from --engine dask/spark or --shards-dir) into the store.

    Idempotent: an article already stored is left alone, so loading the same shards twice, or
    shards that overlap, never duplicates anything. Ends with "N stored, N unchanged, N rejected".
    """
    from .. import __version__
    from ..engines.shards import read_shards, shard_files
    from ..records import Reject
    from ..store import StoreError, open_store

    files = shard_files(shards)  # a missing path is a user error before the store is touched
    store = open_store(_db(db))
    run_id = store.begin_run({"command": "load", "shards": shards, "reprocess": reprocess},
                             f"khabar {__version__}")
    counts = {"stored": 0, "unchanged": 0, "rejected": 0}
    status = "failed"
    try:
        with _progress("load") as progress:
            task = progress.add_task("load", total=None, detail="")
            for batch in _batches(read_shards(files), _LOAD_BATCH):
                for record, result in zip(batch, _write_batch(store, batch, reprocess), strict=True):
                    if isinstance(result, StoreError):
                        store.write_reject(Reject(source=record.article.origin or record.article.id,
                                                  position=None, reason=str(result)))
                        counts["rejected"] += 1
                    else:
                        counts["unchanged" if result == "unchanged" else "stored"] += 1
                progress.update(task, advance=len(batch), detail=f"{counts['stored']} stored")
        status = "done"
    finally:
        store.end_run(run_id, counts, status)
        store.close()
    print(f"{counts['stored']} stored, {counts['unchanged']} unchanged, {counts['rejected']} rejected")
    if counts["rejected"]:
        raise typer.Exit(1)


def link(
    db: DB = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="forget every cluster and link the whole store again")
    ] = False,
    date_window: Annotated[
        int | None, typer.Option("--date-window", min=0, help="days between dated reports (default 2)")
    ] = None,
    max_km: Annotated[
        float | None, typer.Option("--max-km", min=0, help="km between report places (default 100)")
    ] = None,
    show: Annotated[
        bool, typer.Option("--show", help="print the clusters spanning 2+ articles as JSON lines")
    ] = False,
) -> None:
    """Link reports of the same real-world event across articles into event clusters.

    Incremental: only reports not yet in a cluster are linked; they join existing clusters when
    they match (rules and thresholds: docs/linking.md).
    """
    import dataclasses

    from ..link import LinkThresholds
    from ..link_store import clusters, link_store

    thresholds = LinkThresholds()
    changes = {k: v for k, v in (("date_window_days", date_window), ("max_km", max_km)) if v is not None}
    if changes:
        thresholds = dataclasses.replace(thresholds, **changes)
    with _open_existing(db) as store:
        summary = link_store(store, thresholds, rebuild=rebuild)
        if show:
            for cluster in clusters(store):
                print(json.dumps(cluster))
    print(summary.line())


def register(app: typer.Typer) -> None:
    app.command()(load)
    app.command()(link)
