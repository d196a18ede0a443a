"""`khabar.geo.explain` and the `khabar geo` commands."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from khabar.cli import app
from khabar.geo.explain import explain, explain_text

TEXT = ("KYIV (Reuters) - Russian forces shelled the Kherson region overnight, and fighting "
        "continued near Bakhmut, officials said. In Georgia, protesters marched in Tbilisi.")


@pytest.fixture(scope="module")
def entries(pipeline):
    return explain_text(TEXT, pipeline)


def test_candidates_and_score_parts(entries):
    by_text = {e["text"]: e for e in entries}
    assert by_text["KYIV"]["source"] == "dateline"
    kherson = by_text["Kherson region"]
    assert kherson["cue"] == "area" and kherson["query"] == "Kherson"
    best, runner_up = kherson["candidates"][:2]
    assert best["feature"] == "admin1" and runner_up["feature"] == "city"
    assert best["score"] > runner_up["score"]
    assert best["parts"]["cue"] > 0 > runner_up["parts"]["cue"]
    assert best["score"] == pytest.approx(sum(best["parts"].values()), abs=0.01)
    georgia = by_text["Georgia"]["candidates"]
    assert georgia[0]["country"] == "GEO" and georgia[1]["country"] == "USA"
    assert "Russian" not in by_text


def test_explain_record_is_readable(extract, pipeline):
    record = extract(TEXT)
    text = explain(record, pipeline)
    assert "“Kherson region”" in text and "→" in text and "cue +2.50" in text


def test_cli_lookup(gazetteer_path, monkeypatch):
    monkeypatch.setenv("KHABAR_DATA", str(gazetteer_path.parent))
    runner = CliRunner()
    result = runner.invoke(app, ["geo", "lookup", "Georgia", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {r["country"] for r in rows} == {"USA", "GEO"}
    result = runner.invoke(app, ["geo", "lookup", "Kher", "--search"])
    assert result.exit_code == 0 and "UKR" in result.output
    result = runner.invoke(app, ["geo", "lookup", "Xyzzyville"])
    assert result.exit_code != 0
