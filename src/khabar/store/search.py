"""Full-text search over article titles and text, with one meaning on both backends.

What a person types is read here, once, into terms: each word, or each "quoted phrase", must
occur (AND); a trailing ``*`` makes the last word a prefix. Case and diacritics do not count. The
terms are then written in each backend's own query language, always as bound parameters:

- SQLite: an FTS5 expression for ``articles_fts`` (migration 0002; the unicode61 tokenizer with
  ``remove_diacritics 2`` folds case and accents).
- PostgreSQL: a ``tsquery`` for ``articles.fts`` (migration 0004: the ``khabar_search`` text
  search configuration, ``simple`` behind ``unaccent``), phrases as ``<->``, prefixes as ``:*``.

Words are cut the way both indexes cut them: runs of letters and digits, everything else a
separator (so "cease-fire" is the phrase "cease fire", "Haddad's" the phrase "haddad s").
Operators, column filters and quotes in the input are never passed on, so nothing a user types
can change the query's structure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..errors import UserError

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"[^\W_]+")  # letters and digits: what unicode61 and the PG parser keep

# The PostgreSQL text search configuration made by migration 0004.
PG_CONFIG = "khabar_search"


@dataclass(frozen=True)
class Term:
    """One condition: these words, in this order, next to each other (one word: just it)."""

    words: tuple[str, ...]
    prefix: bool = False


def parse(text: str) -> list[Term]:
    """The terms of a search; a `UserError` when there is no word to search for."""
    terms = []
    for phrase, word in _TOKEN.findall(unicodedata.normalize("NFC", text)):
        raw = phrase or word
        words = tuple(w.lower() for w in _WORD.findall(raw))
        if words:
            terms.append(Term(words, prefix=bool(word) and word.endswith("*")))
    if not terms:
        raise UserError(f"search {text!r}: no word to search for (letters or digits)")
    return terms


def fts5_expression(terms: list[Term]) -> str:
    """SQLite FTS5 MATCH expression: quoted phrases ANDed ("a b"* for a prefix)."""
    # words hold only letters and digits, so the double quotes cannot be closed early
    return " AND ".join('"' + " ".join(t.words) + '"' + ("*" if t.prefix else "") for t in terms)


def tsquery_expression(terms: list[Term]) -> str:
    """PostgreSQL ``to_tsquery`` text: quoted lexemes, ``<->`` within a phrase, ``&`` between."""
    parts = []
    for t in terms:
        lexemes = [f"'{w}'" for w in t.words]
        if t.prefix:
            lexemes[-1] += ":*"
        parts.append(" <-> ".join(lexemes))
    return " & ".join(parts)


def matching_articles(dialect: str, placeholder: str) -> str:
    """A subquery of the ids of the articles that match the one bound parameter (`param`)."""
    if dialect == "postgres":
        return f"SELECT id FROM articles WHERE fts @@ to_tsquery('{PG_CONFIG}', {placeholder})"
    return ("SELECT a.id FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid "
            f"WHERE articles_fts MATCH {placeholder}")


def param(dialect: str, text: str) -> str:
    """The bound parameter of `matching_articles` for what a person typed."""
    terms = parse(text)
    return tsquery_expression(terms) if dialect == "postgres" else fts5_expression(terms)
