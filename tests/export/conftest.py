"""Team-written articles, hand-coded into records, stored in a real SQLite file: the input of
every export test (independent of which extractors have landed and how well they do)."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.ingest import make_article
from khabar.records import ArticleRecord
from khabar.store import open_store

CLASH = (
    "Rebels attack army base near Mosul\n\n"
    "Fighters of the Northern Brigades attacked an army base near Mosul on 3 June 2014, killing "
    "12 soldiers, the Iraqi army said. The brigades are part of the Nineveh Salvation Front.\n\n"
    "The army did not shell the nearby villages, a spokesman said."
)
PROTEST = (
    "Thousands march in Nairobi against finance bill\n\n"
    "Students marched through central Nairobi on 25 June 2024 to demand the withdrawal of the "
    "finance bill. Kenyan police arrested 40 protesters near parliament.\n\n"
    "President William Ruto met opposition leaders on Friday."
)


def _span(text: str, needle: str) -> dict:
    start = text.index(needle)
    return {"start": start, "end": start + len(needle), "text": needle}


def _sentence(text: str, needle: str) -> dict:
    """The sentence around ``needle``: from the previous sentence end to the next full stop."""
    at = text.index(needle)
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1, 0)
    end = text.index(".", at) + 1
    return {"start": start, "end": end}


def _record(text, published, url, source, actors, places, events, relations=()) -> ArticleRecord:
    article = make_article(text, title=text.split("\n")[0], url=url, source=source, published=published)
    text = article.text
    data = {
        "article": article.model_dump(),
        "actors": [
            {"id": aid, "name": name, "kind": kind, "country": country, "sectors": sectors,
             "code": code, "kb_id": kb, "mentions": [_span(text, m) for m in mentions]}
            for aid, name, kind, country, sectors, code, kb, mentions in actors
        ],
        "places": [
            {"id": pid, "name": name, "feature": feature, "country": country, "admin1": admin1,
             "lat": lat, "lon": lon, "geonames_id": gid, "mentions": [_span(text, name)]}
            for pid, name, feature, country, admin1, lat, lon, gid in places
        ],
        "relations": [
            {"type": t, "source": s, "target": o, "evidence": {"start": 0, "end": 10}, "confidence": 0.8}
            for t, s, o in relations
        ],
        "events": [
            {"id": eid, "source": src, "target": tgt, "cameo": cameo,
             "plover": {"type": ptype, "mode": pmode}, "quad_class": quad, "goldstein": gold,
             "date": date, "date_precision": prec, "place": place, "modality": modality,
             "evidence": [{"trigger": _span(text, trigger), "sentence": _sentence(text, trigger)}],
             "pattern": f"test/{cameo}", "confidence": 0.8}
            for eid, src, tgt, cameo, ptype, pmode, quad, gold, date, prec, place, modality, trigger in events
        ],
    }
    return ArticleRecord.from_dict(data)


def clash_record() -> ArticleRecord:
    return _record(
        CLASH, "2014-06-04", "https://example.invalid/mosul", "Example Wire",
        actors=[
            ("a1", "Northern Brigades", "group", "IRQ", ["REB"], "IRQREB", "northern-brigades",
             ["Northern Brigades", "brigades"]),
            ("a2", "Iraqi army", "organization", "IRQ", ["MIL"], "IRQMIL", None, ["Iraqi army"]),
            ("a3", "Nineveh Salvation Front", "group", "IRQ", ["REB"], "IRQREB", None,
             ["Nineveh Salvation Front"]),
        ],
        places=[("p1", "Mosul", "city", "IRQ", "Nineveh", 36.335, 43.11889, 99072)],
        relations=[("part_of", "a1", "a3")],
        events=[
            ("e1", "a1", "a2", "190", "ASSAULT", None, 4, -10.0, "2014-06-03", "day", "p1",
             "asserted", "attacked"),
            ("e2", "a2", None, "194", "ASSAULT", None, 4, -10.0, "2014-06-04", "day", "p1",
             "negated", "shell"),
        ],
    )


def protest_record() -> ArticleRecord:
    return _record(
        PROTEST, "2024-06-26", "https://example.invalid/nairobi", "Daily Example",
        actors=[
            ("a1", "Students", "group", "KEN", ["EDU"], "KENEDU", None, ["Students"]),
            ("a2", "Kenyan police", "organization", "KEN", ["COP"], "KENCOP", None, ["Kenyan police"]),
            ("a3", "William Ruto", "person", "KEN", ["GOV"], "KENGOV", "william-ruto", ["William Ruto"]),
            ("a4", "opposition leaders", "group", "KEN", ["OPP"], "KENOPP", None, ["opposition leaders"]),
        ],
        places=[("p1", "Nairobi", "city", "KEN", "Nairobi County", -1.28333, 36.81667, 184745)],
        events=[
            ("e1", "a1", None, "1412", "PROTEST", "demonstrate", 4, -6.5, "2024-06-25", "day", "p1",
             "asserted", "marched"),
            ("e2", "a2", "a1", "173", "COERCE", "arrest", 4, -5.0, "2024-06-26", "inferred", "p1",
             "reported", "arrested"),
            ("e3", "a3", "a4", "040", "CONSULT", None, 1, 1.0, "2024-06", "month", None,
             "asserted", "met"),
        ],
    )


@pytest.fixture(scope="session")
def export_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("exports") / "k.db"
    with open_store(db) as store:
        for record in (clash_record(), protest_record()):
            assert store.write(record) == "stored"
    return db
