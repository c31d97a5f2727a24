"""A small news site on 127.0.0.1 for the live-crawl tests, with the faults real sites have.

Static pages come from tests/fixtures/site/ (`/a/b/` serves `a/b/index.html`, `/a/b` serves
`a/b.html`); `{{BASE}}` and `{{OFFSITE}}` in them become this server's URL and the same server
under another host name (`localhost`), which a crawl limited to 127.0.0.1 must never request.
Behaviours that files cannot express are routes here: a 301, a page answering 503 twice, a page
that is slow the first time, an oversized page, PDFs, a gzipped sitemap, and a page whose charset
is only in the HTTP header (`index.cp1252.html`); optionally a delay on every answer and long
generated articles (`heavy`). Hostile answers live under /faults/, linked from no page (so the
site crawl never meets them): a redirect loop, an endless redirect chain, a gzip bomb and a
sitemap with an XML entity bomb. Every request is logged for the assertions.
"""

from __future__ import annotations

import gzip
import re
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from tests.heavy_pages import heavy_article

SITE_ROOT = Path(__file__).resolve().parent / "fixtures" / "site"

REDIRECTS = {"/news/market-story": "/2026/11/19/farmers-market-moves-indoors/"}
FLAKY = {"/2026/11/25/ferry-timetable-changes-for-winter/": 2}
"""Path → how many 503 answers come before the page."""
SLOW = {"/2026/11/26/bridge-inspection-finds-worn-bearings/"}
"""Pages that answer only after `slow_seconds` the first time they are requested."""
OVERSIZED = {"/2026/11/12/full-council-meeting-transcript/": 6 * 1024 * 1024}
PDFS = {"/documents/budget-2027", "/documents/annual-report-2025.pdf"}
GZIPPED = {"/sitemaps/articles.xml.gz": "sitemaps/articles.xml"}
TYPES = {".xml": "application/xml", ".txt": "text/plain; charset=utf-8"}
FEED_TYPES = {"/feed/rss.xml": "application/rss+xml", "/feed/atom.xml": "application/atom+xml"}
REDIRECT_LOOP = {"/faults/loop-a": "/faults/loop-b", "/faults/loop-b": "/faults/loop-a"}
REDIRECT_CHAIN = "/faults/chain"
"""Redirects to itself with ?n= one higher, for ever: only a redirect limit ends it."""
GZIP_BOMB = "/faults/gzip-bomb"
GZIP_BOMB_SIZE = 16 * 1024 * 1024
"""Decompressed size of the bomb (sent as 16 kB of gzip), over the default DOWNLOAD_MAXSIZE."""
ENTITY_BOMB_SITEMAP = "/faults/entity-bomb-sitemap.xml"
_LAUGHS = "".join(
    f'<!ENTITY lol{i} "{"".join(f"&lol{i - 1};" for _ in range(10))}">' for i in range(1, 10))
ENTITY_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE urlset [<!ENTITY lol0 "lol">' + _LAUGHS + "]>\n"
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    "<url><loc>{{BASE}}/2026/11/22/bakery-wins-regional-bread-award/</loc></url>\n"
    "<url><loc>{{BASE}}/&lol9;</loc></url>\n<url><loc>&lol9;</loc></url>\n</urlset>\n"
)
"""Billion laughs: one real article, then <loc>s that are unexpanded entities (libxml2 stops
reading at the first: its entity amplification limit)."""
PDF_BYTES = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
             b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
             b"trailer << /Root 1 0 R >>\n%%EOF\n")


@dataclass(frozen=True)
class Hit:
    """One request the server received."""

    method: str
    path: str
    """Path with query string, as requested."""
    host: str
    user_agent: str
    status: int


