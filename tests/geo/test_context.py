"""Contextual fallback (`khabar.geo.context`): a street, a building or a park the gazetteer lacks
is placed at the article's place around it, flagged as inferred, never given that place's id.
Team-written snippets."""

from __future__ import annotations

import pytest

from khabar.extract.places import PlaceExtractor
from khabar.geo.context import CONFIDENCE, ContextPlace, place_in_context
from khabar.geo.explain import explain, explain_text
from khabar.geo.resolve import Resolution, Scored, Toponym, find_cue
from khabar.settings import Settings

from .snippets import toponyms as _toponyms


def test_street_in_a_city_article_is_placed_in_the_city(extract):
    record = extract("Police closed Marlowe Street in Leeds on Tuesday after a gas leak, and "
                     "residents were taken to a school nearby.")
    by_name = {p.name: p for p in record.places}
    leeds, street = by_name["Leeds"], by_name["Marlowe Street"]
    assert not leeds.inferred and leeds.geonames_id is not None
    assert street.inferred and street.geonames_id is None and street.feature == "other"
    assert (street.lat, street.lon, street.country) == (leeds.lat, leeds.lon, "GBR")
    assert [m.text for m in street.mentions] == ["Marlowe Street"]


def test_sentence_city_beats_the_article_main_city(resolver):
    text = ("Floods hit Manchester on Monday and Manchester schools closed.\n"
            "In Bristol, water reached Quayside Walk by noon.")
    rs = resolver.resolve(_toponyms(text, ["Manchester", "Manchester", "Bristol",
                                           "Quayside Walk"]), text)
    ctx = rs[3].context
    assert rs[3].best is None and ctx is not None
    assert (ctx.place.name, ctx.reason, ctx.anchor) == ("Bristol", "sentence", "Bristol")
    assert rs[3].place == ctx.place


def test_dateline_then_paragraph_then_main_city(resolver):
    text = ("MOMBASA (Reuters) - Hundreds marched in Mombasa on Monday.\n"
            "Police in Nairobi were ready. Crowds there filled Kanyanga Grounds.")
    rs = resolver.resolve(_toponyms(text, ["MOMBASA", "Mombasa", "Nairobi", "Kanyanga Grounds"],
                                    dateline="MOMBASA"), text)
    assert (rs[3].context.reason, rs[3].context.place.name) == ("dateline", "Mombasa")
    # no dateline: the paragraph's city, else the article's most mentioned city
    plain = ("Hundreds marched in Mombasa and in Nairobi. Nairobi shops and Nairobi banks "
             "closed.\nPolice in Mombasa were ready. Crowds there filled Kanyanga Grounds.\n"
             "The police watched from Ngarisha Tower.")
    rs = resolver.resolve(_toponyms(plain, ["Mombasa", "Nairobi", "Nairobi", "Nairobi", "Mombasa",
                                            "Kanyanga Grounds", "Ngarisha Tower"]), plain)
    assert (rs[5].context.reason, rs[5].context.place.name) == ("paragraph", "Mombasa")
    assert (rs[6].context.reason, rs[6].context.place.name) == ("main", "Nairobi")
    assert CONFIDENCE["sentence"] > CONFIDENCE["main"] > CONFIDENCE["main-area"]


def test_qualifier_city_wins(resolver):
    text = "Protesters met at Elm Lane, Leeds, and later in York."
    tops = _toponyms(text, ["Elm Lane", "Leeds", "York"])
    tops[0].qualifier, tops[1].qualifies = 1, True  # "Elm Lane, Leeds"
    rs = resolver.resolve(tops, text)
    assert (rs[0].context.reason, rs[0].context.place.name) == ("qualifier", "Leeds")


def test_only_a_country_is_a_weak_context_and_nothing_gives_none(resolver, gazetteer):
    text = "Rebels took Fort Kallan, in Chad."
    rs = resolver.resolve(_toponyms(text, ["Fort Kallan", "Chad"]), text)
    assert rs[0].context.place.feature == "country" and rs[0].context.reason == "main-area"
    text = "Rebels took Fort Kallan."
    rs = resolver.resolve(_toponyms(text, ["Fort Kallan"]), text)
    assert rs[0].context is None and rs[0].place is None
    # an adjective reading ("Kenyan") anchors nothing
    kenyan = [c for c in gazetteer.lookup("Kenyan", max_kind=4) if c.match == 4][0]
    text = "Kenyan troops reached Fort Kallan."
    tops = _toponyms(text, ["Kenyan", "Fort Kallan"])
    rs = [Resolution(tops[0], [Scored(kenyan, 1.0)]), Resolution(tops[1], [])]
    place_in_context(text, rs)
    assert rs[1].context is None


def test_resolver_without_text_keeps_old_behaviour(resolver):
    text = "Floods hit Quayside Walk in Bristol."
    rs = resolver.resolve(_toponyms(text, ["Quayside Walk", "Bristol"]))
    assert rs[0].context is None and rs[0].place is None


