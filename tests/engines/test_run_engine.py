"""`run_engine`, what `khabar ingest --engine/--shard/--shards-dir` calls."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.engines import run_engine
from khabar.engines.shards import read_shards
from khabar.errors import UserError
from khabar.ingest import ReadOptions, read_sources
from khabar.records import Article
from khabar.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def articles():
    items = read_sources([str(EXAMPLES)], ReadOptions(exclude=("kb-*.yaml",)))
    return [a for a in items if isinstance(a, Article)]


def test_local_engine_keeps_shards_equal_to_the_records(articles, pipeline, tmp_path):
    records = list(run_engine(articles, Settings(), "local", pipeline=pipeline, shards_dir=tmp_path))
    assert [r.article.id for r in records] == [a.id for a in articles]  # input order kept
    kept = list(read_shards([tmp_path]))
    assert [r.to_dict() for r in kept] == [r.to_dict() for r in records]


def test_job_array_shards_cover_the_input_once(articles, pipeline, tmp_path):
    parts = [
        [r.article.id for r in run_engine(articles, Settings(), pipeline=pipeline, shard=(i, 3),
                                          shards_dir=tmp_path / "s")]
        for i in range(3)
    ]
    assert sorted(sum(parts, [])) == sorted(a.id for a in articles)
    assert all(parts), "with 15 articles every one of 3 shards gets some"
    # three runs, three folders: no run overwrote another's shards
    assert len(list((tmp_path / "s").iterdir())) == 3
    assert len(list(read_shards([tmp_path / "s"]))) == len(articles)


def test_engine_options_are_checked(articles):
    with pytest.raises(UserError, match="--engine must be one of"):
        list(run_engine(articles, Settings(), "ray"))
    with pytest.raises(UserError, match="--scheduler"):
        list(run_engine(articles, Settings(), "local", scheduler="tcp://127.0.0.1:8786"))


@pytest.mark.slow
def test_dask_engine_keeps_shards_when_asked(articles, pipeline, tmp_path):
    """`ingest --engine dask --scheduler ADDRESS --shards-dir`: on an existing cluster, records in
    input order, equal to the in-process ones, and the run's shards hold them all once."""
    pytest.importorskip("dask.distributed")
    from dask.distributed import LocalCluster

    some = articles[:6]
    local = {r.article.id: r.to_dict() for r in run_engine(some, Settings(), pipeline=pipeline)}
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=40) as cluster:
        got = list(run_engine(some, Settings(), "dask", scheduler=cluster.scheduler_address,
                              shards_dir=tmp_path))
    assert [r.article.id for r in got] == [a.id for a in some]
    assert {r.article.id: r.to_dict() for r in got} == local
    (run_dir,) = list(tmp_path.iterdir())
    assert {r.article.id: r.to_dict() for r in read_shards([run_dir])} == local
