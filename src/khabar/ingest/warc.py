"""WARC and WARC.gz web archives (warcio): each html response record goes to the html reader.

Other records (requests, metadata, images, revisits) are skipped. Positions are "record N" (the
Nth record of the file, counting all kinds); origins ``path#record N``. A truncated or corrupt
archive keeps the articles read before the damage, then gives a Reject at the damaged record.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..records import Article, Reject
from .decode import DAMAGE_ERRORS, Damaged, TooLarge, decode, describe_damage, read_bounded
from .html import html_article
from .inputs import Input
from .options import ReadOptions

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read(src: Input, options: ReadOptions) -> Iterator[Article | Reject]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    damage = (*DAMAGE_ERRORS, ArchiveLoadFailed, ValueError)
    found = 0
    with src.open() as f:
        records = iter(ArchiveIterator(f, arc2warc=True))
        n = 0
        while True:
            n += 1
            position = f"record {n}"
            try:
                record = next(records)
            except StopIteration:
                break
            except damage as exc:
                raise Damaged(position, describe_damage(exc)) from exc
            if record.rec_type != "response" or record.http_headers is None:
                continue
            mime = (record.http_headers.get_header("Content-Type") or "").lower()
            if not any(t in mime for t in _HTML_TYPES):
                continue
            found += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            try:
                body = read_bounded(record.content_stream(), options.max_bytes, what="html record")
            except TooLarge as exc:
                yield Reject(source=src.origin, position=position, reason=str(exc))
                continue
            except Damaged as exc:
                raise Damaged(position, exc.reason) from exc
            except damage as exc:
                raise Damaged(position, describe_damage(exc)) from exc
            html = _decode(body, mime)
            yield html_article(
                html, options, origin=f"{src.origin}#{position}", source=src.origin, position=position, url=url
            )
    if found == 0 and n == 1:
        yield Reject(source=src.origin, reason="empty file or not a WARC archive")
    elif found == 0:
        yield Reject(source=src.origin, reason="no html response records in the archive")


def _decode(body: bytes, mime: str) -> str:
    if "charset=" in mime:
        charset = mime.split("charset=", 1)[1].split(";")[0].strip().strip("\"'")
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(body)
