"""Codebook, PLOVER mapping, patterns and embedding table: shipped data is valid, bad data is
reported with file:line."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from khabar.errors import KnowledgeError
from khabar.knowledge.cameo import load_codebook
from khabar.knowledge.cameo.patterns import load_pattern_file, load_patterns

from ..conftest import eval_path


def test_codebook_covers_every_root_with_goldstein_and_quad():
    book = load_codebook()
    assert len(book) >= 290
    assert book.roots() == [f"{r:02d}" for r in range(1, 21)]
    assert book.get("173").name.startswith("Arrest") and book.get("173").goldstein == -5.0
    assert book.get("057").quad == 1 and book.get("190").quad == 4
    assert book.get("0841").plover.type == "RETREAT" and book.get("0841").plover.mode == "release"
    assert len(book.types) == 16


def test_codebook_agrees_with_reference_conversion_table():
    table = eval_path("plover-gsr", "CAMEO2PLOVER-2021.txt")
    book = load_codebook()
    checked = 0
    for line in table.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)", line)
        if m:
            assert m.group(1) in book, f"missing {m.group(1)}"
            assert book.get(m.group(1)).plover.type == m.group(2), m.group(1)
            checked += 1
    assert checked > 200


def test_codebook_error_names_file_and_line(tmp_path):
    codes = tmp_path / "codes.yaml"
    codes.write_text('codes:\n- {code: "01", name: "Statement", goldstein: 0.0, quad: 1}\n'
                     '- {code: "190", name: "Fight", goldstein: -10.0, quad: 2}\n')
    from khabar.knowledge.cameo.codebook import PLOVER_FILE

    with pytest.raises(KnowledgeError) as err:
        load_codebook(codes, PLOVER_FILE)
    assert f"{codes}:3" in str(err.value)


def test_shipped_patterns_are_many_and_cover_all_roots():
    patterns = load_patterns()
    assert len(patterns) >= 1000
    by_root = Counter(p.cameo[:2] for p in patterns.patterns)
    assert set(by_root) == {f"{r:02d}" for r in range(1, 21)}
    assert min(by_root.values()) >= 20
    assert patterns.embedded_code("refuse", "0841") == "1243"
    assert patterns.embedded_code("intent", "062") == "0312"
    assert patterns.embedded_code("intent", "060") == "031"  # falls back to the root prefix


def test_pattern_file_errors_name_file_and_line(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text('patterns:\n- {cameo: "190", verb: attack}\n- {cameo: "999", verb: bomb}\n')
    with pytest.raises(KnowledgeError) as err:
        load_pattern_file(f)
    assert f"{f}:3" in str(err.value) and "999" in str(err.value)
    f.write_text('patterns:\n- {cameo: "190", verb: attack, noun: attack}\n')
    with pytest.raises(KnowledgeError) as err:
        load_pattern_file(f)
    assert f"{f}:2" in str(err.value)
    f.write_text('patterns:\n- {cameo: "190", verb: fire, prep: on}\n')
    with pytest.raises(KnowledgeError) as err:
        load_pattern_file(f)
    assert "quote" in str(err.value)


def test_user_pattern_file_is_added_and_duplicates_rejected(tmp_path):
    f = tmp_path / "extra.yaml"
    f.write_text('patterns:\n- {cameo: "1823", verb: liquidate}\n')
    patterns = load_patterns([f])
    assert patterns.candidates("verb", "liquidate")[0].id == "cameo-1823/liquidate"
    f.write_text('patterns:\n- {cameo: "173", verb: arrest}\n')
    with pytest.raises(KnowledgeError) as err:
        load_patterns([f])
    assert "duplicate pattern id" in str(err.value) and f"{f}:2" in str(err.value)
