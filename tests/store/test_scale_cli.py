"""`khabar load` and `khabar link` on both backends, through the command line (in-process: these
commands load no model)."""

from __future__ import annotations

import pytest

from khabar.cli import main
from khabar.engines.shards import write_shard
from khabar.link_store import clusters
from khabar.store import open_store

from . import sample as _sample


def khabar(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        main(list(map(str, args)))
        code = 0
    except SystemExit as exc:
        code = exc.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def test_load_merges_overlapping_shards_idempotently(capsys, tmp_path, db_url):
    records = [_sample.build_record(text=t, n_events=2) for t in _sample.articles(9)]
    write_shard(records[:5], tmp_path / "shards" / "a" / "part-0.parquet")
    write_shard(records[3:], tmp_path / "shards" / "b" / "part-0.parquet")  # 3, 4 in both
    code, out, _ = khabar(capsys, "load", tmp_path / "shards", "--db", db_url)
    assert code == 0
    assert out.strip().splitlines()[-1] == "9 stored, 2 unchanged, 0 rejected"
    code, out, _ = khabar(capsys, "load", tmp_path / "shards", "--db", db_url)
    assert out.strip().splitlines()[-1] == "0 stored, 11 unchanged, 0 rejected"
    with open_store(db_url) as store:
        assert sorted(r.article.id for r in store.iter_records()) == sorted(r.article.id for r in records)
        assert store.get_record(records[4].article.id) == records[4]
        runs = list(store.iter_rows("runs"))
        assert [r["stored"] for r in runs] == [9, 0]


def test_load_bad_input_is_a_one_line_error(capsys, tmp_path):
    code, _, err = khabar(capsys, "load", tmp_path / "nowhere", "--db", tmp_path / "k.db")
    assert code == 2 and err.strip().count("\n") == 0 and "no such shard" in err
    bad = tmp_path / "x.parquet"
    bad.write_text("not parquet")
    code, _, err = khabar(capsys, "load", bad, "--db", tmp_path / "k.db")
    assert code == 2 and "not a readable Parquet shard" in err


SONKO = [
    ("2024-06-03", "Police arrested opposition leader Ousmane Sonko in Dakar on Monday after protests "
                   "against the government."),
    ("2024-06-04", "Senegalese police detained opposition figure Ousmane Sonko in Dakar on Monday, his "
                   "party said."),
]
NEAR_MISS = ("2024-06-03", "Police arrested opposition leader Khalifa Sall in Dakar on Monday, his lawyer said.")
LATE = ("2024-06-04", "Ousmane Sonko was arrested by police in Dakar on Monday, a lawyer for the "
                      "opposition leader said.")


def _spans(store, article_ids: set[str]) -> list[set[str]]:
    return [{m[0] for m in c["members"]} for c in clusters(store)
            if {m[0] for m in c["members"]} & article_ids]


def test_link_is_incremental_on_the_store(capsys, db_url, extract):
    first = [extract(t, published=d) for d, t in SONKO]
    miss = extract(NEAR_MISS[1], published=NEAR_MISS[0])
    late = extract(LATE[1], published=LATE[0])
    sonko_ids = {r.article.id for r in first}
    with open_store(db_url) as store:
        for r in (*first, miss):
            store.write(r)
    code, out, _ = khabar(capsys, "link", "--db", db_url)
    assert code == 0 and "joined existing clusters" in out
    with open_store(db_url) as store:
        assert sonko_ids in _spans(store, sonko_ids)
        assert not any(miss.article.id in s for s in _spans(store, sonko_ids))
        store.write(late)
    code, out, _ = khabar(capsys, "link", "--db", db_url)
    reports = int(out.split()[0])
    assert reports == len(late.events)
    assert int(out.split(": ")[1].split()[0]) >= 1  # the late article joined the existing cluster
    with open_store(db_url) as store:
        assert sonko_ids | {late.article.id} in _spans(store, sonko_ids)
        before = clusters(store)
    code, out, _ = khabar(capsys, "link", "--db", db_url)
    assert out.startswith("0 event reports linked")
    code, out, _ = khabar(capsys, "link", "--db", db_url, "--rebuild")
    with open_store(db_url) as store:
        after = clusters(store)
    assert sorted(sorted(c["members"]) for c in after) == sorted(sorted(c["members"]) for c in before)
    # the clusters are exportable like any table
    with open_store(db_url) as store:
        rows = list(store.iter_rows("event_clusters"))
        members = list(store.iter_rows("event_cluster_members"))
    assert sum(r["n_reports"] for r in rows) == len(members)
    assert len([r for r in rows if r["n_articles"] >= 2]) == len(after)
    spanning = [r for r in rows if r["n_articles"] >= 3]
    assert spanning and all(r["first_day"] <= r["last_day"] for r in spanning)


def test_link_drops_members_of_reprocessed_events(capsys, tmp_path, extract):
    db = tmp_path / "k.db"
    a, b = (extract(t, published=d) for d, t in SONKO)
    with open_store(db) as store:
        store.write(a)
        store.write(b)
    khabar(capsys, "link", "--db", db)
    fewer = b.model_copy(deep=True)
    fewer.events = []
    with open_store(db) as store:
        store.write(fewer, reprocess=True)
    code, out, _ = khabar(capsys, "link", "--db", db)
    assert f"{len(b.events)} stale members dropped" in out
    with open_store(db) as store:
        assert not any(b.article.id in s for s in _spans(store, {a.article.id, b.article.id}))


def test_link_without_a_database_is_a_user_error(capsys, tmp_path):
    code, _, err = khabar(capsys, "link", "--db", tmp_path / "none.db")
    assert code == 2 and "no database" in err


@pytest.mark.parametrize("bad", [["--date-window", "-1"]])
def test_link_rejects_bad_thresholds(capsys, tmp_path, bad):
    code, _, _ = khabar(capsys, "link", "--db", tmp_path / "k.db", *bad)
    assert code == 2
