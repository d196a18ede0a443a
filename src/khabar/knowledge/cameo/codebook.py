"""The CAMEO codebook and PLOVER 2021 ontology as data: codes.yaml and plover.yaml.

`load_codebook()` reads and cross-checks both files (every code has a valid parent root,
QuadClass agrees with its root, every PLOVER type/mode/context is declared) and raises
`KnowledgeError` naming file:line on the first problem.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ...errors import KnowledgeError
from ..load import load_yaml_records

HERE = Path(__file__).resolve().parent
CODES_FILE = HERE / "codes.yaml"
PLOVER_FILE = HERE / "plover.yaml"

# QuadClass is fixed by the CAMEO root: 01-05 verbal cooperation, 06-08 material cooperation,
# 09-13 verbal conflict, 14-20 material conflict.
QUAD_BY_ROOT = {f"{r:02d}": (1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4) for r in range(1, 21)}


class PloverRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: str
    mode: str | None = None
    context: list[str] = []


class CameoCode(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")
    name: str = Field(min_length=3)
    goldstein: float = Field(ge=-10, le=10)
    quad: int = Field(ge=1, le=4)
    plover: PloverRef | None = None

    @property
    def root(self) -> str:
        return self.code[:2]


class PloverType(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[A-Z]+$")
    quad_class: int = Field(ge=1, le=4)
    description: str
    modes: list[str] = []


class Codebook:
    """Lookup of CAMEO codes (name, Goldstein, QuadClass, PLOVER mapping) and PLOVER types."""

    def __init__(self, codes: list[CameoCode], types: list[PloverType], contexts: list[str]):
        self.codes = {c.code: c for c in codes}
        self.types = {t.name: t for t in types}
        self.contexts = set(contexts)

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def __len__(self) -> int:
        return len(self.codes)

    def get(self, code: str) -> CameoCode:
        try:
            return self.codes[code]
        except KeyError:
            raise KeyError(f"unknown CAMEO code {code!r}") from None

    def parent(self, code: str) -> str | None:
        """The next more general code ("0231" -> "023" -> "02"), or None for a root."""
        if len(code) <= 2:
            return None
        return code[:-1] if len(code) == 4 else code[:2]

    def roots(self) -> list[str]:
        return sorted(c for c in self.codes if len(c) == 2)


def _lines(path: Path) -> dict[str, int]:
    """Line of each ``code: "..."`` in codes.yaml, so cross-file errors can name a line."""
    found: dict[str, int] = {}
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if "code: " in line:
            value = line.split("code: ", 1)[1].split(",", 1)[0].strip().strip("\"'")
            found.setdefault(value, i)
    return found


def load_codebook(codes_path: Path = CODES_FILE, plover_path: Path = PLOVER_FILE) -> Codebook:
    """Load and cross-validate the codebook files (errors name file:line)."""
    codes = load_yaml_records(codes_path, CameoCode, key="codes")
    types = load_yaml_records(plover_path, PloverType, key="types")
    import yaml

    contexts = (yaml.safe_load(plover_path.read_text(encoding="utf-8")) or {}).get("contexts") or []
    book = Codebook(codes, types, contexts)
    lines = _lines(codes_path)
    seen: set[str] = set()
    for c in codes:
        line = lines.get(c.code)
        if c.code in seen:
            raise KnowledgeError(codes_path, line, f"duplicate CAMEO code {c.code}")
        seen.add(c.code)
        if c.quad != QUAD_BY_ROOT[c.root]:
            raise KnowledgeError(codes_path, line, f"{c.code}: quad {c.quad} but root {c.root} is QuadClass {QUAD_BY_ROOT[c.root]}")
        parent = book.parent(c.code)
        if parent is not None and parent not in book.codes:
            raise KnowledgeError(codes_path, line, f"{c.code}: parent code {parent} is missing")
        if c.plover is not None:
            ptype = book.types.get(c.plover.type)
            if ptype is None:
                raise KnowledgeError(codes_path, line, f"{c.code}: unknown PLOVER type {c.plover.type}")
            if c.plover.mode is not None and c.plover.mode not in ptype.modes:
                raise KnowledgeError(codes_path, line, f"{c.code}: mode {c.plover.mode!r} is not a mode of {ptype.name}")
            for ctx in c.plover.context:
                if ctx not in book.contexts:
                    raise KnowledgeError(codes_path, line, f"{c.code}: unknown PLOVER context {ctx!r}")
    return book


@lru_cache(maxsize=1)
def default_codebook() -> Codebook:
    """The shipped codebook, loaded once per process (read-only after loading)."""
    return load_codebook()
