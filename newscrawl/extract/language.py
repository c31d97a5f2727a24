"""Language of an article's text (py3langid ships its model: nothing is downloaded)."""

from __future__ import annotations

from array import array
from functools import lru_cache
from typing import Any

import numpy as np

from newscrawl.extract.words import words_of
from newscrawl.user_cache import cache_path, load_or_build_arrays, package_version

SAMPLE_CHARS = 1500
"""A few paragraphs identify a language; more only costs time (the detector walks the text byte by
byte in Python). 3,000 characters gave the same decision as 1,500 and 1,000 on all 925 AEB and
dates-dev pages, at twice and three times the cost."""
MIN_WORDS = 5
"""Below this there is too little text to tell."""
OVERRIDE_MIN_WORDS = 50
"""A page's declared language is only overruled by this much text..."""
OVERRIDE_MIN_PROBABILITY = 0.99
"""...in which the detector is this sure of another language (templates often declare 'en'
site-wide while an article is in German)."""


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's identifier, from the user's cache when a crawl has kept its model there.

    The library ships its model LZMA-compressed: 68 MB to decompress, about a second of every
    worker's start-up. The cache keeps the arrays the library's loader returns zlib-compressed
    (7 MB), read in a third of the time.
    """
    import py3langid.langid as langid  # imported on first use, like the model it loads
    from py3langid.modelio import load_model

    shipped = langid.MODEL_DIR / langid.MODEL_FILE
    cached = cache_path(f"py3langid-{package_version('py3langid')}-parts.npz")
    arrays = load_or_build_arrays(
        cached, lambda: dict(zip(_MODEL_PARTS, map(np.asarray, load_model(shipped)), strict=True)))
    try:
        ptc, pc, classes, nextmove, row, output = (arrays[part] for part in _MODEL_PARTS)
        return langid.LanguageIdentifier(
            ptc, pc, classes.tolist(), _uint_array(nextmove), output.tolist(),
            norm_probs=True, tk_row=_uint_array(row),
        )
    except (KeyError, TypeError, ValueError):  # another model layout: the library's own way
        return langid.LanguageIdentifier.from_modelpath(shipped, norm_probs=True)


_MODEL_PARTS = ("ptc", "pc", "classes", "nextmove", "row", "output")
"""The parts of py3langid's model, in the order its loader returns them."""


def _uint_array(values: np.ndarray) -> array:
    """A numpy array of unsigned ints as the stdlib `array` the identifier's DFA walks."""
    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out


def detect_language(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) of `text`, or None when there is too little text to tell."""
    if words_of(text) < MIN_WORDS:
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
        and words_of(body) >= OVERRIDE_MIN_WORDS
    ):
        return code, f"langid (page declares {declared})"
    return declared, None
