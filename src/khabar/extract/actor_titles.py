"""A descriptive title before a person's name is a mention of that person.

"Ghana's coach Kwesi Annan said", "the party's regional chairman Kofi Mensah": the phrase
before the name is a noun phrase of its own, in apposition to the name — it has a possessor or
a determiner of its own —, and it names the same person. The actors stage read its role noun into
the person's roles; this module also keeps it as a mention, so a reader sees where the article
describes the person, and coreference scoring finds the description. The mention is the
description without its possessor ("coach", "regional chairman"): the possessor is an actor of
its own ("Ghana", "the party") and keeps its tokens.

A bare title ("President William Ruto", "NASA Administrator Ruth Okafor") has no possessor or
determiner: it is part of the name, not a second mention, and nothing is added.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..knowledge.actors import ActorKB
from ..records import Actor, TextSpan
from .coref import CorefNotes

NP_POS = {"DET", "ADJ", "NOUN", "PROPN", "PART", "NUM", "PRON"}
POSSESSIVE_DETERMINERS = {"his", "her", "its", "their", "our", "my", "your"}
MAX_TITLE = 8  # tokens before the name


def title_mentions(doc: Doc, actors: list[Actor], notes: CorefNotes, kb: ActorKB) -> None:
    """Add the description before each named person mention (see the module docstring)."""
    people = {a.id: a for a in actors if a.kind == "person"}
    if not people:
        return
    tok_at = {t.idx: t.i for t in doc}
    for s, _, actor_id, mtype in list(notes.mentions):
        if mtype != "name" or actor_id not in people or s not in tok_at:
            continue
        span = _title_before(doc, tok_at[s], notes, kb)
        if span is None:
            continue
        actor = people[actor_id]
        start, end = span
        if not any(m.start == start and m.end == end for m in actor.mentions):
            actor.mentions.append(TextSpan(start=start, end=end, text=doc.text[start:end]))
            actor.mentions.sort(key=lambda m: m.start)


def _title_before(doc: Doc, name_start: int, notes: CorefNotes, kb: ActorKB) -> tuple[int, int] | None:
    """Char span of the description right before the name at token ``name_start``, or None."""
    j = name_start
    sent_start = doc[name_start].sent.start
    while (j > sent_start and name_start - j < MAX_TITLE and doc[j - 1].pos_ in NP_POS
           and not (doc[j - 1].pos_ == "PRON" and doc[j - 1].lower_ not in POSSESSIVE_DETERMINERS)):
        j -= 1
    if j == name_start:
        return None
    last = doc[name_start - 1]
    if not (last.pos_ == "NOUN" or kb.role(last.lower_) is not None) or last.i in notes.token_actor:
        return None
    run = doc[j:name_start]
    marks = [t.i for t in run if t.tag_ == "POS" or t.lower_ in POSSESSIVE_DETERMINERS]
    if marks:
        first = marks[-1] + 1  # after the possessor: "Ghana's | coach"
    elif run[0].pos_ == "DET":
        first = run.start + 1  # "the | regional chairman"
    else:
        return None  # a bare title: part of the name
    if first >= name_start or any(i in notes.token_actor for i in range(first, name_start)):
        return None
    return doc[first].idx, last.idx + len(last)
