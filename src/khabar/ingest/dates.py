"""Publication dates from any input form to ISO: ``YYYY-MM-DD``, or a full ISO datetime when the
input gives a time of day.

Accepted: ISO dates and datetimes (``2015-06-15``, ``2015-06-15T10:30:00Z``), RFC 822 dates as in
RSS (``Mon, 15 Jun 2015 10:30:00 GMT``), `datetime`/`date`/`time.struct_time` values, Unix
timestamps, and written dates (``15 June 2015``, ``June 15, 2015``) through dateparser. A value
that cannot be read gives None, so the caller falls back to the next source of the date.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_YEAR_RANGE = (1800, 2200)  # outside this a "date" is a parsing accident, not a publication date


def normalize_date(value: object) -> str | None:
    """ISO form of ``value`` or None when it is empty or not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _iso(value, with_time=True)
    if isinstance(value, date):
        return _iso(datetime(value.year, value.month, value.day), with_time=False)
    if isinstance(value, time.struct_time):
        return _iso(datetime(*value[:6], tzinfo=UTC), with_time=True)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_timestamp(float(value))
    if not isinstance(value, str):
        return None
    return _from_string(value.strip())


def _from_string(text: str) -> str | None:
    if not text:
        return None
    if _ISO_DATE.match(text):
        return _checked(text)
    m = _COMPACT_DATE.match(text)
    if m:
        return _checked("-".join(m.groups()))
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
        return _iso(parsed, with_time=bool(_HAS_TIME.search(text)))
    except ValueError:
        pass
    try:
        return _iso(parsedate_to_datetime(text), with_time=bool(_HAS_TIME.search(text)))
    except (TypeError, ValueError, IndexError):
        pass
    if re.fullmatch(r"\d{9,10}(\.\d+)?", text):
        return _from_timestamp(float(text))
    return _from_words(text)


def _from_words(text: str) -> str | None:
    if not re.search(r"\d{4}", text):
        return None  # without a year a written date would be guessed relative to today
    import dateparser  # slow to import; only needed for written-out dates

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"},
    )
    if parsed is None:
        return None
    return _iso(parsed, with_time=bool(_HAS_TIME.search(text)))


def _from_timestamp(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds, as JavaScript writes them
        seconds /= 1000
    try:
        return _iso(datetime.fromtimestamp(seconds, tz=UTC), with_time=True)
    except (OverflowError, OSError, ValueError):
        return None


def _checked(iso: str) -> str | None:
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return None
    return iso if _YEAR_RANGE[0] <= d.year <= _YEAR_RANGE[1] else None


def _iso(value: datetime, *, with_time: bool) -> str | None:
    if not _YEAR_RANGE[0] <= value.year <= _YEAR_RANGE[1]:
        return None
    if not with_time:
        return value.date().isoformat()
    return value.isoformat(timespec="seconds")
