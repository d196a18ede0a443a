"""Third-round rules and knowledge for event slots: intergovernmental bodies under their older
or agency names (European Community, ILO, OAU) are IGO actors, so events they take part in have
an IGO source or target. Team-written snippets (invented events)."""

from __future__ import annotations

import pytest


def _events(record, root: str):
    return [e for e in record.events if e.cameo.startswith(root)]


def _actor(record, actor_id):
    return next(a for a in record.actors if a.id == actor_id)


@pytest.mark.parametrize(
    ("text", "root", "code"),
    [
        ("The European Community pledged 40 million dollars in aid to Malawi for flood relief.", "0", "IGOEUREEC"),
        ("The International Labour Organization condemned Qatar over the treatment of migrant workers.", "1", "IGOUNOLAB"),
        ("The Organization of African Unity condemned the coup in Lesotho.", "1", "IGOAFROAU"),
    ],
)
def test_older_and_agency_igo_names_are_igo_sources(extract, text, root, code):
    record = extract(text)
    events = [e for e in record.events if e.cameo.startswith(root) and e.source]
    assert events, [(e.cameo, e.source) for e in record.events]
    assert {_actor(record, e.source).code for e in events} == {code}


def test_igo_inside_a_possessive_phrase_is_the_target(extract):
    record = extract("Uruguay criticized its Mercosur partners for raising tariffs on beef.")
    criticism = _events(record, "11")
    assert criticism
    assert {_actor(record, e.source).country for e in criticism} == {"URY"}
    assert {(_actor(record, e.target).code or "") for e in criticism if e.target} == {"IGOSAM"}


def test_possessive_pronoun_yields_to_the_actor_its_phrase_names(extract):
    # "their Turkish partners" are Turkey's, not the source that owns them
    record = extract("Athens officials accused their Turkish partners of smuggling oil.")
    accusations = _events(record, "11")
    assert accusations
    assert {_actor(record, e.target).country for e in accusations if e.target} == {"TUR"}
    # with no other actor in the phrase, the phrase itself is asked, never the owner
    record = extract("Norway demanded that its partners reject the fishing quota.")
    demands = _events(record, "10")
    assert demands and all(e.target != e.source for e in demands)
    assert {_actor(record, e.source).country for e in demands} == {"NOR"}


def test_named_person_in_a_domestic_dyad_takes_the_other_sides_country(extract):
    record = extract("A Chilean judge ordered Tomas Arrieta to appear for questioning next week.")
    orders = _events(record, "10")
    assert orders
    target = _actor(record, orders[0].target)
    assert target.name == "Tomas Arrieta"
    assert (target.country, target.country_inferred) == ("CHL", True)


def test_named_person_in_a_cooperative_dyad_gets_no_guessed_country(extract):
    # meetings cross borders as often as not: nothing places the guest
    record = extract("A Chilean minister met Tomas Arrieta in a hotel lobby.")
    meetings = _events(record, "04")
    assert meetings and meetings[0].target
    assert _actor(record, meetings[0].target).country is None


def test_stative_passive_of_an_intent_verb_keeps_its_subject_as_source(extract):
    record = extract("Malawi is committed to the peace process.")
    intents = _events(record, "03")
    assert intents
    assert [(_actor(record, e.source).country, e.target) for e in intents] == [("MWI", None)]
    # inside a report, with the embedded act coded as the intent's content
    record = extract("The trade minister said Laos is committed to opening its markets.")
    intents = _events(record, "03")
    assert intents and {_actor(record, e.source).country for e in intents} == {"LAO"}
    assert all(e.target is None for e in intents)


def test_participle_taken_for_a_complement_is_an_adjective_of_the_object(extract):
    # the parser reads "proposed" as a clausal complement of "reject"; its object is the
    # object rejected, and the demonym on it names the author
    record = extract("The rebels reject proposed Kenyan changes to the ceasefire deal, their spokesman said.")
    rejections = _events(record, "12")
    assert rejections
    assert {_actor(record, e.target).country for e in rejections if e.target} == {"KEN"}
    assert all(_actor(record, e.source).name == "rebels" for e in rejections)


