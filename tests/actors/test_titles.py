"""A description before a person's name is a mention of that person (extract/actor_titles.py).
The articles are written by the team."""

from __future__ import annotations


def _person(record, name: str):
    return next(a for a in record.actors if a.name == name)


def test_a_possessed_description_before_the_name_is_a_mention(extract):
    text = ("Ghana's electoral commissioner Jean Adukwei said results would come on Friday. "
            "The opposition's chief agent Kwesi Appiah disputed the count.")
    record = extract(text)
    adukwei = _person(record, "Jean Adukwei")
    assert [m.text for m in adukwei.mentions][:2] == ["electoral commissioner", "Jean Adukwei"]
    # the possessor keeps its own actor and its tokens
    ghana = next(a for a in record.actors if a.kind == "country" and a.country == "GHA")
    assert any(m.text == "Ghana" for m in ghana.mentions)
    assert any(m.text == "chief agent" for m in _person(record, "Kwesi Appiah").mentions)


def test_a_bare_title_stays_part_of_the_name(extract):
    record = extract("President William Ruto flew to Addis Ababa on Sunday.")
    ruto = _person(record, "William Ruto")
    assert not any(m.text == "President" for m in ruto.mentions)
