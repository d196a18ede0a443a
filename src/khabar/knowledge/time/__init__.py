"""Time knowledge: the lexicon of time words and the recognition rules, loaded and validated.

``load_time_knowledge()`` reads ``lexicon.yaml`` and ``rules.yaml`` beside this module (or the
paths given), checks every entry, expands the ``{NAME}`` placeholders of each rule pattern and
compiles it. Any problem raises `KnowledgeError` naming the file and line, and nothing loads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ...errors import KnowledgeError
from ..load import load_yaml_records

TIME_DIR = Path(__file__).resolve().parent
LEXICON_PATH = TIME_DIR / "lexicon.yaml"
RULES_PATH = TIME_DIR / "rules.yaml"

_PLACEHOLDER = re.compile(r"\{([A-Z][A-Z_]*)\}")


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    forms: list[str] = Field(min_length=1)

    @field_validator("forms")
    @classmethod
    def _clean_forms(cls, forms: list[str]) -> list[str]:
        for form in forms:
            if not isinstance(form, str) or not form.strip() or form != form.strip():
                raise ValueError(f"form {form!r} must be non-empty text without outer spaces")
        return forms


class Month(_Entry):
    number: int = Field(ge=1, le=12)


class Weekday(_Entry):
    number: int = Field(ge=1, le=7)


class NumberWord(_Entry):
    value: int | None = Field(ge=1)


class Ordinal(_Entry):
    value: int = Field(ge=1, le=31)


class Unit(_Entry):
    code: Literal["S", "M", "H", "D", "W", "Q", "Y", "DE", "CE"]
    clock: bool = False
    multiple: int = Field(1, ge=1)


class Word(_Entry):
    pass


class CodedWord(_Entry):
    code: str = Field(pattern=r"^[A-Z]{2}$")


class DecadeWord(_Entry):
    value: int = Field(ge=0, le=9)


class HijriMonth(_Entry):
    number: int = Field(ge=1, le=12)


class Holiday(_Entry):
    calendar: Literal["gregorian", "hijri", "easter"]
    month: int | None = Field(None, ge=1, le=12)
    day: int = Field(ge=-60, le=31)


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    norm: str
    pattern: str = Field(min_length=1)


# lexicon section → (entry model, placeholder it fills)
SECTIONS: dict[str, tuple[type[_Entry], str]] = {
    "months": (Month, "MONTH"),
    "weekdays": (Weekday, "WEEKDAY"),
    "numbers": (NumberWord, "NUMWORD"),
    "ordinals": (Ordinal, "ORDWORD"),
    "units": (Unit, "UNIT"),
    "parts_of_day": (CodedWord, "PART"),
    "seasons": (CodedWord, "SEASON"),
    "decade_words": (DecadeWord, "DECADE_WORD"),
    "hijri_months": (HijriMonth, "HIJRI_MONTH"),
    "holidays": (Holiday, "HOLIDAY"),
    "future_verbs": (Word, "FUTURE_VERB"),
    "reporting_verbs": (Word, "REPORTING_VERB"),
}


def word_key(text: str) -> str:
    """The lookup key of a matched word: lower case, single spaces, no final period, plain '."""
    text = re.sub(r"\s+", " ", text.strip().lower()).replace("\u2019", "'")
    return text[:-1] if text.endswith(".") else text


def lexicon_key(text: str) -> str:
    """`word_key` without spaces and hyphens: a form's regex lets text write "mid-afternoon",
    "mid afternoon" or "midafternoon", so all three must find the same lexicon entry."""
    return re.sub(r"[\s-]+", "", word_key(text))


def form_regex(form: str) -> str:
    """Regex for one lexicon form: spaces/hyphens interchangeable, apostrophes either kind."""
    parts = []
    for ch in form:
        if ch in " -":
            parts.append(r"[\s-]+" if ch == " " else r"[\s-]?")
        elif ch in "'\u2019":
            parts.append("['\u2019]")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


@dataclass(frozen=True)
class CompiledRule:
    id: str
    type: str
    norm: str
    regex: re.Pattern


@dataclass(frozen=True)
class TimeKnowledge:
    """Lexicon lookups (``lexicon_key(form)`` → entry) per section, and the compiled rules."""

    lexicon: dict[str, dict[str, _Entry]]
    rules: tuple[CompiledRule, ...]

    def lookup(self, section: str, text: str | None) -> _Entry | None:
        if text is None:
            return None
        return self.lexicon[section].get(lexicon_key(text))


def _line_of(path: Path, needle: str, after: int = 0) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if number > after and needle in line:
            return number
    return None


