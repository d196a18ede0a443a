"""National teams in sports reports: "Ghana beat Nigeria 2-1" is a match, not an assault.

In a match report a country's name stands for its national team. Read as the state, the report
turns into interstate events (the verb "beat" codes as an assault) and the country's players into
officers and labour activists ("captain", "striker"). This module runs on the actors the actors
stage built and, when the document is a sports report, re-reads them:

  * a sports report has at least three distinct cue words of knowledge/actors/sports.yaml
    ("striker", "referee", "half-time", "semi-final"…), or two and a score line ("Ghana 2 – 1
    Nigeria"); words with a common political sense ("goal", "game", "penalty") are no cues;
  * a country actor is a team when at least one of its name mentions, and half of them, is used as
    a team: subject or object of a team verb ("X faced Y", "beat Y"), after "for"/"against" with a
    sports head ("scored for X", "the match against X"), before a player noun ("X's goalkeeper",
    "X coach"), or beside a score ("X 2 – 1 Y"). A country named once as a team in a long
    political story stays the state;
  * a team becomes an organization named "<country> national team", with the country kept and the
    sector CVL (PETRARCH's Phoenix agents code athletes as civilians); its id goes in
    ``ctx.notes["coref"]["teams"]`` so the events stage codes no event between teams;
  * people whose roles are player nouns ("captain", "striker") lose the state sector the noun has
    elsewhere and become CVL too.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Token

from ..knowledge.actors import ActorKB
from ..knowledge.actors.sports import sports_words
from ..records import Actor, TextSpan
from .coref import CorefNotes

SCORE = re.compile(r"^\d{1,2}(?:[-–—:]\d{1,2})?$")
DASHES = {"-", "–", "—", ":"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
OBJECTS = {"dobj", "obj"}
MODIFIERS = {"poss", "compound", "nmod", "amod"}
MIN_CUES = 3
TEAM_SHARE = 0.4
TEAM_SECTOR = "CVL"


def _cues(doc: Doc, cues: frozenset[str]) -> int:
    return len({w for t in doc for w in (t.lower_, t.lemma_.lower()) if w in cues})


def _score_at(doc: Doc, i: int, step: int) -> bool:
    """A score next to token ``i`` on the side ``step`` (+1 after, -1 before): "2 – 1" or "2-1"."""
    j = i + step
    if not 0 <= j < len(doc):
        return False
    if re.fullmatch(r"\d{1,2}[-–—:]\d{1,2}", doc[j].text):
        return True
    k, m = j + step, j + 2 * step
    return (0 <= m < len(doc) and SCORE.match(doc[j].text) is not None and doc[k].text in DASHES
            and SCORE.match(doc[m].text) is not None)


def has_score_line(doc: Doc) -> bool:
    """A capitalized name next to a score somewhere in the document ("Ghana 2 – 1 Nigeria")."""
    return any(t.text[:1].isupper() and t.pos_ == "PROPN" and (_score_at(doc, t.i, 1) or _score_at(doc, t.i, -1))
               for t in doc)


def is_sports_report(doc: Doc) -> bool:
    """Enough distinct sports cues (see the module docstring)."""
    cues = _cues(doc, sports_words()["cue"])
    return cues >= MIN_CUES or (cues >= MIN_CUES - 1 and has_score_line(doc))


def _governing(tok: Token) -> Token:
    """The token whose relation to its head says how a listed name is used: "Ghana, Senegal and
    Morocco advanced" — each conjunct is used as the first one is."""
    seen = 0
    while tok.dep_ in ("conj", "appos") and tok.head is not tok and seen < 10:
        tok, seen = tok.head, seen + 1
    return tok


def team_use(doc: Doc, start: int, end: int) -> bool:
    """Is the name at tokens [start, end) used as a team (see the module docstring)?"""
    words = sports_words()
    span = doc[start:end]
    if _score_at(doc, end - 1, 1) or _score_at(doc, start, -1):
        return True
    tok = _governing(span.root)
    head = tok.head
    if tok.dep_ in SUBJECTS | OBJECTS and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in words["verb"]:
        return True
    if tok.dep_ in SUBJECTS and any(c.dep_ in OBJECTS and c.lemma_.lower() in words["object"] for c in head.children):
        return True  # "X started the match", "X opened the scoring"
    if tok.dep_ == "pobj" and head.lower_ in ("for", "against"):
        governor = head.head
        return governor.lemma_.lower() in words["for"] | words["verb"]
    if tok.dep_ == "pobj" and head.dep_ == "agent":  # "defeated by Ghana"
        return head.head.lemma_.lower() in words["verb"]
    return tok.dep_ in MODIFIERS and head.lemma_.lower() in words["player"] and head.i >= end


