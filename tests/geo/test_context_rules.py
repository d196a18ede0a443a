"""Context rules added for issue #6: Australian state abbreviations (and the two readings of
"SA"), a resolved abbreviation as an anchor for strays, institutions named by a leading adjective
("European Commission"), and institutions that stand abroad ("the Russian Embassy").
Team-written snippets."""

from __future__ import annotations

from .snippets import resolve_names as _resolve


def test_australian_state_abbreviations(resolver):
    (nsw,) = _resolve(resolver, "Rangers in NSW closed two beaches.", ["NSW"])
    assert nsw.best.admin1 == "New South Wales" and nsw.best.match == 3
    (qld,) = _resolve(resolver, "Floods cut roads across Qld on Monday.", ["Qld"])
    assert qld.best.country == "AUS"


def test_sa_is_decided_by_the_story(resolver):
    za = _resolve(resolver, "Miners in Johannesburg and Pretoria said SA exports fell.",
                  ["Johannesburg", "Pretoria", "SA"])[2]
    assert za.best.country == "ZAF" and za.best.feature == "country"
    au = _resolve(resolver, "Growers near Adelaide said SA vineyards lost half the crop.",
                  ["Adelaide", "SA"])[1]
    assert au.best.country == "AUS" and au.best.feature == "admin1"


def test_a_resolved_abbreviation_anchors_a_stray(resolver):
    # "Glenrock" is in the gazetteer only as a small American town: far
    # from the story's only sure place (NSW), it is a stray placed in New South Wales
    text = "Rangers in NSW said Glenrock was closed after the storm."
    nsw, glen = _resolve(resolver, text, ["NSW", "Glenrock"])
    assert glen.best is not None and glen.best.country == "USA"
    assert glen.stray and glen.place.admin1 == "New South Wales"
    assert glen.context.anchor == "NSW"


def test_institution_named_by_a_leading_adjective(resolver):
    text = "Madrid officials met the European Commission and the Bolivian Mining Chamber."
    _, commission, chamber = _resolve(resolver, text,
                                      ["Madrid", "European Commission", "Bolivian Mining Chamber"])
    assert commission.context.reason == "name" and commission.place.name == "Europe"
    assert chamber.context.reason == "name" and chamber.place.country == "BOL"
    # a feature named with an adjective is not in that country: the story places it
    text2 = "Pilgrims walked through Jerusalem, in the Armenian Quarter, before dawn."
    city, quarter = _resolve(resolver, text2, ["Jerusalem", "Armenian Quarter"])
    assert quarter.context is not None and quarter.place.country == city.best.country != "ARM"
    # an adjective inside the name (not leading) does not count
    (inside,) = _resolve(resolver, "Staff of the Bank of Norwegian Shipping quit.",
                         ["Bank of Norwegian Shipping"])
    assert inside.context is None or inside.context.place.country != "NOR"


def test_institutions_abroad_are_not_placed_in_their_adjective_country(resolver):
    text = ("Protesters gathered in Nairobi outside the Russian Embassy and the "
            "British International School.")
    city, embassy, school = _resolve(resolver, text,
                                     ["Nairobi", "Russian Embassy", "British International School"])
    assert city.best.country == "KEN"
    for r in (embassy, school):
        assert r.context is not None and r.place.country == "KEN"


def test_mid_size_foreign_town_far_from_the_story_is_a_stray(resolver):
    # Delft is also a township of Cape Town; the Dutch city (95,000 people) shares no country
    # with the story and lies thousands of kilometres from all of it
    text = ("Protesters marched through Cape Town on Monday. Families from Delft joined them "
            "outside the South African parliament.")
    town, delft, country = _resolve(resolver, text, ["Cape Town", "Delft", "South African"])
    assert town.best.country == "ZAF"
    assert delft.best.country == "NLD" and delft.stray
    assert delft.place.country == "ZAF"
    # the same town in a Dutch story keeps its reading
    rs = _resolve(resolver, "Cyclists rode from Delft to Rotterdam.", ["Delft", "Rotterdam"])
    assert rs[0].best.country == "NLD" and not rs[0].stray


def test_an_area_inside_a_name_must_be_in_the_story_countries(resolver):
    # "Lakes" is a state of South Sudan; in a Miami story the school is placed by the story
    text = ("Police in Miami arrested a teacher on Friday at Brookvale Lakes Elementary School, "
            "officials said.")
    city, school = _resolve(resolver, text, ["Miami", "Brookvale Lakes Elementary School"])
    assert city.best.country == "USA"
    assert school.context is not None and school.context.place.country == "USA"
    # a country named inside the name still places it: the story is about that country
    text2 = "Engineers in Lagos met staff of the Kenya Ports Authority."
    _, ports = _resolve(resolver, text2, ["Lagos", "Kenya Ports Authority"])
    assert ports.context.reason == "name" and ports.place.country == "KEN"


def test_an_embassy_is_not_in_the_country_it_names(resolver):
    text = "Diplomats in Rome gathered at the Embassy of the Republic of Peru on Monday."
    city, embassy = _resolve(resolver, text, ["Rome", "Embassy of the Republic of Peru"])
    assert city.best.country == "ITA"
    assert embassy.context is not None and embassy.place.country == "ITA"


def test_names_in_a_list_closed_by_a_plural_area_word_are_areas():
    from khabar.geo.resolve import find_cue

    text = ("Flood warnings cover Tarrow, Bellmead and Quince counties, while Kentucky "
            "counties wait. Pleasant and Madison townships voted.")
    for name in ("Tarrow", "Bellmead", "Quince", "Pleasant", "Madison"):
        start = text.index(name)
        assert find_cue(text, start, start + len(name), name) == ("area", name), name
    # one name before the plural is the area the counties lie in, not a county
    start = text.index("Kentucky")
    assert find_cue(text, start, start + 8, "Kentucky") == (None, "Kentucky")
    # a plain list is no cue
    plain = "They drove through Tarrow, Bellmead and Quince last week."
    start = plain.index("Bellmead")
    assert find_cue(plain, start, start + 8, "Bellmead") == (None, "Bellmead")


def test_a_county_list_resolves_to_counties(resolver):
    text = "Floods cut power in Polk, Norman and Mahnomen counties of Minnesota."
    rs = _resolve(resolver, text, ["Polk", "Norman", "Mahnomen", "Minnesota"])
    from khabar.geo.resolve import find_cue
    tops = []
    for r in rs:
        t = r.toponym
        t.cue, t.query = find_cue(text, t.start, t.end, t.text)
        tops.append(t)
    rs = resolver.resolve(tops, text)
    assert [r.best.feature for r in rs[:3]] == ["admin2", "admin2", "admin2"]
    assert all(r.best.admin1 == "Minnesota" for r in rs)


def test_ampersand_initials_of_a_paired_name(gazetteer, resolver):
    # "T&T", "J&K": initials of a country or area named "X and Y", as an abbreviation
    assert [c.country for c in gazetteer.lookup("T&T", max_kind=3)] == ["TTO"]
    assert gazetteer.lookup("J&K", max_kind=3)[0].admin1.startswith("Jammu")
    assert all(c.match == 3 for c in gazetteer.lookup("B&H", max_kind=3))
    # not without abbreviations, not for initials nothing is named by
    assert gazetteer.lookup("T&T") == [] and gazetteer.lookup("R&D", max_kind=3) == []
    text = "Officials in Port of Spain said T&T would send aid to Dominica."
    _, tt, _ = _resolve(resolver, text, ["Port of Spain", "T&T", "Dominica"])
    assert tt.best.country == "TTO" and tt.best.feature == "country"
