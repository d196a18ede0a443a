"""Reporting cues in a parsed sentence: the verb or noun, who speaks, to whom, and what is said.

Works on spaCy's dependency parse only; no actor knowledge is needed here (speakers are resolved
to actors in quotes.py). Every function returns plain character spans.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..knowledge.reporting import ReportingLexicon
from .base import doc_text

# Dependency labels whose subtree is what was said.
_CLAUSE_DEPS = {"ccomp", "xcomp"}
_OBJECT_DEPS = {"dobj", "obj"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# Left-side parts of a speaker's noun phrase, and right-side parts kept in speaker_text.
_SPEAKER_RIGHT_DEPS = {"compound", "flat", "prep", "nummod", "amod"}
_SPEAKER_PREPS = {"for", "of", "from", "at", "with", "in", "on"}
# "said in an interview with CNN", "wrote in The Post", "said on Fox News" → via
_MEDIUM_PREPS = {"in", "on", "with", "to"}
QUOTE_TOKENS = {'"', "”", "’", "''", "»", "“"}
_WH_MARKS = {"whether", "if", "why", "how", "what", "when", "where", "who"}


@dataclass
class Cue:
    """One reporting cue. Spans are (start, end) character offsets, end exclusive."""

    token_i: int  # index of the cue word in the Doc
    text: str  # the cue as written ("said", "according to", "told")
    type: str
    start: int
    end: int
    speaker: tuple[int, int] | None = None  # the speaker's noun phrase
    speaker_head: tuple[int, int] | None = None  # the name/noun that carries the actor
    speaker_lemma: str = ""
    speaker_appos: tuple[tuple[int, int], ...] = ()  # "the party's chairman, John Smith"
    speaker_owner: tuple[tuple[int, int], ...] = ()  # "a spokesman for the ministry", "Smith's aide"
    speaker_relative: tuple[int, int] | None = None  # "Smith, who said": the "who" that speaks
    content: tuple[int, int] | None = None
    recipient: tuple[int, int] | None = None
    via: tuple[int, int] | None = None
    sentence: tuple[int, int] = (0, 0)


def span_of(tokens: list[Token]) -> tuple[int, int] | None:
    tokens = [t for t in tokens if not (t.is_punct or t.is_space)]
    if not tokens:
        return None
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def _subtree_span(token: Token, exclude: set[int] = frozenset()) -> tuple[int, int] | None:
    return span_of([t for t in token.subtree if t.i not in exclude])


def _strip_complementizer(doc, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """Drop a leading "that" and edge punctuation: the content is what was said."""
    if span is None:
        return None
    chars = doc.char_span(span[0], span[1], alignment_mode="expand")
    if chars is None:
        return span
    tokens = list(chars)
    while tokens and (tokens[0].is_punct or tokens[0].lower_ in {"that", ":"}) and tokens[0].dep_ in {"mark", "punct"}:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in {"”", '"', "’", "?", "!"}:
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _speaker_phrase(head: Token) -> dict:
    """Fields of the speaker for a `Cue`: "John Smith, the party's chairman," → "John Smith";
    "a spokesman for the ministry" keeps its "for" phrase (the ministry is its owner)."""
    left = head.left_edge
    kept = list(head.doc[left.i : head.i + 1])
    appos: list[tuple[int, int]] = []
    owners: list[tuple[int, int]] = []
    for child in head.rights:
        if child.dep_ in _SPEAKER_RIGHT_DEPS and (child.dep_ != "prep" or child.lower_ in _SPEAKER_PREPS):
            kept.extend(child.subtree)
            if child.dep_ == "prep":
                owners.extend(_subtree_span(g) for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "appos":
            appos.append(_subtree_span(child))
    for child in head.lefts:
        if child.dep_ == "poss":
            owners.append(_subtree_span(child))
    # a compound name ("Hillary Clinton") is carried by its last token plus its compounds
    name = [t for t in head.lefts if t.dep_ in {"compound", "flat"}] + [head]
    head_span = span_of(name) or (head.idx, head.idx + len(head))
    # a speaker phrase never crosses a line break (a headline parsed into the next paragraph)
    text = doc_text(head.doc)
    kept = [t for t in kept if "\n" not in text[min(t.idx, head.idx):max(t.idx, head.idx)]]
    return {
        "speaker": span_of(sorted(kept, key=lambda t: t.i)) or head_span,
        "speaker_head": head_span,
        "speaker_lemma": head.lemma_.lower(),
        "speaker_appos": tuple(a for a in appos if a),
        "speaker_owner": tuple(o for o in owners if o),
    }


def set_speaker(cue: Cue, head: Token) -> None:
    for key, value in _speaker_phrase(head).items():
        setattr(cue, key, value)


def _is_time_or_dateline(token: Token) -> bool:
    """Live-blog stamps ("3:15 p.m.") and datelines ("CLEVELAND —") that the parser sometimes
    takes for a subject: they never speak."""
    if token.ent_type_ in {"DATE", "TIME"}:
        return not is_age(token)
    if not (token.text.isupper() and len(token) > 2 and token.i == token.sent.start):
        return False
    # an agency's acronym right before its verb speaks ("AFP said", "NHK reported"); a dateline
    # is followed by a dash, a comma or a bracket
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return nxt is None or nxt.pos_ not in {"VERB", "AUX"}


def is_age(token: Token) -> bool:
    """"the 46-year-old", "a 19-year-old": an age used as a noun names a person (the tagger
    reads it as a date)."""
    return token.lower_ in {"old", "olds"} and token.i >= 2 and token.doc[token.i - 2].lower_ in {"year", "years"}


def _subject_after_quote(verb: Token, quoted) -> Token | None:
    """"“…,” Texas delegate Bill Eastland, wearing a cowboy hat, said": the parser hung the
    name on the quote. With no subject of its own, a verb after a closing mark takes the first
    name or noun after that mark (the head of its name: the last proper noun of the run)."""
    sent = verb.sent
    # the first closing mark of the sentence: the words after it attribute the quote
    k = next((t.i for t in verb.doc[sent.start : verb.i]
              if t.text in QUOTE_TOKENS and not quoted(t.idx + 1) and quoted(max(t.idx - 1, 0))), None)
    if k is None:
        return None
    for token in verb.doc[k + 1 : verb.i]:
        if token.is_punct or token.is_space or token.pos_ in {"DET", "ADJ", "NUM"}:
            continue
        if quoted(token.idx) or token.pos_ not in {"PROPN", "NOUN", "PRON"}:
            return None
        while (token.i + 1 < verb.i and token.doc[token.i + 1].pos_ in {"PROPN", "NOUN"}
               and token.dep_ in {"compound", "flat"}):
            token = token.doc[token.i + 1]
        return token
    return None


def _relative_pronoun(verb: Token) -> Token | None:
    """The relative pronoun that is the cue's subject ("Smith, who said …"), if any: it is the
    mention through which the antecedent speaks."""
    token = verb
    for _ in range(4):
        for child in token.children:
            if child.dep_ in {"nsubj", "csubj"}:
                return child if child.tag_ in {"WP", "WDT"} and token.dep_ == "relcl" else None
        if token.head == token or token.dep_ in {"ccomp", "parataxis", "relcl"}:
            return None
        token = token.head
    return None


def _dateline_speaker(token: Token) -> Token | None:
    """"Washington (AFP) – Vice President Joe Biden hit …": a place and an outlet in brackets
    before a dash open the story; the parser may take the place for the subject. Returns the
    noun after the dash that the parser hung on it (the real subject), else the place itself
    when it is no dateline."""
    doc, first = token.doc, token.left_edge
    if first.i != token.sent.start and not (first.i > 0 and "\n" in doc[first.i - 1].text):
        return token
    window = doc[token.i + 1 : min(len(doc), token.i + 8)]
    close = next((t for t in window if t.text == ")"), None)
    if (close is None or not any(t.text == "(" for t in window) or close.i + 1 >= len(doc)
            or doc[close.i + 1].text not in {"-", "–", "—", "--"}):
        return token
    dash = close.i + 1
    return next((c for c in token.children if c.dep_ == "appos" and c.i > dash), None)


def find_subject(verb: Token, documents: frozenset[str] = frozenset()) -> Token | None:
    """The subject of the cue; participles and conjuncts borrow their governor's subject
    ("..., saying that", "he laughed and said"), relative clauses their antecedent. A
    participle on a noun ("staff members suggesting …", "a group backing X") has that noun as
    speaker, unless the noun is a document or statement (``documents``: "a statement saying …"
    speaks for whoever issued it)."""
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if agent is not None:
        return agent  # passive: "Trump has been criticized by some of his rivals"
    token = verb
    for _ in range(4):
        if token is not verb and not any(c.dep_ in {"nsubj", "csubj"} for c in token.children):
            passive = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
            if passive is not None and not _is_time_or_dateline(passive):
                # "X was quoted as saying", "was overheard telling": the passive subject speaks
                return passive
        for child in token.children:
            if child.dep_ in {"nsubj", "csubj"} and not _is_time_or_dateline(child):
                if child.tag_ in {"WP", "WDT"} and token.dep_ == "relcl":
                    return token.head
                subject = _dateline_speaker(child)
                if subject is None:
                    break  # a dateline with nobody after it: keep climbing
                return subject
        if token.dep_ == "relcl" and token.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return token.head
        if token.dep_ == "acl" and token.head.pos_ in {"NOUN", "PROPN"}:
            noun = token.head
            if noun.dep_ in _SUBJECT_DEPS or noun.lemma_.lower() not in documents:
                return noun
            # "issued a statement saying ...": climb to the governing verb
            token = noun.head
            continue
        if token.head != token and token.dep_ not in {"ccomp", "parataxis"}:
            # participles and conjuncts ("…, saying that", "arrived and said") share the
            # subject of the clause they hang from
            token = token.head
            continue
        return None
    return None


def _content_of_verb(verb: Token, entry, lexicon: ReportingLexicon) -> tuple[tuple[int, int] | None, list[Token], list[Token]]:
    """(content span, recipient tokens, content-bearing children) for a verb cue."""
    doc = verb.doc
    parts: list[Token] = []
    recipients: list[Token] = []
    for child in verb.children:
        dep = child.dep_
        if dep in _CLAUSE_DEPS:
            if dep == "xcomp" and not entry.infinitive:
                continue
            parts.append(child)
        elif dep in _OBJECT_DEPS:
            if entry.object == "recipient":
                recipients.append(child)
            else:
                parts.append(child)
        elif dep == "dative":
            recipients.append(child)
        elif dep in {"oprd", "attr"} and entry.object == "target":
            parts.append(child)
        elif dep == "prep" and child.lower_ in entry.preps:
            if child.lower_ == "to" and entry.object == "recipient":
                recipients.append(child)
            else:
                parts.append(child)
        elif dep == "advcl" and any(g.dep_ == "mark" and g.lower_ in _WH_MARKS for g in child.children):
            parts.append(child)
        elif dep == "prt" and entry.preps:
            # phrasal: "pointed out that ..." keeps its clause; the particle is part of the cue
            continue
    if parts and entry.object == "target":
        # "accused Y of X": the content runs from the object through the complement
        spans = [_subtree_span(p) for p in parts]
    else:
        spans = [_subtree_span(p) for p in parts if p.dep_ not in _OBJECT_DEPS or not _is_pronoun_object(p)]
    spans = [s for s in spans if s]
    if not spans:
        return None, recipients, parts
    span = (min(s[0] for s in spans), max(s[1] for s in spans))
    return _strip_complementizer(doc, span), recipients, parts


def _clip_to_paragraph(token: Token, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """Indirect content never crosses a paragraph break (a missed sentence split must not pull
    the next paragraph into someone's words); a quote it runs into is joined later, whole."""
    if span is None:
        return None
    text = doc_text(token.doc)
    lo = text.rfind("\n", 0, token.idx) + 1
    hi = text.find("\n", token.idx)
    hi = len(text) if hi < 0 else hi
    start, end = max(span[0], lo), min(span[1], hi)
    return _strip_complementizer(token.doc, (start, end)) if end > start else None


def _is_pronoun_object(token: Token) -> bool:
    return token.pos_ == "PRON" and len(list(token.subtree)) == 1


def _parataxis_content(verb: Token) -> tuple[int, int] | None:
    """"The plan, he said, will fail": the cue hangs off the clause it reports."""
    if verb.dep_ not in {"parataxis", "advcl"} or verb.head == verb:
        return None
    head = verb.head
    exclude = {t.i for t in verb.subtree}
    return _strip_complementizer(verb.doc, _subtree_span(head, exclude))


def _via_and_recipient(verb: Token, recipients: list[Token], lexicon: ReportingLexicon):
    """Split addressees into the outlet (via) and the person or body told (recipient)."""
    via = recipient = None
    for token in recipients:
        node = token
        if token.dep_ == "prep":
            node = next((g for g in token.children if g.dep_ == "pobj"), None)
            if node is None:
                continue
        phrase = _subtree_span(node)
        head_phrase = span_of([t for t in node.lefts if t.dep_ in {"compound", "flat", "det"}] + [node])
        owner = next((g for g in node.children if g.dep_ == "poss"), None)
        if lexicon.is_outlet(doc_text(verb.doc)[head_phrase[0]:head_phrase[1]]):
            via = via or head_phrase
        else:
            recipient = recipient or phrase
            if owner is not None and lexicon.is_outlet(owner.text) and via is None:
                # "told CNN's Jake Tapper": the journalist is told, the outlet carries it
                via = span_of([t for t in owner.subtree if t.dep_ != "case" and t.text not in {"'s", "’s"}])
                recipient = span_of([t for t in node.subtree if t.i not in {x.i for x in owner.subtree}])
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _MEDIUM_PREPS and via is None:
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                # "in an interview with CNN" → look one level deeper
                candidates = [pobj] + [gg for g in pobj.children if g.dep_ == "prep" for gg in g.children if gg.dep_ == "pobj"]
                for cand in candidates:
                    phrase = span_of([t for t in cand.lefts if t.dep_ in {"compound", "flat", "det"}] + [cand])
                    if phrase and lexicon.is_outlet(doc_text(verb.doc)[phrase[0]:phrase[1]]):
                        via = phrase
                        break
    return via, recipient


def _inverted_subject(verb: Token, quoted) -> Token | None:
    """"…,” said General Omar Bashir": the speaker follows the verb. Only right after a quote
    (a closing mark, maybe with a comma, just before the verb): elsewhere the noun after a verb
    is its object ("calling Christmas a sham")."""
    before = [t for t in verb.doc[max(0, verb.i - 2) : verb.i]]
    if not any(t.text in QUOTE_TOKENS or quoted(t.idx) for t in before):
        return None
    for token in verb.doc[verb.i + 1 : min(len(verb.doc), verb.i + 8)]:
        if quoted(token.idx) or token.is_punct:
            return None
        if token.pos_ in {"PROPN", "NOUN", "PRON"}:
            # the last token of the name or noun phrase that starts here
            while token.i + 1 < len(token.doc) and token.doc[token.i + 1].pos_ == "PROPN" and token.pos_ == "PROPN":
                token = token.doc[token.i + 1]
            return token
        if token.pos_ not in {"DET", "ADJ", "NUM"}:
            return None
    return None


def verb_cues(sent: Span, lexicon: ReportingLexicon, quoted=lambda pos: False) -> list[Cue]:
    """Every reporting verb of the sentence, with speaker, content and addressees.
    ``quoted(pos)`` tells whether a character lies inside quotation marks: a subject found
    there is part of the quote, not the speaker."""
    cues = []
    documents = frozenset(lexicon.nouns)  # "a statement saying …" is no speaker of its own
    for token in sent:
        if token.pos_ not in {"VERB", "AUX"} or token.lemma_.lower() not in lexicon.verbs:
            continue
        entry = lexicon.verbs[token.lemma_.lower()]
        if token.lemma_.lower() == "speak" and any(
            c.dep_ == "prep" and any(g.lower_ == "condition" for g in c.children) for c in token.children
        ):
            continue  # "speaking on condition of anonymity" qualifies a speaker, it is no cue
        content, recipients, parts = _content_of_verb(token, entry, lexicon)
        if content is None:
            content = _parataxis_content(token)
        if entry.needs_complement and entry.type != "want" and parts and all(p.dep_ in _OBJECT_DEPS for p in parts):
            # "wants a wall" reports a wish, but "knows the area" or "addressed the crowd"
            # report nothing: for these verbs only a clause or a listed preposition counts
            content = _parataxis_content(token)
        if content is None and entry.needs_complement:
            continue
        if token.i > 0 and token.doc[token.i - 1].lower_ in {"so", "so-"} or token.text.lower().startswith("so-"):
            continue  # "so-called" qualifies a name; nobody is reported
        content = _clip_to_paragraph(token, content)
        subject = find_subject(token, documents)
        if (subject is None or quoted(subject.idx)) and not quoted(token.idx):
            subject = _inverted_subject(token, quoted) or (
                _subject_after_quote(token, quoted) if token.tag_ in {"VBD", "VBZ", "VBP"} else None)
        cue = Cue(token.i, token.text, entry.type, token.idx, token.idx + len(token),
                  content=content, sentence=(sent.start_char, sent.end_char))
        if subject is not None:
            set_speaker(cue, subject)
            relative = _relative_pronoun(token)
            if relative is not None and relative.head.head == subject:
                cue.speaker_relative = (relative.idx, relative.idx + len(relative))
        cue.via, cue.recipient = _via_and_recipient(token, recipients, lexicon)
        cues.append(cue)
    return cues


def misread_verb_cues(sent: Span, lexicon: ReportingLexicon) -> list[Cue]:
    """"“…,” Mabuza notes.": after a closing mark, a name and a reporting verb in -s that
    ends the sentence; the tagger reads "Mabuza notes" as a compound noun, so `verb_cues`
    sees no verb. The name before it is the speaker; the cue has no content of its own (it
    attributes the quote before it)."""
    cues = []
    doc = sent.doc
    for token in sent:
        if token.pos_ not in {"NOUN", "PROPN"} or token.tag_ not in {"NNS", "NNPS"} or not token.lower_.endswith("s"):
            continue
        lemma = token.lower_[:-1]
        if lemma not in lexicon.verbs or lexicon.verbs[lemma].needs_complement or token.i < 2:
            continue
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if after is not None and not (after.is_punct or after.is_space):
            continue  # "notes" ends its clause: "Mabuza notes." / "Mabuza notes, …"
        name = doc[token.i - 1]
        if name.pos_ != "PROPN":
            continue
        first = name
        while first.i > sent.start and doc[first.i - 1].pos_ == "PROPN":
            first = doc[first.i - 1]
        mark = doc[first.i - 1]
        if mark.text not in QUOTE_TOKENS and not (mark.text == "," and first.i > 1 and doc[first.i - 2].text in QUOTE_TOKENS):
            continue
        cue = Cue(token.i, token.text, lexicon.verbs[lemma].type, token.idx, token.idx + len(token),
                  sentence=(sent.start_char, sent.end_char))
        cue.speaker = (first.idx, name.idx + len(name))
        cue.speaker_head = cue.speaker
        cue.speaker_lemma = name.lemma_.lower()
        cues.append(cue)
    return cues


def according_to_cues(sent: Span) -> list[Cue]:
    """"According to X, ...": X speaks, the clause it qualifies is the content."""
    cues = []
    for token in sent:
        if token.lower_ != "according" or token.i + 1 >= len(token.doc) or token.doc[token.i + 1].lower_ != "to":
            continue
        to = token.doc[token.i + 1]
        pobj = next((g for g in to.children if g.dep_ == "pobj"), None) or next(
            (g for g in token.children if g.dep_ == "pobj"), None)
        if pobj is None:
            continue
        phrase = {t.i for t in token.subtree} | {t.i for t in to.subtree}
        # the content is the rest of the sentence: the clause the phrase qualifies
        rest = [t for t in sent if t.i not in phrase]
        content = _strip_complementizer(token.doc, span_of(rest))
        cue = Cue(token.i, f"{token.text} {to.text}", "say", token.idx, to.idx + len(to),
                  content=content, sentence=(sent.start_char, sent.end_char))
        set_speaker(cue, pobj)
        cues.append(cue)
    return cues


def noun_cues(sent: Span, lexicon: ReportingLexicon) -> list[Cue]:
    """"Smith's claim that ..." / "the statement by the ministry that ...": a reporting noun
    with a that-clause and a stated owner."""
    cues = []
    for token in sent:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in lexicon.nouns:
            continue
        clause = next((c for c in token.children if c.dep_ in {"acl", "ccomp", "appos"}
                       and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
        if clause is None:
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None:
            prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in {"by", "from", "of"}), None)
            owner = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
        if owner is None:
            continue
        cue = Cue(token.i, token.text, lexicon.nouns[token.lemma_.lower()].type, token.idx,
                  token.idx + len(token), content=_strip_complementizer(token.doc, _subtree_span(clause)),
                  sentence=(sent.start_char, sent.end_char))
        set_speaker(cue, owner)
        cues.append(cue)
    return cues
