"""JSON and JSON Lines: one object per article, field names from ``ReadOptions.fields``.

A ``.json`` file holds one object, a list of objects, or an object whose only list of objects
holds the articles (``{"articles": [...]}``); it is read whole, up to ``max_bytes``. A ``.json``
file that is really json lines (one object per line) is read as json lines.
A ``.jsonl`` file is streamed line by line: an invalid line becomes a Reject with its line number
("line 7") and the rest is read; blank lines are skipped. Ids are taken from the input only when
it has the id field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..records import Article, Reject
from .admit import Draft, admit
from .decode import (
    DAMAGE_ERRORS,
    Damaged,
    decode,
    decode_line,
    describe_damage,
    stream_encoding,
)
from .html import html_to_text
from .inputs import Input
from .options import ReadOptions


def read_json(src: Input, options: ReadOptions) -> Iterator[Article | Reject]:
    data = src.read(options.max_bytes, what="json file")
    if not data.strip():
        yield Reject(source=src.origin, reason="empty file")
        return
    try:
        value = json.loads(decode(data))
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and data.lstrip().startswith(b"{"):
            # One object per line in a file named .json: read it as the json lines it is.
            yield from read_jsonl(src, options)
            return
        yield Reject(source=src.origin, position=f"line {exc.lineno}", reason=f"invalid JSON: {exc.msg} (column {exc.colno})")
        return
    if isinstance(value, dict) and options.fields["text"] not in value:
        # An API dump: {"articles": [...]} holding the list of objects under one key.
        lists = [v for v in value.values() if isinstance(v, list) and v and all(isinstance(i, dict) for i in v)]
        if len(lists) == 1:
            value = lists[0]
    if isinstance(value, dict):
        yield object_article(value, options, origin=src.origin, source=src.origin)
    elif isinstance(value, list):
        if not value:
            yield Reject(source=src.origin, reason="empty JSON list")
        for i, item in enumerate(value, 1):
            yield object_article(item, options, origin=f"{src.origin}#item {i}", source=src.origin, position=f"item {i}")
    else:
        yield Reject(source=src.origin, reason=f"JSON holds a {type(value).__name__}, not an object or a list of objects")


def read_jsonl(src: Input, options: ReadOptions) -> Iterator[Article | Reject]:
    head = src.head(1 << 16)
    encoding = stream_encoding(head)
    seen = False
    with src.open() as f:
        n = 0
        while True:
            n += 1
            try:
                raw = f.readline(options.max_bytes + 1)
            except DAMAGE_ERRORS as exc:
                raise Damaged(f"line {n}", describe_damage(exc)) from exc
            if not raw:
                break
            if len(raw) > options.max_bytes and not raw.endswith(b"\n"):
                yield Reject(source=src.origin, position=f"line {n}", reason=f"line longer than the limit of {options.max_bytes:,} bytes (max_bytes)")
                _skip_line(f, n)
                continue
            line = decode_line(raw, encoding).strip().lstrip("\ufeff")
            if not line:
                continue
            seen = True
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Reject(source=src.origin, position=f"line {n}", reason=f"invalid JSON: {exc.msg} (column {exc.colno})")
                continue
            yield object_article(value, options, origin=f"{src.origin}:line {n}", source=src.origin, position=f"line {n}")
    if not seen:
        yield Reject(source=src.origin, reason="empty file")


def _skip_line(f, n: int) -> None:
    """Read past the rest of an over-long line, in chunks (never holding it in memory)."""
    try:
        while True:
            chunk = f.readline(1 << 20)
            if not chunk or chunk.endswith(b"\n"):
                return
    except DAMAGE_ERRORS as exc:
        raise Damaged(f"line {n}", describe_damage(exc)) from exc


def object_article(
    value: object, options: ReadOptions, *, origin: str, source: str, position: str | None = None
) -> Article | Reject:
    """Article from one JSON object (also used for csv rows), or a Reject naming what is missing."""
    if not isinstance(value, dict):
        return Reject(source=source, position=position, reason=f"expected a JSON object, found a {type(value).__name__}")
    f = options.fields
    text = value.get(f["text"])
    if text is None:
        found = ", ".join(map(str, value)) or "none"
        return Reject(source=source, position=position, reason=f"no {f['text']!r} field (fields found: {found})")
    if not isinstance(text, str):
        return Reject(source=source, position=position, reason=f"field {f['text']!r} is a {type(text).__name__}, not text")
    if "<" in text and _looks_like_html(text):
        text = html_to_text(text)
    return admit(
        Draft(
            text=text,
            title=_scalar(value.get(f["title"])),
            url=_scalar(value.get(f["url"])),
            source=_scalar(value.get(f["source"])),
            published=value.get(f["published"]),
            id=_scalar(value.get(f["id"])),
        ),
        options, origin=origin, source=source, position=position,
    )


def _looks_like_html(text: str) -> bool:
    lowered = text[:2000].lower()
    return any(tag in lowered for tag in ("<p>", "<p ", "<br", "<div", "</p>", "<html"))


def _scalar(value: object) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    return str(value)
