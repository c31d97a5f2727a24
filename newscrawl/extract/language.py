"""Language of an article's text (py3langid ships its model: nothing is downloaded)."""

from __future__ import annotations

import lzma
import shutil
import tempfile
from array import array
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newscrawl.user_cache import cache_path, load_or_build_arrays, package_version

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
    """py3langid's identifier, from the user's cache when a crawl has kept its model there.

    The library ships its model LZMA-compressed: 68 MB to decompress, about a second of every
    worker's start-up. The cache keeps the same arrays zlib-compressed (7 MB), read in a third
    of the time.
    """
    import py3langid.langid as langid  # imported on first use, like the model it loads

    shipped = langid.MODEL_DIR / langid.MODEL_FILE
    cached = cache_path(f"py3langid-{package_version('py3langid')}-model.npz")
    arrays = load_or_build_arrays(cached, lambda: _shipped_arrays(shipped))
    try:
        return langid.LanguageIdentifier(
            arrays["ptc"], arrays["pc"], arrays["classes"].tolist(),
            _uint_array(arrays["nextmove"]), arrays["out_feat"].tolist(),
            norm_probs=True, tk_row=_uint_array(arrays["nextmove_row"]),
        )
    except (KeyError, TypeError, ValueError):  # another model layout: the library's own way
        return langid.LanguageIdentifier.from_modelpath(shipped, norm_probs=True)


def _shipped_arrays(path: Path) -> dict[str, np.ndarray]:
    """The arrays of the library's LZMA-compressed model file (decompressed through a
    temporary file, as the library does, so the 68 MB are never all in memory twice)."""
    with tempfile.TemporaryFile(suffix=".npz") as tmp:
        with lzma.open(path) as source:
            shutil.copyfileobj(source, tmp, length=1 << 20)
        tmp.seek(0)
        with np.load(tmp, allow_pickle=False) as data:
            return {name: data[name] for name in data.files}


def _uint_array(values: np.ndarray) -> array:
    """A numpy array of unsigned ints as the stdlib `array` the identifier's DFA walks."""
    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out


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
