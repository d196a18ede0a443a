"""WARC and WARC.gz web archives (warcio): each html response record goes to the html reader.

Other records (requests, metadata, images, revisits) are skipped. Positions are "record N" (the
Nth record of the file, counting all kinds); origins ``path#record N``. A truncated or corrupt
archive keeps the articles read before the damage, then gives a Reject at the damaged record.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..records import Article, Reject
from .decode import Damaged, TooLarge, decode, describe_damage, read_bounded
from .html import html_article
from .inputs import Input
from .options import ReadOptions

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Uncompressed WARCs end records with blank lines that are not counted in the record length.
_TRAILING_BLANKS = 8


def read(src: Input, options: ReadOptions) -> Iterator[Article | Reject]:
    from warcio.archiveiterator import ArchiveIterator

    found = 0
    complete_end = 0  # byte offset where the last complete record ends
    with src.open() as f:
        archive = ArchiveIterator(f, arc2warc=True)
        records = iter(archive)
        n = 0
        while True:
            n += 1
            position = f"record {n}"
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as exc:  # warcio fails in many ways on damage (ArchiveLoadFailed, ...)
                raise Damaged(position, describe_damage(exc)) from exc
            article = None
            if _is_html_response(record):
                found += 1
                url = record.rec_headers.get_header("WARC-Target-URI")
                try:
                    body = read_bounded(record.content_stream(), options.max_bytes, what="html record")
                except TooLarge as exc:
                    yield Reject(source=src.origin, position=position, reason=str(exc))
                    body = None
                except Damaged as exc:
                    raise Damaged(position, exc.reason) from exc
                if body is not None:
                    article = html_article(
                        _decode(body, _mime(record)), options,
                        origin=f"{src.origin}#{position}", source=src.origin, position=position, url=url,
                    )
            try:
                archive.read_to_end()
            except Exception as exc:
                raise Damaged(position, describe_damage(exc)) from exc
            # warcio stops quietly at a truncated record: a record whose payload came up short,
            # or bytes left after the last complete record, mean the archive is damaged there.
            missing = getattr(record.raw_stream, "limit", 0) or 0
            if missing > 0:
                raise Damaged(position, f"truncated or corrupt data (record is {missing:,} bytes short)")
            if article is not None:
                yield article
            complete_end = archive.get_record_offset() + archive.get_record_length()
    if src.size is not None and src.size - complete_end > _TRAILING_BLANKS:
        raise Damaged(
            f"record {n}",
            f"truncated or corrupt data ({src.size - complete_end:,} bytes after the last complete record)",
        )
    if found == 0 and n == 1:
        yield Reject(source=src.origin, reason="empty file or not a WARC archive")
    elif found == 0:
        yield Reject(source=src.origin, reason="no html response records in the archive")


def _mime(record) -> str:
    return (record.http_headers.get_header("Content-Type") or "").lower()


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    return any(t in _mime(record) for t in _HTML_TYPES)


def _decode(body: bytes, mime: str) -> str:
    if "charset=" in mime:
        charset = mime.split("charset=", 1)[1].split(";")[0].strip().strip("\"'")
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(body)
