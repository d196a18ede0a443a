"""The last step of every reader: checks shared by all formats, then the `Article`.

A draft becomes an article when its text is non-empty, not longer than ``max_chars`` and in an
accepted language; otherwise it becomes a `Reject` naming the reason. The published date is the
input's own (normalized to ISO), else ``ReadOptions.published``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Article, Reject
from .article import make_article, normalize_text
from .dates import normalize_date
from .language import language_problem
from .options import ReadOptions


@dataclass
class Draft:
    """What a reader found for one article, before the shared checks."""

    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: object = None  # any form normalize_date reads
    id: str | None = None


def too_long(n_chars: int, limit: int) -> str:
    return f"text too long: {n_chars:,} characters, over the limit of {limit:,} (max_chars)"


def admit(draft: Draft, options: ReadOptions, origin: str, source: str, position: str | None = None) -> Article | Reject:
    """Article from ``draft``, or a Reject (``source``/``position`` say where) with the reason."""

    def reject(reason: str) -> Reject:
        return Reject(source=source, position=position, reason=reason)

    # Length is checked before normalizing, so an oversized text costs no more work.
    if len(draft.text) > options.max_chars * 2:
        return reject(too_long(len(draft.text), options.max_chars))
    text = normalize_text(draft.text)
    if not text:
        return reject("empty text")
    if len(text) > options.max_chars:
        return reject(too_long(len(text), options.max_chars))
    language = "en"
    if options.languages:
        language, problem = language_problem(text, options.languages, options.min_language_chars)
        if problem:
            return reject(problem)
    published = normalize_date(draft.published) or options.published
    title = normalize_text(draft.title) if draft.title else None
    return make_article(
        text,
        title=title or None,
        url=draft.url.strip() if isinstance(draft.url, str) and draft.url.strip() else None,
        source=draft.source.strip() if isinstance(draft.source, str) and draft.source.strip() else None,
        published=published,
        origin=origin,
        id=str(draft.id).strip() if draft.id not in (None, "") else None,
        language=language,
        normalized=True,
    )
