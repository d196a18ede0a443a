import pytest

from khabar.errors import KnowledgeError
from khabar.geo.regions import REGIONS_FILE, load_regions


def test_team_file_loads_and_has_the_named_regions():
    regions, aliases = load_regions()
    names = {r.name for r in regions}
    for wanted in ("Middle East", "Sahel", "Persian Gulf", "Kurdistan Region", "Gaza Strip",
                   "West Bank", "Donbas"):
        assert wanted in names
    assert any(a.kind == "abbreviation" for a in aliases)
    assert REGIONS_FILE.exists()


def test_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "regions.yaml"
    bad.write_text(
        "regions:\n"
        "  - name: Somewhere\n"
        "    lat: 10.0\n"
        "    lon: 10.0\n"
        "    bbox: [0.0, 0.0, 5.0, 5.0]\n",   # box does not hold the point
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError, match=r"regions\.yaml:2: .*bbox"):
        load_regions(bad)


def test_alias_target_needs_exactly_one_key(tmp_path):
    bad = tmp_path / "regions.yaml"
    bad.write_text("aliases:\n  - names: [Foo]\n    target: {country: USA, admin1: US.CA}\n",
                   encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"regions\.yaml:2: .*exactly one"):
        load_regions(bad)
