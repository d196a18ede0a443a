"""Explorer API latency on a large store: p50/p95 of the main list, facet and search queries.

    .venv/bin/python benchmarks/api.py                   # 100,000 synthetic events (built once, cached)
    .venv/bin/python benchmarks/api.py --events 200000 --repeat 50 --json
    .venv/bin/python benchmarks/api.py --pg postgresql://user:pw@host/db   # the same store in PostgreSQL

The database is generated here: synthetic articles (one sentence per event, real offsets) written
through the store API (`open_store(...).write`), so it has the store's real schema, indexes and
FTS index. Requests go through the whole FastAPI app (routing, validation, JSON) in process.
Target: p95 ≤ 100 ms for every query.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

from khabar.ingest import make_article
from khabar.records import Actor, ArticleRecord, Event, Evidence, Place, Plover, Span, TextSpan

# (ISO3, demonym-ish name, capital, GeoNames id, lat, lon)
COUNTRIES = [
    ("KEN", "Kenyan", "Nairobi", 184745, -1.283, 36.817), ("NGA", "Nigerian", "Abuja", 2352778, 9.058, 7.489),
    ("SDN", "Sudanese", "Khartoum", 379252, 15.552, 32.532), ("UKR", "Ukrainian", "Kyiv", 703448, 50.450, 30.524),
    ("RUS", "Russian", "Moscow", 524901, 55.752, 37.616), ("PHL", "Philippine", "Manila", 1701668, 14.604, 120.982),
    ("CHN", "Chinese", "Beijing", 1816670, 39.907, 116.397), ("COL", "Colombian", "Bogota", 3688689, 4.610, -74.082),
    ("MMR", "Myanmar", "Naypyidaw", 6611854, 19.745, 96.129), ("SEN", "Senegalese", "Dakar", 2253354, 14.694, -17.444),
    ("IRQ", "Iraqi", "Baghdad", 98182, 33.341, 44.401), ("FRA", "French", "Paris", 2988507, 48.853, 2.349),
    ("USA", "American", "Washington", 4140963, 38.895, -77.036), ("COD", "Congolese", "Kinshasa", 2314302, -4.327, 15.313),
    ("MLI", "Malian", "Bamako", 2460596, 12.650, -8.000), ("PAK", "Pakistani", "Islamabad", 1176615, 33.721, 73.043),
]
SECTORS = [("GOV", "government"), ("MIL", "army"), ("OPP", "opposition"), ("REB", "rebels"), ("COP", "police")]
# (CAMEO, verb phrase, PLOVER type, quad class, Goldstein)
EVENT_TYPES = [
    ("010", "made a statement about", "CONSULT", 1, 0.0), ("036", "offered to meet", "CONSULT", 1, 4.0),
    ("042", "visited", "CONSULT", 1, 1.9), ("051", "praised", "AGREE", 1, 3.4),
    ("057", "signed an agreement with", "AGREE", 1, 8.0), ("061", "cooperated economically with", "COOPERATE", 2, 6.4),
    ("070", "sent aid to", "AID", 2, 7.0), ("111", "criticized", "ACCUSE", 3, -2.0),
    ("112", "accused", "ACCUSE", 3, -2.0), ("130", "threatened", "THREATEN", 3, -4.4),
    ("141", "demonstrated against", "PROTEST", 3, -6.5), ("173", "arrested members of", "COERCE", 4, -5.0),
    ("180", "attacked", "ASSAULT", 4, -9.0), ("190", "fought", "ASSAULT", 4, -10.0),
    ("193", "exchanged fire with", "ASSAULT", 4, -10.0), ("195", "launched air strikes on", "ASSAULT", 4, -10.0),
]
MODALITIES = ["asserted"] * 6 + ["reported"] * 3 + ["negated", "hypothetical"]
TOPICS = ["ceasefire", "election", "border", "drought", "fuel prices", "mining", "refugees", "budget",
          "pipeline", "harbour", "curfew", "talks", "vaccines", "tariffs", "militia", "corridor"]


def synthetic_record(rng: random.Random, n: int, events_per_article: int, start: dt.date) -> ArticleRecord:
    """One article of ``events_per_article`` sentences, each coding one event with exact offsets."""
    published = start + dt.timedelta(days=rng.randrange(730))
    topic = rng.choice(TOPICS)
    actors: dict[str, Actor] = {}
    sentences, plans = [], []
    cursor = 0
    header = f"Report {n} on the {topic}. "
    cursor = len(header)
    for i in range(events_per_article):
        (c1, dem1, *_), (c2, dem2, city, gid, lat, lon) = rng.sample(COUNTRIES, 2)
        s1, s2 = rng.choice(SECTORS), rng.choice(SECTORS)
        name1, name2 = f"{dem1} {s1[1]}", f"{dem2} {s2[1]}"
        cameo, verb, plover, quad, gold = rng.choice(EVENT_TYPES)
        day = published - dt.timedelta(days=rng.randrange(3))
        sentence = f"The {name1} {verb} the {name2} near {city} on {day:%d %B %Y} over the {topic}. "
        base = cursor
        plans.append((i, base, sentence, name1, name2, (c1, s1[0]), (c2, s2[0]), verb, city, gid, lat, lon,
                      cameo, plover, quad, gold, day))
        sentences.append(sentence)
        cursor += len(sentence)
    text = (header + "".join(sentences)).strip()
    article = make_article(text, title=f"{topic.title()}: report {n}", source="Synthetic Wire",
                           published=published.isoformat())
    events, places = [], {}
    for (i, base, sentence, name1, name2, (c1, sec1), (c2, sec2), verb, city, gid, lat, lon,
         cameo, plover, quad, gold, day) in plans:
        ids = []
        for name, country, sector, offset in ((name1, c1, sec1, base + 4),
                                              (name2, c2, sec2, base + sentence.index(name2, 4 + len(name1)))):
            actor = actors.get(name)
            mention = TextSpan(start=offset, end=offset + len(name), text=name)
            if actor is None:
                actor = Actor(id=f"a{len(actors) + 1}", name=name, kind="organization", country=country,
                              sectors=[sector], code=country + sector, mentions=[])
                actors[name] = actor
            actor.mentions.append(mention)
            ids.append(actor.id)
        place = places.get(city)
        city_at = base + sentence.index(city)
        if place is None:
            place = Place(id=f"p{len(places) + 1}", name=city, geonames_id=gid, lat=lat, lon=lon, feature="city",
                          country=c2, mentions=[])
            places[city] = place
        place.mentions.append(TextSpan(start=city_at, end=city_at + len(city), text=city))
        trig_at = base + sentence.index(verb)
        events.append(Event(
            id=f"e{i + 1}", source=ids[0], target=ids[1], cameo=cameo, plover=Plover(type=plover),
            quad_class=quad, goldstein=gold, date=day.isoformat(), date_precision="day", place=place.id,
            modality=rng.choice(MODALITIES),
            evidence=[Evidence(trigger=TextSpan(start=trig_at, end=trig_at + len(verb), text=verb),
                               sentence=Span(start=base, end=base + len(sentence.rstrip())))],
            pattern=f"synthetic/{cameo}", confidence=round(rng.uniform(0.5, 0.95), 2),
        ))
    return ArticleRecord(article=article, actors=list(actors.values()), places=list(places.values()),
                         events=events)


def build_database(path: Path, n_events: int, per_article: int, seed: int) -> float:
    from khabar.store import open_store

    rng = random.Random(seed)
    start = dt.date(2023, 1, 1)
    t0 = time.perf_counter()
    with open_store(path) as store:
        for n in range(-(-n_events // per_article)):
            store.write(synthetic_record(rng, n, per_article, start))
    return time.perf_counter() - t0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def queries(client) -> dict[str, list[str]]:
    """name → URLs; several variants per name so one lucky cache line does not decide p95."""
    first = client.get("/api/events", params={"size": 100}).json()
    deep = first["next"]
    for _ in range(20):  # page 21 of the unfiltered list, by keyset
        deep = client.get("/api/events", params={"size": 100, "next": deep}).json()["next"]
    return {
        "list events (page 1, size 100)": ["/api/events?size=100"],
        "list events (page 22 via next)": [f"/api/events?size=100&next={deep}"],
        "list events, filtered": ["/api/events?country=KEN&quad=4", "/api/events?root=19&since=2024-01-01",
                                  "/api/events?actor=Kenyan%20police", "/api/events?plover=PROTEST&modality=reported",
                                  "/api/events?since=2024-03-01&until=2024-03-31"],
        "list articles / actors / places": ["/api/articles", "/api/actors", "/api/places?country=PHL"],
        "facet by day x quad (timeline)": ["/api/events/facets?by=day&split=quad_class",
                                           "/api/events/facets?by=day&split=quad_class&country=UKR"],
        "facet by type / country / place": ["/api/events/facets?by=plover", "/api/events/facets?by=country",
                                            "/api/events/facets?by=place"],
        "facet by actor": ["/api/events/facets?by=actor&quad=4"],
        "actor network": ["/api/network", "/api/network?country=SDN"],
        "text search (FTS5)": ["/api/events?q=ceasefire", "/api/articles?q=drought%20Nairobi",
                               "/api/events?q=pipe*&quad=3"],
    }


def copy_to_postgres(db: Path, url: str) -> float | None:
    """The SQLite benchmark store's records, in the same order, into an empty PostgreSQL database
    (through the store API, as `khabar ingest --db postgresql://…` writes); kept when it is full."""
    import sqlite3

    from khabar.store import open_store

    t0 = time.perf_counter()
    with open_store(url) as store:
        if store.stats()["counts"]["articles"]:
            return None
        with sqlite3.connect(db) as con:
            for (data,) in con.execute("SELECT record FROM articles ORDER BY pk"):
                store.write(ArticleRecord.model_validate_json(data))
        store.con.execute("ANALYZE")
    return time.perf_counter() - t0


def measure(db: Path | str, repeat: int) -> dict[str, dict[str, float]]:
    from fastapi.testclient import TestClient

    from khabar.serve.app import create_app

    results = {}
    with TestClient(create_app(db)) as client:
        for name, urls in queries(client).items():
            for url in urls:  # warm-up: first touch of the pages of the file
                assert client.get(url).status_code == 200, url
            times, cpu = [], []
            for _ in range(repeat):
                for url in urls:
                    c0, t0 = time.process_time(), time.perf_counter()
                    resp = client.get(url)
                    times.append((time.perf_counter() - t0) * 1000)
                    # CPU time of this process (client + app threads): what the request costs,
                    # whatever else the machine is doing; wall time also counts waiting for a CPU.
                    cpu.append((time.process_time() - c0) * 1000)
                    assert resp.status_code == 200, (url, resp.text[:200])
            results[name] = {"p50_ms": round(statistics.median(times), 1),
                             "p95_ms": round(percentile(times, 0.95), 1),
                             "max_ms": round(max(times), 1), "n": len(times),
                             "cpu_p50_ms": round(statistics.median(cpu), 1),
                             "cpu_p95_ms": round(percentile(cpu, 0.95), 1)}
    return results


def set_explorer_indexes(db: Path | str, present: bool) -> None:
    """The benchmark's own database: add (as `khabar serve --index` does) or drop the indexes."""
    import sqlite3

    from khabar.serve.indexes import create_indexes, index_names

    if present:
        create_indexes(db)
        return
    if isinstance(db, str):  # PostgreSQL
        import psycopg

        with psycopg.connect(db, autocommit=True) as pg:
            for name in index_names():
                pg.execute(f"DROP INDEX IF EXISTS {name}")
        return
    with sqlite3.connect(db) as con:
        for name in index_names():
            con.execute(f"DROP INDEX IF EXISTS {name}")


