"""Adjectives the gazetteer does not list resolve to the place they come from
(`khabar.geo.demonyms`), and the extractor still keeps them out of its output. Team-written
snippets."""

from __future__ import annotations

import pytest

from khabar.geo.demonyms import base_names, demonym_readings
from khabar.geo.resolve import Resolver, Toponym


@pytest.mark.parametrize(("adjective", "base"), [
    ("Sicilian", "Sicily"),
    ("Bosnian", "Bosnia"),
    ("Havanese", "Havana"),
    ("Serb", "Serbia"),
    ("Kazakh", "Kazakhstan"),
    ("Polish", "Poland"),
    ("Central American", "Central America"),
    ("ABKHAZ", "ABKHAZIA"),
    ("Texan", "Texas"),
    ("Ontarian", "Ontario"),
    ("Iowans", "Iowa"),       # the people, plural
])
def test_derivations_are_undone(adjective, base):
    assert base in base_names(adjective)


def test_odd_input_gives_no_names():
    assert base_names("") == []
    assert base_names("the") == []  # lower case: not a name
    assert base_names("Sicily2") == []
    assert "Ia" not in base_names("Ian")  # too short a stem to undo "-n" from


def test_readings_are_large_places_marked_as_demonyms(gazetteer):
    sicily = demonym_readings(gazetteer, "Sicilian")
    assert sicily and sicily[0].country == "ITA" and sicily[0].feature == "admin1"
    assert all(c.match == 4 for c in sicily)
    havana = demonym_readings(gazetteer, "Havanese")
    # the capital, not the two small American towns named Havana
    assert [c.country for c in havana if c.feature == "city"] == ["CUB"]
    assert demonym_readings(gazetteer, "Glorbian") == []
    iowa = demonym_readings(gazetteer, "Iowans")
    assert iowa and iowa[0].feature == "admin1" and iowa[0].admin1 == "Iowa"


def test_resolver_reads_an_unlisted_adjective_as_its_place(gazetteer):
    text = "The Sicilian harvest failed, and Bosnian farmers sold less wheat."
    names = ["Sicilian", "Bosnian"]
    tops = []
    for name in names:
        start = text.index(name)
        tops.append(Toponym(name, start, start + len(name), name))
    sicily, bosnia = Resolver(gazetteer).resolve(tops, text)
    assert sicily.best.country == "ITA" and sicily.best.match == 4
    assert bosnia.best.country == "BIH" and bosnia.best.geonames_id is not None


def test_extractor_stays_demonym_free(extract):
    record = extract("Sicilian growers met Bosnian buyers in Palermo on Monday.")
    names = {p.name for p in record.places}
    assert "Palermo" in names
    assert not any(m.text in ("Sicilian", "Bosnian") for p in record.places for m in p.mentions)
