"""Fixtures of the times tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def times_pipeline():
    """The real spaCy pipeline with only the times stage: these tests stay independent of the
    other extractors (the events stage dates events with these times, not the reverse)."""
    from khabar.pipeline import Pipeline
    from khabar.settings import Settings

    return Pipeline.load(settings=Settings(extractors=("times",)))
