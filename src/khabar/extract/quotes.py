"""Quotes with their speakers: direct, indirect and mixed speech (issue 4; docs/quotes.md).

Three passes over one article:
1. quotation marks → direct-quote spans (quote_marks.py), before any parsing;
2. reporting cues from the parse → speaker, addressee, outlet, content (quote_cues.py; colon cues in
   quote_colons.py);
3. assembly here: a cue whose content is a direct quote attributes it; a cue whose content
   contains a partial quote makes a mixed quote; a direct quote with no cue in its sentence takes
   the nearest cue of its sentence (before, after or inside), or one introduced by a colon, or
   continues the previous speaker when nothing intervenes; remaining cues are indirect speech.

Speakers are actor ids through `ctx.actor_at` (named entities, and pronouns or role nouns once
coreference marks them as mentions); a speaker still without an actor becomes one, or a pronoun
mention of an earlier speaker (quote_speakers.py); otherwise the quote keeps ``speaker_text``
with no id.
Every rule runs guarded: a failure costs a warning, never the document's other quotes.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from ..knowledge.actors import ActorKB, load_kb
from ..knowledge.reporting import ReportingLexicon, load_reporting
from ..records import Quote, TextSpan
from .base import Context
from .quote_colons import colon_cues, colon_intro_cues
from .quote_cues import Cue, according_to_cues, misread_verb_cues, noun_cues, verb_cues
from .quote_marks import QuoteSpan, find_quotes
from .quote_speakers import SpeakerActors

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
# A quote shorter than this with no cue is a scare quote or a title ("the ‘deal’"), not speech.
MIN_ORPHAN_WORDS = 4
# Words of a cue's content outside quotation marks beyond which the quote is mixed, not direct
# ("he said" + “…”, vs. "he said the plan was “a disaster”").
MIXED_MIN_WORDS = 3


_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by"}


@dataclass
class Draft:
    """A quote before ids: content span, kind and the cue that attributes it (None: orphan)."""

    start: int
    end: int
    kind: str
    cue: Cue | None
    reach: int  # end of the last sentence belonging to this attribution (for continuation)
    inherited: Draft | None = None  # a continued quote points at the quote it continues


class QuoteExtractor:
    name = "quotes"

    def __init__(self, settings) -> None:
        self.settings = settings
        extra = [p for p in getattr(settings, "pattern_paths", ()) if Path(p).name.startswith("reporting")]
        self.lexicon: ReportingLexicon = load_reporting(extra)
        self.kb: ActorKB = load_kb(settings)

    def configure(self, nlp) -> None:
        pass

    def extract(self, ctx: Context) -> list[Quote]:
        text = ctx.article.text
        marks = self._guard(ctx, "quotation marks", lambda: find_quotes(text, ctx.warnings)) or []
        cues = self._find_cues(ctx, marks)
        drafts = self._guard(ctx, "quote assembly", lambda: assemble(ctx, marks, cues)) or []
        speakers = SpeakerActors(ctx, self.kb)
        # speakers are resolved in the order their cues are read (a pronoun continues the
        # speaker named before it), quotes are numbered in the order of their words
        order = sorted(range(len(drafts)), key=lambda i: drafts[i].cue.start if drafts[i].cue else drafts[i].start)
        records: dict[int, Quote | None] = {}
        for i in order:
            records[i] = self._guard(ctx, "speaker resolution",
                                     lambda d=drafts[i]: to_record(ctx, d, self.lexicon, 0, speakers))
        self._guard(ctx, "speaker countries", speakers.settle_countries)
        quotes: list[Quote] = []
        for i in range(len(drafts)):
            if records[i] is not None:
                quotes.append(records[i].model_copy(update={"id": f"q{len(quotes) + 1}"}))
        return quotes

    def _find_cues(self, ctx: Context, marks: list[QuoteSpan]) -> list[Cue]:
        cues: list[Cue] = []
        failed: set[str] = set()
        starts = [q.outer_start for q in marks]  # marks are sorted and never overlap

        def quoted(pos: int) -> bool:
            i = bisect_right(starts, pos) - 1
            return i >= 0 and pos < marks[i].outer_end

        for sent in ctx.doc.sents:
            for finder in (lambda s: verb_cues(s, self.lexicon, quoted), according_to_cues,
                           lambda s: noun_cues(s, self.lexicon), lambda s: colon_cues(s, self.lexicon),
                           lambda s: colon_intro_cues(s, self.lexicon), lambda s: misread_verb_cues(s, self.lexicon)):
                try:
                    cues.extend(finder(sent))
                except Exception as exc:  # one odd parse must not cost the other sentences
                    key = type(exc).__name__
                    if key not in failed:
                        failed.add(key)
                        log.debug("quote cue rule failed", exc_info=True)
                        ctx.warnings.append(f"quotes: a cue rule failed on a sentence at {sent.start_char}: {key}: {exc}")
        # A cue inside quotation marks belongs to the quoted speaker's own words.
        return [c for c in cues if not any(q.outer_start <= c.start < q.outer_end for q in marks)]

    @staticmethod
    def _guard(ctx: Context, what: str, fn):
        try:
            return fn()
        except Exception as exc:  # contained per rule: the document keeps everything else
            log.debug("quotes: %s failed", what, exc_info=True)
            ctx.warnings.append(f"quotes: {what} failed: {type(exc).__name__}: {exc}")
            return None


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _without(text: str, span: tuple[int, int], holes: list[tuple[int, int]]) -> str:
    chars = list(text[span[0]:span[1]])
    for lo, hi in holes:
        for k in range(max(lo, span[0]), min(hi, span[1])):
            chars[k - span[0]] = " "
    return "".join(chars)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _sentence_bounds(ctx: Context) -> tuple[list[int], list[int]]:
    sents = list(ctx.doc.sents)
    return [s.start_char for s in sents], [s.end_char for s in sents]


def _sentence_index(starts: list[int], pos: int) -> int:
    return max(0, bisect_right(starts, pos) - 1)


def assemble(ctx: Context, marks: list[QuoteSpan], cues: list[Cue]) -> list[Draft]:
    text = ctx.article.text
    starts, ends = _sentence_bounds(ctx)
    drafts: list[Draft] = []
    attached: dict[int, Cue] = {}
    absorbed: set[int] = set()

    # 1. cues with their own content: direct (content is a quote), mixed or indirect
    for cue in cues:
        if cue.content is None:
            continue
        inner = [i for i, q in enumerate(marks) if _overlap((q.outer_start, q.outer_end), cue.content) > 0]
        reach = ends[_sentence_index(starts, max(cue.end, cue.content[1]) - 1)]
        if not inner:
            drafts.append(Draft(cue.content[0], cue.content[1], "indirect", cue, reach))
            continue
        # words of the content that are neither quoted nor the attribution itself
        # (“The army,” Colonel Petrov said, “will ...” is direct, not mixed)
        holes = [(q.outer_start, q.outer_end) for q in (marks[i] for i in inner)]
        holes.append((cue.start, cue.end))
        if cue.speaker:
            holes.append(cue.speaker)
        outside = _without(text, cue.content, holes)
        if _words(outside) < MIXED_MIN_WORDS:
            for i in inner:
                attached.setdefault(i, cue)
            continue
        start = min([cue.content[0]] + [marks[i].start for i in inner])
        end = max([cue.content[1]] + [marks[i].end for i in inner])
        absorbed.update(inner)
        reach = max(reach, ends[_sentence_index(starts, end - 1)])
        drafts.append(Draft(start, end, "mixed", cue, reach))

    # 2. direct quotes: their attributing cue, or the nearest cue of their sentence
    for i, q in enumerate(marks):
        if i in absorbed:
            continue
        cue = attached.get(i) or _nearest_cue(ctx, text, q, cues, starts, ends)
        last = q.outer_end if cue is None else max(q.outer_end, cue.end)
        reach = ends[_sentence_index(starts, last - 1)]
        drafts.append(Draft(q.start, q.end, "direct", cue, reach))

    # Mixed/indirect drafts fully inside a direct quote's span are the same words twice.
    drafts.sort(key=lambda d: (d.start, -d.end))
    kept: list[Draft] = []
    seen: dict[tuple[int, int], Draft] = {}
    for d in drafts:
        if d.kind != "direct" and any(k.kind == "direct" and k.start <= d.start and d.end <= k.end for k in kept):
            continue
        twin = seen.get((d.start, d.end))
        if twin is not None:
            # two cues for the same words ("said …, adding"): keep the one that names a speaker
            if twin.cue is not None and twin.cue.speaker is None and d.cue is not None and d.cue.speaker is not None:
                kept[kept.index(twin)] = d
                seen[(d.start, d.end)] = d
            continue
        seen[(d.start, d.end)] = d
        kept.append(d)

    # 3. continuation: a direct quote with no cue takes the previous speaker when only
    # whitespace separates it from the previous attribution
    previous: Draft | None = None
    result: list[Draft] = []
    for d in kept:
        if d.kind == "direct" and d.cue is None:
            q_outer = _outer_start(marks, d)
            if previous is not None and previous.cue is not None and not text[previous.reach:q_outer].strip():
                d.cue, d.inherited = previous.cue, previous
            elif _words(text[d.start:d.end]) < MIN_ORPHAN_WORDS or _is_title(text[d.start:d.end]):
                continue
        if d.cue is not None or d.kind == "direct":
            previous = d
        d.reach = max(d.reach, ends[_sentence_index(starts, d.end - 1)])
        result.append(d)
    return result


def _is_title(text: str) -> bool:
    """“Make America Great Again”, “State of the Union”: quoted names and titles, not speech."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if w.lower() not in _SMALL_WORDS]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _outer_start(marks: list[QuoteSpan], d: Draft) -> int:
    for q in marks:
        if q.start == d.start:
            return q.outer_start
    return d.start


