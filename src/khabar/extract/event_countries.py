"""Countries for the actors in event slots, where the actors stage left them without one.

CAMEO codes every actor of an event by country. The actors stage gives countries from an
actor's own words or, flagged ``country_inferred``, from the article's setting; actors made by
later stages (quote speakers: "Thousands", "Prisoners") and a few phrases it does not read
("Ivory Coast rebels": a country *name* as modifier) reach the events stage without one. Here,
for the actors events actually use:

  * a country named or a demonym inside the actor's own phrase ("Ivory Coast rebels",
    "Thousands of Iraqi Kurds") is its country, as the text says it;
  * else state and domestic-sector actors, groups and persons take the article's setting
    (places, capitals, cities, demonyms; countries that are parties do not vote), flagged
    ``country_inferred`` like the actors stage's own guesses.

And a domestic act aimed at no actor but done *in* a place ("imposed a curfew in Tashkent",
"rioted in Dili") is aimed at that place's country: CAMEO's convention (the target of a
curfew in a capital is the country). The country actor is the article's own when it has one,
else a new one whose mention is the place name.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from spacy.tokens import Token

from ..knowledge.actors import ActorKB
from ..records import Actor, TextSpan
from .actor_context import STATE_SECTORS, dominant_country, place_country
from .base import Context
from .event_spelling import misspelled_country

DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
              "upper", "lower"}
# roots whose dyads are mostly within one country (see counterpart_countries)
DOMESTIC_ROOTS = {"08", "10", "11", "12", "14", "17", "18"}
MODIFIER_DEPS = {"compound", "amod", "nmod", "poss"}
NOTE_KEY = "events_new_country_actors"  # ctx.notes: ids of country actors the events stage made
PLACE_KEY = "events_place_index"  # ctx.notes: (id of the doc, starts, place mention spans), see place_at
ENT_KEY = "events_entity_index"  # ctx.notes: (id of the doc, token index -> entity), see _ent_of


def _bare(code: str | None, sectors: list[str]) -> bool:
    """A code that is only a sector ("REB", "GOV") or nothing: no country in it."""
    return not code or code in sectors or code[:3] in STATE_SECTORS


def _phrase_tokens(ctx: Context, actor: Actor) -> list[Token]:
    """Tokens of the actor's mentions, with the modifiers of their heads and their "of"
    complements ("Thousands of Iraqi Kurds")."""
    out: list[Token] = []
    for m in actor.mentions:
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        out.extend(span)
        root = span.root
        heads = [root] + [o for p in root.children if p.dep_ == "prep" and p.lower_ == "of"
                          for o in p.children if o.dep_ == "pobj"]
        for h in heads:
            out.extend(t for t in h.subtree if t.i < h.i and t.dep_ in MODIFIER_DEPS)
            out.append(h)
    return out


def _ent_of(ctx: Context) -> dict[int, object]:
    """Token index -> the named entity covering it, built once per article."""
    found = ctx.notes.get(ENT_KEY)
    if found is None or found[0] != id(ctx.doc):
        found = (id(ctx.doc), {t: ent for ent in ctx.doc.ents for t in range(ent.start, ent.end)})
        ctx.notes[ENT_KEY] = found
    return found[1]


def own_country(ctx: Context, kb: ActorKB, actor: Actor) -> str | None:
    """A country name or demonym written in the actor's own phrase (its own name first: a
    country the tagger took for a person, "Sierra Leone soldiers")."""
    ents = _ent_of(ctx)
    for m in actor.mentions:
        country = kb.country_by_name(m.text) or _misspelled(ctx, kb, m.start, m.text)
        if country:
            actor.kind = "country"
            return country
    for tok in _phrase_tokens(ctx, actor):
        ent = ents.get(tok.i)
        if ent is None or ent.label_ not in ("GPE", "NORP", "LOC", "ORG"):
            continue
        # a misspelled country is often tagged ORG ("Ugnada's president")
        exact = None if ent.label_ == "ORG" else kb.demonym_country(ent.text) or kb.country_by_name(ent.text)
        country = exact or _misspelled(ctx, kb, ent.start_char, ent.text) or _place_in_phrase(ctx, tok, ent)
        if country:
            return country
    return None


def _place_in_phrase(ctx: Context, tok: Token, ent) -> str | None:
    """A province, region or city named in the actor's own phrase and resolved by the places
    stage ("the government of Balochistan province", "Darfur rebels"): its country, as the text
    says it."""
    if ent.label_ not in ("GPE", "LOC"):
        return None
    place, _ = place_at(ctx, tok)
    return place.country if place is not None and place.country else None


def _misspelled(ctx: Context, kb: ActorKB, start: int, text: str) -> str | None:
    """A country name or demonym misspelled by one letter (event_spelling), unless the tagger
    reads the word as a person's name ("Franco", "Greene")."""
    tok = next((t for t in ctx.doc.char_span(start, start + len(text), alignment_mode="expand") or ()), None)
    if tok is None or tok.ent_type_ == "PERSON":
        return None
    return misspelled_country(kb, text)


