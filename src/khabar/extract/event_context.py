"""When and where an event happened: the time expression and location phrase governing its
clause, else the publication date / the article's main place (flagged as inferred)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from spacy.tokens import Doc, Span, Token

from ..records import Place, Time

DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
PLACE_PREPS = {"in", "near", "at", "outside", "around", "inside", "across", "throughout", "on", "from", "into", "off", "along", "within", "north", "south", "east", "west"}


def date_of_value(value: str | None) -> tuple[str, str] | None:
    """A TIMEX3 value as (date, precision): '2014-06-15' day, '2014-06' month, '2014' year."""
    if not value:
        return None
    m = DATE_VALUE.match(value)
    if not m:
        return None
    year, month, day = m.groups()
    if day:
        return f"{year}-{month}-{day}", "day"
    if month:
        return f"{year}-{month}", "month"
    return year, "year"


def _root_token(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _distance_to(tok: Token, trigger: Token, limit: int = 6) -> int | None:
    """Steps from ``tok`` up its heads to ``trigger`` or to a verb governing the trigger."""
    governing = {t.i for t in _ancestors_incl(trigger)}
    cur, steps = tok, 0
    while steps <= limit:
        if cur.i in governing:
            # attached to an ancestor of the trigger: further away the higher it hangs
            return steps + _depth_between(trigger, cur)
        if cur.head is cur:
            return None
        cur = cur.head
        steps += 1
    return None


def _ancestors_incl(tok: Token, limit: int = 4) -> list[Token]:
    out = [tok]
    cur = tok
    for _ in range(limit):
        # stop at a finite clause boundary that is not a complement chain
        if cur.head is cur or cur.dep_ not in ("xcomp", "ccomp", "conj", "dobj", "pobj", "prep", "acl", "relcl"):
            break
        cur = cur.head
        out.append(cur)
    return out


def _depth_between(lower: Token, upper: Token) -> int:
    d, cur = 0, lower
    while cur.i != upper.i and cur.head is not cur and d < 10:
        cur, d = cur.head, d + 1
    return d


class ContextIndex:
    """Times and place mentions bucketed by sentence, built once per article (linear)."""

    def __init__(self, doc: Doc, times: list[Time], places: list[Place], published: str | None):
        self.doc = doc
        self.sent_starts = [s.start_char for s in doc.sents]
        self.times_by_sent: dict[int, list[tuple[Token, Time]]] = {}
        for t in times:
            if t.type not in ("DATE", "TIME") or date_of_value(t.value) is None:
                continue
            root = _root_token(doc, t.start, t.end)
            if root is not None:
                self.times_by_sent.setdefault(self._sent_index(t.start), []).append((root, t))
        self.places_by_sent: dict[int, list[tuple[Token, Place]]] = {}
        counts: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        for p in places:
            for m in p.mentions:
                root = _root_token(doc, m.start, m.end)
                if root is not None:
                    self.places_by_sent.setdefault(self._sent_index(m.start), []).append((root, p))
                counts[p.id] += 1
                first_seen[p.id] = min(first_seen.get(p.id, m.start), m.start)
        # the article's main place: most mentioned, ties to the earliest
        self.main_place = min(counts, key=lambda pid: (-counts[pid], first_seen[pid])) if counts else None
        pub = date_of_value((published or "")[:10])
        self.published = pub[0] if pub else None

    def _sent_index(self, offset: int) -> int:
        return max(0, bisect_left(self.sent_starts, offset + 1) - 1)

    def date(self, trigger: Token, sent: Span) -> tuple[str | None, str]:
        best = None
        for root, t in self.times_by_sent.get(self._sent_index(sent.start_char), []):
            d = _distance_to(root, trigger)
            if d is not None and (best is None or d < best[0]):
                best = (d, t)
        if best is not None:
            value = date_of_value(best[1].value)
            if value:
                return value
        if self.published:
            return self.published, "inferred"
        return None, "unknown"

    def place(self, trigger: Token, sent: Span, exclude: set[int]) -> tuple[str | None, bool]:
        """Place id and whether it was inferred. ``exclude``: token ids of actor slots (a
        country named as the target of an attack is not where it happened, unless via a prep)."""
        best = None
        for root, p in self.places_by_sent.get(self._sent_index(sent.start_char), []):
            via_prep = root.head.dep_ == "prep" or (root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS)
            if root.dep_ == "pobj" and root.head.lower_ not in PLACE_PREPS:
                continue
            if root.i in exclude and not via_prep:
                continue
            d = _distance_to(root, trigger)
            if d is not None and via_prep and (best is None or d < best[0]):
                best = (d, p)
        if best is not None:
            return best[1].id, False
        if self.main_place is not None:
            return self.main_place, True
        return None, False
