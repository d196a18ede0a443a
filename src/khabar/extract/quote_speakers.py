"""Speakers the actors stage left without an actor: unnamed sources and unlinked pronouns.

The output contract keeps unnamed speakers ("a senior official", "voters", "the campaign") as
actors with their kind, and country when the words state it. Coreference links pronouns only
within a few sentences and only to named or nominal mentions it found itself; a reporting
pronoun ("…, he said") usually points back to the last person who spoke. Both are resolved here,
after the cue rules, for quote speakers only (docs/quotes.md, "Speakers"):

1. a speaker noun phrase with no covering actor becomes a new actor (ids continue a1, a2, …),
   or reuses the actor already made for the same normalized phrase in this article;
2. a pronoun speaker with no covering actor becomes a pronoun mention of the most recent
   compatible earlier speaker or person actor (number and gender), or stays unresolved.

Every new mention satisfies ``text == article.text[start:end]`` and never overlaps a mention of
another actor, so `ctx.actor_at` keeps finding the named actors inside a phrase.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ..knowledge.actors import ActorKB
from ..records import Actor, TextSpan
from .actor_context import infer_countries
from .base import Context
from .coref import PRONOUNS
from .quote_cues import Cue, is_age

# Pronouns that never name a speaker of their own ("it said" after a poll is kept: "it" is in
# PRONOUNS; "this", "who", "one" are not).
_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
# An antecedent further back than this many paragraphs is a guess, not a resolution.
PRONOUN_PARAGRAPHS = 3
# A pronoun continues the previous quote's speaker only within its own or the previous paragraph.
RECONSIDER_PARAGRAPHS = 2
# Determiners and similar words that do not distinguish one unnamed source from another
# ("a senior official" and "the senior official" are the same source).
_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "some", "another", "its", "their"}
# spaCy entity labels that are no speakers when they head a subject (a date, an amount).
_NOT_SPEAKERS = {"DATE", "TIME", "MONEY", "QUANTITY", "ORDINAL"}
# A share of people speaks as a group in poll reports: "52 percent of voters", "six in 10",
# "a third", "most", "others".
_SHARES = {"PERCENT", "CARDINAL"}
_SHARE_WORDS = {"half", "third", "quarter", "majority", "minority", "most", "many", "some", "others",
                "both", "few", "several", "all", "those", "everyone", "everybody", "someone", "somebody",
                "anyone", "anybody"}
# ... of which these stand for one person ("someone in the audience shouted")
_ONE_PERSON = {"someone", "somebody", "anyone", "anybody"}
# First person outside quotation marks is the writer of the article (op-eds, columns).
_FIRST_PERSON = {"i": ("the author", "person"), "we": ("the authors", "group")}


@dataclass
class _Candidate:
    actor: str
    position: int  # character offset of the mention that makes it a candidate


@dataclass
class SpeakerActors:
    """Per-article state: the actors made so far by phrase, and the speakers seen in order."""

    ctx: Context
    kb: ActorKB
    by_phrase: dict[tuple[str, bool], str] = field(default_factory=dict)
    by_span: dict[tuple[int, int], str | None] = field(default_factory=dict)
    speakers: list[_Candidate] = field(default_factory=list)
    lines: list[tuple[int, int, str]] = field(default_factory=list)  # colon-cue content → speaker
    created: list[str] = field(default_factory=list)  # ids of the actors made here

    def settle_countries(self) -> None:
        """The country rules the actors stage applies to its own actors (actor_context):
        state-sector speakers ("a senior official") take a country from their phrase or, flagged
        as inferred, from the article's setting; groups ("voters") from a demonym or the
        setting. Inferred ones are listed where events look for them."""
        made = [a for a in self.ctx.actors if a.id in set(self.created)]
        if not made:
            return
        countries = {a.id for a in self.ctx.actors if a.kind == "country"}
        tokens = {t.i for a in self.ctx.actors if a.id in countries for m in a.mentions
                  for t in (self.ctx.doc.char_span(m.start, m.end, alignment_mode="expand") or [])}
        inferred = infer_countries(self.ctx.doc, made, self.kb, tokens)
        coref = self.ctx.notes.get("coref")
        if inferred and isinstance(coref, dict):
            coref["inferred_country"] = [*(coref.get("inferred_country") or []), *inferred]

    def note(self, actor: str | None, cue: Cue | None) -> None:
        """Remember a resolved speaker: a later pronoun may point back to it, and a first
        person inside a transcript line ("SMITH: I think …") is the line's speaker."""
        if actor is not None and cue is not None and cue.speaker is not None:
            self.speakers.append(_Candidate(actor, cue.speaker[0]))
            if cue.text == ":" and cue.content is not None:
                self.lines.append((cue.content[0], cue.content[1], actor))

    def resolve(self, cue: Cue | None) -> str | None:
        """An actor id for a cue whose speaker the actors stage did not cover, or None."""
        if cue is None or cue.speaker is None or cue.speaker_head is None:
            return None
        key = cue.speaker
        if key not in self.by_span:  # a split or continued quote repeats its cue
            head = _head_token(self.ctx, cue.speaker_head)
            if head is None:
                self.by_span[key] = None
            elif head.lower_ in _FIRST_PERSON and head.pos_ == "PRON":
                line = next((a for lo, hi, a in self.lines if lo <= head.idx < hi), None)
                if line is not None:
                    self._add_mention(line, TextSpan(start=head.idx, end=head.idx + len(head), text=head.text))
                self.by_span[key] = line or self._author(head)
            elif head.lower_ in PRONOUNS and head.pos_ == "PRON":
                self.by_span[key] = self._pronoun(head)
            elif head.ent_type_ in _SHARES or head.lower_ in _SHARE_WORDS:
                self.by_span[key] = self._phrase(cue, head, share=True)
            elif head.pos_ in {"NOUN", "PROPN"} and head.ent_type_ not in _NOT_SPEAKERS or is_age(head):
                self.by_span[key] = self._phrase(cue, head)
            else:
                self.by_span[key] = None
        return self.by_span[key]

    def reconsider(self, cue: Cue | None, actor_id: str) -> str:
        """A "he"/"she" speaker that coreference linked to an actor: when an earlier quote's
        speaker of the same gender was named after that actor's last mention, the pronoun
        continues that speaker ("Asked about Trump, Christie said …, he said": Christie).
        The pronoun mention moves to the speaker. Otherwise coreference stands."""
        if cue is None or cue.speaker_head is None:
            return actor_id
        pron = _head_token(self.ctx, cue.speaker_head)
        if pron is None or pron.pos_ != "PRON" or pron.lower_ not in _MALE | _FEMALE:
            return actor_id
        current = self.ctx.actor(actor_id)
        if current is None:
            return actor_id
        gender = "m" if pron.lower_ in _MALE else "f"
        floor = self._paragraph_floor(pron.idx, RECONSIDER_PARAGRAPHS)
        best: _Candidate | None = None
        for cand in self.speakers:
            if not floor <= cand.position < pron.idx:
                continue
            if best is None or cand.position > best.position:
                best = cand
        if best is None or best.actor == actor_id:
            return actor_id
        speaker = self.ctx.actor(best.actor)
        if speaker is None or not self._compatible(speaker, "sg", gender):
            return actor_id
        last = max((m.start for m in current.mentions if m.start < pron.idx), default=-1)
        if last > best.position:
            return actor_id  # the linked actor was named after the last speaker: keep it
        current.mentions = [m for m in current.mentions if not (m.start == pron.idx and m.end == pron.idx + len(pron))]
        self._add_mention(best.actor, TextSpan(start=pron.idx, end=pron.idx + len(pron), text=pron.text))
        return best.actor

    # ---- 1. unnamed sources -----------------------------------------------------------------
    def _phrase(self, cue: Cue, head: Token, share: bool = False) -> str | None:
        span = self._free_span(cue.speaker, head)
        if span is None:
            return None
        doc = self.ctx.doc
        tokens = list(doc.char_span(span[0], span[1], alignment_mode="expand") or [head])
        # (a share keeps its own word: "some", "those" are determiners elsewhere)
        words = [t for t in tokens if (t.lower_ not in _DETERMINERS or share and t == head) and not t.is_punct]
        if not words or any(t.i < head.i and _verbal(t) for t in tokens):
            return None  # "Holding signs chanted": a misparsed clause, not somebody who speaks
        plural = head.tag_ in {"NNS", "NNPS"}
        key = (" ".join(t.lemma_.lower() for t in words), plural)
        text = self.ctx.article.text
        mention = TextSpan(start=span[0], end=span[1], text=text[span[0]:span[1]])
        actor_id = self.by_phrase.get(key)
        if actor_id is not None:
            self._add_mention(actor_id, mention)
            return actor_id
        if share:
            kind, sector = ("person" if head.lower_ in _ONE_PERSON else "group"), None
        elif cue.text == ":" and all(t.is_upper for t in words if t.is_alpha):
            kind, sector = "person", None  # a transcript's speaker label ("FALLIN:")
        else:
            kind, sector = self._kind(head, words, plural)
        country = self._country(tokens)
        first = words[0].idx
        actor = Actor(id=self._next_id(), name=text[first:span[1]], kind=kind, country=country,
                      sectors=[sector] if sector else [], code=self.kb.code_for(country, sector),
                      mentions=[mention])
        self.ctx.actors.append(actor)
        self.ctx.index_actors()
        self.by_phrase[key] = actor.id
        if not share:
            # a share ("Hundreds of Peruvian miners") counts the group named in it, which
            # carries the country; events read the group, not the count
            self.created.append(actor.id)
        return actor.id

    def _free_span(self, phrase: tuple[int, int], head: Token) -> tuple[int, int] | None:
        """The speaker phrase ("early results of exit polls"), cut so that it overlaps no
        mention of another actor: after a name before the head ("the Clinton campaign" →
        "campaign"), at the head's end when a name follows ("supporters of Diallo" →
        "supporters")."""
        start, head_end = phrase[0], head.idx + len(head)
        end = max(phrase[1], head_end)
        for actor in self.ctx.actors:
            for m in actor.mentions:
                if m.start < end and m.end > start:
                    if m.start >= head_end:
                        end = head_end
                    elif m.end >= head_end:
                        return None  # the head itself is covered: not ours to make
                    else:
                        start = max(start, m.end)
        text = self.ctx.article.text
        while start < end and not text[start].isalnum():
            start += 1
        return (start, end) if start < end else None

    def _kind(self, head: Token, words: list[Token], plural: bool) -> tuple[str, str | None]:
        """Kind and sector: the role noun of the head (with its compound: "foreign minister"),
        else the entity type, else the noun's number."""
        role = None
        for n in range(min(3, len(words)), 0, -1):
            role = self.kb.role(" ".join(t.text for t in words[-n:]))
            if role is not None:
                break
        if role is None:
            role = self.kb.role(head.lemma_)
        if role is not None:
            kind = role.kind
            if kind == "person" and plural:
                kind = "group"
            elif kind == "group" and not plural and not role.collective:
                kind = "person"  # "a soldier"
            return kind, role.sector
        if head.ent_type_ == "PERSON" or is_age(head):
            return ("group" if plural else "person"), None
        if head.ent_type_ in {"ORG", "NORP"}:
            return ("group" if plural or head.ent_type_ == "NORP" else "organization"), None
        # "voters", "analysts": people; a singular unnamed noun ("a new poll", "the campaign")
        # stands for a body
        return ("group" if plural else "organization"), None

    def _country(self, tokens: list[Token]) -> str | None:
        """A demonym or country name stated in the phrase: "a senior Israeli official"."""
        for t in tokens:
            if t.pos_ in {"ADJ", "PROPN", "NOUN"} and t.text[:1].isupper():
                country = self.kb.demonym_country(t.text) or self.kb.country_by_name(t.text)
                if country:
                    return country
        return None

    def _author(self, pron: Token) -> str:
        """"I said", "we believe" outside quotation marks: the writer (one actor per article)."""
        name, kind = _FIRST_PERSON[pron.lower_]
        mention = TextSpan(start=pron.idx, end=pron.idx + len(pron), text=pron.text)
        actor_id = self.by_phrase.get((name, False))
        if actor_id is not None:
            self._add_mention(actor_id, mention)
            return actor_id
        actor = Actor(id=self._next_id(), name=name, kind=kind, mentions=[mention])
        self.ctx.actors.append(actor)
        self.ctx.index_actors()
        self.by_phrase[(name, False)] = actor.id
        return actor.id

    # ---- 2. pronouns ------------------------------------------------------------------------
    def _pronoun(self, pron: Token) -> str | None:
        number, gender, _ = PRONOUNS[pron.lower_]
        floor = self._paragraph_floor(pron.idx)
        best: _Candidate | None = None
        for cand in self._candidates(pron.idx, floor):
            actor = self.ctx.actor(cand.actor)
            if actor is None or not self._compatible(actor, number, gender):
                continue
            if best is None or cand.position > best.position:
                best = cand
        if best is None:
            return None
        self._add_mention(best.actor, TextSpan(start=pron.idx, end=pron.idx + len(pron), text=pron.text))
        return best.actor

    def _candidates(self, before: int, floor: int) -> list[_Candidate]:
        found = [c for c in self.speakers if floor <= c.position < before]
        for actor in self.ctx.actors:
            if actor.kind != "person":
                continue
            positions = [m.start for m in actor.mentions if floor <= m.start < before]
            if positions:
                found.append(_Candidate(actor.id, max(positions)))
        return found

    def _paragraph_floor(self, pos: int, paragraphs: int = PRONOUN_PARAGRAPHS) -> int:
        text = self.ctx.article.text
        floor = pos
        for _ in range(paragraphs):
            floor = text.rfind("\n", 0, max(floor - 1, 0))
            if floor < 0:
                return 0
        return floor

    def _compatible(self, actor: Actor, number: str, gender: str | None) -> bool:
        if number == "pl":
            return actor.kind in {"group", "organization"}
        if gender is None:  # "it": a body, never a person
            return actor.kind in {"organization", "country"}
        if actor.kind != "person":
            return False
        known = _gender(actor, self.kb)
        return known is None or known == gender

    # ---- bookkeeping ------------------------------------------------------------------------
    def attach(self, actor_id: str, span: tuple[int, int]) -> None:
        """Make ``span`` a mention of ``actor_id`` unless a mention of any actor overlaps it."""
        for actor in self.ctx.actors:
            if any(m.start < span[1] and m.end > span[0] for m in actor.mentions):
                return
        text = self.ctx.article.text
        self._add_mention(actor_id, TextSpan(start=span[0], end=span[1], text=text[span[0]:span[1]]))

    def _add_mention(self, actor_id: str, mention: TextSpan) -> None:
        actor = self.ctx.actor(actor_id)
        if actor is None or any(m.start == mention.start and m.end == mention.end for m in actor.mentions):
            return
        actor.mentions = sorted([*actor.mentions, mention], key=lambda m: (m.start, m.end))
        self.ctx.index_actors()

    def _next_id(self) -> str:
        numbers = [int(a.id[1:]) for a in self.ctx.actors if a.id[:1] == "a" and a.id[1:].isdigit()]
        return f"a{max(numbers, default=0) + 1}"


def _gender(actor: Actor, kb: ActorKB) -> str | None:
    """A person's gender from pronouns already linked to it, else from a gendered role noun."""
    said = {m.text.lower() for m in actor.mentions}
    male, female = bool(said & _MALE), bool(said & _FEMALE)
    if male != female:
        return "m" if male else "f"
    genders = {info.gender for r in actor.roles if (info := kb.role(r)) is not None and info.gender}
    return genders.pop() if len(genders) == 1 else None


def _verbal(token: Token) -> bool:
    """A verb form before the head noun; a sentence-initial "-ing" modifier is a participle
    that the parser read as an adjective."""
    if token.i > 0 and token.doc[token.i - 1].text == "-":
        return False  # "self-described", "just-released": a hyphenated adjective
    if token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB"):
        return True
    return token.i == token.sent.start and token.lower_.endswith("ing") and token.dep_ == "amod"


def _head_token(ctx: Context, head: tuple[int, int]) -> Token | None:
    """The last token of the speaker's head span (the noun that carries the phrase)."""
    span = ctx.doc.char_span(head[0], head[1], alignment_mode="expand")
    return span[-1] if span is not None and len(span) else None