class FixtureSite:
    """The fixture site on an ephemeral port: `with FixtureSite() as site: … site.base …`."""

    def __init__(self, root: Path = SITE_ROOT, slow_seconds: float = 3.5,
                 missing: frozenset[str] = frozenset(), delay: float = 0.0,
                 heavy: int = 0) -> None:
        self.root = root
        self.slow_seconds = slow_seconds
        self.delay = delay
        """Seconds every answer waits (a site far away, or a slow one)."""
        self.heavy = heavy
        """Long invented articles served at /reports/<n>/ (tests/heavy_pages.py), n < heavy."""
        self.missing = missing
        """Paths answered 404 although the site has them (a site without robots.txt)."""
        self.hits: list[Hit] = []
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0
        """The ephemeral port, kept after `stop` so URLs can still be built for assertions."""

    # --- life cycle ------------------------------------------------------------------------
    def start(self) -> FixtureSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server API)
                site._handle(self)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FixtureSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def offsite(self) -> str:
        return f"http://localhost:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def requested(self, path: str) -> list[Hit]:
        """Hits whose path (without query) is `path`."""
        with self._lock:
            return [h for h in self.hits if urlsplit(h.path).path == path]

    # --- serving ---------------------------------------------------------------------------
    def _fill(self, data: bytes) -> bytes:
        return data.replace(b"{{BASE}}", self.base.encode()).replace(
            b"{{OFFSITE}}", self.offsite.encode())

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        path, query = urlsplit(handler.path).path, urlsplit(handler.path).query
        with self._lock:
            count = self._counts[path] = self._counts.get(path, 0) + 1
        status, headers, body = self._route(path, count, query)
        with self._lock:  # logged on arrival, so a slow answer still counts for this crawl
            self.hits.append(Hit("GET", handler.path, handler.headers.get("Host", ""),
                                 handler.headers.get("User-Agent", ""), status))
        if path in SLOW and count == 1:
            time.sleep(self.slow_seconds)
        if self.delay:
            time.sleep(self.delay)
        try:
            handler.send_response(status)
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout, size limit, non-HTML refusal)

    def _fault(self, path: str, query: str) -> tuple[int, dict[str, str], bytes] | None:
        if path in REDIRECT_LOOP:
            return 302, {"Location": REDIRECT_LOOP[path]}, b""
        if path == REDIRECT_CHAIN:
            n = int(query[2:]) if query.startswith("n=") and query[2:].isdigit() else 0
            return 302, {"Location": f"{REDIRECT_CHAIN}?n={n + 1}"}, b""
        if path == GZIP_BOMB:
            return 200, {"Content-Type": "text/html; charset=utf-8",
                         "Content-Encoding": "gzip"}, _gzip_bomb()
        if path == ENTITY_BOMB_SITEMAP:
            return 200, {"Content-Type": "application/xml"}, self._fill(ENTITY_BOMB.encode())
        return None

    def _route(self, path: str, count: int, query: str) -> tuple[int, dict[str, str], bytes]:
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path in self.missing:
            return 404, html, b"<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>"
        if path in REDIRECTS:
            return 301, {"Location": REDIRECTS[path]}, b""
        fault = self._fault(path, query)
        if fault is not None:
            return fault
        if path in FLAKY and count <= FLAKY[path]:
            return 503, {**html, "Retry-After": "0"}, b"<h1>Service unavailable</h1>"
        if path in OVERSIZED:
            filler = b"<p>" + b"Councillor: Thank you, chair. " * 40 + b"</p>\n"
            body = b"<!DOCTYPE html><html><head><title>Transcript</title></head><body>"
            body += filler * (OVERSIZED[path] // len(filler) + 1) + b"</body></html>"
            return 200, html, body
        if path in PDFS:
            return 200, {"Content-Type": "application/pdf"}, PDF_BYTES
        if path in GZIPPED:
            data = self._fill((self.root / GZIPPED[path]).read_bytes())
            return 200, {"Content-Type": "application/gzip"}, gzip.compress(data)
        heavy = re.fullmatch(r"/reports/(\d+)/", path)
        if heavy and int(heavy.group(1)) < self.heavy:
            return 200, html, heavy_article(int(heavy.group(1))).encode()
        if path == "/search":
            path = "/search/"
        rel = path.lstrip("/")
        candidates = [self.root / rel / "index.html", self.root / rel / "index.cp1252.html"] \
            if path.endswith("/") else [self.root / rel, self.root / (rel + ".html")]
        for file in candidates:
            if file.is_file() and self.root in file.resolve().parents:
                data = self._fill(file.read_bytes())
                if file.name.endswith(".cp1252.html"):
                    return 200, {"Content-Type": "text/html; charset=windows-1252"}, data
                kind = FEED_TYPES.get(path) or TYPES.get(file.suffix) or html["Content-Type"]
                return 200, {"Content-Type": kind}, data
        return 404, html, b"<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>"


@lru_cache(maxsize=1)
def _gzip_bomb() -> bytes:
    """An HTML page of GZIP_BOMB_SIZE bytes, mostly spaces, gzipped (made once)."""
    page = b"<!DOCTYPE html><html><body><p>" + b" " * GZIP_BOMB_SIZE + b"</p></body></html>"
    return gzip.compress(page, compresslevel=9, mtime=0)
