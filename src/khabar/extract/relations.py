"""Relations between actors, read from the dependency parse, each with its evidence sentence.

Types and the phrasings that give them (inverse phrasings and appositions both work):
  leader_of        "X, leader of Y", "the leader of Y, X", "Y chief X", "Y's leader X",
                   "X, who heads Y", "X leads Y", "Y, led by X"
  spokesperson_of  "X, a spokesman for Y", "Y spokeswoman X"
  member_of        person → group: "X, a member of Y", "Y official X", "X joined Y", "Y's X"
  part_of          group → group: "Y, part of Z", "Y is a faction of Z", "Z, which includes A, B and C"
  backed_by        "Rwandan-backed M23", "Y, backed/funded/armed by Z", "Z backs/arms Y"
  allied_with      "Y, allied with Z", "Y and its ally Z", "Z-allied Y", "Y, an ally of Z"
  holds_role       person → role (value) and the country the title names (target, or null)
  based_in         "Y, based in Z", "Z-based Y" (target: the actor if Z is one, value: Z's text)

Confidence: 0.85 for appositions and titles, 0.75 for verbs, 0.6 for weaker cues ("joined",
"supports"). Actors are found through ``ctx.notes["coref"]["token_actor"]`` (see `coref`).
"""

from __future__ import annotations

from ..records import Relation, Span
from .base import Context

LEADER_NOUNS = {"leader", "head", "chief", "commander", "founder", "chairman", "chairwoman",
                "chairperson", "chair", "president", "secretary-general", "director", "boss",
                "emir", "ringleader", "mastermind", "co-founder", "general", "executive",
                "ceo"}
SPOKES_NOUNS = {"spokesman", "spokeswoman", "spokesperson"}
MEMBER_NOUNS = {"member", "official", "fighter", "militant", "operative", "activist",
                "lawmaker", "legislator", "minister", "envoy", "ambassador", "negotiator",
                "representative", "delegate", "adviser", "advisor", "aide", "loyalist"}
PART_NOUNS = {"part", "faction", "wing", "branch", "affiliate", "unit", "offshoot", "splinter",
              "arm", "component", "division", "cell", "franchise"}
ALLY_NOUNS = {"ally", "partner"}
LEAD_VERBS = {"head", "lead", "command", "chair", "run"}
BACK_VERBS = {"back", "fund", "arm", "sponsor", "finance", "support", "train", "equip"}
BACK_COMPOUNDS = {"backed", "funded", "armed", "sponsored", "financed", "supported", "trained"}
INCLUDE_VERBS = {"include", "comprise", "encompass", "bring"}


class RelationExtractor:
    """Reads relations between the actors found by the actors stage."""

    name = "relations"

    def __init__(self, settings) -> None:
        self.settings = settings

    def configure(self, nlp) -> None:
        pass

    def extract(self, ctx: Context) -> list[Relation]:
        notes = ctx.notes.get("coref") or {}
        token_actor: dict[int, str] = notes.get("token_actor") or {}
        if not ctx.actors or not token_actor:
            return []
        reader = _Reader(ctx, token_actor)
        for tok in ctx.doc:
            reader.read(tok)
        reader.roles(notes.get("roles") or [])
        return reader.relations


