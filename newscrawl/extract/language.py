"""Language of an article's text (py3langid ships its model: nothing is downloaded)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

SAMPLE_CHARS = 3000
"""A few paragraphs identify a language; more only costs time."""
MIN_WORDS = 5
"""Below this there is too little text to tell."""
OVERRIDE_MIN_WORDS = 50
"""A page's declared language is only overruled by this much text..."""
OVERRIDE_MIN_PROBABILITY = 0.99
"""...in which the detector is this sure of another language (templates often declare 'en'
site-wide while an article is in German)."""


@lru_cache(maxsize=1)
def _identifier() -> Any:
    import py3langid.langid as langid  # loads its model: keep it out of module import time

    return langid.LanguageIdentifier.from_modelpath(
        langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True
    )


def detect_language(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) of `text`, or None when there is too little text to tell."""
    if len(text.split()) < MIN_WORDS:
        return None
    code, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return (code, float(probability)) if code else None


def article_language(declared: str | None, body: str) -> tuple[str | None, str | None]:
    """(language, how it was decided): the declared one unless the text clearly says otherwise.

    The second value is None when the declared language stands, else a provenance string.
    """
    detected = detect_language(body) if body else None
    if detected is None:
        return declared, None
    code, probability = detected
    if declared is None:
        return code, "langid"
    if (
        code != declared
        and probability >= OVERRIDE_MIN_PROBABILITY
        and len(body.split()) >= OVERRIDE_MIN_WORDS
    ):
        return code, f"langid (page declares {declared})"
    return declared, None
