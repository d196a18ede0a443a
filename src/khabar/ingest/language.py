"""Language check: khabar's extractors are English-only, so other languages are rejected up front.

Detection uses py3langid (the langid.py model, shipped inside the package: works offline). A text
is rejected only when the detector is confident it is in a language that is not accepted; texts
too short to judge, and mixed or uncertain ones, pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# The detector's confidence (normalized over languages) shrinks as the input grows, so it judges a
# fixed-size sample: the start of the article, where the lead paragraph is.
SAMPLE_CHARS = 2000
MIN_CONFIDENCE = 0.8


@dataclass(frozen=True)
class Detected:
    language: str
    confidence: float


@lru_cache(maxsize=1)
def _identifier():
    # Loaded once per process (about 1 s); lru_cache keeps it without a module-level global.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> Detected:
    lang, conf = _identifier().classify(text[:SAMPLE_CHARS])
    return Detected(lang, float(conf))


def language_problem(text: str, accepted: tuple[str, ...], min_chars: int) -> tuple[str, str | None]:
    """(language code to record, reject reason or None).

    The code is the first accepted language unless the text is confidently in another one.
    """
    default = accepted[0]
    if len(text) < min_chars:
        return default, None
    found = detect(text)
    if found.language in accepted:
        return found.language, None
    if found.confidence < MIN_CONFIDENCE:
        return default, None
    wanted = ", ".join(accepted)
    return found.language, (
        f"language is {found.language!r} (confidence {found.confidence:.2f}), "
        f"not an accepted language ({wanted})"
    )
