"""Choosing the reader for an input (by file name, else by sniffing its first bytes) and running it.

Every reader runs under `guarded`: damage (`Damaged`), an over-limit input (`TooLarge`) or an
unexpected failure in a third-party parser becomes a Reject, and the run goes on with the next
input. What a reader yielded before the failure is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..errors import UserError
from ..records import Article, Reject
from . import archive, feed, html, jsonl, tabular, text, warc
from .decode import Damaged, TooLarge, binary_kind
from .inputs import Input
from .options import ReadOptions

Reader = Callable[[Input, ReadOptions], Iterator[Article | Reject]]

READERS: dict[str, Reader] = {
    "text": text.read,
    "markdown": lambda src, options: text.read(src, options, markdown=True),
    "html": html.read,
    "json": jsonl.read_json,
    "jsonl": jsonl.read_jsonl,
    "csv": tabular.read_csv,
    "tsv": tabular.read_tsv,
    "feed": feed.read,
    "warc": warc.read,
    "gz": archive.read_gz,
    "zip": archive.read_zip,
    "tar": archive.read_tar,
}

# Longest suffixes first, so ".warc.gz" wins over ".gz".
SUFFIXES: tuple[tuple[str, str], ...] = (
    (".warc.gz", "warc"), (".arc.gz", "warc"), (".tar.gz", "tar"), (".tgz", "tar"), (".tar", "tar"),
    (".txt", "text"), (".text", "text"), (".md", "markdown"), (".markdown", "markdown"),
    (".html", "html"), (".htm", "html"), (".xhtml", "html"), (".shtml", "html"),
    (".json", "json"), (".jsonl", "jsonl"), (".ndjson", "jsonl"), (".jsonlines", "jsonl"),
    (".csv", "csv"), (".tsv", "tsv"), (".tab", "tsv"),
    (".rss", "feed"), (".atom", "feed"), (".warc", "warc"), (".arc", "warc"),
    (".gz", "gz"), (".zip", "zip"),
)

# What a text format is called in a "binary file (...), not <what>" reject.
_WHAT = {
    "text": "text", "markdown": "text", "html": "html", "json": "json", "jsonl": "json lines",
    "csv": "a table", "tsv": "a table", "feed": "a feed",
}

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_HTML_START = re.compile(rb"^(<!doctype html|<html|<head|<body|<meta|<title|<p[\s>]|<div|<article|<!--)", re.I)


def format_of(name: str) -> str | None:
    lowered = name.lower()
    for suffix, fmt in SUFFIXES:
        if lowered.endswith(suffix):
            return fmt
    return None


def sniff(head: bytes) -> str:
    """Format from content: archives by magic number, then markup and json by their first bytes.

    Returns a reader name, or ``"binary: <kind>"`` for content that is not text.
    """
    if head.startswith(b"\x1f\x8b"):
        return "gz"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"WARC/"):
        return "warc"
    if len(head) > 262 and head[257:262] == b"ustar":
        return "tar"
    kind = binary_kind(head)
    if kind:
        return f"binary: {kind}"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"<?xml") or start.startswith(b"<rss") or start.startswith(b"<feed"):
        return "feed" if _FEED_ROOT.search(head) else "html"
    if _HTML_START.match(start):
        return "html"
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        lines = [ln for ln in start.split(b"\n")[:3] if ln.strip()]
        # Several lines that each open an object: json lines. One object (maybe pretty): json.
        return "jsonl" if len(lines) > 1 and all(ln.lstrip().startswith(b"{") and ln.rstrip().endswith(b"}") for ln in lines[:2]) else "json"
    return "text"


def read_input(src: Input, options: ReadOptions) -> Iterator[Article | Reject]:
    """Articles and rejects of one input, by its format."""
    if src.size == 0:
        yield Reject(source=src.origin, reason="empty file")
        return
    fmt = options.format or format_of(src.name)
    if fmt in _WHAT:
        # Before any reader reads further: a binary file with a text name (a video called
        # .txt) is rejected from its first bytes, not read up to a size limit.
        try:
            kind = binary_kind(src.head(8192))
        except Exception as exc:  # a damaged compressed member can fail already here
            yield Reject(source=src.origin, position="byte 0", reason=f"unreadable ({exc})")
            return
        if kind:
            yield Reject(source=src.origin, reason=f"binary file ({kind}), not {_WHAT[fmt]}")
            return
    if fmt is None:
        try:
            fmt = sniff(src.head(8192))
        except Exception as exc:  # a damaged compressed member fails already here
            yield Reject(source=src.origin, position="byte 0", reason=f"unreadable ({exc})")
            return
        if fmt.startswith("binary: "):
            yield Reject(source=src.origin, reason=f"binary file ({fmt[8:]}), not a known input format")
            return
    yield from guarded(READERS[fmt], src, options)


def guarded(reader: Reader, src: Input, options: ReadOptions) -> Iterator[Article | Reject]:
    try:
        yield from reader(src, options)
    except UserError:
        raise
    except Damaged as exc:
        yield Reject(source=src.origin, position=exc.position, reason=exc.reason)
    except TooLarge as exc:
        yield Reject(source=src.origin, reason=str(exc))
    except Exception as exc:  # one odd input must not stop the run; the reason says what failed
        yield Reject(source=src.origin, reason=f"could not read: {exc.__class__.__name__}: {exc}")
