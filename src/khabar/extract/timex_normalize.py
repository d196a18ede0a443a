"""Normalizers: one function per ``norm`` name in knowledge/time/rules.yaml.

Each takes the regex groups of a match and an `Env` (publication date, tense of the clause, the
reference point of the discourse, the lexicon) and returns a `Norm`. Two ways out:
- `Unanchored`: the expression needs the publication date and there is none → value null.
- `NotATime`: on a closer look the match is no time expression ("the period" with nothing to
  refer to) → the candidate is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ..knowledge.time import TimeKnowledge, word_key
from .timex_values import (
    UNIT_GRANULARITY,
    Point,
    easter,
    hijri_start,
    hijri_to_gregorian,
    nearest_weekday,
    valid_date,
)


class Unanchored(Exception):
    """Needs an anchor (publication date) that the article does not have."""


class NotATime(Exception):
    """The match is not a time expression after all."""


@dataclass
class Env:
    dct: date | None
    tense: str | None  # PAST | PRESENT | FUTURE | None (unknown)
    ref: Point | None  # the last explicit date mentioned before this expression
    lex: TimeKnowledge
    # the last quarter or half-year mentioned that has begun by the publication date: what
    # "a year ago", "the year-ago period", "the 1988 quarter" compare with in financial news
    period_ref: Point | None = None

    def anchor(self) -> date:
        if self.dct is None:
            raise Unanchored
        return self.dct

    def reference(self) -> Point:
        """The discourse reference point, falling back to the publication day."""
        return self.ref if self.ref is not None else Point(self.anchor(), "day")


@dataclass
class Norm:
    value: str | None
    type: str | None = None  # overrides the rule's type when set
    point: Point | None = None  # becomes the new reference point when set


Groups = dict[str, str | None]
NORMALIZERS: dict[str, Callable[[Groups, Env], Norm]] = {}


def normalizer(fn: Callable[[Groups, Env], Norm]) -> Callable[[Groups, Env], Norm]:
    NORMALIZERS[fn.__name__] = fn
    return fn


def _point(point: Point, type_: str | None = None) -> Norm:
    return Norm(point.value, type_, point)


def _count(env: Env, text: str | None) -> int | None:
    """A count from digits or number words ("twenty-four", "a couple of"); None = unspecified."""
    if text is None:
        return 1
    key = word_key(text).replace(",", "")
    if key.isdigit():
        return int(key)
    entry = env.lex.lookup("numbers", key)
    if entry is not None:
        return entry.value
    parts = re.split(r"[\s-]+", key)
    if len(parts) == 2:
        tens, ones = env.lex.lookup("numbers", parts[0]), env.lex.lookup("numbers", parts[1])
        if tens and ones and tens.value and ones.value and tens.value % 10 == 0 and ones.value < 10:
            return tens.value + ones.value
    raise NotATime


def _year_by_tense(env: Env, month: int, day: int | None, rel: str | None) -> int:
    """Year of a month (and day) given without one: the occurrence closest to the publication
    date, unless the clause's tense clearly points the other way (more than a quarter off)."""
    dct = env.anchor()
    here, there = (dct.month, dct.day), (month, day or (1 if rel else dct.day))
    rel = (rel or "").lower()
    if rel in ("last", "past", "this past"):
        return dct.year if there < here else dct.year - 1
    if rel in ("next", "coming", "this coming"):
        return dct.year if there > here else dct.year + 1
    here_m = dct.year * 12 + dct.month
    year = min((dct.year - 1, dct.year, dct.year + 1), key=lambda y: (abs(y * 12 + month - here_m), y))
    offset = year * 12 + month - here_m
    if env.tense == "PAST" and offset > 2:
        year -= 1
    elif env.tense == "FUTURE" and offset < -2:
        year += 1
    return year


@normalizer
def calendar_date(g: Groups, env: Env) -> Norm:
    month = int(g["month"]) if g.get("month") else None
    if month is None and g.get("monthname"):
        month = env.lex.lookup("months", g["monthname"]).number
    day = int(re.match(r"\d+", g["day"]).group()) if g.get("day") else None
    if g.get("year"):
        year = int(g["year"])
    elif month is not None:
        year = _year_by_tense(env, month, day, g.get("rel"))
    else:
        raise NotATime
    if month is None:
        return _point(Point(date(year, 1, 1), "year"))
    if day is None:
        return _point(Point(date(year, month, 1), "month"))
    d = valid_date(year, month, day)
    return Norm(None) if d is None else _point(Point(d, "day"))


