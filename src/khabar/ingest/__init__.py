"""Readers: every input format becomes the same `Article` record (or a `Reject` with its reason).

``read_sources(sources, options)`` is the one entry point: it walks paths (files, directories,
archives, ``-`` for stdin) and dispatches each file to the reader for its format.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..records import Article, Reject
from .article import article_id, make_article, normalize_text

__all__ = ["ReadOptions", "read_sources", "article_id", "make_article", "normalize_text"]

DEFAULT_FIELDS = {
    "text": "text", "title": "title", "url": "url",
    "published": "published", "id": "id", "source": "source",
}


@dataclass(frozen=True)
class ReadOptions:
    glob: str = "*"
    published: str | None = None  # fallback publication date (``--published``)
    fields: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_FIELDS))
    max_chars: int = 1_000_000


def read_sources(sources: Iterable[str], options: ReadOptions | None = None) -> Iterator[Article | Reject]:
    options = options or ReadOptions()
    for source in sources:
        if source == "-":
            text = sys.stdin.read()
            yield make_article(text, published=options.published, origin="<stdin>")
            continue
        path = Path(source)
        if not path.exists():
            yield Reject(source=source, reason="no such file or directory")
            continue
        files = sorted(p for p in path.rglob(options.glob) if p.is_file()) if path.is_dir() else [path]
        for f in files:
            text = f.read_text(encoding="utf-8", errors="replace")
            yield make_article(text, published=options.published, origin=str(f))
