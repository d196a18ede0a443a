"""Matching event patterns on a dependency parse, and finding the source/target slots.

A trigger is a token whose lemma has patterns (verbs for verb patterns, nouns for nominal
ones). Each candidate pattern is checked against the trigger's dependents; the most specific
pattern that holds wins, and the ones that did not hold are kept with the reason
(`khabar explain` shows them as near misses). Slots are syntactic heads; `events.py` maps
them to actors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ..knowledge.cameo.patterns import EventPattern, PatternSet

SUBJ = {"nsubj", "csubj"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "obj", "attr", "oprd"}
# prepositions whose object is, by default, the one acted upon ("talks with X", "fired on X")
DEFAULT_TARGET_PREPS = ("with", "against", "on", "to", "at", "toward", "towards", "into", "upon", "over", "from")
NOMINAL_TARGET_PREPS = ("on", "against", "with", "of", "to", "into", "at", "toward", "towards", "upon", "over", "for", "between")
# prepositions introducing where an act happened (used for domestic acts with no target)
PLACE_TARGET_PREPS = ("in", "inside", "across", "throughout", "at", "near")
# intent verbs whose passive is a state of the subject ("is committed to", "is determined to")
STATIVE_INTENT = {"commit", "determine", "dedicate", "devote"}
# verbs that only carry a nominal event ("launched an attack", "held talks")
LIGHT_DEPS = {"dobj", "obj", "nsubjpass", "attr", "pobj"}


@dataclass
class Candidate:
    pattern: EventPattern
    ok: bool
    reason: str


@dataclass
class TriggerMatch:
    token: Token
    pattern: EventPattern | None
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def near_misses(self) -> list[Candidate]:
        return [c for c in self.candidates if not c.ok]


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in tok.children)


def preps_of(tok: Token, names: tuple[str, ...] | list[str] | None = None) -> list[Token]:
    """Prepositional (and agent) dependents of ``tok``, optionally restricted by word."""
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.pos_ in ("ADP", "PART", "SCONJ"):
            if names is None or c.lower_ in names:
                out.append(c)
    return out


def pobj(prep: Token) -> Token | None:
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp", "obj"):
            return c
    return None


def direct_object(tok: Token) -> Token | None:
    """The thing acted upon: the object, or the passive subject when voice is undone."""
    for c in tok.children:
        if c.dep_ in OBJ:
            return c
    for c in tok.children:
        if c.dep_ in PASS_SUBJ:
            return c
    return participle_object(tok)


def participle_object(tok: Token) -> Token | None:
    """"rejected revised Bolivian terms", "welcomed renewed US efforts": the parser takes the
    participle right after the verb (tagged VBN or VBD) for a clausal complement; with no subject or auxiliary of
    its own it is an adjective, and its object is the verb's."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.head.i != tok.i or nxt.dep_ not in ("xcomp", "ccomp") or nxt.tag_ not in ("VBN", "VBD"):
        return None
    if any(c.dep_ in SUBJ or c.dep_ in PASS_SUBJ or c.dep_ in ("aux", "auxpass", "mark") for c in nxt.children):
        return None
    return next((c for c in nxt.children if c.dep_ in ("dobj", "obj")), None)


