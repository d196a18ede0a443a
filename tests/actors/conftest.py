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


@pytest.fixture
def break_shipped_line(tmp_path, monkeypatch):
    """break_shipped_line(file, entry_id, old, new) -> line number: the shipped actor files copied
    to a temporary folder the KB then reads, with ``old`` replaced by ``new`` on the line of
    ``entry_id`` in ``file``."""
    import shutil

    from khabar.knowledge.actors import ACTOR_FILES, DATA_DIR

    for name in ACTOR_FILES:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    monkeypatch.setattr("khabar.knowledge.actors.DATA_DIR", tmp_path)

    def run(file: str, entry_id: str, old: str, new: str) -> int:
        lines = (tmp_path / file).read_text(encoding="utf-8").splitlines(keepends=True)
        number = next(i for i, line in enumerate(lines, 1) if f"id: {entry_id}," in line)
        lines[number - 1] = lines[number - 1].replace(old, new)
        (tmp_path / file).write_text("".join(lines), encoding="utf-8")
        return number

    return run
