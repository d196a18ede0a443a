"""Events: CAMEO/PLOVER coding of who did what to whom, with modality, date, place, evidence.

Per sentence: find triggers (verbs and nouns with patterns, `event_patterns.match`), resolve
control verbs ("vowed to retaliate" -> a threat over an embedded attack), map the source and
target slots to actors (`ctx.actor_at`), decide modality (`modality.decide`), attach the date
and place (`event_context`), then merge repeats of the same (source, cameo, target, modality)
within the article into one event with several evidence entries.
"""

from __future__ import annotations

from itertools import product
from pathlib import Path

from spacy.tokens import Span, Token

from ..knowledge.actors import ActorKB, load_kb
from ..knowledge.cameo.codebook import Codebook, default_codebook
from ..knowledge.cameo.patterns import PatternSet, load_patterns
from ..records import Event, Evidence, Plover, TextSpan
from ..records import Span as SpanRecord
from .base import Context
from .event_context import ContextIndex
from .event_countries import complete_countries, counterpart_countries, ethnic_residence
from .event_patterns import match
from .event_slots import Hit, fill_slots, inherit_from_embedded, inherit_source_from_governor
from .modality import Cues, QuoteIndex, decide

MAX_EVENTS_PER_SENTENCE = 12
# confidence factor for an event whose source or target has a country taken from the article's
# setting (``Actor.country_inferred``): likely right in a wire story, but a guess
INFERRED_COUNTRY_FACTOR = 0.9
# a future statement about one's own act is, in CAMEO, an intent (cooperative roots) or a
# threat (hostile roots): "Israel will evacuate the settlements" -> 0356 + hypothetical 087
FUTURE_AUX = {"will", "would", "'ll", "shall", "wo"}
FUTURE_FRAMES = {"willing", "prepared", "ready", "determined", "going", "set", "poised", "about"}
INTENT_ROOTS = {"03", "04", "05", "06", "07", "08"}
THREAT_ROOTS = {"14", "15", "16", "17", "18", "19", "20"}
# clauses that give background rather than the reported act
BACKGROUND_DEPS = {"relcl", "acl", "advcl", "csubj"}
NEGATING_STEPS = {"stop", "cease", "end", "halt", "refrain", "avoid", "quit", "abandon", "renounce", "fail"}
# sectors of non-state armed groups: their unspecified violence is CAMEO 180, not 190
IRREGULAR = {"REB", "INS", "IMG", "CRM", "UAF"}
FORCED_MODALITY = {"order": "hypothetical", "intent": "hypothetical", "demand": "hypothetical", "appeal": "hypothetical",
                   "threaten": "hypothetical", "refuse": "negated", "deny": "negated"}


