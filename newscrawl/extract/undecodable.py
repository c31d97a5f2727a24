"""What makes a run of bytes no page: the size limit and the error that says why.

Apart from `decode` so that the crawl's own process (the WARC reader, which refuses records by
the same rules) can use them without importing the parsers and repairers behind decoding.
"""

from __future__ import annotations

MAX_BYTES = 20 * 1024 * 1024
"""Pages larger than this (after gunzip) are refused: no news article is that big."""


class UndecodablePage(ValueError):
    """The bytes cannot be read as a web page; `reason` is a short stats key."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
