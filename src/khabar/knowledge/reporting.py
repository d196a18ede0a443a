"""Reporting cues as data: verbs, nouns and news outlets from ``reporting.yaml`` (and user files).

Each entry is validated with a pydantic model through `load_yaml_records`, so a bad entry is
reported as ``file:line: message``. A lemma listed twice in one file is an error too: the second
entry would silently shadow the first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import KnowledgeError
from .load import DATA_DIR, load_yaml_records

REPORTING_FILE = DATA_DIR / "reporting.yaml"

CueType = Literal[
    "say", "ask", "accuse", "deny", "warn", "promise", "urge", "agree",
    "criticize", "praise", "think", "show", "want", "announce",
]


class ReportingVerb(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lemma: str = Field(min_length=2, pattern=r"^[a-z][a-z-]*$")
    type: CueType
    # What a direct object of the verb is: the content itself, the addressee, or the person the
    # report is about (whose phrase then opens the content: "accused [Y of X]").
    object: Literal["content", "recipient", "target"] = "content"
    preps: list[str] = []
    # Verbs such as "know" or "see" are reports only with a complement; without one they are
    # ordinary verbs and must not become cues.
    needs_complement: bool = False
    # Whether a to-infinitive is what is reported: yes for "urged X to leave", "vowed to fight";
    # no for aspect verbs such as "continued to trail".
    infinitive: bool = True


class ReportingNoun(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lemma: str = Field(min_length=2, pattern=r"^[a-z][a-z-]*$")
    type: CueType


class Proxy(BaseModel):
    """A noun that speaks for someone else ("a spokesman for the ministry")."""

    model_config = ConfigDict(extra="forbid")

    lemma: str = Field(min_length=2, pattern=r"^[a-z][a-z-]*$")


class Outlet(BaseModel):
    """A news outlet: a full ``name`` ("Reuters") or a ``word`` that marks one ("... Times")."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    word: str | None = None

    @model_validator(mode="after")
    def _one_of(self) -> Outlet:
        if (self.name is None) == (self.word is None):
            raise ValueError("give exactly one of 'name' or 'word'")
        return self


@dataclass(frozen=True)
class ReportingLexicon:
    verbs: dict[str, ReportingVerb] = field(default_factory=dict)
    nouns: dict[str, ReportingNoun] = field(default_factory=dict)
    outlet_names: frozenset[str] = frozenset()
    outlet_words: frozenset[str] = frozenset()
    proxies: frozenset[str] = frozenset()

    def is_outlet(self, text: str) -> bool:
        """True when ``text`` names a news outlet or medium ("Reuters", "The New York Times")."""
        clean = text.strip().strip("'’").removesuffix("'s").removesuffix("’s").strip()
        lowered = clean.lower().removeprefix("the ")
        if any(lowered == n.lower() or lowered.startswith(n.lower() + " ") for n in self.outlet_names):
            return True
        words = lowered.replace("-", " ").split()
        # A marking word only counts inside a capitalized name ("The Washington Post"), so that
        # "the post office" or "his show" are not outlets.
        return bool(clean[:1].isupper() or clean.lower().startswith("the ")) and any(
            w in self.outlet_words for w in words
        ) and any(c.isupper() for c in clean)


def _duplicates(path: Path, section: str, lemmas: list[str]) -> None:
    """Raise on a lemma listed twice in one section, naming the line of the second entry."""
    text = path.read_text(encoding="utf-8").splitlines()
    seen: set[str] = set()
    in_section = False
    for number, line in enumerate(text, start=1):
        if line and not line.startswith((" ", "-", "#")):
            in_section = line.rstrip().rstrip(":") == section
            continue
        if not in_section or "lemma:" not in line:
            continue
        lemma = line.split("lemma:", 1)[1].split(",")[0].strip(" }'\"")
        if lemma in seen and lemma in lemmas:
            raise KnowledgeError(path, number, f"{section}: lemma {lemma!r} listed twice")
        seen.add(lemma)


def load_reporting(paths: Iterable[str | Path] = ()) -> ReportingLexicon:
    """The built-in lexicon plus user files (later files extend and override earlier ones)."""
    verbs: dict[str, ReportingVerb] = {}
    nouns: dict[str, ReportingNoun] = {}
    names: set[str] = set()
    words: set[str] = set()
    proxies: set[str] = set()
    for path in (REPORTING_FILE, *map(Path, paths)):
        path = Path(path)
        _check_top_level(path)
        file_verbs = load_yaml_records(path, ReportingVerb, key="verbs")
        file_nouns = load_yaml_records(path, ReportingNoun, key="nouns")
        outlets = load_yaml_records(path, Outlet, key="outlets")
        proxies.update(p.lemma for p in load_yaml_records(path, Proxy, key="proxies"))
        _duplicates(path, "verbs", [v.lemma for v in file_verbs])
        _duplicates(path, "nouns", [n.lemma for n in file_nouns])
        verbs.update((v.lemma, v) for v in file_verbs)
        nouns.update((n.lemma, n) for n in file_nouns)
        names.update(o.name for o in outlets if o.name)
        words.update(o.word.lower() for o in outlets if o.word)
    return ReportingLexicon(verbs, nouns, frozenset(names), frozenset(words), frozenset(proxies))


def _check_top_level(path: Path) -> None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return  # load_yaml_records reports these with a line number
    if data is None:
        return
    if not isinstance(data, dict):
        raise KnowledgeError(path, 1, "expected a mapping with 'verbs', 'nouns', 'outlets', 'proxies'")
    unknown = set(data) - {"verbs", "nouns", "outlets", "proxies"}
    if unknown:
        raise KnowledgeError(path, None, f"unknown section(s): {', '.join(sorted(unknown))}")
