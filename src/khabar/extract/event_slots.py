"""Who did it and to whom: mapping a fired pattern's syntactic slots to actor ids.

Slots are found by `event_patterns` (subject, object, prepositional objects, control verbs,
passive agents); here each slot head is searched breadth-first for an actor mention
(`ctx.actor_at`), one actor per coordinated conjunct, and governing verbs share actors with the
acts they govern.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Token

from ..knowledge.actors import ActorKB
from ..knowledge.cameo.patterns import EventPattern
from .base import Context
from .event_countries import place_country_actor
from .event_patterns import (
    PLACE_TARGET_PREPS,
    TriggerMatch,
    noun_slots,
    pobj,
    preps_of,
    stative_subject,
    verb_source,
    verb_targets,
)

# dependents an actor name can hide under inside a slot ("the Israeli army", "officials of
# Hungary", "Russia's foreign minister"); relative clauses and other events are not followed
SLOT_DEPS = {"compound", "amod", "nmod", "poss", "appos", "flat", "npadvmod", "nummod", "det", "quantmod"}
SLOT_PREPS = {"of", "from"}
# prepositions of a participle that ties a target to a place ("a bridge leading into Baidoa")
ACL_PLACE_PREPS = ("into", "to", "toward", "towards")
MAX_PAIRS = 4  # sources x targets per trigger: coordination, not lists, makes events
# roots whose acts happen *in* a place to its people when no one else is named ("rioted in
# Serbia", "imposed a curfew in Turkey"): protest, force posture, coercion, violence
LOCATIVE_TARGET_ROOTS = {"14", "15", "17", "18", "19", "20"}
# acts whose unnamed agent is the authority or armed actor of the place they happen in
# (investigations, arrests, expulsions, bombings): "was arrested in Lebanon" is Lebanon's
AUTHORITY_ROOTS = {"09", "16", "17", "18", "19", "20"}
# yielding and sanctions with no target apply to where they happen ("in X": actor or place)
PLACE_TARGET_ROOTS = {"08", "16"}
# roots of concessions and hostile acts (yield, threaten, protest, posture, reduce relations,
# coerce, violence), whose target when no slot names one is the nearest actor of their own
# clause (purpose and result clauses: "struck to demand X's resignation", "opened fire to
# disperse demonstrators"). Cooperative and verbal roots are left out: their clauses name
# topics more often than targets (measured: all roots scored lower on PLOVER dev).
CLAUSE_TARGET_ROOTS = {"08", "13", "14", "15", "16", "17", "18", "19", "20"}
# governors whose target is the one asked to act ("demanded that the US cancel ...")
ASKING = {"demand", "appeal"}
PRONOUNS = {"he", "she", "it", "they", "we"}
QUANTITY_NOUNS = {"hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "million", "millions", "ten",
                  "tens", "score", "scores", "group", "number", "crowd", "some", "many", "most", "all", "several"}
REPORT_VERBS = {"say", "report", "tell", "add", "state", "announce", "claim", "confirm", "quote"}
# markers of contrastive clauses: another scene, not the act's purpose or cause ("mobilized
# reservists while inspectors said ..."); "as/until/after" clauses often name the target
# ("blocked roads as they tried to overthrow the government") and are kept
TIME_MARKS = {"while", "whereas", "although", "though"}
# what a state sends, withdraws or recalls: its own, never the target ("withdrew its troops")
OWN_NOUNS = {"troop", "force", "soldier", "army", "reservist", "ambassador", "envoy", "diplomat", "citizen",
             "national", "staff", "personnel", "peacekeeper", "unit", "warship", "ship", "aircraft", "plane",
             "tank", "navy", "delegation", "representative", "observer", "monitor", "reserve",
             "contingent", "battalion", "brigade", "division", "fleet", "jet", "helicopter", "mission"}
# verbs whose object is sent or moved by the source ("expelled diplomats" is not one: there the
# object is the target)
SENDING_VERBS = {"send", "deploy", "dispatch", "withdraw", "pull", "mobilize", "mobilise", "station", "move",
                 "redeploy", "recall", "evacuate"}
# documents that speak for whoever issued them ("issued a statement demanding ...")
STATEMENT_NOUNS = {"statement", "declaration", "communique", "communiqué", "letter", "resolution", "message",
                   "note", "appeal", "announcement", "ultimatum"}


@dataclass
class Hit:
    """One fired pattern at one trigger, with everything `khabar explain` shows."""

    token: Token
    pattern: EventPattern
    match: TriggerMatch | None
    cameo: str
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    source_token: Token | None = None
    target_token: Token | None = None
    governed_by: Hit | None = None
    embeds: Hit | None = None
    derived: str | None = None  # "intent"/"threaten" when coded from a future statement
    modality: str = "asserted"
    modality_cue: str | None = None
    reported_by: str | None = None
    confidence: float = 0.0
    note: str = ""

    @property
    def pattern_id(self) -> str:
        return f"{self.pattern.id}+{self.derived}" if self.derived else str(self.pattern.id)


def _informative(ctx: Context, actor_id: str) -> bool:
    a = ctx.actor(actor_id)
    return a is not None and bool(a.code or a.country or a.sectors)


def _counts_others(tok: Token) -> bool:
    """A quantity or collective with an of-complement ("Hundreds of miners", "a group of
    refugees"): the complement says who acts."""
    if not (tok.like_num or tok.lemma_.lower() in QUANTITY_NOUNS):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def _actor_in(ctx: Context, tok: Token, budget: int = 40) -> tuple[str | None, Token | None]:
    """Breadth-first over the slot's modifiers: the closest token that is an actor mention.
    A bare quantity or collective ("Hundreds of Peruvian students", "a group of refugees")
    yields to a deeper actor of the same phrase that says who they are, and so does a
    possessive pronoun: it names the owner, not who the phrase is ("its Mercosur
    partners", "their Kurdish allies")."""
    def modifiers(cur: Token) -> Iterator[Token]:
        return (c for c in cur.children if c.dep_ in SLOT_DEPS or (c.dep_ == "prep" and c.lower_ in SLOT_PREPS)
                or (c.dep_ == "pobj" and cur.dep_ == "prep"))

    first: tuple[str | None, Token | None] = (None, None)
    for cur in _breadth_first([tok], modifiers, budget):
        actor = ctx.actor_at(cur.idx, cur.idx + len(cur))
        if actor is not None and actor != first[0]:
            if _informative(ctx, actor) and not _counts_others(cur) and not (cur.dep_ == "poss" and cur.pos_ == "PRON"):
                return actor, cur
            if first[0] is None:
                first = (actor, cur)
    return first


def _breadth_first(starts: Iterable[Token], expand: Callable[[Token], Iterable[Token]], budget: int,
                   seen: Iterable[int] = ()) -> Iterator[Token]:
    """Tokens breadth-first from ``starts``, each once, following ``expand``; at most ``budget``
    queue entries are taken (a long sentence never costs more than that)."""
    queue, done = deque(starts), set(seen)
    while queue and budget > 0:
        cur = queue.popleft()
        budget -= 1
        if cur.i in done:
            continue
        done.add(cur.i)
        yield cur
        queue.extend(expand(cur))


def slot_actors(ctx: Context, head: Token | None) -> list[str]:
    """Actor ids in a slot, one per coordinated conjunct ("A and B signed" -> [A, B])."""
    if head is None:
        return []
    found: list[str] = []
    for conj in [head, *head.conjuncts][:MAX_PAIRS]:
        actor, at = _actor_in(ctx, conj)
        if actor is None:
            continue
        for a in [actor] + [ctx.actor_at(c.idx, c.idx + len(c)) for c in at.conjuncts if c.i != conj.i]:
            if a is not None and a not in found:
                found.append(a)
    return found[:MAX_PAIRS]


def complement_subject(tok: Token) -> Token | None:
    """Who is asked to act: the subject of a that-clause ("demanded that the US cancel"), the
    object of object control ("urged Iran to free"), or the by-phrase of a nominal demand."""
    for c in tok.children:
        if c.dep_ in ("ccomp", "xcomp"):
            subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return subj
    for c in tok.children:
        if c.dep_ in ("dobj", "obj"):
            for p in preps_of(c, ("by", "from", "of")):
                if (o := pobj(p)) is not None:
                    return o
    return None


def locative_target(ctx: Context, h: Hit, kb: ActorKB | None = None) -> list[str]:
    """An actor named as where a domestic act happened ("rioted in Serbia"), else the
    country of the place named there ("imposed a curfew in Tashkent" -> UZB)."""
    for p in preps_of(h.token, PLACE_TARGET_PREPS):
        o = pobj(p)
        if o is not None:
            found = [a for a in slot_actors(ctx, o) if a not in h.sources]
            if found:
                return found[:1]
    if kb is None:
        return []
    # the place may hang on the act's object: "imposed a curfew in Tashkent"
    objs = [c for c in h.token.children if c.dep_ in ("dobj", "obj")]
    for p in preps_of(h.token, PLACE_TARGET_PREPS) + [q for o in objs for q in preps_of(o, PLACE_TARGET_PREPS)]:
        o = pobj(p)
        # "in the northern city of Kirkuk": the name is the "of" complement of a place noun
        for cand in [o] + ([pobj(q) for q in preps_of(o, ("of",))] if o is not None else []):
            if cand is None:
                continue
            country = place_country_actor(ctx, kb, cand)
            if country is not None and country not in h.sources:
                h.note = (h.note + "; " if h.note else "") + "target: the country of the place it happened in"
                return [country]
    return []


def clause_target(ctx: Context, h: Hit, budget: int = 60) -> list[str]:
    """The nearest other actor inside the act's own clause, breadth-first ("blocked roads to
    press demands from President X", "opened fire to disperse demonstrators"): a domestic act
    with no object is aimed at whoever its purpose clause names. The subject's subtree is
    skipped: it holds the source."""
    start = h.token
    if h.pattern.kind == "noun" and h.token.dep_ in ("dobj", "obj") and h.token.head.pos_ in ("VERB", "AUX"):
        start = h.token.head  # "staged demonstrations to demand X": the light verb's clause
    starts = [c for c in start.children if c.dep_ not in ("nsubj", "nsubjpass", "punct", "relcl")
              and not _other_clause(c)]

    def inside(cur: Token) -> Iterator[Token]:
        return (c for c in cur.children if c.dep_ not in ("relcl", "punct") and not _other_clause(c))

    for cur in _breadth_first(starts, inside, budget, seen=(start.i,)):
        actor = ctx.actor_at(cur.idx, cur.idx + len(cur))
        if actor is not None and actor not in h.sources:
            return [actor]
    return []


def _other_clause(tok: Token) -> bool:
    """A clause with its own setting, not the act's purpose: "while inspectors said ...",
    coordinated clauses with their own subject, and the report of the act ("..., witnesses
    said": the witnesses are not its target)."""
    if tok.dep_ == "parataxis" or (tok.dep_ in ("ccomp", "advcl") and tok.lemma_.lower() in REPORT_VERBS):
        return True
    if _misparsed_report(tok):
        return True
    if tok.dep_ == "advcl":
        return any(m.dep_ == "mark" and m.lower_ in TIME_MARKS for m in tok.children)
    if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX"):
        return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    return False


def pronoun_antecedent(ctx: Context, tok: Token | None, pron: Token | None) -> list[str]:
    """The actor a subject pronoun stands for when coreference left it bare: the subject of
    the clause that reports or governs it ("Syria says it is willing to withdraw", "President X
    said he is prepared to lift the ban"), up to three clauses up; "he"/"she" need a person."""
    if tok is None or pron is None or pron.lower_ not in PRONOUNS:
        return []
    cur = tok
    for _ in range(3):
        if cur.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "acomp") or cur.head is cur:
            return []
        cur = cur.head
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.lower_ in PRONOUNS:
            continue
        found = slot_actors(ctx, subj)
        if not found:
            return []
        actor = ctx.actor(found[0])
        personal = pron.lower_ in ("he", "she")
        if actor is not None and personal != (actor.kind == "person"):
            return []
        return found[:1]
    return []


