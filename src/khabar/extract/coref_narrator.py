"""First-person pronouns that no quote rule placed: the narrator of an interview, and the
person whose words a news story is giving without (or beyond) a quote's own attribution.

Runs after `coref_links.first_person_in_quotes`, on the "I", "me", "my" it left alone:
  * an interview ("Reporters interview Dana Kessler on …", "an interview with Dana Kessler"
    in the opening sentences): "I" outside quotation marks is the person interviewed, and so
    is "you"/"your" in a question (the interviewer's questions address that person);
  * otherwise "I" goes to the person currently speaking: the latest singular person who is the
    subject of a reporting verb ("Okafor also claims that …. I was told …", "The poster wrote
    that "… I think …""), or who owns an "I" placed just before; the voice lapses after
    ``VOICE_SENTS`` sentences in which nobody speaks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .coref import Cluster, Mention
from .coref_links import FIRST_PERSON, SPEECH_VERBS

if TYPE_CHECKING:
    from .coref import _Resolver

# reporting verbs beyond those of direct quotes: a story paraphrases a claim, then gives the
# person's own words without marks
VOICE_VERBS = SPEECH_VERBS | {"admit", "recount", "describe", "post", "blog", "testify",
                              "remember", "complain", "allege", "comment", "issue", "release", "tweet"}
VOICE_SENTS = 3
# how far into the article an interview is announced (title, standfirst)
OPENING_TOKENS = 80
INTERVIEW_REACH = 12  # tokens between "interview" and the person's name
SECOND_PERSON = {"you", "your", "yours", "yourself"}


def first_person_outside_quotes(doc, resolver: _Resolver, sent_of: list[int]) -> None:
    """Place the unplaced first-person pronouns (see the module docstring)."""
    firsts = [t for t in doc if t.lower_ in FIRST_PERSON and t.pos_ == "PRON"]
    interviewee = _interviewee(doc, resolver)
    if not firsts and interviewee is None:
        return
    by_token: dict[int, Cluster] = {}
    pronouns: set[int] = set()  # "my" in "my mum" belongs to a nominal, it is no "I" placed
    for m, c in resolver.history:
        for t in range(m.tok_start, m.tok_end):
            by_token[t] = c
        if m.type == "pronoun":
            pronouns.add(m.head)
    quoted = _quoted_tokens(doc)
    voice: Cluster | None = None
    voice_sent = -10
    placed: list[tuple[object, Cluster]] = []
    for tok in doc:
        sent = sent_of[tok.i]
        owner = by_token.get(tok.i)
        if tok.i in quoted and voice is not None and sent - voice_sent <= VOICE_SENTS:
            # a long quote keeps its speaker's voice to its last sentence
            voice_sent = sent
        if tok.lower_ in FIRST_PERSON and tok.pos_ == "PRON":
            if tok.i in pronouns:
                voice, voice_sent = _person(owner), sent  # "I" placed by a quote rule
                continue
            if interviewee is not None and tok.i not in quoted:
                placed.append((tok, interviewee))
            elif voice is not None and sent - voice_sent <= VOICE_SENTS:
                placed.append((tok, voice))
                voice_sent = sent
            continue
        if (interviewee is not None and owner is None and tok.lower_ in SECOND_PERSON
                and tok.pos_ == "PRON" and tok.i not in quoted and tok.sent.text.rstrip().endswith("?")):
            placed.append((tok, interviewee))
            continue
        if tok.lemma_ in VOICE_VERBS and tok.pos_ == "VERB":
            speaker = _subject(tok, by_token)
            if speaker is not None:
                voice, voice_sent = speaker, sent
    for tok, owner in placed:
        m = Mention(start=tok.idx, end=tok.idx + len(tok), tok_start=tok.i, tok_end=tok.i + 1,
                    text=tok.text, type="pronoun", kind="person", head=tok.i, sent=sent_of[tok.i])
        resolver.join(owner, m)
        resolver.history.append((m, owner))


def _person(c: Cluster) -> Cluster | None:
    r = c.root()
    return r if r.kind == "person" and not r.plural else None


def _subject(verb, by_token: dict[int, Cluster]) -> Cluster | None:
    """The singular person who is the subject of ``verb`` ("Okafor also claims …"), or whose
    statement is ("Okafor's statement added")."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.i not in by_token:
        subj = next((c for c in subj.children if c.dep_ == "poss"), None)
    if subj is None or subj.i not in by_token:
        return None
    return _person(by_token[subj.i])


def _interviewee(doc, resolver: _Resolver) -> Cluster | None:
    """The person an interview announced in the opening tokens is with — the first person
    named or described after "interview(s)" / "interviewed" / "an interview with" in the same
    sentence, or the one before "interviewed by" — else None (no interview, or several people
    interviewed together, whose "I" cannot be told apart)."""
    by_token: dict[int, Cluster] = {}
    for m, c in resolver.history:
        if m.type != "pronoun" and m.tok_start < OPENING_TOKENS + INTERVIEW_REACH:
            for t in range(m.tok_start, m.tok_end):
                by_token[t] = c
    for tok in doc[:OPENING_TOKENS]:
        if not tok.lower_.startswith("interview"):
            continue
        by = tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "by"
        reach = (range(tok.i - 1, max(-1, tok.i - INTERVIEW_REACH), -1) if by
                 else range(tok.i + 1, min(len(doc), tok.i + INTERVIEW_REACH)))
        for i in reach:
            t = doc[i]
            if t.text in (".", "?", "!", ":", '"', "'") or (not by and (t.is_sent_start or t.pos_ == "VERB" or (
                    t.dep_ == "prep" and t.lower_ not in ("of", "with")))):
                break  # "interviews a bar owner on Santorum": the name after "on" is no interviewee
            owner = by_token.get(i)
            person = _person(owner) if owner is not None else None
            if person is None:
                continue
            # "Marta and Ines Calderon": two people interviewed, no single narrator
            tail = doc[i + 1:min(len(doc), i + 6)]
            if any(t.lower_ == "and" for t in tail) and any(
                    (o := by_token.get(t.i)) is not None and _person(o) not in (None, person)
                    for t in tail):
                return None
            return person
        return None  # only the first "interview" announces the article's interview
    return None


def _quoted_tokens(doc) -> set[int]:
    """Token indices inside direct quotes."""
    from .quote_marks import find_quotes

    inside: set[int] = set()
    for q in find_quotes(doc.text):
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None:
            inside.update(range(span.start, span.end))
    return inside
