"""The time lexicon and rules load, and bad knowledge files fail with file:line."""

from __future__ import annotations

import pytest

from khabar.errors import KnowledgeError
from khabar.extract.timex_normalize import NORMALIZERS
from khabar.knowledge.time import LEXICON_PATH, RULES_PATH, load_time_knowledge


def test_shipped_knowledge_loads():
    knowledge = load_time_knowledge(NORMALIZERS)
    assert knowledge.lookup("months", "Sept.").number == 9
    assert knowledge.lookup("hijri_months", "Ramadan").number == 9
    assert {r.norm for r in knowledge.rules} <= set(NORMALIZERS)


def _rules_with(tmp_path, rule: str):
    path = tmp_path / "rules.yaml"
    path.write_text("fragments:\n  DAYNUM: '\\d+'\nrules:\n" + rule)
    return path


def test_unknown_normalizer_names_rule_line(tmp_path):
    path = _rules_with(tmp_path, "  - id: ok\n    type: DATE\n    norm: calendar\n    pattern: '{YEARNUM}'\n"
                                 "  - id: broken\n    type: DATE\n    norm: no_such\n    pattern: 'x'\n")
    with pytest.raises(KnowledgeError) as err:
        load_time_knowledge(NORMALIZERS, rules_path=path)
    # YEARNUM is not defined in this file: the first rule already fails, on its own line
    assert f"{path}:4" in str(err.value) and "YEARNUM" in str(err.value)


def test_unknown_norm_is_reported(tmp_path):
    path = _rules_with(tmp_path, "  - id: broken\n    type: DATE\n    norm: no_such\n    pattern: 'x'\n")
    with pytest.raises(KnowledgeError) as err:
        load_time_knowledge(NORMALIZERS, rules_path=path)
    assert f"{path}:4" in str(err.value) and "no_such" in str(err.value)


def test_bad_regex_is_reported(tmp_path):
    path = _rules_with(tmp_path, "  - id: broken\n    type: DATE\n    norm: calendar\n    pattern: '(unclosed'\n")
    with pytest.raises(KnowledgeError) as err:
        load_time_knowledge(NORMALIZERS, rules_path=path)
    assert f"{path}:4" in str(err.value) and "bad regex" in str(err.value)


def test_bad_rule_type_is_reported(tmp_path):
    path = _rules_with(tmp_path, "  - id: broken\n    type: WHEN\n    norm: calendar\n    pattern: 'x'\n")
    with pytest.raises(KnowledgeError) as err:
        load_time_knowledge(NORMALIZERS, rules_path=path)
    assert f"{path}:4" in str(err.value) and "type" in str(err.value)


def test_lexicon_entry_out_of_range_names_line(tmp_path):
    text = LEXICON_PATH.read_text().replace("{number: 12, forms: [December, Dec.]}",
                                            "{number: 13, forms: [December, Dec.]}")
    path = tmp_path / "lexicon.yaml"
    path.write_text(text)
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "December" in s)
    with pytest.raises(KnowledgeError) as err:
        load_time_knowledge(NORMALIZERS, lexicon_path=path, rules_path=RULES_PATH)
    assert f"{path}:{line}" in str(err.value) and "number" in str(err.value)


def test_lexicon_form_with_two_meanings_names_line(tmp_path):
    text = LEXICON_PATH.read_text().replace("{number: 6, forms: [June, Jun.]}",
                                            "{number: 6, forms: [June, Jun., July]}")
    path = tmp_path / "lexicon.yaml"
    path.write_text(text)
    with pytest.raises(KnowledgeError) as err:
        load_time_knowledge(NORMALIZERS, lexicon_path=path, rules_path=RULES_PATH)
    assert str(path) in str(err.value) and "'July'" in str(err.value)
