"""Quotes need the stages up to quotes only; a session pipeline without the later stages keeps
these tests independent of work in progress on places, times and events."""

import pytest


@pytest.fixture(scope="session")
def pipeline():
    from khabar.pipeline import Pipeline
    from khabar.settings import Settings

    return Pipeline.load(settings=Settings(extractors=("actors", "relations", "quotes")))
