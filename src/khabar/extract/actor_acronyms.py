"""Acronyms spelled out after them: "the KANU delegates (Kenya African National Union)", "the
ALERT robotics league (Amateur League for Engineering and Robotics Teams)".

The model often leaves such an acronym untagged or reads a word-like one as something else
(an ordinal, a product). When the capitalized words in the brackets spell the acronym, both name one
organization: the acronym, every later bare use of it, and the spelled-out name are labelled ORG
(a rule of `actor_labels.fix_labels`, ``acronym_def``). KB names and people keep their labels;
the other order, "Kenya African National Union (KANU)", is `coref`'s acronym definition.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

LOOK_BACK = 4  # tokens between the acronym and the bracket ("ALERT robotics league (")
MAX_EXPANSION = 14
# labels the model gives an acronym it does not see as a name
REPLACEABLE = {"", "ORDINAL", "CARDINAL", "PRODUCT", "WORK_OF_ART", "LOC", "GPE", "NORP", "FAC", "ORG"}


def _initials(span: Span) -> str:
    return "".join(t.text[0] for t in span if t.text[:1].isupper() and t.is_alpha).upper()


def _acronym(tok) -> bool:
    return 2 <= len(tok.text) <= 8 and tok.text.isalpha() and tok.text.isupper()


def acronym_definitions(doc: Doc) -> list[tuple[Span, Span]]:
    """(acronym, spelled-out name) pairs: an all-capitals word shortly before brackets whose
    capitalized words' initials spell it."""
    pairs = []
    for tok in doc:
        if tok.text != "(":
            continue
        close = next((t.i for t in doc[tok.i + 1: tok.i + 2 + MAX_EXPANSION] if t.text == ")"), None)
        if close is None or close - tok.i < 3:
            continue
        expansion = doc[tok.i + 1: close]
        initials = _initials(expansion)
        for cand in doc[max(tok.sent.start, tok.i - LOOK_BACK): tok.i]:
            if _acronym(cand) and cand.text.upper() == initials:
                pairs.append((doc[cand.i: cand.i + 1], expansion))
                break
    return pairs


def fix_acronym_definitions(doc: Doc, ents: list[Span]) -> list[Span]:
    """ORG for acronyms spelled out after them, their later uses and the spelled-out names."""
    pairs = acronym_definitions(doc)
    if not pairs:
        return ents
    protected = {t for e in ents if e.ent_id_ or e.label_ == "PERSON" for t in range(e.start, e.end)}
    words = {a.text for a, _ in pairs}
    targets = [x for _, x in pairs]
    targets += [doc[t.i: t.i + 1] for t in doc if t.text in words and t.ent_type_ in REPLACEABLE]
    targets = [s for s in targets if not protected.intersection(range(s.start, s.end))]
    if not targets:
        return ents
    taken = {t for s in targets for t in range(s.start, s.end)}
    kept = [e for e in ents if not taken.intersection(range(e.start, e.end))]
    added = {(s.start, s.end): Span(doc, s.start, s.end, label="ORG") for s in targets}
    return sorted(kept + list(added.values()), key=lambda e: e.start)
