from khabar.ingest import article_id, normalize_text
from khabar.records import json_schema


def test_article_id_is_stable_over_whitespace_and_changes_with_url():
    a = article_id("Troops  entered\r\nthe town.")
    assert a == article_id("Troops entered\nthe town.  ")
    assert a != article_id("Troops entered the city.")
    assert a != article_id("Troops  entered\r\nthe town.", url="https://example.org/x")


def test_normalize_keeps_paragraphs():
    assert normalize_text("A  b\n\n\n\nC\u00a0d") == "A b\n\nC d"


def test_process_returns_schema_valid_record_with_named_actors(extract):
    record = extract("Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on Monday.")
    names = {a.name for a in record.actors}
    assert "William Ruto" in names
    for actor in record.actors:
        for m in actor.mentions:
            assert record.article.text[m.start:m.end] == m.text


def test_schema_has_contract_fields():
    schema = json_schema()
    assert set(schema["properties"]) >= {"schema", "article", "actors", "relations", "quotes", "places", "times", "events", "warnings"}
