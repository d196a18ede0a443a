"""Event patterns as data: schema, loader and validator.

A pattern names a trigger (a verb lemma or a noun lemma) and optional constraints on its
dependents; when it matches a parsed clause, the CAMEO code fires with slots for source and
target. Files: ``patterns/*.yaml`` beside this module, plus any user files (Settings.pattern_paths).
Every entry is validated (`EventPattern`), codes are checked against the codebook, ids must be
unique across all files; errors name file:line.

Entry fields (one mapping per pattern):
  id        unique id; when omitted it is derived: ``cameo-<code>/<lemma>[.n][-<particle>][-<prep>][-<objects>]``
  cameo     CAMEO code that fires
  verb      trigger verb lemma            } exactly one of the two
  noun      trigger noun lemma (nominal)  }
  particle  required phrasal particle ("off" in "called off")
  prep      required preposition attached to the trigger ("for" in "call for")
  object    lemmas, any of which must head the direct object (or the object of ``prep``)
  target    where the target actor is: auto | object | prep | none  (default auto)
  target_prep  prepositions whose object is the target ("on" for "an attack on X")
  governs   control/raising class for "vowed to retaliate", "refused to cooperate":
            intent | refuse | demand | appeal | threaten | deny  (see embedding.yaml), or
            order: "ordered police to arrest X" codes the arrest for whoever ordered it;
            claim: "X claimed responsibility for the bombing" makes X the bomber, reported by X
  complement_modal  the clausal complement must carry one of these modals ("said Sudan must
            return ..." is a demand: say with complement_modal [must, should])
  target_of_object  the target is the author of the object noun ("rejected an Indian
            proposal", "dismissed calls by X", "accepted X's offer")
  intransitive  only without a direct object ("workers struck" 143, not "missiles struck X")
  subject   lemmas, any of which must head the subject (its compounds and of-object count):
            "**peacekeepers** arrived in X" is peacekeeping (074), not a visit (042)
  passive   true/false: only fire in that voice (default: both; passives are undone)
  confidence  base confidence of the rule (default 0.75)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ...errors import KnowledgeError
from ..load import load_yaml_records
from .codebook import Codebook, default_codebook

HERE = Path(__file__).resolve().parent
PATTERN_DIR = HERE / "patterns"
EMBEDDING_FILE = HERE / "embedding.yaml"

Governs = Literal["intent", "refuse", "demand", "appeal", "threaten", "deny", "order", "claim"]
LEMMA = r"^[a-z][a-z'\-]*$"


class EventPattern(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str | None = None
    cameo: str = Field(pattern=r"^[0-9]{2,4}$")
    verb: str | None = Field(None, pattern=LEMMA)
    noun: str | None = Field(None, pattern=LEMMA)
    particle: str | None = Field(None, pattern=LEMMA)
    prep: str | None = Field(None, pattern=LEMMA)
    object: list[str] = []
    target: Literal["auto", "object", "prep", "none"] = "auto"
    target_prep: list[str] = []
    governs: Governs | None = None
    complement_modal: list[str] = []
    target_of_object: bool = False
    intransitive: bool = False
    subject: list[str] = []
    passive: bool | None = None
    confidence: float = Field(0.75, ge=0.05, le=1.0)
    note: str | None = None
    # filled by the loader, not written in files
    file: str | None = None
    line: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _no_yaml_booleans(cls, data):
        # YAML 1.1 reads bare on/off/no/yes as booleans: say so instead of a type error
        if isinstance(data, dict):
            for key, value in data.items():
                values = value if isinstance(value, list) else [value]
                if key not in ("passive", "target_of_object", "intransitive") and any(isinstance(v, bool) for v in values):
                    raise ValueError(f"{key}: quote words like \"on\", \"off\", \"no\" (YAML reads them as true/false)")
        return data

    @model_validator(mode="after")
    def _one_trigger(self) -> EventPattern:
        if (self.verb is None) == (self.noun is None):
            raise ValueError("give exactly one of 'verb' or 'noun'")
        for lemma in self.object:
            if not lemma or lemma != lemma.lower():
                raise ValueError(f"object lemma {lemma!r} must be lower case")
        for lemma in self.subject:
            if not lemma or lemma != lemma.lower():
                raise ValueError(f"subject lemma {lemma!r} must be lower case")
        if self.id is None:
            trigger = self.verb or f"{self.noun}.n"  # nominal ids end in .n ("attack.n")
            parts = [trigger, self.particle, self.prep, "|".join(self.object[:3]) or None]
            if self.complement_modal:
                parts.append("modal")
            if self.intransitive:
                parts.append("intr")
            if self.subject:
                parts.append("by-" + "|".join(self.subject[:3]))
            if self.passive is not None:
                parts.append("passive" if self.passive else "active")
            self.id = f"cameo-{self.cameo}/" + "-".join(p for p in parts if p)
        return self

    @property
    def lemma(self) -> str:
        return self.verb or self.noun  # type: ignore[return-value]

    @property
    def kind(self) -> str:
        return "verb" if self.verb else "noun"

    @property
    def specificity(self) -> int:
        """How many constraints the pattern adds beyond its trigger: more specific wins."""
        return ((self.particle is not None) * 2 + (self.prep is not None) + (len(self.object) > 0) * 2
                + (len(self.complement_modal) > 0) * 2 + self.intransitive + (len(self.subject) > 0) * 2)


class Embedding(BaseModel):
    """Control verbs: the governor's class and the embedded event's root decide the code."""

    model_config = ConfigDict(extra="forbid")
    governs: Governs
    embedded: str = Field(pattern=r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$", description="code prefix of the embedded event")
    cameo: str = Field(pattern=r"^[0-9]{2,4}$")


class PatternSet:
    """All patterns indexed by (kind, lemma), and the embedding table."""

    def __init__(self, patterns: list[EventPattern], embeddings: list[Embedding]):
        self.patterns = patterns
        self.by_trigger: dict[tuple[str, str], list[EventPattern]] = defaultdict(list)
        for p in patterns:
            self.by_trigger[(p.kind, p.lemma)].append(p)
        self.embedding = {(e.governs, e.embedded): e.cameo for e in embeddings}
        self.by_id = {p.id: p for p in patterns}
        self.event_nouns = frozenset(p.noun for p in patterns if p.noun)

    def __len__(self) -> int:
        return len(self.patterns)

    def embedded_code(self, governs: str, code: str) -> str | None:
        """Code for a governor class over an embedded code: the longest matching prefix wins."""
        for n in (4, 3, 2):
            hit = self.embedding.get((governs, code[:n])) if len(code) >= n else None
            if hit:
                return hit
        return None

    def candidates(self, kind: str, lemma: str) -> list[EventPattern]:
        return self.by_trigger.get((kind, lemma), [])


def _line_of_entries(path: Path) -> list[int]:
    """1-based line of each top-level list entry, in order (matches load order)."""
    return [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if line.startswith("- ") and not line.startswith("- -")]


def _foreign(path: Path) -> bool:
    """A file whose header says ``codebook: foreign`` uses its own codes (an imported PETRARCH
    validation dictionary); its codes are checked for form only."""
    with path.open(encoding="utf-8") as handle:
        for _, line in zip(range(20), handle, strict=False):
            if line.strip().replace(" ", "") == "codebook:foreign":
                return True
    return False


def load_pattern_file(path: Path, book: Codebook | None = None) -> list[EventPattern]:
    """Load one pattern file, check codes against the codebook; errors name file:line."""
    book = book or default_codebook()
    path = Path(path)
    records = load_yaml_records(path, EventPattern, key="patterns")
    lines = _line_of_entries(path)
    foreign = _foreign(path)
    for i, p in enumerate(records):
        p.file, p.line = str(path), (lines[i] if i < len(lines) else None)
        if p.cameo not in book and not foreign:
            raise KnowledgeError(path, p.line, f"unknown CAMEO code {p.cameo!r} (pattern {p.id})")
    return records


def pattern_files(extra: Iterable[Path] = ()) -> list[Path]:
    return sorted(PATTERN_DIR.glob("*.yaml")) + [Path(p) for p in extra]


def load_patterns(extra: Iterable[Path] = (), book: Codebook | None = None, shipped: bool = True) -> PatternSet:
    """Shipped patterns (unless ``shipped=False``) plus user files; ids unique across all."""
    book = book or default_codebook()
    patterns: list[EventPattern] = []
    seen: dict[str, EventPattern] = {}
    files = pattern_files(extra) if shipped else [Path(p) for p in extra]
    for path in files:
        for p in load_pattern_file(path, book):
            if p.id in seen:
                first = seen[p.id]
                raise KnowledgeError(path, p.line, f"duplicate pattern id {p.id} (first at {first.file}:{first.line})")
            seen[p.id] = p
            patterns.append(p)
    embeddings = load_yaml_records(EMBEDDING_FILE, Embedding, key="embedding")
    for e in embeddings:
        if e.cameo not in book:
            raise KnowledgeError(EMBEDDING_FILE, None, f"unknown CAMEO code {e.cameo!r} for {e.governs}/{e.embedded}")
    return PatternSet(patterns, embeddings)
