"""Web archives out: request/response pairs written to rotating WARC/1.1 files (`.warc.gz`).

Each record is its own gzip member and is flushed as soon as it is written, so the files are
valid whatever happens to the process: a crawl that is killed leaves at most its last record cut
off. Each file begins with a `warcinfo` record naming the software and its settings. warcio
writes the records and their digests (WARC-Block-Digest, WARC-Payload-Digest).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FILE_PREFIX = "newscrawl"
HOP_BY_HOP = ("transfer-encoding",)
"""Response headers that describe the transfer, not the payload: Scrapy has already removed the
chunking, so the recorded payload is not chunked and the header would mislead a reader."""


@dataclass
class Exchange:
    """One HTTP request and the response it got, as the crawler saw them."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    request_body: bytes
    status: int
    response_headers: list[tuple[str, str]]
    body: bytes
    """The payload as received: still content-encoded when the server compressed it."""
    protocol: str = "HTTP/1.1"
    ip_address: str | None = None
    truncated: str | None = None
    """WARC-Truncated reason ('length', 'disconnect', 'unspecified') when the body is partial."""
    date: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


def _warc_date(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _request_target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


class WarcFiles:
    """Rotating `.warc.gz` files in a folder; a new file is begun past `max_size` bytes."""

    def __init__(self, folder: Path, max_size: int, info: dict[str, str]) -> None:
        self.folder = folder
        self.max_size = max_size
        self.info = info
        self.started = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
        self.serial = 0
        self.paths: list[Path] = []
        self._file: BinaryIO | None = None
        self._writer: WARCWriter | None = None

    def _open(self) -> WARCWriter:
        self.folder.mkdir(parents=True, exist_ok=True)
        while True:  # never overwrite: another crawl may write to the same folder
            path = self.folder / f"{FILE_PREFIX}-{self.started}-{self.serial:05d}.warc.gz"
            self.serial += 1
            try:
                self._file = open(path, "xb")  # noqa: SIM115 (closed in rotate/close)
                break
            except FileExistsError:
                continue
        self.paths.append(path)
        self._writer = WARCWriter(self._file, gzip=True, warc_version="1.1")
        self._writer.write_record(self._writer.create_warcinfo_record(path.name, self.info))
        return self._writer

    def write(self, exchange: Exchange) -> None:
        """Append the response record and its request record (WARC-Concurrent-To links them)."""
        writer = self._writer or self._open()
        warc_headers = {"WARC-Date": _warc_date(exchange.date)}
        if exchange.ip_address:
            warc_headers["WARC-IP-Address"] = exchange.ip_address
        if exchange.truncated:
            warc_headers["WARC-Truncated"] = exchange.truncated
        response_headers = [(k, v) for k, v in exchange.response_headers
                            if k.lower() not in HOP_BY_HOP]
        status = f"{exchange.status} {_phrase(exchange.status)}"
        response = writer.create_warc_record(
            exchange.url, "response", payload=BytesIO(exchange.body), length=len(exchange.body),
            http_headers=StatusAndHeaders(status, response_headers, protocol=exchange.protocol),
            warc_headers_dict=warc_headers)
        request_line = f"{exchange.method} {_request_target(exchange.url)} {exchange.protocol}"
        request = writer.create_warc_record(
            exchange.url, "request", payload=BytesIO(exchange.request_body),
            length=len(exchange.request_body),
            http_headers=StatusAndHeaders(request_line, exchange.request_headers,
                                          is_http_request=True),
            warc_headers_dict={"WARC-Date": warc_headers["WARC-Date"]})
        writer.write_request_response_pair(request, response)
        if self._file is not None and self._file.tell() >= self.max_size:
            self.close()  # the next record begins the next file

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file = self._writer = None


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
