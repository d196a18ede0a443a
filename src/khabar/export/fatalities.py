"""Fatalities stated in an event's evidence sentence ("killed at least 12 people", "three
soldiers died", "the death toll rose to 40"), for the ACLED ``fatalities`` column.

Only explicit numbers count (digits or number words, "a dozen"); vague amounts ("dozens",
"several") give nothing, following the rule that khabar never invents a value.
"""

from __future__ import annotations

import re

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
WORDS = {w: i for i, w in enumerate(_UNITS)} | _TENS | {"a dozen": 12, "dozen": 12, "a hundred": 100,
                                                       "one hundred": 100}
_WORD_NUM = "|".join(sorted((re.escape(w) for w in WORDS), key=len, reverse=True))
NUM = rf"(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{'|'.join(_TENS)})[- ](?:{'|'.join(_UNITS[1:10])})|{_WORD_NUM})"
_HEDGE = r"(?:at least |more than |over |nearly |almost |about |around |some |up to |as many as )?"
_DEATH = r"(?:killed|dead|died|slain|killing|perished|lost their lives|were killed|have died)"

PATTERNS = [
    # "killed at least 12 people", "killing three"
    re.compile(rf"\bkill(?:ed|ing|s)\s+{_HEDGE}{NUM}\b", re.I),
    # "12 people were killed", "three soldiers died", "40 dead"
    re.compile(rf"\b{_HEDGE}{NUM}\s+(?:[A-Za-z-]+\s+){{0,3}}?(?:were |was |have been |had been |are )?{_DEATH}\b", re.I),
    # "death toll rose to 40", "a toll of 12"
    re.compile(rf"\b(?:death toll|toll)\s+(?:[A-Za-z]+\s+){{0,4}}?(?:to|at|of|reached)\s+{_HEDGE}{NUM}\b", re.I),
]


def _value(token: str) -> int | None:
    token = token.lower().strip()
    if len(token) == 4 and token.isdigit() and 1800 <= int(token) <= 2199:
        return None  # "the 2014 attack killed ...": a year, not a count
    if token.replace(",", "").isdigit():
        return int(token.replace(",", ""))
    if token in WORDS:
        return WORDS[token]
    parts = re.split(r"[- ]", token)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in WORDS:
        return _TENS[parts[0]] + WORDS[parts[1]]
    return None


def stated_fatalities(sentences: list[str]) -> int | None:
    """The largest explicit death count in the sentences, or None when none is stated."""
    best: int | None = None
    for sentence in sentences:
        for pattern in PATTERNS:
            for m in pattern.finditer(sentence):
                n = _value(m.group("n"))
                if n is not None and (best is None or n > best):
                    best = n
    return best