def statement_author(tok: Token) -> Token | None:
    """"X issued a statement demanding ...": the one who issued the statement acts."""
    if tok.dep_ != "acl" or tok.head.lemma_.lower() not in STATEMENT_NOUNS:
        return None
    noun = tok.head
    for p in preps_of(noun, ("by", "from")):
        if (o := pobj(p)) is not None:
            return o
    if noun.dep_ in ("dobj", "obj") and noun.head.pos_ in ("VERB", "AUX"):
        return verb_source(noun.head)
    return None


def place_target(ctx: Context, kb: ActorKB | None, cands: list[Token], sources: list[str]) -> tuple[Token | None, list[str]]:
    """A target slot that names a place and no actor ("the invasion of South Lebanon",
    "shelled Kabul"): CAMEO codes the place's country."""
    if kb is None:
        return None, []
    for cand in cands:
        # the slot itself ("shelled Kabul"), else where it is ("fired at targets in Jericho",
        # "will evacuate the settlements in the Gaza Strip")
        # or where it leads ("a bridge leading into Baidoa", "a pipeline running to X")
        tied = [a for a in cand.children if a.dep_ == "acl" and a.tag_ in ("VBG", "VBN")]
        places = [o for p in preps_of(cand, PLACE_TARGET_PREPS) if (o := pobj(p)) is not None]
        places += [o for t in tied for p in preps_of(t, PLACE_TARGET_PREPS + ACL_PLACE_PREPS) if (o := pobj(p)) is not None]
        for tok in [cand, *places]:
            actor = place_country_actor(ctx, kb, tok)
            if actor is not None and actor not in sources:
                return cand, [actor]
    return None, []


