"""`khabar ingest` passes reader options through: field names, size limit, format, languages."""

import json
import subprocess
import sys


def khabar(*args, cwd):
    return subprocess.run([sys.executable, "-m", "khabar", *args], cwd=cwd, capture_output=True, text=True)


def test_field_mapping_and_max_chars(tmp_path):
    table = tmp_path / "wire.csv"
    table.write_text(
        "headline,body,day\n"
        '"Port strike","Workers at the port of Mombasa walked out on Monday over unpaid wages, union leaders said.",2024-02-05\n'
    )
    db = str(tmp_path / "k.db")
    missing = khabar("ingest", str(table), "--db", db, cwd=tmp_path)
    assert missing.returncode == 1 and missing.stdout.strip().endswith("0 stored, 0 unchanged, 1 rejected")
    short = khabar("ingest", str(table), "--db", db, "--field", "text=body", "--max-chars", "20", cwd=tmp_path)
    assert short.returncode == 1 and "1 rejected" in short.stdout
    ok = khabar("ingest", str(table), "--db", db, "--field", "text=body", "--field", "title=headline",
                "--field", "published=day", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    out = tmp_path / "a.jsonl"
    assert khabar("export", "--format", "jsonl", "--table", "articles", "--db", db, "--out", str(out), cwd=tmp_path).returncode == 0
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert row["title"] == "Port strike" and row["published"].startswith("2024-02-05")


def test_bad_field_option_is_one_line_error(tmp_path):
    r = khabar("ingest", "x.csv", "--db", str(tmp_path / "k.db"), "--field", "bogus", cwd=tmp_path)
    assert r.returncode != 0 and "Traceback" not in r.stderr and "NAME=COLUMN" in r.stderr


def test_format_and_languages_options(tmp_path):
    odd = tmp_path / "story.data"
    odd.write_text("<html><body><p>Villagers in the north of the country said soldiers burned their homes on Friday night.</p></body></html>")
    db = str(tmp_path / "k.db")
    r = khabar("ingest", str(odd), "--db", db, "--format", "html", "--languages", "en", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    bad = khabar("ingest", str(odd), "--db", db, "--format", "pdf", cwd=tmp_path)
    assert bad.returncode != 0 and "unknown format" in bad.stderr
