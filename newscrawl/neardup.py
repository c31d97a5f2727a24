"""Near-duplicate bodies: the same story re-published (syndicated, moved, updated with a line).

Two bodies are near-duplicates when both have at least MIN_WORDS words, their 64-bit SimHash
fingerprints (the article's `fingerprint`) differ in at most MAX_DISTANCE bits, and their word
shingles overlap: the estimated resemblance (Jaccard index of their sets of SHINGLE_WORDS-word
shingles) is at least MIN_RESEMBLANCE. The SimHash alone is a bag-of-words summary: short or
formulaic pieces on one topic can land a few bits apart; the shingle check needs the same word
sequences, which unrelated texts do not share. Thresholds were chosen by measurement
(tests/benchmarks/duplicates.py, README "Near-duplicates").

The shingle check works on a bottom-k sketch: the SKETCH_SIZE smallest 32-bit hashes of a body's
shingles, a uniform sample of them, 128 bytes per article, so an article's fingerprint stays small
enough to keep for every article of every run (state file) and the check costs the same whatever
the bodies' lengths.

The index finds the fingerprints within MAX_DISTANCE bits without comparing against all of them
(pigeonhole): the 64 bits are cut into MAX_DISTANCE + 1 blocks; two fingerprints that differ in
at most MAX_DISTANCE bits agree exactly on at least one block, so one table per block (block
value → the fingerprints that have it) yields every candidate. Each bucket is compared in one
vectorised step (numpy), so a lookup costs the same few array operations at 1,000 or 100,000
articles.

No Scrapy here: the pipeline (newscrawl.duplicates), the report command and the benchmark share it.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from hashlib import blake2b

import numpy as np

MIN_WORDS = 50
"""Shorter bodies are neither flagged nor indexed: briefs and notices repeat by nature."""
MAX_DISTANCE = 7
"""SimHash bits two near-duplicate bodies may differ in. Measured on AEB articles and copies of
them (tests/benchmarks/duplicates.py): a dateline changed or a line added moves 0–7 bits in 98 %
of copies (recall stops growing at 7 bits in both halves; the rest are 12 and 20 bits, very short
bodies); two distinct articles are 13 bits apart at the very least, 31 typically."""
SHINGLE_WORDS = 5
"""Words per shingle: long enough that unrelated texts share none by chance."""
SKETCH_SIZE = 32
"""Shingle hashes kept per body (bottom-k sample)."""
MIN_RESEMBLANCE = 0.5
"""Estimated Jaccard index of the shingle sets at or above which a SimHash match is confirmed."""
BITS = 64
VECTOR_FROM = 64
"""Buckets longer than this are compared with numpy (a fixed cost per call), shorter ones in a
plain loop (cheaper while they are short)."""
DUPLICATES_STAT = "newscrawl/near_duplicates"
"""Crawl stat: articles found to copy an earlier one (exported with duplicate_of, or dropped)."""

_WORD = re.compile(r"\w+")


def parse_fingerprint(value: str | int | None) -> int | None:
    """The SimHash as an int, from the item's 16 hex digits; None when absent or malformed."""
    if isinstance(value, int):
        return value if 0 <= value < 1 << BITS else None
    if not value:
        return None
    try:
        number = int(value, 16)
    except ValueError:
        return None
    return number if number < 1 << BITS else None


def shingle_sketch(text: str) -> bytes:
    """The bottom-k sketch of the body's shingles (lower-cased words): sorted 32-bit hashes.

    A stable hash (not Python's salted `hash`), so sketches from another run compare.
    """
    words = [w.lower() for w in _WORD.findall(text)]
    n = SHINGLE_WORDS
    shingles = {" ".join(words[i:i + n]) for i in range(max(1, len(words) - n + 1))}
    # 4-byte big-endian digests sort as the numbers they spell: only the kept ones are converted
    digests = sorted({blake2b(s.encode("utf-8"), digest_size=4).digest() for s in shingles})
    return array("I", [int.from_bytes(d, "big") for d in digests[:SKETCH_SIZE]]).tobytes()


def _values(sketch: bytes) -> array:
    values = array("I")
    values.frombytes(sketch)
    return values