def test_adjective_entities_are_not_placed(pipeline, gazetteer_path):
    extractor = PlaceExtractor(Settings(gazetteer=gazetteer_path))
    doc = pipeline.nlp("Korean officials visited Seoul on Friday.")
    mentions = {m.text: m for m in extractor.resolve_doc(doc)}
    assert "Korean" not in mentions and not mentions["Seoul"].inferred


def test_explain_shows_the_inference(extract, pipeline):
    text = "Police closed Marlowe Street in Leeds on Tuesday after a gas leak."
    entry = {e["text"]: e for e in explain_text(text, pipeline)}["Marlowe Street"]
    assert entry["candidates"] == [] and entry["context"]["name"] == "Leeds"
    assert entry["context"]["reason"] == "sentence" and entry["context"]["confidence"] < 1
    shown = explain(extract(text), pipeline)
    assert "inferred: in Leeds" in shown and "sentence" in shown


def test_plural_looking_place_names_are_places(pipeline, gazetteer_path):
    extractor = PlaceExtractor(Settings(gazetteer=gazetteer_path))
    doc = pipeline.nlp("Fans travelled to Leeds for the final, and Brazilians came too.")
    found = {m.text: m.place for m in extractor.resolve_doc(doc)}
    assert found["Leeds"].country == "GBR"  # tagged NNPS by the model
    assert "Brazilians" not in found


def test_place_named_inside_the_name(resolver):
    # a place the article resolves elsewhere wins over the sentence's city
    text = "Students of Leeds Trinity College marched in York. Leeds police watched."
    rs = resolver.resolve(_toponyms(text, ["Leeds Trinity College", "York", "Leeds"]), text)
    ctx = rs[0].context
    assert (ctx.reason, ctx.anchor, ctx.place.name) == ("name", "Leeds", "Leeds")
    # else a country or first-level area known by a name inside it (an area only in one of
    # the story's countries: in a Leeds story the sentence decides)
    text = "Researchers at Colorado Plateau Institute met colleagues in Denver."
    rs = resolver.resolve(_toponyms(text, ["Colorado Plateau Institute", "Denver"]), text)
    ctx = rs[0].context
    assert (ctx.reason, ctx.place.feature, ctx.place.country) == ("name", "admin1", "USA")
    text = "Researchers at Colorado Plateau Institute met colleagues in Leeds."
    rs = resolver.resolve(_toponyms(text, ["Colorado Plateau Institute", "Leeds"]), text)
    assert (rs[0].context.reason, rs[0].context.place.name) == ("sentence", "Leeds")
    # generic words alone name nothing: the sentence decides
    text = "Crowds filled North Park Square in Leeds."
    rs = resolver.resolve(_toponyms(text, ["North Park Square", "Leeds"]), text)
    assert rs[0].context.reason == "sentence"


def test_short_and_curated_names_in_the_gazetteer(gazetteer):
    assert gazetteer.lookup("Bosnia")[0].country == "BIH"
    assert gazetteer.lookup("Dagestan")[0].feature == "admin1"
    assert gazetteer.lookup("South Ossetia")[0].country == "GEO"
    assert gazetteer.lookup("Caribbean")[0].feature == "region"


def test_unknown_names_need_a_feature_word_or_a_strong_context(gazetteer):
    leeds = gazetteer.lookup("Leeds")[1]
    assert leeds.feature == "city"

    def kept(name: str, reason: str) -> bool:
        r = Resolution(Toponym(name, 0, len(name), name, source="unknown"), [],
                       ContextPlace(leeds, reason, "Leeds"))
        return PlaceExtractor._placed_surely(r)

    # a bare unknown name the model called a place is often a company or a surname
    assert not kept("Vantrelo", "sentence") and not kept("Vantrelo", "main")
    assert kept("Vantrelo", "dateline") and kept("Vantrelo", "qualifier")
    assert kept("Marlowe Street", "sentence") and kept("Kelbrook Hospital", "paragraph")
    assert not kept("Marlowe Street", "main-area")


def test_street_named_after_a_small_town_is_in_the_article_city(places_of):
    # Otley is a town of its own, but "Otley Road" in a Leeds story is a Leeds street
    found = places_of("Crowds gathered on Otley Road in Leeds on Monday.")
    assert found["Otley Road"] == ("Leeds", True)
    assert "Otley" not in found


@pytest.fixture(scope="module")
def places_of(pipeline, gazetteer_path):
    extractor = PlaceExtractor(Settings(gazetteer=gazetteer_path))

    def run(text: str) -> dict[str, tuple]:
        return {m.text: (m.place.name, m.inferred) for m in extractor.resolve_doc(pipeline.nlp(text))
                if m.place is not None}

    return run


