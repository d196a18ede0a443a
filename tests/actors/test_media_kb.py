"""News media (media.yaml) and companies (companies.yaml) in the actor KB: the files load and
validate like the other KB files, and outlets and companies in team-written snippets come out
as organization actors with their MED/BUS sector and country."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from khabar.errors import KnowledgeError
from khabar.knowledge.actors import ACTOR_FILES, DATA_DIR, load_kb, load_kb_files
from khabar.knowledge.actors.first_names import is_common_first_name

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
REGIONS = ("africa", "mena", "asia", "europe", "americas")


def _shipped(name: str) -> list[dict]:
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kb():
    return load_kb()


# ---- the files ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name, sector, least, per_region", [
    ("media.yaml", "MED", 250, 40), ("companies.yaml", "BUS", 150, 15),
])
def test_files_are_registered_large_and_cover_every_region(kb, name, sector, least, per_region):
    assert name in ACTOR_FILES
    entries = [kb.entry(e["id"]) for e in _shipped(name)]
    assert len(entries) >= least
    assert all(e.sectors == [sector] and e.kind == "organization" for e in entries)
    regions = Counter(e.region for e in entries)
    for region in REGIONS:
        assert regions[region] >= per_region, regions
    # the code is the home country plus the sector, or the sector alone for international ones
    assert all(e.code == (e.country or "") + sector for e in entries)


def test_lookups_give_country_sector_and_code(kb):
    assert kb.lookup("Yonhap").code == "KORMED"
    assert kb.lookup("the Times of India").country == "IND"
    assert kb.lookup("Agence France Presse").id == "afp"
    assert kb.lookup("Gazprom").code == "RUSBUS"
    assert kb.lookup("Lockheed Martin").sectors == ["BUS"]
    assert kb.lookup("OCCRP").country is None and kb.lookup("OCCRP").code == "MED"


@pytest.mark.parametrize("word", ["Ford", "Tesla", "Amazon", "Shell", "Total", "Meta", "Bloomberg",
                                  "The Guardian", "the economist", "Russia Today"])
def test_names_that_would_hit_ordinary_words_people_or_places_are_left_out(kb, word):
    """Decisions recorded in the files' headers: a wrong KB hit costs more than a miss."""
    assert kb.lookup(word) is None


def test_one_word_names_are_not_country_words_or_common_first_names(kb):
    """A one-word name matches wherever the word stands in that case (extract/actors.py
    configure), so it must not be a country, capital or demonym, nor a common given name."""
    bad = []
    for name in ("media.yaml", "companies.yaml"):
        for e in _shipped(name):
            for surface in (e["name"], *e.get("aliases", [])):
                if " " in surface or surface.isupper():
                    continue  # acronyms match in upper case only: "ANA" is not "Ana"
                if kb.country_for(surface) or is_common_first_name(surface):
                    bad.append((e["id"], surface))
    assert not bad


def test_shared_acronym_lists_every_outlet(kb):
    assert {e.id for e in kb.lookup_all("ABC")} == {"abc-us", "abc-australia"}
    assert {e.id for e in kb.lookup_all("PTI")} == {"pti", "pti-india"}  # the party comes first


@pytest.mark.parametrize("name, entry_id, old, new, message", [
    ("media.yaml", "yonhap", "sectors: [MED]", "sectors: [media]", "sectors"),
    ("companies.yaml", "gazprom", "country: RUS", "country: XYZ", "unknown country"),
    ("companies.yaml", "boeing", "id: boeing,", "id: reuters,", "duplicate id"),  # reuters: media
])
def test_bad_line_in_a_shipped_file_names_file_and_line(break_shipped_line, name, entry_id,
                                                         old, new, message):
    number = break_shipped_line(name, entry_id, old, new)
    with pytest.raises(KnowledgeError) as err:
        load_kb_files()
    assert f"{name}:{number}" in str(err.value) and message in str(err.value)


def test_user_file_can_override_a_shipped_outlet(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("- {id: reuters, name: Reuters, country: USA, sectors: [MED], code: USAMED}\n",
                    encoding="utf-8")
    assert load_kb_files([path]).lookup("Reuters").code == "USAMED"
    assert load_kb_files().lookup("Reuters").code == "GBRMED"


def test_cli_kb_check_loads_media_and_companies(capsys):
    from khabar.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["kb", "check", str(EXAMPLES / "kb-example.yaml")])
    assert not exit_.value.code
    out = capsys.readouterr().out
    total = len(load_kb_files([EXAMPLES / "kb-example.yaml"]).entries)
    assert f"ok: {total} actors" in out
    assert total > len(_shipped("media.yaml")) + len(_shipped("companies.yaml")) + 300


# ---- through the pipeline ----------------------------------------------------------------------
def _by_kb(record, kb_id: str):
    return next((a for a in record.actors if a.kb_id == kb_id), None)


