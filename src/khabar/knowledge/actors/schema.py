"""Schemas of the actor knowledge files (validated per entry; errors name file:line).

An *actor file* is a YAML list of `ActorEntry` mappings, or a mapping with the keys ``actors``
(list of `ActorEntry`) and ``roles`` (list of `RoleNoun`). docs/knowledge.md documents both.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

ALPHA3 = r"^[A-Z]{3}$"
# CAMEO codes are 3-letter blocks; PETRARCH files also use "---" for "no code in this period".
CODE = r"^(?:[A-Z]{3})+$"
SECTOR = r"^[A-Z]{3}$"
Sector = Annotated[str, Field(pattern=SECTOR)]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DatedRole(Entry):
    """A code an actor held over a period (PETRARCH ``[USAGOV 010120-050120]``); dates ISO."""

    code: str = Field(pattern=r"^(?:[A-Z]{3})+$|^---$")
    start: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    end: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")


class ActorEntry(Entry):
    """One named actor: an armed or political group, an IGO/NGO, a person, or a country."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:/-]*$")
    name: str = Field(min_length=1)
    aliases: list[str] = []
    kind: Literal["person", "organization", "group", "country"] = "organization"
    country: str | None = Field(None, pattern=ALPHA3)
    sectors: list[Sector] = []
    code: str | None = Field(None, pattern=CODE)
    backers: list[str] = Field([], description="countries (alpha-3) or entry ids that back it")
    umbrella: list[str] = Field([], description="ids of umbrella organisations it belongs to")
    roles: list[DatedRole] = []
    region: Literal["africa", "mena", "asia", "europe", "americas", "global"] | None = None
    note: str | None = None


class RoleNoun(Entry):
    """A noun naming a role or a collective, and the CAMEO agent code it implies.

    ``kind``: ``person`` (one holder: "president"), ``group`` (people: "protesters"),
    ``organization`` (an institution: "government", "army").
    ``title``: may stand before a name ("President William Ruto").
    ``generic``: refers back to any organization ("the group", "the movement"), or for
    ``kind: person``, to the latest named person who fits ("the boy", "the woman").
    """

    noun: str = Field(min_length=1, description="lemma, lower case; several words allowed")
    sector: str | None = Field(None, pattern=SECTOR)
    kind: Literal["person", "group", "organization"] = "person"
    title: bool = False
    generic: bool = False
    collective: bool = False  # one noun for many people ("police", "a force"), even in singular
    # people with no agent code ("the parents", "voters"): a group actor only in the plural, and
    # only when they act (a subject) or are mentioned again
    people: bool = False
    # a relative ("his daughter", "Paris's father"): with a possessor, one person per possessor
    # word and noun in the article; an actor when they act or are mentioned again
    kin: bool = False
    gender: Literal["m", "f"] | None = None


class CountryExtra(Entry):
    """Team additions to the library-built country table: short names, metonyms, demonyms."""

    country: str = Field(pattern=ALPHA3)
    aliases: list[str] = []
    demonyms: list[str] = []
    # places standing for an institution: "the Kremlin" → RUS GOV
    metonyms: dict[str, str] = {}


class FacilityNoun(Entry):
    """A word that ends the name of a building or site ("Arena", "Station"): facilities.yaml."""

    noun: str = Field(pattern=r"^[a-z]+$", description="one word, lower case")
    # also a common surname ("Hall", "Park", "Street"): a name the model tags PERSON that ends
    # in it is taken for a facility only when the name cannot be a person's (actor_facilities)
    surname: bool = False


class VenueNoun(Entry):
    """An institution noun that names a place people visit ("museum", "space center"), read
    as a place unless the name acts in the article: venues.yaml."""

    noun: str = Field(pattern=r"^[a-z]+( [a-z]+)?$", description="one or two words, lower case")


class OrgNoun(Entry):
    """A word that makes a name an organization's ("… Party", "… Association"; head-first
    languages: "Partido …", "Instituto …"): org_nouns.yaml."""

    noun: str = Field(pattern=r"^\p{Ll}+$", description="one word, lower case (accents allowed)")
    # the noun opens the name ("Partido Verde", "Instituto Marcelo") instead of ending it
    first: bool = False


class SportsWord(Entry):
    """One word of sports.yaml; ``use`` says how the team reader (extract/actor_teams.py) uses
    it (see the file header)."""

    word: str = Field(pattern=r"^[a-z][a-z-]*$", description="a lemma, lower case")
    use: Literal["cue", "verb", "for", "object", "player"]
