"""What a scan of a web archive finds, one entry per record (or run of padding)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageRecord:
    """A record to crawl as a page: where it is and what its WARC headers say about it."""

    offset: int
    """Byte offset of the record in its file (of a gzip member per record: the member's); in a
    file gzipped as a whole, in its inflated bytes."""
    record_id: str | None
    """WARC-Record-ID, e.g. '<urn:uuid:…>'; None for ARC records, which have none."""
    target_uri: str
    """WARC-Target-URI: the URL that was fetched."""
    date: str
    """WARC-Date: when it was fetched."""
    payload: tuple[str, int] | None = None
    """For a revisit: (file, offset) of the response record holding its payload."""


@dataclass(frozen=True)
class SkippedRecord:
    """A record that is no page (request, metadata, PDF, 404…), with the reason."""

    reason: str
    offset: int


@dataclass(frozen=True)
class BrokenRecord:
    """A record that cannot be read: 'corrupt' (damaged bytes) or 'truncated' (cut off)."""

    reason: str
    offset: int
    detail: str


@dataclass(frozen=True)
class Revisit:
    """A revisit record: a page whose payload is in an earlier response record."""

    page: PageRecord
    refers_to: str | None
    """WARC-Refers-To: the record id of the original, when the writer named it."""
    digest: str | None
    """WARC-Payload-Digest, shared with the original response."""


@dataclass(frozen=True)
class Padding:
    """A run of NUL bytes where a record could start (preallocated or block-padded files): no
    record, and no damage either."""

    offset: int
    """Where the padding starts."""
    length: int
    """Its NUL bytes (blank lines between them are not counted)."""


Entry = PageRecord | SkippedRecord | BrokenRecord | Revisit | Padding
