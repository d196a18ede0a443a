"""Slot actors and their countries (event_slots.py, event_countries.py): a country named in the
actor's phrase, the setting for domestic actors, the country of the place an act happened in,
ethnic groups by residence, bare quantities yielding to the group they count, pronouns and
statements standing for their speaker, clause and nested targets."""

from __future__ import annotations


def _event(record, root: str):
    return next(e for e in record.events if e.cameo.startswith(root))


def _actor(record, actor_id):
    return next(a for a in record.actors if a.id == actor_id)


def test_curfew_in_a_capital_targets_its_country(extract):
    record = extract("Interior Minister Ahmed Karimov threatened on Friday to impose a curfew in Tashkent after two nights of looting.")
    threat = _event(record, "13")
    curfew = _event(record, "17")
    assert threat.cameo == "1323" and threat.modality == "asserted"
    assert curfew.cameo == "1723" and curfew.modality == "hypothetical"
    for ev in (threat, curfew):
        assert _actor(record, ev.source).name == "Ahmed Karimov"
        target = _actor(record, ev.target)
        assert target.kind == "country" and target.country == "UZB"


def test_no_place_no_country_target(extract):
    record = extract("Soldiers detained the village chief yesterday.")
    # no place named: nothing is invented
    ev = _event(record, "17")
    assert not any(a.kind == "country" for a in record.actors if a.id in (ev.source, ev.target))


def test_quantity_subject_yields_to_the_group_it_counts(extract):
    # "calling for" makes the quotes stage add "Hundreds" as a speaker actor of its own
    record = extract("Hundreds of Peruvian miners marched in Arequipa on Sunday calling for higher wages.")
    ev = _event(record, "14")
    source = _actor(record, ev.source)
    assert "miners" in source.name and source.country == "PER"
    assert ev.cameo == "141" and ev.modality == "asserted"


def test_country_name_modifier_gives_the_country(extract):
    record = extract("Ivory Coast rebels on Friday rejected a Ghanaian peace plan.")
    ev = _event(record, "12")
    source, target = _actor(record, ev.source), _actor(record, ev.target)
    assert source.country == "CIV" and source.code == "CIVREB" and not source.country_inferred
    assert target.country == "GHA"
    assert ev.modality == "asserted"


def test_country_tagged_as_a_person_is_the_country(extract):
    record = extract("Sierra Leone soldiers on Friday rejected a Guinean peace plan.")
    ev = _event(record, "12")
    source = _actor(record, ev.source)
    assert source.country == "SLE" and not source.country_inferred
    assert _actor(record, ev.target).country == "GIN"


def test_pronoun_subject_of_a_readiness_clause_is_the_speaker(extract):
    record = extract("President Nkosi said he is prepared to lift the ban on the Freedom Party.")
    lift = next(e for e in record.events if e.cameo == "081")
    intent = next(e for e in record.events if e.cameo == "0351")
    assert _actor(record, lift.source).name == "Nkosi" and lift.modality == "hypothetical"
    assert intent.source == lift.source and intent.target == lift.target
    assert _actor(record, intent.target).name == "Freedom Party"


def test_country_pronoun_not_resolved_takes_the_reporting_subject(extract):
    record = extract("Ethiopia said on Sunday that it was prepared to withdraw its soldiers from Somalia by March.")
    withdraw = next(e for e in record.events if e.cameo == "0874")
    # the troops are Bolivia's own: the target is where they leave
    assert _actor(record, withdraw.source).country == "ETH"
    assert _actor(record, withdraw.target).country == "SOM"
    assert withdraw.modality == "hypothetical"


def test_statement_speaks_for_who_issued_it(extract):
    record = extract("The rebel Ogaden Front issued a statement demanding that the Ethiopian government "
                     "release its leader.")
    demand = next(e for e in record.events if e.cameo.startswith("10"))
    assert _actor(record, demand.source).name == "Ogaden Front"
    assert _actor(record, demand.target).country == "ETH"
    assert demand.modality == "asserted"


def test_invasion_of_a_region_targets_its_country(extract):
    record = extract("Iraq launched an invasion of South Kuwait on Thursday.")
    ev = _event(record, "19")
    assert _actor(record, ev.source).country == "IRQ"
    assert _actor(record, ev.target).country == "KWT"
    assert ev.modality == "asserted"


def test_ethnic_group_is_coded_by_where_it_lives(extract):
    record = extract("About 200 ethnic Hungarians demonstrated on Sunday in Slovakia, Bratislava radio said.")
    ev = _event(record, "14")
    source = _actor(record, ev.source)
    assert source.country == "SVK" and source.country_inferred
    assert ev.cameo == "141" and ev.modality == "reported"
    # without "ethnic" the demonym's country stands
    plain = extract("Hungarians demonstrated on Sunday in Slovakia.")
    assert _actor(plain, _event(plain, "14").source).country == "HUN"


