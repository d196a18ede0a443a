"""PETRARCH dictionary import, tested on the Phoenix/PETRARCH files in ../shared/eval/petrarch."""

from __future__ import annotations

import pytest
import yaml
from tests.conftest import eval_path

from khabar.errors import UserError
from khabar.knowledge.actors import load_kb_files
from khabar.knowledge.petrarch import convert_files, parse_code


def test_parse_code_dates():
    assert parse_code("IGOUNO >20070101").start == "2007-01-01"
    r = parse_code("AFGGOV 331108-730717")
    assert (r.start, r.end) == ("1933-11-08", "1973-07-17")
    assert parse_code("USRARM <900823").end == "1990-08-23"
    assert parse_code("AFGGOVLAB >100201").start == "2010-02-01"
    assert parse_code("---").code == "---"
    with pytest.raises(ValueError):
        parse_code("KORGOVBUS 2004017-20061201")


def test_validation_dictionaries():
    base = eval_path("petrarch")
    result = convert_files([base / "PETR.Validate.actors.txt", base / "PETR.Validate.agents.txt"])
    by_name = {a.name: a for a in result.actors}
    assert by_name["Hamas"].code == "PSEREBHMS"
    assert by_name["Denmark"].kind == "country"
    assert set(by_name["Denmark"].aliases) >= {"Danish", "Zealand"}
    roles = {r.noun: r.sector for r in result.roles}
    assert roles["police"] == "COP" and roles["foreign minister"] == "GOV"
    # substitution sets: CONGRESS!PERSON! → congressman, congresswoman, …
    assert roles["congressman"] == "LEG" and roles["congresswoman"] == "LEG"
    # every skipped line is reported with file:line, nothing silently dropped
    assert all(":" in s for s in result.skipped)


def test_phoenix_dictionaries_counts_and_dated_roles():
    base = eval_path("petrarch")
    intl = convert_files([base / "Phoenix.International.actors.txt"])
    assert len(intl.actors) > 7000
    ban = next(a for a in intl.actors if "Ban Ki-Moon" in a.aliases)
    assert ban.kind == "person"
    assert any(r.code == "IGOUNO" and r.start == "2007-01-01" and r.end is None for r in ban.roles)
    assert any("2004017-20061201" in s for s in intl.skipped)  # malformed date: reported
    mil = convert_files([base / "Phoenix.MilNonState.actors.txt"])
    assert len(mil.actors) > 1000
    agents = convert_files([base / "Phoenix.agents.txt"])
    assert len(agents.roles) > 3000
    assert {r.noun: r.sector for r in agents.roles}["farmer"] == "AGR"


def test_converted_file_loads_as_user_kb(tmp_path):
    base = eval_path("petrarch")
    result = convert_files([base / "Phoenix.MilNonState.actors.txt", base / "PETR.Validate.agents.txt"])
    path = tmp_path / "petrarch.yaml"
    path.write_text(result.to_yaml(), encoding="utf-8")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert len(data["actors"]) == len(result.actors)
    kb = load_kb_files([path])
    assert kb.lookup("Abu Nidal Organization").code == "IMGMUSALQ"


def test_cli_import(tmp_path, capsys):
    from khabar.cli import main

    base = eval_path("petrarch")
    out = tmp_path / "kb.yaml"
    with pytest.raises(SystemExit) as exit_:
        main(["kb", "import-petrarch", str(base / "PETR.Validate.actors.txt"), "-o", str(out)])
    assert exit_.value.code in (0, None)
    assert "actors" in capsys.readouterr().err
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["actors"]


def test_missing_file_is_a_user_error(tmp_path):
    with pytest.raises(UserError):
        convert_files([tmp_path / "nope.actors"])
