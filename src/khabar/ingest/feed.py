"""RSS and Atom feeds (feedparser): one entry, one article.

Text is the entry's full content when the feed carries it, else its summary (html reduced to
text); title, link and published date come from the entry, the source from the feed title.
Positions are "entry N" (origin ``path#entry N``).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..records import Article, Reject
from .admit import Draft, admit
from .html import html_to_text
from .inputs import Input
from .options import ReadOptions


def read(src: Input, options: ReadOptions) -> Iterator[Article | Reject]:
    import feedparser

    data = src.read(options.max_bytes, what="feed")
    if not data.strip():
        yield Reject(source=src.origin, reason="empty file")
        return
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a readable feed ({problem})" if problem else "feed has no entries"
        yield Reject(source=src.origin, reason=reason)
        return
    feed_title = parsed.feed.get("title")
    for i, entry in enumerate(parsed.entries, 1):
        position = f"entry {i}"
        text = _entry_text(entry)
        if not text.strip():
            yield Reject(source=src.origin, position=position, reason="entry has no content or summary")
            continue
        yield admit(
            Draft(
                text=text,
                title=entry.get("title"),
                url=entry.get("link"),
                source=feed_title,
                published=entry.get("published_parsed") or entry.get("updated_parsed")
                or entry.get("published") or entry.get("updated"),
            ),
            options, origin=f"{src.origin}#{position}", source=src.origin, position=position,
        )


def _entry_text(entry) -> str:
    """The longest of the entry's content blocks and its summary, as plain text."""
    candidates = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or []]
    detail = entry.get("summary_detail") or {}
    if entry.get("summary"):
        candidates.append((entry["summary"], detail.get("type") or "text/html"))
    best = ""
    for value, mime in candidates:
        text = html_to_text(value) if "html" in mime or "<" in value else value
        if len(text.strip()) > len(best.strip()):
            best = text
    return best
