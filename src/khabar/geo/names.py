"""Name keys: the one normalization shared by the gazetteer build and every lookup.

A key is case-folded, accent-free, with dots and apostrophes removed and other punctuation turned
into spaces, so "U.S.", "Côte d'Ivoire" and "Sant Julià de Lòria" match what reporters type.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..knowledge.load import load_yaml_mapping

_DROP = re.compile(r"[.'`\u2018\u2019\u02bb\u02bc\u00b4]")
_NOT_LATIN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff\u2018\u2019\u02bb\u02bc]|\d")
_SPACE = re.compile(r"[\s\-\u2010-\u2015/,()\[\]\"\u201c\u201d]+")

WORDS_FILE = Path(__file__).resolve().parent / "words.yaml"


class _Words(BaseModel):
    model_config = ConfigDict(extra="forbid")

    admin: list[str] = Field(min_length=1)
    city: list[str] = Field(min_length=1)
    water: list[str] = Field(min_length=1)
    generic: list[str] = Field(min_length=1)
    feature: list[str] = Field(min_length=1)
    abroad: list[str] = Field(min_length=1)
    locative: list[str] = Field(min_length=1)

    @field_validator("admin", "city", "water", "generic", "feature", "abroad", "locative")
    @classmethod
    def _lower_words(cls, words: list[str]) -> list[str]:
        bad = [w for w in words if not isinstance(w, str) or w != w.lower() or not w.strip()]
        if bad:
            raise ValueError(f"words must be non-empty lower case: {bad[:3]}")
        return words


def load_words(path: Path = WORDS_FILE) -> _Words:
    """The word lists of words.yaml; a bad file raises `KnowledgeError` naming file:line."""
    return load_yaml_mapping(path, _Words)


_WORDS = load_words()
ADMIN_WORDS: frozenset[str] = frozenset(_WORDS.admin)
CITY_WORDS: frozenset[str] = frozenset(_WORDS.city)
WATER_WORDS: frozenset[str] = frozenset(_WORDS.water)
GENERIC_WORDS: frozenset[str] = frozenset(_WORDS.generic)
FEATURE_WORDS: frozenset[str] = frozenset(_WORDS.feature)
ABROAD_WORDS: frozenset[str] = frozenset(_WORDS.abroad)
LOCATIVE_WORDS: frozenset[str] = frozenset(_WORDS.locative)


def name_key(text: str) -> str:
    """Lookup key of a place name (see module doc). Empty for text with no letters."""
    if text.isascii():
        t = text.lower()
    else:
        t = unicodedata.normalize("NFKD", text)
        t = "".join(c for c in t if not unicodedata.combining(c)).casefold()
    t = _DROP.sub("", t)
    t = _SPACE.sub(" ", t).strip()
    if t.startswith("the "):
        t = t[4:]
    return t


def is_latin_name(text: str) -> bool:
    """True for names an English text could contain: Latin letters, starting with a capital.

    GeoNames alternate names mix scripts, lower-case transliterations ("swldw") and airport codes
    ("NCE"); none of those helps reading English news, and each one adds false matches.
    """
    if not text or not text[0].isupper() or (len(text) <= 3 and text.isupper()):
        return False
    return _NOT_LATIN.search(text) is None


def derived_keys(key: str) -> list[str]:
    """Other spellings of a key: "saint x" ↔ "st x", "mount x" ↔ "mt x"."""
    out = []
    for long, short in (("saint ", "st "), ("sainte ", "ste "), ("mount ", "mt "), ("fort ", "ft ")):
        if key.startswith(long):
            out.append(short + key[len(long):])
        elif key.startswith(short):
            out.append(long + key[len(short):])
    return out


def strip_admin_word(key: str) -> str | None:
    """"kherson oblast" → "kherson", "province of sindh" → "sindh", "district municipality of
    muskoka" → "muskoka"; None when nothing to strip."""
    words = key.split()
    if len(words) < 2:
        return None
    if words[-1] in ADMIN_WORDS:
        return " ".join(words[:-1])
    lead = 0
    while lead < len(words) and words[lead] in ADMIN_WORDS:
        lead += 1
    if lead and len(words) > lead + 1 and words[lead] == "of":
        return " ".join(words[lead + 1:])
    return None


def short_area_names(name: str) -> list[str]:
    """Shorter names an area goes by in news, from the way GeoNames and ISO write it:
    "Dagestan, Respublika" → "Dagestan" (the kind after a comma), "Bosnia and Herzegovina" →
    "Bosnia", "Newfoundland and Labrador" → "Newfoundland" (the first of a pair)."""
    out = []
    head, sep, tail = name.partition(",")
    if sep and head.strip() and 0 < len(tail.split()) <= 2:
        out.append(head.strip())
    first, sep, second = name.partition(" and ")
    if sep and first.strip() and second.strip() and "," not in first:
        out.append(first.strip())
    return out
