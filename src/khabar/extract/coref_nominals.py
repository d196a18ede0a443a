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


def salient_country(clusters: list[Cluster], m: Mention) -> Cluster | None:
    """The country "the country", "this nation", "our country" refers to: the country the
    article has named most often before ``m`` (the one it is about), ties to the latest named
    — not merely the latest, which is often one mentioned in passing ("… fled from Yemen. The
    nation's asylum system …")."""
    best, best_key = None, None
    for c in clusters:
        r = c.root()
        if r is not c or r.kind != "country":
            continue
        named = [x for x in r.mentions if x.type == "name" and x.start < m.start]
        if not named:
            continue
        key = (len(named), named[-1].start)
        if best_key is None or key > best_key:
            best, best_key = r, key
    return best