def object_lemmas(tok: Token, prep: str | None, event_nouns: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """Lemmas that can satisfy a pattern's ``object``: the object head and its compounds, or
    the head of the required preposition's object."""
    heads: list[Token] = []
    if prep is not None:
        heads += [o for p in preps_of(tok, (prep,)) if (o := pobj(p)) is not None]
    else:
        obj = direct_object(tok)
        if obj is not None:
            heads.append(obj)
        elif tok.pos_ in ("VERB", "AUX"):
            # "allowed candidate X to run", parsed as a clausal complement with its own
            # subject: that subject is what the verb acts on
            heads += [g for c in tok.children if c.dep_ in ("ccomp", "xcomp")
                      for g in c.children if g.dep_ == "nsubj"]
    lemmas: set[str] = set()
    if prep is None and tok.pos_ in ("NOUN", "PROPN"):
        # a nominal trigger's own modifiers ("hunger strike", "suicide bombing", "air raid")
        # and its of-object ("the release of prisoners")
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod"):
                lemmas.update((c.lemma_.lower(), c.lower_))
        heads += [o for p in preps_of(tok, ("of",)) if (o := pobj(p)) is not None]
    # "a state of emergency", "part of a military aid program", "25,000 tons of food aid":
    # the of-object of the object counts too, unless the object is itself an event noun
    # ("the withdrawal of troops" is a withdrawal, not troops)
    heads += [o for h in list(heads) if h.lemma_.lower() not in event_nouns
              for p in preps_of(h, ("of",)) if (o := pobj(p)) is not None]
    for h in heads:
        # lemma and surface form both count: "talks" lemmatizes to "talk", "ties" to "tie"
        mods = [c for c in h.children if c.dep_ in ("compound", "amod")]
        # "opposition leader Amos X": the title's own compound describes the object too
        mods += [g for c in mods if c.dep_ == "compound" for g in c.children if g.dep_ == "compound"]
        for t in [h, *mods, *h.conjuncts]:
            lemmas.add(t.lemma_.lower())
            lemmas.add(t.lower_)
    return lemmas


def subject_lemmas(tok: Token) -> set[str]:
    """Lemmas that can satisfy a pattern's ``subject``: the subject head, its compounds and
    modifiers, and its of-object ("the first contingent of peacekeeping troops")."""
    subj = _subject(tok) if tok.pos_ in ("VERB", "AUX") else None
    if subj is None:
        return set()
    heads = [subj, *(o for p in preps_of(subj, ("of",)) if (o := pobj(p)) is not None)]
    lemmas: set[str] = set()
    for h in heads:
        for t in [h, *(c for c in h.children if c.dep_ in ("compound", "amod"))]:
            lemmas.update((t.lemma_.lower(), t.lower_))
    return lemmas


def complement_modals(tok: Token) -> set[str]:
    """Modals of the verb's clausal complement: "said Sudan [must] return", "[has to] leave"."""
    found: set[str] = set()
    for c in tok.children:
        if c.dep_ not in ("ccomp", "xcomp"):
            continue
        for g in c.children:
            if g.dep_ == "aux":
                found.add(g.lower_)
        if c.lemma_ in ("have", "need") and any(g.dep_ == "xcomp" for g in c.children):
            found.add(c.lemma_ + " to")
    return found


def check(pattern: EventPattern, tok: Token, event_nouns: frozenset[str] | set[str] = frozenset()) -> tuple[bool, str]:
    """Does ``pattern`` hold at ``tok``? Returns (ok, reason) — the reason names what failed."""
    if pattern.particle and not any(c.dep_ == "prt" and c.lower_ == pattern.particle for c in tok.children):
        return False, f"needs particle '{pattern.particle}'"
    if pattern.prep and not any(p.i > tok.i or pattern.kind == "noun" for p in preps_of(tok, (pattern.prep,))):
        # a verb's prepositional complement follows it: "With the signing of the deal, X and Y
        # agreed to ..." is a fronted adverbial, not "agree with"
        return False, f"needs preposition '{pattern.prep}'"
    if pattern.object:
        found = object_lemmas(tok, pattern.prep, event_nouns)
        if not found.intersection(pattern.object):
            shown = ", ".join(sorted(found)) or "none"
            return False, f"object must be one of {pattern.object[:4]}{'…' if len(pattern.object) > 4 else ''} (found: {shown})"
    if pattern.subject:
        found = subject_lemmas(tok)
        if not found.intersection(pattern.subject):
            return False, f"subject must be one of {pattern.subject[:4]} (found: {', '.join(sorted(found)) or 'none'})"
    if pattern.complement_modal and not complement_modals(tok).intersection(pattern.complement_modal):
        return False, f"complement needs a modal {pattern.complement_modal}"
    if pattern.intransitive and any(c.dep_ in OBJ or c.dep_ in PASS_SUBJ for c in tok.children):
        return False, "needs no object"
    if pattern.passive is not None and is_passive(tok) != pattern.passive:
        return False, "needs passive voice" if pattern.passive else "needs active voice"
    return True, "constraints hold"


def trigger_kind(tok: Token) -> str | None:
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
        return "verb"
    if tok.pos_ in ("NOUN", "PROPN") and tok.tag_ not in ("NNP", "NNPS"):
        return "noun"
    return None


def match(tok: Token, patterns: PatternSet) -> TriggerMatch | None:
    """The best pattern at ``tok`` (most specific first, then file order), with near misses."""
    kind = trigger_kind(tok)
    if kind is None:
        return None
    cands = patterns.candidates(kind, tok.lemma_.lower())
    if not cands:
        return None
    results = [Candidate(p, *check(p, tok, patterns.event_nouns)) for p in cands]
    best = None
    for c in results:
        if c.ok and (best is None or c.pattern.specificity > best.specificity):
            best = c.pattern
    return TriggerMatch(tok, best, results)


# ---- slots ---------------------------------------------------------------------------------

def _subject(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in SUBJ:
            return c
    return None


def governor(tok: Token) -> Token | None:
    """The verb ``tok`` is the complement of ("vowed to [retaliate]", "urged X to [release]")."""
    if tok.dep_ in ("xcomp", "ccomp") and tok.head is not tok:
        return tok.head
    return None


def verb_source(tok: Token, depth: int = 0) -> Token | None:
    """Who acts: the subject; for conjoined verbs the first verb's subject; for control
    complements the governor's object ("urged Iran to release") or else its subject."""
    if depth > 6:
        return None
    if is_passive(tok):
        for p in preps_of(tok, ("by",)):
            if p.dep_ == "agent" or p.lower_ == "by":
                return pobj(p)
        return None
    subj = _subject(tok)
    if subj is not None and subj.lower_ not in ("who", "which", "that"):
        return subj
    if tok.dep_ == "relcl" and (subj is not None or not any(c.dep_ in OBJ for c in tok.children)):
        return tok.head  # "the rebels who attacked the town"
    if tok.dep_ == "conj":
        return verb_source(tok.head, depth + 1)
    if tok.dep_ in ("xcomp", "ccomp", "advcl") and tok.head is not tok:
        gov = tok.head
        if tok.dep_ == "xcomp":
            obj = next((c for c in gov.children if c.dep_ in ("dobj", "obj")), None)
            if obj is not None and obj.i < tok.i and is_passive(gov) is False:
                return obj
        return verb_source(gov, depth + 1)
    if tok.dep_ == "acomp" and tok.head is not tok:  # "is ready/willing/prepared to X": the copula's subject
        return verb_source(tok.head, depth + 1)
    if tok.dep_ == "acl":  # "troops stationed in X", "forces loyal to Y": head noun acts
        return tok.head if not any(c.dep_ == "auxpass" for c in tok.children) else None
    return None


def stative_subject(tok: Token, pattern: EventPattern) -> Token | None:
    """"X is committed to Y", "X was determined to Y": these passive intent verbs with no
    agent describe the subject's own resolve; the subject is the source, not a target. Other
    intent verbs in the passive are true passives (a rally that "is planned", a levy that "was
    intended to" raise funds: the subject is what was planned)."""
    if pattern.governs != "intent" or tok.lemma_.lower() not in STATIVE_INTENT or not is_passive(tok) \
            or any(p.lower_ == "by" for p in preps_of(tok)):
        return None
    # the parser sometimes hangs that subject on the auxiliary ("Norway is committed")
    near = [*tok.children, *(g for c in tok.children if c.dep_ in ("aux", "auxpass") for g in c.children)]
    return next((c for c in near if c.dep_ in SUBJ or c.dep_ in PASS_SUBJ), None)


def verb_targets(tok: Token, pattern: EventPattern) -> list[Token]:
    """Who may be acted upon, best first, following the pattern's ``target`` rule (passives
    undone). The caller takes the first candidate that is an actor, so "launched an attack on
    X" reaches X through the object's own preposition."""
    if pattern.target == "none":
        return []
    preps = tuple(pattern.target_prep) or ((pattern.prep,) if pattern.prep else ())
    out: list[Token] = []
    if pattern.target == "prep":
        return [o for p in preps_of(tok, preps or DEFAULT_TARGET_PREPS) if (o := pobj(p)) is not None]
    obj = direct_object(tok)
    if is_passive(tok):
        obj = next((c for c in tok.children if c.dep_ in PASS_SUBJ), None)
        if obj is not None and obj.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
            obj = tok.head
    if pattern.target == "object":
        return [obj] if obj is not None else []
    for c in tok.children:
        if c.dep_ == "dative":
            o = pobj(c) if c.pos_ == "ADP" else c
            if o is not None:
                out.append(o)
    if obj is not None and not pattern.object:
        out.append(obj)
    out += [o for p in preps_of(tok, preps or DEFAULT_TARGET_PREPS) if (o := pobj(p)) is not None]
    if obj is not None and pattern.target_of_object:
        # the author of a proposal, call or offer: "an Indian proposal", "calls by X", "X's offer"
        out += [c for c in obj.children if c.dep_ in ("poss", "amod", "compound")]
        out += [o for p in preps_of(obj, ("by", "from")) if (o := pobj(p)) is not None]
    if obj is not None:
        # the object's own preposition: "launched an attack on X", "signed a deal with X"
        out += [o for p in preps_of(obj, preps or NOMINAL_TARGET_PREPS) if p.lower_ != "of" and (o := pobj(p)) is not None]
        if obj not in out:
            out.append(obj)
    if tok.dep_ == "relcl" and not is_passive(tok) and _subject(tok) is not None:
        out.append(tok.head)  # "the town that rebels attacked"
    # last resort, one level deeper: "welcomed a resumption of ties with X", "reneged on his
    # commitment to X" — the preposition of the object's of-complement or of a prep object
    inner = [o for p in preps_of(obj, ("of",)) if (o := pobj(p)) is not None] if obj is not None else []
    inner += [o for o in out if o.dep_ == "pobj" and o.pos_ == "NOUN"]
    for h in inner:
        out += [o for p in preps_of(h, NOMINAL_TARGET_PREPS) if p.lower_ != "of" and (o := pobj(p)) is not None
                and o not in out]
    return out


def noun_slots(tok: Token, pattern: EventPattern) -> tuple[list[Token], list[Token]]:
    """Sources and targets of a nominal trigger ("Israel's attack on Gaza", "talks between A
    and B", "the arrest of X by police", "[rebels] launched an attack on [X]")."""
    sources: list[Token] = []
    targets: list[Token] = []
    preps = tuple(pattern.target_prep) or NOMINAL_TARGET_PREPS
    for p in preps_of(tok):
        o = pobj(p)
        if o is None:
            continue
        if p.lower_ == "by":
            sources.append(o)
        elif p.lower_ == "between":
            sources.append(o)
            targets.extend(o.conjuncts[:1])
        elif p.lower_ in preps and not targets and pattern.target != "none":
            targets.append(o)
    if not sources:
        # "Israel's attack", "a Russian air strike", "US drone strikes" (modifier of a modifier)
        mods = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod")]
        mods += [g for c in mods if c.dep_ == "compound" for g in c.children if g.dep_ in ("compound", "amod")]
        for c in mods:
            if c.dep_ == "poss" or c.ent_type_ in ("NORP", "GPE", "ORG"):
                sources.append(c)
                break
    if not sources:
        head = tok.head
        if tok.dep_ in LIGHT_DEPS and head is not tok:
            if tok.dep_ == "pobj":  # "took part in talks with X"
                head = head.head
                if head.pos_ == "NOUN" and head.dep_ in ("dobj", "obj") and tok.head.lower_ == "of":
                    head = head.head  # "launched ten days of war games": the quantity's verb
            if head.pos_ in ("VERB", "AUX"):
                s = verb_source(head)
                if s is not None:
                    sources.append(s)
        elif tok.dep_ in ("nsubj",) and pattern.target != "none":
            pass  # "talks with X began": no source known beyond the target
    return sources, targets