def _nearest_cue(ctx: Context, text: str, q: QuoteSpan, cues: list[Cue], starts: list[int], ends: list[int]) -> Cue | None:
    """The cue of a direct quote with no cue of its own: in its sentence(s) (before, after or
    between its parts), in a short following sentence such as "he said.", or in the sentence
    ending with the colon that introduces it ("He added:", also from the previous paragraph).
    Otherwise never across a paragraph break."""
    first = _sentence_index(starts, q.outer_start)
    last = _sentence_index(starts, max(q.outer_end - 1, q.outer_start))
    lo, hi = starts[first], ends[last]
    if last + 1 < len(starts) and not text[q.outer_end:starts[last + 1]].strip():
        nxt_end = ends[last + 1]
        if _words(text[starts[last + 1]:nxt_end]) <= 12:
            hi = nxt_end  # “….” he said.
    # never across a paragraph break ...
    para_lo = text.rfind("\n", 0, q.outer_start) + 1
    para_hi = text.find("\n", q.outer_end)
    para_hi = len(text) if para_hi < 0 else para_hi
    lo, hi = max(lo, para_lo), min(hi, para_hi)
    # ... except after a colon: "He added:" / "Frank quotes the chairman:" then the quote,
    # in the same sentence, the next one or the next paragraph
    before = text[:q.outer_start].rstrip()
    colon_lo = starts[_sentence_index(starts, len(before) - 1)] if before.endswith(":") else q.outer_start
    lo = min(lo, colon_lo)
    best, best_distance = None, None
    for cue in cues:
        if not (lo <= cue.start < hi):
            continue
        introduces = colon_lo <= cue.start < q.outer_start  # the colon hands the words over
        if not introduces and cue.content is not None and _overlap(cue.content, (q.outer_start, q.outer_end)) <= 0:
            continue  # the cue reports something else
        if cue.speaker is None:
            continue  # "the so-called “plan”": a cue with nobody speaking attributes nothing
        distance = q.outer_start - cue.end if cue.end <= q.outer_start else max(0, cue.start - q.outer_end)
        if best_distance is None or distance < best_distance:
            best, best_distance = cue, distance
    return best


