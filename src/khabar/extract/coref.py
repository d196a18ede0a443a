"""Rule-based, offline coreference for actors: mentions → clusters → `Actor` records.

Rules, in the order they apply to each mention (document order, one pass, bounded look-back):
  * KB entries, countries, metonyms: one cluster per KB id / alpha-3 ("Houthis" = "Ansar Allah").
  * Person names: a name joins the most recent person whose name tokens contain it, or whose
    tokens it contains ("Samir Haddad" … "Haddad"); "al-"/"el-" and titles do not count.
  * Acronyms defined in the text ("Northern Alliance Front (NAF)") and initials.
  * Nominals: "Congolese soldiers" and "the Congolese army" share country+sector (CODMIL);
    a definite "the rebels" / "the government" joins the latest cluster with that sector;
    "the prime minister" joins the latest person holding that role; "the group" the latest
    organization; "M23 rebels" is the M23.
  * Appositions merge a nominal with its name ("The commander …, Samir Haddad,").
  * "I", "me", "my" inside a direct quote go to its speaker (the subject of the reporting verb
    next to the quote).
  * Pronouns (he/she/it/they and possessives) go to the most salient compatible antecedent in
    the last three sentences: number, gender (titles, role nouns, earlier pronouns), animacy;
    subjects and frequently mentioned actors are more salient; a pronoun object is not bound
    to the subject of its own verb.

``ctx.notes["coref"]`` (written by the actors stage) is `CorefNotes.as_dict()`:
  ``token_actor``: {token index: actor id} for every token inside an actor mention;
  ``mentions``: [(start, end, actor id, "name"|"nominal"|"pronoun")] in text order;
  ``demonyms``: [(start, end, alpha-3)] demonym/adjective spans ("Rwandan") — peoples, not places;
  ``capitals``: [(start, end, alpha-3)] capitals standing for their country ("Kigali said");
  ``roles``: [(actor id, role, start, end, alpha-3 or None)] each role a person mention carries
  ("President", "commander of the Northern Brigades"), with the mention's span and the country
  its title names — the relations stage turns these into ``holds_role``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..knowledge.actors import ActorKB, normalize
from .coref_nominals import names_its_whole, salient_country
from .coref_pronouns import nearer_plural_subject

PRONOUNS = {  # text → (number, gender, animate)
    "he": ("sg", "m", True), "him": ("sg", "m", True), "his": ("sg", "m", True),
    "himself": ("sg", "m", True), "she": ("sg", "f", True), "her": ("sg", "f", True),
    "hers": ("sg", "f", True), "herself": ("sg", "f", True),
    "it": ("sg", None, False), "its": ("sg", None, False), "itself": ("sg", None, False),
    "they": ("pl", None, None), "them": ("pl", None, None), "their": ("pl", None, None),
    "theirs": ("pl", None, None), "themselves": ("pl", None, None),
}
NAME_PARTICLES = {"al", "el", "ad", "ash", "as", "ar"}
STOP_INITIALS = {"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "al"}
WINDOW_SENTS = 3
# organizations of people acting together, which news calls "they" ("the rebels … they")
COLLECTIVE_SECTORS = {"REB", "MIL", "OPP", "INS", "UAF", "COP", "LAB", "CRM", "SEP", "PTY"}
WINDOW_MENTIONS = 80
COUNTRY_NOUNS = {"country", "nation"}  # "the country" refers back to the latest country actor


@dataclass
class Mention:
    start: int
    end: int
    tok_start: int
    tok_end: int
    text: str
    type: str  # name | nominal | pronoun
    kind: str = "unknown"
    kb_id: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    key: str | None = None
    plural: bool = False
    gender: str | None = None
    roles: list[str] = field(default_factory=list)
    role_noun: str | None = None
    generic: bool = False
    definite: bool = False
    org_text: str | None = None
    affiliation_code: str | None = None
    role_country: str | None = None  # the country a title names ("Kenyan President …")
    people: bool = False  # an uncoded people noun ("the parents"), see RoleNoun.people
    kin: str | None = None  # "kin:his:daughter": a relative, one person per possessor and noun
    inner: bool = False  # a name inside another actor's name ("Miriam Okafor" in "Miriam Okafor Foundation")
    is_subject: bool = False
    head: int = 0
    sent: int = 0

    @classmethod
    def from_span(cls, span, type_: str, **kw) -> Mention:
        root = span.root
        return cls(start=span.start_char, end=span.end_char, tok_start=span.start,
                   tok_end=span.end, text=span.text, type=type_, head=root.i,
                   is_subject=root.dep_ in ("nsubj", "nsubjpass"), **kw)

    @classmethod
    def pronoun(cls, tok) -> Mention | None:
        info = PRONOUNS.get(tok.lower_)
        if info is None or tok.pos_ not in ("PRON", "DET"):
            return None
        if tok.lower_ == "it" and _pleonastic(tok):
            return None
        number, gender, _ = info
        return cls(start=tok.idx, end=tok.idx + len(tok), tok_start=tok.i, tok_end=tok.i + 1,
                   text=tok.text, type="pronoun", plural=number == "pl", gender=gender,
                   head=tok.i, is_subject=tok.dep_ in ("nsubj", "nsubjpass"))


def _pleonastic(tok) -> bool:
    """"It is likely that …", "it was raining": an 'it' that refers to nothing."""
    if tok.dep_ == "expl":
        return True
    head = tok.head
    return tok.dep_ == "nsubj" and head.lemma_ in ("be", "seem", "appear", "remain") and any(
        c.dep_ in ("ccomp", "xcomp", "acomp", "attr") and c.i > head.i for c in head.children)


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    key: str | None = None
    kind: str = "unknown"
    name_tokens: list[str] = field(default_factory=list)
    gender: str | None = None
    plural: bool = False
    parent: Cluster | None = None
    role_nouns: set[str] = field(default_factory=set)
    name_words: set[str] = field(default_factory=set)  # words of its names ("church", "harmonia")

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        if m.type == "name":
            self.name_words.update(normalize(m.text).split())
        if m.role_noun:
            self.role_nouns.add(m.role_noun)
        if m.type != "pronoun" and self.kind in ("unknown", "group") and m.kind != "unknown":
            self.kind = m.kind if self.kind == "unknown" or m.type == "name" else self.kind
        if m.gender and not self.gender and self.kind == "person":
            self.gender = m.gender
        if m.type != "pronoun":
            self.plural = m.plural if len(self.mentions) == 1 else self.plural

    def root(self) -> Cluster:
        c = self
        while c.parent is not None:
            c = c.parent
        return c

    def first(self, attr: str):
        for m in self.mentions:
            value = getattr(m, attr)
            if value:
                return value
        return None

    def has_role(self, noun: str) -> bool:
        return noun in self.role_nouns


@dataclass
class CorefNotes:
    token_actor: dict[int, str] = field(default_factory=dict)
    mentions: list[tuple[int, int, str, str]] = field(default_factory=list)
    demonyms: list[tuple[int, int, str]] = field(default_factory=list)
    capitals: list[tuple[int, int, str]] = field(default_factory=list)
    roles: list[tuple[str, str, int, int, str | None]] = field(default_factory=list)

    def as_dict(self) -> dict:
        # shallow on purpose: asdict() deep-copies every tuple, slow on a 20k-word article
        return {"token_actor": self.token_actor, "mentions": self.mentions,
                "demonyms": self.demonyms, "capitals": self.capitals, "roles": self.roles}


def _name_tokens(text: str) -> list[str]:
    # digits are no part of a name ("2024 Calloway": a date the model swallowed)
    return [t for t in normalize(text).split() if t not in NAME_PARTICLES and t.isalnum() and not t.isdigit()]


def _name_forms(c: Cluster) -> list[list[str]]:
    """Token lists of every name a person cluster was called (a bad span, "Ahmed Mohamed Image",
    must not hide the surname of "Ahmed Mohamed")."""
    forms = [t for t in (_name_tokens(m.text) for m in c.mentions if m.type == "name") if t]
    return forms or [c.name_tokens]


def _initials(text: str) -> str:
    return "".join(w[0] for w in normalize(text).split() if w not in STOP_INITIALS and w).upper()


def _sentence_index(doc) -> list[int]:
    index = [0] * len(doc)
    for i, sent in enumerate(doc.sents):
        for t in range(sent.start, sent.end):
            index[t] = i
    return index


class _Resolver:
    def __init__(self, doc, kb: ActorKB):
        self.doc, self.kb = doc, kb
        self.clusters: list[Cluster] = []
        self.by_key: dict[str, Cluster] = {}
        self.aliases: dict[str, Cluster] = {}  # acronyms defined in the text
        self.persons: list[Cluster] = []
        self.orgs: list[Cluster] = []
        self.history: list[tuple[Mention, Cluster]] = []  # placed mentions, text order

    def new(self, m: Mention, key: str | None) -> Cluster:
        c = Cluster(key=key, kind=m.kind)
        c.add(m)
        self.clusters.append(c)
        if key:
            self.by_key[key] = c
        if m.kind == "person" and m.type == "name":
            c.name_tokens = _name_tokens(m.text)
            self.persons.append(c)
        if m.kind == "organization" and m.type == "name":
            self.orgs.append(c)
        return c

    def join(self, c: Cluster, m: Mention) -> Cluster:
        c.add(m)
        if m.type == "name" and m.kind == "person":
            tokens = _name_tokens(m.text)
            if len(tokens) > len(c.name_tokens):
                c.name_tokens = tokens
            if c not in self.persons:
                self.persons.append(c)
        return c

    def place(self, m: Mention) -> None:
        if m.type == "nominal" and m.generic and not m.definite:
            if not m.sector:
                return  # "groups", "an organization": nobody in particular
            m.generic = False  # "armed groups": a collective actor of its own
        c = {"name": self.place_name, "nominal": self.place_nominal,
             "pronoun": self.place_pronoun}[m.type](m)
        if c is not None:
            self.history.append((m, c))
            self._define_acronym(m, c)

    def _define_acronym(self, m: Mention, c: Cluster) -> None:
        doc, e = self.doc, m.tok_end
        if m.type == "name" and e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")":
            self.aliases.setdefault(normalize(doc[e + 1].text), c)

    # ---- names --------------------------------------------------------------------------------
    def place_name(self, m: Mention) -> Cluster:
        if m.kb_id:
            m.key = f"kb:{m.kb_id}"
        key = m.key
        alias = self.aliases.get(normalize(m.text))
        if alias is not None:
            return self.join(alias, m)
        if key:
            c = self.by_key.get(key)
            return self.join(c, m) if c else self.new(m, key)
        if m.kind == "person":
            c = self._match_person(_name_tokens(m.text))
            return self.join(c, m) if c else self.new(m, None)
        key = f"{m.kind}:{normalize(m.text)}"
        c = self.by_key.get(key) or self._match_initials(m.text) or self._match_org_core(m)
        return self.join(c, m) if c else self.new(m, key)

    def _org_core(self, text: str) -> tuple[str, ...]:
        """An organization's name without institution words and "of"/"the": "the Church of
        Harmonia" → ("harmonia",)."""
        return tuple(w for w in normalize(text).split() if w not in ("of", "the", "and")
                     and not ((info := self.kb.role(w)) and info.kind == "organization"))

    def _match_org_core(self, m: Mention) -> Cluster | None:
        """"Harmonia" after "the Church of Harmonia" (and the reverse): same name once
        the institution words are set aside."""
        if m.kind != "organization":
            return None
        words = tuple(normalize(m.text).split())
        core = self._org_core(m.text)
        if not core:
            return None
        bare = core == words
        # one side must be the bare name: "Defence Ministry" and "Ministry of Defence" are not
        # matched through "defence" here
        for c in reversed(self.orgs):
            for x in c.mentions[:3]:
                if x.type != "name" or x.kb_id is not None:
                    continue
                other = tuple(normalize(x.text).split())
                if bare and self._org_core(x.text) == core and other != core:
                    return c
                if not bare and other == core:
                    return c
        return None

    def _match_person(self, tokens: list[str]) -> Cluster | None:
        if not tokens:
            return None
        new = set(tokens)
        partial = []
        for c in reversed(self.persons):
            old = set(c.name_tokens)
            if not old:
                continue
            if new == old:
                return c
            if new < old and any(tokens[-1] == t[-1] or tokens[0] == t[0] for t in _name_forms(c)):
                partial.append(c)
            elif old < new and (c.name_tokens[-1] == tokens[-1] or c.name_tokens[0] == tokens[0]):
                return c
        if not partial:
            return None
        # a bare "Mohamed" that several full names share goes to the person the article is
        # about (most name mentions so far), not to the one named last; ties go to the latest
        return max(partial, key=lambda c: sum(x.type == "name" for x in c.mentions))

    def _match_initials(self, text: str) -> Cluster | None:
        compact = text.replace(".", "")
        for c in reversed(self.orgs):
            name = c.mentions[0].text
            if compact.isupper() and 2 <= len(compact) <= 6 and _initials(name) == compact:
                return c
            name_compact = name.replace(".", "")
            if name_compact.isupper() and len(name_compact) >= 2 and _initials(text) == name_compact:
                return c
        return None

    # ---- nominals -----------------------------------------------------------------------------
    def place_nominal(self, m: Mention) -> Cluster | None:
        if m.kin:  # "his daughter" … "his daughter": one person
            c = self.by_key.get(m.kin)
            return self.join(c, m) if c else self.new(m, m.kin)
        if m.org_text and m.kind != "person":  # "M23 rebels", "Hamas fighters": the organization
            entry = self.kb.lookup(m.org_text)
            key = f"kb:{entry.id}" if entry else f"organization:{normalize(m.org_text)}"
            c = self.by_key.get(key)
            if c is not None:
                m.kind = c.kind
                return self.join(c, m)
        if m.generic and m.kind == "person":
            if not m.definite or m.plural:
                return None
            # "the boy": the latest named person of that gender in the last five sentences
            c = self._recent(m, lambda c: c.kind == "person" and not c.plural and c.key is None
                             and bool(c.name_tokens) and (not m.gender or c.gender in (None, m.gender)),
                             sents=5)
            return self.join(c, m) if c else None
        if m.generic and m.role_noun in COUNTRY_NOUNS:
            if m.plural or not m.definite and not m.text.lower().startswith(("our ", "my ")):
                return None  # "the nations covered by the ban" are not one country
            c = salient_country(self.clusters, m) if self._recent(m, lambda c: c.kind == "country", sents=5) else None
            if c is not None:
                m.kind = "country"
            return self.join(c, m) if c else None
        if m.generic:
            if not m.definite:
                return None
            # "the company" refers back to a business or an organization of unknown sector,
            # not to the White House
            def named_org(c: Cluster) -> bool:
                return c.kind == "organization" and bool(c.key) and not c.key.startswith(
                    ("country:", "nom:")) and (not m.sector or not sectors_of(c) or m.sector in sectors_of(c))

            def agrees(c: Cluster) -> bool:  # "the 40 teams", "the Chilean team" ≠ the Peruvian team
                return c.plural == m.plural and not (m.country and {x.country for x in c.mentions} - {None, m.country}) \
                    and not names_its_whole(self.doc, m, c)

            # "the church" after "the Church of Harmonia": the organization whose name has
            # the noun, however far back; else the latest organization
            c = (self._recent(m, lambda c: named_org(c) and _name_has(c, m.role_noun) and agrees(c), sents=10**6)
                 or self._recent(m, lambda c: c.kind == "organization" and c.has_role(m.role_noun)
                                 and agrees(c), sents=5)
                 or self._recent(m, lambda c: named_org(c) and agrees(c), sents=5))
            if c is None and m.country and not any(
                    t.ent_type_ in ("ORG", "PERSON", "FAC") for t in self.doc[m.tok_start:m.tok_end]):
                # "the Peruvian team" with no team named before: an actor of its own (not "the
                # ruling Georgian Dream party", which names one)
                key = f"nom:{m.country}:{m.role_noun}"
                c = self.by_key.get(key)
                return self.join(c, m) if c else self.new(m, key)
            return self.join(c, m) if c else None
        if m.kind == "person":
            if m.definite:
                c = self._recent(m, lambda c: c.kind == "person" and c.has_role(m.role_noun) and
                                 (not m.country or c.first("country") in (None, m.country)), sents=10**6)
                if c is not None:
                    return self.join(c, m)
                key = f"role:{m.country or ''}:{m.role_noun}"
                c = self.by_key.get(key)
                return self.join(c, m) if c else self.new(m, key)
            return self.new(m, None)
        if m.country:
            key = f"nom:{m.country}{m.sector or ''}"
            c = self.by_key.get(key)
            return self.join(c, m) if c else self.new(m, key)
        if m.definite and m.sector and not (m.plural and m.kind == "organization"):
            # "the rebels": the latest actor called that, else the latest with that sector
            # (not "their militaries": several institutions are not the one named before)
            c = (self._recent(m, lambda c: c.kind != "person" and c.has_role(m.role_noun), sents=8)
                 or self._recent(m, lambda c: c.kind != "person" and m.sector in sectors_of(c), sents=8))
            if c is not None:
                return self.join(c, m)
        if not m.definite and not m.plural:
            return self.new(m, None)  # "a militia": a new actor, not every militia so far
        key = f"nom::{m.sector or ''}:{m.role_noun}"
        if m.plural:
            # "private schools" and "religious schools", "pro-Beijing councillors" and
            # "pan-democratic councillors": sets told apart by their adjectives
            adjs = sorted(t.lower_ for t in self.doc[m.tok_start:m.head] if t.dep_ in ("amod", "nummod"))
            key += ":" + "-".join(adjs) if adjs else ""
        c = self.by_key.get(key)
        return self.join(c, m) if c else self.new(m, key)

    def _recent(self, m: Mention, ok, sents: int, limit: int = 400) -> Cluster | None:
        # bounded look-back: a long report must not make every role noun scan the whole text
        for n, (prev, c) in enumerate(reversed(self.history)):
            if m.sent - prev.sent > sents or n > limit:
                break
            c = c.root()
            if ok(c):
                return c
        return None

    # ---- pronouns -----------------------------------------------------------------------------
    def place_pronoun(self, m: Mention) -> Cluster | None:
        number, gender, animate = PRONOUNS[m.text.lower()]
        tok = self.doc[m.head]
        verb = tok.head if tok.dep_ in ("dobj", "iobj", "pobj") else None
        best, best_score, seen = None, -math.inf, set()
        for n, (prev, c) in enumerate(reversed(self.history)):
            if m.sent - prev.sent > WINDOW_SENTS or n > WINDOW_MENTIONS:
                break
            c = c.root()
            if id(c) in seen:
                continue
            seen.add(id(c))
            if not _compatible(c, number, gender, animate):
                continue
            if verb is not None and prev.is_subject and self.doc[prev.head].head.i == verb.i:
                continue  # "Haddad blamed him": him is not Haddad
            score = (-2.0 * (m.sent - prev.sent) + (1.5 if prev.is_subject else 0.0)
                     + (0.5 if prev.type == "name" else 0.0) + 0.3 * min(len(c.mentions), 5)
                     - 0.01 * n)
            if score > best_score:
                best, best_score, best_prev = c, score, prev
        if best is None or number == "pl" and nearer_plural_subject(self.doc, self.history, best_prev, m):
            return None
        if gender and best.kind == "person" and not best.gender:
            best.gender = gender  # pronoun history: later "she" will not pick a "he"
        m.kind = best.kind
        return self.join(best, m)


