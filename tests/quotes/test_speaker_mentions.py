"""The speaker of each attribution is a mention of the speaker actor at that place: relative
pronouns ("Smith, who said"), names the actors stage left unmarked, pronouns in quote runs."""

from __future__ import annotations

from khabar.records import ArticleRecord, Quote


def by_content(record: ArticleRecord, start: str) -> Quote:
    found = [q for q in record.quotes if q.content.text.startswith(start)]
    assert len(found) == 1, [q.content.text for q in record.quotes]
    return found[0]


def mentions_at(record: ArticleRecord, actor_id: str | None, word: str) -> list[int]:
    actor = next(a for a in record.actors if a.id == actor_id)
    return [m.start for m in actor.mentions if m.text == word]


def test_relative_pronoun_is_the_speaker_mention(extract):
    text = "Farida Osman, who said the vote had been rigged, left the hall before the count."
    r = extract(text)
    q = by_content(r, "the vote")
    assert q.cue == "said" and q.kind == "indirect"
    osman = next(a for a in r.actors if a.name == "Farida Osman")
    assert q.speaker == osman.id
    assert mentions_at(r, osman.id, "who") == [text.index("who")]


def test_participle_on_a_noun_has_that_noun_as_speaker(extract):
    r = extract("The police received calls from residents saying that shots had been fired near the market.")
    q = by_content(r, "shots had been fired")
    assert q.cue == "saying" and q.kind == "indirect"
    assert q.speaker_text == "residents"


def test_a_statement_saying_speaks_for_who_issued_it(extract):
    r = extract("The Interior Ministry issued a statement saying the curfew would end on Friday.")
    q = by_content(r, "the curfew")
    assert q.cue == "saying" and q.kind == "indirect"
    assert q.speaker_text == "The Interior Ministry"


def test_dateline_with_outlet_is_no_speaker(extract):
    r = extract("Nairobi (Reuters) – Opposition leader Amina Diallo on Monday rejected the results, "
                "saying the count had been rigged.")
    q = by_content(r, "the count had been rigged")
    assert q.cue == "saying" and q.kind == "indirect"
    diallo = next(a for a in r.actors if a.name.endswith("Amina Diallo"))
    assert q.speaker == diallo.id


def test_he_said_continues_the_previous_speaker(extract):
    # coreference alone links "he" to the nearest earlier name (Peter Hall); the pronoun that
    # reports in the same sentence continues the speaker just named
    text = ("Asked about his earlier attacks on Peter Hall, Daniel Okafor said that was a natural part "
            "of running against him — no different, he said, from any other race.")
    r = extract(text)
    named = by_content(r, "that was a natural part")
    pronoun = [q for q in r.quotes if q.speaker_text == "he"]
    assert named.cue == "said" and len(pronoun) == 1 and pronoun[0].cue == "said"
    okafor = next(a for a in r.actors if a.name == "Daniel Okafor")
    assert named.speaker == okafor.id and pronoun[0].speaker == okafor.id
    assert mentions_at(r, okafor.id, "he") == [text.index(" he said") + 1]
    hall = next(a for a in r.actors if a.name == "Peter Hall")
    assert "he" not in [m.text for m in hall.mentions]


def test_transcript_line_speaks_for_its_label_and_its_first_person(extract):
    text = ("The interview aired on Sunday.\n\n"
            "HOST: Governor, do you think the nominee will change his tone before November?\n\n"
            "OKAFOR: I think he will, and I believe voters want a calmer campaign.")
    r = extract(text)
    line = by_content(r, "I think he will")
    assert line.cue == ":" and line.speaker_text == "OKAFOR"
    think = [q for q in r.quotes if q.cue == "think" and q.speaker_text == "I"]
    assert len(think) == 1 and think[0].speaker == line.speaker
    label = next(a for a in r.actors if a.id == line.speaker)
    assert label.kind == "person" and "I" in [m.text for m in label.mentions]
    assert not any(a.name == "the author" for a in r.actors)


