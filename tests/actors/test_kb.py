"""The actor KB: library-built countries, shipped files, validation errors, user files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from khabar.errors import KnowledgeError
from khabar.knowledge.actors import load_kb, load_kb_files
from khabar.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_every_iso_country_has_alpha3_name_and_most_have_demonym_and_capital(kb):
    assert len(kb.countries) >= 249
    with_demonym = sum(1 for c in kb.countries.values() if c.demonyms)
    with_capital = sum(1 for c in kb.countries.values() if c.capitals)
    assert with_demonym >= 230 and with_capital >= 230


@pytest.mark.parametrize("text, alpha3", [
    ("Rwandan", "RWA"), ("Rwandans", "RWA"), ("Kigali", "RWA"), ("Congolese", "COD"),
    ("Americans", "USA"), ("U.S.", "USA"), ("Britain", "GBR"), ("the Kremlin", "RUS"),
    ("South Koreans", "KOR"), ("Emirati", "ARE"), ("Washington", "USA"), ("Iran", "IRN"),
])
def test_country_for(kb, text, alpha3):
    assert kb.country_for(text) == alpha3


def test_demonyms_are_not_places(kb):
    assert kb.is_demonym("Kenyan") and kb.is_demonym("Sudanese")
    assert not kb.is_demonym("Kenya") and not kb.is_demonym("Nairobi")
    assert kb.capital_country("Jerusalem") is None  # claimed by two countries


def test_role_nouns(kb):
    assert kb.role_sector("soldiers") == "MIL"
    assert kb.role_sector("prime minister") == "GOV"
    assert kb.role_sector("policemen") == "COP"
    assert kb.role("the weather") is None
    assert kb.code_for("KEN", "GOV") == "KENGOV"


def test_groups_cover_every_region_with_codes(kb):
    groups = [e for e in kb.entries.values() if e.region and not e.code.startswith(("IGO", "NGO"))]
    assert len(groups) >= 150
    regions = Counter(e.region for e in groups)
    for region in ("africa", "mena", "asia", "europe", "americas"):
        assert regions[region] >= 25, regions
    assert kb.lookup("Houthis").code == "YEMREB"
    assert kb.lookup("M23").backers == ["RWA"]
    assert "al-qaeda" in kb.lookup("JNIM").umbrella
    assert kb.lookup("NATO").code.startswith("IGO")


def test_shared_alias_lists_every_entry(kb):
    ids = {e.id for e in kb.lookup_all("RSF")}
    assert {"rsf-sudan", "rsf"} <= ids


def test_load_kb_is_cached_per_settings():
    assert load_kb(Settings()) is load_kb(Settings())
    assert load_kb(Settings(kb_paths=(EXAMPLES / "kb-example.yaml",))) is not load_kb(Settings())


def test_example_user_file_adds_entries_roles_and_metonyms():
    kb = load_kb_files([EXAMPLES / "kb-example.yaml"])
    assert kb.lookup("the Brigades").code == "IRQREB"
    assert kb.role_sector("tribal elders") == "CVL"
    assert kb.metonym("Green Zone") == ("IRQ", "GOV")


@pytest.mark.parametrize("body, line, message", [
    ("- {id: x1, name: X, code: bad}\n", 1, "code"),
    ("- {id: ok, name: Fine}\n- {id: x2, name: Y, country: ZZZ}\n", 2, "unknown country"),
    ("- {id: x3, name: Z, umbrella: [nobody]}\n", 1, "umbrella"),
    ("actors:\n  - {id: x4, name: Q}\nstuff: []\n", 1, "unknown top-level"),
    ("- {id: x5, name: [unclosed\n", 2, "YAML"),  # where the parser notices it
])
def test_bad_user_file_names_file_and_line(tmp_path, body, line, message):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        load_kb_files([path])
    assert f"bad.yaml:{line}" in str(err.value) and message in str(err.value)


def test_cli_check_reports_bad_file_in_one_line(tmp_path, capsys):
    from khabar.cli import main

    path = tmp_path / "bad.yaml"
    path.write_text("- {id: x1, name: X, sectors: [rebels]}\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["kb", "check", str(path)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("khabar: error:") and "bad.yaml:1" in err and "\n" not in err