def test_sanction_and_easing_in_a_city_target_its_country(extract):
    record = extract("The Red Crescent suspended aid deliveries in Mosul on Tuesday.")
    ev = _event(record, "16")
    assert ev.cameo == "162" and ev.modality == "asserted"
    assert _actor(record, ev.target).country == "IRQ"
    record = extract("Officials lifted the state of emergency in Kandahar on Sunday.")
    ev = _event(record, "08")
    assert _actor(record, ev.target).country == "AFG"


def test_agentless_arrest_in_a_country_is_that_country_s(extract):
    record = extract("A French journalist was arrested in Syria for spying, the agency said.")
    ev = _event(record, "17")
    assert ev.cameo == "173" and ev.modality == "reported"
    assert _actor(record, ev.source).country == "SYR"
    assert _actor(record, ev.target).country == "FRA"


def test_staged_protest_takes_its_target_from_the_purpose_clause(extract):
    record = extract("Thousands of nurses staged protests on Monday to demand the resignation of "
                     "Health Minister Ana Costa.")
    ev = _event(record, "14")
    assert ev.modality == "asserted"
    assert _actor(record, ev.target).name == "Ana Costa"
    assert "nurses" in _actor(record, ev.source).name


def test_contrastive_clause_is_no_target_and_no_report(extract):
    record = extract("Armenia mobilized army reservists ahead of a possible war against Azerbaijan, while EU monitors "
                     "said talks should go on.")
    ev = _event(record, "15")
    assert ev.cameo == "152"
    assert _actor(record, ev.source).country == "ARM"
    assert _actor(record, ev.target).country == "AZE"
    assert ev.modality == "asserted"


def test_target_one_level_inside_the_object(extract):
    record = extract("Chile welcomed a resumption of diplomatic ties with Bolivia after a ten-year rift.")
    ev = next(e for e in record.events if e.cameo == "013")
    assert _actor(record, ev.source).country == "CHL" and _actor(record, ev.target).country == "BOL"
    assert ev.modality == "asserted"
    record = extract("The Bolivian government reneged on its promise to the Chilean authorities.")
    ev = _event(record, "12")
    assert ev.cameo == "127" and ev.modality == "asserted"
    assert _actor(record, ev.source).country == "BOL" and _actor(record, ev.target).country == "CHL"


def test_domestic_dyad_shares_the_country_of_the_domestic_side(extract):
    record = extract("The interior minister has declined to resign despite growing pressure from the "
                     "Uganda Law Society.")
    ev = _event(record, "12")
    assert ev.modality == "asserted"
    minister = _actor(record, ev.source)
    assert minister.country == "UGA" and minister.country_inferred
    # a country as the other side is the other party, not the actor's own country
    record = extract("The prime minister threatened Uganda with sanctions.")
    ev = _event(record, "13")
    assert _actor(record, ev.source).country is None


def test_place_of_the_object_and_no_target_from_the_report(extract):
    record = extract("Turkish jets bombed positions near Kirkuk, residents said.")
    ev = _event(record, "19")
    assert ev.modality == "reported"
    assert _actor(record, ev.source).country == "TUR"
    assert _actor(record, ev.target).country == "IRQ"  # not the residents who told of it
    record = extract("Ethiopian tanks fired shells at targets in Dire Dawa, witnesses said.")
    ev = _event(record, "19")
    assert ev.target is None or "witnesses" not in _actor(record, ev.target).name


def test_what_a_state_sends_is_its_own_and_what_it_expels_is_the_target(extract):
    record = extract("Kenya said it was ready to send more peacekeepers to Somalia.")
    send = next(e for e in record.events if e.cameo == "074")
    assert send.modality == "hypothetical"
    assert _actor(record, send.source).country == "KEN" and _actor(record, send.target).country == "SOM"
    record = extract("Switzerland expelled two Russian diplomats on Friday.")
    expel = _event(record, "16")
    assert expel.modality == "asserted" and _actor(record, expel.target).country == "RUS"


def test_protesters_take_the_country_of_where_they_protest(extract):
    record = extract("Prisoners rioted at a jail in Mandalay on Monday, joining hundreds of students "
                     "in demanding the release of jailed monks.")
    riot = next(e for e in record.events if e.cameo == "145")
    source = _actor(record, riot.source)
    assert source.name == "Prisoners" and source.country == "MMR" and source.country_inferred
    assert riot.modality == "asserted"


def test_prisoners_rioting_are_the_source(extract):
    record = extract("Prisoners rioted at a jail in Juba on Sunday.")
    riot = next(e for e in record.events if e.cameo == "145")
    source = _actor(record, riot.source)
    assert source.name == "Prisoners" and source.kind == "group"
    assert source.country == "SSD" and source.country_inferred
