"""Unnamed speakers and unlinked pronouns become actors in the quotes stage (quote_speakers.py)."""

from __future__ import annotations

from khabar.records import ArticleRecord, Quote


def by_content(record: ArticleRecord, start: str) -> Quote:
    found = [q for q in record.quotes if q.content.text.startswith(start)]
    assert len(found) == 1, [q.content.text for q in record.quotes]
    return found[0]


def actor(record: ArticleRecord, actor_id: str | None):
    found = [a for a in record.actors if a.id == actor_id]
    assert len(found) == 1, (actor_id, [a.id for a in record.actors])
    return found[0]


def spans_are_exact(record: ArticleRecord) -> None:
    text = record.article.text
    for a in record.actors:
        for m in a.mentions:
            assert text[m.start:m.end] == m.text


def test_unnamed_sources_become_actors_with_kind_and_country(extract):
    text = ("Voters in the northern provinces said the new tax was unfair. "
            "A senior Kenyan diplomat said the border would reopen on Monday. "
            "A new poll shows that most residents oppose the dam.")
    r = extract(text)
    spans_are_exact(r)
    voters = actor(r, by_content(r, "the new tax").speaker)
    assert voters.kind == "group" and voters.name.startswith("Voters")
    diplomat = actor(r, by_content(r, "the border").speaker)
    assert diplomat.kind == "person" and diplomat.country == "KEN" and "GOV" in diplomat.sectors
    poll = actor(r, by_content(r, "most residents").speaker)
    assert poll.kind == "organization" and poll.name == "new poll"
    ids = [a.id for a in r.actors]
    assert ids == [f"a{i}" for i in range(1, len(ids) + 1)]  # the sequence continues, no gaps


def test_the_same_unnamed_source_twice_is_one_actor(extract):
    text = ("The campaign said the rally would go ahead.\n\n"
            "Farmers blocked the road for an hour.\n\n"
            "The campaign also said that tickets were sold out.")
    r = extract(text)
    first, second = by_content(r, "the rally"), by_content(r, "tickets")
    assert first.speaker is not None and first.speaker == second.speaker
    campaign = actor(r, first.speaker)
    assert [m.text for m in campaign.mentions] == ["The campaign", "The campaign"]


def test_a_named_actor_inside_the_phrase_keeps_its_own_mention(extract):
    r = extract("Supporters of Amina Diallo said the count was rigged.")
    quote = by_content(r, "the count")
    diallo = next(a for a in r.actors if a.name == "Amina Diallo")
    assert quote.speaker is not None and quote.speaker != diallo.id
    assert actor(r, quote.speaker).kind == "group"
    # the new mention stops before the name, so position lookups still find Diallo there
    assert all("Diallo" not in m.text for m in actor(r, quote.speaker).mentions)


def test_pronoun_speaker_takes_the_last_compatible_speaker(extract):
    text = ('Maria Lopez, the mayor, opened the session at noon.\n\n'
            'The council voted on the budget after a long debate over roads and schools.\n\n'
            'Protesters outside chanted for an hour while the vote went on.\n\n'
            'Later she said the budget was balanced.')
    r = extract(text)
    quote = by_content(r, "the budget was balanced")
    lopez = actor(r, quote.speaker)
    assert lopez.name == "Maria Lopez"
    assert any(m.text == "she" for m in lopez.mentions)


def test_pronoun_gender_must_agree(extract):
    text = ("Ali Karimi said the talks had failed. He said the army would withdraw.\n\n"
            "The weather turned cold and the roads closed for the night.\n\n"
            "She said the hospital needed more staff.")
    r = extract(text)
    karimi = actor(r, by_content(r, "the army").speaker)
    assert karimi.name == "Ali Karimi"
    # Karimi is "he": "she" has no compatible antecedent and stays unnamed
    assert by_content(r, "the hospital").speaker is None


def test_it_never_resolves_to_a_person(extract):
    text = ("Ali Karimi said the talks had failed.\n\n"
            "It said the talks would resume.")
    r = extract(text)
    quote = by_content(r, "the talks would resume")
    assert quote.speaker is None or actor(r, quote.speaker).kind != "person"


def test_pronoun_with_nothing_compatible_stays_unresolved(extract):
    r = extract("They said the bridge was unsafe.")
    quote = only_quote(r)
    assert quote.speaker is None and quote.speaker_text == "They"


def only_quote(record: ArticleRecord) -> Quote:
    assert len(record.quotes) == 1, [q.content.text for q in record.quotes]
    return record.quotes[0]


def test_shares_of_people_in_poll_reports_speak_as_groups(extract):
    text = ("Fifty-two percent of registered voters said the economy was their top concern, "
            "while a third said taxes were too high.")
    r = extract(text)
    share = actor(r, by_content(r, "the economy").speaker)
    assert share.kind == "group" and "voters" in share.name
    third = actor(r, by_content(r, "taxes").speaker)
    assert third.kind == "group" and third.id != share.id


def test_first_person_outside_quotes_is_the_author(extract):
    text = ("I believe the senator will lose the primary.\n\n"
            "Last week I argued that the party had no plan.")
    r = extract(text)
    first, second = by_content(r, "the senator"), by_content(r, "the party")
    assert first.speaker is not None and first.speaker == second.speaker
    author = actor(r, first.speaker)
    assert author.name == "the author" and author.kind == "person"
    assert [m.text for m in author.mentions] == ["I", "I"]


def test_a_misparsed_clause_is_no_speaker(extract):
    # the parser reads "Holding signs" as the subject of "chanted"
    r = extract("Holding signs chanted that the mayor must resign.")
    assert not any("Holding" in a.name for a in r.actors)
    assert all(q.speaker is None for q in r.quotes if q.content.text.startswith("the mayor"))


def test_an_agency_acronym_opening_a_sentence_speaks_and_a_dateline_does_not(extract):
    record = extract("AFP said the talks in Doha had collapsed on Sunday. CLEVELAND — The mayor "
                     "said the city was ready for the convention.")
    afp = by_content(record, "the talks in Doha")
    assert actor(record, afp.speaker).name == "Agence France-Presse"
    assert actor(record, by_content(record, "the city was ready").speaker).name == "mayor"