def resolve_speaker(ctx: Context, cue: Cue | None, lexicon: ReportingLexicon) -> tuple[str | None, str | None, str]:
    """(actor id, speaker text, how) for a cue: its subject's name ("head"), an apposition
    naming it ("appos"), for proxies such as "a spokesman for the ministry" the body it speaks
    for ("owner"), or the one actor carrying that name ("name"); how is "" with no actor."""
    if cue is None or cue.speaker is None:
        return None, None, ""
    text = ctx.article.text[cue.speaker[0]:cue.speaker[1]]
    actor = ctx.actor_at(*cue.speaker_head)
    if actor is not None:
        return actor, text, "head"
    for span in cue.speaker_appos:
        actor = ctx.actor_at(*span)
        if actor is not None:
            return actor, text, "appos"
    if cue.speaker_lemma in lexicon.proxies:
        for span in cue.speaker_owner:
            actor = ctx.actor_at(*span)
            if actor is not None:
                return actor, text, "owner"
    actor = _actor_by_name(ctx, ctx.article.text[cue.speaker_head[0]:cue.speaker_head[1]])
    return actor, text, ("name" if actor is not None else "")


def _actor_by_name(ctx: Context, name: str) -> str | None:
    """A capitalized speaker the actors stage did not mark here ("Trump" in a Title Case
    headline) is the one actor whose name ends with that word — only when exactly one does."""
    words = name.split()
    if not words or not all(w[:1].isupper() for w in words) or name.isupper() and len(name) <= 3:
        return None
    last = words[-1].removesuffix("’s").removesuffix("'s")
    found = {a.id for a in ctx.actors
             if a.kind in {"person", "organization", "group", "country"}
             and (a.name.split() or [""])[-1] == last}
    return found.pop() if len(found) == 1 else None


