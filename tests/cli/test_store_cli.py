"""ingest / export / stats through the real command line (subprocesses, real SQLite files)."""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from khabar.records import ArticleRecord
from khabar.store import open_store

ROOT = Path(__file__).resolve().parents[2]


def _load_sample():
    # by file path: works whether or not tests/ itself is a package
    spec = importlib.util.spec_from_file_location("khabar_store_sample", ROOT / "tests" / "store" / "sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_sample = _load_sample()
build_record, write_txt_corpus = _sample.build_record, _sample.write_txt_corpus


def khabar(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    # the caller's KHABAR_DB must not leak into tests; a test sets it explicitly when it means to
    full_env = {k: v for k, v in os.environ.items() if k != "KHABAR_DB"} | (env or {})
    return subprocess.run([sys.executable, "-m", "khabar", *map(str, args)], capture_output=True,
                          text=True, env=full_env, cwd=cwd or ROOT, timeout=300)


def last_line(proc: subprocess.CompletedProcess) -> str:
    return proc.stdout.strip().splitlines()[-1]


def table_counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        tables = ("articles", "actors", "mentions", "relations", "quotes", "places",
                  "place_mentions", "times", "events", "event_evidence")
        return {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        con.close()


def test_ingest_summary_rerun_and_reprocess(tmp_path):
    corpus = write_txt_corpus(tmp_path / "corpus", 12)
    db = tmp_path / "k.db"
    first = khabar("ingest", corpus, tmp_path / "missing.txt", "--db", db)
    assert first.returncode == 1, first.stderr  # something was rejected
    assert last_line(first) == "12 stored, 0 unchanged, 1 rejected"
    counts = table_counts(db)
    assert counts["articles"] == 12 and counts["actors"] > 12

    again = khabar("ingest", corpus, env={"KHABAR_DB": str(db)})  # --db defaults to $KHABAR_DB
    assert again.returncode == 0, again.stderr
    assert last_line(again) == "0 stored, 12 unchanged, 0 rejected"
    assert table_counts(db) == counts
    stats = khabar("stats", "--json", env={"KHABAR_DB": str(db)})
    assert json.loads(stats.stdout)["counts"]["articles"] == 12

    redo = khabar("ingest", corpus, "--db", db, "--reprocess")
    assert redo.returncode == 0, redo.stderr
    assert last_line(redo) == "12 stored, 0 unchanged, 0 rejected"
    assert table_counts(db) == counts

    with open_store(db) as store:
        runs = list(store.iter_rows("runs"))
        rejects = list(store.iter_rows("rejects"))
    assert [(r["stored"], r["unchanged"], r["rejected"], r["status"]) for r in runs] == [
        (12, 0, 1, "done"), (0, 12, 0, "done"), (12, 0, 0, "done")]
    # nothing new to extract: the model was never loaded, so no pipeline version was recorded
    assert "|" in runs[0]["pipeline_version"] and "|" not in runs[1]["pipeline_version"]
    assert len(rejects) == 1 and rejects[0]["source"].endswith("missing.txt")
    assert rejects[0]["run_id"] == runs[0]["id"]


@pytest.fixture(scope="module")
def filled_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("export") / "k.db"
    with open_store(db) as store:
        store.write(build_record())
        store.write(build_record(text="Police detained two journalists in Mosul on Friday.",
                                 published="2019-01-02", dates=("2019-01-01", "2019-01-01")))
    return db


def test_stats_prints_counts(filled_db):
    proc = khabar("stats", "--db", filled_db)
    assert proc.returncode == 0, proc.stderr
    assert "2 articles, 6 actors" in proc.stdout
    assert "4 events" in proc.stdout
    assert "quad class 4 (material conflict): 2" in proc.stdout
    assert "top CAMEO roots: 02: 2, 17: 2" in proc.stdout


def test_export_jsonl_csv_tsv_parquet(filled_db, tmp_path):
    outputs = {}
    for fmt in ("jsonl", "csv", "tsv", "parquet"):
        out = tmp_path / f"events.{fmt}"
        proc = khabar("export", "--db", filled_db, "--format", fmt, "--out", out)
        assert proc.returncode == 0, proc.stderr
        assert last_line(proc) == f"4 events rows written to {out}"
        outputs[fmt] = out
    with open(outputs["jsonl"], encoding="utf-8") as fh:
        from_jsonl = [json.loads(line) for line in fh]
    with open(outputs["csv"], newline="", encoding="utf-8") as fh:
        from_csv = list(csv.DictReader(fh))
    with open(outputs["tsv"], newline="", encoding="utf-8") as fh:
        from_tsv = list(csv.DictReader(fh, delimiter="\t"))
    table = pq.read_table(outputs["parquet"])
    from_parquet = table.to_pylist()
    assert str(table.schema.field("goldstein").type) == "double"
    assert str(table.schema.field("quad_class").type) == "int64"
    assert str(table.schema.field("cameo").type) == "string"
    for rows in (from_jsonl, from_csv, from_tsv, from_parquet):
        assert len(rows) == 4
        assert sorted(str(r["cameo"]) for r in rows) == ["0231", "0231", "173", "173"]  # zeros kept
        assert {r["place_name"] for r in rows} == {"Baghdad"}
    assert from_jsonl == from_parquet
    assert from_csv == from_tsv
    assert from_csv[0]["goldstein"] == str(from_jsonl[0]["goldstein"])
    assert not list(tmp_path.glob("*.part"))


def test_export_filters_tables_and_records(filled_db, tmp_path):
    out = tmp_path / "recent.csv"
    proc = khabar("export", "--db", filled_db, "--format", "csv", "--out", out, "--since", "2018-01-01")
    assert proc.returncode == 0, proc.stderr
    with open(out, newline="", encoding="utf-8") as fh:
        assert {r["published_day"] for r in csv.DictReader(fh)} == {"2019-01-02"}

    out = tmp_path / "arrests.jsonl"
    proc = khabar("export", "--db", filled_db, "--format", "jsonl", "--out", out,
                  "--where", "cameo_root=17", "--where", "quad_class=4", "--where", "quad_class=1")
    assert proc.returncode == 0, proc.stderr
    assert {json.loads(line)["cameo"] for line in out.read_text().splitlines()} == {"173"}
    assert last_line(proc) == f"2 events rows written to {out}"

    out = tmp_path / "journalists.csv"  # full-text search: the Mosul article's events only
    proc = khabar("export", "--db", filled_db, "--format", "csv", "--out", out, "--search", "JOURNALIST*")
    assert proc.returncode == 0, proc.stderr
    with open(out, newline="", encoding="utf-8") as fh:
        assert {r["published_day"] for r in csv.DictReader(fh)} == {"2019-01-02"}
    assert last_line(proc) == f"2 events rows written to {out}"

    out = tmp_path / "records.jsonl"
    proc = khabar("export", "--db", filled_db, "--format", "jsonl", "--table", "records", "--out", out)
    assert proc.returncode == 0, proc.stderr
    records = [ArticleRecord.from_dict(json.loads(line)) for line in out.read_text().splitlines()]
    with open_store(filled_db) as store:
        assert records == list(store.iter_records())

    # every flat table, through the library call the command wraps (one subprocess is enough)
    from khabar.export import export

    with open_store(filled_db) as store:
        for table, n in (("actors", 6), ("mentions", 8), ("quotes", 2), ("places", 2), ("times", 2),
                         ("relations", 2), ("articles", 2), ("event_evidence", 4), ("rejects", 0)):
            out = tmp_path / f"{table}.parquet"
            assert export(store, "parquet", out, table=table) == n
            assert pq.read_table(out).num_rows == n, table
    assert "record" not in pq.read_table(tmp_path / "articles.parquet").column_names


@pytest.mark.parametrize("args,message", [
    (["export", "--format", "xml", "--out", "{tmp}/x.xml"], "unknown export format 'xml'"),
    (["export", "--format", "csv", "--table", "secrets", "--out", "{tmp}/x.csv"], "unknown table 'secrets'"),
    (["export", "--format", "csv", "--table", "records", "--out", "{tmp}/x.csv"], "--format jsonl"),
    (["export", "--format", "csv", "--since", "yesterday", "--out", "{tmp}/x.csv"], "YYYY-MM-DD"),
    (["export", "--format", "csv", "--out", "{tmp}/no/such/dir/x.csv"], "does not exist"),
    (["export", "--format", "csv", "--where", "colour=red", "--out", "{tmp}/x.csv"], "no column 'colour'"),
    (["export", "--format", "csv", "--where", "quad_class=four", "--out", "{tmp}/x.csv"], "not a number"),
    (["export", "--format", "csv", "--search", "*", "--out", "{tmp}/x.csv"], "no word to search for"),
    (["export", "--format", "csv", "--table", "runs", "--search", "police", "--out", "{tmp}/x.csv"],
     "cannot search runs"),
    (["stats", "--db", "{tmp}/nothing.db"], "no database at"),
    (["export", "--db", "{tmp}/nothing.db", "--format", "csv", "--out", "{tmp}/x.csv"], "no database at"),
    (["ingest", "examples", "--db", "{tmp}/no/such/dir/k.db"], "does not exist"),
    (["stats", "--db", "{tmp}/not-sqlite.db"], "cannot open database"),
])
def test_user_errors_are_one_line(args, message, filled_db, tmp_path):
    (tmp_path / "not-sqlite.db").write_text("plain text, not a database\n" * 50)
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if args[0] == "export" and "--db" not in args:
        args += ["--db", str(filled_db)]
    proc = khabar(*args)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("khabar: error:") and message in lines[0], lines[0]
    assert not (tmp_path / "nothing.db").exists()  # a typo never creates an empty database


@pytest.mark.slow
def test_ingest_with_workers_stores_the_same_records(tmp_path):
    # --workers: the process pool pulls the reader from its own thread, which checks ids and
    # stores rejects while the main thread writes records (the store serializes them)
    corpus = write_txt_corpus(tmp_path / "corpus", 40)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    first = khabar("ingest", corpus, tmp_path / "missing.txt", "--db", one)
    second = khabar("ingest", corpus, tmp_path / "missing.txt", "--db", two, "--workers", "2")
    for proc in (first, second):
        assert proc.returncode == 1, proc.stderr
        assert last_line(proc) == "40 stored, 0 unchanged, 1 rejected"
    assert table_counts(one) == table_counts(two)
    with open_store(one) as a, open_store(two) as b:
        assert list(a.iter_records()) == list(b.iter_records())
        assert len(list(b.iter_rows("rejects"))) == 1
