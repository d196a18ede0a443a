"""Direct-quote spans from quotation marks, before any parsing.

Pairs marks by type (“ ” „ « » "  `` '' and single ‘ ’ ' `), lets one quote run over several
paragraphs when each paragraph reopens it (the news convention: opening mark at the start of every
paragraph, closing mark only at the end), and bounds every unbalanced quote to its paragraph so
that one stray mark never swallows the rest of the article. Nested quotes (single marks inside
double ones, or the reverse) stay part of the outer quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Double marks: explicit openers, explicit closers, and the ambiguous straight ones whose role
# is read from the characters around them.
_DOUBLE = re.compile(r"``|''|[\"“”„«»]")
_SINGLE = re.compile(r"[‘’'`‚]")
_OPENERS = {"“", "„", "«", "``"}
_CLOSERS = {"”", "»"}
_AMBIGUOUS = {'"', "''"}
MAX_WARNINGS = 5
_OPEN_BEFORE = set(" \t\n([{—–-/:;,")


@dataclass
class QuoteSpan:
    """One direct quote. ``start``/``end`` delimit the words (marks excluded); ``outer_*``
    include the marks. ``bounded`` is set when no closing mark was found."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    bounded: bool = False
    paragraphs: int = 1
    inner: list[tuple[int, int]] = field(default_factory=list)

    def contains(self, start: int, end: int) -> bool:
        return self.outer_start <= start and end <= self.outer_end


def _role(text: str, pos: int, mark: str) -> str:
    """'open', 'close' or 'either' for the mark at ``pos`` from its neighbours."""
    before = text[pos - 1] if pos > 0 else "\n"
    after_pos = pos + len(mark)
    after = text[after_pos] if after_pos < len(text) else "\n"
    opens = before in _OPEN_BEFORE or before in _OPENERS
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    if mark in _OPENERS:
        # a curly opener glued to the previous word and followed by a space is a mistyped closer
        return "close" if (not opens and after.isspace()) else "open"
    if mark in _CLOSERS:
        return "open" if (opens and not after.isspace() and before.isspace()) else "close"
    if opens and not after.isspace():
        return "open"
    if closes:
        return "close"
    return "either"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def find_quotes(text: str, warnings: list[str] | None = None) -> list[QuoteSpan]:
    """All direct quotes of ``text`` in order; problems are appended to ``warnings``."""
    sink = warnings if warnings is not None else []
    warnings = []  # collected here, summarized below so a messy article gets a few lines
    quotes: list[QuoteSpan] = []
    paragraphs = _paragraphs(text)
    open_at: int | None = None  # outer start of the quote being read
    open_len = 0
    n_paras = 1
    for index, (p_start, p_end) in enumerate(paragraphs):
        marks = [(m.start(), m.group()) for m in _DOUBLE.finditer(text, p_start, p_end)]
        if open_at is not None and marks and marks[0][0] == p_start and _role(text, p_start, marks[0][1]) != "close":
            marks = marks[1:]  # the reopening mark of a multi-paragraph quote
            n_paras += 1
        for pos, mark in marks:
            role = _role(text, pos, mark)
            if open_at is None:
                if role == "close":
                    warnings.append(f"unbalanced closing quotation mark at character {pos}")
                    continue
                open_at, open_len, n_paras = pos, len(mark), 1
                continue
            if role == "open" and mark in _OPENERS and text[pos - 1 : pos].isspace() and n_paras == 1 and _has_closer_after(text, pos, p_end):
                # a new opener while one is open: the earlier quote was never closed
                warnings.append(f"unbalanced quotation mark at character {open_at}: quote bounded")
                quotes.append(_make(text, open_at, open_len, pos, 0, n_paras, bounded=True))
                open_at, open_len, n_paras = pos, len(mark), 1
                continue
            quotes.append(_make(text, open_at, open_len, pos, len(mark), n_paras))
            open_at = None
        if open_at is not None:
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            continues = False
            if nxt is not None:
                first = _DOUBLE.match(text, nxt[0])
                continues = bool(first) and _role(text, nxt[0], first.group()) != "close" and _closes_later(text, paragraphs, index + 1)
            if not continues:
                warnings.append(
                    f"unbalanced quotation mark at character {open_at}: quote bounded to its paragraph"
                )
                quotes.append(_make(text, open_at, open_len, p_end, 0, n_paras, bounded=True))
                open_at = None
    for quote in quotes:
        quote.inner = _single_quotes(text, quote.start, quote.end)
    quotes.extend(_top_level_single(text, paragraphs, quotes))
    quotes.sort(key=lambda q: q.outer_start)
    if len(warnings) > MAX_WARNINGS:
        sink.extend(warnings[: MAX_WARNINGS - 1])
        sink.append(f"... and {len(warnings) - MAX_WARNINGS + 1} more unbalanced quotation marks")
    else:
        sink.extend(warnings)
    return [q for q in quotes if q.end > q.start]


