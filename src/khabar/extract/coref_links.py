"""Coreference links made after the one pass of `coref.resolve`: appositions ("The commander
…, Samir Haddad,"), descriptions said of a named actor ("Haddad was a volunteer"), and first-person
pronouns inside a direct quote, which belong to its speaker ("we" to the body the speaker is
named for: "… we take this seriously," said ministry spokeswoman X)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .coref import Cluster, Mention

if TYPE_CHECKING:
    from .coref import _Resolver

DESCRIPTION_DETS = {"a", "an", "the"}


def attach_descriptions(doc, resolver: _Resolver, sent_of: list[int]) -> None:
    """Descriptions said of a named actor are mentions of it: the apposition in "Ahmed Mohamed,
    a 15-year-old boy from Kisumu," and the predicate in "Okafor was a legend" (not "was not").
    The mention runs from the description's first word to its head noun."""
    named: dict[int, Cluster] = {}
    taken: set[int] = set()
    for m, c in resolver.history:
        taken.update(range(m.tok_start, m.tok_end))
        if m.type in ("name", "pronoun") and c.root().kind in ("person", "organization"):
            named[m.head] = c.root()  # "He is a legend": the pronoun's actor
    if not named:
        return
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.i in taken:
            continue
        owner = None
        if tok.dep_ == "appos" and tok.head.i in named and doc[tok.head.i].pos_ == "PROPN":
            owner = named[tok.head.i]
        elif tok.dep_ == "attr" and tok.head.lemma_ == "be" and not any(
                c.dep_ == "neg" for c in tok.head.children):
            subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            owner = named.get(subj.i) if subj is not None else None
        if owner is None:
            continue
        start = tok.left_edge.i
        while start < tok.i and doc[start].lower_ in DESCRIPTION_DETS:
            start += 1
        if any(t in taken for t in range(start, tok.i + 1)):
            continue
        span = doc[start:tok.i + 1]
        m = Mention.from_span(span, "nominal", kind=owner.kind, plural=tok.tag_ == "NNS")
        m.sent = sent_of[tok.i]
        resolver.join(owner, m)
        resolver.history.append((m, owner))
        taken.update(range(start, tok.i + 1))


FIRST_PERSON = {"i", "me", "my", "mine", "myself"}
FIRST_PLURAL = {"we", "us", "our", "ours", "ourselves"}
# dependents that leave the speaker's noun phrase (a clause said about the speaker)
CLAUSE_DEPS = {"relcl", "acl", "ccomp", "advcl", "conj", "cc", "punct"}
SPEECH_VERBS = {"say", "tell", "add", "state", "explain", "write", "insist", "ask", "reply",
                "warn", "announce", "claim", "declare", "note", "continue", "argue", "recall"}


def first_person_in_quotes(doc, resolver: _Resolver) -> None:
    """"I", "me", "my" inside a direct quote are its speaker ("… I will not resign," Ruto said)."""
    from .quote_marks import find_quotes

    quotes = find_quotes(doc.text)
    if not quotes:
        return
    by_token: dict[int, Cluster] = {}
    for m, c in resolver.history:
        for t in range(m.tok_start, m.tok_end):
            by_token[t] = c
    for q in quotes:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        firsts = [t for t in span if t.lower_ in FIRST_PERSON and t.pos_ == "PRON"]
        plurals = [t for t in span if t.lower_ in FIRST_PLURAL and t.pos_ == "PRON"]
        if not firsts and not plurals:
            continue
        speaker = _speaker(doc, span, by_token)
        if speaker is None or speaker.root().kind != "person" or speaker.root().plural:
            continue
        c = speaker.root()
        # the attribution right after the quote counts ("…," ministry spokeswoman X said)
        body = _named_for(doc, c, by_token, span.end + 12, resolver) if plurals else None
        for toks, owner in ((firsts, c), (plurals if body is not None else [], body)):
            for t in toks:
                m = Mention(start=t.idx, end=t.idx + len(t), tok_start=t.i, tok_end=t.i + 1,
                            text=t.text, type="pronoun", kind=owner.kind, head=t.i,
                            plural=owner is body)
                resolver.join(owner, m)
                resolver.history.append((m, owner))