def _name_has(c: Cluster, noun: str | None) -> bool:
    """The cluster's names contain ``noun`` as a word ("church" in "Church of Harmonia")."""
    return bool(noun) and noun in c.name_words


def sectors_of(c: Cluster) -> list[str]:
    return [m.sector for m in c.mentions if m.sector]


def _compatible(c: Cluster, number: str, gender: str | None, animate: bool | None) -> bool:
    if c.kind == "person":
        if number == "pl":
            return c.plural
        return animate is not False and not c.plural and (gender is None or c.gender in (None, gender))
    if animate:  # he/she never refer to organizations, countries or groups
        return False
    if number == "sg":
        return not c.plural
    # "they" refers to people in the plural ("the rebels", "Kenyans") and to armed or political
    # groups ("M23 … they"); a country, a company, a museum is "it" — a "they" near one is
    # mostly its members or people the article has not named as an actor (GUM news, all
    # organizations allowed: 18 right, 67 wrong)
    if c.plural:
        return True
    return c.kind == "organization" and any(
        m.kb_id or m.sector in COLLECTIVE_SECTORS for m in c.mentions)


def resolve(doc, mentions: list[Mention], kb: ActorKB) -> list[Cluster]:
    """Cluster ``mentions`` (document order). Returns root clusters in order of first mention."""
    sent_of = _sentence_index(doc)
    resolver = _Resolver(doc, kb)
    for m in mentions:
        m.sent = sent_of[m.head] if m.head < len(sent_of) else 0
        resolver.place(m)
    from .coref_links import attach_descriptions, first_person_in_quotes, merge_appositions

    merge_appositions(doc, resolver)
    attach_descriptions(doc, resolver, sent_of)
    first_person_in_quotes(doc, resolver)
    from .coref_narrator import first_person_outside_quotes

    first_person_outside_quotes(doc, resolver, sent_of)
    roots, seen = [], set()
    for c in resolver.clusters:
        r = c.root()
        if id(r) not in seen:
            seen.add(id(r))
            roots.append(r)
    return roots
