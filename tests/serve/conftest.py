"""Explorer fixtures: one real SQLite store per session, made by `khabar ingest` of the example
corpus plus two team-written records (written through the store API) whose contents we know
exactly, so filters can be checked against known answers whatever the extractors find.

The same store is also copied, record by record and in the same order, into PostgreSQL
(through the store API, as `khabar ingest --db postgresql://…` writes it): ``client`` runs every
API test that takes it once per backend, and test_backends.py asserts that both answer alike.
PostgreSQL comes from $KHABAR_TEST_PG or a throwaway cluster (tests/store/pgserver.py); without
either, the PostgreSQL runs are skipped with the reason."""

from __future__ import annotations

import importlib.util
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from khabar.ingest import make_article
from khabar.records import (
    Actor,
    ArticleRecord,
    Event,
    Evidence,
    Place,
    Plover,
    Quote,
    Relation,
    Span,
    TextSpan,
    Time,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

NAIROBI_TEXT = (
    "Police in Nairobi arrested 40 protesters on Tuesday, the Kenyan interior ministry said. "
    "Amina Odhiambo, leader of the Orange Movement, told reporters: \"We will march again next week.\" "
    "The interior ministry accused Odhiambo of planning violence. "
    "The Orange Movement condemned the arrests."
)
SHOAL_TEXT = (
    "Chinese coast guard vessels fired water cannon at a Philippine supply boat near Second Thomas "
    "Shoal on Sunday. Manila summoned the Chinese ambassador in protest."
)


def _span(text: str, phrase: str, nth: int = 0) -> TextSpan:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return TextSpan(start=start, end=start + len(phrase), text=phrase)


def _sentence(text: str, phrase: str) -> Span:
    at = text.index(phrase)
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find(". ", at)
    return Span(start=start, end=len(text) if end < 0 else end + 1)


def _evidence(text: str, trigger: str) -> list[Evidence]:
    return [Evidence(trigger=_span(text, trigger), sentence=_sentence(text, trigger))]


def nairobi_record() -> ArticleRecord:
    t = NAIROBI_TEXT
    article = make_article(t, title="Nairobi police arrest protesters", source="Team Wire", published="2024-05-02")
    t = article.text
    return ArticleRecord(
        article=article,
        actors=[
            Actor(id="a1", name="Kenyan police", kind="organization", country="KEN", sectors=["COP"],
                  code="KENCOP", mentions=[_span(t, "Police")]),
            Actor(id="a2", name="Kenyan protesters", kind="group", country="KEN", sectors=["OPP"],
                  code="KENOPP", mentions=[_span(t, "40 protesters")]),
            Actor(id="a3", name="Kenyan interior ministry", kind="organization", country="KEN",
                  sectors=["GOV"], code="KENGOV",
                  mentions=[_span(t, "the Kenyan interior ministry"), _span(t, "The interior ministry")]),
            Actor(id="a4", name="Amina Odhiambo", kind="person", country="KEN", sectors=["OPP"], code="KENOPP",
                  roles=["leader of the Orange Movement"],
                  mentions=[_span(t, "Amina Odhiambo"), _span(t, "Odhiambo", 1)]),
            Actor(id="a5", name="Orange Movement", kind="organization", country="KEN", sectors=["PTY"],
                  code="KENPTY", mentions=[_span(t, "the Orange Movement"), _span(t, "The Orange Movement")]),
        ],
        relations=[Relation(type="leader_of", source="a4", target="a5",
                            evidence=_sentence(t, "leader of"), confidence=0.9),
                   Relation(type="holds_role", source="a4", value="leader of the Orange Movement",
                            evidence=_sentence(t, "leader of"), confidence=0.9)],
        quotes=[Quote(id="q1", speaker="a4", speaker_text="Amina Odhiambo", cue="told", direct=True,
                      kind="direct", content=_span(t, "We will march again next week."))],
        places=[Place(id="p1", name="Nairobi", geonames_id=184745, lat=-1.28333, lon=36.81667, feature="city",
                      country="KEN", mentions=[_span(t, "Nairobi")])],
        times=[Time(id="t1", text="on Tuesday", start=_span(t, "on Tuesday").start,
                    end=_span(t, "on Tuesday").end, type="DATE", value="2024-04-30")],
        events=[
            Event(id="e1", source="a1", target="a2", cameo="173", plover=Plover(type="COERCE", mode="arrest"),
                  quad_class=4, goldstein=-5.0, date="2024-04-30", date_precision="day", place="p1",
                  modality="reported", reported_by="a3", evidence=_evidence(t, "arrested"),
                  pattern="test/arrest", confidence=0.8),
            Event(id="e2", source="a3", target="a4", cameo="112", plover=Plover(type="ACCUSE", mode="allege"),
                  quad_class=3, goldstein=-2.0, date="2024-05-02", date_precision="inferred",
                  modality="asserted", evidence=_evidence(t, "accused"), pattern="test/accuse", confidence=0.7),
            Event(id="e3", source="a5", target="a1", cameo="111", plover=Plover(type="ACCUSE", mode="disapprove"),
                  quad_class=3, goldstein=-2.0, date="2024-05-02", date_precision="inferred",
                  modality="asserted", evidence=_evidence(t, "condemned"), pattern="test/condemn", confidence=0.7),
        ],
    )


def shoal_record() -> ArticleRecord:
    article = make_article(SHOAL_TEXT, title="Water cannon at the shoal", source="Team Wire", published="2024-06-10")
    t = article.text
    return ArticleRecord(
        article=article,
        actors=[
            Actor(id="a1", name="China Coast Guard", kind="organization", country="CHN", sectors=["MIL"],
                  code="CHNMIL", mentions=[_span(t, "Chinese coast guard vessels")]),
            Actor(id="a2", name="Philippines", kind="country", country="PHL", code="PHL",
                  mentions=[_span(t, "Philippine supply boat"), _span(t, "Manila")]),
            Actor(id="a3", name="Chinese ambassador", kind="person", country="CHN", sectors=["GOV"],
                  code="CHNGOV", mentions=[_span(t, "the Chinese ambassador")]),
        ],
        places=[
            Place(id="p1", name="Second Thomas Shoal", lat=9.73, lon=115.87, feature="other",
                  mentions=[_span(t, "Second Thomas Shoal")]),
            Place(id="p2", name="Manila", geonames_id=1701668, lat=14.6042, lon=120.9822, feature="city",
                  country="PHL", mentions=[_span(t, "Manila")]),
        ],
        times=[Time(id="t1", text="on Sunday", start=_span(t, "on Sunday").start, end=_span(t, "on Sunday").end,
                    type="DATE", value="2024-06-09")],
        events=[
            Event(id="e1", source="a1", target="a2", cameo="175", plover=Plover(type="COERCE", mode="repression"),
                  quad_class=4, goldstein=-9.0, date="2024-06-09", date_precision="day", place="p1",
                  modality="asserted", evidence=_evidence(t, "fired water cannon"), pattern="test/attack",
                  confidence=0.8),
            Event(id="e2", source="a2", target="a3", cameo="111", plover=Plover(type="ACCUSE", mode="disapprove"),
                  quad_class=3, goldstein=-2.0, date="2024-06", date_precision="month",
                  modality="asserted", evidence=_evidence(t, "summoned"), pattern="test/summon", confidence=0.6),
        ],
    )


@pytest.fixture(scope="session")
def handmade() -> dict[str, ArticleRecord]:
    return {"nairobi": nairobi_record(), "shoal": shoal_record()}


@pytest.fixture(scope="session")
def store_db(tmp_path_factory, handmade) -> Path:
    """The example corpus through the real `khabar ingest`, plus the two team-written records."""
    from khabar.store import open_store

    path = tmp_path_factory.mktemp("serve") / "khabar.db"
    proc = subprocess.run(
        [sys.executable, "-m", "khabar", "ingest", str(EXAMPLES), "--db", str(path),
         "--glob", "*", "--exclude", "kb-*.yaml"],
        capture_output=True, text=True, cwd=ROOT, timeout=600, check=False,
    )
    assert proc.returncode == 0, f"khabar ingest of examples/ failed: {proc.stderr[-2000:]}"
    with open_store(path) as store:
        for record in handmade.values():
            store.write(record)
    return path


@pytest.fixture(scope="session")
def live_server(store_target):
    """`khabar serve`'s app under uvicorn on a free local port, in a thread: real HTTP, real
    worker threads, real concurrency; on each backend in turn (like ``client``)."""
    import socket
    import threading
    import time

    import uvicorn

    from khabar.serve.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(store_target), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def _pg_server_class():
    # tests/store/pgserver.py is shared with the store tests; the test dirs are not packages
    spec = importlib.util.spec_from_file_location("khabar_test_pgserver", ROOT / "tests" / "store" / "pgserver.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Server


@pytest.fixture(scope="session")
def pg_server():
    pytest.importorskip("psycopg", reason="psycopg not installed (the 'postgres' extra)")
    try:
        server = _pg_server_class().start()
    except RuntimeError as exc:
        pytest.skip(f"no PostgreSQL for the tests: {exc}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_store(pg_server, store_db):
    """A PostgreSQL database holding the same records as `store_db`, written in the same order."""
    url = pg_server.create_db()
    try:
        copy_store(store_db, url)
        yield url
    finally:
        pg_server.drop_db(url)


@pytest.fixture(scope="session")
def copy_to_pg(store_db):
    """``copy_to_pg(url)``: the test store's records into another PostgreSQL database."""
    return lambda url: copy_store(store_db, url)


def copy_store(store_db: Path, url: str) -> None:
    """Every record of the SQLite store into the (empty) database at ``url``, in insertion order."""
    from khabar.records import ArticleRecord
    from khabar.store import open_store

    with sqlite3.connect(store_db) as con:
        records = [r for (r,) in con.execute("SELECT record FROM articles ORDER BY pk")]
    with open_store(url) as store:
        for data in records:
            store.write(ArticleRecord.model_validate_json(data))


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def store_target(request, store_db) -> str:
    """The store the API tests run on: the SQLite file, then the PostgreSQL copy."""
    return str(store_db) if request.param == "sqlite" else request.getfixturevalue("pg_store")


def _client(target):
    from fastapi.testclient import TestClient

    from khabar.serve.app import create_app

    return TestClient(create_app(target))


@pytest.fixture(scope="session")
def client(store_target):
    with _client(store_target) as c:
        yield c


@pytest.fixture(scope="session")
def sqlite_client(store_db):
    with _client(store_db) as c:
        yield c


@pytest.fixture(scope="session")
def pg_client(pg_store):
    with _client(pg_store) as c:
        yield c
