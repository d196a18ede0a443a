"""Events: CAMEO/PLOVER coding of who did what to whom, with modality, date, place, evidence.

Per sentence: find triggers (verbs and nouns with patterns, `event_patterns.match`), resolve
control verbs ("vowed to retaliate" -> a threat over an embedded attack), map the source and
target slots to actors (`ctx.actor_at`), decide modality (`modality.decide`), attach the date
and place (`event_context`), then merge repeats of the same (source, cameo, target, modality)
within the article into one event with several evidence entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

from spacy.tokens import Span, Token

from ..knowledge.cameo.codebook import Codebook, default_codebook
from ..knowledge.cameo.patterns import EventPattern, PatternSet, load_patterns
from ..records import Event, Evidence, Plover, TextSpan
from ..records import Span as SpanRecord
from .base import Context
from .event_context import ContextIndex
from .event_patterns import TriggerMatch, match, noun_slots, verb_source, verb_targets
from .modality import Cues, QuoteIndex, decide

# dependents an actor name can hide under inside a slot ("the Israeli army", "officials of
# Hungary", "Russia's foreign minister"); relative clauses and other events are not followed
SLOT_DEPS = {"compound", "amod", "nmod", "poss", "appos", "flat", "npadvmod", "nummod", "det", "quantmod"}
SLOT_PREPS = {"of", "from"}
MAX_PAIRS = 4  # sources x targets per trigger: coordination, not lists, makes events
MAX_EVENTS_PER_SENTENCE = 12
FORCED_MODALITY = {"intent": "hypothetical", "demand": "hypothetical", "appeal": "hypothetical",
                   "threaten": "hypothetical", "refuse": "negated", "deny": "negated"}


@dataclass
class Hit:
    """One fired pattern at one trigger, with everything `khabar explain` shows."""

    token: Token
    pattern: EventPattern
    match: TriggerMatch
    cameo: str
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    source_token: Token | None = None
    target_token: Token | None = None
    governed_by: Hit | None = None
    embeds: Hit | None = None
    modality: str = "asserted"
    modality_cue: str | None = None
    reported_by: str | None = None
    confidence: float = 0.0
    note: str = ""


def _actor_in(ctx: Context, tok: Token, budget: int = 40) -> tuple[str | None, Token | None]:
    """Breadth-first over the slot's modifiers: the closest token that is an actor mention."""
    queue, seen = [tok], set()
    while queue and budget > 0:
        cur = queue.pop(0)
        budget -= 1
        if cur.i in seen:
            continue
        seen.add(cur.i)
        actor = ctx.actor_at(cur.idx, cur.idx + len(cur))
        if actor is not None:
            return actor, cur
        for c in cur.children:
            if c.dep_ in SLOT_DEPS or (c.dep_ == "prep" and c.lower_ in SLOT_PREPS) or (c.dep_ == "pobj" and cur.dep_ == "prep"):
                queue.append(c)
    return None, None


def slot_actors(ctx: Context, head: Token | None) -> list[str]:
    """Actor ids in a slot, one per coordinated conjunct ("A and B signed" -> [A, B])."""
    if head is None:
        return []
    found: list[str] = []
    for conj in [head, *head.conjuncts][:MAX_PAIRS]:
        actor, at = _actor_in(ctx, conj)
        if actor is None:
            continue
        for a in [actor] + [ctx.actor_at(c.idx, c.idx + len(c)) for c in at.conjuncts if c.i != conj.i]:
            if a is not None and a not in found:
                found.append(a)
    return found[:MAX_PAIRS]


