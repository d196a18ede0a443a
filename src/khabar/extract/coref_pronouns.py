"""Checks on a pronoun's chosen antecedent that need the words between them (used by
`coref._Resolver.place_pronoun`).

A plural pronoun often refers to a group that is no actor ("Nurses … what they
ask for", "300 more … after they were freed"): the resolver only sees actors, so it would bind
"they" to an older actor. When a plural noun that no actor mention covers stands as the subject
between the chosen antecedent and the pronoun, that noun is the nearer and likelier antecedent,
and the pronoun is left unresolved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .coref import Cluster, Mention

SUBJECT_DEPS = ("nsubj", "nsubjpass")
PLURAL_TAGS = ("NNS", "NNPS")


def nearer_plural_subject(doc, history: list[tuple[Mention, Cluster]], prev: Mention,
                          m: Mention) -> bool:
    """A plural subject noun outside every actor mention lies between ``prev`` (the chosen
    antecedent's mention) and the pronoun ``m``."""
    covered: set[int] = set()
    for x, _ in reversed(history):  # only mentions after the antecedent matter
        if x.tok_end <= prev.tok_start:
            break
        covered.update(range(x.tok_start, x.tok_end))
    clause = _clause_verb(doc[m.head])
    for tok in doc[prev.tok_end:m.tok_start]:
        # in the competitor's own clause ("the sailors seized their catch") the pronoun may
        # be the other party's: the resolver's choice stands
        if tok.tag_ in PLURAL_TAGS and tok.dep_ in SUBJECT_DEPS and tok.i not in covered \
                and tok.head.i != clause:
            return True
    return False


def _clause_verb(tok) -> int | None:
    """Index of the verb whose clause holds ``tok`` (None at the root without a verb)."""
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX"):
            return tok.i
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None
