"""Person and organization names the model reads unevenly across an article: a name tagged
once and missed later, personal names labelled ORG, bare surnames and given names, a person
named inside an organization's name. Used by `actor_mentions.find_mentions`."""

from __future__ import annotations

from ..geo.names import ADMIN_WORDS, FEATURE_WORDS, GENERIC_WORDS, WATER_WORDS
from ..knowledge.actors import ActorKB, normalize
from ..knowledge.actors.first_names import first_name_gender
from .actor_facilities import names_facility
from .actor_labels import names_organization
from .coref import Mention

DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}
# words of place and facility names: no part of a person's name ("Carver Space Center")
PLACE_WORDS = FEATURE_WORDS | ADMIN_WORDS | GENERIC_WORDS | WATER_WORDS
# labels a person's name may wrongly carry ("Eden Hazard" read as a facility)
MISREAD_PERSON_LABELS = ("ORG", "FAC", "LOC")
# labels the model gives names it misreads ("Twitter" as PRODUCT, "Civic Passion" as a title)
MISREAD_LABELS = {"", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}


def _strip(span):
    """Drop leading determiners and a trailing possessive: "the M23's" → "M23"."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in DETERMINERS:
        start += 1
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    return doc[start:end]


def _full_person_names(doc, kb: ActorKB) -> list:
    """Entities of two or more words that name a person: PERSON, or ORG that `_personal_name`
    reads as a person. Computed once per document."""
    cache = doc.user_data.get("khabar_person_names")
    if cache is None:
        cache = [e for e in doc.ents if len(e) > 1 and (
            e.label_ == "PERSON" or e.label_ in MISREAD_PERSON_LABELS and _personal_name(_strip(e), kb))]
        doc.user_data["khabar_person_names"] = cache
    return cache


def _personal_name(span, kb: ActorKB) -> bool:
    """Two or three capitalized words that read as a person's name whatever label the model
    gave them (ORG, FAC, LOC): they start with a given name that carries a gender ("Tomas
    Brekke", "Amara Lyon"), or follow a person's title ("Ambassador Teodor Vasquez", "coach
    Kwame Mensah" — a title inside the entity counts too), or end with a word the model tags
    PERSON when it stands alone in the article ("Okonjo scored" after "Daniel Okonjo"). None of them may be an institution
    word ("Miriam Okafor Foundation"), a place-feature word ("Dale Station", "Harbour Road"),
    a country or a people, and the whole is no KB name."""
    titled = False
    while len(span) > 2 and (info := kb.role(span[0].lower_)) and info.title and info.kind == "person":
        span, titled = span[1:], True
    if span.start > 0 and (info := kb.role(span.doc[span.start - 1].lower_)) and info.title \
            and info.kind == "person":
        titled = True
    if not 2 <= len(span) <= 3 or kb.lookup(span.text) or kb.country_for(span.text):
        return False
    if not titled and not first_name_gender(span[0].text) and span[-1].text not in _lone_names(span.doc):
        return False
    if names_facility(span) or names_organization(span):
        return False  # "Harlow Planetarium", "Ivy Rowing League": whatever the first word
    # a surname may be a city ("Amara Lyon"), not a country or a people
    return all(t.text[:1].isupper() and t.pos_ == "PROPN" and not kb.role(t.lower_)
               and t.lower_ not in PLACE_WORDS
               and not kb.country_by_name(t.text) and not kb.demonym_country(t.text) for t in span)


def _lone_names(doc) -> frozenset[str]:
    """One-word PERSON entities of the article (surnames said alone), computed once."""
    cache = doc.user_data.get("khabar_lone_names")
    if cache is None:
        cache = doc.user_data["khabar_lone_names"] = frozenset(
            e.text for e in doc.ents if e.label_ == "PERSON" and len(e) == 1)
    return cache


def _bare_surnames(doc, covered: set[int]) -> list[Mention]:
    """Surnames NER missed ("Cherizier, who heads …") when the full name is in the article, and
    gendered given names said alone."""
    # the name without a possessive ("Amara Whitfield's" ends in "Whitfield", not "'s")
    names = [n for n in (_strip(e) for e in doc.ents if e.label_ == "PERSON") if len(n) > 1]
    surnames = {n[-1].text for n in names}
    # and given names said alone ("Daniel" after "Daniel Montalvo")
    surnames |= {n[0].text for n in names if first_name_gender(n[0].text)}
    return [Mention.from_span(doc[t.i:t.i + 1], "name", kind="person")
            for t in doc if t.text in surnames and t.i not in covered and not t.ent_type_
            # a tagger may take a sentence-initial surname for a noun ("Okonjo has made…"); a
            # word with no vector is no common noun
            and (t.pos_ == "PROPN" or (t.pos_ == "NOUN" and not doc.vocab.has_vector(t.lower_)))]


def _repeated_names(doc, labels: dict[str, str], covered: set[int]):
    """(span, label) for later occurrences of a name the model tagged PERSON or ORG elsewhere in
    the article but missed or mislabelled here (one sense per discourse: "Twitter" tagged ORG
    twice and PRODUCT once is the same company every time)."""
    names: dict[str, list[list[str]]] = {}
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "PERSON"):
            continue
        span = _strip(ent)
        key = normalize(span.text)
        if not len(span) or labels.get(key) not in ("ORG", "PERSON") or not span[0].text[:1].isupper():
            continue
        words = [t.text for t in span]
        if len(words) == 1 and (len(words[0]) < 2 or span[0].is_stop):
            continue
        names.setdefault(words[0], []).append(words)
    if not names:
        return
    i = 0
    while i < len(doc):
        tok = doc[i]
        found = None
        if tok.i not in covered and tok.ent_type_ in MISREAD_LABELS and tok.text in names:
            for words in sorted(names[tok.text], key=len, reverse=True):
                end = i + len(words)
                if end <= len(doc) and [t.text for t in doc[i:end]] == words and not any(
                        t.i in covered or t.ent_type_ not in MISREAD_LABELS for t in doc[i:end]):
                    # inside a longer capitalized name the words are part of that name
                    before = doc[i - 1] if i else None
                    after = doc[end] if end < len(doc) else None
                    if not (before is not None and before.pos_ == "PROPN" and before.ent_type_ == ""
                            or after is not None and after.pos_ == "PROPN" and after.ent_type_ == ""):
                        found = doc[i:end]
                    break
        if found is not None:
            yield found, labels[normalize(found.text)]
            i = found.end
        else:
            i += 1


def _inner_person_names(doc, mentions: list[Mention]) -> list[Mention]:
    """A person named in the article who also opens an organization's name ("Miriam Okafor" in
    "the Miriam Okafor Foundation"): that part is a mention of the person too. Marked ``inner``,
    so the organization keeps the tokens in the coref notes."""
    people = {tuple(normalize(m.text).split()) for m in mentions
              if m.type == "name" and m.kind == "person" and len(m.text.split()) > 1}
    if not people:
        return []
    out = []
    for m in mentions:
        if m.type != "name" or m.kind != "organization" or m.kb_id:
            continue
        words = normalize(m.text).split()
        for name in people:
            if len(name) < len(words) and tuple(words[:len(name)]) == name:
                span = doc[m.tok_start:m.tok_start + len(name)]
                if normalize(span.text).split() == list(name):
                    inner = Mention.from_span(span, "name", kind="person")
                    inner.inner = True
                    out.append(inner)
                break
    return out
