"""ICEWS coded event data layout (Dataverse files): 20 tab-separated columns with a header row.
Column sources and losses: docs/exports.md#icews."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..store import Store
from .event_view import HAPPENED, EventView
from .shaped import export_shaped, one_line, only_events
from .tables import country, sectors

COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude",
)
DTYPES: dict[str, str] = {
    "Event ID": "string", "Event Date": "string", "CAMEO Code": "string", "Intensity": "float64",
    "Story ID": "string", "Sentence Number": "Int64", "Latitude": "float64", "Longitude": "float64",
}
DTYPES.update({c: "string" for c in COLUMNS if c not in DTYPES})


@lru_cache(maxsize=1)
def _codebook():
    from ..knowledge.cameo import default_codebook

    return default_codebook()


def _event_text(code: str) -> str | None:
    book = _codebook()
    while code:
        if code in book:
            return book.get(code).name
        code = book.parent(code) or ""
    return None


def _actor(actor) -> list[Any]:
    if actor is None:
        return [None, None, None]
    table = sectors()
    names = [table[s].name if s in table else s for s in actor.sectors]
    c = country(actor.country)
    return [actor.name, ",".join(names) or None, c.name if c else None]


def _sentence_number(view: EventView) -> int | None:
    """1-based number of the first evidence sentence, counted by sentence ends before it."""
    if not view.event.evidence:
        return None
    start = min(ev.sentence.start for ev in view.event.evidence)
    before = view.record.article.text[:start]
    # count sentence-final punctuation followed by a space or newline: a fair count for news prose
    n = sum(before.count(p) for p in (". ", "? ", "! ", ".\n", "?\n", "!\n", '." ', '."\n'))
    return n + 1


def to_row(view: EventView) -> list[Any] | None:
    if view.event.modality not in HAPPENED:
        return None  # negated or hypothetical: the dataset's rows are events that happened
    e, a, place = view.event, view.record.article, view.place
    day = view.day
    if day is None:
        return None
    city = district = province = None
    if place is not None:
        if place.feature == "city" or place.feature == "other":
            city, province = place.name, place.admin1
        elif place.feature == "admin2":
            district, province = place.name, place.admin1
        elif place.feature == "admin1":
            province = place.name
    c = country(place.country) if place else None
    return [
        f"{a.id}-{e.id}", day, *_actor(view.source), one_line(_event_text(e.cameo)), e.cameo,
        e.goldstein, *_actor(view.target), a.id, _sentence_number(view), one_line(a.source),
        city, district, province, c.name if c else None,
        place.lat if place else None, place.lon if place else None,
    ]


def export(store: Store, out: Path, *, table: str, filters: dict, fmt: str,
           tick: Callable[[int], None]) -> int:
    only_events(table, fmt)
    return export_shaped(store, out, filters, tick, COLUMNS, to_row, header=True)
