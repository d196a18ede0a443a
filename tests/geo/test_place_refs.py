"""Place nominals ("the city", "the province", "the capital") linked to the place they refer
back to: team-written snippets through the real spaCy pipeline and places stage."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.errors import KnowledgeError
from khabar.extract.base import Context
from khabar.extract.place_refs import NOUNS_FILE, link_place_nominals, load_place_nouns
from khabar.ingest import make_article


@pytest.fixture(scope="module")
def link(pipeline):
    """link(text) -> Context after the stages up to places and `link_place_nominals` (which
    adds nothing twice, so this holds whether or not the places stage already calls it)."""

    def run(text: str) -> Context:
        ctx = Context(article=make_article(text, published="2024-03-15"), doc=pipeline.nlp(text))
        for extractor in pipeline.extractors:
            setattr(ctx, extractor.name, extractor.extract(ctx))
            if extractor.name == "actors":
                ctx.index_actors()
            if extractor.name == "places":
                link_place_nominals(ctx, ctx.places, extractor.gazetteer)
                break
        return ctx

    return run


def mentions(ctx: Context) -> dict[str, list[str]]:
    """place name → its mention texts, in order."""
    return {p.name: [m.text for m in p.mentions] for p in ctx.places}


def test_the_city_joins_the_city_named_before(link):
    ctx = link("Heavy shelling hit Kherson on Monday. Residents of the city fled west. "
               "Officials said the southern city had no power for a day.")
    assert mentions(ctx)["Kherson"] == ["Kherson", "the city", "the southern city"]
    place = next(p for p in ctx.places if p.name == "Kherson")
    starts = [m.start for m in place.mentions]
    assert starts == sorted(starts)
    text = ctx.article.text
    assert all(text[m.start:m.end] == m.text for m in place.mentions)


def test_modifier_indefinite_and_plural_uses_are_not_references(link):
    ctx = link("Protesters marched through Mombasa on Friday. The city council met at noon. "
               "A city in the north stayed calm, and cities across the coast were quiet.")
    assert mentions(ctx)["Mombasa"] == ["Mombasa"]


def test_listed_compounds_refer_back_other_compounds_do_not(link):
    ctx = link("Storms hit Mombasa and Kanawha County on Sunday. The port city lost power, "
               "and the school district closed its buildings.")
    found = mentions(ctx)
    assert found["Mombasa"] == ["Mombasa", "The port city"]
    county = next(name for name in found if name.startswith("Kanawha"))
    assert found[county] == ["Kanawha County"]


def test_two_cities_the_nearest_compatible_one(link):
    ctx = link("The delegation flew from Nairobi to Mombasa on Tuesday. "
               "In the city, the ministers met port officials.")
    found = mentions(ctx)
    assert found["Mombasa"] == ["Mombasa", "the city"]
    assert found["Nairobi"] == ["Nairobi"]


def test_feature_class_decides_between_a_city_and_a_province(link):
    ctx = link("Floods struck Bavaria last week, and Munich was cut off for two days. "
               "The state's governor said the region would need federal help.")
    found = mentions(ctx)
    bavaria = next(name for name in found if found[name][0] == "Bavaria")
    assert found[bavaria] == ["Bavaria", "The state", "the region"]
    assert found["Munich"] == ["Munich"]


def test_the_region_prefers_a_region_unless_a_province_was_named_with_the_word(link):
    ctx = link("Diplomats from across the Middle East met in Jerusalem and the West Bank. "
               "Security in the region has worsened, they said.")
    found = mentions(ctx)
    assert found["Middle East"] == ["Middle East", "the region"]
    assert found["West Bank"] == ["West Bank"]
    ctx = link("Russian forces shelled the Kherson region overnight, and Europe condemned "
               "it. Power in the region was cut.")
    kherson = next(p for p in ctx.places if p.mentions[0].text == "Kherson region")
    assert [m.text for m in kherson.mentions] == ["Kherson region", "the region"]
    assert mentions(ctx)["Europe"] == ["Europe"]


def test_a_country_nominal_read_as_an_actor_stays_the_actors(link):
    ctx = link("Ukraine said Russia attacked its power grid again. "
               "The country has asked its allies for more air defence.")
    actor_texts = {m.text for a in ctx.actors for m in a.mentions}
    assert any("country" in t for t in actor_texts)
    assert not any("country" in m.text for p in ctx.places for m in p.mentions)


def test_predicative_and_restricted_nominals_are_not_references(link):
    ctx = link("Officials met in Kyiv on Monday. Kyiv is the capital, and it was calm. "
               "The town where the talks began was quiet.")
    assert mentions(ctx)["Kyiv"] == ["Kyiv", "Kyiv"]
    ctx = link("Jackson County grew fast last year. Jackson County ranked as the 25th "
               "fastest-growing county.")
    assert all(m.text == "Jackson County" for p in ctx.places for m in p.mentions)


def test_a_name_after_the_nominal_says_which_place(link):
    ctx = link("Kharkiv was shelled again. Troops entered the city of Mariupol in May.")
    found = mentions(ctx)
    assert found["Mariupol"] == ["the city", "Mariupol"]
    assert found["Kharkiv"] == ["Kharkiv"]


def test_a_capital_of_a_named_country_is_a_city_in_that_country(link):
    ctx = link("Police in Nairobi and in Kampala detained activists. "
               "Kenya's capital saw more protests on Friday.")
    found = mentions(ctx)
    assert found["Nairobi"] == ["Nairobi", "capital"]
    assert found["Kampala"] == ["Kampala"]


def test_the_capital_is_a_capital_not_any_city(link):
    ctx = link("Police in Mombasa detained activists on Monday. "
               "By Tuesday the protests had spread to the capital.")
    assert mentions(ctx)["Mombasa"] == ["Mombasa"]
    ctx = link("Police in Nairobi detained activists on Monday. "
               "By Tuesday the protests had spread across the capital.")
    assert mentions(ctx)["Nairobi"] == ["Nairobi", "the capital"]


def test_no_compatible_place_no_link(link):
    ctx = link("Voters in Texas went to the polls. The city council approved the budget, "
               "and the town hall stayed open late.")
    assert all(len(p.mentions) == 1 or all(m.text == p.mentions[0].text for m in p.mentions)
               for p in ctx.places)


def test_linking_twice_adds_nothing(link):
    ctx = link("Heavy rain flooded Mombasa on Monday. The city was without power.")
    before = mentions(ctx)
    link_place_nominals(ctx, ctx.places)
    assert mentions(ctx) == before
    assert before["Mombasa"] == ["Mombasa", "The city"]


def test_shipped_noun_file_is_valid():
    nouns = load_place_nouns(NOUNS_FILE)
    assert nouns["city"].features == ("city",)
    assert "station" in nouns["station"].name_words


@pytest.mark.parametrize("body, where, message", [
    ("city: {features: [city]}\ntown: {features: [metropolis]}\n", 2, "unknown feature"),
    ("city: {features: [city]}\n\nstation: {}\n", 3, "needs features or name_words"),
    ("City: {features: [city]}\n", 1, "one lower-case word"),
    ("city: {features: [city]}\ncapital: {features: [city], fcodes: [pplc]}\n", 2,
     "feature codes"),
    ("city: {features: [city]\n", 2, "flow mapping"),
])
def test_bad_noun_file_names_file_and_line(tmp_path: Path, body, where, message):
    path = tmp_path / "nouns.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message) as err:
        load_place_nouns(path)
    assert str(path) in str(err.value)
    if where is not None:
        assert err.value.line == where


def test_an_event_in_the_city_takes_the_city(extract):
    # through the whole pipeline: the places stage links "the city", the events stage reads
    # the place of "clashed ... in the city" from it instead of guessing the article's place
    record = extract("Students marched in Nairobi on Monday. On Tuesday police detained "
                     "dozens of activists in Mombasa. Later, riot police clashed with "
                     "protesters in the city.")
    mombasa = next(p for p in record.places if p.name == "Mombasa")
    assert [m.text for m in mombasa.mentions] == ["Mombasa", "the city"]
    later = [e for e in record.events
             if any(ev.trigger.start > mombasa.mentions[0].end for ev in e.evidence)]
    assert later
    assert all(e.place == mombasa.id and not e.place_inferred for e in later)


def test_far_back_only_the_clearly_dominant_place(link):
    filler = " ".join(f"Talks on item {n} went on all day." for n in range(5))
    ctx = link("Rain hit Mombasa on Monday. Mombasa's port closed. " + filler
               + " Later the city reopened its port.")
    assert mentions(ctx)["Mombasa"][-1] == "the city"
    ctx = link("Rain hit Mombasa and Nairobi on Monday. " + filler
               + " Later the city reopened its port.")
    assert not any(m.text == "the city" for p in ctx.places for m in p.mentions)
