"""The GUM benchmark's mention alignment (benchmarks/coref_gum.py) follows the eval README:
overlap, one gold mention to one khabar mention, strict = identical offsets."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "coref_gum.py"


@pytest.fixture(scope="module")
def gum():
    spec = importlib.util.spec_from_file_location("coref_gum_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def parsed(pipeline, gum):
    from spacy.tokens import Doc

    words = ["The", "president", "of", "Oman", "met", "Oman", "'s", "coach", "."]
    doc = Doc(pipeline.nlp.vocab, words=words, spaces=gum.spaces_for(words))
    for _, proc in pipeline.nlp.pipeline:
        doc = proc(doc)
    return words, doc


def _span(doc, start, end, cid, kind="person", actor=1):
    return (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), cid, kind, actor)


def test_alignment_is_one_to_one_and_prefers_the_nested_exact_mention(gum, parsed):
    words, doc = parsed
    gold = [{"start": 0, "end": 4, "type": "person"}, {"start": 3, "end": 4, "type": "place"}]
    spans = [_span(doc, 3, 4, "country:OMN", "country")]
    aligned = gum.align(doc, gold, spans, strict=False)
    # the country mention reads the gold "Oman", not also "The president of Oman"
    assert aligned[1] is not None and aligned[1][2] == "country:OMN"
    assert aligned[0] is None


def test_a_modifier_inside_a_mention_is_no_reading_of_it(gum, parsed):
    words, doc = parsed
    gold = [{"start": 5, "end": 8, "type": "person"}]  # "Oman 's coach"
    spans = [_span(doc, 5, 6, "country:OMN", "country")]
    assert gum.align(doc, gold, spans, strict=False) == [None]


def test_overlap_and_strict(gum, parsed):
    words, doc = parsed
    gold = [{"start": 0, "end": 4, "type": "person"}]
    spans = [_span(doc, 1, 2, "a1")]  # "president": covers the head, other offsets
    assert gum.align(doc, gold, spans, strict=False)[0][2] == "a1"
    assert gum.align(doc, gold, spans, strict=True) == [None]
    assert gum.aligned_partition([None]) == ["_single0"]
