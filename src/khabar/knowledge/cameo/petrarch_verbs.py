"""Convert a PETRARCH/TABARI CAMEO verb dictionary into khabar event patterns (YAML).

    from khabar.knowledge.cameo.petrarch_verbs import convert_verb_dictionary
    result = convert_verb_dictionary("CAMEO.2.0.txt")
    result.to_yaml()   # a pattern file for Settings.pattern_paths / --patterns

Format read (PETRARCH ``read_verb_dictionary`` heritage):
  * ``&NAME`` starts a synonym set; ``+WORD`` lines are its members (``+&OTHER`` nests a set);
  * ``--- NAME [CODE] ---`` starts a verb block; the following lines until the first pattern
    are the verbs: ``WORD {FORMS} [CODE]`` or multi-word ``+ASK_FOR`` / ``SET_+OFF``, where
    ``+`` marks the verb and the other words are its particle or preposition;
  * ``- PRE * POST [CODE] # comment`` is a pattern: ``*`` is the verb, ``(PREP WORDS)`` a
    prepositional phrase, ``{A B}`` a noun phrase, ``&SET`` any member of a set, ``$ + %``
    source / target / compound markers, ``^`` skip; ``_`` joins adjacent words.

What khabar keeps: the verb lemma, a particle, the first preposition and the head nouns of the
first object as ``object``. Patterns with words before the verb (``FAILED_TO_*``), codes that
are not 2-4 digits (``075A``), or nothing after the verb but markers are counted in
``skipped`` with file:line, never guessed. Codes outside the CAMEO codebook are kept when the
dictionary uses its own code set (the PETRARCH validation suite does): the file is then marked
``codebook: foreign``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ...errors import UserError
from .codebook import default_codebook
from .patterns import EventPattern

PARTICLES = {"up", "down", "off", "out", "back", "over", "away", "in", "on", "forward", "aside", "through"}
CODE_RE = re.compile(r"\[([^\]]*)\]")
HEADER_RE = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s*---")


@dataclass
class VerbConversion:
    patterns: list[dict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file:line: reason"
    foreign_codes: set[str] = field(default_factory=set)

    def to_yaml(self) -> str:
        import yaml

        header = ("# khabar event patterns converted from a PETRARCH verb dictionary "
                  "(khabar patterns import-petrarch); format: docs/events.md\n")
        data: dict = {}
        if self.foreign_codes:
            data["codebook"] = "foreign"
        data["patterns"] = self.patterns
        return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)


def _clean(line: str) -> str:
    return line.split("#", 1)[0].strip()


def _code(raw: str | None, default: str | None) -> str | None:
    """First code of ``[042:043]``-style fields; an empty or ``---`` code falls back."""
    if raw is None:
        return default
    first = raw.split(":", 1)[0].strip()
    if first in ("", "---"):
        return default
    return first


def _words(token: str) -> list[str]:
    return [w.lower().strip("_") for w in token.split("_") if w.strip("_")]


def _head(words: list[str]) -> str | None:
    words = [w for w in words if re.fullmatch(r"[a-z][a-z'\-]*", w)]
    return words[-1] if words else None


class _Reader:
    def __init__(self, path: Path):
        self.path = path
        self.synsets: dict[str, list[str]] = {}
        self.out = VerbConversion()
        self.book = default_codebook()
        self.seen: set[tuple] = set()

    def expand(self, name: str, depth: int = 0) -> list[str]:
        """Head words of a synonym set's members (nested sets expanded, bounded)."""
        heads: list[str] = []
        for member in self.synsets.get(name.rstrip("_").upper(), []):
            if member.startswith("&") and depth < 4:
                heads += self.expand(member[1:], depth + 1)
            elif (h := _head(_words(member))) is not None:
                heads.append(h)
        return heads

    def skip(self, line_no: int, reason: str) -> None:
        self.out.skipped.append(f"{self.path}:{line_no}: {reason}")

    def add(self, line_no: int, code: str | None, verb: str, particle=None, prep=None, objects=()) -> None:
        if code is None:
            return
        if not re.fullmatch(r"[0-9]{2,4}", code):
            self.skip(line_no, f"code {code!r} is not 2-4 digits")
            return
        if code not in self.book:
            self.out.foreign_codes.add(code)
        if not re.fullmatch(r"[a-z][a-z'\-]*", verb):
            self.skip(line_no, f"verb {verb!r} is not a single word")
            return
        objs = sorted({o for o in objects if o})
        key = (code, verb, particle, prep, tuple(objs))
        if key in self.seen:
            return
        self.seen.add(key)
        entry: dict = {"id": f"petrarch-{code}/{verb}-{len(self.out.patterns) + 1}", "cameo": code, "verb": verb}
        if particle:
            entry["particle"] = particle
        if prep:
            entry["prep"] = prep
        if objs:
            entry["object"] = objs
        entry["note"] = f"from {self.path.name}:{line_no}"
        try:  # only entries khabar's validator accepts are written
            EventPattern.model_validate(entry)
        except ValidationError as exc:
            first = exc.errors()[0]
            self.skip(line_no, f"{'.'.join(str(x) for x in first['loc'])}: {first['msg']}")
            return
        self.out.patterns.append(entry)

    def parse_pattern(self, text: str) -> tuple[str | None, str | None, list[str]] | str:
        """(particle, prep, objects) of the words after ``*``, or a reason to skip."""
        pre, _, post = text.partition("*")
        if pre.strip(" -_"):
            return "words before the verb are not expressible as a khabar pattern"
        post = post.strip()
        particle = prep = None
        objects: list[str] = []
        for m in re.finditer(r"\(([^)]*)\)|\{([^}]*)\}|(\S+)", post):
            paren, brace, word = m.groups()
            if paren is not None:
                parts = paren.split()
                if prep is None and parts:
                    prep = parts[0].lower().strip("_")
                    if not objects:
                        objects = self._objects(parts[1:])
                continue
            if brace is not None:
                if not objects:
                    objects = self._objects(brace.split())
                continue
            if word in ("$", "+", "%", "^") or word.startswith("<"):
                continue
            words = _words(word)
            if not words:
                continue
            if particle is None and not objects and prep is None and words[0] in PARTICLES and len(words) == 1:
                particle = words[0]
                continue
            if not objects:
                objects = self._objects([word])
        if particle is None and prep is None and not objects:
            return "nothing after the verb that khabar can match"
        return particle, prep, objects

    def _objects(self, tokens: list[str]) -> list[str]:
        """Head words of a phrase: the last plain word, or every member of a trailing set."""
        heads: list[str] = []
        for tok in reversed(tokens):
            parts = [p for p in tok.split("_") if p]
            if parts and parts[-1].startswith("&"):
                return self.expand(parts[-1][1:])
            h = _head(_words(tok))
            if h is not None and tok not in ("$", "+", "%", "^"):
                heads.append(h)
                break
        return heads

    def read(self) -> VerbConversion:
        try:
            lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as exc:
            raise UserError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        synset: str | None = None
        block_code: str | None = None
        verbs: list[tuple[str, str | None, str | None, str | None]] = []  # verb, particle, prep, code
        in_comment = False
        saw_header = False
        for no, raw in enumerate(lines, 1):
            if "<!--" in raw:
                in_comment = "-->" not in raw
                continue
            if in_comment:
                in_comment = "-->" not in raw
                continue
            line = _clean(raw)
            if not line:
                synset = None
                continue
            if line.startswith("&"):
                synset = line.split()[0][1:].rstrip("_").upper()
                self.synsets[synset] = []
                continue
            if synset is not None and line.startswith("+"):
                self.synsets[synset].append(line[1:].split()[0])
                continue
            header = HEADER_RE.match(line)
            if header:
                saw_header = True
                block_code = _code(header.group(2), None)
                verbs = []
                continue
            if not saw_header:
                continue
            if line.startswith("-"):
                code_m = CODE_RE.search(line)
                parsed = self.parse_pattern(CODE_RE.sub("", line[1:]))
                if isinstance(parsed, str):
                    self.skip(no, parsed)
                    continue
                particle, prep, objects = parsed
                for verb, vpart, vprep, vcode in verbs:
                    code = _code(code_m.group(1) if code_m else None, vcode or block_code)
                    self.add(no, code, verb, particle or vpart, prep or vprep, objects)
                continue
            # a verb line
            code_m = CODE_RE.search(line)
            word = CODE_RE.sub("", line).split("{", 1)[0].strip().split()
            if not word:
                continue
            form = word[0]
            particle = prep = None
            if "+" in form:
                before, _, after = form.partition("+")
                rest = _words(after)
                if not rest:
                    self.skip(no, "multi-word verb without a verb word")
                    continue
                verb = rest[0]
                tail = rest[1:] or None
                if before.strip("_"):
                    self.skip(no, "words before a multi-word verb are not expressible")
                    continue
                if tail:
                    if tail[0] in PARTICLES:
                        particle = tail[0]
                    else:
                        prep = tail[0]
            else:
                parts = _words(form)
                if len(parts) != 1:
                    self.skip(no, "multi-word verb without a + marker")
                    continue
                verb = parts[0]
            vcode = _code(code_m.group(1), None) if code_m else None
            verbs.append((verb, particle, prep, vcode))
            self.add(no, vcode or block_code, verb, particle, prep)
        return self.out


def convert_verb_dictionary(path: str | Path) -> VerbConversion:
    """Read a PETRARCH verb dictionary; see the module docstring for what is kept."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"no such file: {path}")
    return _Reader(path).read()
