"""Organization nouns (org_nouns.yaml): words that make a name an organization's, at its end
("… Party", "… Union") or, for head-first languages, at its start ("Partido …")."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..load import load_yaml_records
from .schema import OrgNoun

ORG_NOUN_FILE = Path(__file__).resolve().parent / "org_nouns.yaml"


class OrgNouns(NamedTuple):
    last: frozenset[str]  # end a name ("Party"); also open one before "of"/"for"
    first: frozenset[str]  # open a name directly ("Partido")


def load_org_nouns(path: str | Path = ORG_NOUN_FILE) -> OrgNouns:
    """The nouns of ``path``; a bad entry raises `KnowledgeError` naming file:line."""
    entries = load_yaml_records(path, OrgNoun)
    return OrgNouns(frozenset(e.noun for e in entries if not e.first),
                    frozenset(e.noun for e in entries if e.first))


@lru_cache(maxsize=1)
def org_nouns() -> OrgNouns:
    """The shipped organization nouns, read once."""
    return load_org_nouns()
