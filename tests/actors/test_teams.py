"""National teams in match reports (extract/actor_teams.py, knowledge/actors/sports.yaml).
Every article here is written by the team."""

from __future__ import annotations

import pytest

from khabar.errors import KnowledgeError
from khabar.knowledge.actors.sports import load_sports_words

MATCH = (
    "Ghana beat Nigeria 2-1 in Accra on Saturday to reach the final of the regional championship.\n\n"
    "Group B — Ghana 2 – 1 Nigeria\n\n"
    "Nigeria had more of the ball in the first half, but Ghana opened the scoring in the 31st minute "
    "when striker Kwame Boateng headed in a cross. Nigeria's goalkeeper Emeka Obi was shown a card "
    "for time-wasting. Nigeria drew level after half-time through a free kick, but Boateng scored "
    "again for Ghana in the 78th minute.\n\n"
    "After the match, Nigeria coach Samuel Adeyemi said his side had been unlucky with the referee. "
    "Ghana will face Senegal in the final on Wednesday."
)

POLITICS = (
    "Ghana won a seat on the UN Security Council on Friday, beating Nigeria in the second round of "
    "voting. Ghana's foreign minister said the country would press for a ceasefire in Sudan. "
    "Nigeria congratulated Ghana and said it would back its bid for a permanent African seat."
)


def _by_name(record, name: str):
    return next(a for a in record.actors if a.name == name)


def test_countries_in_a_match_report_are_national_teams(extract):
    record = extract(MATCH)
    ghana = _by_name(record, "Ghana national team")
    nigeria = _by_name(record, "Nigeria national team")
    assert (ghana.kind, ghana.country, ghana.code) == ("organization", "GHA", "GHACVL")
    assert "national team" in nigeria.roles and nigeria.country == "NGA"
    # the results line the model leaves untagged is a mention of the teams too
    results = MATCH.index("Ghana 2 – 1")
    assert any(m.start == results for m in ghana.mentions)
    assert not any(a.kind == "country" and a.country in ("GHA", "NGA") for a in record.actors)


def test_a_match_codes_no_event_between_teams(extract):
    record = extract(MATCH)
    teams = {a.id for a in record.actors if "national team" in a.roles}
    assert teams
    assert not [e for e in record.events if e.source in teams | {None} and e.target in teams | {None}]


def test_players_are_no_labour_activists_and_take_their_team_country(extract):
    record = extract(MATCH)
    boateng = _by_name(record, "Kwame Boateng")
    assert boateng.sectors == ["CVL"] and boateng.country == "GHA" and boateng.code == "GHACVL"


def test_a_political_story_keeps_its_states(extract):
    record = extract(POLITICS)
    kinds = {a.country: a.kind for a in record.actors if a.country in ("GHA", "NGA")}
    assert kinds == {"GHA": "country", "NGA": "country"}
    assert not any("national team" in a.roles for a in record.actors)


def test_one_sporting_aside_in_a_political_story_keeps_the_state(extract):
    text = (
        "Kenya and Uganda signed a border agreement in Kampala on Monday. Kenya agreed to withdraw "
        "police posts from two disputed islands, and Uganda promised to reopen the crossing at Busia. "
        "Kenya said the deal ended a decade of disputes. Officials from both countries later watched "
        "a football match at the national stadium, where Kenya beat Uganda after the referee added "
        "five minutes of stoppage time. Kenya will host the next round of talks in March."
    )
    record = extract(text)
    assert any(a.country == "KEN" and a.kind == "country" for a in record.actors)
    assert not any("national team" in a.roles for a in record.actors)


@pytest.mark.parametrize("line", ["- {word: Goalkeeper, use: player}", "- {word: goal, use: shirt}"])
def test_bad_sports_line_names_file_and_line(tmp_path, line):
    path = tmp_path / "sports.yaml"
    path.write_text(f"- {{word: striker, use: cue}}\n{line}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        load_sports_words(path)
    assert f"{path}:2" in str(err.value)


def test_sports_bodies_are_international_organizations(extract):
    record = extract("FIFA suspended the Sudanese football federation on Thursday, and the "
                     "Asian Football Confederation moved its congress from Kuala Lumpur to Doha.")
    bodies = {a.kb_id: a for a in record.actors if a.kb_id in ("fifa", "afc-football")}
    assert set(bodies) == {"fifa", "afc-football"}
    assert all(a.kind == "organization" and a.code == "NGO" for a in bodies.values())