def _has_closer_after(text: str, pos: int, p_end: int) -> bool:
    """True when a closing double mark follows ``pos`` in the paragraph (so ``pos`` really
    opens a new quote rather than closing the current one)."""
    for m in _DOUBLE.finditer(text, pos + 1, p_end):
        if _role(text, m.start(), m.group()) == "close":
            return True
    return False


def _closes_later(text: str, paragraphs: list[tuple[int, int]], index: int) -> bool:
    """Whether a multi-paragraph quote reopened at paragraph ``index`` is closed eventually by a
    paragraph that does not reopen the quote again: guards against runaway quotes."""
    for p_start, p_end in paragraphs[index : index + 40]:
        marks = [m for m in _DOUBLE.finditer(text, p_start, p_end)]
        if not marks or marks[0].start() != p_start:
            return False
        if len(marks) % 2 == 0 or any(_role(text, m.start(), m.group()) == "close" for m in marks[1:]):
            return True
    return False


def _make(text: str, outer_start: int, open_len: int, close_pos: int, close_len: int,
          paragraphs: int, bounded: bool = False) -> QuoteSpan:
    start, end = _trim(text, outer_start + open_len, close_pos)
    return QuoteSpan(start, end, outer_start, close_pos + close_len, bounded, paragraphs)


def _single_roles(text: str, start: int, end: int) -> list[tuple[int, str]]:
    out = []
    for m in _SINGLE.finditer(text, start, end):
        pos, mark = m.start(), m.group()
        before = text[pos - 1] if pos > 0 else " "
        after = text[pos + 1] if pos + 1 < len(text) else " "
        if before.isalnum() and after.isalpha():
            continue  # apostrophe inside a word: don't, Clinton’s
        if (before.isspace() or before in _OPEN_BEFORE or before in "“\"") and after.isalpha():
            if mark in "‘'`‚":
                out.append((pos, "open"))
        elif mark in "’'" and not before.isspace() and not after.isalnum():
            out.append((pos, "close"))
    return out


def _pairs(roles: list[tuple[int, str]]) -> list[tuple[int, int]]:
    pairs, opened = [], None
    for pos, role in roles:
        if role == "open" and opened is None:
            opened = pos
        elif role == "close" and opened is not None:
            pairs.append((opened, pos))
            opened = None
    return pairs


def _single_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(a + 1, b) for a, b in _pairs(_single_roles(text, start, end))]


def _top_level_single(text: str, paragraphs: list[tuple[int, int]], doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    """Single-mark quotes outside every double quote (headline style: ‘not guilty’)."""
    found = []
    for p_start, p_end in paragraphs:
        roles = [r for r in _single_roles(text, p_start, p_end)
                 if not any(q.outer_start <= r[0] < q.outer_end for q in doubles)]
        for a, b in _pairs(roles):
            # a straight apostrophe can end a plural possessive (the Clintons' plan): demand the
            # quote to be short and not to end right before a lower-case noun phrase continuation
            if text[a] == "'" and (b - a > 300):
                continue
            if any(q.outer_start < b and a < q.outer_end for q in doubles):
                continue
            s, e = _trim(text, a + 1, b)
            found.append(QuoteSpan(s, e, a, b + 1))
    return found