def resemblance(a: bytes, b: bytes) -> float:
    """Estimated Jaccard index of two bodies' shingle sets from their bottom-k sketches: the
    share of the union's k smallest hashes that both sets hold."""
    first, second = set(_values(a)), set(_values(b))
    union = sorted(first | second)[:SKETCH_SIZE]
    if not union:
        return 0.0
    return sum(1 for h in union if h in first and h in second) / len(union)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the index keeps of one article: enough to find and confirm its near-duplicates."""

    key: str
    """The article's url."""
    simhash: int
    sketch: bytes
    duplicate_of: str | None = None
    """The original this article copies (itself a key in the index), None for an original."""


def block_masks(max_distance: int, bits: int = BITS) -> list[tuple[int, int]]:
    """(shift, mask) of max_distance + 1 contiguous blocks covering the fingerprint."""
    count = max_distance + 1
    bounds = [round(i * bits / count) for i in range(count + 1)]
    return [(lo, (1 << (hi - lo)) - 1) for lo, hi in zip(bounds, bounds[1:], strict=False)]


class NearDuplicateIndex:
    """Fingerprints of earlier articles; `match` finds the original a new body copies."""

    def __init__(self, max_distance: int = MAX_DISTANCE,
                 min_resemblance: float = MIN_RESEMBLANCE) -> None:
        self.max_distance = max_distance
        self.min_resemblance = min_resemblance
        self.blocks = block_masks(max_distance)
        self.tables: list[dict[int, tuple[array, array]]] = [{} for _ in self.blocks]
        """Per block: block value → (SimHashes, positions in `entries`), appended in step."""
        self.entries: list[Fingerprint] = []

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, entry: Fingerprint) -> None:
        """Index an exported article."""
        position = len(self.entries)
        self.entries.append(entry)
        for table, (shift, mask) in zip(self.tables, self.blocks, strict=True):
            key = (entry.simhash >> shift) & mask
            bucket = table.get(key)
            if bucket is None:
                bucket = table[key] = (array("Q"), array("L"))
            bucket[0].append(entry.simhash)
            bucket[1].append(position)

    def candidates(self, simhash: int) -> Iterator[Fingerprint]:
        """Entries within max_distance bits, earliest first, each once."""
        found: set[int] = set()
        for table, (shift, mask) in zip(self.tables, self.blocks, strict=True):
            bucket = table.get((simhash >> shift) & mask)
            if bucket is None:
                continue
            hashes, positions = bucket
            if len(hashes) <= VECTOR_FROM:
                found.update(p for h, p in zip(hashes, positions, strict=True)
                             if (h ^ simhash).bit_count() <= self.max_distance)
                continue
            values = np.frombuffer(hashes, dtype=np.uint64)
            near = np.flatnonzero(np.bitwise_count(values ^ np.uint64(simhash))
                                  <= self.max_distance)
            del values  # release the buffer: the array grows again on the next `add`
            found.update(positions[i] for i in near.tolist())
        for position in sorted(found):
            yield self.entries[position]

    def match(self, simhash: int, sketch: bytes, key: str | None = None) -> Fingerprint | None:
        """The earliest indexed article (other than `key`) this body nearly duplicates."""
        for entry in self.candidates(simhash):
            if entry.key != key and resemblance(sketch, entry.sketch) >= self.min_resemblance:
                return entry
        return None

    def lookup(self, key: str, simhash: int | None, body: str, words: int) -> Fingerprint | None:
        """The fingerprint of a new article, `duplicate_of` set to the original it copies; None
        for a body too short to judge (or without a SimHash). Nothing is indexed yet (`add`).

        A copy points at the original, not at the copy it resembles most, so every copy of a
        story carries the same `duplicate_of`. The same url seen again is not its own copy.
        """
        if simhash is None or words < MIN_WORDS:
            return None
        sketch = shingle_sketch(body)
        found = self.match(simhash, sketch, key)
        original = (found.duplicate_of or found.key) if found else None
        return Fingerprint(key, simhash, sketch, original)

    def check(self, key: str, simhash: int | None, body: str, words: int) -> str | None:
        """Look up and index one article in arrival order; the url of the original it copies."""
        entry = self.lookup(key, simhash, body, words)
        if entry is None:
            return None
        self.add(entry)
        return entry.duplicate_of
