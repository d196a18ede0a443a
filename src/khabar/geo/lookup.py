"""Read the built gazetteer: `Gazetteer.lookup(name)` → candidate places, best prior first.

One read-only SQLite connection per `Gazetteer`. Pickling keeps only the path, so a pipeline can
be shipped to worker processes (multiprocessing, Dask, Spark) and reopens the file there.
"""

from __future__ import annotations

import math
import re
import sqlite3
from pathlib import Path
from typing import NamedTuple

from ..errors import UserError
from .build import FORMAT_VERSION
from .names import name_key

# "T&T": initials joined by an ampersand
_INITIALS = re.compile(r"([A-Z])\s?&\s?([A-Z])")

_COLUMNS = ("p.id, p.geonames_id, p.name, p.feature, p.fclass, p.fcode, p.country, p.admin1, "
            "p.admin1_code, p.admin2_code, p.lat, p.lon, p.population")


class Candidate(NamedTuple):
    """One place a name may refer to. ``match`` is how the name matched (0 = its own name,
    1 = another real name, 2 = derived form such as "Kherson" for "Kherson Oblast",
    3 = abbreviation such as "Ill.", 4 = demonym such as "Russian"). A NamedTuple: lookups build many, and tuples build fast."""

    id: int
    geonames_id: int | None
    name: str
    feature: str
    fclass: str
    fcode: str
    country: str | None
    admin1: str | None
    admin1_code: str | None
    admin2_code: str | None
    lat: float
    lon: float
    population: int
    match: int = 0

    @property
    def area_code(self) -> str | None:
        """The admin code this place *is* (admin1/admin2), for "inside" tests."""
        if self.feature == "admin1":
            return self.admin1_code
        if self.feature == "admin2":
            return self.admin2_code
        return None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """A built gazetteer file (see `khabar.geo.build`)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._paired: list[Candidate] | None = None  # places named "X and Y" (`initials`)
        if not self.path.exists():
            raise UserError(f"gazetteer not found at {self.path}: run `khabar setup` to build it")
        try:
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                       check_same_thread=False)
            fmt = self._db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        except sqlite3.Error as exc:
            raise UserError(f"gazetteer at {self.path} is unreadable ({exc}): "
                            "run `khabar setup --force`") from None
        if not fmt or fmt[0] != FORMAT_VERSION:
            raise UserError(f"gazetteer at {self.path} is from another khabar version: "
                            "run `khabar setup --force`")

    def __getstate__(self) -> dict:
        return {"path": str(self.path)}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["path"])

    def close(self) -> None:
        self._db.close()

    # ---- lookups -----------------------------------------------------------------------------
    def lookup(self, name: str, max_kind: int = 2, limit: int = 60) -> list[Candidate]:
        """Places called ``name`` (any case, accents, dots), most populous first.

        ``max_kind`` bounds how loose a match may be (2 excludes abbreviations)."""
        key = name_key(name)
        if not key:
            return []
        # "SA", "EU": an acronym only matches names written in capitals ("UAE"), never a
        # town whose name happens to have those letters ("Sa", "Eu")
        acronym = name.isupper() and len(key.replace(" ", "")) <= 3
        rows = self._db.execute(
            f"SELECT {_COLUMNS}, p.kind FROM lookup p WHERE p.key = ? AND p.kind <= ? "
            f"{'AND p.upper = 1 ' if acronym else ''}ORDER BY p.rank LIMIT ?",
            (key, max_kind, limit),
        ).fetchall()
        if not rows and max_kind >= 3:
            return self.initials(name)
        return [Candidate(*r) for r in rows]

    def initials(self, name: str) -> list[Candidate]:
        """"T&T", "B&H": the countries and first-level areas named "X… and Y…" with those
        initials, as abbreviations (kind 3). No package lists these forms; they follow from
        the name. The few such places are read once per gazetteer."""
        m = _INITIALS.fullmatch(name.strip())
        if not m:
            return []
        if self._paired is None:
            rows = self._db.execute(
                f"SELECT {_COLUMNS}, 3 FROM place p WHERE p.feature IN ('country', 'admin1') "
                "AND p.name LIKE '% and %' ORDER BY p.population DESC").fetchall()
            self._paired = [Candidate(*r) for r in rows]
        out = []
        for c in self._paired:
            first, _, second = c.name.partition(" and ")
            if first[:1] == m.group(1) and second[:1] == m.group(2):
                out.append(c)
        return out[:5]

    def has_name(self, name: str, max_kind: int = 1) -> bool:
        key = name_key(name)
        return bool(key) and self._db.execute(
            "SELECT 1 FROM lookup WHERE key = ? AND kind <= ? LIMIT 1", (key, max_kind)
        ).fetchone() is not None

    def get(self, place_id: int) -> Candidate | None:
        row = self._db.execute(f"SELECT {_COLUMNS}, 0 FROM place p WHERE p.id = ?",
                               (place_id,)).fetchone()
        return Candidate(*row) if row else None

    def country(self, alpha3: str) -> Candidate | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS}, 0 FROM place p WHERE p.country = ? AND p.feature = 'country'",
            (alpha3,)).fetchone()
        return Candidate(*row) if row else None

    def containing(self, lat: float, lon: float) -> list[int]:
        """Ids of countries, areas and regions whose bounding box holds the point (R*Tree)."""
        return [r[0] for r in self._db.execute(
            "SELECT id FROM bbox WHERE min_lat <= ? AND max_lat >= ? AND min_lon <= ? AND max_lon >= ?",
            (lat, lat, lon, lon))]

    def bbox(self, place_id: int) -> tuple[float, float, float, float] | None:
        """(min_lat, max_lat, min_lon, max_lon) of an area or region, None for a city."""
        row = self._db.execute("SELECT min_lat, max_lat, min_lon, max_lon FROM bbox WHERE id = ?",
                               (place_id,)).fetchone()
        return tuple(row) if row else None

    def search(self, text: str, limit: int = 10) -> list[Candidate]:
        """Full-text search over all names (FTS5, prefix on the last word): for people looking
        places up (``khabar explain``), not for resolution."""
        words = [w for w in name_key(text).split() if w.isalnum()]
        if not words:
            return []
        query = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
        rows = self._db.execute(
            f"SELECT {_COLUMNS}, MIN(n.kind) FROM name_fts f JOIN name n ON n.rowid = f.rowid "
            "JOIN place p ON p.id = n.place WHERE name_fts MATCH ? GROUP BY p.id "
            "ORDER BY p.population DESC LIMIT ?", (query.strip(), limit)).fetchall()
        return [Candidate(*r) for r in rows]

    def meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM meta"))
