"""Places named inside organizations' names (`khabar.geo.nested`), on team-written snippets.

The finder is tested on spans picked by hand (the model's entity labels vary with its version
and with the team's rulers); the places stage and the whole pipeline on organization names the
model labels as such."""

from __future__ import annotations

import pytest

from khabar.errors import KnowledgeError
from khabar.extract.places import PlaceExtractor
from khabar.geo.nested import NestedPlaces, load_org_words
from khabar.settings import Settings


@pytest.fixture(scope="module")
def nested(gazetteer):
    return NestedPlaces(gazetteer)


@pytest.fixture(scope="module")
def inside(pipeline, nested):
    def run(text: str, name: str, surnames: tuple[str, ...] = ()) -> list[str]:
        """The place names found inside ``name`` (its first occurrence in ``text``)."""
        doc = pipeline.nlp(text)
        start = text.index(name)
        span = doc.char_span(start, start + len(name))
        assert span is not None, f"{name!r} does not fall on token boundaries"
        return [text[s:e] for s, e in nested.find(span, surnames)]

    return run


def test_place_after_of_and_at(inside):
    text = "Engineers from the University of Nebraska at Omaha built the rover."
    assert inside(text, "University of Nebraska at Omaha") == ["Nebraska", "Omaha"]


def test_leading_direction_word_is_passed_over(inside):
    text = "Students of the University of Northern Ohio marched on Monday."
    assert inside(text, "University of Northern Ohio") == ["Ohio"]


def test_place_list_after_of(inside):
    text = "The Dairy Council of Portugal and Spain issued a warning."
    assert inside(text, "Dairy Council of Portugal and Spain") == ["Portugal", "Spain"]


def test_leading_place_and_leading_generic_word(inside):
    text = "A spokesman for the Metro Omaha Transit Authority said buses would run."
    assert inside(text, "Metro Omaha Transit Authority") == ["Omaha"]
    text = "The Portland Fire Bureau sent four trucks."
    assert inside(text, "Portland Fire Bureau") == ["Portland"]


def test_hyphenated_place_and_a_place_named_with_its_kind(inside):
    text = "Delegates of the Trans-Caspia Council and of Kano State met in Abuja."
    assert inside(text, "Kano State") == ["Kano"]
    text = "Envoys of the Guinea-Bissau Trade Council arrived."
    assert inside(text, "Guinea-Bissau Trade Council") == ["Guinea-Bissau"]


def test_a_town_named_new_x_is_not_x(inside):
    # "New Boston" is a small town of its own, not Boston
    text = "The New Boston Fire Department sent two trucks."
    assert inside(text, "New Boston Fire Department") == []


def test_sector_word_then_country(inside):
    text = "Tourism Portugal opened an office in the city."
    assert inside(text, "Tourism Portugal") == ["Portugal"]
    # the sector word is a word of the name, though an English town is called so
    text = "Rugby Kenya named its squad."
    assert inside(text, "Rugby Kenya") == ["Kenya"]
    # a city closing a name is not read so (a club, not a national body)
    text = "Atletico Madrid won again on Sunday."
    assert inside(text, "Atletico Madrid") == []


def test_city_acronym_in_capitals_only(inside):
    text = "Members of the LA Harbor Commission arrived."
    assert inside(text, "LA Harbor Commission") == ["LA"]
    # the same letters written as a word are not the city's acronym
    text = "Her club finished third in La Liga this season."
    assert inside(text, "La Liga") == []


def test_never_the_whole_name_nor_a_surname(inside):
    text = "Fans of Portland cheered as Jordan Industries reported profits."
    assert inside(text, "Portland") == []
    assert inside(text, "Jordan Industries") == ["Jordan"]
    assert inside(text, "Jordan Industries", surnames=("Jordan",)) == []


def test_county_alone_is_no_standing_place(inside):
    # "Surrey" is first the English county: as one word it does not count, though a
    # Canadian city shares the name
    text = "The Surrey Growers Board met on Tuesday."
    assert inside(text, "Surrey Growers Board") == []


def test_is_organization(pipeline, nested):
    doc = pipeline.nlp("The University of Nebraska and Lake Erie")
    assert nested.is_organization(doc[1:5])
    assert not nested.is_organization(doc[6:8])


