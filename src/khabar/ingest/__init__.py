"""Readers: every input format becomes the same `Article` record, or a `Reject` with its reason.

``read_sources(sources, options)`` is the one entry point: a generator over paths (files,
directories, archives, ``-`` for stdin) that dispatches each file to the reader for its format:

- ``.txt``/``.md`` (text.py), ``.html`` (html.py), ``.json``/``.jsonl`` (jsonl.py),
  ``.csv``/``.tsv`` (tabular.py), ``.rss``/``.atom``/feeds in ``.xml`` (feed.py),
  ``.warc``/``.warc.gz`` (warc.py), ``.gz``/``.zip``/``.tar`` (archive.py);
  other names are sniffed (dispatch.py): text is read as text, binary data is rejected.
- Every article passes the same checks (admit.py): non-empty, at most ``max_chars`` characters,
  an accepted language; the published date is the input's, else ``ReadOptions.published``.

Size: nothing is read into memory past a limit (stdin is spooled to a temporary file first). A plain text file is read up to 4 bytes per
allowed character (``4 * max_chars``, 4 MB by default); a 50 MB text file is rejected from its
size, naming the size and the limit, without being read. Structured documents (html, json, feeds, warc records,
single jsonl lines) are read up to ``max_bytes`` (50 MB); jsonl and csv are streamed, so only
their rows count. Articles over ``max_chars`` (1,000,000 characters) are rejected, not split.

Rejects carry ``source`` (the path, ``archive.zip!member`` or ``<stdin>``), ``position`` ("line 7",
"entry 3", "item 2", "record 4", "byte 1024") and a one-line ``reason``. See docs/ingest.md.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..records import Article, Reject
from .article import article_id, make_article, normalize_text
from .dispatch import read_input
from .inputs import Input, file_input
from .options import DEFAULT_FIELDS, ReadOptions
from .walk import walk

__all__ = [
    "DEFAULT_FIELDS", "ReadOptions", "read_sources", "article_id", "make_article", "normalize_text",
]

STDIN = "<stdin>"


def read_sources(sources: Iterable[str | Path], options: ReadOptions | None = None) -> Iterator[Article | Reject]:
    """Articles and rejects from every source, lazily, in order (directories sorted by path)."""
    options = options or ReadOptions()
    for source in sources:
        if str(source) == "-":
            yield from _read_stdin(options)
            continue
        path = Path(source)
        if path.is_dir():
            for f in walk(path, options):
                yield from _read_file(f, options)
        elif path.is_file():
            yield from _read_file(path, options)
        elif path.exists():
            yield Reject(source=str(source), reason="not a regular file (device, socket or pipe)")
        else:
            yield Reject(source=str(source), reason="no such file or directory")


def _read_file(path: Path, options: ReadOptions) -> Iterator[Article | Reject]:
    try:
        src = file_input(path)
    except OSError as exc:
        yield Reject(source=str(path), reason=f"cannot open: {exc.strerror or exc}")
        return
    try:
        yield from read_input(src, options)
    except PermissionError as exc:
        yield Reject(source=str(path), reason=f"cannot open: {exc.strerror or exc}")


def _read_stdin(options: ReadOptions) -> Iterator[Article | Reject]:
    """Standard input, spooled to a temporary file: readers may read it twice (sniff, then read),
    and a long jsonl stream costs disk, not memory. The format is sniffed from the content.
    """
    with tempfile.TemporaryDirectory(prefix="khabar-stdin-") as tmp:
        path = Path(tmp) / "stdin"
        with open(path, "wb") as out:
            stream = getattr(sys.stdin, "buffer", None)
            if stream is not None:
                shutil.copyfileobj(stream, out, 1 << 20)
            else:  # a text stream (tests, embedding): its text as UTF-8
                for chunk in iter(lambda: sys.stdin.read(1 << 20), ""):
                    out.write(chunk.encode("utf-8"))
        src = Input(
            origin=STDIN, name="", open=lambda: open(path, "rb"), size=path.stat().st_size, path=path
        )
        yield from read_input(src, options)
