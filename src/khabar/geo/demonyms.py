"""Places read off an adjective the gazetteer does not list: "Sicilian" → Sicily, "Bosnian" →
Bosnia, "Havanese" → Havana, "Serb" → Serbia, "Kazakh" → Kazakhstan.

The gazetteer knows the adjectives of countries and curated regions ("Russian", "Latin
American"); adjectives of provinces, islands, regions and capitals it does not. When a name
handed in as a place has no reading at all, English derivation rules are undone to get the
names the adjective may come from, and those are looked up. Only large readings count (a
country, a first-level area, a curated region or feature, a city of at least `MIN_CITY`
people): "-ese" undone on an odd word must not land on a hamlet. The readings come back as
demonym matches (kind 4), so callers that keep adjectives out of their output (the extractor
is demonym-free) drop them as they drop "Russian".
"""

from __future__ import annotations

import re

from .lookup import Candidate, Gazetteer

# (adjective ending, replacements that give the place name), tried in order
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ian", ("ia", "y", "", "a", "o")),     # Siberian, Sicilian, Brazilian, Canadian, Ontarian
    ("ean", ("ea",)),                        # Caribbean-style: "Guinean" → Guinea
    ("an", ("a", "", "o", "as")),            # Cuban, Ohioan, Mexican, Texan
    ("ese", ("", "a", "o", "e")),            # Taiwanese, Havanese, Togolese, Viennese
    ("ish", ("land", "and", "istan", "ey")),  # Scottish, English, Polish, Kurdish, Turkish
    ("i", ("", "stan", "istan")),            # Iraqi, Pakistani, Kazakhi
    ("", ("ia", "stan", "istan")),           # Serb, Kazakh, Uzbek
)
AREA_FEATURES = ("country", "admin1", "region", "other")
MIN_CITY = 1_000_000
_WORD = re.compile(r"^[A-Z][a-z]+$|^[A-Z]+$")


def base_names(adjective: str) -> list[str]:
    """Place names an adjective may come from, by undoing English derivations; the words
    before the last are kept ("Central American" → "Central America")."""
    words = adjective.split()
    if not words or not _WORD.match(words[-1]):
        return []
    head, last = " ".join(words[:-1]), words[-1]
    upper = last.isupper()
    low = last.lower()
    if low.endswith("ans") and len(low) > 5:
        low = low[:-1]  # the people: "Iowans", "Ontarians"
    out: list[str] = []
    for ending, replacements in _RULES:
        if not low.endswith(ending) or len(low) - len(ending) < 3:
            continue
        stem = low[: len(low) - len(ending)] if ending else low
        for rep in replacements:
            word = (stem + rep).capitalize()
            if upper:
                word = word.upper()
            name = f"{head} {word}" if head else word
            if name != adjective and name not in out:
                out.append(name)
    return out


def demonym_readings(gazetteer: Gazetteer, adjective: str, limit: int = 20) -> list[Candidate]:
    """Large places whose name the adjective derives from, as demonym matches (kind 4)."""
    out: list[Candidate] = []
    seen: set[int] = set()
    for name in base_names(adjective):
        for c in gazetteer.lookup(name, max_kind=2, limit=limit):
            big = c.feature in AREA_FEATURES or (c.feature == "city" and c.population >= MIN_CITY)
            if big and c.id not in seen:
                seen.add(c.id)
                out.append(c._replace(match=4))
    return out
