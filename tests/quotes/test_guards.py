"""A rule that fails on one sentence costs a warning, never the article's other quotes."""

from khabar.extract import quotes as quotes_module
from khabar.extract.base import Context
from khabar.extract.quotes import QuoteExtractor
from khabar.ingest import make_article
from khabar.settings import Settings


def run(pipeline, text: str):
    article = make_article(text)
    ctx = Context(article=article, doc=pipeline.nlp(article.text))
    return QuoteExtractor(Settings()).extract(ctx), ctx


def test_failing_cue_rule_on_one_sentence_keeps_the_rest(pipeline, monkeypatch):
    real = quotes_module.verb_cues

    def flaky(sent, *args, **kwargs):
        if "Boom" in sent.text:
            raise RuntimeError("parser surprise")
        return real(sent, *args, **kwargs)

    monkeypatch.setattr(quotes_module, "verb_cues", flaky)
    found, ctx = run(pipeline, "Ali Karimi said the talks failed. Boom said the bridge fell. "
                               "Maria Lopez warned that prices would rise.")
    assert [q.content.text for q in found] == ["the talks failed", "prices would rise"]
    assert any("parser surprise" in w for w in ctx.warnings)


def test_failing_speaker_resolution_costs_one_quote_only(pipeline, monkeypatch):
    real = quotes_module.resolve_speaker

    def flaky(ctx, cue, lexicon):
        if cue is not None and cue.text == "warned":
            raise ValueError("odd speaker")
        return real(ctx, cue, lexicon)

    monkeypatch.setattr(quotes_module, "resolve_speaker", flaky)
    found, ctx = run(pipeline, "Ali Karimi said the talks failed. Maria Lopez warned that prices would rise.")
    assert [q.content.text for q in found] == ["the talks failed"]
    assert any("odd speaker" in w for w in ctx.warnings)
