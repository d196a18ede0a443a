"""Convert Phoenix/PETRARCH dictionaries (``.actors``, ``.agents``) into khabar KB data.

    from khabar.knowledge.petrarch import convert_files
    result = convert_files(["Phoenix.International.actors.txt", "Phoenix.agents.txt"])
    result.to_yaml()        # {"actors": [...], "roles": [...]}: a file for ``--kb``

PETRARCH actor format (TABARI heritage):
  * ``NAME_ [CODE]`` on one line, or ``NAME_`` then ``+SYNONYM_`` lines then indented code
    lines ``[CODE DATES]``; words joined by ``_``; ``#`` starts a comment; ``<!-- … -->`` blocks
    are comments too.
  * dates: ``>YYMMDD`` (from), ``<YYMMDD`` (until), ``YYMMDD-YYMMDD``; six or eight digits;
    two-digit years below 30 are 20xx, the rest 19xx; ``[---]`` means "no code in that period".
Agent format: ``NOUN {PLURAL} [~CODE]`` (``~GOV`` suffix agent, ``NGO~`` prefix agent), with
substitution sets ``!PERSON! = MAN, MEN, …`` expanded in place.

Lines that cannot be read (a malformed date, an entry with no code) are counted in
`Conversion.skipped` with file:line, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from .actors.schema import ActorEntry, DatedRole, RoleNoun

CODE_RE = re.compile(r"\[([^\]]*)\]")
DATE_RE = re.compile(r"^(?:>(\d{6}|\d{8})|<(\d{6}|\d{8})|(\d{6}|\d{8})-(\d{6}|\d{8}))$")
SUBST_RE = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")


@dataclass
class Conversion:
    actors: list[ActorEntry] = field(default_factory=list)
    roles: list[RoleNoun] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file:line: reason"

    def to_yaml(self) -> str:
        import yaml

        data = {
            "actors": [a.model_dump(exclude_defaults=True) for a in self.actors],
            "roles": [r.model_dump(exclude_defaults=True) for r in self.roles],
        }
        header = ("# khabar actor KB converted from PETRARCH dictionaries "
                  "(khabar kb import-petrarch); format: docs/knowledge.md\n")
        return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _date(text: str) -> str:
    if len(text) == 6:
        yy = int(text[:2])
        text = (f"20{text[:2]}" if yy < 30 else f"19{text[:2]}") + text[2:]
    year, month, day = text[:4], text[4:6], text[6:8]
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        raise ValueError(f"bad date {text}")
    return f"{year}-{month}-{day}"


def parse_code(raw: str) -> DatedRole:
    """``IGOUNO >20070101`` → DatedRole(code="IGOUNO", start="2007-01-01")."""
    parts = raw.split()
    if not parts:
        raise ValueError("empty code")
    code = parts[0].strip().upper()
    if not re.fullmatch(r"(?:[A-Z]{3})+|---", code):
        raise ValueError(f"unreadable code {parts[0]!r}")
    start = end = None
    if len(parts) > 1:
        m = DATE_RE.match("".join(parts[1:]))
        if m is None:
            raise ValueError(f"unreadable date {' '.join(parts[1:])!r}")
        if m.group(1):
            start = _date(m.group(1))
        elif m.group(2):
            end = _date(m.group(2))
        else:
            start, end = _date(m.group(3)), _date(m.group(4))
    return DatedRole(code=code, start=start, end=end)


def _words(name: str) -> str:
    """``BAN_KI-MOON_`` → ``Ban Ki-Moon``; parenthesised acronyms keep their case."""
    name = name.strip().strip("_").replace("_", " ")
    name = re.sub(r"\s+", " ", name).strip()
    small = {"of", "the", "and", "for", "in", "on", "de", "du", "la", "al", "to"}
    words = name.split(" ")
    return " ".join(
        w if w.startswith("(") or any(c.isdigit() for c in w)
        else w.lower() if i and w.lower() in small else w.title()
        for i, w in enumerate(words))


def _strip_comments(lines: list[str]) -> list[tuple[int, str]]:
    out, in_block = [], False
    for n, line in enumerate(lines, 1):
        if in_block:
            if "-->" in line:
                in_block = False
            continue
        if line.lstrip().startswith("<!--"):
            in_block = "-->" not in line
            continue
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            out.append((n, line))
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _current(roles: list[DatedRole]) -> str | None:
    """The code to use today: an undated one, else the open-ended or latest period."""
    usable = [r for r in roles if r.code != "---"]
    if not usable:
        return None
    undated = [r for r in usable if not r.start and not r.end]
    if undated:
        return undated[0].code
    return max(usable, key=lambda r: (r.end is None, r.end or "", r.start or "")).code


def read_actors(path: Path, countries: set[str], out: Conversion) -> None:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    current: dict | None = None
    used_ids: set[str] = {a.id for a in out.actors}

    def flush():
        if current is None:
            return
        if not current["roles"]:
            out.skipped.append(f"{path}:{current['line']}: {current['name']!r} has no code")
            return
        code = _current(current["roles"])
        dated = [r for r in current["roles"] if r.start or r.end]
        country = code[:3] if code and code[:3] in countries else None
        if code and code in countries:
            kind = "country"
        elif dated:
            kind = "person"
        else:
            kind = "organization"
        base = f"petrarch:{_slug(current['name'])}"
        entry_id, n = base, 2
        while entry_id in used_ids:
            entry_id, n = f"{base}-{n}", n + 1
        used_ids.add(entry_id)
        sectors = [code[i:i + 3] for i in range(3, len(code), 3)] if code and country else []
        out.actors.append(ActorEntry(
            id=entry_id, name=current["name"], aliases=current["aliases"], kind=kind,
            country=country, sectors=sectors[:1], code=code, roles=dated if kind == "person" else []))

    for n, line in _strip_comments(lines):
        stripped = line.strip()
        codes = CODE_RE.findall(stripped)
        head = CODE_RE.sub("", stripped).strip()
        if stripped.startswith("+"):
            if current is not None and head[1:].strip():
                current["aliases"].append(_words(head[1:]))
        elif line[:1] in (" ", "\t") or (not head and codes):
            pass  # a code line for the current entry
        else:
            flush()
            current = {"name": _words(head), "aliases": [], "roles": [], "line": n}
        for raw in codes:
            if current is None:
                continue
            try:
                current["roles"].append(parse_code(raw))
            except ValueError as exc:
                out.skipped.append(f"{path}:{n}: {exc}")
    flush()


def read_agents(path: Path, out: Conversion) -> None:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    substitutions: dict[str, list[str]] = {}
    seen = {r.noun for r in out.roles}
    for n, line in _strip_comments(lines):
        stripped = line.strip()
        m = SUBST_RE.match(stripped)
        if m:
            substitutions[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = CODE_RE.findall(stripped)
        if not codes:
            out.skipped.append(f"{path}:{n}: no agent code")
            continue
        code = codes[0].strip().replace("~", "")
        head = re.sub(r"\{[^}]*\}", "", CODE_RE.sub("", stripped)).strip()
        if not re.fullmatch(r"(?:[A-Z]{3})+", code) or not head:
            out.skipped.append(f"{path}:{n}: unreadable agent {stripped!r}")
            continue
        forms = [head]
        for marker, words in substitutions.items():
            if marker in head:
                forms = [f.replace(marker, w) for f in forms for w in words]
        for form in forms:
            noun = re.sub(r"\s+", " ", form.replace("_", " ")).strip().lower()
            if not noun or noun in seen or "!" in noun:
                continue
            seen.add(noun)
            out.roles.append(RoleNoun(noun=noun, sector=code[:3]))


def convert_files(paths: list[str | Path]) -> Conversion:
    """Read PETRARCH ``.actors``/``.agents`` files (agents: name contains "agents")."""
    import pycountry

    countries = {c.alpha_3 for c in pycountry.countries}
    out = Conversion()
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise UserError(f"{path}: no such file")
        if "agent" in path.name.lower():
            read_agents(path, out)
        else:
            read_actors(path, countries, out)
    return out
