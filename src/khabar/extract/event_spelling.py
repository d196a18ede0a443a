"""Misspelled country names and demonyms ("Ugnada", "Tanzannia") for event actors.

Wire copy has typos, and a misspelled country leaves an event actor with no country at all
(the tagger then usually calls the word an ORG). A word is read as a country when it is one
edit away (a letter dropped or added, or two adjacent letters swapped; not a substitution)
from exactly one country's name or demonym. To keep ordinary words and names out: the word and
the name are capitalized single words (the word of at least six letters, the name of at
least five), share the first and the last letter, the word is not tagged as a person's name, and
the word itself is no country name, demonym or capital (exact matches always win; "Gambia"
is never "Zambia").
"""

from __future__ import annotations

from functools import lru_cache

from ..knowledge.actors import ActorKB

MIN_LENGTH = 6  # of the misspelled word
MIN_NAME = 5  # of the country name or demonym it may stand for ("Neppal" -> Nepal)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one dropped, doubled or added letter, or by two
    adjacent letters swapped. A substituted letter does not count: it makes real names of
    other places ("Columbia" is no "Colombia")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return short in _deletes(long_)


@lru_cache(maxsize=4)
def _index(kb: ActorKB) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Symmetric-delete index over single-word country names and demonyms: key (the word or
    the word less one letter) -> words; and word -> alpha-3. Built once per knowledge base."""
    words: dict[str, str] = {}
    clash: set[str] = set()
    for c in kb.countries.values():
        for w in (c.name, *c.names, *c.demonyms):
            if " " in w or len(w) < MIN_NAME or not w[:1].isupper():
                continue
            key = w.lower()
            if words.get(key, c.alpha3) != c.alpha3:
                clash.add(key)  # shared by two countries: names neither
            words[key] = c.alpha3
    for key in clash:
        words.pop(key, None)
    index: dict[str, set[str]] = {}
    for w in words:
        for k in {w, *_deletes(w)}:
            index.setdefault(k, set()).add(w)
    return index, words


def misspelled_country(kb: ActorKB, text: str) -> str | None:
    """alpha-3 of the one country whose single-word name or demonym ``text`` misspells, else
    None (see the module docstring for the guards)."""
    word = text.strip()
    if " " in word or len(word) < MIN_LENGTH or not word[:1].isupper() or kb.country_for(word):
        return None
    index, words = _index(kb)
    low = word.lower()
    cands = {w for k in {low, *_deletes(low)} for w in index.get(k, ())}
    # same first and last letter: a letter added at the end makes another word or a surname
    # ("Americas", "Hollande", "Brazile"), not a typo
    found = {words[w] for w in cands if w[0] == low[0] and w[-1] == low[-1] and _one_edit(low, w)}
    return found.pop() if len(found) == 1 else None