def _open(actor: Actor) -> bool:
    """An actor without a country that could have one: not a transnational sector (IGO, NGO,
    religious networks) and no organization code of its own ("IGOUNO")."""
    if actor.kind == "country" or actor.country or set(actor.sectors) - STATE_SECTORS:
        return False
    return _bare(actor.code, actor.sectors)


def _settable(actor: Actor) -> bool:
    """Actors that belong to the setting's country when nothing says otherwise: state and
    domestic sectors ("President X", "police") and groups of people; a person with no role
    says nothing of a country, and organizations without a sector may be transnational."""
    return bool(actor.sectors) or actor.kind == "group"


def _protest_places(ctx: Context, events: list) -> dict[str, str]:
    """Actor id -> the country of the place where it protested ("Prisoners rioted at a jail in
    Dili"): people protest where they live far more often than abroad."""
    country_of = {p.id: p.country for p in ctx.places if p.country}
    out: dict[str, str] = {}
    for ev in events:
        if ev.cameo[:2] == "14" and ev.source and ev.place and not ev.place_inferred and ev.place in country_of:
            out.setdefault(ev.source, country_of[ev.place])
    return out


def complete_countries(ctx: Context, kb: ActorKB, actor_ids: set[str], events: list = ()) -> list[str]:
    """Give the event actors in ``actor_ids`` that have no country one; returns the ids whose
    country was guessed (the place they protested in, the setting; own-phrase countries are
    not guesses)."""
    guessed: list[str] = []
    dominant: str | None = None
    dominant_done = False
    protested_in = _protest_places(ctx, list(events))
    for actor in ctx.actors:
        if actor.id not in actor_ids or not _open(actor):
            continue
        country = own_country(ctx, kb, actor)
        if country is not None:
            actor.country = country
            actor.code = country + (actor.code or "") if actor.sectors or not actor.code else actor.code
            continue
        if not _settable(actor):
            continue
        if actor.id in protested_in:
            actor.country, actor.country_inferred = protested_in[actor.id], True
            guessed.append(actor.id)
            continue
        if not dominant_done:
            # countries that are parties to the events are the other side, not the setting;
            # a country named only as a modifier ("Iraq's Al-Qaeda frontman") still votes
            parties = {t.i for a in ctx.actors if a.kind == "country" and a.id in actor_ids for m in a.mentions
                       for t in (ctx.doc.char_span(m.start, m.end, alignment_mode="expand") or [])}
            dominant, dominant_done = dominant_country(ctx.doc, kb, parties), True
        if dominant is not None:
            actor.country, actor.country_inferred = dominant, True
            guessed.append(actor.id)
    return guessed


def counterpart_countries(ctx: Context, events: list) -> list[str]:
    """Domestic dyads: in a protest, demand, criticism, rejection, concession, coercion or
    assault between a state or domestic-sector actor without a country and a domestic actor
    with one ("the vice-president declined to resign despite pressure by the Kenya
    Anti-Corruption Commission", "police arrested Kenyan students"), both are of that country.
    Not when the other side is a country itself ("President X threatened Russia": the other
    party) nor for cooperation, threats or sanctions, which cross borders as often as not.
    Named persons with no role count too (the dyad places them; alone they say nothing).
    Flagged ``country_inferred``; returns the ids."""
    by_id = {a.id: a for a in ctx.actors}
    done: list[str] = []
    for ev in events:
        if ev.cameo[:2] not in DOMESTIC_ROOTS or ev.source is None or ev.target is None:
            continue
        for lacking, having in ((ev.source, ev.target), (ev.target, ev.source)):
            a, b = by_id.get(lacking), by_id.get(having)
            # a named person with no role is settable here: the dyad itself places them
            # ("a judge of X ordered Y to appear", "X's court allowed candidate Y to run")
            if a is None or b is None or not _open(a) or not (_settable(a) or a.kind == "person"):
                continue
            if b.kind == "country" or not b.country or b.country_inferred:
                continue
            a.country, a.country_inferred = b.country, True
            done.append(a.id)
    return done


