"""Build `Article` records: text normalization and the stable article id."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..records import Article

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# Most lines need no change; finding that out with str.find and one character class is several
# times faster than substituting every single space by itself.
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")
_BLANKS = re.compile(r"\n\s*\n\s*")


def normalize_text(text: str) -> str:
    """NFC, unified newlines, collapsed runs of spaces, paragraphs separated by one blank line.

    The stored text is the normalized one, so every offset khabar writes refers to it.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "")
    lines = [
        (_SPACES.sub(" ", line) if "  " in line or _ODD_SPACE.search(line) else line).strip()
        for line in text.split("\n")
    ]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def article_id(text: str, url: str | None = None) -> str:
    """sha1 of the normalized text, plus the url when known: the same input gives the same id."""
    h = hashlib.sha1(normalize_text(text).encode("utf-8"))
    if url:
        h.update(b"\x00" + url.strip().encode("utf-8"))
    return h.hexdigest()


def make_article(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: str | None = None,
    origin: str | None = None,
    id: str | None = None,
    language: str = "en",
    normalized: bool = False,
) -> Article:
    """An Article from ``text`` (normalized here, unless the caller says it already is)."""
    if not normalized:
        text = normalize_text(text)
    return Article(
        id=id or article_id(text, url),
        title=title.strip() if title else None,
        url=url or None,
        source=source or None,
        published=published or None,
        language=language,
        text=text,
        origin=origin,
    )