def test_organization_named_like_a_campus_place_is_not_that_place(pipeline, gazetteer_path):
    # GeoNames has a populated place named like this university: the organization's name
    # gives the state inside it, not the campus place for the whole name
    extractor = PlaceExtractor(Settings(gazetteer=gazetteer_path))
    text = "Engineers at the University of Texas tested the new bridge design."
    doc = pipeline.nlp(text)
    start = text.index("University")
    doc.ents = [doc.char_span(start, start + len("University of Texas"), label="ORG")]
    found = {(t.text, t.source) for t in extractor.find_toponyms(doc)}
    assert found == {("Texas", "nested")}
    # an area or region named with such a word stays the place, even as an organization
    text = "Settlers in the West Bank protested on Monday."
    doc = pipeline.nlp(text)
    start = text.index("West Bank")
    doc.ents = [doc.char_span(start, start + len("West Bank"), label="ORG")]
    assert [t.text for t in extractor.find_toponyms(doc)] == ["West Bank"]


def test_organization_actor_names_are_searched_too(pipeline, gazetteer_path):
    # a name the actors stage reads as an organization though the model labelled nothing
    extractor = PlaceExtractor(Settings(gazetteer=gazetteer_path))
    text = "Drivers of the Metro Omaha Transit Authority walked out; the authority said it regrets."
    doc = pipeline.nlp(text)
    doc.ents = []
    name = "the Metro Omaha Transit Authority"
    start = text.index(name)
    assert extractor.find_toponyms(doc) == []
    found = [(t.text, t.start, t.source) for t in
             extractor.find_toponyms(doc, [(start, start + len(name)), (text.index("it "), text.index("it ") + 2)])]
    assert found == [("Omaha", text.index("Omaha"), "nested")]


def test_pipeline_keeps_the_organization_and_adds_its_place(extract):
    text = ("The Bank of Portugal cut its growth forecast on Friday. "
            "Officials in Lisbon said exports to Portugal's neighbours had slowed.")
    record = extract(text)
    org = next(a for a in record.actors if a.name == "Bank of Portugal")
    assert org.kind == "organization"
    start = text.index("Bank of Portugal")
    assert any((m.start, m.end) == (start, start + 16) for m in org.mentions)
    portugal = next(p for p in record.places if p.name == "Portugal")
    inner = text.index("Portugal")
    # the place inside the name is a mention of the same place as the later one
    assert [(m.start, m.end) for m in portugal.mentions][:2] == [
        (inner, inner + 8), (text.index("Portugal's"), text.index("Portugal's") + 8)]
    assert portugal.country == "PRT" and portugal.feature == "country"


@pytest.mark.parametrize(("text", "org", "place", "country"), [
    ("Researchers at the University of Northern Ohio published the survey on Monday.",
     "University of Northern Ohio", "Ohio", "USA"),
    ("A spokesman for the Metro Omaha Transit Authority said buses would run on Monday.",
     "Metro Omaha Transit Authority", "Omaha", "USA"),
    ("Statistics Portugal said unemployment fell in March.", "Statistics Portugal", "Portugal",
     "PRT"),
])
def test_pipeline_place_inside_the_organization_name(extract, text, org, place, country):
    record = extract(text)
    actor = next(a for a in record.actors if a.name == org)
    assert actor.kind == "organization"
    start = text.index(org)
    assert (start, start + len(org)) in {(m.start, m.end) for m in actor.mentions}
    found = next(p for p in record.places if p.name == place)
    inner = text.index(place, start)
    assert [(m.start, m.end, m.text) for m in found.mentions] == [
        (inner, inner + len(place), place)]
    assert found.country == country


def test_pipeline_events_and_actor_lookup_still_give_the_organization(pipeline, extract):
    from khabar.extract.base import Context
    from khabar.ingest import make_article

    text = "The Omaha Police Department arrested two men in Lincoln on Tuesday."
    record = extract(text)
    org = next(a for a in record.actors if a.name == "Omaha Police Department")
    assert [p.name for p in record.places if p.name == "Omaha"] == ["Omaha"]
    arrest = next(e for e in record.events if e.cameo.startswith("17"))
    assert arrest.source == org.id
    # the event is where the sentence says, not at the place inside the police's name
    lincoln = next(p for p in record.places if p.name == "Lincoln")
    assert arrest.place == lincoln.id
    ctx = Context(article=make_article(text), doc=pipeline.nlp(text), actors=record.actors)
    start = text.index("Omaha")
    assert ctx.actor_at(start, start + len("Omaha")) == org.id
    assert ctx.actor_at(start, start + len("Omaha Police Department")) == org.id


def test_org_words_file_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "org_words.yaml"
    bad.write_text("heads: [university]\nsectors: [Tourism]\njoins: [of]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"org_words\.yaml:2: sectors"):
        load_org_words(bad)
    bad.write_text("heads: [university, university]\nsectors: [tourism]\njoins: [of]\n",
                   encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"org_words\.yaml:1: heads: .*listed twice"):
        load_org_words(bad)
    assert "university" in load_org_words().heads

