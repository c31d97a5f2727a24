"""Language of a text when the page does not declare one (py3langid ships its model)."""

from __future__ import annotations

SAMPLE_CHARS = 3000
"""A few paragraphs identify a language; more only costs time."""


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`, or None when there is too little text to tell."""
    if len(text.split()) < 5:
        return None
    import py3langid  # loads its model on first import: keep it out of module import time

    code, _score = py3langid.classify(text[:SAMPLE_CHARS])
    return code or None
