from __future__ import annotations

import pytest

from khabar.records import ArticleRecord

from .sample import build_record


@pytest.fixture
def record() -> ArticleRecord:
    return build_record()