def test_defying_a_rule_targets_whoever_issued_it(extract):
    record = extract("Opposition newspapers violated a ban by the Zambian information minister on Tuesday.")
    defiance = _events(record, "128")
    assert defiance
    target = _actor(record, defiance[0].target)
    assert target.country == "ZMB" and "minister" in target.mentions[0].text
    record = extract("Dock workers ignored an order from the Ghanaian army to end the strike.")
    defiance = _events(record, "128")
    assert defiance and _actor(record, defiance[0].target).country == "GHA"


def test_target_tied_to_a_place_by_a_participle_takes_its_country(extract):
    record = extract("Rebels blew up a pipeline leading into Basra on Monday.")
    sabotage = _events(record, "17")
    assert sabotage and _actor(record, sabotage[0].target).country == "IRQ"


def test_misspelled_country_names_are_recognized_with_guards(pipeline):
    from khabar.extract.event_spelling import misspelled_country
    from khabar.knowledge.actors import load_kb

    kb = load_kb()
    assert misspelled_country(kb, "Ugnada") == "UGA"  # transposition
    assert misspelled_country(kb, "Tanzannia") == "TZA"  # insertion
    assert misspelled_country(kb, "Neppal") == "NPL"  # insertion into a five-letter name
    assert misspelled_country(kb, "Gambia") is None  # a country itself, never "Zambia"
    assert misspelled_country(kb, "Boston") is None
    # real names one letter from a country: a substitution or a letter added at the end
    assert misspelled_country(kb, "Columbia") is None
    assert misspelled_country(kb, "Hollande") is None
    assert misspelled_country(kb, "Americas") is None
    assert misspelled_country(kb, "Kenya") is None  # exact
    assert misspelled_country(kb, "ugnada") is None  # not capitalized


def test_misspelled_country_gives_event_actors_their_country(extract):
    record = extract("Ugnada has agreed to open its borders to UN monitors.")
    agree = _events(record, "03")
    assert agree and {_actor(record, e.source).country for e in agree} == {"UGA"}
    record = extract("Tanzannia's foreign minister condemned the raid on the refugee camp.")
    condemn = _events(record, "11")
    assert condemn and _actor(record, condemn[0].source).country == "TZA"


def test_guerilla_spelling_variant_is_a_rebel_actor(extract):
    record = extract("Somali guerillas blew up a bridge leading into Baidoa on Monday.")
    sabotage = _events(record, "17")
    assert sabotage
    source, target = _actor(record, sabotage[0].source), _actor(record, sabotage[0].target)
    assert (source.code, target.country) == ("SOMREB", "SOM")


@pytest.mark.parametrize(
    ("text", "root", "code"),
    [
        ("The Khmer Rouge shelled a market near Battambang.", "19", "KHMREB"),
        ("The Revolutionary United Front released forty child soldiers.", "0", "SLEREB"),
        ("The Kosovo Liberation Army rejected the ceasefire plan.", "12", "XKXREB"),
    ],
)
def test_historical_armed_groups_have_their_codes(extract, text, root, code):
    record = extract(text)
    events = [e for e in record.events if e.cameo.startswith(root) and e.source]
    assert events, [(e.cameo, e.source) for e in record.events]
    assert _actor(record, events[0].source).code == code


def test_true_passives_of_intent_verbs_are_not_stative(pipeline):
    from khabar.extract.event_patterns import stative_subject
    from khabar.knowledge.cameo.patterns import load_patterns

    patterns = load_patterns()
    doc = pipeline.nlp("Two marches through Harare are planned for Friday.")
    verb = next(t for t in doc if t.lemma_ == "plan")
    pattern = next(p for p in patterns.candidates("verb", "plan") if p.governs == "intent")
    assert stative_subject(verb, pattern) is None  # the marches are what was planned
    doc = pipeline.nlp("Malawi is committed to the peace process.")
    verb = next(t for t in doc if t.lemma_ == "commit")
    pattern = next(p for p in patterns.candidates("verb", "commit") if p.governs == "intent")
    assert stative_subject(verb, pattern).text == "Malawi"


@pytest.mark.parametrize(
    ("text", "root", "code"),
    [
        ("The government of Balochistan province condemned the bombing of the railway.", "11", "PAKGOV"),
        ("Darfur rebels attacked a convoy on Monday.", "18", "SDNREB"),
    ],
)
def test_subnational_place_in_the_actors_phrase_gives_its_country(extract, text, root, code):
    record = extract(text)
    events = _events(record, root)
    assert events
    source = _actor(record, events[0].source)
    assert source.code == code and not source.country_inferred  # stated by the text
