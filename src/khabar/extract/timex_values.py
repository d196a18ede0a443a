"""Calendar arithmetic for TIMEX3 values: points in time at a granularity, shifted and formatted.

A `Point` is a date plus the granularity the text gives it ("June 2015" is a month, "Friday" a
day). Shifting a point by whole units keeps the granularity; `Point.value` writes the TIMEX3
form (2015, 2015-06, 2015-06-15, 2015-W24, 2015-W24-WE, 2015-Q2, 2015-H1, 201, 20).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Granularity = Literal["day", "week", "weekend", "month", "quarter", "half", "year", "decade", "century"]

# duration/calendar unit code (lexicon.yaml) → granularity of the point it shifts
UNIT_GRANULARITY: dict[str, Granularity] = {
    "D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "DE": "decade", "CE": "century",
}


def add_months(d: date, months: int) -> date:
    """Same day ``months`` later, clamped to the month's last day (Jan 31 + 1 month = Feb 28)."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def valid_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it cannot exist (Feb 30) or is out of range."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class Point:
    day: date
    granularity: Granularity

    # ---- construction ---------------------------------------------------------------------
    @classmethod
    def quarter(cls, year: int, quarter: int) -> Point:
        return cls(date(year, 3 * (quarter - 1) + 1, 1), "quarter")

    @classmethod
    def half(cls, year: int, half: int) -> Point:
        return cls(date(year, 6 * (half - 1) + 1, 1), "half")

    @property
    def quarter_number(self) -> int:
        return (self.day.month - 1) // 3 + 1

    # ---- arithmetic -----------------------------------------------------------------------
    def shift(self, amount: int, unit: Granularity | None = None) -> Point:
        """``amount`` units later (earlier when negative); the unit defaults to the granularity."""
        unit = unit or self.granularity
        d = self.day
        if unit == "day":
            d = d + timedelta(days=amount)
        elif unit in ("week", "weekend"):
            d = d + timedelta(weeks=amount)
        elif unit == "month":
            d = add_months(d, amount)
        elif unit == "quarter":
            d = add_months(d, 3 * amount)
        elif unit == "half":
            d = add_months(d, 6 * amount)
        elif unit == "year":
            d = add_months(d, 12 * amount)
        elif unit == "decade":
            d = add_months(d, 120 * amount)
        elif unit == "century":
            d = add_months(d, 1200 * amount)
        return Point(d, self.granularity)

    def at(self, granularity: Granularity) -> Point:
        return Point(self.day, granularity)

    # ---- TIMEX3 value ---------------------------------------------------------------------
    @property
    def value(self) -> str:
        d, g = self.day, self.granularity
        if g == "day":
            return d.isoformat()
        if g in ("week", "weekend"):
            iso_year, week, _ = d.isocalendar()
            return f"{iso_year:04d}-W{week:02d}" + ("-WE" if g == "weekend" else "")
        if g == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if g == "quarter":
            return f"{d.year:04d}-Q{self.quarter_number}"
        if g == "half":
            return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
        if g == "year":
            return f"{d.year:04d}"
        if g == "decade":
            return f"{d.year // 10:03d}"
        return f"{d.year // 100:02d}"


def nearest_weekday(anchor: date, weekday: int, direction: int, inclusive: bool = True) -> date:
    """The date with ISO ``weekday`` on/before (direction -1) or on/after (+1) ``anchor``."""
    delta = (weekday - anchor.isoweekday()) % 7 if direction > 0 else -((anchor.isoweekday() - weekday) % 7)
    if delta == 0 and not inclusive:
        delta = 7 * direction
    return anchor + timedelta(days=delta)


def easter(year: int) -> date:
    """Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def hijri_to_gregorian(gregorian_year: int, hijri_month: int, hijri_day: int) -> date | None:
    """The Gregorian date of (Hijri month, day) falling in ``gregorian_year`` (Umm al-Qura, via
    hijridate). A Hijri year is ~11 days shorter, so one Gregorian year may hold the date twice;
    the first is taken. None outside the calendar's supported range (1343-1500 AH)."""
    from hijridate import Gregorian, Hijri

    try:
        first_hijri_year = Gregorian(gregorian_year, 1, 1).to_hijri().year
    except (ValueError, OverflowError):
        return None
    for hijri_year in (first_hijri_year, first_hijri_year + 1):
        try:
            g = Hijri(hijri_year, hijri_month, hijri_day).to_gregorian()
        except (ValueError, OverflowError):
            continue
        if g.year == gregorian_year:
            return date(g.year, g.month, g.day)
    return None


def hijri_start(hijri_year: int, hijri_month: int) -> date | None:
    """Gregorian date of the first day of a Hijri month (Umm al-Qura); None out of range."""
    from hijridate import Hijri

    try:
        g = Hijri(hijri_year, hijri_month, 1).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day)
