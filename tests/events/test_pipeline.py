"""Events through the real pipeline: schema-valid output, evidence offsets into the text."""

from __future__ import annotations


def test_events_in_the_article_record_are_valid_and_point_into_the_text(extract):
    text = ("Sudanese soldiers detained three journalists in Khartoum on Monday. "
            "The African Union condemned the arrests and urged Sudan to free them.")
    record = extract(text, published="2024-03-15")  # validated against the contract schema
    text = record.article.text
    assert record.events, "expected events"
    by_code = {e.cameo[:2] for e in record.events}
    assert {"17", "11"} <= by_code
    for ev in record.events:
        assert ev.id.startswith("e") and ev.pattern and 0 < ev.confidence <= 1
        for evd in ev.evidence:
            assert text[evd.trigger.start:evd.trigger.end] == evd.trigger.text
            assert evd.sentence.start <= evd.trigger.start < evd.trigger.end <= evd.sentence.end
        assert ev.source is None or any(a.id == ev.source for a in record.actors)
        assert ev.date is not None