NORMALIZERS["calendar"] = calendar_date


@normalizer
def decade(g: Groups, env: Env) -> Norm:
    if g.get("decade"):
        return Norm(g["decade"][:3])
    digit = int(g["decade2"][0]) if g.get("decade2") else env.lex.lookup("decade_words", g["decadeword"]).value
    # "the twenties" in 2026 are the 2020s; "the nineties" the 1990s
    year_now = env.dct.year if env.dct else 1999
    century = 20 if 2000 + 10 * digit <= year_now else 19
    return Norm(f"{century}{digit}")


@normalizer
def century(g: Groups, env: Env) -> Norm:
    number = env.lex.lookup("ordinals", g["ord"]).value
    return Norm(f"{number - 1:02d}")


def _holiday_date(entry, year: int) -> date | None:
    if entry.calendar == "gregorian":
        return valid_date(year, entry.month, entry.day)
    if entry.calendar == "easter":
        return date.fromordinal(easter(year).toordinal() + entry.day)
    return hijri_to_gregorian(year, entry.month, entry.day)


@normalizer
def holiday(g: Groups, env: Env) -> Norm:
    entry = env.lex.lookup("holidays", g["holiday"])
    if g.get("year"):
        d = _holiday_date(entry, int(g["year"]))
    else:
        dct = env.anchor()
        d = _holiday_date(entry, dct.year)
        rel = (g.get("rel") or "").lower()
        want_past = rel == "last" or (not rel and env.tense == "PAST")
        if d is not None and want_past and d > dct:
            d = _holiday_date(entry, dct.year - 1)
        elif d is not None and (rel == "next" or (not rel and env.tense == "FUTURE")) and d < dct:
            d = _holiday_date(entry, dct.year + 1)
    return Norm(None) if d is None else _point(Point(d, "day"))


@normalizer
def hijri_month(g: Groups, env: Env) -> Norm:
    """"Ramadan 2015" → 2015-06: the Gregorian month in which that Hijri month begins."""
    number = env.lex.lookup("hijri_months", g["hijri"]).number
    if g.get("hyear"):  # "Ramadan 1436 AH": a Hijri year
        start = hijri_start(int(g["hyear"]), number)
    elif g.get("year"):
        start = hijri_to_gregorian(int(g["year"]), number, 1)
    else:
        dct = env.anchor()
        start = hijri_to_gregorian(dct.year, number, 1)
        rel = (g.get("rel") or "").lower()
        if start is not None and (rel == "last" or env.tense == "PAST") and start > dct:
            start = hijri_to_gregorian(dct.year - 1, number, 1)
        elif start is not None and (rel == "next" or env.tense == "FUTURE") and start.month < dct.month - 1:
            start = hijri_to_gregorian(dct.year + 1, number, 1)
    return Norm(None) if start is None else _point(Point(start, "month"))


DAY_OFFSETS = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
               "the day after tomorrow": 2, "tonight": 0, "tonite": 0}


def _with_part(point: Point, g: Groups, env: Env) -> Norm:
    if g.get("part"):
        code = env.lex.lookup("parts_of_day", g["part"]).code
        return Norm(f"{point.value}T{code}", "TIME", point)
    return _point(point)


@normalizer
def deictic_day(g: Groups, env: Env) -> Norm:
    point = Point(env.anchor(), "day").shift(DAY_OFFSETS[word_key(g["dayrel"])])
    return _with_part(point, g, env)


@normalizer
def part_of_day(g: Groups, env: Env) -> Norm:
    if g.get("tonight"):
        return Norm(f"{env.anchor().isoformat()}TNI", "TIME", Point(env.anchor(), "day"))
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[word_key(g["prel"])]
    point = Point(env.anchor(), "day").shift(offset)
    return _with_part(point, g, env)


def _weekday_date(g: Groups, env: Env) -> date:
    weekday = env.lex.lookup("weekdays", g["weekday"]).number
    rel = word_key(g.get("rel") or "")
    if rel in ("the following", "the next"):
        return nearest_weekday(env.reference().day, weekday, 1, inclusive=False)
    if rel == "the previous":
        return nearest_weekday(env.reference().day, weekday, -1, inclusive=False)
    if rel == "that":
        return nearest_weekday(env.reference().day, weekday, -1)
    dct = env.anchor()
    if rel in ("last", "this past"):
        return nearest_weekday(dct, weekday, -1, inclusive=False)
    if rel in ("next", "this coming", "coming"):
        return nearest_weekday(dct, weekday, 1, inclusive=False)
    if rel == "this" or env.tense == "FUTURE":
        return nearest_weekday(dct, weekday, 1)
    return nearest_weekday(dct, weekday, -1)


