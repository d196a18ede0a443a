"""What every extractor sees: the article, its parsed Doc, and the records found so far."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from ..records import Actor, Article, Event, Place, Quote, Relation, Time

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from ..settings import Settings


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: spaCy joins every token on each ``doc.text`` access, so reading
    it inside a per-token or per-cue loop makes a stage quadratic in the article's length."""
    text = doc.user_data.get("khabar_text")
    if text is None:
        text = doc.user_data["khabar_text"] = doc.text
    return text


class Extractor(Protocol):
    """One extraction stage. Built once per `Pipeline`, called once per article."""

    name: str

    def __init__(self, settings: Settings) -> None: ...

    def configure(self, nlp: Language) -> None:
        """Add spaCy components this stage needs (e.g. an entity ruler); may do nothing."""

    def extract(self, ctx: Context) -> list: ...


@dataclass
class Context:
    article: Article
    doc: Doc
    actors: list[Actor] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Free-form notes one stage leaves for a later one (e.g. coref chains, toponym spans that
    # must not become actors). Keys are documented where they are written.
    notes: dict = field(default_factory=dict)
    _mention_index: tuple[list[int], list[tuple[int, int, str]]] | None = None

    # ---- actor lookup by position, used by relations, quotes and events --------------------
    def index_actors(self) -> None:
        """(Re)build the position index after `actors` changes."""
        spans = sorted(
            (m.start, m.end, a.id) for a in self.actors for m in a.mentions
        )
        self._mention_index = ([s for s, _, _ in spans], spans)

    def actor_at(self, start: int, end: int) -> str | None:
        """The actor whose mention overlaps [start, end) the most (ties: the later start)."""
        if self._mention_index is None:
            self.index_actors()
        starts, spans = self._mention_index
        best, best_overlap = None, 0
        # mentions never exceed a few hundred chars, so looking back a bounded window is enough
        i = bisect_right(starts, end) - 1
        while i >= 0 and spans[i][0] > start - 1000:
            s, e, actor = spans[i]
            overlap = min(e, end) - max(s, start)
            if overlap > best_overlap:
                best, best_overlap = actor, overlap
            i -= 1
        return best

    def actor_of_span(self, span: Span | Token) -> str | None:
        if hasattr(span, "idx") and not hasattr(span, "start_char"):
            return self.actor_at(span.idx, span.idx + len(span))
        return self.actor_at(span.start_char, span.end_char)

    def actor(self, actor_id: str | None) -> Actor | None:
        if actor_id is None:
            return None
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None