def _load_lexicon(path: Path) -> tuple[dict[str, dict[str, _Entry]], dict[str, str]]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KnowledgeError(path, None, f"cannot read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise KnowledgeError(path, mark.line + 1 if mark else None, f"YAML syntax: {exc}") from None
    if not isinstance(raw, dict):
        raise KnowledgeError(path, 1, "expected a mapping of sections")
    for name in raw:
        if name not in SECTIONS:
            raise KnowledgeError(path, _line_of(path, f"{name}:"), f"unknown section {name!r}")
    lexicon: dict[str, dict[str, _Entry]] = {}
    alternations: dict[str, str] = {}
    for name, (model, placeholder) in SECTIONS.items():
        section_line = _line_of(path, f"{name}:") or 0
        entries = load_yaml_records(path, model, key=name)
        if not entries:
            raise KnowledgeError(path, section_line or None, f"section {name!r} is missing or empty")
        table: dict[str, _Entry] = {}
        for entry in entries:
            for form in entry.forms:
                key = lexicon_key(form)
                if key in table and table[key] != entry:
                    raise KnowledgeError(
                        path, _line_of(path, form, section_line),
                        f"{name}: form {form!r} is listed twice with different meanings",
                    )
                table[key] = entry
        lexicon[name] = table
        forms = sorted({f for e in entries for f in e.forms}, key=len, reverse=True)
        alternations[placeholder] = "(?:" + "|".join(form_regex(f) for f in forms) + ")"
    return lexicon, alternations


def _expand(pattern: str, names: dict[str, str], path: Path, line: int | None) -> str:
    def sub(match: re.Match) -> str:
        name = match.group(1)
        if name not in names:
            raise KnowledgeError(path, line, f"unknown placeholder {{{name}}}")
        return names[name]

    # fragments may use lexicon placeholders and other fragments: expand until stable
    for _ in range(5):
        expanded = _PLACEHOLDER.sub(sub, pattern)
        if expanded == pattern:
            return expanded
        pattern = expanded
    raise KnowledgeError(path, line, "placeholders nest too deeply (a fragment refers to itself?)")


def _load_rules(path: Path, names: dict[str, str], normalizers: Iterable[str]) -> tuple[CompiledRule, ...]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise KnowledgeError(path, None, f"cannot read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise KnowledgeError(path, mark.line + 1 if mark else None, f"YAML syntax: {exc}") from None
    fragments = raw.get("fragments") or {}
    if not isinstance(fragments, dict):
        raise KnowledgeError(path, _line_of(path, "fragments:"), "fragments must be a mapping")
    names = dict(names)
    for key, value in fragments.items():
        if not re.fullmatch(r"[A-Z][A-Z_]*", str(key)) or not isinstance(value, str):
            raise KnowledgeError(path, _line_of(path, f"{key}:"), f"bad fragment {key!r}")
        if key in names:
            raise KnowledgeError(path, _line_of(path, f"{key}:"), f"fragment {key} shadows a lexicon section")
        names[key] = value
    known = set(normalizers)
    compiled, seen = [], set()
    for rule in load_yaml_records(path, Rule, key="rules"):
        line = _line_of(path, f"id: {rule.id}")
        if rule.id in seen:
            raise KnowledgeError(path, line, f"duplicate rule id {rule.id!r}")
        seen.add(rule.id)
        if rule.norm not in known:
            raise KnowledgeError(path, line, f"rule {rule.id}: unknown normalizer {rule.norm!r}")
        body = _expand(rule.pattern, names, path, line)
        try:
            # whole words only: no letter/digit glued on either side
            regex = re.compile(rf"(?<![\w'\u2019-])(?:{body})(?![\w\u2019-])", re.IGNORECASE)
        except re.error as exc:
            raise KnowledgeError(path, line, f"rule {rule.id}: bad regex: {exc}") from None
        compiled.append(CompiledRule(rule.id, rule.type, rule.norm, regex))
    if not compiled:
        raise KnowledgeError(path, None, "no rules")
    return tuple(compiled)


def load_time_knowledge(
    normalizers: Iterable[str],
    lexicon_path: str | Path = LEXICON_PATH,
    rules_path: str | Path = RULES_PATH,
) -> TimeKnowledge:
    """Load and validate the time lexicon and rules; ``normalizers`` are the valid ``norm`` names."""
    lexicon, alternations = _load_lexicon(Path(lexicon_path))
    rules = _load_rules(Path(rules_path), alternations, normalizers)
    return TimeKnowledge(lexicon=lexicon, rules=rules)