@pytest.mark.parametrize("text, kb_id, country, sector", [
    ("Yonhap reported on Tuesday that the coast guard had seized a fishing boat near the "
     "maritime border.", "yonhap", "KOR", "MED"),
    ("The health minister told CBC News that the new clinics would open in the spring.",
     "cbc", "CAN", "MED"),
    ("Officials in the northern district told Channels Television that the fuel shortage "
     "would end within a week.", "channels-tv", "NGA", "MED"),
    ("A photographer working for Le Monde was detained at the airport, the newspaper said.",
     "le-monde", "FRA", "MED"),
    ("Protest organisers posted a video to Twitter showing police dispersing the crowd.",
     "twitter", "USA", "BUS"),
    ("Gazprom cut gas deliveries to the refinery, the company said in a statement.",
     "gazprom", "RUS", "BUS"),
    ("Rheinmetall will build an ammunition plant near the border, the defence ministry said.",
     "rheinmetall", "DEU", "BUS"),
    ("The rebels said they had shot down a drone made by Baykar.", "baykar", "TUR", "BUS"),
])
def test_outlets_and_companies_are_organizations_with_sector_and_country(extract, text, kb_id,
                                                                          country, sector):
    actor = _by_kb(extract(text), kb_id)
    assert actor is not None
    assert actor.kind == "organization" and actor.country == country
    assert actor.sectors == [sector] and actor.code == country + sector


def test_generic_noun_joins_the_named_company(extract):
    record = extract("Gazprom cut gas deliveries to the refinery, the company said in a statement.")
    gazprom = _by_kb(record, "gazprom")
    assert [m.text for m in gazprom.mentions] == ["Gazprom", "company"]


@pytest.mark.parametrize("text, person, kb_id", [
    ("Senator Alan Ford said the bill would pass, while Ford Motor Company warned of job losses.",
     "Alan Ford", "ford"),
    ("Meera Tata, a teacher in Pune, said Tata Group had not paid the contractors.",
     "Meera Tata", "tata"),
    ("Dr. Leonardo Vega said Leonardo S.p.A. had delayed the helicopter order.",
     "Leonardo Vega", "leonardo"),
])
def test_person_named_like_a_company_is_not_swallowed(extract, text, person, kb_id):
    record = extract(text)
    people = [a for a in record.actors if a.kind == "person"]
    assert [a.name for a in people] == [person] and people[0].kb_id is None
    assert _by_kb(record, kb_id).sectors == ["BUS"]


@pytest.mark.parametrize("text", [
    "Shell fragments hit the school late on Sunday, the mayor said.",
    "Farmers in the Amazon said loggers had burned the forest near the river.",
    "Total exports rose by four percent in March, the statistics office said.",
    "Villagers in Meta department said the rebels had left before dawn.",
    "India today announced a new tariff on steel imports from three countries.",
    "In these difficult economic times, families in the valley are cutting spending.",
    "Michael Bloomberg donated to the campaign of the former governor.",
    "Marcelo Odebrecht was released from prison on Friday, his lawyer said.",
])
def test_ordinary_words_places_and_people_are_not_kb_outlets_or_companies(extract, text):
    ours = {e["id"] for name in ("media.yaml", "companies.yaml") for e in _shipped(name)}
    assert not [a.name for a in extract(text).actors if a.kb_id in ours]


def test_shared_acronym_follows_the_article(extract):
    record = extract("The Press Trust of India quoted officials as saying the dam was safe. "
                     "PTI said the flood had passed.")
    agency = _by_kb(record, "pti-india")
    assert "PTI" in [m.text for m in agency.mentions] and _by_kb(record, "pti") is None
    record = extract("PTI supporters marched through the city after the party's leader was arrested.")
    assert _by_kb(record, "pti") is not None and _by_kb(record, "pti-india") is None


# ---- quotes (full pipeline) --------------------------------------------------------------------
@pytest.mark.parametrize("text, kb_id", [
    ("The port will close for two weeks while the cranes are replaced, according to Xinhua.",
     "xinhua"),
    ("The airline will cancel its evening flights until Friday, according to Kyodo News.",
     "kyodo"),
    ('"We have suspended all flights," Aeroflot said in a statement.', "aeroflot"),
])
def test_quote_speaker_is_the_outlet_or_company(extract_all, text, kb_id):
    record = extract_all(text)
    actor = _by_kb(record, kb_id)
    assert actor is not None and [q.speaker for q in record.quotes] == [actor.id]


def test_outlet_a_source_spoke_to_is_kept_as_the_channel(extract_all):
    record = extract_all('"The clinics will open in the spring," the health minister told '
                         'CBC News on Friday.')
    (quote,) = record.quotes
    assert quote.via == "CBC News" and quote.speaker != _by_kb(record, "cbc").id