class EventCoder:
    """Codes a parsed article; holds only read-only knowledge (safe to share across articles)."""

    def __init__(self, patterns: PatternSet, book: Codebook, cues: Cues, kb: ActorKB | None = None):
        # kb: countries, demonyms and capitals, for event actors still without a country
        self.patterns, self.book, self.cues, self.kb = patterns, book, cues, kb

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
        hits = self._drop_doubles(hits, by_token)
        # embedded acts first: governors may inherit their targets
        for h in sorted(hits, key=lambda h: h.governed_by is None):
            fill_slots(h, ctx, self.kb)
        for h in hits:
            inherit_from_embedded(h, ctx)
        for h in hits:
            inherit_source_from_governor(h)
        hits = self._event_subjects(hits, ctx)
        self._unconventional(hits, ctx)
        hits += self._future_intents(hits)
        return hits

    @staticmethod
    def _unconventional(hits: list[Hit], ctx: Context) -> None:
        """CAMEO 180 is violence "usually employed by nonconventional forces or groups"; 190 is
        conventional military force. The verb alone ("attacked") says 190; when every source
        is a non-state armed group (rebels, militias, insurgents, criminals), the unspecified
        attack is 180. Specific 19x codes (shelling, air strikes, occupation) stay."""
        for h in hits:
            if h.cameo != "190" or not h.sources:
                continue
            actors = [ctx.actor(a) for a in h.sources]
            if all(a is not None and (set(a.sectors) & IRREGULAR or (a.code or "")[3:6] in IRREGULAR) for a in actors):
                h.cameo = "180"
                h.note = (h.note + "; " if h.note else "") + "190 by a non-state armed group -> 180 (unconventional)"

    @staticmethod
    def _drop_doubles(hits: list[Hit], by_token: dict[int, Hit]) -> list[Hit]:
        """A nominal event that is the object of a coded, non-governing verb ("signed an
        agreement", "reneged on his commitment") is one act: keep the verb's code, unless the
        verb is a bare statement (root 01: "announced a suspension of ties"), then the noun's."""
        drop: set[int] = set()
        for h in hits:
            if h.pattern.kind != "noun" or h.governed_by is not None:
                continue
            if h.token.dep_ not in ("dobj", "obj", "attr", "oprd", "pobj", "nsubjpass"):
                continue  # a subject act ("a bombing killed ...") is handled by _event_subjects
            head = h.token.head
            if h.token.dep_ == "pobj" and head.dep_ == "prep":
                head = head.head
            verb = by_token.get(head.i) if head.i != h.token.i else None
            if verb is None or verb.pattern.kind != "verb" or verb.pattern.governs is not None:
                continue
            drop.add(id(verb) if verb.cameo.startswith("01") else id(h))
        return [h for h in hits if id(h) not in drop]

    @staticmethod
    def _event_subjects(hits: list[Hit], ctx: Context) -> list[Hit]:
        """"A roadside bombing killed two soldiers", "US drone strikes have killed X": when a
        coded verb's subject is itself a coded act, that act is the event; it takes the verb's
        target and the verb is not coded separately."""
        by_token = {h.token.i: h for h in hits}
        drop: set[int] = set()
        for h in hits:
            if h.pattern.kind != "verb" or h.governed_by is not None or h.embeds is not None:
                continue
            subj = next((c for c in h.token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            noun = by_token.get(subj.i) if subj is not None else None
            if noun is None or noun.pattern.kind != "noun" or noun.cameo[:2] not in ("14", "15", "17", "18", "19", "20"):
                continue
            if ctx.actor_of_span(noun.token) is not None:
                continue  # "protesters marched": an agent, not an act
            if not noun.targets:
                noun.targets = [t for t in h.targets if t not in noun.sources]
                noun.target_token = h.target_token
            noun.note = (noun.note + "; " if noun.note else "") + f"subject of '{h.token.text}' ({h.pattern.id})"
            drop.add(id(h))
        return [h for h in hits if id(h) not in drop]

    def _future_intents(self, hits: list[Hit]) -> list[Hit]:
        derived = []
        for h in hits:
            future = future_kind(h.token)
            if h.governed_by is not None or h.embeds is not None or future is None:
                continue
            root = h.cameo[:2]
            if future == "negated":  # "will not accept refugees": a refusal
                cls = "refuse" if root in INTENT_ROOTS else None
            elif future == "conditional" or root in THREAT_ROOTS:  # "will withdraw unless ..."
                cls = "threaten"
            else:
                cls = "intent" if root in INTENT_ROOTS else None
            code = self.patterns.embedded_code(cls, h.cameo) if cls else None
            if code is None:
                continue
            d = Hit(h.token, h.pattern, h.match, code, sources=list(h.sources), targets=list(h.targets),
                    source_token=h.source_token, target_token=h.target_token, embeds=h, derived=cls)
            d.note = f"future statement of {h.cameo} ({h.pattern.id}) -> {cls} {code}"
            h.governed_by = d
            derived.append(d)
        return derived

    def _resolve_control(self, hits: list[Hit], by_token: dict[int, Hit]) -> None:
        for gov in hits:
            cls = gov.pattern.governs
            if cls is None:
                continue
            emb = self._embedded(gov.token, by_token)
            if emb is None or emb.governed_by is not None:
                continue
            emb.governed_by, gov.embeds = gov, emb
            # "ordered police to arrest X" is the arrest, done by whoever ordered it
            code = emb.cameo if cls == "order" else self.patterns.embedded_code(cls, emb.cameo)
            if code is not None:
                gov.cameo = code
                gov.note = f"{cls} over {emb.cameo} ({emb.pattern.id}) -> {code}"

    @staticmethod
    def _embedded(tok: Token, by_token: dict[int, Hit]) -> Hit | None:
        """The coded event a control verb governs: its verb complement, or a coded noun in its
        object ("called for the release of"), searched two levels deep."""
        for c in tok.children:  # nouns take clauses as acl: "its demand that Israel ease ..."
            if c.dep_ in ("xcomp", "ccomp", "acl") and c.i in by_token:
                return by_token[c.i]
        if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "obj") and tok.head is not tok:
            # "reiterated its demand that Israel ease ...": the parser hangs the that-clause on
            # the verb; it still spells out the noun
            for c in tok.head.children:
                if c.dep_ == "ccomp" and c.i > tok.i and c.i in by_token and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                    return by_token[c.i]
        for c in tok.children:
            if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() not in NEGATING_STEPS:
                # "urged X to agree to talks" -> the inner one if coded; never through "stop",
                # "cease", "refrain": "promised to stop kidnapping" is no threat to kidnap
                for g in c.children:
                    if g.dep_ in ("xcomp", "dobj") and g.i in by_token:
                        return by_token[g.i]
        for c in tok.children:
            if c.dep_ in ("dobj", "obj", "nsubjpass") and c.i in by_token:
                return by_token[c.i]
            if c.dep_ in ("dobj", "obj"):  # "claimed responsibility for the bombing"
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ == "for":
                        for o in p.children:
                            if o.dep_ in ("pobj", "pcomp") and o.i in by_token:
                                return by_token[o.i]
            if c.dep_ == "prep" and c.lower_ in ("for", "to", "on", "against"):
                for o in c.children:
                    if o.dep_ in ("pobj", "pcomp") and o.i in by_token:
                        return by_token[o.i]
        return None

    def _confidence(self, h: Hit, sent: Span) -> float:
        c = h.pattern.confidence
        if not h.sources:
            c *= 0.7
        if not h.targets and h.pattern.target != "none":
            c *= 0.85
        if h.pattern.kind == "noun":
            c *= 0.9
            if h.token.dep_ == "pobj":  # "refugees fleeing the war in X": background
                c *= 0.85
        if h.governed_by is not None:
            c *= 0.8
        if h.token.dep_ in ("acl", "amod") and h.token.tag_ == "VBN" and h.pattern.kind == "verb":
            c *= 0.6  # a participle describing a noun ("militiamen armed with machetes") is a state
        depth, cur = 0, h.token
        for _ in range(10):
            depth += cur.dep_ in BACKGROUND_DEPS
            if cur.head is cur:
                break
            cur = cur.head
        c *= 0.85 ** min(depth, 3)
        n = len(sent)
        if n > 60:
            c *= 0.75
        if n > 150:
            c *= 0.6
        if not any(t.pos_ in ("VERB", "AUX") for t in sent):  # headline fragment
            c *= 0.7
        if is_table_like(sent):  # rows of a table or a list flattened into text
            c *= 0.5
        return round(max(0.05, min(0.99, c)), 3)

    # ---- per article -------------------------------------------------------------------
    def code(self, ctx: Context, trace: dict | None = None) -> list[Event]:
        index = ContextIndex(ctx.doc, ctx.times, ctx.places, ctx.article.published)
        quotes = QuoteIndex(ctx.quotes)
        text = ctx.article.text
        merged: dict[tuple, Event] = {}
        order: list[tuple] = []
        seen_triggers: set[tuple] = set()  # (event key, trigger start): one evidence per mention
        # actors whose country the actors stage took from the setting, not their words
        inferred_country = set((ctx.notes.get("coref") or {}).get("inferred_country") or ())
        # national teams in a match report (actor_teams): "Ghana beat Nigeria" is no assault
        teams = set((ctx.notes.get("coref") or {}).get("teams") or ())
        for sent in ctx.doc.sents:
            sent_trace: list | None = [] if trace is not None else None
            hits = self.sentence_hits(sent, ctx, sent_trace)
            emitted = 0
            for h in hits:
                gov = h.governed_by
                forced = FORCED_MODALITY.get(gov.derived or gov.pattern.governs) if gov else None
                mod = decide(h.token, self.cues, quotes, ctx.actor_of_span, forced, skip_aux=h.derived is not None)
                h.modality, h.modality_cue, h.reported_by = mod.modality, mod.cue, mod.reported_by
                h.confidence = self._confidence(h, sent)
                if gov is not None and gov.pattern.governs == "claim" and h.modality != "negated":
                    # a claimed act is the claimant's, on the claimant's word
                    h.modality, h.modality_cue = "reported", "claimed responsibility"
                    h.reported_by = gov.sources[0] if gov.sources else h.reported_by
            for h in hits:  # an embedded act never outranks the act that governs it
                if h.governed_by is not None:
                    h.confidence = round(min(h.confidence, h.governed_by.confidence * 0.9), 3)
            for h in hits:
                if not h.sources and not h.targets:
                    h.note = (h.note + "; " if h.note else "") + "no actor in either slot: not emitted"
                    continue
                date, precision = index.date(h.token, sent)
                slot_ids = {t.i for t in (h.source_token, h.target_token) if t is not None}
                place, inferred = index.place(h.token, sent, slot_ids)
                trigger = self._trigger_span(h.token, text)
                evidence = Evidence(trigger=trigger, sentence=SpanRecord(start=sent.start_char, end=sent.end_char))
                entry = self.book.codes.get(h.cameo)  # None: a code from a foreign dictionary
                plover = Plover(type=entry.plover.type, mode=entry.plover.mode, context=list(entry.plover.context)) if entry and entry.plover else None
                for src, tgt in product(h.sources or [None], h.targets or [None]):
                    if src is not None and src == tgt:
                        tgt = None  # an actor does not act on itself in one mention
                    if teams and {src, tgt} & teams and {src, tgt} <= teams | {None}:
                        continue  # a match between teams, or a team alone: sport, no event
                    if emitted >= MAX_EVENTS_PER_SENTENCE:
                        break
                    key = (src, h.cameo, tgt, h.modality)
                    # an event coded on a guessed country is less certain (see actor_context)
                    conf = round(h.confidence * INFERRED_COUNTRY_FACTOR, 3) if {src, tgt} & inferred_country else h.confidence
                    if key in merged:
                        ev = merged[key]
                        if (key, trigger.start) not in seen_triggers:
                            seen_triggers.add((key, trigger.start))
                            ev.evidence.append(evidence)
                        ev.confidence = max(ev.confidence, conf)
                        if ev.date_precision == "inferred" and precision != "inferred":
                            ev.date, ev.date_precision = date, precision
                        if ev.place_inferred and not inferred:
                            ev.place, ev.place_inferred = place, False
                        continue
                    seen_triggers.add((key, trigger.start))
                    merged[key] = Event(
                        id="", source=src, target=tgt, cameo=h.cameo, plover=plover,
                        quad_class=entry.quad if entry else 0, goldstein=entry.goldstein if entry else 0.0,
                        date=date, date_precision=precision, place=place, place_inferred=inferred,
                        modality=h.modality, reported_by=h.reported_by, evidence=[evidence],
                        pattern=h.pattern_id, confidence=conf,
                    )
                    order.append(key)
                    emitted += 1
            if trace is not None:
                trace.setdefault("sentences", []).append((sent, sent_trace, hits))
        events = [merged[k] for k in order]
        if self.kb is not None:
            # actors the events use but no stage gave a country (see event_countries)
            used = {a for e in events for a in (e.source, e.target) if a is not None}
            guessed = set(complete_countries(ctx, self.kb, used, events)) - inferred_country
            guessed |= set(ethnic_residence(ctx, self.kb, used))
            guessed |= set(counterpart_countries(ctx, events))
            for ev in events:
                if {ev.source, ev.target} & guessed:
                    ev.confidence = round(ev.confidence * INFERRED_COUNTRY_FACTOR, 3)
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


def is_table_like(sent: Span) -> bool:
    """Cells and list items, not prose: separators ("|", tabs) or mostly numbers/punctuation."""
    text = sent.text
    if text.count("|") >= 2 or text.count("\t") >= 2:
        return True
    noise = sum(1 for t in sent if t.is_punct or t.like_num or t.is_space)
    return len(sent) >= 6 and noise / len(sent) > 0.4


def future_kind(tok: Token) -> str | None:
    """A statement about one's own future act: "will attack", "is ready to sign" -> "plain";
    "will not accept" -> "negated"; "will withdraw unless ..." -> "conditional"; else None."""
    is_future = any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in tok.children) or (
        tok.dep_ == "xcomp" and tok.head is not tok and tok.head.lower_ in FUTURE_FRAMES)
    if not is_future:
        return None
    if any(c.dep_ == "neg" for c in tok.children):
        return "negated"
    if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children) for c in tok.children):
        return "conditional"
    return "plain"


class EventExtractor:
    """Pipeline stage ``events`` (runs last; uses actors, quotes, places and times)."""

    name = "events"

    def __init__(self, settings) -> None:
        self.settings = settings
        book = default_codebook()
        # files named reporting*.yaml among the pattern paths are the quotes stage's
        extra = [p for p in getattr(settings, "pattern_paths", ()) or () if not Path(p).name.startswith("reporting")]
        patterns = load_patterns(extra, book)
        self.coder = EventCoder(patterns, book, Cues.load(), load_kb(settings))

    def configure(self, nlp) -> None:
        """Needs only the parser and entities the model already has."""

    def extract(self, ctx: Context) -> list[Event]:
        return self.coder.code(ctx)
