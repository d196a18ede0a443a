"""PlaceExtractor on team-written snippets: recognition, demonyms, ambiguous names, context."""

from __future__ import annotations

import pytest

from khabar.errors import UserError
from khabar.extract.places import PlaceExtractor
from khabar.settings import Settings


@pytest.fixture(scope="module")
def places(pipeline, gazetteer_path):
    extractor = PlaceExtractor(Settings(gazetteer=gazetteer_path))

    def run(text: str) -> dict[str, tuple]:
        """mention text → (name, feature, country, admin1) of the chosen place."""
        out = {}
        for m in extractor.resolve_doc(pipeline.nlp(text)):
            p = m.place
            out[m.text] = (p.name, p.feature, p.country, p.admin1) if p else None
        return out

    return run


def test_missing_gazetteer_names_setup(tmp_path):
    with pytest.raises(UserError, match="khabar setup"):
        PlaceExtractor(Settings(gazetteer=tmp_path / "none.sqlite"))


def test_dateline_and_demonym_free(places):
    found = places("NAIROBI (Reuters) - Kenyan police fired tear gas at protesters on Monday, "
                   "and Sudanese refugees arrived in Turkana county.")
    assert found["NAIROBI"][:3] == ("Nairobi", "city", "KEN")
    assert found["Turkana county"][1:3] == ("admin1", "KEN")
    assert not any(k in found for k in ("Kenyan", "Sudanese"))


def test_region_patterns_the_model_misses(places):
    found = places("Rebels attacked a village in the Beni territory of North Kivu province. "
                   "Local officials in Beni said 12 people died.")
    assert found["Beni territory"][1:3] == ("admin2", "COD")
    assert found["North Kivu province"][1:3] == ("admin1", "COD")
    assert found["Beni"][:3] == ("Beni", "city", "COD")
    found = places("Russian forces shelled the Kherson region overnight, the governor said.")
    assert found["Kherson region"][1:3] == ("admin1", "UKR")
    assert "Russian" not in found


@pytest.mark.parametrize("text, mention, expected", [
    # Jordan: the country, the river, a person
    ("King Abdullah of Jordan met Israeli officials in Amman on Sunday.", "Jordan",
     ("country", "JOR")),
    ("Farmers near the Jordan River said the water level had dropped again.", "Jordan River",
     ("other", None)),
    # Georgia: the country or the US state, by the other places of the article
    ("Protesters gathered in Tbilisi, the capital of Georgia, to oppose the law.", "Georgia",
     ("country", "GEO")),
    ("The governor of Georgia spoke in Atlanta about the storm; Savannah was spared.", "Georgia",
     ("admin1", "USA")),
    # Split and Nice: Croatian and French cities, whatever their population rank elsewhere
    ("Ferry services between Split and Hvar were suspended, the Croatian coast guard said.",
     "Split", ("city", "HRV")),
    ("Thousands marched in Nice and Marseille on Saturday.", "Nice", ("city", "FRA")),
    # a qualifier names the area: Paris, Texas is not Paris, France
    ("A tornado damaged homes in Paris, Texas, on Tuesday night.", "Paris", ("city", "USA")),
    ("Police in Springfield, Ill., arrested two men on Friday.", "Springfield", ("city", "USA")),
])
def test_ambiguous_names_decided_by_context(places, text, mention, expected):
    found = places(text)
    assert found[mention][1:3] == expected


def test_qualifier_picks_the_state(places):
    assert places("Police in Springfield, Ill., arrested two men.")["Springfield"][3] == "Illinois"
    assert places("Officials in Springfield, Mass., closed schools.")["Springfield"][3] == \
        "Massachusetts"


def test_words_and_people_are_not_places(places):
    found = places("Michael Jordan scored 40 points. Jordan later said the team played well. "
                   "The coalition could split over the budget; it was a nice try.")
    assert found == {}


def test_pipeline_record_has_places(extract):
    record = extract("BEIRUT (Reuters) - Israeli jets struck targets near Tyre in southern "
                     "Lebanon on Monday, and fighting continued in the Gaza Strip.")
    by_name = {p.name: p for p in record.places}
    assert by_name["Beirut"].country == "LBN" and by_name["Beirut"].geonames_id
    assert by_name["Tyre"].country == "LBN"
    assert by_name["Gaza Strip"].country == "PSE"
    for p in record.places:
        for m in p.mentions:
            assert record.article.text[m.start:m.end] == m.text


def test_names_agree_with_each_other(places):
    # neither name alone says which Paris or which Henry County: together they do (Tennessee)
    found = places("Teachers from Paris and Henry County schools toured the new arts academy "
                   "on Wednesday.")
    assert found["Paris"][2:] == ("USA", "Tennessee")
    assert found["Henry County"][2:] == ("USA", "Tennessee")


def test_places_inside_other_names(places):
    found = places("The Fargo Police Department said two men were arrested. In Charleston, "
                   "W.Va., the city council met on Monday.")
    assert found["Fargo"][1:3] == ("city", "USA")
    assert found["W.Va."][:3] == ("West Virginia", "admin1", "USA")
    assert found["Charleston"][3] == "West Virginia"
    # a generic head word of a facility is no place
    found = places("Residents met at the North Community Center on Tuesday.")
    assert "North" not in found


def test_extractor_pickles_for_worker_processes(gazetteer_path):
    import pickle

    extractor = PlaceExtractor(Settings(gazetteer=gazetteer_path))
    clone = pickle.loads(pickle.dumps(extractor))
    assert clone.gazetteer.lookup("Kyiv")[0].country == "UKR"


def test_country_the_model_called_an_organization(places):
    found = places("The DPRK said on Monday that it would test more missiles.")
    assert found["DPRK"][:3] == ("North Korea", "country", "PRK")


def test_generic_head_words_and_local_athens(places):
    # "Northeast Georgia" as a whole is in no gazetteer; Georgia and Athens then agree
    found = places("Storms hit Northeast Georgia on Monday, and schools in Athens closed early.")
    assert found["Georgia"][1:] == ("admin1", "USA", "Georgia")
    assert found["Athens"][1:] == ("city", "USA", "Georgia")
    assert places("Athens and Thessaloniki saw strikes on Monday.")["Athens"][2] == "GRC"


@pytest.mark.parametrize("text, mention, expected", [
    ("Shelling hit the city of Kherson again on Sunday.", "Kherson", ("city", "UKR")),
    ("Shelling hit the Kherson region again on Sunday.", "Kherson region", ("admin1", "UKR")),
    ("Fighting spread across Nineveh governorate, officials in Mosul said.",
     "Nineveh governorate", ("admin1", "IRQ")),
    ("Militants attacked Baghdad on Friday.", "Baghdad", ("city", "IRQ")),
])
def test_feature_cues(places, text, mention, expected):
    assert places(text)[mention][1:3] == expected


def test_generic_words_alone_are_no_places(places):
    found = places("The City of Springfield said on Monday that the Village of Glen Ellyn and "
                   "City Hall would close.")
    assert not {"of", "Hall", "Village", "City"} & set(found)


def test_names_with_inner_capitals(places):
    found = places("The DeKalb County School System closed schools; McAllen officials said the "
                   "storm had passed.")
    assert found["DeKalb County"][1:3] == ("admin2", "USA")
