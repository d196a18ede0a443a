"""End to end on a slice of PolNeAR train (the benchmark reports dev): quotes must be found in
every document and most attributions recovered. Skips when ../shared/eval is absent."""

import importlib.util
import sys
from pathlib import Path

from tests.conftest import eval_path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "quotes_polnear.py"


def _benchmark():
    eval_path("polnear", "train")
    spec = importlib.util.spec_from_file_location("quotes_polnear", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("quotes_polnear", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_polnear_slice_recall_and_precision(pipeline):
    from khabar.ingest import make_article
    from khabar.pipeline import process

    bench = _benchmark()
    docs = bench.load_split("train", 12)
    records = list(process([make_article(text) for _, text, _ in docs], pipeline))
    gold_n = hit = pred_n = pred_ok = 0
    for (_, raw, anns), record in zip(docs, records, strict=True):
        assert record.quotes, "no document may come back without quotes"
        amap = bench.alignment(raw, record.article.text)
        golds = bench.parse_ann(anns[0])
        contents = [[(amap[s], amap[e]) for s, e in g.content] for g in golds]
        spans = [(q.content.start, q.content.end) for q in record.quotes]
        gold_n += len(golds)
        hit += sum(any(bench.matches(p, c) for p in spans) for c in contents)
        pred_n += len(spans)
        pred_ok += sum(any(bench.matches(p, c) for c in contents) for p in spans)
    assert hit / gold_n >= 0.6
    assert pred_ok / pred_n >= 0.75  # a small, noisy slice: a floor, not the dev target
