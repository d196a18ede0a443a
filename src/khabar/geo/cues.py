"""Cues from the words around a place name: the kind of place meant ("Kherson region", "the
city of Nice", "Jordan River", "Polk, Norman and Mahnomen counties") and "X, Y" qualifier pairs
("Paris, Texas", "Springfield, Ill."). Read by `khabar.geo.resolve` (the ``cue`` and
``qualifier`` parts) and by the extractor when it builds toponyms."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .names import ADMIN_WORDS, CITY_WORDS, WATER_WORDS

if TYPE_CHECKING:
    from .resolve import Toponym

# feature cue words (after the name, or "the city of X" before it)
AREA_CUES = ADMIN_WORDS
CITY_CUES = CITY_WORDS
WATER_CUES = WATER_WORDS

_BEFORE = re.compile(r"\b(city|town|village|port|province|state|region|governorate|county|"
                     r"district|territory|river|lake)\s+of\s+(the\s+)?$", re.I)


def find_cue(text: str, start: int, end: int, mention: str) -> tuple[str | None, str]:
    """(cue, query) for a mention: the cue from a trailing kind word in the mention itself
    ("Kherson region"), the word right after it, or "the city of" right before it."""
    words = mention.split()
    last = words[-1].lower() if words else ""
    if len(words) > 1 and last in AREA_CUES:
        return "area", " ".join(words[:-1])
    if len(words) > 1 and last in WATER_CUES:
        return "water", mention
    if len(words) > 1 and last in CITY_CUES and last != "capital":
        return "city", " ".join(words[:-1])
    if _in_area_list(text, start, end):
        return "area", mention
    after = re.match(r"\s+([A-Za-z]+)", text[end:end + 20])
    if after:
        word = after.group(1).lower()
        if word in AREA_CUES:
            return "area", mention
        if word in WATER_CUES:
            return "water", mention
    if len(words) > 1 and words[0].lower() in WATER_CUES | {"lake", "mount"}:
        return "water" if words[0].lower() != "mount" else None, mention
    before = _BEFORE.search(text[max(0, start - 40):start])
    if before:
        word = before.group(1).lower()
        if word in CITY_CUES:
            return "city", mention
        if word in ("river", "lake"):
            return "water", mention
        return "area", mention
    return None, mention


# "Polk, Norman and Mahnomen counties": a list of names closed by a plural kind word
_LIST_AFTER = re.compile(r"((?:\s*,\s*|\s*,?\s+(?:and|or)\s+)[A-Z][\w.'’-]*"
                         r"(?:\s+[A-Z][\w.'’-]*){0,2})*\s+([a-z]+)\b")
_LIST_BEFORE = re.compile(r"[A-Z][\w.'’-]*\s*(?:,|,?\s+and|,?\s+or)\s*$")


def _in_area_list(text: str, start: int, end: int) -> bool:
    """Is the mention one of a list of names closed by a plural area word ("Polk, Norman
    and Mahnomen counties", "Pleasant and Madison townships")? A single name before the
    plural ("Kentucky counties") is the area the others lie in, not one of them."""
    m = _LIST_AFTER.match(text, end, min(len(text), end + 200))
    if not m:
        return False
    word = m.group(2)
    single = word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else ""
    if single not in AREA_CUES and single != "township":
        return False
    return bool(m.group(1)) or bool(_LIST_BEFORE.search(text, max(0, start - 60), start))


def link_qualifiers(text: str, toponyms: list[Toponym]) -> None:
    """"X, Y" with nothing else between: Y names the area X lies in (or Y is an abbreviation
    only meaningful there, like "Ill.")."""
    order = sorted(range(len(toponyms)), key=lambda i: toponyms[i].start)
    for a, b in zip(order, order[1:], strict=False):
        ta, tb = toponyms[a], toponyms[b]
        if re.fullmatch(r"\s*,\s*", text[ta.end:tb.start]):
            ta.qualifier = b
            tb.qualifies = True
