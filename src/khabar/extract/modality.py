"""Modality of a coded event: asserted, reported, negated or hypothetical.

Cues are data (knowledge/cameo/modality.yaml). Precedence when several apply:
negated > hypothetical > reported > asserted; ``reported_by`` is kept whenever the event comes
from someone's words (a quote from the quotes stage, or a reporting verb over the clause).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Token

from ..knowledge.cameo.patterns import HERE as CAMEO_DIR
from ..knowledge.load import load_yaml_records
from ..records import Quote

MODALITY_FILE = CAMEO_DIR / "modality.yaml"


class Cue(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cue: str
    kind: Literal["negated", "hypothetical", "reported"]
    role: Literal["neg", "aux", "governor", "mark", "report"]


@dataclass(frozen=True)
class Cues:
    neg: frozenset[str]
    aux: frozenset[str]
    mark: frozenset[str]
    negating_governors: frozenset[str]
    hypothetical_governors: frozenset[str]
    reporting: frozenset[str]

    @classmethod
    def load(cls, path: Path = MODALITY_FILE) -> Cues:
        cues = load_yaml_records(path, Cue, key="cues")

        def pick(role: str, kind: str | None = None) -> frozenset[str]:
            return frozenset(c.cue for c in cues if c.role == role and (kind is None or c.kind == kind))

        return cls(
            neg=pick("neg"), aux=pick("aux"), mark=pick("mark"),
            negating_governors=pick("governor", "negated"),
            hypothetical_governors=pick("governor", "hypothetical"),
            reporting=pick("report"),
        )


@dataclass
class ModalityResult:
    modality: str
    reported_by: str | None
    cue: str | None  # the word that decided it (shown by `khabar explain`)


class QuoteIndex:
    """Quote content spans sorted by start, for 'is this offset inside someone's words?'."""

    def __init__(self, quotes: list[Quote]):
        spans = sorted(((q.content.start, q.content.end, q) for q in quotes), key=lambda x: x[:2])
        self.starts = [s for s, _, _ in spans]
        self.spans = spans

    def at(self, offset: int) -> Quote | None:
        i = bisect_right(self.starts, offset) - 1
        # quotes rarely nest; look back a few spans for an enclosing one
        for j in range(i, max(-1, i - 4), -1):
            s, e, q = self.spans[j]
            if s <= offset < e:
                return q
        return None


def _subject_of(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _clause_chain(tok: Token, limit: int = 8):
    """The trigger, then the verbs that govern it, up to the sentence root (bounded)."""
    cur = tok
    for _ in range(limit):
        yield cur
        if cur.head is cur:
            return
        cur = cur.head


def decide(
    tok: Token,
    cues: Cues,
    quotes: QuoteIndex,
    actor_of,
    forced: str | None = None,
    skip_aux: bool = False,
) -> ModalityResult:
    """Modality of the event triggered at ``tok``. ``forced`` comes from a governing control
    verb ("refused to [cooperate]" -> negated); ``actor_of(token)`` maps a speaker to an id."""
    negated = hypothetical = None
    if forced == "negated":
        negated = "governor"
    elif forced == "hypothetical":
        hypothetical = "governor"
    for c in tok.children:
        low = c.lower_
        if c.dep_ == "neg" or (c.dep_ == "det" and low in ("no", "neither")):
            if low in cues.neg or c.dep_ == "neg":
                negated = negated or low
        elif c.dep_ in ("aux", "auxpass") and not skip_aux and (low in cues.aux or c.lemma_.lower() in cues.aux):
            hypothetical = hypothetical or low
        elif c.dep_ == "mark" and low in cues.mark:
            hypothetical = hypothetical or low
    reporter: Token | None = None
    report_cue = None
    prev = tok
    for anc in list(_clause_chain(tok))[1:]:
        lemma = anc.lemma_.lower()
        via = prev.dep_
        if via in ("xcomp", "ccomp") and lemma in cues.negating_governors and negated is None:
            negated = lemma
        elif via in ("xcomp",) and lemma in cues.hypothetical_governors and hypothetical is None and not skip_aux:
            hypothetical = lemma
        if via in ("advcl",) and any(c.dep_ == "mark" and c.lower_ in cues.mark for c in prev.children):
            hypothetical = hypothetical or "if"
        if via in ("ccomp", "parataxis") and lemma in cues.reporting and reporter is None:
            reporter = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            report_cue = lemma
        if anc.pos_ in ("VERB", "AUX") and via not in ("xcomp", "ccomp", "conj", "aux", "advcl", "parataxis"):
            break
        prev = anc
    # "X attacked Y, police said": the reporting verb hangs off the trigger
    for c in tok.children:
        if c.dep_ in ("parataxis", "ccomp", "advcl") and c.lemma_.lower() in cues.reporting and reporter is None:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" for m in c.children):
                continue  # "..., while inspectors said they needed time": another clause's report
            reporter = next((s for s in c.children if s.dep_ == "nsubj"), None)
            report_cue = c.lemma_.lower()
        if c.dep_ == "prep" and c.lower_ == "according":
            inner = next((g for g in c.children if g.dep_ == "prep"), None)
            obj = next((g for g in inner.children if g.dep_ == "pobj"), None) if inner is not None else None
            if obj is not None and reporter is None:
                reporter, report_cue = obj, "according to"
    quote = quotes.at(tok.idx)
    subj = _subject_of(tok)
    if quote is not None and quote.cue and tok.lower_ in quote.cue.lower().split() and subj is not None \
            and quote.speaker is not None and actor_of(subj) == quote.speaker:
        quote = None  # the speech act itself ("X agreed to ..."): its speaker's act, not their words
    reported_by = None
    if quote is not None:
        reported_by = quote.speaker
        report_cue = report_cue or (quote.cue or "quote")
    elif reporter is not None:
        reported_by = actor_of(reporter)
    is_reported = quote is not None or report_cue is not None
    if negated:
        return ModalityResult("negated", reported_by, negated)
    if hypothetical:
        return ModalityResult("hypothetical", reported_by, hypothetical)
    if is_reported:
        return ModalityResult("reported", reported_by, report_cue)
    return ModalityResult("asserted", None, None)