def _named_for(doc, speaker: Cluster, by_token: dict[int, Cluster], before: int,
               resolver: _Resolver) -> Cluster | None:
    """The organization or country a person is described by in one of their mentions before
    ``before`` — "Environment Canada spokeswoman X", "X, the State Department spokesperson",
    "Ghana's coach X" — the latest such; the "we" of that person's quotes. A person named
    without such a description (a minister quoted alone) gives None: "we" stays unresolved."""
    found = None
    for m in speaker.mentions:
        if m.type == "pronoun" or m.tok_start >= before:
            continue
        head = doc[m.head]
        stack = [ch for ch in head.children if ch.dep_ not in CLAUSE_DEPS]
        # the role noun the name hangs on ("spokeswoman" in "… spokeswoman Sujata X")
        if head.dep_ == "appos" or (head.dep_ == "compound" and head.head.i in by_token
                                    and by_token[head.head.i].root() is speaker):
            stack.append(head.head)
        seen = set()
        while stack:
            t = stack.pop()
            if t.i in seen or abs(t.i - head.i) > 12:
                continue
            seen.add(t.i)
            other = by_token.get(t.i)
            if other is None and t.dep_ in ("compound", "poss") and t.pos_ == "NOUN":
                other = _institution(t, resolver, m.tok_start)  # "team member X": the team
            if other is not None and other.root() is not speaker and other.root().kind in (
                    "organization", "country"):
                found = other.root()
                break
            stack.extend(ch for ch in t.children if ch.dep_ not in CLAUSE_DEPS)
    return found


def _speaker(doc, quote, by_token: dict[int, Cluster]) -> Cluster | None:
    """The subject of the reporting verb right after the quote, else right before it."""
    def subject(verb):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            if subj.i not in by_token:  # "Ghana's coach Kwame Mensah said": the name is appos
                named = next((c for c in subj.children if c.dep_ == "appos" and c.i in by_token), None)
                return by_token[named.i] if named is not None else None
            return by_token.get(subj.i)
        after = doc[verb.i + 1:verb.i + 5]  # inverted: "…," said Haddad
        return next((by_token[t.i] for t in after if t.i in by_token), None)

    for tok in doc[quote.end:min(len(doc), quote.end + 14)]:  # "…," ministry spokeswoman X of Y said
        if "\n" in tok.text:
            break
        if tok.lemma_ in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
            return subject(tok)
    if quote.start:
        sent = doc[quote.start - 1].sent
        for tok in reversed(doc[sent.start:quote.start]):
            if tok.lemma_ in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
                return subject(tok)
    return None


def merge_appositions(doc, resolver: _Resolver) -> None:
    """"The commander of the Northern Brigades, Samir Haddad": one actor, a nominal and a name."""
    by_head = {m.head: c for m, c in resolver.history if m.type != "pronoun"}
    for m, c in resolver.history:
        if m.type == "pronoun":
            continue
        tok = doc[m.head]
        if tok.dep_ != "appos":
            continue
        target = tok.head
        # "The commander of the Northern Brigades, Samir Haddad": the parser hangs the name on
        # the nearest noun; a person name belongs to the person noun above the "of" phrase
        if m.kind == "person":
            climb = target
            for _ in range(2):
                if climb.i in by_head and by_head[climb.i].root().kind == "person":
                    break
                if climb.dep_ == "pobj" and climb.head.dep_ == "prep":
                    climb = climb.head.head
            if climb.i in by_head and by_head[climb.i].root().kind == "person":
                target = climb
        if target.i not in by_head:
            continue
        other = by_head[target.i].root()
        mine = c.root()
        if other is mine:
            continue
        nominal = any(x.type == "nominal" for x in (m, *other.mentions[:1]))
        people = {mine.kind, other.kind}
        if nominal and (people == {"person"} or "person" not in people) and "country" not in people:
            # keep the named cluster as root, so names and KB data win
            named, nom = (mine, other) if any(x.type == "name" for x in mine.mentions) else (other, mine)
            for x in nom.mentions:
                named.mentions.append(x)
            named.role_nouns |= nom.role_nouns
            named.name_words |= nom.name_words
            named.mentions.sort(key=lambda x: x.start)
            nom.mentions = []
            nom.parent = named


def _institution(tok, resolver: _Resolver, before: int) -> Cluster | None:
    """The organization an institution noun modifying a person's title means ("team" in "team
    member X", "party" in "party spokesman X"): the latest one before it named with that word
    or called that noun."""
    from .coref import _name_has

    info = resolver.kb.role(tok.lemma_.lower())
    if info is None or info.kind != "organization" or not info.generic:
        return None
    noun = info.noun
    for m, c in reversed(resolver.history):
        r = c.root()
        if m.tok_start < before and r.kind == "organization" and (_name_has(r, noun) or r.has_role(noun)):
            return r
    return None
