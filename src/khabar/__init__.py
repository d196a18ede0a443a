"""khabar: news articles in, sourced political event data out."""

from .pipeline import Pipeline, process
from .records import Article, ArticleRecord

__version__ = "0.1.0"
__all__ = ["Article", "ArticleRecord", "Pipeline", "process", "__version__"]