def test_an_age_as_noun_is_a_person_speaker(extract):
    r = extract("“She has always been a fighter,” said the 52-year-old. “Now she will fight for you.”")
    first = by_content(r, "She has always been a fighter")
    assert first.cue == "said" and first.kind == "direct" and first.speaker_text == "the 52-year-old"
    speaker = next(a for a in r.actors if a.id == first.speaker)
    assert speaker.kind == "person"


def test_name_after_the_closing_mark_speaks_when_the_parser_hangs_it_on_the_quote(extract):
    r = extract("“We have had better conventions than this one,” Ohio delegate Mark Reyes, wearing a wide "
                "hat and “Vote Reyes” pins, said calmly.")
    q = by_content(r, "We have had better conventions")
    assert q.cue == "said"
    reyes = next(a for a in r.actors if a.name.endswith("Mark Reyes"))
    assert q.speaker == reyes.id


def test_indefinite_and_demonstrative_sources_become_actors(extract):
    text = ("Among those who said the economy mattered most, Karimi led. Some chanted that the vote "
            "was stolen. When someone in the audience shouted that the count was rigged, the host laughed.")
    r = extract(text)
    those = by_content(r, "the economy mattered most")
    assert those.cue == "said" and those.speaker_text == "those"
    group = next(a for a in r.actors if a.id == those.speaker)
    assert group.kind == "group" and "who" in [m.text for m in group.mentions]
    some = by_content(r, "the vote")
    assert some.cue == "chanted" and some.speaker is not None
    someone = by_content(r, "the count was rigged")
    assert someone.cue == "shouted"
    assert next(a for a in r.actors if a.id == someone.speaker).kind == "person"


def test_hyphenated_participle_is_no_misparse(extract):
    r = extract("The self-described reformer said the budget would be cut by half.")
    q = by_content(r, "the budget")
    assert q.cue == "said" and q.speaker is not None


def test_a_colon_hands_the_quote_to_the_subject_of_any_verb(extract):
    r = extract("Karimi gestured to the crowd, then leaned in and boomed: “Let us defeat them in November.”")
    q = by_content(r, "Let us defeat them")
    assert q.cue == "boomed" and q.kind == "direct"
    assert q.speaker == next(a for a in r.actors if a.name == "Karimi").id
    r = extract("When the talks collapsed, President Karimi sent the envoys home with a last message: "
                "“The border will stay closed until Friday.”")
    q = by_content(r, "The border will stay closed")
    assert q.cue == "sent" and q.kind == "direct" and q.speaker_text == "President Karimi"


def test_speaker_actors_made_here_get_the_setting_country_like_other_actors(extract):
    r = extract("Long queues formed in Nairobi and Mombasa on Monday as the count dragged on. "
                "Voters said they were tired of waiting.")
    q = by_content(r, "they were tired")
    voters = next(a for a in r.actors if a.id == q.speaker)
    assert voters.kind == "group" and voters.country == "KEN" and voters.country_inferred


def test_passive_reports_take_the_agent_or_the_quoted_subject(extract):
    r = extract("Karimi was criticized by two opposition senators for neglecting the flooded north. "
                "The minister was quoted as saying that the army would withdraw.")
    criticized = by_content(r, "for neglecting")
    assert criticized.cue == "criticized" and criticized.speaker_text == "two opposition senators"
    quoted = by_content(r, "the army would withdraw")
    assert quoted.cue == "saying" and quoted.kind == "indirect" and quoted.speaker_text == "The minister"


def test_name_and_verb_read_as_a_compound_noun_still_attribute(extract):
    # the tagger reads "Mabuza notes" as a noun compound: no verb cue, yet a speaker
    text = ("“Voters reject insiders,” he points out.\n\n"
            "“Osman appeals to rural voters, it’s just that Karimi says it differently,” Mabuza notes.")
    r = extract(text)
    q = by_content(r, "Osman appeals")
    assert q.cue == "notes" and q.kind == "direct" and q.speaker_text == "Mabuza"
    assert q.speaker == next(a for a in r.actors if a.name == "Mabuza").id
