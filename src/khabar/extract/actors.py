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
Recognition lives in `actor_mentions` (uneven name readings in `actor_names`); clustering
(name variants, acronyms, role nouns, pronouns) in `coref.resolve`, with the links made after
its pass (appositions, descriptions, "I" in quotes) in `coref_links`.

Contract for later stages (stable):
  * every `Actor` has id ("a1"…), name (fullest named form), kind, country (alpha-3), sectors,
    code (CAMEO-style: KENGOV, RUSMIL, IRQREB, IGOUNO…), kb_id, roles, mentions with char
    spans (``text == article.text[start:end]``), including pronoun and role-noun mentions;
  * ``ctx.notes["coref"]`` — see `coref.CorefNotes` (token → actor id, demonym spans, …).
"""

from __future__ import annotations

from ..knowledge.actors import ActorKB, load_kb
from ..knowledge.actors.first_names import name_table
from ..records import Actor, TextSpan
from .actor_context import _city_countries, demonym_mentions, infer_countries
from .actor_facilities import COMPONENT as FACILITY_COMPONENT
from .actor_facilities import add_component as add_facility_component
from .actor_labels import add_component as add_label_component
from .actor_mentions import _city_names, demonym_spans, find_mentions
from .actor_teams import mark_teams
from .actor_titles import title_mentions
from .base import Context
from .coref import Cluster, CorefNotes, resolve, sectors_of

RULER_NAME = "khabar_actor_ruler"  # names of several words; runs last
WORDS_RULER_NAME = "khabar_actor_ruler_words"  # one-word names, exact case


class ActorExtractor:
    """Finds actors and resolves their mentions. See the module docstring for the contract."""

    name = "actors"

    def __init__(self, settings) -> None:
        self.settings = settings
        self.kb: ActorKB = load_kb(settings)
        # load the city lists and the given names once, not inside the first article
        _city_names()
        _city_countries()
        name_table()

    def configure(self, nlp) -> None:
        """Add entity rulers after NER, fed from the KB, that override the model's label.

        Two rulers, both phrase matchers (a token pattern per name made the Matcher the slowest
        step of the actors stage once the KB held a few thousand names): one-word names match in
        exact case, so "Vox" or "Labour" do not fire on ordinary words; names of several words
        match in any case ("Party of God", imported "Abu Nidal Organization"). The second runs
        last and overwrites, so a longer name wins over a one-word name inside it, as the
        longest match did in one ruler."""
        if RULER_NAME in nlp.pipe_names:
            return
        after = "ner" if "ner" in nlp.pipe_names else None
        words_ruler = nlp.add_pipe("entity_ruler", name=WORDS_RULER_NAME, after=after,
                                   config={"overwrite_ents": True, "validate": False})
        ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, after=WORDS_RULER_NAME,
                             config={"overwrite_ents": True, "validate": False,
                                     "phrase_matcher_attr": "LOWER"})
        one_word, several, seen = [], [], set()
        for surface, entry in self.kb.names():
            # one-letter and all-lowercase aliases would match ordinary words
            if len(surface) < 2 or surface.islower() or (surface, entry.id) in seen:
                continue
            seen.add((surface, entry.id))
            label = "PERSON" if entry.kind == "person" else "ORG"
            pattern = {"label": label, "pattern": surface, "id": entry.id}
            (one_word if len(nlp.make_doc(surface)) == 1 else several).append(pattern)
        with nlp.select_pipes(enable=[]):
            words_ruler.add_patterns(one_word)
            ruler.add_patterns(several)
        add_facility_component(nlp, self.kb, after=RULER_NAME)
        add_label_component(nlp, self.kb, self.settings, after=FACILITY_COMPONENT)

    def extract(self, ctx: Context) -> list[Actor]:
        doc = ctx.doc
        if not len(doc):
            ctx.notes["coref"] = {}
            return []
        mentions = find_mentions(doc, self.kb)
        covered = {t for m in mentions if m.type != "pronoun" for t in range(m.tok_start, m.tok_end)}
        mentions = sorted(mentions + demonym_mentions(doc, self.kb, covered),
                          key=lambda m: (m.start, m.type != "name", -m.end))
        clusters = resolve(doc, mentions, self.kb)
        actors, notes = build_actors(doc, clusters, self.kb)
        notes.demonyms = demonym_spans(doc, self.kb)
        teams = mark_teams(doc, actors, notes, self.kb)
        title_mentions(doc, actors, notes, self.kb)
        kinds = {a.id: a.kind for a in actors}
        country_tokens = {t for t, a in notes.token_actor.items() if kinds.get(a) == "country"}
        inferred = infer_countries(doc, actors, self.kb, country_tokens)
        ctx.notes["coref"] = notes.as_dict()
        # actors whose country came from the article, not their own words: events built on
        # them are less certain (see events.EventCoder)
        ctx.notes["coref"]["inferred_country"] = inferred
        ctx.notes["coref"]["teams"] = teams
        return actors


# ---- actors ------------------------------------------------------------------------------------
def build_actors(doc, clusters: list[Cluster], kb: ActorKB) -> tuple[list[Actor], CorefNotes]:
    """Actor records (ids a1, a2… in order of first mention) and the coref notes."""
    notes = CorefNotes()
    actors: list[Actor] = []
    text = doc.text
    for c in sorted((c for c in clusters if c.mentions), key=lambda c: c.mentions[0].start):
        if all(m.type == "pronoun" for m in c.mentions):
            continue
        said = [m for m in c.mentions if m.type != "pronoun"]
        if all(m.people or m.kin for m in said) and len(said) < 2 and not any(m.is_subject for m in c.mentions):
            continue  # "voters" said once and doing nothing: no actor (RoleNoun.people)
        actor = _actor(c, kb, f"a{len(actors) + 1}")
        spans = sorted({(m.start, m.end): m for m in c.mentions}.items())
        kept = []
        for (s, e), m in spans:
            if kept and s >= kept[-1][0][0] and e <= kept[-1][0][1]:
                continue  # nested in a longer mention of the same actor
            kept.append(((s, e), m))
        actor.mentions = [TextSpan(start=s, end=e, text=text[s:e]) for (s, e), _ in kept]
        for (s, e), m in kept:
            if m.inner:
                continue  # the enclosing organization keeps these tokens for later stages
            notes.mentions.append((s, e, actor.id, m.type))
            for t in range(m.tok_start, m.tok_end):
                notes.token_actor[t] = actor.id
            if m.type == "name" and m.kind == "country" and kb.capital_country(m.text):
                notes.capitals.append((s, e, m.country))
        for m in c.mentions:
            for role in m.roles:
                if role.lower() != actor.name.lower():
                    notes.roles.append((actor.id, role, m.start, m.end, m.role_country))
        actors.append(actor)
    notes.mentions.sort()
    return actors, notes


def _actor(c: Cluster, kb: ActorKB, actor_id: str) -> Actor:
    named = [m for m in c.mentions if m.type == "name"]
    kb_id = next((m.kb_id for m in named if m.kb_id), None)
    entry = kb.entry(kb_id) if kb_id else None
    country = entry.country if entry and entry.country else c.first("country")
    if entry is not None:
        name = entry.name
    elif named and c.kind == "country":
        name = kb.country_name(country)
    elif named:
        name = max((m.text for m in named), key=lambda t: (len(t.split()), len(t)))
    else:
        nominals = [m for m in c.mentions if m.type == "nominal"]
        name = max((m.text for m in nominals), key=lambda t: (len(t.split()), len(t)))
    sectors = list(entry.sectors) if entry and entry.sectors else list(dict.fromkeys(sectors_of(c)))
    if entry is not None and entry.code:
        code = entry.code
    elif c.kind == "country":
        metonym = next((m for m in named if m.sector), None)
        code = kb.code_for(country, metonym.sector if metonym else None)
    else:
        affiliation = c.first("affiliation_code")
        sector = sectors[0] if sectors else None
        if affiliation and (not country or not sector):
            code = affiliation  # "Hamas leader X", "PTI spokesman Y": the organization's code
        elif country or sector:
            code = (country or "") + (sector or "")
        else:
            code = affiliation
    roles = list(dict.fromkeys(r for m in c.mentions for r in m.roles))
    kind = c.kind if c.kind in ("person", "organization", "country", "group") else "unknown"
    return Actor(id=actor_id, name=name, kind=kind, country=country, sectors=sectors,
                 code=code or None, kb_id=kb_id, roles=roles)