class _Reader:
    def __init__(self, ctx: Context, token_actor: dict[int, str]):
        self.ctx, self.doc, self.token_actor = ctx, ctx.doc, token_actor
        self.kinds = {a.id: a.kind for a in ctx.actors}
        self.relations: list[Relation] = []
        self._seen: set[tuple] = set()

    # ---- helpers ---------------------------------------------------------------------------
    def actor(self, tok) -> str | None:
        """Actor of a noun: the token itself, else its compound/appos core ("M23 rebels")."""
        if tok is None:
            return None
        found = self.token_actor.get(tok.i)
        if found:
            return found
        for child in tok.children:
            if child.dep_ in ("compound", "nmod") and child.i < tok.i:
                found = self.token_actor.get(child.i)
                if found:
                    return found
        return None

    def subject_of(self, noun):
        """Who a role noun describes: its own actor, the noun it stands in apposition to, the
        subject of "X is the leader of Y", or the antecedent of a relative clause."""
        own = self.token_actor.get(noun.i)
        if own:
            return own
        head = noun.head
        if noun.dep_ == "appos":
            return self.actor(head)
        if noun.dep_ == "attr":
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.lower_ in ("who", "which", "that") and head.dep_ == "relcl":
                return self.actor(head.head)
            return self.actor(subj)
        appos = next((c for c in noun.children if c.dep_ == "appos"), None)
        return self.actor(appos)

    def obj_of(self, noun, preps=("of", "for")):
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                return self.actor(pobj), pobj
        return None, None

    def add(self, type_: str, source, target, tok, confidence: float, value: str | None = None):
        if source is None or source == target or (target is None and value is None):
            return
        if type_ == "leader_of" and self.kinds.get(target) == "country":
            return  # "Angola's President X" is a role (holds_role), not leadership of a group
        key = (type_, source, target, value)
        if key in self._seen:
            return
        self._seen.add(key)
        sent = tok.sent
        self.relations.append(Relation(
            type=type_, source=source, target=target, value=value,
            evidence=Span(start=sent.start_char, end=sent.end_char), confidence=confidence))

    def _membership(self, member, group, tok, confidence):
        kind = "member_of" if self.kinds.get(member) == "person" else "part_of"
        self.add(kind, member, group, tok, confidence)

    # ---- patterns --------------------------------------------------------------------------
    def read(self, tok) -> None:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("NOUN", "PROPN"):
            self._role_noun(tok, lemma)
        elif tok.pos_ in ("VERB", "ADJ") or tok.dep_ in ("amod", "acl", "relcl"):
            self._verb(tok, lemma)
        if tok.text == "-" and tok.i + 1 < len(self.doc):
            self._compound(tok)
        if tok.dep_ == "poss" and tok.head.pos_ == "PROPN":
            self._possessed_name(tok)

    def _possessed_name(self, poss) -> None:
        """"Likud's Benny Begin", "Hamas's Ismail Haniyeh": an organization owning a person's
        name is the person's organization (weaker than a stated role: 0.6)."""
        org, person = self.actor(poss), self.token_actor.get(poss.head.i)
        if (org and person and org != person and self.kinds.get(person) == "person"
                and self.kinds.get(org) in ("organization", "group")):
            self.add("member_of", person, org, poss, 0.6)

    def _role_noun(self, noun, lemma: str) -> None:
        if lemma in LEADER_NOUNS | SPOKES_NOUNS | MEMBER_NOUNS:
            rel = ("leader_of" if lemma in LEADER_NOUNS else
                   "spokesperson_of" if lemma in SPOKES_NOUNS else None)
            # "Hamas leader Ismail Haniyeh": org in the title, the person it is compound to;
            # "The group's spokesman, Yahya Saree": org as possessor, the person in apposition
            person = (self.token_actor.get(noun.head.i) if noun.dep_ == "compound"
                      else self.subject_of(noun))
            org_tok = next((c for c in noun.children if c.dep_ in ("compound", "poss", "nmod", "amod")
                            and self.actor(c) and self.actor(c) != person), None)
            if person and org_tok is not None and self.kinds.get(person) == "person":
                org = self.actor(org_tok)
                if self.kinds.get(org) == "country" and not rel:
                    return  # "Rwanda's foreign minister": a role in a country (holds_role)
                if rel:
                    self.add(rel, person, org, noun, 0.85)
                else:
                    self._membership(person, org, noun, 0.75)
                return
            # "X, leader of Y", "the leader of Y, X", "X is a member of Y"
            target, _ = self.obj_of(noun)
            source = self.subject_of(noun)
            if target and source and self.kinds.get(source) == "person":
                if rel:
                    self.add(rel, source, target, noun, 0.85)
                else:
                    self._membership(source, target, noun, 0.8)
        elif lemma in PART_NOUNS:
            target, _ = self.obj_of(noun, ("of", "in", "within"))
            source = self.subject_of(noun)
            if target and source:
                self._membership(source, target, noun, 0.8)
        elif lemma in ALLY_NOUNS:
            target, _ = self.obj_of(noun, ("of", "to"))
            source = self.subject_of(noun)
            poss = next((c for c in noun.children if c.dep_ == "poss"), None)
            if target is None and poss is not None:  # "Y and its ally Z", "Y's ally Z"
                target = self.actor(poss) or self._antecedent_of(poss)
                source = self.subject_of(noun)
            if target and source:
                self.add("allied_with", source, target, noun, 0.8)

    def _antecedent_of(self, pron) -> str | None:
        return self.token_actor.get(pron.i)

    def _verb(self, verb, lemma: str) -> None:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        dobj = next((c for c in verb.children if c.dep_ in ("dobj", "attr")), None)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        agent_obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        # relative clauses and reduced relatives: "X, who heads Y"; "Y, backed by Z"
        if subj is not None and subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            subject = self.actor(verb.head)
        elif verb.dep_ in ("acl", "amod", "relcl") and subj is None:
            subject = self.actor(verb.head)
        else:
            subject = self.actor(subj)
        if lemma in LEAD_VERBS:
            if agent_obj is not None:  # "Y, led by X"
                self.add("leader_of", self.actor(agent_obj), subject, verb, 0.8)
            elif dobj is not None and self.kinds.get(subject) == "person":
                self.add("leader_of", subject, self.actor(dobj), verb, 0.75)
        elif lemma in BACK_VERBS:
            if agent_obj is not None:
                for backer in self._conjuncts(agent_obj):
                    self.add("backed_by", subject, backer, verb, 0.8)
            elif dobj is not None and lemma != "support":
                self.add("backed_by", self.actor(dobj), subject, verb, 0.7)
            elif dobj is not None and self.kinds.get(self.actor(dobj)) in ("organization", "group"):
                self.add("backed_by", self.actor(dobj), subject, verb, 0.6)
        elif lemma in ("ally", "allied", "align", "aligned"):
            target, _ = self.obj_of(verb, ("with", "to"))
            self.add("allied_with", subject, target, verb, 0.75)
        elif lemma in INCLUDE_VERBS and dobj is not None and subject:
            for member in self._conjuncts(dobj):
                self._membership(member, subject, verb, 0.75)
        elif lemma == "join" and dobj is not None and subject:
            target = self.actor(dobj)
            if self.kinds.get(target) in ("organization", "group"):
                self._membership(subject, target, verb, 0.6)
        elif lemma in ("base", "headquarter", "based", "headquartered"):
            _, place = self.obj_of(verb, ("in", "at"))
            if place is not None and subject:
                value = self.doc[place.left_edge.i:place.i + 1].text
                self.add("based_in", subject, self.actor(place), verb, 0.75, value=value)

    def _conjuncts(self, tok) -> list[str]:
        found = [self.actor(tok)] + [self.actor(c) for c in tok.conjuncts]
        return [a for a in dict.fromkeys(found) if a]

    def _compound(self, dash) -> None:
        """"Rwandan-backed M23", "Goma-based group", "Houthi-allied militia"."""
        word = self.doc[dash.i + 1]
        if dash.i == 0:
            return
        left = self.doc[dash.i - 1]
        noun = word.head if word.head.i > word.i else None
        if noun is None:
            return
        holder = self.actor(noun)
        if holder is None:
            return
        lw = word.lower_
        if lw in BACK_COMPOUNDS:
            self.add("backed_by", holder, self.token_actor.get(left.i), word, 0.85)
        elif lw in ("allied", "aligned"):
            self.add("allied_with", holder, self.token_actor.get(left.i), word, 0.8)
        elif lw == "led":
            self.add("leader_of", self.token_actor.get(left.i), holder, word, 0.7)
        elif lw == "based":
            start = left.left_edge.i if left.dep_ == "compound" else left.i
            self.add("based_in", holder, self.token_actor.get(left.i), word, 0.8,
                     value=self.doc[start:left.i + 1].text)

    def roles(self, roles: list) -> None:
        """holds_role for every role a person mention carries, with the country it names."""
        countries = {a.country: a.id for a in self.ctx.actors if a.kind == "country" and a.country}
        for actor_id, role, start, end, country in roles:
            if self.kinds.get(actor_id) != "person":
                continue
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            target = countries.get(country) if country else None
            self.add("holds_role", actor_id, target, span[0], 0.85, value=role)
