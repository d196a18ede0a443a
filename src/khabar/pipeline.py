"""The one core: ``process(articles, pipeline)`` turns articles into `ArticleRecord`s.

Pure function of its inputs and a loaded `Pipeline` (spaCy model + extractors with their
knowledge). The CLI, the API, the local/Dask/Spark engines all call it; it never knows where
articles came from or where records go.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Iterator

from .extract.base import Context
from .nlp import ResolvedModel, load_spacy
from .records import Article, ArticleRecord
from .settings import Settings

log = logging.getLogger(__name__)

# stage name → "module:Class"; order matters (events use everything before them).
EXTRACTORS: dict[str, str] = {
    "actors": "khabar.extract.actors:ActorExtractor",
    "relations": "khabar.extract.relations:RelationExtractor",
    "quotes": "khabar.extract.quotes:QuoteExtractor",
    "places": "khabar.extract.places:PlaceExtractor",
    "times": "khabar.extract.times:TimeExtractor",
    "events": "khabar.extract.events:EventExtractor",
}


def _import(target: str):
    module, _, cls = target.partition(":")
    return getattr(importlib.import_module(module), cls)


class Pipeline:
    """A loaded spaCy model plus the extractors, built once and reused for every article."""

    def __init__(self, nlp, model: ResolvedModel, settings: Settings, extractors: list):
        self.nlp, self.model, self.settings, self.extractors = nlp, model, settings, extractors

    @classmethod
    def load(cls, model: str | None = None, settings: Settings | None = None) -> Pipeline:
        settings = settings or Settings(model=model)
        nlp, resolved = load_spacy(model or settings.model)
        extractors = []
        for name in settings.extractors:
            try:
                extractor_cls = _import(EXTRACTORS[name])
            except (ImportError, AttributeError):
                log.debug("extractor %s not available", name)
                continue
            extractor = extractor_cls(settings)
            extractor.configure(nlp)
            extractors.append(extractor)
        return cls(nlp, resolved, settings, extractors)

    @property
    def version(self) -> str:
        """Identifies what produced a record: model and extractor set (kept in the runs table)."""
        meta = self.nlp.meta
        names = ",".join(e.name for e in self.extractors)
        return f"{meta.get('name')}-{meta.get('version')}|{names}"

    def extract(self, article: Article, doc) -> ArticleRecord:
        """Run every extractor on one parsed article. A failing stage costs a warning, not the doc."""
        ctx = Context(article=article, doc=doc)
        for extractor in self.extractors:
            try:
                found = extractor.extract(ctx)
            except Exception as exc:  # one bad rule must not lose the article (issue: never abandon)
                # the record carries the warning; the traceback is for --verbose/debug logging only
                log.warning("extractor %s failed on article %s: %s", extractor.name, article.id, exc)
                log.debug("traceback", exc_info=True)
                ctx.warnings.append(f"{extractor.name} extractor failed: {type(exc).__name__}: {exc}")
                found = []
            setattr(ctx, extractor.name, found)  # each stage's name is its Context field
            if extractor.name == "actors":
                ctx.index_actors()
        return ArticleRecord(
            article=article,
            actors=ctx.actors,
            relations=ctx.relations,
            quotes=ctx.quotes,
            places=ctx.places,
            times=ctx.times,
            events=ctx.events,
            warnings=ctx.warnings,
        )


def process(
    articles: Iterable[Article], pipeline: Pipeline | None = None, batch_size: int | None = None
) -> Iterator[ArticleRecord]:
    """Parse and extract each article; yields one `ArticleRecord` per article, in input order."""
    pipeline = pipeline or Pipeline.load()
    batch_size = batch_size or pipeline.settings.batch_size
    pairs = ((a.text, a) for a in articles)
    for doc, article in pipeline.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield pipeline.extract(article, doc)
