import pytest
from pydantic import BaseModel

from khabar.errors import KnowledgeError
from khabar.knowledge import load_csv_records, load_yaml_records


class Entry(BaseModel):
    name: str
    code: str
    aliases: list[str] = []


def test_yaml_error_names_file_and_line(tmp_path):
    f = tmp_path / "kb.yaml"
    f.write_text("- name: Alpha\n  code: AAA\n- name: Beta\n  aliases: [b]\n")
    with pytest.raises(KnowledgeError) as err:
        load_yaml_records(f, Entry)
    assert f"{f}:3" in str(err.value) and "code" in str(err.value)


def test_yaml_syntax_error_has_line(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("- name: A\n  code: [x\n")
    with pytest.raises(KnowledgeError) as err:
        load_yaml_records(f, Entry)
    assert str(f) in str(err.value)


def test_yaml_loads_valid_entries(tmp_path):
    f = tmp_path / "kb.yaml"
    f.write_text("entries:\n- name: Alpha\n  code: AAA\n  aliases: [A]\n")
    (entry,) = load_yaml_records(f, Entry, key="entries")
    assert entry.aliases == ["A"]


def test_csv_error_names_line(tmp_path):
    f = tmp_path / "kb.csv"
    f.write_text("name,code\nAlpha,AAA\nBeta,\n")
    with pytest.raises(KnowledgeError) as err:
        load_csv_records(f, Entry)
    assert f"{f}:3" in str(err.value)
