"""Bytes in, text out: bounded reads, binary sniffing and encoding detection.

Every reader gets its bytes through `read_bounded`, so no input is read into memory past the
limit that applies to it, and damage in a compressed stream (a truncated gzip, a bad CRC)
surfaces as one `Damaged` exception carrying the position where reading stopped.
"""

from __future__ import annotations

import codecs
import zlib
from typing import BinaryIO

from charset_normalizer import from_bytes

# Exceptions that mean "the bytes are damaged", raised by gzip/zlib/zipfile/warcio while reading.
# EOFError is what gzip raises on a truncated stream.
try:
    from zipfile import BadZipFile
except ImportError:  # pragma: no cover - zipfile is in the standard library
    BadZipFile = OSError  # type: ignore[assignment,misc]

DAMAGE_ERRORS: tuple[type[BaseException], ...] = (EOFError, zlib.error, BadZipFile, OSError)

_CHUNK = 1 << 16

# Magic numbers of common binary formats, so a reject says what the file is, not only "binary".
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"RIFF", "RIFF media file"),
    (b"\x7fELF", "executable (ELF)"),
    (b"MZ", "executable (Windows)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"PAR1", "Parquet file"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media file"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters that never occur in text files (tab, newlines, form feed, escape do).
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13, 27}


class Damaged(Exception):
    """The input is truncated or corrupt at ``position``; what was read before it is kept."""

    def __init__(self, position: str | None, reason: str):
        super().__init__(reason)
        self.position, self.reason = position, reason


class TooLarge(Exception):
    """The input is over a size limit; reading stopped at the limit."""


def _cp1252_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    # Streams (jsonl, csv) are decoded as UTF-8 line by line; a stray legacy byte in an otherwise
    # UTF-8 file is almost always cp1252 (Windows editors), so decode it as that, not as U+FFFD.
    bad = err.object[err.start : err.end]
    return bytes(bad).decode("cp1252", errors="replace"), err.end


UTF8_OR_CP1252 = "khabar-cp1252"
codecs.register_error(UTF8_OR_CP1252, _cp1252_fallback)


def describe_damage(exc: BaseException) -> str:
    text = str(exc) or exc.__class__.__name__
    return f"truncated or corrupt data ({text})"


def read_bounded(stream: BinaryIO, limit: int, *, size: int | None = None, what: str = "input") -> bytes:
    """Read the whole stream, but never more than ``limit`` bytes (+1 to detect the overflow).

    Raises `TooLarge` naming the size (when known) and the limit, or `Damaged` with the byte
    position where a compressed stream broke.
    """
    if size is not None and size > limit:
        raise TooLarge(f"{what} too large: {size:,} bytes, over the limit of {limit:,} bytes")
    parts: list[bytes] = []
    total = 0
    try:
        while total <= limit:
            chunk = stream.read(min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
    except DAMAGE_ERRORS as exc:
        raise Damaged(f"byte {total}", describe_damage(exc)) from exc
    if total > limit:
        known = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
        raise TooLarge(f"{what} too large: {known}, over the limit of {limit:,} bytes")
    return b"".join(parts)


def binary_kind(head: bytes) -> str | None:
    """What binary format ``head`` (the first few KB) looks like, or None when it looks like text."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            # "MZ"/"BZh"/"ID3" are short magics: only trust them when the rest is not text either.
            if len(magic) >= 3 and magic not in (b"BZh", b"ID3") or _looks_binary(head):
                return kind
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    return "binary data" if _looks_binary(head) else None


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls / len(head) > 0.05


def decode(data: bytes) -> str:
    """Decode a whole document: BOM, else strict UTF-8, else charset-normalizer's best guess.

    Legacy encodings (cp1252, latin-1, ...) are decoded, never rejected; as a last resort
    undecodable bytes become U+FFFD.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding = _guess(data)
    if encoding:
        return data.decode(encoding, errors="replace")
    return data.decode("utf-8", errors=UTF8_OR_CP1252)


def _guess(data: bytes) -> str | None:
    """charset-normalizer's best guess, preferring cp1252 among equally good single-byte guesses.

    Single-byte encodings often tie (a cp1252 text decodes as plausibly in cp1250 or cp1257);
    khabar reads English news, where the Windows Western encoding is by far the likeliest.
    """
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    for m in matches:
        if (
            "cp1252" in m.could_be_from_charset
            and m.chaos <= best.chaos + 0.01
            and m.coherence >= best.coherence - 0.05
        ):
            return "cp1252"
    return best.encoding


def stream_encoding(head: bytes) -> str:
    """The encoding to stream a line-oriented file with, judged from its first bytes.

    Returns a codec name; UTF-8 (the common case) is decoded with the cp1252 fallback handler
    (`UTF8_OR_CP1252`), so a legacy byte past the sample still decodes sensibly.
    """
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    try:
        # final=False: the sample may end in the middle of a multi-byte character.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    return _guess(head) or "utf-8"


def decode_line(line: bytes, encoding: str) -> str:
    if encoding == "utf-8":
        return line.decode("utf-8", errors=UTF8_OR_CP1252)
    return line.decode(encoding, errors="replace")
