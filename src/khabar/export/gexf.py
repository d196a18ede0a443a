"""GEXF 1.2 actor network for Gephi (and networkx ``read_gexf``): one node per actor across
articles, one directed edge per (source, target) pair with the number of events, their mean
Goldstein score, their most frequent CAMEO root, and the first and last event day (a dynamic
graph: Gephi's timeline). Only events that happened (asserted or reported) are counted.

Actors are joined across articles by knowledge-base id when they have one, else by their
case-folded name. Memory grows with the number of distinct actors and pairs, not with events.
Column sources and losses: docs/exports.md#gexf.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .. import __version__
from ..store import Store
from .event_view import HAPPENED, iter_events
from .shaped import only_events

NODE_ATTRIBUTES = (("code", "string"), ("kind", "string"), ("country", "string"),
                   ("kb_id", "string"), ("events", "integer"), ("articles", "integer"))
EDGE_ATTRIBUTES = (("events", "integer"), ("mean_goldstein", "double"),
                   ("top_cameo_root", "string"), ("material_conflict", "integer"),
                   ("reported", "integer"))


@dataclass
class _Node:
    label: str
    code: str | None
    kind: str
    country: str | None
    kb_id: str | None
    events: int = 0
    articles: set[str] = field(default_factory=set)
    first: str | None = None
    last: str | None = None


@dataclass
class _Edge:
    events: int = 0
    goldstein: float = 0.0
    roots: Counter = field(default_factory=Counter)
    material_conflict: int = 0
    reported: int = 0
    first: str | None = None
    last: str | None = None


def _key(actor) -> str:
    return f"kb:{actor.kb_id}" if actor.kb_id else f"name:{actor.name.casefold()}"


def _span(first: str | None, last: str | None, day: str | None) -> tuple[str | None, str | None]:
    if day is None:
        return first, last
    return (day if first is None or day < first else first), (day if last is None or day > last else last)


def _attvalues(values: list[tuple[str, object]]) -> str:
    inner = "".join(f'<attvalue for="{k}" value={quoteattr(str(v))}/>' for k, v in values if v is not None)
    return f"<attvalues>{inner}</attvalues>" if inner else ""


def _spell(first: str | None, last: str | None) -> str:
    return f' start="{first}" end="{last}"' if first and last else ""


def export(store: Store, out: Path, *, table: str, filters: dict, fmt: str,
           tick: Callable[[int], None]) -> int:
    only_events(table, fmt)
    nodes: dict[str, _Node] = {}
    edges: dict[tuple[str, str], _Edge] = {}
    for view in iter_events(store, filters):
        tick(1)
        e = view.event
        if e.modality not in HAPPENED:
            continue
        ends = []
        for actor in (view.source, view.target):
            if actor is None:
                ends.append(None)
                continue
            key = _key(actor)
            node = nodes.get(key)
            if node is None:
                node = nodes[key] = _Node(actor.name, actor.code, actor.kind, actor.country, actor.kb_id)
            node.code = node.code or actor.code
            node.country = node.country or actor.country
            node.events += 1
            node.articles.add(view.record.article.id)
            node.first, node.last = _span(node.first, node.last, view.day)
            ends.append(key)
        if ends[0] is None or ends[1] is None or ends[0] == ends[1]:
            continue
        edge = edges.setdefault((ends[0], ends[1]), _Edge())
        edge.events += 1
        edge.goldstein += e.goldstein
        edge.roots[e.cameo[:2]] += 1
        edge.material_conflict += int(e.quad_class == 4)
        edge.reported += int(e.modality == "reported")
        edge.first, edge.last = _span(edge.first, edge.last, view.day)

    ids = {key: f"n{i}" for i, key in enumerate(nodes)}
    with open(out, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n'
                 f'  <meta lastmodifieddate="{dt.date.today().isoformat()}">'
                 f"<creator>khabar {escape(__version__)}</creator>"
                 "<description>actors and the events between them</description></meta>\n"
                 '  <graph mode="dynamic" defaultedgetype="directed" timeformat="date">\n')
        for cls, attrs in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
            fh.write(f'    <attributes class="{cls}" mode="static">\n')
            for name, kind in attrs:
                fh.write(f'      <attribute id="{name}" title="{name}" type="{kind}"/>\n')
            fh.write("    </attributes>\n")
        fh.write("    <nodes>\n")
        for key, node in nodes.items():
            values = [("code", node.code), ("kind", node.kind), ("country", node.country),
                      ("kb_id", node.kb_id), ("events", node.events), ("articles", len(node.articles))]
            fh.write(f"      <node id=\"{ids[key]}\" label={quoteattr(node.label)}"
                     f"{_spell(node.first, node.last)}>{_attvalues(values)}</node>\n")
        fh.write("    </nodes>\n    <edges>\n")
        for i, ((src, tgt), edge) in enumerate(edges.items()):
            values = [("events", edge.events), ("mean_goldstein", round(edge.goldstein / edge.events, 3)),
                      ("top_cameo_root", edge.roots.most_common(1)[0][0]),
                      ("material_conflict", edge.material_conflict), ("reported", edge.reported)]
            fh.write(f'      <edge id="{i}" source="{ids[src]}" target="{ids[tgt]}" '
                     f'weight="{edge.events}"{_spell(edge.first, edge.last)}>{_attvalues(values)}</edge>\n')
        fh.write("    </edges>\n  </graph>\n</gexf>\n")
    return len(edges)
