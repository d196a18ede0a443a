"""Checks on the antecedent of a nominal mention (used by `coref._Resolver.place_nominal`).

A noun phrase that names a part of an organization is not that organization: "the elite group
within the Church", "a faction of Hamas", "the youth wing of the party". When the nominal's own
prepositional modifier holds a mention of the candidate, the nominal refers to something inside
it (or related to it), so it does not join it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .coref import Cluster, Mention

PART_PREPS = {"within", "inside", "of", "in", "from"}


def names_its_whole(doc, m: Mention, c: Cluster) -> bool:
    """``m``'s head has a prepositional modifier ("within X", "of X") whose object is a
    mention of cluster ``c`` or a word of its names."""
    head = doc[m.head]
    objects = [g for p in head.children if p.dep_ == "prep" and p.lower_ in PART_PREPS
               for g in p.children if g.dep_ == "pobj"]
    # the whole is usually named after the nominal, so it is not among c's mentions yet:
    # its head word is one of c's name words ("Party" of "the Velora Party")
    return any(g.lower_ in c.name_words or any(x.tok_start <= g.i < x.tok_end for x in c.mentions)
               for g in objects)
