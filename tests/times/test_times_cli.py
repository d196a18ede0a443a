"""`khabar times`: prints each expression with its value and the rule behind it; a bad
publication date is a one-line error."""

from __future__ import annotations

import json

import pytest

from khabar.cli import main


def test_times_command_prints_values_and_rules(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["times", "Rebels left on Monday; the previous day they shelled the town.",
              "--published", "2015-06-15", "--json"])
    assert exit_info.value.code == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["text"], r["value"], r["rule"]) for r in rows] == [
        ("Monday", "2015-06-15", "date-weekday"),
        ("the previous day", "2015-06-14", "date-relative-unit"),
    ]
    assert rows[1]["reference"] == "2015-06-15"


def test_times_command_rejects_a_bad_date(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["times", "Rebels left on Monday.", "--published", "2015-13-01"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a date" in err
