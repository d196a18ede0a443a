"""Given names and the gender they usually carry, for pronoun resolution ("Kathryn Waters" is not
the antecedent of "he") and for telling people from organizations.

Source: the name table of the ``nomquamgender`` package (MIT licence; Van Buskirk, Clauset &
Larremore, name–gender data aggregated from 36 public sources). Each name has a number of
sources, a count of people and p(gf), the share of them gendered female. We keep names seen in at
least ``MIN_SOURCES`` sources and ``MIN_COUNT`` people, and give a gender only when p(gf) is at
most 0.1 (m) or at least 0.9 (f) — the package's own default threshold; "Kim" or "Jordan" stay
without one.

The package's table is a 22 MB JSON file that takes seconds to read, so the filtered table is
written once to the khabar data folder (``first-names-<version>.tsv``) and read from there;
nothing is downloaded. Without the package the table is empty and gender comes only from titles
and pronoun history, as before.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import logging
import os
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

PACKAGE = "nomquamgender"
MIN_SOURCES = 5
MIN_COUNT = 1000
# a "person-like" first word: a common given name in many sources (used to overrule an ORG label)
COMMON_SOURCES = 10
COMMON_COUNT = 5000
GENDER_MARGIN = 0.1


def _cache_path(version: str) -> Path:
    from ...settings import data_dir

    return data_dir() / f"first-names-{PACKAGE}-{version}.tsv"


def _build(source: Path) -> dict[str, tuple[str, bool]]:
    """name → (gender "m"/"f"/"", common) from the package's JSON table."""
    with source.open(encoding="utf-8") as fh:
        data = json.load(fh)
    table: dict[str, tuple[str, bool]] = {}
    for name, row in data.items():
        sources, count, pgf = row[0], row[1], row[2]
        # the table holds every string that appeared in a name field: keep plain alphabetic names
        if sources < MIN_SOURCES or count < MIN_COUNT or not name.isalpha() or len(name) < 2:
            continue
        gender = "m" if pgf <= GENDER_MARGIN else "f" if pgf >= 1 - GENDER_MARGIN else ""
        table[name] = (gender, sources >= COMMON_SOURCES and count >= COMMON_COUNT)
    return table


def _read(path: Path) -> dict[str, tuple[str, bool]]:
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, gender, common = line.split("\t")
        table[name] = (gender, common == "1")
    return table


def _write(path: Path, table: dict[str, tuple[str, bool]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text("".join(f"{n}\t{g}\t{int(c)}\n" for n, (g, c) in sorted(table.items())),
                   encoding="utf-8")
    tmp.replace(path)  # atomic: a concurrent reader sees the old file or the whole new one


@lru_cache(maxsize=1)
def name_table() -> dict[str, tuple[str, bool]]:
    """name (lower case) → (gender or "", common given name); cached per process."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        log.info("%s is not installed: no first-name genders", PACKAGE)
        return {}
    version = importlib.metadata.version(PACKAGE)
    cache = _cache_path(version)
    if cache.exists():
        return _read(cache)
    source = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    table = _build(source)
    try:
        _write(cache, table)
    except OSError as exc:  # a read-only data folder costs time, not the feature
        log.warning("cannot cache first names at %s: %s", cache, exc)
    return table


def first_name_gender(name: str) -> str | None:
    """"m" or "f" for a given name that mostly carries that gender, else None."""
    row = name_table().get(name.lower())
    return row[0] or None if row else None


def is_common_first_name(name: str) -> bool:
    """A given name common in many sources ("Andy", "Axel"), not a rare string."""
    row = name_table().get(name.lower())
    return bool(row and row[1])
