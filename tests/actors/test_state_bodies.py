"""Named state institutions in the actor KB (state_bodies.yaml): intelligence services, police
and investigative agencies, armed forces known by a proper name, central banks, space and
nuclear agencies, election commissions, anti-corruption and prosecution bodies, legislatures.
The file loads and validates like the other KB files; in team-written snippets these bodies come
out as organization actors with their country and CAMEO code, events carry that code, and
ordinary words, places and people are not taken for them."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from khabar.errors import KnowledgeError
from khabar.knowledge.actors import ACTOR_FILES, DATA_DIR, load_kb, load_kb_files
from khabar.knowledge.actors.first_names import is_common_first_name

FILE = "state_bodies.yaml"
REGIONS = ("africa", "mena", "asia", "europe", "americas")
STATE_SECTORS = {("SPY",), ("COP",), ("MIL",), ("GOV",), ("GOV", "BUS"), ("JUD",), ("LEG",)}


def _shipped() -> list[dict]:
    return yaml.safe_load((DATA_DIR / FILE).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kb():
    return load_kb()


# ---- the file ----------------------------------------------------------------------------------
def test_file_is_registered_large_and_covers_every_region(kb):
    assert FILE in ACTOR_FILES
    entries = [kb.entry(e["id"]) for e in _shipped()]
    assert len(entries) >= 250
    assert all(e.kind == "organization" and e.country for e in entries)
    regions = Counter(e.region for e in entries)
    assert all(regions[r] >= 40 for r in REGIONS), regions
    kinds = Counter(tuple(e.sectors) for e in entries)
    assert set(kinds) == STATE_SECTORS and all(n >= 10 for n in kinds.values()), kinds
    # the code is the country plus the sectors, as CAMEO composes it (RUSSPY, INDGOVBUS)
    assert all(e.code == e.country + "".join(e.sectors) for e in entries)


@pytest.mark.parametrize("name, code", [
    ("FSB", "RUSSPY"), ("Mossad", "ISRSPY"), ("ISI", "PAKSPY"), ("SBU", "UKRSPY"),
    ("DGSE", "FRASPY"), ("Department of State Services", "NGASPY"),
    ("FBI", "USACOP"), ("Carabinieri", "ITACOP"), ("EFCC", "NGACOP"), ("Gardaí", "IRLCOP"),
    ("Bundeswehr", "DEUMIL"), ("Royal Navy", "GBRMIL"), ("KDF", "KENMIL"), ("FARDC", "CODMIL"),
    ("Reserve Bank of India", "INDGOVBUS"), ("Federal Reserve", "USAGOVBUS"), ("Banxico", "MEXGOVBUS"),
    ("NASA", "USAGOV"), ("ISRO", "INDGOV"), ("AEOI", "IRNGOV"),
    ("the Independent National Electoral Commission", "NGAGOV"), ("IEBC", "KENGOV"),
    ("Crown Prosecution Service", "GBRJUD"), ("NABU", "UKRGOV"),
    ("the Bundestag", "DEULEG"), ("State Duma", "RUSLEG"), ("Lok Sabha", "INDLEG"),
])
def test_lookup_gives_country_and_code(kb, name, code):
    entry = kb.lookup(name)
    assert entry is not None and entry.code == code and entry.country == code[:3]


@pytest.mark.parametrize("word", [
    "Fed", "Garda", "Met", "Majlis", "Diet", "Japanese Diet", "Rangers",
    "Secret Service", "Border Patrol", "Justice Department", "Marine Corps", "Home Office",
    "National Intelligence Service", "Internal Security Agency", "Federation Council",
    "National Assembly", "State Council", "Army Corps of Engineers", "Scientific", "NSA", "CBI",
    "AFP", "Shabak", "RIB",
])
def test_names_that_would_hit_ordinary_words_places_or_people_are_left_out(kb, word):
    """Decisions recorded in the file's header and notes: a wrong KB hit costs more than a miss."""
    ours = {e["id"] for e in _shipped()}
    assert not [e.id for e in kb.lookup_all(word) if e.id in ours]


def test_names_are_not_shared_with_other_kb_files_country_words_or_first_names(kb):
    """A shared name would go to whichever entry comes first; a one-word name matches wherever
    the word stands in that case, so it must not be a country word or a common given name. The
    organizations countries.yaml also lists as metonyms (CIA, FSB…) must agree with it."""
    ours = {e["id"] for e in _shipped()}
    bad = []
    for e in _shipped():
        for surface in (e["name"], *e.get("aliases", [])):
            if {x.id for x in kb.lookup_all(surface)} != {e["id"]}:
                bad.append((e["id"], surface, "shared"))
            metonym = kb.metonym(surface)
            if metonym is not None and metonym != (e["country"], e["sectors"][0]):
                bad.append((e["id"], surface, "metonym"))
            elif metonym is None and kb.country_for(surface):
                bad.append((e["id"], surface, "country word"))
            if " " not in surface and not surface.isupper() and is_common_first_name(surface):
                bad.append((e["id"], surface, "first name"))
            if kb.role(surface.lower()):
                bad.append((e["id"], surface, "role noun"))
    assert not bad
    assert len(ours) == len(_shipped())


@pytest.mark.parametrize("entry_id, old, new, message", [
    ("fsb", "sectors: [SPY]", "sectors: [spy]", "sectors"),
    ("bundeswehr", "country: DEU", "country: XYZ", "unknown country"),
    ("nasa", "id: nasa,", "id: reuters,", "duplicate id"),  # reuters: media.yaml
    ("kpa", "region: asia", "region: korea", "region"),
])
def test_bad_line_names_file_and_line(break_shipped_line, entry_id, old, new, message):
    number = break_shipped_line(FILE, entry_id, old, new)
    with pytest.raises(KnowledgeError) as err:
        load_kb_files()
    assert f"{FILE}:{number}" in str(err.value) and message in str(err.value)


