"""Team-written test material for the store and CLI tests: a hand-built record that fills every
table (so the tests do not depend on which extractors have landed) and many distinct short
articles combined from sentence parts."""

from __future__ import annotations

import itertools
from pathlib import Path

from khabar.ingest import make_article
from khabar.records import ArticleRecord

TEXT = (
    "Police arrested Samir Haddad, commander of the Northern Brigades, in Baghdad on 3 June 2014. "
    '"We will not negotiate," Haddad told reporters before his arrest.'
)


def build_record(text: str = TEXT, published: str = "2014-06-05", n_events: int = 2,
                 dates: tuple = ("2014-06-03", "2014")) -> ArticleRecord:
    article = make_article(text, title="Commander held", source="Example Wire", published=published,
                           url="https://example.invalid/haddad", origin="test:1")
    data = {
        "schema": "khabar/article/1",
        "article": article.model_dump(),
        "actors": [
            {"id": "a1", "name": "Samir Haddad", "kind": "person", "country": "IRQ",
             "sectors": ["REB"], "code": "IRQREB", "roles": ["commander of the Northern Brigades"],
             "mentions": [{"start": 16, "end": 28, "text": "Samir Haddad"},
                          {"start": 116, "end": 122, "text": "Haddad"}]},
            {"id": "a2", "name": "Northern Brigades", "kind": "group", "country": "IRQ",
             "sectors": ["REB"], "code": "IRQREB",
             "mentions": [{"start": 47, "end": 64, "text": "Northern Brigades"}]},
            {"id": "a3", "name": "Police", "kind": "organization", "country": "IRQ",
             "sectors": ["COP"], "code": "IRQCOP",
             "mentions": [{"start": 0, "end": 6, "text": "Police"}]},
        ],
        "relations": [
            {"type": "leader_of", "source": "a1", "target": "a2", "evidence": {"start": 16, "end": 64},
             "confidence": 0.9},
        ],
        "quotes": [
            {"id": "q1", "speaker": "a1", "speaker_text": "Haddad", "cue": "told", "direct": True,
             "kind": "direct", "via": None, "recipient": "reporters",
             "content": {"start": 94, "end": 114, "text": "We will not negotiate"}},
        ],
        "places": [
            {"id": "p1", "name": "Baghdad", "geonames_id": 98182, "lat": 33.341, "lon": 44.401,
             "feature": "city", "country": "IRQ",
             "mentions": [{"start": 69, "end": 76, "text": "Baghdad"}]},
        ],
        "times": [
            {"id": "t1", "text": "3 June 2014", "start": 80, "end": 91, "type": "DATE",
             "value": "2014-06-03"},
        ],
        "events": [
            {"id": f"e{i + 1}", "source": "a3", "target": "a1", "cameo": "173" if i == 0 else "0231",
             "plover": {"type": "COERCE", "mode": "arrest"}, "quad_class": 4 if i == 0 else 1,
             "goldstein": -5.0 if i == 0 else 3.4,
             "date": dates[i], "date_precision": "day" if i == 0 else "year",
             "place": "p1", "modality": "asserted",
             "evidence": [{"trigger": {"start": 7, "end": 15, "text": "arrested"},
                           "sentence": {"start": 0, "end": 92}}],
             "pattern": "cameo-173/arrest-active", "confidence": 0.8}
            for i in range(n_events)
        ],
        "warnings": ["test record"],
    }
    return ArticleRecord.from_dict(data)


ACTORS = [
    ("Interior Minister Leila Mansour", "Mansour"),
    ("General Tomas Okafor", "Okafor"),
    ("the Northern Brigades", "the brigades"),
    ("opposition leader Daniel Reyes", "Reyes"),
    ("President Amara Diallo", "Diallo"),
    ("the Coastal Fishermen's Union", "the union"),
    ("Foreign Minister Kenji Watanabe", "Watanabe"),
    ("the National Electoral Commission", "the commission"),
]
PLACES = ["Kharkiv", "Goma", "Nairobi", "Dakar", "Bogota", "Mandalay", "Khartoum", "Manila"]
ACTIONS = [
    "met with {other} in {place} on Tuesday to discuss a ceasefire",
    "accused {other} of blocking aid convoys near {place}",
    "said troops had arrested dozens of protesters in {place}",
    "signed a trade agreement with {other} during a visit to {place}",
    "warned that {other} would face sanctions if the fighting around {place} continued",
    "denied that police fired on demonstrators in {place}",
]
CLOSERS = [
    "Residents said the situation remained tense.",
    "A spokesman declined to comment further.",
    "Talks are expected to resume next week.",
    "Local journalists reported long queues at checkpoints.",
]


def articles(n: int) -> list[str]:
    """``n`` distinct article texts of three or four sentences each."""
    combos = itertools.product(range(len(ACTORS)), range(len(ACTIONS)), range(len(PLACES)))
    texts = []
    for i, (a, act, p) in enumerate(combos):
        if i == n:
            break
        actor, short = ACTORS[a]
        other = ACTORS[(a + 1 + i) % len(ACTORS)][0]
        place = PLACES[p]
        sentence = ACTIONS[act].format(other=other, place=place)
        follow = ACTIONS[(act + 3) % len(ACTIONS)].format(other=other, place=PLACES[(p + 2) % 8])
        text = (
            f"{actor[0].upper()}{actor[1:]} {sentence}. "
            f"Later, {short} {follow}. {CLOSERS[i % len(CLOSERS)]} "
            f"The statement was report number {i + 1} from {place}."
        )
        texts.append(text)
    assert len(texts) == n, f"only {len(texts)} combinations available"
    return texts


def write_txt_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(articles(n)):
        (folder / f"article-{i:04d}.txt").write_text(text + "\n", encoding="utf-8")
    return folder
