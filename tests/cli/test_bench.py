"""The throughput benchmark runs its three stages on the same articles and reports them."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

from khabar.bench import as_json, bench_articles, format_report, run_benchmark

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("khabar_store_sample", ROOT / "tests" / "store" / "sample.py")
_sample = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_sample)


def test_bench_articles_repeat_with_distinct_ids(tmp_path):
    corpus = _sample.write_txt_corpus(tmp_path / "corpus", 4)
    articles = bench_articles([str(corpus)], 10)
    assert len(articles) == 10
    assert len({a.id for a in articles}) == 10  # every copy is a new article for the store
    assert articles[4].text.endswith(articles[0].text)


def test_three_stages_side_by_side(tmp_path, pipeline):
    corpus = _sample.write_txt_corpus(tmp_path / "corpus", 6)
    db = tmp_path / "bench.db"
    figures = run_benchmark([str(corpus)], n=12, db=db, pipeline=pipeline, say=lambda _m: None)
    names = [s.name for s in figures["stages"]]
    assert names[0].startswith("nlp.pipe") and names[1].startswith("process") and "store" in names[2]
    for stage in figures["stages"]:
        assert stage.articles == 12 and stage.words == figures["words"] > 0
        assert stage.seconds > 0 and stage.cpu_seconds > 0 and stage.peak_rss_mb > 100
    assert 0 < figures["store_write_seconds"] < figures["stages"][2].seconds
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 12
    con.close()
    report = format_report(figures)
    assert "articles/s" in report and "% of extract time" in report
    assert as_json(figures)["stages"][2]["write_seconds"] > 0
