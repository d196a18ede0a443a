"""Recognition rules added for issue #6 (`PlaceExtractor`), on team-written snippets."""

from __future__ import annotations

import pytest

from khabar.extract.places import PlaceExtractor
from khabar.settings import Settings


@pytest.fixture(scope="module")
def places(pipeline, gazetteer_path):
    extractor = PlaceExtractor(Settings(gazetteer=gazetteer_path))

    def run(text: str) -> dict[str, tuple]:
        """mention text → (feature, country) of the chosen place."""
        doc = pipeline.nlp(text)
        return {m.text: (m.place.feature, m.place.country)
                for m in extractor.resolve_doc(doc) if m.place is not None}

    return run


def test_us_leading_an_organization_is_the_country(places):
    # "US" is the stop word "us" to the tagger; in capitals, leading an agency, it is a place
    found = places("A spokesman for the US State Department said talks in Nairobi went well.")
    assert found.get("US") == ("country", "USA")
    # the pronoun is not
    found = places("They told us in Nairobi that the talks went well.")
    assert "us" not in found and found.get("Nairobi") == ("city", "KEN")


def test_place_after_of_in_an_organization_name(places):
    found = places("Nurses from the Lung Health Society of Canada met donors in Nairobi.")
    assert found.get("Canada") == ("country", "CAN")
    # a generic word after "of" names nothing; a small town's name neither
    found = places("Officers of the Order of Merit met in Nairobi.")
    assert "Merit" not in found


def test_well_known_place_the_model_mislabelled_after_a_locative_word(places):
    # the tagger calls "Tunis" a nationality here; after "in"/"to" it is the capital
    assert places("Officials in Tunis denied the report on Monday.").get("Tunis") \
        == ("city", "TUN")
    assert places("Macron flew to Tunis on Thursday for talks.").get("Tunis") == ("city", "TUN")
    # without a locative word before it, a mislabelled name stays out
    assert "Tunis" not in places("The minister said Tunis would decline the offer.")
    # a person's surname is never read as a place
    assert "Kent" not in places("Mr Kent said the plan would fail, and Kent police agreed.")


def test_organization_named_only_by_a_place_of_standing_is_that_place(places):
    # the tagger calls the city (its council, its club) an organization
    assert places("A spokesman for Leicester declined to comment.").get("Leicester") \
        == ("city", "GBR")
    # an organization's own name is not a place
    found = places("A spokesman for Vodafone declined to comment.")
    assert "Vodafone" not in found


def test_ampersand_initials_the_model_calls_an_organization(places):
    found = places("Trinidad and Tobago pledged a field hospital to Grenada. T&T will also fly in "
                   "water and generators this week.")
    assert found.get("T&T") == ("country", "TTO")
    # without the full name in the article, initials the model calls an organization are that
    assert "S&P" not in places("S&P lowered its outlook for banks in Lisbon on Friday.")
    assert "R&D" not in places("Spending on R&D rose in Dominica last year.")
