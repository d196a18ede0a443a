"""Times: recognize time expressions and normalize them to TIMEX3 values (issue 6).

Recognition is rule-based (knowledge/time/rules.yaml over the lexicon in lexicon.yaml): spaCy's
DATE/TIME entities are often wider or narrower than TimeML spans ("in 2007", "the last three
years of his life"), and rules give exact spans for the events stage, which dates each event by
the nearest expression governing its clause. spaCy is used for what rules cannot see: the tense
of the clause (is "Friday" last Friday or next?) and whether a four-digit number is a year.

Values are computed against the publication date (``article.published``). Without one, an
expression that needs it keeps its text and type with value null; "now", "recently" and
durations still get values. Relative expressions such as "the previous day" or "a year earlier"
use the last explicit date mentioned before them (the reference point), else the publication date.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from ..knowledge.time import CompiledRule, TimeKnowledge, load_time_knowledge
from ..records import Time
from ..settings import Settings
from .base import Context
from .timex_normalize import NORMALIZERS, Env, NotATime, Unanchored
from .timex_values import Point

log = logging.getLogger(__name__)

# Month names that are also everyday words: alone they count only as capitalized proper nouns.
AMBIGUOUS_MONTHS = frozenset({"may", "march"})
# spaCy entity labels under which a four-digit number is not a year
NOT_A_YEAR = frozenset({"MONEY", "CARDINAL", "QUANTITY", "PERCENT", "ORDINAL"})
# entity labels of names that may contain a time word ("Theresa May", "USA Today")
NAME_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "GPE", "NORP", "LOC"})
# proper nouns that sit next to a time word without making it a name ("Friday, Sept. 4")
WEEKDAY_NEIGHBOURS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct",
                                "nov", "dec", "est", "edt", "gmt", "utc", "pst", "pdt", "cst", "cdt"})
# words before a year that make it one even when a plural noun follows ("in 2014 elections")
YEAR_PREPOSITIONS = frozenset({"in", "since", "until", "till", "by", "from", "to", "during", "before",
                               "after", "of", "for", "between", "through", "around", "circa"})
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "’ll"})


@dataclass
class Candidate:
    start: int
    end: int
    rule: CompiledRule
    order: int
    groups: dict[str, str | None]


def parse_published(published: str | None) -> date | None:
    """The publication date from an ISO date or datetime; None when absent or unreadable."""
    if not published:
        return None
    text = published.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def find_candidates(text: str, knowledge: TimeKnowledge) -> list[Candidate]:
    """Every rule match, overlaps resolved: longest first, then the rule listed first."""
    found: list[Candidate] = []
    for order, rule in enumerate(knowledge.rules):
        for match in rule.regex.finditer(text):
            start, end = match.span()
            groups = match.groupdict()
            for narrow in ("span", "span2"):
                if groups.get(narrow):
                    if narrow == "span":
                        start, end = match.span(narrow)
                    else:  # day-first clock ("Friday at 10 p.m."): keep the day, drop "at"
                        end = match.end(narrow)
            if end > start:
                groups["_text"] = text[start:end]
                found.append(Candidate(start, end, rule, order, groups))
    found.sort(key=lambda c: (-(c.end - c.start), c.order, c.start))
    taken: list[Candidate] = []
    occupied = bytearray(len(text) + 1)  # 1 where a kept expression already sits
    for cand in found:
        if any(occupied[cand.start:cand.end]):
            continue
        taken.append(cand)
        occupied[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
    taken.sort(key=lambda c: c.start)
    return taken


def _token_at(doc, char: int):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def clause_tense(
    doc, start: int, future_verbs: frozenset[str] = frozenset(), reporting_verbs: frozenset[str] = frozenset(),
) -> str | None:
    """PAST, PRESENT or FUTURE for the verb that governs the token at ``start`` (None if no
    verb). ``future_verbs``: lemmas whose participle points ahead ("scheduled for Friday");
    ``reporting_verbs``: lemmas whose tense is that of the saying, which tells nothing (None)."""
    if doc is None:
        return None
    tok = _token_at(doc, start)
    steps = 0
    while tok is not None and tok.pos_ not in ("VERB", "AUX") and tok.head is not tok and steps < 8:
        tok, steps = tok.head, steps + 1
    if tok is None or tok.pos_ not in ("VERB", "AUX"):
        return None
    if tok.lemma_.lower() in reporting_verbs:
        return None
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & FUTURE_AUX or ("going" in lowers and "to" in lowers):
        return "FUTURE"
    if tok.tag_ == "VBN" and tok.lemma_.lower() in future_verbs:
        return "FUTURE"  # "was postponed to March 3", "the vote, scheduled for Friday"
    if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "PAST"
    if tok.tag_ == "VBN" and (any(a.lemma_ == "have" for a in auxes) or tok.dep_ in ("acl", "amod")):
        return "PAST"  # perfect, or a participle describing the noun: "the year ended March 31"
    if "to" in lowers and tok.tag_ == "VB":
        return "FUTURE"  # "plans to meet Friday", "is due to vote Monday"
    if tok.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "FUTURE"  # present progressive in news is a plan: "is meeting Friday"
    if tok.tag_ in ("VBZ", "VBP"):
        return "PRESENT"
    return None


def _entity_around(span) -> tuple[int, int, str] | None:
    """(start, end, label) of the entity holding every token of ``span``, from the tokens' IOB
    tags: looking through ``doc.ents`` per candidate would be quadratic in a long article."""
    first, doc = span[0], span.doc
    if not first.ent_type_ or any(t.ent_type_ != first.ent_type_ for t in span):
        return None
    start = first.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = span.end
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if any(doc[i].ent_iob_ == "B" for i in range(start + 1, span.end)):
        return None  # the span crosses into a second entity
    return start, end, first.ent_type_


def _inside_a_name(cand: Candidate, doc) -> bool:
    """True when the match is a word of a longer name: "Theresa May", "USA Today", "The Sunday
    Times". Checked with spaCy's entities and, for month names spaCy misses, with the
    neighbouring tokens being proper nouns as well ("Brian May")."""
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    ent = _entity_around(span)
    if ent is not None and ent[2] in NAME_LABELS and ent[1] - ent[0] > len(span):
        return True
    # a month name next to another capitalized proper noun is a person's name ("June Carter");
    # weekdays are not checked this way: "On Monday Obama said" is common news style
    if len(span) == 1 and span[0].pos_ == "PROPN" and cand.rule.id == "date-month":
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        return any(
            t is not None and t.pos_ == "PROPN" and t.is_title and t.ent_type_ not in ("DATE", "TIME")
            and t.lower_ not in WEEKDAY_NEIGHBOURS
            for t in (before, after)
        )
    return False


def _reads_as_year(tok, doc, has_cue: bool) -> bool:
    """Whether a four-digit number is a year, not an amount ("$2000", "2000 were wounded") or
    a number in a name ("Resolution 1973", "Boeing 1900", "Flight 1549")."""
    if tok.ent_type_ in NOT_A_YEAR:
        return False
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if prev is not None and prev.text in ("$", "#", "No.", "no.", "number"):
        return False
    if has_cue:  # "fiscal 1989", "the year 2000", "early 2009": the words say it is a year
        return True
    if prev is not None and prev.tag_ in ("NNP", "NNPS") and prev.ent_type_ != "DATE":
        return False
    if nxt is not None and nxt.ent_type_ == "FAC" and nxt.is_title:
        return False  # a street number: "2010 Main Street"
    if (prev is None or prev.lower_ not in YEAR_PREPOSITIONS) and nxt is not None and (
        nxt.tag_ == "NNS" or nxt.lower_ in ("were", "are", "have")
    ):
        return False
    return True


def plausible(cand: Candidate, doc) -> bool:
    """Checks rules cannot make on their own: a year that spaCy reads as money or a count, a
    month name that is the verb "march" or the modal "may"."""
    if doc is None:
        return True
    g = cand.groups
    if _inside_a_name(cand, doc):
        return False
    if cand.rule.id == "date-year":
        year_start = cand.start + cand.groups["_text"].rfind(g["year"])
        tok = _token_at(doc, year_start)
        if tok is not None and not _reads_as_year(tok, doc, cand.groups["_text"] != g["year"]):
            return False
    if cand.rule.id == "date-month" and g.get("monthname") and g["monthname"].lower() in AMBIGUOUS_MONTHS:
        tok = _token_at(doc, cand.end - len(g["monthname"]))
        if not g["monthname"][0].isupper() or tok is None or tok.pos_ != "PROPN":
            return False
    if cand.rule.id == "date-season" and not (g.get("rel") or g.get("year") or g.get("mod")):
        return False  # a bare "fall" or "spring" is far more often a verb or a noun of its own
    if cand.rule.id == "set-adverb":
        tok = _token_at(doc, cand.start)
        if tok is not None and tok.pos_ == "ADJ":
            return False  # "daily volume", "quarterly dividend": a kind of thing, not a recurrence
    if cand.rule.norm in ("past_ref", "present_ref") and len(cand.groups["_text"].split()) == 1:
        tok = _token_at(doc, cand.start)
        head = tok.head if tok is not None else None
        if head is not None and head is not tok and head.tag_ in ("VBN", "JJ") and head.dep_ in ("amod", "compound"):
            return False  # "a previously announced plan": describes the noun, dates nothing
    if cand.rule.id in ("ref-present-adjective", "ref-past-adjective"):
        tok = _token_at(doc, cand.start)
        if tok is None or tok.dep_ != "amod":
            return False  # "the current" of a river; only "current prices", "recent talks"
    return True


class TimeExtractor:
    """Finds time expressions and gives each a TIMEX3 type and value."""

    name = "times"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings
        self.knowledge = load_time_knowledge(NORMALIZERS)
        self.future_verbs = frozenset(self.knowledge.lexicon["future_verbs"])
        self.reporting_verbs = frozenset(self.knowledge.lexicon["reporting_verbs"])

    def configure(self, nlp) -> None:
        """Nothing to add to the spaCy pipeline: rules run on the text, the parse gives tense."""

    def extract(self, ctx: Context) -> list[Time]:
        return self.find(ctx.article.text, parse_published(ctx.article.published), ctx.doc)

    def find(self, text: str, dct: date | None, doc=None) -> list[Time]:
        """Time expressions of ``text`` normalized against ``dct`` (``doc`` = its spaCy parse)."""
        return [time for time, _ in self.find_explained(text, dct, doc)]

    def find_explained(self, text: str, dct: date | None, doc=None) -> list[tuple[Time, dict]]:
        """Like `find`, each time with how it was found: rule id, the parts the rule read, the
        tense of its clause and the reference point it was resolved against."""
        found: list[tuple[Time, dict]] = []
        ref: Point | None = None
        period_ref: Point | None = None
        for cand in find_candidates(text, self.knowledge):
            if not plausible(cand, doc):
                continue
            tense = clause_tense(doc, cand.start, self.future_verbs, self.reporting_verbs)
            env = Env(dct=dct, tense=tense, ref=ref, lex=self.knowledge, period_ref=period_ref)
            why = {
                "rule": cand.rule.id, "tense": tense, "reference": ref.value if ref else None,
                "parts": {k: v for k, v in cand.groups.items() if v and not k.startswith("_")},
            }
            type_, value = cand.rule.type, None
            try:
                norm = NORMALIZERS[cand.rule.norm](cand.groups, env)
            except NotATime:
                continue
            except Unanchored:
                why["unanchored"] = True
            except Exception as exc:  # one odd expression must not cost the article its times
                log.warning("times: rule %s failed on %r: %s: %s", cand.rule.id,
                            cand.groups["_text"], type(exc).__name__, exc)
                why["error"] = f"{type(exc).__name__}: {exc}"
            else:
                value, type_ = norm.value, norm.type or type_
                if norm.point is not None and value is not None:
                    ref = norm.point
                    if ref.granularity in ("quarter", "half") and (dct is None or ref.day <= dct):
                        period_ref = ref
            time = Time(id=f"t{len(found) + 1}", text=text[cand.start:cand.end], start=cand.start,
                        end=cand.end, type=type_, value=value)
            found.append((time, why))
        return found