def _own(ctx: Context, tok: Token, sources: list[str]) -> bool:
    """An object possessed by the source ("its troops", "their own forces")."""
    if tok.lemma_.lower() not in OWN_NOUNS:
        return False  # "attacked their rivals": possessed, but another party
    for c in tok.children:
        if c.dep_ == "poss":
            if c.lower_ in ("its", "their", "his", "her", "our"):
                return bool(sources) and ctx.actor_of_span(c) in (None, *sources)
            return ctx.actor_of_span(c) in sources if sources else False
    return False


def _sent(h: Hit, cand: Token) -> bool:
    """The object of a sending verb ("send peacekeepers", "mobilized reservists", "recalled
    its ambassador"): the source's own people, not the target."""
    return h.token.lemma_.lower() in SENDING_VERBS and cand.head.i == h.token.i \
        and cand.dep_ in ("dobj", "obj") and cand.lemma_.lower() in OWN_NOUNS


def fill_slots(h: Hit, ctx: Context, kb: ActorKB | None = None) -> None:
    if h.pattern.kind == "verb":
        src = stative_subject(h.token, h.pattern) or verb_source(h.token)
        author = statement_author(h.token) if src is not None and src.i == h.token.head.i else None
        if author is not None:
            src = author
        h.source_token = src
        h.sources = slot_actors(ctx, src)
        if not h.sources:
            h.sources = pronoun_antecedent(ctx, h.token, src)
        if h.pattern.governs in ASKING:
            cands = [c for c in (complement_subject(h.token),) if c is not None]
            cands += verb_targets(h.token, h.pattern)
        else:
            cands = verb_targets(h.token, h.pattern)
        # "threatened to strike X, a Saudi-owned weekly reports": the report is no object
        cands = [c for c in cands if not _misparsed_report(c, h.token)]
        for cand in cands:
            if _own(ctx, cand, h.sources) or _sent(h, cand):
                continue  # "withdrew its troops from X", "sent peacekeepers": the source's own
            found = [a for a in slot_actors(ctx, cand) if a not in h.sources]
            if found:
                h.target_token, h.targets = cand, found
                break
        if not h.targets:
            h.target_token, h.targets = place_target(ctx, kb, cands, h.sources)
    else:
        srcs, tgts = noun_slots(h.token, h.pattern)
        h.source_token = srcs[0] if srcs else None
        h.target_token = tgts[0] if tgts else None
        for s in srcs:
            h.sources += [a for a in slot_actors(ctx, s) if a not in h.sources]
        if not h.sources and srcs and srcs[0].dep_ == "poss" and srcs[0].pos_ == "PRON":
            # "continued their hunger strike": a possessive pronoun the coreference left bare
            # is the light verb's subject
            h.sources = pronoun_antecedent(ctx, h.token, srcs[0]) or _light_verb_sources(ctx, h.token)
        for t in tgts:
            h.targets += [a for a in slot_actors(ctx, t) if a not in h.targets and a not in h.sources]
        if not h.targets and tgts:
            h.target_token, h.targets = place_target(ctx, kb, tgts, h.sources)
        if not h.sources and h.governed_by is not None:
            h.sources = list(h.governed_by.targets or h.governed_by.sources)
    if h.governed_by is not None and not h.sources:
        h.sources = list(h.governed_by.sources)
    if not h.sources and h.cameo[:2] in AUTHORITY_ROOTS and h.governed_by is None and kb is not None:
        # "was arrested in Lebanon", "was placed under inquiry in Peru", "a bombing near
        # Samarra killed ...": no agent named; CAMEO gives the act to the place's country
        found = [a for a in locative_target(ctx, h, kb) if a not in h.targets
                 and (ctx.actor(a) is not None and ctx.actor(a).kind == "country")]
        if found:
            h.sources = found
            h.note = (h.note + "; " if h.note else "") + "source: the country of the place (no agent named)"
    if not h.targets and h.cameo[:2] in LOCATIVE_TARGET_ROOTS and h.pattern.target != "none":
        h.targets = locative_target(ctx, h, kb)
    if not h.targets and h.cameo[:2] in CLAUSE_TARGET_ROOTS and h.pattern.target != "none" and h.sources:
        h.targets = clause_target(ctx, h)
        if h.targets:
            h.note = (h.note + "; " if h.note else "") + "target from the act's own clause"
    if not h.targets and h.cameo[:2] in PLACE_TARGET_ROOTS and h.pattern.target != "none":
        # "lifted the state of emergency in X", "suspended aid deliveries in X": the easing or
        # sanction applies to the place's country
        h.targets = locative_target(ctx, h, kb)