def print_table(title: str, results: dict[str, dict[str, float]]) -> None:
    worst = max(r["p95_ms"] for r in results.values())
    print(f"\n{title}")
    print(f"{'query':<36} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p50':>8} {'cpu p95':>8} {'n':>5}")
    for name, r in results.items():
        print(f"{name:<36} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['max_ms']:>8} {r['cpu_p50_ms']:>8} "
              f"{r['cpu_p95_ms']:>8} {r['n']:>5}")
    cpu_worst = max(r["cpu_p95_ms"] for r in results.values())
    print(f"worst p95 {worst} ms wall, {cpu_worst} ms CPU; target ≤ 100 ms: "
          f"{'met' if worst <= 100 else 'NOT met'} (wall)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--per-article", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per URL")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, default=None, help="where to keep the generated database")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only-indexed", action="store_true", help="skip the run without explorer indexes")
    parser.add_argument("--rebuild", action="store_true", help="build the database again even if cached")
    parser.add_argument("--pg", metavar="URL", default=None,
                        help="copy the store into this (empty) PostgreSQL database and measure there")
    args = parser.parse_args()
    warnings.simplefilter("ignore", DeprecationWarning)

    db = args.db or Path(tempfile.gettempdir()) / f"khabar-api-bench-{args.events}-{args.per_article}-{args.seed}.db"
    built = None
    if args.rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    if not db.exists():
        print(f"building {db} ({args.events:,} events) ...", file=sys.stderr)
        built = build_database(db, args.events, args.per_article, args.seed)
    import sqlite3

    with sqlite3.connect(db) as con:
        n_events = con.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        n_articles = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    runs = {}
    if args.pg:
        from khabar.store.postgres import redact

        copied = copy_to_postgres(db, args.pg)
        if copied:
            print(f"copied into {redact(args.pg)} in {copied:.0f} s", file=sys.stderr)
    target = args.pg or db  # with --pg, only the PostgreSQL copy is measured
    backend = "PostgreSQL: " if args.pg else ""
    for label, present in (("store indexes only", False), ("with explorer indexes (khabar serve --index)", True)):
        if args.only_indexed and not present:
            continue
        set_explorer_indexes(target, present)
        runs[backend + label] = measure(target, args.repeat)
    import os

    summary = {"events": n_events, "articles": n_articles, "db_mb": round(db.stat().st_size / 1e6, 1),
               "build_s": round(built, 1) if built else None, "repeat": args.repeat,
               "load_average_1m": round(os.getloadavg()[0], 2), "cpus": os.cpu_count(), "target_p95_ms": 100,
               "runs": {label: {"worst_p95_ms": max(r["p95_ms"] for r in res.values()), "queries": res}
                        for label, res in runs.items()}}
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    print(f"{n_events:,} events in {n_articles:,} articles, {summary['db_mb']} MB"
          + (f" (built in {built:.0f} s)" if built else " (cached)")
          + f"; load average {summary['load_average_1m']} on {summary['cpus']} CPUs at the end"
          + " (wall times grow with the load; CPU times much less)")
    for label, res in runs.items():
        print_table(label, res)

if __name__ == "__main__":
    main()