def place_at(ctx: Context, tok: Token):
    """The place (places stage) with a mention covering ``tok``, if any (mentions indexed by
    start once per article: the lookup runs for many slots)."""
    index = ctx.notes.get(PLACE_KEY)
    if index is None or index[0] != id(ctx.doc):
        spans = sorted(((m.start, m.end, i, p, m) for i, p in enumerate(ctx.places) for m in p.mentions),
                       key=lambda x: (x[0], x[2]))
        index = (id(ctx.doc), [x[0] for x in spans], spans)
        ctx.notes[PLACE_KEY] = index
    _, starts, spans = index
    i = bisect_right(starts, tok.idx) - 1
    # mentions do not nest much: look back a few starts for one that still covers the token
    for j in range(i, max(-1, i - 8), -1):
        start, end, _, p, m = spans[j]
        if start <= tok.idx < end:
            return p, m
    return None, None


def place_country_actor(ctx: Context, kb: ActorKB, tok: Token) -> str | None:
    """The country actor for a place named at ``tok`` ("in Tashkent" -> UZB): the article's
    actor for that country, else a new one whose mention is the place name."""
    place, mention = place_at(ctx, tok)
    if place is None:
        return None
    # the name's own country first ("South Lebanon" is Lebanon, whatever the gazetteer's pick)
    words = mention.text.split()
    if words and words[0].lower() in DIRECTIONS:
        words = words[1:]
    country = kb.country_by_name(" ".join(words)) or place.country or place_country(mention.text, kb)
    if country is None:
        return None
    for a in ctx.actors:
        if a.kind == "country" and a.country == country:
            return a.id
    used = {a.id for a in ctx.actors}
    n = len(ctx.actors) + 1
    while f"a{n}" in used:
        n += 1
    actor = Actor(id=f"a{n}", name=kb.country_name(country), kind="country", country=country, code=country,
                  mentions=[TextSpan(start=mention.start, end=mention.end, text=mention.text)])
    ctx.actors.append(actor)
    ctx.index_actors()
    ctx.notes.setdefault(NOTE_KEY, []).append(actor.id)
    return actor.id


def _residence(ctx: Context, kb: ActorKB, actor: Actor) -> str | None:
    """The country the article places things in, leaving out the actor's own words: places
    (by name, else the gazetteer's country) and demonyms outside the actor's mentions; one
    country must lead."""
    own = {(m.start, m.end) for m in actor.mentions}
    votes: Counter = Counter()
    for p in ctx.places:
        for m in p.mentions:
            if any(s <= m.start < e for s, e in own):
                continue
            country = kb.country_by_name(m.text) or p.country
            if country:
                votes[country] += 1
    for ent in ctx.doc.ents:
        if ent.label_ == "NORP" and not any(s <= ent.start_char < e for s, e in own):
            country = kb.demonym_country(ent.text)
            if country:
                votes[country] += 1
    votes.pop(actor.country, None)
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def ethnic_residence(ctx: Context, kb: ActorKB, actor_ids: set[str]) -> list[str]:
    """CAMEO codes an ethnic group by the country it lives in, not its kin state: "ethnic
    Albanians demonstrated in Serbia" are Serbia's. Groups whose phrase says "ethnic" and whose
    country is their demonym's take the article's place country when that is another one
    (flagged ``country_inferred``); returns their ids."""
    moved: list[str] = []
    for actor in ctx.actors:
        if actor.id not in actor_ids or actor.kind not in ("group", "unknown") or not actor.country:
            continue
        if not any(_ethnic(ctx, m.start, m.end) for m in actor.mentions):
            continue
        home = _residence(ctx, kb, actor)
        if home is not None:
            actor.country, actor.country_inferred = home, True
            if actor.code and actor.code[:3].isupper() and kb.country_name(actor.code[:3]) != actor.code[:3]:
                actor.code = actor.code[3:] or None  # the kin state's prefix no longer holds
            moved.append(actor.id)
    return moved


def _ethnic(ctx: Context, start: int, end: int) -> bool:
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    before = ctx.doc[span.start - 1] if span.start > 0 else None
    return any(t.lower_ == "ethnic" for t in span) or (before is not None and before.lower_ == "ethnic")