def to_record(ctx: Context, draft: Draft, lexicon: ReportingLexicon, number: int,
              speakers: SpeakerActors | None = None) -> Quote:
    text = ctx.article.text
    speaker, speaker_text, how = resolve_speaker(ctx, draft.cue, lexicon)
    if speakers is not None:
        # unnamed sources and unlinked pronouns become actors here (quote_speakers.py)
        if speaker is None:
            speaker = speakers.resolve(draft.cue)
        elif how == "head":
            # a "he"/"she" that coreference sent elsewhere may continue the previous speaker
            speaker = speakers.reconsider(draft.cue, speaker)
        elif how == "name":
            # a name the actors stage did not mark here is still a mention of its actor
            speakers.attach(speaker, draft.cue.speaker_head)
        if speaker is not None and draft.cue.speaker_relative is not None:
            # "Smith, who said …": the relative pronoun is the antecedent's mention as speaker
            speakers.attach(speaker, draft.cue.speaker_relative)
        speakers.note(speaker, draft.cue)
    via = recipient = None
    if draft.cue is not None:
        if draft.cue.via:
            via = text[draft.cue.via[0]:draft.cue.via[1]]
        if draft.cue.recipient:
            # an actor id when the addressee is a known actor, else the addressee as written
            recipient = ctx.actor_at(*draft.cue.recipient) or text[draft.cue.recipient[0]:draft.cue.recipient[1]]
    return Quote(
        id=f"q{number}",
        speaker=speaker,
        speaker_text=speaker_text,
        cue=draft.cue.text if draft.cue is not None else None,
        direct=draft.kind == "direct",
        kind=draft.kind,
        via=via,
        recipient=recipient,
        content=TextSpan(start=draft.start, end=draft.end, text=text[draft.start:draft.end]),
    )
