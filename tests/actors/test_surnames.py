"""A surname said alone joins the person even when the tagger reads it as a noun
(extract/actor_names._bare_surnames). The article is written by the team."""

from __future__ import annotations

TEXT = ("Prime Minister Adaeze Okwuosa faced questions in parliament on Tuesday. "
        "Okwuosa has made tackling inflation her first priority. Critics said the plan "
        "would cut public jobs.")


def _extract_with_noun_tag(pipeline, text: str, word: str):
    """The real pipeline, with ``word`` tagged NOUN at the start of its sentence (as a tagger
    does with an unknown capitalized word there)."""
    from khabar.ingest import make_article

    doc = pipeline.nlp(text)
    for t in doc:
        if t.text == word and t.is_sent_start:
            t.pos_, t.tag_ = "NOUN", "NN"
            if t.ent_type_:
                t.ent_iob_ = "O"
    return pipeline.extract(make_article(text), doc)


def test_sentence_initial_surname_tagged_noun_joins_the_person(pipeline):
    start = TEXT.index("Okwuosa has")
    assert not pipeline.nlp.vocab.has_vector("okwuosa")
    record = _extract_with_noun_tag(pipeline, TEXT, "Okwuosa")
    person = next(a for a in record.actors if a.name.startswith("Adaeze"))
    assert any(m.start == start for m in person.mentions), [m.text for m in person.mentions]


def test_a_common_noun_that_is_also_a_surname_stays_a_noun(pipeline):
    text = ("Agriculture minister Lindiwe Rice visited farmers in Limpopo on Monday. "
            "Rice prices have doubled since March, the farmers told her.")
    record = _extract_with_noun_tag(pipeline, text, "Rice")
    second = text.index("Rice prices")
    assert not any(m.start == second for a in record.actors for m in a.mentions)
