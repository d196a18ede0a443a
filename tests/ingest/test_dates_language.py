"""Date normalization and the language check, on their own."""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta, timezone

import pytest

from khabar.ingest.dates import normalize_date
from khabar.ingest.language import language_problem

from .conftest import STORY_B


@pytest.mark.parametrize(
    ("value", "expect"),
    [
        ("2015-06-15", "2015-06-15"),
        ("20150615", "2015-06-15"),
        ("2015-06-15T10:30:00Z", "2015-06-15T10:30:00+00:00"),
        ("2015-06-15 10:30", "2015-06-15T10:30:00"),
        ("2015-06-15T10:30:00+02:00", "2015-06-15T10:30:00+02:00"),
        ("Mon, 15 Jun 2015 10:30:00 GMT", "2015-06-15T10:30:00+00:00"),
        ("15 June 2015", "2015-06-15"),
        ("June 15, 2015", "2015-06-15"),
        (date(2015, 6, 15), "2015-06-15"),
        (datetime(2015, 6, 15, 8, 0, tzinfo=timezone(timedelta(hours=3))), "2015-06-15T08:00:00+03:00"),
        (time.struct_time((2015, 6, 15, 10, 30, 0, 0, 166, 0)), "2015-06-15T10:30:00+00:00"),
        (1434364200, "2015-06-15T10:30:00+00:00"),
        (1434364200000, "2015-06-15T10:30:00+00:00"),
        ("2015-02-30", None),
        ("yesterday", None),
        ("June 15", None),  # no year: would be guessed from today's date
        ("", None),
        (None, None),
        (True, None),
        ("0001-01-01", None),
    ],
)
def test_normalize_date(value, expect):
    assert normalize_date(value) == expect


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Die Polizei setzte am Montag Tränengas gegen Hunderte Demonstranten in der Hafenstadt ein, sagten Zeugen.", "de"),
        ("La policía lanzó gases lacrimógenos contra cientos de manifestantes en la ciudad portuaria el lunes, dijeron testigos.", "es"),
        ("A polícia disparou gás lacrimogéneo contra centenas de manifestantes na cidade portuária na segunda-feira, disseram testemunhas.", "pt"),
        ("Полиция применила слезоточивый газ против сотен демонстрантов в портовом городе в понедельник, сообщили свидетели.", "ru"),
        ("أطلقت الشرطة الغاز المسيل للدموع على مئات المتظاهرين في المدينة الساحلية يوم الاثنين، بحسب شهود عيان.", "ar"),
    ],
)
def test_other_languages_rejected(text, lang):
    found, problem = language_problem(text, ("en",), 60)
    assert found == lang
    assert problem.startswith(f"language is {lang!r}")


def test_english_with_foreign_quote_and_many_names_passes():
    text = (
        "Protesters in Caracas chanted \"¡Abajo la dictadura!\" outside the Miraflores palace on Monday, "
        "while opposition leaders María Corina Machado and Edmundo González called for calm. " + STORY_B
    )
    assert language_problem(text, ("en",), 60) == ("en", None)


def test_fifo_is_rejected_not_read(tmp_path, read):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    articles, [r] = read(fifo)
    assert (r.source, r.reason) == (str(fifo), "not a regular file (device, socket or pipe)")
