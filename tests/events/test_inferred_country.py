"""Events on actors whose country came from the article's setting (actors stage,
``Actor.country_inferred``) carry that country but a lower confidence."""

from __future__ import annotations


def _top(record):
    return max(record.events, key=lambda e: e.confidence)


def test_source_country_from_setting_is_flagged_and_less_certain(extract):
    guessed = extract("President John Okello on Thursday shortened the night curfew imposed in Sudan.")
    stated = extract("Sudanese President John Okello on Thursday shortened the night curfew imposed in Sudan.")
    g, s = _top(guessed), _top(stated)
    assert g.cameo == s.cameo
    g_src = next(a for a in guessed.actors if a.id == g.source)
    s_src = next(a for a in stated.actors if a.id == s.source)
    assert g_src.country == "SDN" and g_src.country_inferred
    assert s_src.country == "SDN" and not s_src.country_inferred
    assert g.confidence < s.confidence


def test_demonym_modified_object_gives_the_target(extract):
    record = extract("Bangladesh rejected an Indian proposal for a trade agreement.")
    ev = next(e for e in record.events if e.cameo.startswith("12"))
    target = next(a for a in record.actors if a.id == ev.target)
    assert target.country == "IND"


def test_hostile_act_without_object_takes_target_from_its_purpose_clause(extract):
    record = extract("Farmers blocked the main highway on Monday to demand the resignation of "
                     "the agriculture minister.")
    ev = next(e for e in record.events if e.cameo.startswith("14"))
    target = next(a for a in record.actors if a.id == ev.target)
    assert "minister" in target.name.lower()
