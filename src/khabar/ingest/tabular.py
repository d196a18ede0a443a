"""CSV and TSV: one row per article, the header names the columns (``ReadOptions.fields``).

Streamed row by row. Column names match exactly, else ignoring case. A file without the text
column is rejected as a whole, the reason naming the columns it has. Positions are the line where
a row starts ("line 2" is the first row after the header).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from ..records import Article, Reject
from .decode import (
    DAMAGE_ERRORS,
    UTF8_OR_CP1252,
    Damaged,
    describe_damage,
    stream_encoding,
)
from .inputs import Input
from .jsonl import object_article
from .options import ReadOptions


def read_csv(src: Input, options: ReadOptions) -> Iterator[Article | Reject]:
    yield from _read(src, options, delimiter=",")


def read_tsv(src: Input, options: ReadOptions) -> Iterator[Article | Reject]:
    yield from _read(src, options, delimiter="\t")


def _read(src: Input, options: ReadOptions, delimiter: str) -> Iterator[Article | Reject]:
    head = src.head(1 << 16)
    if not head.strip():
        yield Reject(source=src.origin, reason="empty file")
        return
    encoding = stream_encoding(head)
    # csv's per-field limit (128 KiB by default) is process-wide; raise it so a long article in
    # one cell is judged by max_chars like every other input, not by a csv parse error.
    csv.field_size_limit(max(csv.field_size_limit(), options.max_chars * 2))
    with src.open() as raw:
        errors = UTF8_OR_CP1252 if encoding == "utf-8" else "replace"
        text = io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline="")
        reader = csv.reader(text, delimiter=delimiter)
        try:
            header = next(reader, None)
        except (csv.Error, *DAMAGE_ERRORS) as exc:
            raise Damaged("line 1", describe_damage(exc)) from exc
        if not header:
            yield Reject(source=src.origin, reason="empty file")
            return
        header = [h.strip().lstrip("\ufeff") for h in header]
        columns = _columns(header, options.fields)
        if "text" not in columns:
            found = ", ".join(h for h in header if h) or "none"
            yield Reject(
                source=src.origin, position="line 1",
                reason=f"no text column {options.fields['text']!r} (columns found: {found})",
            )
            return
        rows = 0
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield Reject(source=src.origin, position=f"line {start}", reason=f"bad csv row: {exc}")
                continue
            except DAMAGE_ERRORS as exc:
                raise Damaged(f"line {start}", describe_damage(exc)) from exc
            if not any(cell.strip() for cell in row):
                continue
            rows += 1
            record = {options.fields[key]: row[i] if i < len(row) else None for key, i in columns.items()}
            yield object_article(
                record, options, origin=f"{src.origin}:line {start}", source=src.origin, position=f"line {start}"
            )
        if rows == 0:
            yield Reject(source=src.origin, reason="no rows after the header")


def _columns(header: list[str], fields: dict[str, str]) -> dict[str, int]:
    """Which column index holds each field (exact name first, then ignoring case)."""
    exact = {h: i for i, h in reversed(list(enumerate(header)))}
    folded = {h.casefold(): i for i, h in reversed(list(enumerate(header)))}
    out = {}
    for key, name in fields.items():
        if name in exact:
            out[key] = exact[name]
        elif name.casefold() in folded:
            out[key] = folded[name.casefold()]
    return out