def test_cli_kb_check_counts_the_state_bodies(capsys, monkeypatch, kb):
    from khabar.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["kb", "check", str(DATA_DIR / FILE)])
    assert not exit_.value.code
    assert f"ok: {len(kb.entries)} actors" in capsys.readouterr().out
    monkeypatch.setattr("khabar.knowledge.actors.ACTOR_FILES",
                        tuple(f for f in ACTOR_FILES if f != FILE))
    assert len(kb.entries) - len(load_kb_files().entries) == len(_shipped())


# ---- through the pipeline ----------------------------------------------------------------------
def _by_kb(record, kb_id: str):
    return next((a for a in record.actors if a.kb_id == kb_id), None)


@pytest.mark.parametrize("text, kb_id, code", [
    ("The FSB detained two activists in Kazan on Monday.", "fsb", "RUSSPY"),
    ("The Bundeswehr will send a brigade to Lithuania next year, the defence minister said.",
     "bundeswehr", "DEUMIL"),
    ("The Reserve Bank of India raised its main lending rate on Wednesday.", "rbi", "INDGOVBUS"),
    ("The Independent National Electoral Commission postponed the governorship vote in two "
     "states.", "inec", "NGAGOV"),
    ("NASA postponed the launch of the lunar lander until April.", "nasa", "USAGOV"),
    ("Lawmakers in the Lok Sabha walked out during the debate on the farm bill.", "lok-sabha",
     "INDLEG"),
    ("The Royal Navy shadowed a Russian corvette through the English Channel.", "royal-navy",
     "GBRMIL"),
    ("Officers of the Guardia Civil seized three tonnes of hashish near Algeciras.",
     "guardia-civil", "ESPCOP"),
    ("The Shin Bet said it had arrested a man who planned to attack a bus.", "shin-bet", "ISRSPY"),
    ("Bangko Sentral ng Pilipinas kept its policy rate unchanged.", "bsp-philippines", "PHLGOVBUS"),
])
def test_state_bodies_are_organizations_with_country_and_code(extract, text, kb_id, code):
    actor = _by_kb(extract(text), kb_id)
    assert actor is not None
    assert actor.kind == "organization" and actor.country == code[:3] and actor.code == code


@pytest.mark.parametrize("text, kb_id, code, cameo", [
    ("The FSB detained two activists in Kazan on Monday.", "fsb", "RUSSPY", "173"),
    ("The EFCC arrested a former state governor in Abuja on Tuesday.", "efcc", "NGACOP", "173"),
    ("Two journalists were detained by the SBU in Kharkiv.", "sbu", "UKRSPY", "173"),
])
def test_events_carry_the_state_body_as_source(extract_all, text, kb_id, code, cameo):
    record = extract_all(text)
    actor = _by_kb(record, kb_id)
    assert actor is not None and actor.code == code
    assert any(e.source == actor.id and e.cameo == cameo for e in record.events), record.events


def test_acronym_and_full_name_are_one_actor(extract):
    record = extract("The National Investigation Agency filed charges against six men on Friday. "
                     "The NIA said the men had planned the bombing for months.")
    nia = _by_kb(record, "nia-india")
    assert {"National Investigation Agency", "NIA"} <= {m.text for m in nia.mentions}
    assert nia.code == "INDCOP"


@pytest.mark.parametrize("text", [
    "Fed up with the delays, residents blocked the main road on Tuesday.",
    "Tourists crowded the shores of Lake Garda over the long weekend.",
    "Diet and sleep matter more than supplements, the doctor said.",
    "Rangers beat Hibernian 3-1 at Ibrox on Saturday.",
    "She set up a home office after the company moved its staff online.",
    "The president of the football federation council resigned after the match.",
    "The All India Majlis-e-Ittehadul Muslimeen won two seats in the city.",
    "The country's national intelligence service was reorganised last year.",
    "Scientific advisers told the ministry that the vaccine was safe.",
    "The state council of ministers in Lucknow approved the new bus routes.",
])
def test_ordinary_words_and_places_are_not_state_bodies(extract, text):
    ours = {e["id"] for e in _shipped()}
    assert not [a.name for a in extract(text).actors if a.kb_id in ours]


@pytest.mark.parametrize("text, person", [
    ("President Duma Boko met cattle farmers in Maun on Friday.", "Duma Boko"),
    ("Nasa Wekesa, a nurse in Bungoma, said the clinic had run out of vaccines.", "Nasa Wekesa"),
])
def test_person_named_like_a_state_body_is_not_swallowed(extract, text, person):
    record = extract(text)
    ours = {e["id"] for e in _shipped()}
    assert person in [a.name for a in record.actors if a.kind == "person"]
    assert not [a.name for a in record.actors if a.kb_id in ours]


def test_generic_noun_joins_the_named_body(extract):
    record = extract("NASA postponed the launch of the lander. The agency said a valve had failed.")
    assert [m.text for m in _by_kb(record, "nasa").mentions] == ["NASA", "agency"]


def test_person_titled_by_a_state_body_takes_its_code(extract_all):
    record = extract_all("Mossad chief David Barnea travelled to Doha on Sunday.")
    person = next(a for a in record.actors if a.name == "David Barnea")
    assert person.kind == "person" and person.code == "ISRSPY"
    assert any(e.source == person.id for e in record.events)


def test_state_body_is_the_quote_speaker(extract_all):
    record = extract_all('"We have arrested the suspects," the EFCC said in a statement.')
    efcc = _by_kb(record, "efcc")
    assert [q.speaker for q in record.quotes] == [efcc.id]
