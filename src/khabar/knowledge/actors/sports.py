"""Words of sports reports (sports.yaml): cues, team verbs, "for X" heads, objects and player nouns."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from ..load import load_yaml_records
from .schema import SportsWord

SPORTS_FILE = Path(__file__).resolve().parent / "sports.yaml"


def load_sports_words(path: str | Path = SPORTS_FILE) -> dict[str, frozenset[str]]:
    """use → words of ``path``; a bad entry raises `KnowledgeError` naming file:line."""
    words: dict[str, set[str]] = defaultdict(set)
    for e in load_yaml_records(path, SportsWord):
        words[e.use].add(e.word)
    return {use: frozenset(words.get(use, ())) for use in ("cue", "verb", "for", "object", "player")}


@lru_cache(maxsize=1)
def sports_words() -> dict[str, frozenset[str]]:
    """The shipped sports words, read once."""
    return load_sports_words()