def test_gazetteer_only_names_must_share_a_country_with_tagged_places(places_of):
    # "Orange" read only from an organization's name: a place in Anaheim's country, not in
    # a Lagos story (no Orange in Nigeria)
    assert places_of("Police in Anaheim said Orange Drugs Ltd was fined on Monday.")["Orange"] \
        == ("Orange", False)
    assert "Orange" not in places_of("Police in Lagos said Orange Drugs Ltd was fined on Monday.")


def test_two_countries_of_one_story_go_together(pipeline, gazetteer_path):
    # China, Texas is a town near Houston; the story's China is the country beside the U.S.
    extractor = PlaceExtractor(Settings(gazetteer=gazetteer_path))
    text = ("Exporters in Houston, Texas, said U.S. tariffs on China hurt them. China answered "
            "with tariffs on U.S. soybeans, and the United States and China will meet again.")
    found = {m.text: m.place for m in extractor.resolve_doc(pipeline.nlp(text))}
    assert (found["China"].feature, found["China"].country) == ("country", "CHN")
    assert found["Houston"].country == "USA"


def test_small_place_far_from_the_story_is_placed_by_context(resolver):
    # the gazetteer's only Heathrow is a Florida town; in a London story the name means a
    # place it lacks (the airport), so it is put in London, flagged by context
    text = "Flights to London were cancelled and Heathrow was closed on Monday."
    rs = resolver.resolve(_toponyms(text, ["London", "Heathrow"]), text)
    assert rs[1].best is not None and rs[1].best.country == "USA" and rs[1].stray
    assert (rs[1].place.name, rs[1].context.reason) == ("London", "sentence")
    assert not rs[0].stray and rs[0].place.country == "GBR"
    # a small town near the story's city keeps its own reading
    text = "Storms hit Tulsa and Skiatook overnight."
    rs = resolver.resolve(_toponyms(text, ["Tulsa", "Skiatook"]), text)
    assert not rs[1].stray and rs[1].place.name == "Skiatook" and rs[1].context is None
    # alone in its article, a small place is what the gazetteer says
    text = "Heathrow was closed on Monday."
    rs = resolver.resolve(_toponyms(text, ["Heathrow"]), text)
    assert not rs[0].stray and rs[0].place.name == "Heathrow"


def test_area_named_like_its_country_capital_gives_way_to_the_capital(resolver):
    text = "Senators in Washington voted on the budget on Friday."
    rs = resolver.resolve(_toponyms(text, ["Washington"]), text)
    assert (rs[0].place.feature, rs[0].place.fcode) == ("city", "PPLC")
    assert "same_name_area" in next(s.parts for s in rs[0].candidates
                                    if s.candidate.feature == "admin1")
    # a kind word after the name still says which is meant
    text = "Wildfires spread across Washington state on Friday."
    cue, query = find_cue(text, 24, 34, "Washington")
    rs = resolver.resolve([Toponym("Washington", 24, 34, query, cue=cue)], text)
    assert rs[0].place.feature == "admin1"


def test_a_bare_abbreviation_handed_in_as_a_place_reads_as_its_area(resolver):
    # no town is called "BC": the mention means the province, not a place of the context
    text = "Wildfires near Kamloops forced officials in BC to close highways."
    rs = resolver.resolve(_toponyms(text, ["Kamloops", "BC"]), text)
    assert (rs[1].place.name, rs[1].place.feature, rs[1].context) == (
        "British Columbia", "admin1", None)
    # an abbreviation is still never the reading of a name that has another one: "Man." is
    # Manitoba only after a town and a comma; alone it is the town of Man (Ivory Coast)
    kinds = {(c.match, c.country) for c in resolver.candidates(Toponym("Man.", 0, 4, "Man."))}
    assert (0, "CIV") in kinds and not any(match == 3 for match, _ in kinds)
    # postal codes qualify a town like AP abbreviations do ("Seattle, WA")
    text = "Rain fell on Spokane, WA, all week."
    tops = _toponyms(text, ["Spokane", "WA"])
    tops[0].qualifier, tops[1].qualifies = 1, True
    rs = resolver.resolve(tops, text)
    assert (rs[0].place.admin1, rs[1].place.name) == ("Washington", "Washington")


def test_a_curated_region_short_name_is_not_a_lesser_alternate(resolver):
    # "Atlantic" is the ocean's usual short name (regions.yaml), not an alternate name to
    # discount; towns called Atlantic lose to it when the story names no place near them
    text = "Storms over the Atlantic delayed ships bound for Denver's suppliers in Colorado."
    rs = resolver.resolve(_toponyms(text, ["Atlantic", "Colorado"]), text)
    ocean = next(s for s in rs[0].candidates if s.candidate.name == "Atlantic Ocean")
    assert "match" not in ocean.parts
    assert rs[0].place.name == "Atlantic Ocean"
