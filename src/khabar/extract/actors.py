"""Actors: the named entities of the article, one actor per distinct name, with every mention.

Basic first version (foundation): PERSON / ORG / NORP / GPE entities grouped by their text.
"""

from __future__ import annotations

from ..records import Actor, TextSpan
from .base import Context

KIND_BY_LABEL = {"PERSON": "person", "ORG": "organization", "NORP": "group", "GPE": "country"}


class ActorExtractor:
    name = "actors"

    def __init__(self, settings) -> None:
        self.settings = settings

    def configure(self, nlp) -> None:
        pass

    def extract(self, ctx: Context) -> list[Actor]:
        by_name: dict[str, Actor] = {}
        for ent in ctx.doc.ents:
            kind = KIND_BY_LABEL.get(ent.label_)
            if kind is None:
                continue
            name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            actor = by_name.get(name)
            if actor is None:
                actor = by_name[name] = Actor(id=f"a{len(by_name) + 1}", name=name, kind=kind)
            actor.mentions.append(TextSpan(start=ent.start_char, end=ent.end_char, text=ent.text))
        return list(by_name.values())
