"""Shared fixtures: the loaded pipeline (once per session), schema validation, eval data paths."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from khabar.records import ArticleRecord, json_schema

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def pipeline():
    from khabar.pipeline import Pipeline

    return Pipeline.load()


@pytest.fixture(scope="session")
def schema_validator():
    return jsonschema.Draft202012Validator(json_schema())


@pytest.fixture
def validate(schema_validator):
    """validate(record) asserts the record's JSON is valid against the contract schema."""

    def check(record: ArticleRecord | dict) -> dict:
        data = record.to_dict() if isinstance(record, ArticleRecord) else record
        errors = sorted(schema_validator.iter_errors(data), key=lambda e: list(e.path))
        assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
        return data

    return check


@pytest.fixture
def extract(pipeline, validate):
    """extract(text, published=...) -> validated ArticleRecord, through the real pipeline."""
    from khabar.ingest import make_article
    from khabar.pipeline import process

    def run(text: str, published: str | None = "2024-03-15", **kw) -> ArticleRecord:
        record = next(process([make_article(text, published=published, **kw)], pipeline))
        validate(record)
        return record

    return run


def eval_path(*parts: str) -> Path:
    """Path into ../shared/eval; the calling test is skipped when the folder is absent."""
    path = EVAL.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"evaluation data not available: {path}")
    return path
