"""Facility nouns (facilities.yaml): the last word of a building's or a site's name."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..load import load_yaml_records
from .schema import FacilityNoun

FACILITY_FILE = Path(__file__).resolve().parent / "facilities.yaml"


def load_facility_nouns(path: str | Path = FACILITY_FILE) -> frozenset[str]:
    """The nouns of ``path``; a bad entry raises `KnowledgeError` naming file:line."""
    return frozenset(e.noun for e in load_yaml_records(path, FacilityNoun))


@lru_cache(maxsize=1)
def facility_nouns() -> frozenset[str]:
    """The shipped facility nouns, read once."""
    return load_facility_nouns()