class EventCoder:
    """Codes a parsed article; holds only read-only knowledge (safe to share across articles)."""

    def __init__(self, patterns: PatternSet, book: Codebook, cues: Cues):
        self.patterns, self.book, self.cues = patterns, book, cues

    # ---- per sentence ------------------------------------------------------------------
    def sentence_hits(self, sent: Span, ctx: Context, trace: list | None = None) -> list[Hit]:
        hits: list[Hit] = []
        for tok in sent:
            m = match(tok, self.patterns)
            if m is None:
                continue
            if trace is not None:
                trace.append(m)
            if m.pattern is not None:
                hits.append(Hit(tok, m.pattern, m, m.pattern.cameo))
        by_token = {h.token.i: h for h in hits}
        self._resolve_control(hits, by_token)
        # a nominal event that is the object of a (non-governing) coded verb is the same act
        hits = [h for h in hits if not (h.pattern.kind == "noun" and h.governed_by is None
                                        and h.token.head.i in by_token and h.token.head.i != h.token.i
                                        and by_token[h.token.head.i].pattern.kind == "verb"
                                        and by_token[h.token.head.i].pattern.governs is None)]
        # embedded acts first: governors may inherit their targets
        for h in sorted(hits, key=lambda h: h.governed_by is None):
            self._fill_slots(h, ctx)
        for h in hits:
            self._inherit_from_embedded(h)
        return hits

    def _resolve_control(self, hits: list[Hit], by_token: dict[int, Hit]) -> None:
        for gov in hits:
            cls = gov.pattern.governs
            if cls is None:
                continue
            emb = self._embedded(gov.token, by_token)
            if emb is None or emb.governed_by is not None:
                continue
            emb.governed_by, gov.embeds = gov, emb
            code = self.patterns.embedded_code(cls, emb.cameo)
            if code is not None:
                gov.cameo = code
                gov.note = f"{cls} over {emb.cameo} ({emb.pattern.id}) -> {code}"

    @staticmethod
    def _embedded(tok: Token, by_token: dict[int, Hit]) -> Hit | None:
        """The coded event a control verb governs: its verb complement, or a coded noun in its
        object ("called for the release of"), searched two levels deep."""
        for c in tok.children:
            if c.dep_ in ("xcomp", "ccomp") and c.i in by_token:
                return by_token[c.i]
        for c in tok.children:
            if c.dep_ in ("xcomp", "ccomp"):
                for g in c.children:  # "urged X to agree to talks" -> the inner one if coded
                    if g.dep_ in ("xcomp", "dobj") and g.i in by_token:
                        return by_token[g.i]
        for c in tok.children:
            if c.dep_ in ("dobj", "obj", "nsubjpass") and c.i in by_token:
                return by_token[c.i]
            if c.dep_ == "prep" and c.lower_ in ("for", "to", "on", "against"):
                for o in c.children:
                    if o.dep_ in ("pobj", "pcomp") and o.i in by_token:
                        return by_token[o.i]
        return None

    def _fill_slots(self, h: Hit, ctx: Context) -> None:
        if h.pattern.kind == "verb":
            src = verb_source(h.token)
            h.source_token = src
            h.sources = slot_actors(ctx, src)
            for cand in verb_targets(h.token, h.pattern):
                found = [a for a in slot_actors(ctx, cand) if a not in h.sources]
                if found:
                    h.target_token, h.targets = cand, found
                    break
        else:
            srcs, tgts = noun_slots(h.token, h.pattern)
            h.source_token = srcs[0] if srcs else None
            h.target_token = tgts[0] if tgts else None
            for s in srcs:
                h.sources += [a for a in slot_actors(ctx, s) if a not in h.sources]
            for t in tgts:
                h.targets += [a for a in slot_actors(ctx, t) if a not in h.targets]
            if not h.sources and h.governed_by is not None:
                h.sources = list(h.governed_by.targets or h.governed_by.sources)
        if h.governed_by is not None and not h.sources:
            h.sources = list(h.governed_by.sources)

    @staticmethod
    def _inherit_from_embedded(h: Hit) -> None:
        """A governor without its own target takes the embedded act's ("vowed to retaliate
        against X" is a threat to X)."""
        if h.embeds is not None and not h.targets:
            h.targets = [t for t in h.embeds.targets if t not in h.sources]

    def _confidence(self, h: Hit, sent: Span) -> float:
        c = h.pattern.confidence
        if not h.sources:
            c *= 0.7
        if not h.targets and h.pattern.target != "none":
            c *= 0.85
        if h.pattern.kind == "noun":
            c *= 0.9
        if h.governed_by is not None:
            c *= 0.9
        n = len(sent)
        if n > 60:
            c *= 0.75
        if n > 150:
            c *= 0.6
        if not any(t.pos_ in ("VERB", "AUX") for t in sent):  # headline fragment
            c *= 0.7
        return round(max(0.05, min(0.99, c)), 3)

    # ---- per article -------------------------------------------------------------------
    def code(self, ctx: Context, trace: dict | None = None) -> list[Event]:
        index = ContextIndex(ctx.doc, ctx.times, ctx.places, ctx.article.published)
        quotes = QuoteIndex(ctx.quotes)
        text = ctx.article.text
        merged: dict[tuple, Event] = {}
        order: list[tuple] = []
        for sent in ctx.doc.sents:
            sent_trace: list | None = [] if trace is not None else None
            hits = self.sentence_hits(sent, ctx, sent_trace)
            emitted = 0
            for h in hits:
                forced = FORCED_MODALITY.get(h.governed_by.pattern.governs) if h.governed_by else None
                mod = decide(h.token, self.cues, quotes, ctx.actor_of_span, forced)
                h.modality, h.modality_cue, h.reported_by = mod.modality, mod.cue, mod.reported_by
                h.confidence = self._confidence(h, sent)
                if not h.sources and not h.targets:
                    h.note = (h.note + "; " if h.note else "") + "no actor in either slot: not emitted"
                    continue
                date, precision = index.date(h.token, sent)
                slot_ids = {t.i for t in (h.source_token, h.target_token) if t is not None}
                place, inferred = index.place(h.token, sent, slot_ids)
                trigger = self._trigger_span(h.token, text)
                evidence = Evidence(trigger=trigger, sentence=SpanRecord(start=sent.start_char, end=sent.end_char))
                entry = self.book.get(h.cameo)
                plover = Plover(type=entry.plover.type, mode=entry.plover.mode, context=list(entry.plover.context)) if entry.plover else None
                for src, tgt in product(h.sources or [None], h.targets or [None]):
                    if src is not None and src == tgt:
                        tgt = None  # an actor does not act on itself in one mention
                    if emitted >= MAX_EVENTS_PER_SENTENCE:
                        break
                    key = (src, h.cameo, tgt, h.modality)
                    if key in merged:
                        ev = merged[key]
                        if all(e.trigger.start != trigger.start for e in ev.evidence):
                            ev.evidence.append(evidence)
                        ev.confidence = max(ev.confidence, h.confidence)
                        if ev.date_precision == "inferred" and precision != "inferred":
                            ev.date, ev.date_precision = date, precision
                        if ev.place_inferred and not inferred:
                            ev.place, ev.place_inferred = place, False
                        continue
                    merged[key] = Event(
                        id="", source=src, target=tgt, cameo=h.cameo, plover=plover,
                        quad_class=entry.quad, goldstein=entry.goldstein,
                        date=date, date_precision=precision, place=place, place_inferred=inferred,
                        modality=h.modality, reported_by=h.reported_by, evidence=[evidence],
                        pattern=h.pattern.id, confidence=h.confidence,
                    )
                    order.append(key)
                    emitted += 1
            if trace is not None:
                trace.setdefault("sentences", []).append((sent, sent_trace, hits))
        events = [merged[k] for k in order]
        events.sort(key=lambda e: (e.evidence[0].trigger.start, e.cameo))
        for i, ev in enumerate(events, 1):
            ev.id = f"e{i}"
        return events

    @staticmethod
    def _trigger_span(tok: Token, text: str) -> TextSpan:
        """The trigger with its auxiliaries, negation and particle ("did not attack", "was
        arrested", "called off"), as long as they are adjacent."""
        parts = [tok] + [c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg", "prt")]
        start = min(t.idx for t in parts)
        end = max(t.idx + len(t) for t in parts)
        if end - start > 60:  # a distant auxiliary: keep the trigger word alone
            start, end = tok.idx, tok.idx + len(tok)
        return TextSpan(start=start, end=end, text=text[start:end])


class EventExtractor:
    """Pipeline stage ``events`` (runs last; uses actors, quotes, places and times)."""

    name = "events"

    def __init__(self, settings) -> None:
        self.settings = settings
        book = default_codebook()
        patterns = load_patterns(getattr(settings, "pattern_paths", ()) or (), book)
        self.coder = EventCoder(patterns, book, Cues.load())

    def configure(self, nlp) -> None:
        """Needs only the parser and entities the model already has."""

    def extract(self, ctx: Context) -> list[Event]:
        return self.coder.code(ctx)
