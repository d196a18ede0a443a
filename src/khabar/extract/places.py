"""Places: find the toponyms of an article and resolve them against the offline gazetteer.

Recognition (`find_toponyms`):
- spaCy GPE / LOC / FAC entities, minus people's surnames ("Jordan" after "Michael Jordan"),
  adjectives and demonyms ("Sudanese" is an actor adjective, not a place);
- "X province/governorate/region/territory/…" and "the city/province of X", which the model
  often misses or cuts ("Kherson region", "the Beni territory");
- capitalized names the model missed that the gazetteer knows as a country, first-level area,
  curated region or large city;
- the dateline ("NAIROBI (Reuters) —"), which also anchors the resolution.
- places named inside an organization's name ("Fargo Police Department", "Bank of Portugal",
  "Statistics Portugal": `khabar.geo.nested`) and a place name leading an unknown facility;
- later mentions of a name already read as a place.
- place entities the gazetteer lacks (streets, buildings, neighbourhoods), which are placed at
  the article's place around them (`khabar.geo.context`) and flagged ``inferred``.
Resolution is `khabar.geo.resolve.Resolver` (document context, see there). One `Place` per
distinct resolved place, with every mention; one inferred `Place` per name placed by context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..geo.lookup import Candidate, Gazetteer
from ..geo.names import ADMIN_WORDS, FEATURE_WORDS, GENERIC_WORDS, LOCATIVE_WORDS
from ..geo.nested import NestedPlaces
from ..geo.resolve import Resolution, Resolver, Toponym, find_cue, link_qualifiers
from ..records import Place, TextSpan
from .base import Context
from .place_refs import link_place_nominals

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from ..settings import Settings

PLACE_LABELS = ("GPE", "LOC", "FAC")
# recognition sources that rest on the gazetteer alone (not on the model's place labels)
WEAK_SOURCES = frozenset({"embedded", "nested", "repeat", "gazetteer", "mislabelled"})
# entities whose leading words may name a place ("Fargo Police Department")
EMBEDDING_LABELS = ("ORG",)
# an organization's leading words count as a place only for places this big (or areas)
MIN_EMBEDDED_CITY_POPULATION = 50_000
# spaCy labels that say a capitalized name is something other than a place
NOT_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW",
                              "LANGUAGE"})
# a gazetteer-only match must be at least this kind of place (a small town called "Mobile" or
# "Reading" is more often a word than a place when the model did not call it one)
MIN_MISSED_CITY_POPULATION = 100_000
# contextual positions (khabar.geo.context) good enough for any unknown place name, and those
# good enough for a name that says it is a feature ("... Street", "... Hospital")
STRONG_CONTEXT = frozenset({"qualifier", "name", "dateline"})
FEATURE_CONTEXT = frozenset({"qualifier", "name", "dateline", "sentence", "paragraph", "main"})
_ABBREVIATION_AFTER = re.compile(r"\s*,\s*((?:[A-Z][a-z]{0,4}\.\s?){1,3})")
# "NAIROBI (Reuters) -", "KYIV, Ukraine —", "BEIRUT -"
DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Z.'\- ]{1,40}?[A-Z.])(?:\s*,\s*[A-Z][A-Za-z.' ]{1,30})?"
    r"\s*(?:\([^)]{1,40}\))?\s*(?:-|--|\u2013|\u2014)\s"
)


def _capitalized(token) -> bool:
    """Starts with a capital: "Kherson", "KHERSON", "DeKalb", "McAllen" (is_title misses the
    last two)."""
    return token.text[:1].isupper() and not token.is_punct


@dataclass
class ResolvedMention:
    """One toponym in the text and the place chosen for it: a gazetteer place, else its
    contextual position (``inferred``), else None."""

    start: int
    end: int
    text: str
    place: Candidate | None
    resolution: Resolution
    inferred: bool = False


class PlaceExtractor:
    name = "places"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # a missing gazetteer is a set-up problem the user must hear about now, not per article
        self.gazetteer = Gazetteer(settings.gazetteer_path())
        self.resolver = Resolver(self.gazetteer)
        self.nested = NestedPlaces(self.gazetteer)  # places inside organizations' names

    def configure(self, nlp) -> None:
        pass

    # ---- recognition ------------------------------------------------------------------------
    def _initials_named(self, name: str, text: str) -> bool:
        """Initials the model calls an organization ("T&T") are a place only when the article
        also names that place in full: "S&P" and "C&W" are companies far more often than São
        Tomé and Príncipe or Hong Kong's Central and Western district."""
        return any(c.name.partition(" and ")[0].strip() in text for c in self.gazetteer.initials(name))

    def find_toponyms(self, doc: Doc, organizations: Iterable[tuple[int, int]] = ()) -> list[Toponym]:
        """``organizations``: character spans of organization actors' names (the actors stage
        finds some the model does not label), searched for places inside them."""
        text = doc.text
        found: list[Toponym] = []
        taken = bytearray(len(text) + 1)  # 1 = character already in a toponym

        def free(start: int, end: int) -> bool:
            return taken.find(1, start, end) == -1

        def add(start: int, end: int, source: str, dateline: bool = False) -> None:
            mention = text[start:end]
            cue, query = find_cue(text, start, end, mention)
            found.append(Toponym(mention, start, end, query, cue=cue, dateline=dateline,
                                 source=source))
            taken[start:end] = b"\x01" * (end - start)

        m = DATELINE.match(text)
        if m and self.gazetteer.has_name(m.group("place")):
            add(m.start("place"), m.end("place"), "dateline", dateline=True)

        surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS and ent.label_ not in EMBEDDING_LABELS:
                continue
            span = self._trim(ent)
            if span is None or span.text in surnames or not free(span.start_char, span.end_char):
                continue
            if ent.label_ in PLACE_LABELS:
                end = span.end
                # "Kherson region": take the kind word the model left out
                if end < len(doc) and doc[end].lower_ in ADMIN_WORDS and doc[end].is_lower:
                    end += 1
                start_char, end_char = span.start_char, doc[end - 1].idx + len(doc[end - 1])
                if self._resolvable(text, start_char, end_char):
                    add(start_char, end_char, "ner")
                    continue
            elif self._is_country(span.text):
                # the model often calls a country an organization ("the DPRK said")
                add(span.start_char, span.end_char, "ner")
                continue
            elif self._initials_named(span.text, text):
                # "T&T", "J&K": initials of a country or area named "X and Y"
                add(span.start_char, span.end_char, "embedded")
                continue
            elif self._standing(span.text) and not self.nested.is_organization(span):
                # ... and a state or a city named alone ("Minnesota beat Iowa", the team)
                add(span.start_char, span.end_char, "embedded")
                continue
            if ent.label_ in EMBEDDING_LABELS:
                # "Portland Fire Bureau", "Bank of Portugal", "Statistics Portugal"
                for start, end in self.nested.find(span, surnames):
                    if free(start, end):
                        add(start, end, "nested")
                continue
            # a place name leading a facility the gazetteer lacks: "Cottonport Fire Station"
            # a street or a building named after a place ("Hampton Avenue") is placed by the
            # article's context unless it starts with a place of some standing
            feature = span[-1].lower_.strip(".") in FEATURE_WORDS and len(span) > 1
            prefix = self._place_prefix(span, strict=feature)
            if prefix is None and ent.label_ in PLACE_LABELS:
                prefix = self._after_generic(span)
            if prefix is None:
                prefix = self._place_of(span)
            if prefix is not None and free(prefix.start_char, prefix.end_char):
                add(prefix.start_char, prefix.end_char, "embedded")
            elif prefix is None and ent.label_ in PLACE_LABELS and self._unknown_place(span):
                # a street, building or neighbourhood the gazetteer lacks: placed by the
                # article's context (khabar.geo.context), flagged as inferred
                add(span.start_char, span.end_char, "unknown")

        for start, end in self._inside_organizations(doc, organizations, surnames):
            if free(start, end):
                add(start, end, "nested")
        for start, end in self._missed(doc):
            if free(start, end):
                add(start, end, "gazetteer")
        for start, end in self._mislabelled(doc, surnames):
            if free(start, end):
                add(start, end, "mislabelled")
        for start, end in self._qualifiers(text, found):
            if free(start, end):
                add(start, end, "qualifier")
        known = {t.query for t in found if self.gazetteer.has_name(t.query, max_kind=2)}
        for start, end in self._repeats(doc, known, surnames):
            if free(start, end):
                add(start, end, "repeat")
        found.sort(key=lambda t: t.start)
        link_qualifiers(text, found)
        return found

    def _inside_organizations(self, doc: Doc, organizations: Iterable[tuple[int, int]],
                              surnames: set[str]) -> list[tuple[int, int]]:
        """Places inside organization actors' names (`khabar.geo.nested`)."""
        out = []
        for start, end in organizations:
            span = doc.char_span(start, end, alignment_mode="contract")
            span = self._trim(span) if span is not None and len(span) > 1 else None
            if span is not None and len(span) > 1:
                out += self.nested.find(span, surnames)
        return out

    def _resolvable(self, text: str, start: int, end: int) -> bool:
        """Does the gazetteer know this mention by a real name (not only as an adjective)?"""
        mention = text[start:end]
        _, query = find_cue(text, start, end, mention)
        return self.gazetteer.has_name(mention, max_kind=2) or (
            query != mention and self.gazetteer.has_name(query, max_kind=2))

    def _unknown_place(self, span: Span) -> bool:
        """A place entity worth placing by context: a name the gazetteer does not know at all
        (not as an adjective: "Korean" is a language or people; not as an abbreviation: "W.Va."
        is read as a qualifier), not a lone generic word ("North", "City")."""
        if len(span) == 1 and span[0].lower_ in GENERIC_WORDS:
            return False
        return not self.gazetteer.lookup(span.text, max_kind=4, limit=1)

    def _is_country(self, name: str) -> bool:
        return any(c.feature == "country" and c.match <= 1
                   for c in self.gazetteer.lookup(name, max_kind=1, limit=5))

    def _place_prefix(self, span: Span, strict: bool) -> Span | None:
        """The longest run of leading capitalized words that the gazetteer knows as a place
        of some standing: a country, first-level area, region, a county named in full
        ("Douglas County Road 4"), or a city of MIN_EMBEDDED_CITY_POPULATION people (a tenth
        of that inside an unknown place name, which is itself a place)."""
        min_population = MIN_EMBEDDED_CITY_POPULATION // (1 if strict else 10)
        for k in range(len(span) - 1, 0, -1):
            sub = span[:k]
            last = sub[-1]
            # ("US" is the stop word "us" to the tagger; in capitals it is the country)
            stop = last.is_stop and not (last.text.isupper() and len(last.text) > 1)
            if not _capitalized(last) or stop or span[k].text == "-" \
                    or (k == 1 and last.lower_ in GENERIC_WORDS) or last.whitespace_ == "":
                continue
            for c in self.gazetteer.lookup(sub.text, max_kind=1, limit=10):
                if c.match > 1:
                    continue
                if c.feature in ("country", "admin1", "region") or (
                        c.feature == "admin2" and c.match == 0 and k > 1) or (
                        c.feature == "city" and c.match == 0 and c.population >= min_population):
                    return sub
        return None

    def _place_of(self, span: Span) -> Span | None:
        """"Lung Health Society of Canada", "University of Rochester": the place after the last
        "of" of a name, when the gazetteer knows it as a place of some standing (as for a
        leading place: a country, first-level area, region, or a city of
        MIN_EMBEDDED_CITY_POPULATION people)."""
        ofs = [i for i, t in enumerate(span) if t.lower_ == "of" and 0 < i < len(span) - 1]
        if not ofs:
            return None
        tail = span[ofs[-1] + 1:]
        if not all(_capitalized(t) or t.text in ("-", "'s") for t in tail) \
                or (len(tail) == 1 and tail[0].lower_ in GENERIC_WORDS):
            return None
        for c in self.gazetteer.lookup(tail.text, max_kind=1, limit=10):
            if c.match <= 1 and (c.feature in ("country", "admin1", "region") or (
                    c.feature == "city" and c.match == 0
                    and c.population >= MIN_EMBEDDED_CITY_POPULATION)):
                return tail
        return None

    def _after_generic(self, span: Span) -> Span | None:
        """"Northeast Georgia", "Greater Manchester" unknown as a whole: the place after the
        leading generic words, when the gazetteer knows it."""
        k = 0
        while k < len(span) - 1 and span[k].lower_ in GENERIC_WORDS:
            k += 1
        rest = span[k:]
        if len(rest) == 1 and rest[0].lower_ in GENERIC_WORDS:
            return None  # "City Hall"
        if k and not rest[0].is_stop and _capitalized(rest[0]) \
                and self.gazetteer.has_name(rest.text, max_kind=1):
            return rest
        return None

    def _qualifiers(self, text: str, found: list[Toponym]) -> list[tuple[int, int]]:
        """"Charleston, W.Va." / "Greenville, S.C.": an abbreviation right after a place and a
        comma, which the model often leaves out or glues to the next words."""
        out = []
        for t in found:
            m = _ABBREVIATION_AFTER.match(text, t.end)
            if m is None:
                continue
            abbreviation = m.group(1).rstrip()
            if any(c.match == 3 for c in self.gazetteer.lookup(abbreviation, max_kind=3)):
                out.append((m.start(1), m.start(1) + len(abbreviation)))
        return out

    def _trim(self, ent: Span) -> Span | None:
        """Drop a leading "the" and possessive "'s"; reject adjectives and lower-case spans."""
        span = ent
        if span[0].lower_ == "the":
            span = span[1:]
        if len(span) and span[-1].tag_ == "POS":
            span = span[:-1]
        if not len(span) or not span.text[:1].isupper():
            return None
        if len(span) == 1 and span[0].tag_ in ("JJ", "NNPS", "NNS") and not (
                span[0].tag_ != "JJ" and self.gazetteer.has_name(span.text, max_kind=0)):
            # "Sudanese", "Americans": actors' adjectives and plurals, not places; but a
            # place's own name that looks plural is one ("Leeds", "Athens", "Brussels")
            return None
        return span

    def _missed(self, doc: Doc) -> list[tuple[int, int]]:
        """Capitalized runs the model did not call places: "X province"-style names (even when
        the model called X a person: "the Beni territory") and well-known places."""
        out = []
        i = 0
        while i < len(doc):
            tok = doc[i]
            if not _capitalized(tok) or tok.pos_ not in ("PROPN", "NOUN", "ADJ"):
                i += 1
                continue
            j = i
            while j + 1 < len(doc) and j - i < 3 and _capitalized(doc[j + 1]):
                j += 1
            span = doc[i:j + 1]
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            if nxt is not None and nxt.lower_ in ADMIN_WORDS and nxt.is_lower:
                if self.gazetteer.has_name(span.text, max_kind=2):
                    out.append((span.start_char, nxt.idx + len(nxt)))
            elif not any(t.ent_type_ for t in span) and not tok.is_sent_start \
                    and self._well_known(span.text):
                out.append((span.start_char, span.end_char))
            i = j + 1
        return out

    @staticmethod
    def _repeats(doc: Doc, names: set[str], surnames: set[str]) -> list[tuple[int, int]]:
        """Other mentions of names already read as places ("Beni" after "the Beni territory"),
        unless the mention is part of a longer name ("Beni Suef") or a person's name."""
        names = sorted((n for n in names if n not in surnames), key=len, reverse=True)
        if not names:
            return []
        text = doc.text  # built from the tokens on every access: read it once
        # length of the PERSON entity each token is in (0: none)
        in_person = [0] * len(doc)
        for e in doc.ents:
            if e.label_ == "PERSON":
                for i in range(e.start, e.end):
                    in_person[i] = len(e)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
        out = []
        for m in pattern.finditer(text):
            span = doc.char_span(m.start(), m.end())
            if span is None:
                continue
            before = doc[span.start - 1] if span.start > 0 else None
            after = doc[span.end] if span.end < len(doc) else None
            if (before is not None and before.is_title and not before.is_sent_start) or \
                    (after is not None and after.is_title):
                continue
            if any(in_person[i] > len(span) for i in range(span.start, span.end)):
                continue
            out.append((m.start(), m.end()))
        return out

    def _mislabelled(self, doc: Doc, surnames: set[str]) -> list[tuple[int, int]]:
        """Well-known place names the model labelled something else, right after a locative
        word ("eastern Ghouta" as a person, "in Tunis" as a nationality); never a surname of
        the article."""
        out = []
        for ent in doc.ents:
            if ent.label_ not in NOT_PLACE_LABELS or len(ent) > 3:
                continue
            span = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
            before = doc[span.start - 1] if span.start > 0 else None
            if before is None or not before.is_lower or before.lower_ not in LOCATIVE_WORDS \
                    or span.text in surnames or not all(_capitalized(t) for t in span):
                continue
            if self._well_known(span.text):
                out.append((span.start_char, span.end_char))
        return out

    def _standing(self, name: str) -> bool:
        """A place of some standing by its own name: an area, a region, or a city of
        MIN_EMBEDDED_CITY_POPULATION people."""
        return any(c.match == 0 and (c.feature in ("admin1", "region") or (
            c.feature == "city" and c.population >= MIN_EMBEDDED_CITY_POPULATION))
            for c in self.gazetteer.lookup(name, max_kind=0, limit=10))

    def _well_known(self, name: str) -> bool:
        for c in self.gazetteer.lookup(name, max_kind=1, limit=5):
            if c.feature in ("country", "admin1", "region", "other") and c.match == 0:
                return True
            if c.feature == "city" and c.match == 0 and c.population >= MIN_MISSED_CITY_POPULATION:
                return True
        return False

    # ---- resolution -------------------------------------------------------------------------
    def resolve_doc(self, doc: Doc, organizations: Iterable[tuple[int, int]] = ()
                    ) -> list[ResolvedMention]:
        toponyms = self.find_toponyms(doc, organizations)
        resolutions = self.resolver.resolve(toponyms, doc.text)
        # countries of the names the model itself tagged as places (and of the dateline)
        tagged = {r.best.country for r in resolutions if r.best is not None
                  and r.toponym.source in ("ner", "dateline") and r.best.match < 3}
        out = []
        for r in resolutions:
            best = r.best
            if r.toponym.source in WEAK_SOURCES and tagged and best is not None \
                    and best.feature != "country" and best.country not in tagged:
                # a name read as a place only by the gazetteer ("Delta" Air Lines, a repeat of
                # "Park") in a country none of the model's places is in: likely no place
                continue
            if best is not None and best.match == 4:
                continue  # resolved only as a demonym: an adjective, not a place mention
            t = r.toponym
            if t.source == "unknown" and not self._placed_surely(r):
                continue
            out.append(ResolvedMention(t.start, t.end, t.text, r.place, r,
                                       inferred=(best is None or r.stray) and r.place is not None))
        return out

    @staticmethod
    def _placed_surely(r: Resolution) -> bool:
        """Keep a name the gazetteer lacks when its position is well founded: a place named in
        it or right after it, the dateline, or, for a name that says it is a street, building or
        other feature ("Marlowe Street", words.yaml `feature`), the article around it. A bare
        unknown name the model called a place is too often no place at all (a company, a
        surname) to be put on the map by the article's context alone."""
        ctx = r.context
        if ctx is None:
            return False
        if ctx.reason in STRONG_CONTEXT:
            return True
        last = r.toponym.text.split()[-1].lower().strip(".,")
        return len(r.toponym.text.split()) > 1 and last in FEATURE_WORDS \
            and ctx.reason in FEATURE_CONTEXT

    def extract(self, ctx: Context) -> list[Place]:
        by_key: dict[object, Place] = {}
        # organization actors' names: the actors stage finds some the model did not label
        organizations = [(m.start, m.end) for a in ctx.actors if a.kind == "organization"
                         for m in a.mentions]
        for m in self.resolve_doc(ctx.doc, organizations):
            c = m.place
            if c is None:
                continue  # not in the gazetteer, nothing around it: nothing to map
            # a contextual position is its own place (the street is not the city), one per name
            key = ("inferred", m.text.lower()) if m.inferred else c.id
            place = by_key.get(key)
            if place is None:
                place = Place(
                    id=f"p{len(by_key) + 1}",
                    name=m.text if m.inferred else c.name,
                    geonames_id=None if m.inferred else c.geonames_id,
                    lat=round(c.lat, 5),
                    lon=round(c.lon, 5),
                    feature="other" if m.inferred else c.feature,
                    country=c.country,
                    admin1=c.admin1,
                    inferred=m.inferred,
                )
                by_key[key] = place
            place.mentions.append(TextSpan(start=m.start, end=m.end, text=m.text))
        return link_place_nominals(ctx, list(by_key.values()), self.gazetteer)  # "the city"
