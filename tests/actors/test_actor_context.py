"""Country context for actors (extract/actor_context.py): demonym modifiers as country actors,
and countries for state-sector actors from their phrase or the article's setting."""

from __future__ import annotations


def _actor(record, text: str):
    return next(a for a in record.actors
                if any(m.text == text for m in a.mentions)), record


def test_demonym_modifier_becomes_country_actor(extract):
    record = extract("Bangladesh rejected a Japanese offer of cheap credit on Monday.")
    actor, _ = _actor(record, "Japanese")
    assert actor.kind == "country" and actor.country == "JPN"


def test_demonym_on_role_noun_stays_part_of_the_role_actor(extract):
    record = extract("Kenyan police arrested dozens of traders in Mombasa.")
    assert not any(a.kind == "country" and a.country == "KEN" for a in record.actors)
    police = next(a for a in record.actors if "COP" in a.sectors)
    assert police.code == "KENCOP" and not police.country_inferred


def test_of_phrase_names_the_actors_country_in_its_code(extract):
    actor, _ = _actor(extract("The president of Armenia cancelled his visit on Friday."),
                      "president")
    assert actor.country == "ARM" and actor.code == "ARMGOV" and not actor.country_inferred


def test_in_phrase_gives_an_inferred_country_only(extract):
    actor, _ = _actor(extract("Security forces in Mali fired on the crowd."), "Security forces")
    assert actor.country == "MLI" and actor.country_inferred
    assert actor.code == "MIL"  # the code keeps what the text says


def test_setting_gives_an_inferred_country_to_an_uncoded_leader(extract):
    record = extract("President John Kamau shortened the night curfew in Nairobi on Thursday.")
    actor = next(a for a in record.actors if a.name.endswith("Kamau"))
    assert actor.country == "KEN" and actor.country_inferred


def test_country_acting_as_party_is_not_the_setting(extract):
    record = extract("The government threatened Russia with new sanctions.")
    gov = next(a for a in record.actors if "GOV" in a.sectors)
    assert gov.country is None and not gov.country_inferred


def test_group_takes_the_demonym_of_its_phrase(extract):
    actor, _ = _actor(extract("Thousands of Iraqi Kurds marched on Sunday."), "Kurds")
    assert actor.country == "IRQ" and not actor.country_inferred


def test_domestic_sector_and_bare_group_take_the_setting(extract):
    record = extract("Thousands marched through Nairobi on Sunday, and a newspaper reported "
                     "that villagers blocked the road to Mombasa.")
    villagers = next(a for a in record.actors if a.name.lower() == "villagers")
    paper = next(a for a in record.actors if "MED" in a.sectors)
    assert villagers.country == paper.country == "KEN"
    assert villagers.country_inferred and paper.country_inferred
