"""Plain text and Markdown files: one file, one article.

An optional YAML front matter block (``---`` lines) gives title, url, source, published and id
(keys named as in ``ReadOptions.fields``; ``date`` also works for published). Without one, the
title is the first line when it stands alone and reads like a headline (or a Markdown ``#``
heading). Markdown is reduced to plain text: markers, link targets and images go, text stays.

Size: a text file is read up to 4 bytes per allowed character (the UTF-8 maximum) and no further.
A 50 MB file is rejected from its size, with the limit, without being read; when the size is not
known in advance (inside a .gz), reading stops at ``4 * max_chars`` bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from ..records import Article, Reject
from .admit import Draft, admit, too_long
from .decode import TooLarge, decode
from .inputs import Input
from .options import ReadOptions

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_MD_CODE = re.compile(r"`([^`]+)`")
_MD_QUOTE = re.compile(r"^>[ \t]?", re.M)
_MD_RULE = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", re.M)
_HEADLINE_END = re.compile(r"[.!?:;,\"'\u201d]$")


def read(src: Input, options: ReadOptions, markdown: bool = False) -> Iterator[Article | Reject]:
    limit = options.max_chars * 4
    try:
        data = src.read(limit, what="text")
    except TooLarge:
        size = f"{src.size:,} bytes" if src.size is not None else f"more than {limit:,} bytes"
        yield Reject(
            source=src.origin,
            reason=f"text too long: {size}, over the limit of {options.max_chars:,} characters (max_chars)",
        )
        return
    if not data.strip():
        yield Reject(source=src.origin, reason="empty file")
        return
    text = decode(data)
    if len(text) > options.max_chars * 2:
        yield Reject(source=src.origin, reason=too_long(len(text), options.max_chars))
        return
    yield admit(parse_text(text, options, markdown), options, origin=src.origin, source=src.origin)


def parse_text(text: str, options: ReadOptions, markdown: bool = False) -> Draft:
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac line ends
    meta, body = front_matter(text)
    f = options.fields
    title = meta.get(f["title"])
    if markdown:
        heading = _MD_HEADING.search(body)
        if title is None and heading and not body[: heading.start()].strip():
            title = heading.group(1)
        body = markdown_to_text(body)
    elif title is None:
        title = _headline(body)
    published = meta.get(f["published"], meta.get("date"))
    return Draft(
        text=body,
        title=str(title) if title is not None else None,
        url=_str(meta.get(f["url"])),
        source=_str(meta.get(f["source"])),
        published=published,
        id=_str(meta.get(f["id"])),
    )


def front_matter(text: str) -> tuple[dict, str]:
    """(metadata, body) — metadata is empty when there is no valid YAML mapping up front."""
    text = text.lstrip("\ufeff")
    m = _FRONT.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(meta, dict):
        return {}, text
    return {str(k): v for k, v in meta.items()}, text[m.end() :]


def markdown_to_text(md: str) -> str:
    md = _MD_HEADING.sub(r"\1", md)
    md = _MD_RULE.sub("", md)
    md = _MD_IMAGE.sub("", md)
    md = _MD_LINK.sub(r"\1", md)
    md = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3), md)
    md = _MD_CODE.sub(r"\1", md)
    return _MD_QUOTE.sub("", md)


def _headline(body: str) -> str | None:
    """The first line, when it is short, stands alone (blank line after) and does not end a sentence."""
    parts = body.strip().split("\n", 2)
    if len(parts) < 3 or parts[1].strip():
        return None
    first = parts[0].strip()
    if not first or len(first) > 200 or _HEADLINE_END.search(first) or not parts[2].strip():
        return None
    return first


def _str(value: object) -> str | None:
    return None if value is None else str(value)
