"""Helpers for ingest tests: read sources and split the results into articles and rejects."""

from __future__ import annotations

import pytest

from khabar.ingest import ReadOptions, read_sources
from khabar.records import Article, Reject

# Team-written snippets, long enough for the language check to judge them.
STORY_A = (
    "Police fired tear gas at several hundred protesters in the port city of Dalmar on Monday, "
    "witnesses said, after a rally against rising fuel prices turned violent."
)
STORY_B = (
    "The foreign ministers of both countries met in Geneva on Thursday and agreed to reopen their "
    "embassies, a joint statement said, ending a two-year diplomatic freeze."
)
STORY_C = (
    "Rebel fighters seized the northern town of Kessa after two days of heavy fighting, the army "
    "said on Sunday, and thousands of residents fled towards the border."
)
FRENCH = (
    "La police a tiré des gaz lacrymogènes sur des centaines de manifestants dans la ville portuaire "
    "lundi, selon des témoins, après un rassemblement contre la hausse des prix du carburant."
)


def split(items) -> tuple[list[Article], list[Reject]]:
    items = list(items)
    articles = [i for i in items if isinstance(i, Article)]
    rejects = [i for i in items if isinstance(i, Reject)]
    assert len(articles) + len(rejects) == len(items)
    return articles, rejects


@pytest.fixture
def read():
    """read(*sources, **ReadOptions fields) -> (articles, rejects)."""

    def run(*sources, **options):
        return split(read_sources([str(s) for s in sources], ReadOptions(**options)))

    return run
