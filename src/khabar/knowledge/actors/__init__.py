"""The actor knowledge base (KB): countries, international organizations, non-state armed and
political groups, and role nouns, with lookups other stages use.

    from khabar.knowledge.actors import load_kb
    kb = load_kb(settings)            # cached per settings.kb_paths; raises KnowledgeError
    kb.lookup("Houthis")              # ActorEntry(id="houthis", code="YEMREB", ...)
    kb.country_for("Rwandan")         # "RWA"  (names, demonyms, capitals, metonyms)
    kb.is_demonym("Kenyan")           # True  (a demonym/adjective, not a place)
    kb.capital_country("Kigali")      # "RWA"
    kb.metonym("the Kremlin")         # ("RUS", "GOV")
    kb.role("prime minister")         # RoleInfo(sector="GOV", kind="person", title=True, ...)
    kb.role_sector("soldiers")        # "MIL" (plural and lemma forms accepted)
    kb.code_for(country="KEN", sector="GOV")  # "KENGOV"

Data: the ``*.yaml`` files beside this module (schemas in `schema`), the country table built
from libraries (`countries`), and user files passed with ``--kb FILE`` (docs/knowledge.md).
Every file is validated; an error names file:line and nothing of the KB is loaded.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ...errors import KnowledgeError
from ..load import load_yaml_records
from .countries import Country, build_countries
from .schema import ActorEntry, CountryExtra, RoleNoun

DATA_DIR = Path(__file__).resolve().parent
ROLE_FILE = DATA_DIR / "roles.yaml"
COUNTRY_FILE = DATA_DIR / "countries.yaml"
ACTOR_FILES = ("igos.yaml", "groups_africa.yaml", "groups_mena.yaml", "groups_asia.yaml",
               "groups_europe.yaml", "groups_americas.yaml", "media.yaml", "companies.yaml",
               "state_bodies.yaml")

__all__ = ["ActorEntry", "ActorKB", "Country", "RoleInfo", "load_kb", "load_kb_files", "normalize"]


@dataclass(frozen=True)
class RoleInfo:
    noun: str
    sector: str | None
    kind: str  # person | group | organization
    title: bool
    generic: bool
    gender: str | None
    collective: bool = False
    people: bool = False  # uncoded people noun ("parents"): see schema.RoleNoun
    kin: bool = False  # a relative ("his daughter"): see schema.RoleNoun


_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Key for name lookups: case, accents, dots, hyphens and a leading "the" do not matter."""
    text = unicodedata.normalize("NFKD", text.translate(_APOS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace(".", "").replace("-", " ")
    text = re.sub(r"'s\b", "", text) if text.endswith("'s") else text
    text = re.sub(r"\s+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


def _singular(noun: str) -> str:
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith(("ches", "shes", "sses")):
        return noun[:-2]
    if noun.endswith("men"):
        return noun[:-3] + "man"
    if noun.endswith("s") and not noun.endswith("ss"):
        return noun[:-1]
    return noun


class ActorKB:
    """Immutable once built; build with `load_kb` / `load_kb_files`."""

    def __init__(self, entries: list[ActorEntry], roles: list[RoleNoun],
                 countries: dict[str, Country]):
        self.entries: dict[str, ActorEntry] = {e.id: e for e in entries}
        self.countries = countries
        self.roles: dict[str, RoleInfo] = {
            r.noun: RoleInfo(r.noun, r.sector, r.kind, r.title, r.generic, r.gender, r.collective,
                              r.people, r.kin)
            for r in roles
        }
        self._by_name: dict[str, list[str]] = {}
        for e in entries:
            for name in (e.name, *e.aliases):
                ids = self._by_name.setdefault(normalize(name), [])
                if e.id not in ids:
                    ids.append(e.id)
        self._country_names: dict[str, str] = {}
        self._demonyms: dict[str, str] = {}
        self._capitals: dict[str, str] = {}
        self._metonyms: dict[str, tuple[str, str]] = {}
        capital_owners: dict[str, set[str]] = {}
        # most populous first, so a shared demonym or name goes to the country news means
        for c in sorted(countries.values(), key=lambda c: -c.population):
            for n in (c.name, *c.names):
                self._country_names.setdefault(normalize(n), c.alpha3)
            for d in c.demonyms:
                self._demonyms.setdefault(normalize(d), c.alpha3)
            for cap in c.capitals:
                capital_owners.setdefault(normalize(cap), set()).add(c.alpha3)
            for m, sector in c.metonyms.items():
                self._metonyms[normalize(m)] = (c.alpha3, sector)
        # a capital claimed by two countries (Jerusalem) names neither for certain
        self._capitals = {k: next(iter(v)) for k, v in capital_owners.items() if len(v) == 1}

    # ---- named actors ----------------------------------------------------------------------
    def lookup(self, name: str) -> ActorEntry | None:
        """The KB entry whose name or alias matches ``name`` (normalized), else None."""
        ids = self._by_name.get(normalize(name))
        return self.entries[ids[0]] if ids else None

    def lookup_all(self, name: str) -> list[ActorEntry]:
        """Every entry a name may denote (an alias can be shared: "RSF"), KB order."""
        return [self.entries[i] for i in self._by_name.get(normalize(name), ())]

    def entry(self, entry_id: str) -> ActorEntry | None:
        return self.entries.get(entry_id)

    # ---- countries -------------------------------------------------------------------------
    def country_for(self, text: str) -> str | None:
        """alpha-3 for a country name, demonym/adjective, capital or metonym; else None."""
        key = normalize(text)
        return (self._country_names.get(key) or self._demonyms.get(key)
                or self._capitals.get(key) or (self._metonyms.get(key) or (None,))[0])

    def country_by_name(self, text: str) -> str | None:
        return self._country_names.get(normalize(text))

    def is_demonym(self, text: str) -> bool:
        """True for "Kenyan", "Rwandans", "U.S." (as adjective): words naming a people, not a place."""
        return normalize(text) in self._demonyms

    def demonym_country(self, text: str) -> str | None:
        return self._demonyms.get(normalize(text))

    def capital_country(self, text: str) -> str | None:
        return self._capitals.get(normalize(text))

    def metonym(self, text: str) -> tuple[str, str] | None:
        """(alpha-3, sector) for a place standing for an institution: "the Kremlin" → RUS GOV."""
        return self._metonyms.get(normalize(text))

    def country_name(self, alpha3: str) -> str:
        c = self.countries.get(alpha3)
        return c.name if c else alpha3

    # ---- roles -----------------------------------------------------------------------------
    def role(self, noun: str) -> RoleInfo | None:
        """RoleInfo for a role noun or phrase, trying the text as given and its singular."""
        key = " ".join(noun.lower().split())
        return self.roles.get(key) or self.roles.get(_singular(key))

    def role_sector(self, noun: str) -> str | None:
        info = self.role(noun)
        return info.sector if info else None

    @staticmethod
    def code_for(country: str | None, sector: str | None) -> str | None:
        """CAMEO-style composed code: country + agent ("KEN" + "GOV" → "KENGOV")."""
        if country and sector:
            return country + sector
        return country or None

    def names(self) -> Iterable[tuple[str, ActorEntry]]:
        """Every (surface name, entry) pair: what the entity ruler matches."""
        for e in self.entries.values():
            for n in (e.name, *e.aliases):
                yield n, e


# ---- loading ---------------------------------------------------------------------------------
def _line_of(path: Path, needle: str) -> int | None:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    return None


def _read_user_file(path: Path) -> tuple[list[ActorEntry], list[RoleNoun], list[CountryExtra]]:
    """A user KB file: a list of actor entries, or a mapping with actors/roles/countries."""
    try:
        top = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KnowledgeError(path, None, f"cannot read: {exc.strerror or exc}") from None
    except yaml.YAMLError:
        top = None  # load_yaml_records reports the syntax error with its line
    if isinstance(top, dict):
        unknown = set(top) - {"actors", "roles", "countries"}
        if unknown:
            raise KnowledgeError(path, 1, f"unknown top-level keys {sorted(unknown)}; "
                                 "expected actors, roles, countries")
        return (load_yaml_records(path, ActorEntry, key="actors"),
                load_yaml_records(path, RoleNoun, key="roles"),
                load_yaml_records(path, CountryExtra, key="countries"))
    return load_yaml_records(path, ActorEntry), [], []


def load_kb_files(user_paths: Iterable[str | Path] = ()) -> ActorKB:
    """Build the KB from the shipped files plus ``user_paths`` (later files override entries
    with the same id). Raises `KnowledgeError` naming file:line; nothing is half loaded."""
    countries = build_countries()
    entries: dict[str, ActorEntry] = {}
    origin: dict[str, Path] = {}
    roles: dict[str, RoleNoun] = {}
    extras: list[tuple[Path, CountryExtra]] = []

    def add_entries(path: Path, items: list[ActorEntry], override: bool) -> None:
        for e in items:
            if e.id in entries and not override:
                raise KnowledgeError(path, _line_of(path, f"id: {e.id}"),
                                     f"duplicate id {e.id!r} (also in {origin[e.id].name})")
            entries[e.id], origin[e.id] = e, path

    def add_roles(path: Path, items: list[RoleNoun], override: bool) -> None:
        for r in items:
            if r.noun in roles and not override:
                raise KnowledgeError(path, _line_of(path, f"noun: {r.noun}"),
                                     f"duplicate role noun {r.noun!r}")
            roles[r.noun] = r

    for name in ACTOR_FILES:
        add_entries(DATA_DIR / name, load_yaml_records(DATA_DIR / name, ActorEntry), False)
    add_roles(ROLE_FILE, load_yaml_records(ROLE_FILE, RoleNoun), False)
    extras += [(COUNTRY_FILE, x) for x in load_yaml_records(COUNTRY_FILE, CountryExtra)]
    for raw in user_paths:
        path = Path(raw)
        user_entries, user_roles, user_countries = _read_user_file(path)
        add_entries(path, user_entries, True)
        add_roles(path, user_roles, True)
        extras += [(path, x) for x in user_countries]

    for path, x in extras:
        c = countries.get(x.country)
        if c is None:  # e.g. Kosovo (XKX) is not in ISO 3166-1 yet
            if not x.aliases:
                raise KnowledgeError(path, _line_of(path, x.country),
                                     f"unknown country {x.country}: give it a name in aliases")
            c = countries[x.country] = Country(alpha3=x.country, name=x.aliases[0])
        c.names.update(x.aliases)
        c.demonyms.update(x.demonyms)
        c.metonyms.update(x.metonyms)

    for e in entries.values():
        path = origin[e.id]
        for ref in e.umbrella:
            if ref not in entries:
                raise KnowledgeError(path, _line_of(path, f"id: {e.id}"),
                                     f"{e.id}: umbrella {ref!r} is not a KB id")
        for ref in e.backers:
            if ref not in entries and ref not in countries:
                raise KnowledgeError(path, _line_of(path, f"id: {e.id}"),
                                     f"{e.id}: backer {ref!r} is neither a KB id nor a country code")
        if e.country and e.country not in countries:
            raise KnowledgeError(path, _line_of(path, f"id: {e.id}"),
                                 f"{e.id}: unknown country {e.country}")
    return ActorKB(list(entries.values()), list(roles.values()), countries)


@lru_cache(maxsize=8)
def _cached(paths: tuple[str, ...]) -> ActorKB:
    return load_kb_files(paths)


def load_kb(settings=None) -> ActorKB:
    """The KB for these settings (shipped data + ``settings.kb_paths``), built once and cached."""
    paths = tuple(str(p) for p in getattr(settings, "kb_paths", ()) or ())
    return _cached(paths)
