"""Fixtures for the events tests: a parsed Context with controlled quotes, times and places,
so the coder is tested on its own logic; and end-to-end runs through the real pipeline."""

from __future__ import annotations

import pytest

from khabar.extract.actors import ActorExtractor
from khabar.extract.base import Context
from khabar.extract.events import EventExtractor
from khabar.ingest import make_article
from khabar.settings import Settings


@pytest.fixture(scope="session")
def actor_stage():
    return ActorExtractor(Settings())


@pytest.fixture(scope="session")
def nlp(actor_stage):
    """The spaCy model with what the actors stage adds to it; loaded here rather than through
    the shared pipeline so these tests only depend on the stages they exercise."""
    from khabar.nlp import load_spacy

    model, _ = load_spacy(None)
    actor_stage.configure(model)
    return model


@pytest.fixture(scope="session")
def event_extractor():
    return EventExtractor(Settings())


@pytest.fixture
def code(nlp, actor_stage, event_extractor):
    """code(text, quotes=..., times=..., places=...) -> (events, ctx, names) where names maps
    actor id -> name. Actors come from the foundation named-entity extractor."""

    def run(text: str, published: str | None = "2024-03-15", quotes=(), times=(), places=()):
        article = make_article(text, published=published)
        ctx = Context(article=article, doc=nlp(article.text))
        ctx.actors = actor_stage.extract(ctx)
        ctx.index_actors()
        ctx.quotes, ctx.times, ctx.places = list(quotes), list(times), list(places)
        events = event_extractor.extract(ctx)
        names = {a.id: a.name for a in ctx.actors}
        return events, ctx, names

    return run


def span_of(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)