def mark_teams(doc: Doc, actors: list[Actor], notes: CorefNotes, kb: ActorKB) -> list[str]:
    """Re-read country actors as national teams and players' roles in a sports report; returns
    the ids of the teams (empty when the document is no sports report)."""
    if not actors or not is_sports_report(doc):
        return []
    char_tok = {t.idx: t.i for t in doc}
    end_tok = {t.idx + len(t): t.i + 1 for t in doc}
    names, uses = Counter(), Counter()
    kinds = {a.id: a.kind for a in actors}
    for s, e, actor_id, mtype in notes.mentions:
        if mtype != "name" or kinds.get(actor_id) != "country" or s not in char_tok or e not in end_tok:
            continue
        names[actor_id] += 1
        uses[actor_id] += team_use(doc, char_tok[s], end_tok[e])
    teams = [a for a in actors if uses[a.id] and uses[a.id] >= TEAM_SHARE * names[a.id]]
    for a in teams:
        country_name = kb.country_name(a.country) if a.country else a.name
        a.kind, a.name = "organization", f"{country_name} national team"
        a.sectors, a.code = [TEAM_SECTOR], kb.code_for(a.country, TEAM_SECTOR)
        a.roles = list(dict.fromkeys([*a.roles, "national team"]))
    _more_mentions(doc, teams, notes)
    _players(doc, actors, notes, kb, {a.id: a.country for a in teams})
    return [a.id for a in teams]


def _more_mentions(doc: Doc, teams: list[Actor], notes: CorefNotes) -> None:
    """Untagged repeats of a team's name ("Group B — Ghana 2 – 1 …" in a results line the
    model leaves untagged) and the last word of a two-word name used alone ("Korea" for "South
    Korea", when no other team shares it) join the team."""
    forms: dict[tuple[str, ...], Actor] = {}
    last: dict[str, list[Actor]] = {}
    for a in teams:
        for m in a.mentions:
            words = tuple(m.text.split())
            forms.setdefault(words, a)
            if len(words) == 2 and words[1][:1].isupper():
                last.setdefault(words[1], []).append(a)
    for word, owners in last.items():
        if len({a.id for a in owners}) == 1:
            forms.setdefault((word,), owners[0])
    taken = set(notes.token_actor)
    added = False
    for t in doc:
        if t.i in taken or not t.text[:1].isupper():
            continue
        for words, a in forms.items():
            end = t.i + len(words)
            if (end <= len(doc) and tuple(x.text for x in doc[t.i:end]) == words
                    and not taken.intersection(range(t.i, end))
                    and (end == len(doc) or not doc[end].text[:1].isupper())):
                s, e = t.idx, doc[end - 1].idx + len(doc[end - 1])
                a.mentions.append(TextSpan(start=s, end=e, text=doc.text[s:e]))
                notes.mentions.append((s, e, a.id, "name"))
                for i in range(t.i, end):
                    notes.token_actor[i] = a.id
                taken.update(range(t.i, end))
                added = True
                break
    if added:
        notes.mentions.sort()
        for a in teams:
            a.mentions.sort(key=lambda m: m.start)


def _players(doc: Doc, actors: list[Actor], notes: CorefNotes, kb: ActorKB, teams: dict[str, str | None]) -> None:
    """People whose roles are player nouns: CVL instead of the noun's state sector, and, with no
    country of their own, the country of the team named last before them in their sentence
    ("Ghana went ahead when striker Kwame Boateng headed in")."""
    player = sports_words()["player"]
    team_starts = sorted((s, teams[a]) for s, _, a, _ in notes.mentions if a in teams)
    for a in actors:
        played = [r for r in a.roles if r.lower() in player]
        if a.kind != "person" or not played:
            continue
        state = {kb.role_sector(r.lower()) for r in played}
        a.sectors = [s for s in a.sectors if s not in state] or [TEAM_SECTOR]
        if a.country is None and a.mentions:
            first = a.mentions[0].start
            sent = doc.char_span(first, a.mentions[0].end, alignment_mode="expand")
            sent_start = sent.sent.start_char if sent is not None else first
            a.country = next((c for s, c in reversed(team_starts) if sent_start <= s < first), None)
        a.code = kb.code_for(a.country, a.sectors[0])
