"""Actors tests run the real pipeline limited to the stages they test (actors, relations), so a
later stage in progress cannot fail them; the model is still loaded once per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def actors_pipeline():
    from khabar.pipeline import Pipeline
    from khabar.settings import Settings

    return Pipeline.load(settings=Settings(extractors=("actors", "relations")))


@pytest.fixture
def extract(actors_pipeline, validate):
    from khabar.ingest import make_article
    from khabar.pipeline import process

    def run(text: str, published: str | None = "2024-03-15", **kw):
        record = next(process([make_article(text, published=published, **kw)], actors_pipeline))
        validate(record)
        assert not record.warnings, record.warnings
        return record

    return run


@pytest.fixture
def extract_all(pipeline, validate):
    """The whole pipeline (quotes and events included); `extract` stops at relations."""
    from khabar.ingest import make_article
    from khabar.pipeline import process

    def run(text: str):
        record = next(process([make_article(text, published="2024-03-15")], pipeline))
        validate(record)
        return record

    return run
