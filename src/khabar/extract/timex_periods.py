"""Normalizers of business-calendar periods: quarters, halves, seasons, and the comparisons
financial news makes with them ("the year-ago quarter", "a year earlier", "the 1988 period").
Registered in `timex_normalize.NORMALIZERS` like the others."""

from __future__ import annotations

from datetime import date

from ..knowledge.time import word_key
from .timex_normalize import Env, Groups, Norm, NotATime, _point, _year_by_tense, normalizer
from .timex_values import Point


def quarter_number(word: str) -> int:
    """1-4 from "first", "3rd", …; "final" and "last" are the fourth."""
    return {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}.get(word_key(word), 4)


def _period_year(g: Groups, env: Env) -> int | None:
    for key in ("year", "qyear", "fyear"):
        if g.get(key):
            return int(g[key])
    yrel = (g.get("yrel") or "").lower()
    if yrel:
        return env.anchor().year + {"this": 0, "last": -1, "next": 1}[yrel]
    return None


@normalizer
def quarter(g: Groups, env: Env) -> Norm:
    n = quarter_number(g["qord"])
    year = _period_year(g, env)
    rel = (g.get("rel") or "").lower()
    if year is None:
        dct = env.anchor()
        if rel in ("last", "next"):
            year = dct.year + {"last": -1, "next": 1}[rel]
        else:
            # the nearest such quarter, the past one on a tie; a future one only when it has
            # begun or the clause is in the future tense
            here = dct.year * 4 + (dct.month - 1) // 3
            year = min((dct.year - 1, dct.year, dct.year + 1),
                       key=lambda y: (abs(y * 4 + n - 1 - here), y))
            if year * 4 + n - 1 > here and env.tense != "FUTURE":
                year -= 1
    return _point(Point.quarter(year, n))


@normalizer
def quarter_anaphoric(g: Groups, env: Env) -> Norm:
    rel = word_key(g["rel"])
    text_is_period = "period" in word_key(g.get("_text") or "")
    ref = env.period_ref
    if rel in ("the latest", "the most recent", "the previous", "the prior"):
        base = Point.quarter(env.anchor().year, (env.anchor().month - 1) // 3 + 1).shift(-1)
    elif rel in ("the current", "this"):
        base = Point.quarter(env.anchor().year, (env.anchor().month - 1) // 3 + 1)
    elif ref is not None:
        base = ref
    elif text_is_period:
        raise NotATime  # "the period" means nothing without a quarter to refer back to
    else:
        base = Point.quarter(env.anchor().year, (env.anchor().month - 1) // 3 + 1).shift(-1)
    if "year-ago" in rel or "year-earlier" in rel or "prior-year" in rel or "a year" in word_key(g.get("_text") or ""):
        return Norm(base.shift(-4, "quarter").value)
    return _point(base)


@normalizer
def half(g: Groups, env: Env) -> Norm:
    n = 1 if word_key(g["hord"]) == "first" else 2
    year = _period_year(g, env)
    if year is None:
        if g.get("_text") and "of the year" not in word_key(g["_text"]) and env.ref is None:
            raise NotATime  # "the first half" of a match, a speech, … without a year context
        year = env.ref.day.year if env.ref is not None else env.anchor().year
    return _point(Point.half(year, n))


SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@normalizer
def season(g: Groups, env: Env) -> Norm:
    code = env.lex.lookup("seasons", g["season"]).code
    rel = word_key(g.get("rel") or "")
    if g.get("year"):
        year = int(g["year"])
    elif rel in ("last", "this past", "the past"):
        # the last season that is over: "last summer" in mid-June is the previous year's
        dct = env.anchor()
        end = Point(date(dct.year, SEASON_START[code], 1), "month").shift(3).day
        year = dct.year if end <= dct else dct.year - 1
    else:
        year = _year_by_tense(env, SEASON_START[code], None, g.get("rel"))
    return Norm(f"{year:04d}-{code}", None, Point(date(year, SEASON_START[code], 1), "month"))


@normalizer
def year_period(g: Groups, env: Env) -> Norm:
    """"the 1988 quarter": that year's quarter of the one under discussion, else the year."""
    year = int(g["year"])
    if g.get("qord"):
        n = quarter_number(g["qord"])
        return Norm(Point.quarter(year, n).value)
    if env.period_ref is not None:
        return Norm(Point(env.period_ref.day.replace(year=year), env.period_ref.granularity).value)
    return Norm(f"{year:04d}")


@normalizer
def year_ago(g: Groups, env: Env) -> Norm:
    qord = g.get("qord") or g.get("qord2")
    if qord:
        n = quarter_number(qord)
        base = Point.quarter((env.ref.day.year if env.ref else env.anchor().year), n)
    elif env.period_ref is not None:
        base = env.period_ref
    else:
        base = Point(env.anchor(), "year")
    return Norm(base.shift(-1, "year").value)


@normalizer
def quarter_code(g: Groups, env: Env) -> Norm:
    """"Q3 2015", "H1": business shorthand; without a year, the latest one begun by the
    publication date (the quarter just reported on)."""
    kind, n = g["qcode"][0].upper(), int(g["qcode"][1])
    if g.get("year"):
        year = int(g["year"])
    else:
        dct = env.anchor()
        started = (dct.month - 1) // 3 + 1 >= n if kind == "Q" else (dct.month - 1) // 6 + 1 >= n
        year = dct.year if started else dct.year - 1
    return _point(Point.quarter(year, n) if kind == "Q" else Point.half(year, n))
