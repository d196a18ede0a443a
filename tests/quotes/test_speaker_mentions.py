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