def _misparsed_report(cand: Token, trigger: Token | None = None) -> bool:
    """A trailing report the parser took for an object: "…, a Saudi-owned weekly reports"."""
    if cand.dep_ not in ("dobj", "obj") or cand.lemma_.lower() not in REPORT_VERBS:
        return False
    if trigger is not None and cand.head.i != trigger.i:
        return False
    left = cand.left_edge
    return left.i > cand.head.i and left.i > 0 and left.doc[left.i - 1].text == ","


def _light_verb_sources(ctx: Context, tok: Token) -> list[str]:
    """Actors of the subject of the verb whose object the nominal is ("continued their strike")."""
    head = tok.head
    if tok.dep_ not in ("dobj", "obj") or head.i == tok.i or head.pos_ not in ("VERB", "AUX"):
        return []
    subj = verb_source(head)
    return slot_actors(ctx, subj) if subj is not None else []


def condition_subject(*toks: Token) -> Token | None:
    """Whom a conditional threat is aimed at: "... unless Baghdad accepts", "if the US goes
    ahead" — an if/unless clause anywhere inside the threat (bounded)."""
    for tok in toks:
        for c in list(tok.subtree)[:80]:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
                subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    return subj
    return None


def inherit_source_from_governor(h: Hit) -> None:
    """An embedded act with no subject of its own is done by the one asked (demand, appeal)
    or else by the governor's source ("claimed responsibility for the bombing")."""
    gov = h.governed_by
    if gov is None or h.sources:
        return
    if (gov.derived or gov.pattern.governs) in ASKING and gov.targets:
        h.sources = list(gov.targets)
    else:
        h.sources = list(gov.sources)
    h.targets = [t for t in h.targets if t not in h.sources]


def inherit_from_embedded(h: Hit, ctx: Context) -> None:
    """A governor without its own target takes it from the act it governs: the target of an
    intent or threat ("vowed to retaliate against X"), the actor asked to act for a demand or
    appeal ("demanded the withdrawal of X's troops" -> X)."""
    emb = h.embeds
    if emb is None or h.targets:
        return
    cls = h.derived or h.pattern.governs
    if cls == "threaten":
        subj = condition_subject(h.token, emb.token)
        if subj is not None:
            h.targets = [a for a in slot_actors(ctx, subj) if a not in h.sources]
            if h.targets:
                return
    if cls in ASKING:
        h.targets = [a for a in emb.sources if a not in h.sources] or [t for t in emb.targets if t not in h.sources]
    else:
        h.targets = [t for t in emb.targets if t not in h.sources]
