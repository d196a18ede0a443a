"""Colon cues: the headline "Rubio: I'm not interested", the transcript line "FALLIN: I think
…", and a clause whose colon hands a quotation to its subject ("Trump leaned in and boomed:
“…”"). Split from quote_cues.py, whose speaker helpers they share.
"""

from __future__ import annotations

from spacy.tokens import Span

from ..knowledge.reporting import ReportingLexicon
from .quote_cues import QUOTE_TOKENS, Cue, find_subject, set_speaker, span_of

# a first or second person inside a line is its own speaker or the addressee
_DIALOGUE_PERSONS = {"i", "we", "you"}


def _rest_of_line(doc, first: int, limit: int = 120) -> Span:
    """Tokens from ``first`` to the end of its line: the parser may end a sentence at the colon
    of "Karimi: “…”", but the words after it still belong to it."""
    end = first
    while end < len(doc) and end - first < limit and "\n" not in doc[end].text:
        end += 1
    return doc[first:end]


def _transcript_label(head: Span) -> bool:
    """Capitals only ("FALLIN", "SEN. RUBIO") at the start of a paragraph, before a colon."""
    doc = head.doc
    at_start = head.start == 0 or "\n" in doc[head.start - 1].text or "\n" in doc[head.start - 1].whitespace_
    words = [t for t in head if t.is_alpha]
    return at_start and bool(words) and all(t.is_upper and len(t) > 1 for t in words) and len(words) <= 4


def colon_cues(sent: Span, lexicon: ReportingLexicon) -> list[Cue]:
    """Headline style "Rubio: I'm not interested": a short name phrase, a colon, the words.
    The phrase must hold a proper noun and no verb, so "The result: a draw" is no quote."""
    cues = []
    for token in sent:
        if token.text != ":" or token.i + 1 >= len(sent.doc):
            continue
        # the name phrase runs back to the sentence start or to a dash ("HEADLINE - Name:")
        begin = sent.start
        for k in range(token.i - 1, sent.start - 1, -1):
            if sent.doc[k].text in {"-", "–", "—", "|"}:
                begin = k + 1
                break
        while begin < token.i and sent.doc[begin].is_space:
            begin += 1
        head = sent.doc[begin : token.i]
        if not 0 < len(head) <= 6:
            continue
        quoted_after = sent.doc[token.i + 1].text in QUOTE_TOKENS | {"‘", "'"}
        # a transcript's speaker label: "TAPPER:", "SEN. MARCO RUBIO:" opening a paragraph
        label = _transcript_label(head)
        # headlines are Title Case, where the tagger often misses proper nouns
        if not label and not any(t.pos_ == "PROPN" or (quoted_after and t.is_title) for t in head):
            continue
        if not label and any(t.pos_ in {"VERB", "AUX"} for t in head):
            continue
        if head.root.ent_type_ not in {"PERSON", "ORG", "NORP", "GPE"} and not quoted_after and not label:
            continue  # "Editor's Note:", "Delegate Update:" label a line, nobody speaks
        # the words after the colon, up to the end of the sentence; when they carry their own
        # attribution ("The Latest: Sanders declares …") the colon attributes nothing
        after = _rest_of_line(sent.doc, token.i + 1)
        # (a first or second person reporting inside the line is the line's own speaker or
        # its addressee: "TAPPER: I think you said …"; a transcript line is always its
        # speaker's words)
        if not label and any(t.pos_ == "VERB" and t.lemma_.lower() in lexicon.verbs
               and any(c.dep_ == "nsubj" and c.lower_ not in _DIALOGUE_PERSONS for c in t.children) for t in after):
            continue
        content = span_of(list(after))
        if content is None or sum(t.is_alpha for t in after) < 4:
            continue
        cue = Cue(token.i, ":", "say", token.idx, token.idx + 1, content=content,
                  sentence=(sent.start_char, sent.end_char))
        set_speaker(cue, head.root)
        cues.append(cue)
        break
    return cues


def colon_intro_cues(sent: Span, lexicon: ReportingLexicon) -> list[Cue]:
    """"President Clinton released the following statement: “…”", "Trump leaned in and
    boomed: “…”": a clause that ends with a colon before quotation marks hands the quote to
    its subject, whatever its verb. Only when that clause has no reporting verb of its own
    (that one is the cue then). The cue has no content: it attributes the quote that follows."""
    doc = sent.doc
    for colon in sent:
        if colon.text != ":":
            continue
        nxt = colon.i + 1
        while nxt < len(doc) and doc[nxt].is_space:
            nxt += 1
        if nxt >= len(doc) or doc[nxt].text not in QUOTE_TOKENS | {"‘", "'", "``"}:
            continue
        before = [t for t in doc[sent.start : colon.i] if not t.is_space]
        # a reporting verb there is the cue itself ("needs_complement" verbs such as "released
        # the following statement:" have no clause, so they are no cue of their own)
        if len(before) < 2 or any(t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in lexicon.verbs
                                  and not lexicon.verbs[t.lemma_.lower()].needs_complement for t in before):
            return []
        verbs = [t for t in before if t.pos_ in {"VERB", "AUX"} and t.dep_ in {"ROOT", "conj", "ccomp"}]
        if not verbs:
            return []
        verb = verbs[-1]  # "leaned in and boomed:": the verb nearest the colon
        subject = find_subject(verb, frozenset(lexicon.nouns))
        if subject is None:
            # "Stated Stone:" — the subject follows its verb
            subject = next((t for t in verb.rights if t.dep_ in {"nsubj", "dobj", "attr"}
                            and t.pos_ in {"PROPN", "NOUN"} and t.i < colon.i), None)
        if subject is None or subject.pos_ not in {"PROPN", "NOUN", "PRON"} or subject.i > colon.i:
            return []
        cue = Cue(verb.i, verb.text, "say", verb.idx, verb.idx + len(verb),
                  sentence=(sent.start_char, sent.end_char))
        set_speaker(cue, subject)
        return [cue]
    return []