@normalizer
def weekday(g: Groups, env: Env) -> Norm:
    return _with_part(Point(_weekday_date(g, env), "day"), g, env)


@normalizer
def part_then_day(g: Groups, env: Env) -> Norm:
    """"mid-afternoon yesterday", "late morning on Friday"."""
    return weekday(g, env) if g.get("weekday") else deictic_day(g, env)


GRANULARITY_RANK = {"day": 0, "week": 1, "weekend": 1, "month": 2, "quarter": 3, "half": 4, "year": 5,
                    "decade": 6, "century": 7}
REL_OFFSETS = {
    "this": 0, "the current": 0, "the full": 0, "last": -1, "past": -1, "the past": -1, "this past": -1,
    "previous": -1, "next": 1, "coming": 1, "the coming": 1, "this coming": 1, "following": 1,
}
REF_OFFSETS = {"the previous": -1, "the preceding": -1, "the prior": -1, "the following": 1,
               "the next": 1, "the same": 0, "that": 0}


@normalizer
def relative_unit(g: Groups, env: Env) -> Norm:
    unit = word_key(g.get("unit") or g.get("rel2") or g.get("rel3") or "")
    rel = word_key(g.get("rel") or "this")
    if g.get("rel2") or g.get("rel3"):
        rel = "this"
    if g.get("dir"):  # "the day before", "the year after": from the story's reference point
        rel = "the previous" if word_key(g["dir"]) in ("before", "earlier") else "the following"
    elif unit == "day" and g.get("mod"):  # "earlier in the day": the day under discussion
        rel = "the same"
    granularity = "weekend" if unit == "weekend" else UNIT_GRANULARITY.get(
        {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE"}[unit])
    if rel in REF_OFFSETS:
        base = env.reference()
        if GRANULARITY_RANK[base.granularity] > GRANULARITY_RANK[granularity]:
            return Norm(None)  # "that day" after "in 1987": the day itself is not known
        return _point(base.at(granularity).shift(REF_OFFSETS[rel], "week" if unit == "weekend" else granularity))
    if unit == "day":
        raise NotATime  # "this day", "last day" are not deictic dates
    if unit in ("decade", "century") and rel in ("past", "the past", "last", "this past"):
        # "the past decade" is the ten years up to now, not the 2000s
        return Norm("P1DE" if unit == "decade" else "P1CE", "DURATION")
    point = Point(env.anchor(), granularity).shift(REL_OFFSETS[rel], "week" if unit == "weekend" else granularity)
    return _point(point)


@normalizer
def ago(g: Groups, env: Env) -> Norm:
    n = _count(env, g["num"])
    unit = env.lex.lookup("units", g["unit"])
    direction = word_key(g["dir"])
    sign = -1 if direction in ("ago", "earlier", "before", "previously", "back") else 1
    if n is None:
        return Norm("PAST_REF" if sign < 0 else "FUTURE_REF")
    if unit.clock:
        env.anchor()
        return Norm(None, "TIME")
    # "a year earlier" compares with the publication year; "two years earlier" follows the story
    from_ref = direction not in ("ago", "from now", "hence", "back") and not (n == 1 and unit.code == "Y")
    n *= unit.multiple
    granularity = UNIT_GRANULARITY[unit.code]
    if granularity == "week":
        granularity = "day"
    if unit.code == "Y" and env.period_ref is not None:
        # "a year ago" while the text compares quarters means the same quarter a year before
        return Norm(env.period_ref.shift(-n if sign < 0 else n, "year").value)
    base = env.reference() if from_ref else Point(env.anchor(), "day")
    point = base.at(granularity).shift(sign * n, "week" if unit.code == "W" else granularity)
    return _point(point)


TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}


@normalizer
def year_words(g: Groups, env: Env) -> Norm:
    """Spelled-out years of broadcast transcripts: "nineteen ninety-six", "two thousand and one"."""
    words = [w for w in re.split(r"[\s-]+", word_key(g["yw"])) if w not in ("and", "hundred")]
    if words[:2] == ["two", "thousand"]:
        rest = words[2:]
        year = 2000 + sum(TENS.get(w, ONES.get(w, 0)) for w in rest)
    else:
        year = 1900 + sum(TENS.get(w, ONES.get(w, 0)) for w in words[1:])
    if g.get("monthname"):
        month = env.lex.lookup("months", g["monthname"]).number
        return _point(Point(date(year, month, 1), "month"))
    return _point(Point(date(year, 1, 1), "year"))


@normalizer
def weekend(g: Groups, env: Env) -> Norm:
    """"the weekend": the one just past, or the coming one in a future-tense clause."""
    dct = env.anchor()
    if env.tense == "FUTURE" or dct.isoweekday() == 5:
        day = nearest_weekday(dct, 6, 1)
    else:
        day = nearest_weekday(dct, 6, -1)
    return _point(Point(day, "weekend"))


@normalizer
def clock(g: Groups, env: Env) -> Norm:
    if g.get("noon"):
        hour, minute = (24 if word_key(g["noon"]) == "midnight" else 12), 0
    elif g.get("hhmm"):
        hour, minute = int(g["hhmm"]), int(g["mm"])
    elif g.get("hour24"):
        hour, minute = int(g["hour24"]), int(g["minute24"])
    else:
        hour, minute = int(g["hour"]) % 12, int(g.get("minute") or 0)
        if word_key(g["ampm"]).startswith("p"):
            hour += 12
    if g.get("weekday"):
        d = _weekday_date(g, env)
    elif g.get("dayrel"):
        d = Point(env.anchor(), "day").shift(DAY_OFFSETS[word_key(g["dayrel"])]).day
    elif g.get("monthname"):
        month = env.lex.lookup("months", g["monthname"]).number
        day = int(re.match(r"\d+", g["day"]).group())
        d = valid_date(_year_by_tense(env, month, day, None), month, day)
        if d is None:
            return Norm(None)
    elif env.ref is not None and env.ref.granularity == "day":
        d = env.ref.day  # "On Sunday … by 14:30": the day the story is on
    else:
        d = env.anchor()
    return Norm(f"{d.isoformat()}T{hour:02d}:{minute:02d}", None, Point(d, "day"))


@normalizer
def present_ref(g: Groups, env: Env) -> Norm:
    return Norm("PRESENT_REF")


@normalizer
def past_ref(g: Groups, env: Env) -> Norm:
    return Norm("PAST_REF")


@normalizer
def future_ref(g: Groups, env: Env) -> Norm:
    return Norm("FUTURE_REF")


def _duration(n: int | None, code: str, clock_unit: bool) -> str:
    amount = "X" if n is None else str(n)
    return f"PT{amount}{code}" if clock_unit else f"P{amount}{code}"


@normalizer
def duration(g: Groups, env: Env) -> Norm:
    unit = env.lex.lookup("units", g["unit"])
    text = word_key(g["unit"])
    if g.get("num") is None and g.get("approx") is None and text.endswith("s"):
        n = None  # bare plural: "for years"
    elif g.get("num") is None:
        n = 1  # "the whole day"
    else:
        n = _count(env, g["num"])
    return Norm(_duration(n if n is None else n * unit.multiple, unit.code, unit.clock))


# TimeBank's convention: a calendar-aligned adverb is the repeated calendar slot
ADVERB_SETS = {"hourly": "PT1H", "daily": "XXXX-XX-XX", "nightly": "XXXX-XX-XXTNI", "weekly": "XXXX-WXX",
               "biweekly": "P2W", "fortnightly": "P2W", "monthly": "XXXX-XX", "quarterly": "XXXX-QX",
               "annually": "XXXX", "yearly": "XXXX", "biannually": "P6M", "semiannually": "P6M"}


@normalizer
def recurrence(g: Groups, env: Env) -> Norm:
    if g.get("adverb"):
        return Norm(ADVERB_SETS[word_key(g["adverb"])])
    if g.get("weekday"):
        return Norm(f"XXXX-WXX-{env.lex.lookup('weekdays', g['weekday']).number}")
    if g.get("monthname"):
        return Norm(f"XXXX-{env.lex.lookup('months', g['monthname']).number:02d}")
    if g.get("season"):
        return Norm(f"XXXX-{env.lex.lookup('seasons', g['season']).code}")
    if g.get("part"):
        return Norm(f"XXXX-XX-XXT{env.lex.lookup('parts_of_day', g['part']).code}")
    unit = env.lex.lookup("units", g["unit"])
    num = g.get("num")
    n = 2 if num and word_key(num) == "other" else (_count(env, num) if num else 1)
    return Norm(_duration(n, unit.code, unit.clock))


# the normalizers of quarters, halves, seasons and year-ago comparisons live in their own module;
# importing it registers them in NORMALIZERS
from . import timex_periods  # noqa: E402,F401
