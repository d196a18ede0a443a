"""A reading that dwarfs its namesakes gets the `dominant` part (`khabar.geo.prominence`), so a
little context elsewhere in the article no longer turns a famous city into a village. Team-written
snippets."""

from __future__ import annotations

from khabar.geo.lookup import Candidate
from khabar.geo.prominence import DOMINANT_CAP, W_DOMINANT, dominance
from khabar.geo.resolve import Resolver, Toponym

from .snippets import resolve_names


def _city(pid: int, population: int, feature: str = "city", match: int = 0) -> Candidate:
    return Candidate(pid, pid, f"Town{pid}", feature, "P", "PPL", "USA", None, None, None,
                     0.0, 0.0, population, match)


def test_only_a_reading_far_larger_than_the_next_is_dominant():
    big, small, tiny = _city(1, 650_000), _city(2, 8_000), _city(3, 900)
    parts = dominance([big, small, tiny])
    assert parts[1] == parts[2] == 0.0
    assert 0.0 < parts[0] <= W_DOMINANT * DOMINANT_CAP
    # two cities of a similar size: neither dominates
    assert dominance([_city(1, 145_000), _city(2, 130_000)]) == [0.0, 0.0]
    # a small place alone is not "dominant" either
    assert dominance([_city(1, 5_000)]) == [0.0]
    # the cap: a metropolis against a hamlet counts no more than DOMINANT_CAP decades
    assert dominance([_city(1, 9_000_000), _city(2, 600)])[0] == W_DOMINANT * DOMINANT_CAP


def test_demonyms_and_countries_do_not_take_part():
    adjective = _city(1, 650_000, match=4)
    assert dominance([adjective, _city(2, 1_000)]) == [0.0, 0.0]
    country = _city(1, 50_000_000, feature="country")
    assert dominance([country, _city(2, 1_000)]) == [0.0, 0.0]


def _resolve(gazetteer, text: str, names: list[str]):
    return resolve_names(Resolver(gazetteer), text, names)


def test_a_neighbour_in_another_state_does_not_move_a_famous_city(gazetteer):
    # Atlanta's state has a small Nashville too; the big one is still meant
    nashville, atlanta = _resolve(gazetteer, "Nashville and Atlanta bid for the convention.",
                                  ["Nashville", "Atlanta"])
    assert (nashville.best.admin1, atlanta.best.admin1) == ("Tennessee", "Georgia")
    assert nashville.candidates[0].parts.get("dominant", 0.0) > 0.0


def test_a_qualifier_still_beats_a_dominant_reading(gazetteer):
    text = "Flooding hit Louisville, Ohio on Monday."
    start, q = text.index("Louisville"), text.index("Ohio")
    tops = [Toponym("Louisville", start, start + 10, "Louisville", qualifier=1),
            Toponym("Ohio", q, q + 4, "Ohio", qualifies=True)]
    assert Resolver(gazetteer).resolve(tops, text)[0].best.admin1 == "Ohio"


def test_feature_named_town_far_from_the_story_is_placed_by_context(gazetteer):
    # "Union Square" is also a town in Massachusetts; in a story set in San Francisco it is
    # the square there, and the street beside it is placed in San Francisco too
    text = ("Tourists crowded San Francisco on Friday. A band played in Union Square, "
            "and Marlowe Street was closed.")
    city, square, street = _resolve(gazetteer, text,
                                    ["San Francisco", "Union Square", "Marlowe Street"])
    assert city.best.admin1 == "California"
    assert square.stray and square.place == city.best
    assert street.place == city.best


def test_a_country_that_fits_nothing_gives_way_to_a_town_that_fits(gazetteer):
    # an obituary from central Pennsylvania: Lebanon is the town there, not the country
    text = ("Funeral services will be held in Myerstown. She lived in Lebanon and later in "
            "Annville, and worked in Palmyra.")
    rs = _resolve(gazetteer, text, ["Myerstown", "Lebanon", "Annville", "Palmyra"])
    lebanon = rs[1]
    assert lebanon.best.feature == "city" and lebanon.best.admin1 == "Pennsylvania"
    country = next(s for s in lebanon.candidates if s.candidate.feature == "country")
    assert country.parts.get("isolated", 0.0) < 0.0
    # with the Middle East around it, the country stays
    rs = _resolve(gazetteer, "Talks in Beirut and Damascus: Lebanon and Syria agreed.",
                  ["Beirut", "Damascus", "Lebanon", "Syria"])
    assert rs[2].best.feature == "country" and rs[2].best.country == "LBN"
