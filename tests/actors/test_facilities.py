"""Facility names the model labels ORG are places, not actors (extract/actor_facilities.py,
knowledge/actors/facilities.yaml). Team-written snippets."""

from __future__ import annotations

import pytest

from khabar.errors import KnowledgeError
from khabar.knowledge.actors.facilities import facility_nouns, load_facility_nouns


def _with_labels(pipeline, text: str, labels: dict[str, str]):
    """The real pipeline, with the model's label of some names replaced before the facility
    component runs (as when the model calls a stadium an organization)."""
    from spacy.tokens import Span

    from khabar.extract.actor_facilities import COMPONENT
    from khabar.ingest import make_article

    doc = pipeline.nlp(text)
    doc.ents = [Span(doc, e.start, e.end, label=labels.get(e.text, e.label_)) for e in doc.ents]
    doc = pipeline.nlp.get_pipe(COMPONENT)(doc)
    return pipeline.extract(make_article(text), doc)


def test_shipped_facility_nouns_load_and_leave_institutions_out():
    nouns = facility_nouns()
    assert {"station", "stadium", "mosque", "arena"} <= nouns
    # institutions that act (issue statements, sue, hire) are not facilities
    assert not {"museum", "university", "center", "ministry"} & nouns


def test_bad_facility_entry_names_file_and_line(tmp_path):
    path = tmp_path / "facilities.yaml"
    path.write_text("- {noun: station}\n- {noun: Bus Depot}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        load_facility_nouns(path)
    assert f"{path}:2" in str(err.value)


def test_stadium_read_as_an_organization_is_a_place(pipeline):
    text = ("Fans filled the Karvelo Arena in Tartu on Saturday for the final. The Lions "
            "Supporters Club said the Karvelo Arena had sold out in an hour.")
    record = _with_labels(pipeline, text, {"the Karvelo Arena": "ORG", "Karvelo Arena": "ORG"})
    assert all("Arena" not in m.text for a in record.actors for m in a.mentions)
    assert any(any("Karvelo Arena" in m.text for m in p.mentions) for p in record.places)


def test_city_hall_and_kb_names_keep_their_label(pipeline):
    text = "City Hall said on Monday that the Tallinn Bridge would reopen in May."
    record = _with_labels(pipeline, text, {"City Hall": "ORG", "the Tallinn Bridge": "ORG"})
    names = [m.text for a in record.actors for m in a.mentions]
    assert "City Hall" in names  # a council, which speaks
    assert not any("Bridge" in n for n in names)
