"""Odd inputs: random runs of time words, extreme publication dates, empty text. Every
expression keeps exact offsets and no rule fails (a failing rule would be logged and give null)."""

from __future__ import annotations

import random
from datetime import date

import pytest

from khabar.extract.times import TimeExtractor

WORDS = (
    "the a last next this past previous following coming early late mid- earlier later end of in on "
    "at since for over about nearly more than every each once twice times ago from now hence before "
    "after year years month week weeks day days quarter half decade century hours fortnight weekend "
    "morning mid afternoon tonight today yesterday tomorrow Monday Sunday June Sept. May 1 12 29 30 31 "
    "32 1989 2015 2099 1436 AH 1990s '90s nineties 19th first third fiscal Ramadan Eid al-Fitr Easter "
    "summer fall now recently soon current daily 10 p.m. noon 0800 GMT 14:30 / - , . 11/05/2014 "
    "twenty-four twenty four nineteen ninety-six thousand several few to year-ago period latest that"
).split()


@pytest.fixture(scope="module")
def extractor():
    return TimeExtractor()


@pytest.mark.parametrize("dct", [date(2015, 6, 15), None, date(1, 1, 1), date(9999, 12, 31)])
def test_random_word_runs_never_fail(extractor, dct):
    rng = random.Random(6)
    for _ in range(400):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12)))
        for time, why in extractor.find_explained(text, dct, None):
            assert text[time.start:time.end] == time.text
            assert "error" not in why or dct.year in (1, 9999), (text, why)


def test_empty_and_blank_text(extractor):
    for text in ("", " ", "\n\n"):
        assert extractor.find(text, date(2015, 6, 15)) == []


def test_spelling_variants_find_the_same_entry(extractor):
    for text in ("mid-afternoon yesterday", "mid afternoon yesterday", "midafternoon yesterday"):
        (t,) = [x for x in extractor.find(f"Shots rang out {text}.", date(2015, 6, 15)) if x.type == "TIME"]
        assert t.value == "2015-06-14TAF", text
