"""One event with everything an analyst format needs: its flat ``events`` row (filters, dates,
denormalised codes), its article record (actors, places, the text its evidence points into).

``iter_events(store, filters)`` streams events in (article, event) order and loads each article's
record once, so memory holds one article at a time whatever the database size.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..records import Actor, ArticleRecord, Event, Place
from ..store import Store

# modalities of events that happened: what the dataset-shaped formats (GDELT, ICEWS, ACLED, the
# network) count; negated and hypothetical events stay in the store, jsonl and polecat exports
HAPPENED = ("asserted", "reported")


@dataclass
class EventView:
    row: dict[str, Any]
    record: ArticleRecord
    event: Event
    _actors: dict[str, Actor] = field(default_factory=dict, repr=False)
    _places: dict[str, Place] = field(default_factory=dict, repr=False)

    def actor(self, actor_id: str | None) -> Actor | None:
        return self._actors.get(actor_id) if actor_id else None

    @property
    def source(self) -> Actor | None:
        return self.actor(self.event.source)

    @property
    def target(self) -> Actor | None:
        return self.actor(self.event.target)

    @property
    def place(self) -> Place | None:
        return self._places.get(self.event.place) if self.event.place else None

    @property
    def day(self) -> str | None:
        """The event's first possible day, else the article's publication day (YYYY-MM-DD)."""
        return self.row.get("date_start") or self.row.get("published_day")

    @property
    def sentences(self) -> list[str]:
        """The evidence sentences, each once, in order of appearance."""
        text = self.record.article.text
        spans = sorted({(e.sentence.start, e.sentence.end) for e in self.event.evidence})
        return [text[s:e].strip() for s, e in spans if e > s]

    @property
    def numeric_id(self) -> int:
        """A stable 60-bit integer id for formats that need numbers (GDELT GlobalEventID)."""
        key = f"{self.record.article.id}:{self.event.id}".encode()
        return int(hashlib.sha1(key).hexdigest()[:15], 16)


def iter_events(store: Store, filters: dict[str, Any] | None = None) -> Iterator[EventView]:
    record: ArticleRecord | None = None
    events: dict[str, Event] = {}
    actors: dict[str, Actor] = {}
    places: dict[str, Place] = {}
    for row in store.iter_rows("events", filters or {}):
        if record is None or record.article.id != row["article_id"]:
            record = store.get_record(row["article_id"])
            if record is None:  # deleted between the two reads: skip its rows
                continue
            events = {e.id: e for e in record.events}
            actors = {a.id: a for a in record.actors}
            places = {p.id: p for p in record.places}
        event = events.get(row["event_id"])
        if event is not None:
            yield EventView(row, record, event, actors, places)
