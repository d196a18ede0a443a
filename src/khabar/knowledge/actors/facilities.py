"""Facility nouns (facilities.yaml: the last word of a building's or a site's name) and venue
nouns (venues.yaml: institutions named for a place people visit, places unless they act)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..load import load_yaml_records
from .schema import FacilityNoun, VenueNoun

FACILITY_FILE = Path(__file__).resolve().parent / "facilities.yaml"
VENUE_FILE = Path(__file__).resolve().parent / "venues.yaml"


def load_facility_entries(path: str | Path = FACILITY_FILE) -> list[FacilityNoun]:
    """The entries of ``path``; a bad entry raises `KnowledgeError` naming file:line."""
    return load_yaml_records(path, FacilityNoun)


def load_facility_nouns(path: str | Path = FACILITY_FILE) -> frozenset[str]:
    """The nouns of ``path``; a bad entry raises `KnowledgeError` naming file:line."""
    return frozenset(e.noun for e in load_facility_entries(path))


def load_venue_nouns(path: str | Path = VENUE_FILE) -> frozenset[str]:
    """The venue nouns of ``path`` (one or two words); errors name file:line."""
    return frozenset(e.noun for e in load_yaml_records(path, VenueNoun))


@lru_cache(maxsize=1)
def facility_nouns() -> frozenset[str]:
    """The shipped facility nouns, read once."""
    return load_facility_nouns()


@lru_cache(maxsize=1)
def surname_facility_nouns() -> frozenset[str]:
    """The shipped facility nouns that are also common surnames ("hall", "park")."""
    return frozenset(e.noun for e in load_facility_entries() if e.surname)


@lru_cache(maxsize=1)
def venue_nouns() -> frozenset[str]:
    """The shipped venue nouns, read once."""
    return load_venue_nouns()
