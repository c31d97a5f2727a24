"""The body's SimHash fingerprint: trafilatura's 64-bit Charikar SimHash, computed in one step.

trafilatura's `Simhash` adds a 64-entry list per token in Python (about 1.4 ms for an article,
as much as the language identifier); the same sums are one small matrix product here. The value is
the library's, bit for bit (tests/test_fingerprint.py compares them), so fingerprints from
earlier runs and from other trafilatura users still compare.
"""

from __future__ import annotations

from collections import Counter
from hashlib import blake2b

import numpy as np
from trafilatura.deduplication import sample_tokens

BITS = 64


def simhash(text: str) -> int:
    """trafilatura's `Simhash(text).hash`: bit i is set when the tokens whose hash has bit i set
    weigh at least as much as those whose hash has it clear."""
    counts = Counter(sample_tokens(text, BITS))
    digests = b"".join(blake2b(token.encode(), digest_size=BITS // 8).digest() for token in counts)
    # one row per token, its hash's bits from the highest (big-endian digest) to the lowest
    bits = np.unpackbits(np.frombuffer(digests, dtype=np.uint8).reshape(-1, BITS // 8), axis=1)
    weights = np.fromiter(counts.values(), dtype=np.int64, count=len(counts))
    set_weight = weights @ bits
    return int.from_bytes(np.packbits(2 * set_weight >= weights.sum()).tobytes(), "big")


def fingerprint(text: str) -> str | None:
    """64-bit SimHash of the text (16 hex digits); near-duplicate bodies differ in few bits."""
    if not text:
        return None
    return f"{simhash(text):016x}"
