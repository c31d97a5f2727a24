"""Reading web archives: WARC files built here with warcio's writer from the golden pages, read
by the record scanner (pure functions) and by real `scrapy crawl saved` runs.

The crawled folder mixes a gzip-per-record .warc.gz (the golden articles, a page whose HTTP
header names the right charset and its <meta> a wrong one, a gzip-encoded chunked payload, a
404, a PDF, request and metadata records, revisits with and without their original), an
uncompressed .warc, a truncated .warc.gz and a plain HTML file.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.warc.read import (
    BrokenRecord,
    PageRecord,
    Revisit,
    SkippedRecord,
    read_record,
    resolve_revisits,
    scan,
)
from tests.crawl import run_crawl

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
FIELDS = ["url", "domain", "sitename", "headline", "description", "authors", "date_published",
          "date_modified", "language", "body", "word_count", "tags", "image"]
EXPECTED = (json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(PAGES.rglob("*.expected.json")))
GOLDEN = {data["file"]: data for data in EXPECTED if data.get("exported", True)}
"""The golden articles (tests/fixtures/pages), by file name."""
WARC_DATE = "2026-11-30T08:15:42Z"

# An invented article in Russian, KOI8-R bytes: its <meta> wrongly says windows-1252, the HTTP
# header says koi8-r. Read by the <meta>, every Cyrillic letter would become Latin mojibake.
KOI8_TEXT = [
    "Городской совет утвердил план ремонта старого моста через реку в понедельник вечером.",
    "Работы начнутся весной и продлятся около шести месяцев, сообщили в администрации.",
    "Мост нужен людям каждый день, сказала председатель транспортной комиссии.",
]
KOI8_PAGE = (
    "<!DOCTYPE html><html lang='ru'><head><meta charset='windows-1252'>"
    "<title>Совет утвердил ремонт моста</title></head><body><article><h1>Совет утвердил ремонт "
    "моста</h1>" + "".join(f"<p>{p}</p>" for p in KOI8_TEXT) + "</article></body></html>"
).encode("koi8-r")


# --- building archives (warcio's writer) -------------------------------------------------------
@dataclass
class Archive:
    """A WARC file being written, with what was put in it."""

    path: Path
    gzip: bool = True
    ids: dict[str, str] = field(default_factory=dict)
    """Target URI → record id of the response records."""

    def __post_init__(self) -> None:
        self._file = open(self.path, "wb")  # noqa: SIM115 (closed in close())
        self.writer = WARCWriter(self._file, gzip=self.gzip, warc_version="1.1")
        self.writer.write_record(self.writer.create_warcinfo_record(self.path.name,
                                                                    {"software": "tests"}))

    def response(self, uri: str, body: bytes, content_type: str | None = "text/html",
                 status: str = "200 OK", extra: list[tuple[str, str]] | None = None,
                 date: str = WARC_DATE) -> str:
        headers = [("Content-Type", content_type)] if content_type else []
        headers += extra or []
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        record = self.writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                length=len(body), http_headers=http,
                                                warc_headers_dict={"WARC-Date": date})
        request = self.writer.create_warc_record(
            uri, "request", http_headers=StatusAndHeaders(
                f"GET /{uri.split('/', 3)[-1]} HTTP/1.1", [("Host", uri.split("/")[2])],
                is_http_request=True))
        self.writer.write_request_response_pair(request, record)
        self.ids[uri] = record.rec_headers.get_header("WARC-Record-ID")
        return self.ids[uri]

    def revisit(self, uri: str, original_uri: str, digest: str, refers_to: str | None) -> str:
        record = self.writer.create_revisit_record(
            uri, digest, original_uri, WARC_DATE,
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                          protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Date": "2026-12-01T09:00:00Z"})
        if refers_to:
            record.rec_headers.add_header("WARC-Refers-To", refers_to)
        self.writer.write_record(record)
        return record.rec_headers.get_header("WARC-Record-ID")

    def metadata(self, uri: str) -> None:
        record = self.writer.create_warc_record(uri, "metadata", payload=io.BytesIO(b"via: x\r\n"),
                                                warc_content_type="application/warc-fields")
        self.writer.write_record(record)

    def close(self) -> None:
        self._file.close()


def page_bytes(name: str) -> bytes:
    """The golden page's bytes as a server would send them (a .gz page: gunzipped)."""
    data = next(PAGES.rglob(name)).read_bytes()
    return gzip.decompress(data) if name.endswith(".gz") else data


def chunked(data: bytes, size: int = 1000) -> bytes:
    parts = [data[i:i + size] for i in range(0, len(data), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


def golden_uri(name: str) -> str:
    return GOLDEN[name]["url"]


def invented_page(seed: int, words: int = 12000) -> bytes:
    """A long invented article of words with numbers, which gzip can hardly shrink: its record's
    gzip member is far longer than warcio's 16 KB read block."""
    rng = random.Random(seed)
    nouns = ["river", "bridge", "council", "mayor", "budget", "spring", "repair", "vote",
             "street", "harbour", "ferry", "school"]
    text = " ".join(f"{rng.choice(nouns)}{rng.randrange(10 ** 6)}" for _ in range(words))
    return (f"<html><body><article><h1>Harbour report {seed}</h1><p>{text}</p></article>"
            "</body></html>").encode()


def three_pages(path: Path, body: bytes) -> list[int]:
    """A per-record gzipped archive of three pages https://news.example/0…2 (each response
    followed by its request): the start of each record's gzip member, then the file size."""
    archive = Archive(path)
    for n in range(3):
        archive.response(f"https://news.example/{n}", body)
    archive.close()
    return [entry.offset for entry in scan(path)] + [path.stat().st_size]


MIDDLE_PAGE = 3
"""three_pages(): the index of the middle page's response (after warcinfo, page 0, request 0)."""


def replace_member(path: Path, starts: list[int], index: int, member: bytes) -> None:
    """Put `member` in place of the gzip member of record `index`."""
    data = path.read_bytes()
    path.write_bytes(data[:starts[index]] + member + data[starts[index + 1]:])


def damaged_member(run_on: int) -> bytes:
    """A gzip member whose deflate data is damaged right at its start (a stored block whose
    length check fails), followed by bytes that read, uncompressed, as an ARC header line whose
    length runs `run_on` bytes into the members after it: what warcio made of the 1-in-400
    random damage that lost the page after it."""
    gzip_header = gzip.compress(b"", mtime=0)[:10]
    stored_block = b"\x01\x10\x00\x10\x00"  # LEN 16, NLEN should be its complement
    return gzip_header + stored_block + b" 192.0.2.1 20261130081542 text/html %d\n" % run_on


def pages_and_damage(path: Path) -> tuple[list[str], list[str]]:
    entries = list(scan(path))
    return ([e.target_uri for e in entries if isinstance(e, PageRecord)],
            [e.reason for e in entries if isinstance(e, BrokenRecord)])


def build_archives(folder: Path) -> dict[str, object]:
    """The crawled folder (see the module docstring); returns what the assertions need."""
    folder.mkdir(parents=True, exist_ok=True)
    main = Archive(folder / "crawl.warc.gz")
    for name in GOLDEN:
        if name.endswith(".gz"):
            # A server's gzip Content-Encoding, sent chunked: the record holds it so.
            body = chunked(gzip.compress(page_bytes(name)))
            main.response(golden_uri(name), body, extra=[("Content-Encoding", "gzip"),
                                                         ("Transfer-Encoding", "chunked")])
        else:
            main.response(golden_uri(name), page_bytes(name))
    main.response("https://gorod.example/2026/11/most", KOI8_PAGE, "text/html; charset=koi8-r")
    main.response("https://news.example/missing", b"<html><body>Not found</body></html>",
                  status="404 Not Found")
    main.response("https://news.example/report.pdf", b"%PDF-1.4 ...", "application/pdf")
    main.metadata("https://news.example/missing")
    original = golden_uri("wordpress-post.html")
    record_id = main.ids[original]
    digest = main.writer.create_warc_record(
        original, "response", payload=io.BytesIO(page_bytes("wordpress-post.html")),
        length=len(page_bytes("wordpress-post.html")),
        http_headers=StatusAndHeaders("200 OK", [], protocol="HTTP/1.1"),
    ).rec_headers.get_header("WARC-Payload-Digest")
    revisit_uri = original + "?revisited=1"
    revisit_id = main.revisit(revisit_uri, original, digest, record_id)
    main.revisit("https://news.example/lost", "https://news.example/lost", "sha1:AAAAAAAA",
                 "<urn:uuid:00000000-0000-0000-0000-000000000000>")
    main.close()

    plain = Archive(folder / "plain.warc", gzip=False)
    plain_uri = "https://gorod.example/2026/11/most-plain"
    plain.response(plain_uri, KOI8_PAGE, "text/html; charset=koi8-r")
    plain.close()

    cut = Archive(folder / "cut.warc.gz")
    cut_first = "https://news.example/before-the-cut"
    cut.response(cut_first, page_bytes("blog-post.html"))
    cut.response("https://news.example/cut-off", page_bytes("amp-article.html"))
    cut.close()
    data = (folder / "cut.warc.gz").read_bytes()
    (folder / "cut.warc.gz").write_bytes(data[: len(data) - 700])

    damaged = folder / "damaged.warc.gz"
    starts = three_pages(damaged, page_bytes("blog-post.html"))
    replace_member(damaged, starts, MIDDLE_PAGE, damaged_member(
        starts[MIDDLE_PAGE + 2] - starts[MIDDLE_PAGE + 1] + 1000))

    whole_uri = "https://news.example/gzipped-whole"
    whole = Archive(folder / "whole.warc", gzip=False)
    whole.response(whole_uri, page_bytes("amp-article.html"))
    whole.close()
    (folder / "whole.warc.gz").write_bytes(gzip.compress((folder / "whole.warc").read_bytes()))
    (folder / "whole.warc").unlink()

    (folder / "loose.html").write_bytes(page_bytes("blog-post.html"))
    return {"ids": main.ids, "revisit_uri": revisit_uri, "revisit_id": revisit_id,
            "plain_uri": plain_uri, "cut_first": cut_first, "whole_uri": whole_uri}


# --- the scanner (pure functions) --------------------------------------------------------------
@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("warc")
    return folder, build_archives(folder)


def test_scan_finds_each_page_and_skips_the_rest_by_reason(archives: tuple[Path, dict]) -> None:
    folder, _ = archives
    entries = list(scan(folder / "crawl.warc.gz"))
    pages = [e for e in entries if isinstance(e, PageRecord)]
    skipped = sorted(e.reason for e in entries if isinstance(e, SkippedRecord))
    assert len(pages) == len(GOLDEN) + 1
    assert skipped == sorted(["warcinfo", "http_404", "not_html", "metadata"]
                             + ["request"] * (len(GOLDEN) + 3))
    assert sum(isinstance(e, Revisit) for e in entries) == 2


def test_scan_of_an_uncompressed_file(archives: tuple[Path, dict]) -> None:
    folder, built = archives
    pages = [e for e in scan(folder / "plain.warc") if isinstance(e, PageRecord)]
    assert [p.target_uri for p in pages] == [built["plain_uri"]]
    assert read_record(str(folder / "plain.warc"), pages[0].offset).body == KOI8_PAGE


def test_truncated_file_reports_the_cut_record_after_the_whole_ones(
        archives: tuple[Path, dict]) -> None:
    folder, built = archives
    entries = list(scan(folder / "cut.warc.gz"))
    assert [e.target_uri for e in entries if isinstance(e, PageRecord)] == [built["cut_first"]]
    assert isinstance(entries[-1], BrokenRecord)


def test_corrupt_record_in_the_middle_does_not_end_the_file(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "x.warc.gz")
    for n in range(3):
        archive.response(f"https://news.example/{n}", page_bytes("blog-post.html"))
    archive.close()
    path = tmp_path / "x.warc.gz"
    offsets = [e.offset for e in scan(path) if isinstance(e, PageRecord)]
    data = bytearray(path.read_bytes())
    data[offsets[1] + 40: offsets[1] + 90] = b"\x00" * 50  # inside the 2nd page's gzip member
    path.write_bytes(bytes(data))
    entries = list(scan(path))
    assert [e.target_uri for e in entries if isinstance(e, PageRecord)] == [
        "https://news.example/0", "https://news.example/2"]
    assert [e.reason for e in entries if isinstance(e, BrokenRecord)] == ["corrupt"]


def test_member_that_does_not_inflate_is_not_read_as_uncompressed_data(tmp_path: Path) -> None:
    """warcio reads such a member's bytes as an uncompressed record, which ran into the page
    after it; a member is now read by zlib, and nothing past its end belongs to its record."""
    path = tmp_path / "x.warc.gz"
    starts = three_pages(path, page_bytes("blog-post.html"))
    into_last_page = starts[MIDDLE_PAGE + 2] - starts[MIDDLE_PAGE + 1] + 1000
    replace_member(path, starts, MIDDLE_PAGE, damaged_member(into_last_page))
    assert pages_and_damage(path) == (["https://news.example/0", "https://news.example/2"],
                                      ["corrupt"])


def test_damage_far_into_a_long_member_does_not_end_the_file(tmp_path: Path) -> None:
    """warcio takes a zlib error past a member's first 16 KB for the end of the file."""
    path = tmp_path / "x.warc.gz"
    starts = three_pages(path, invented_page(1))
    data = bytearray(path.read_bytes())
    damage = starts[MIDDLE_PAGE] + (starts[MIDDLE_PAGE + 1] - starts[MIDDLE_PAGE]) * 2 // 3
    assert damage - starts[MIDDLE_PAGE] > 16384
    data[damage:damage + 50] = b"\x00" * 50
    path.write_bytes(bytes(data))
    assert pages_and_damage(path) == (["https://news.example/0", "https://news.example/2"],
                                      ["corrupt"])


@pytest.mark.parametrize("error", [-100, 100])
def test_record_length_that_disagrees_with_its_member_is_corrupt(tmp_path: Path,
                                                                  error: int) -> None:
    """A member that inflates whole (CRC right) to a record whose Content-Length is too short
    (the page would be read cut) or too long (it would run into the next member)."""
    path = tmp_path / "x.warc.gz"
    starts = three_pages(path, page_bytes("blog-post.html"))
    record = gzip.decompress(path.read_bytes()[starts[MIDDLE_PAGE]:starts[MIDDLE_PAGE + 1]])
    length = int(re.search(rb"Content-Length: (\d+)", record).group(1))
    record = record.replace(b"Content-Length: %d" % length,
                            b"Content-Length: %d" % (length + error), 1)
    replace_member(path, starts, MIDDLE_PAGE, gzip.compress(record))
    assert pages_and_damage(path) == (["https://news.example/0", "https://news.example/2"],
                                      ["corrupt"])


def whole_gzip(tmp_path: Path, bodies: list[bytes]) -> Path:
    """An archive of the pages https://news.example/0… gzipped as a whole (one gzip member)."""
    plain = Archive(tmp_path / "x.warc", gzip=False)
    for n, body in enumerate(bodies):
        plain.response(f"https://news.example/{n}", body)
    plain.close()
    path = tmp_path / "x.warc.gz"
    path.write_bytes(gzip.compress(plain.path.read_bytes()))
    return path


def scan_within(path: Path, seconds: float = 60) -> list:
    """scan() of the file, failing instead of hanging."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: list(scan(path))).result(timeout=seconds)


def test_archive_gzipped_as_a_whole_is_read(tmp_path: Path) -> None:
    bodies = [invented_page(n, words=200) for n in range(3)]
    path = whole_gzip(tmp_path, bodies)
    pages = [e for e in scan_within(path) if isinstance(e, PageRecord)]
    assert [p.target_uri for p in pages] == [f"https://news.example/{n}" for n in range(3)]
    assert [read_record(str(path), p.offset).body for p in pages] == bodies


def test_damage_in_an_archive_gzipped_as_a_whole_is_reported(tmp_path: Path) -> None:
    """Nothing after damage to a single gzip stream can be inflated: the pages before it are
    read, the damage is reported, and the scan ends."""
    bodies = [invented_page(n) for n in range(3)]
    path = whole_gzip(tmp_path, bodies)
    data = bytearray(path.read_bytes())
    damage = len(data) * 5 // 6  # in the last page
    data[damage:damage + 50] = b"\x00" * 50
    path.write_bytes(bytes(data))
    entries = scan_within(path)
    pages = [e for e in entries if isinstance(e, PageRecord)]
    assert [p.target_uri for p in pages[:2]] == ["https://news.example/0", "https://news.example/1"]
    assert read_record(str(path), pages[1].offset).body == bodies[1]
    assert isinstance(entries[-1], BrokenRecord) and entries[-1].reason == "corrupt"


def test_cut_archive_gzipped_as_a_whole_is_reported(tmp_path: Path) -> None:
    path = whole_gzip(tmp_path, [invented_page(n) for n in range(3)])
    path.write_bytes(path.read_bytes()[:-1000])
    entries = scan_within(path)
    assert [e.target_uri for e in entries if isinstance(e, PageRecord)][:2] == [
        "https://news.example/0", "https://news.example/1"]
    assert isinstance(entries[-1], BrokenRecord) and entries[-1].reason == "truncated"


def test_content_and_transfer_coding_are_removed(archives: tuple[Path, dict]) -> None:
    folder, built = archives
    name = next(n for n in GOLDEN if n.endswith(".gz"))
    page = next(e for e in scan(folder / "crawl.warc.gz")
                if isinstance(e, PageRecord) and e.target_uri == golden_uri(name))
    content = read_record(str(folder / "crawl.warc.gz"), page.offset)
    assert content.body == page_bytes(name)
    assert not {"content-encoding", "transfer-encoding"} & {k.lower() for k, _ in content.headers}


def test_revisit_is_read_from_its_original(archives: tuple[Path, dict]) -> None:
    folder, built = archives
    path = folder / "crawl.warc.gz"
    revisits = [e for e in scan(path) if isinstance(e, Revisit)]
    resolved = dict((r.page.target_uri, entry) for r, entry in resolve_revisits(revisits, [path]))
    page = resolved[built["revisit_uri"]]
    assert isinstance(page, PageRecord) and page.payload is not None
    assert read_record(str(path), page.offset, page.payload).body == page_bytes(
        "wordpress-post.html")
    assert resolved["https://news.example/lost"] == SkippedRecord(
        "revisit_without_original", revisits[1].page.offset)


@pytest.mark.parametrize("name", ["old.arc", "old.arc.gz"])
def test_arc_file(tmp_path: Path, name: str) -> None:
    """ARC, the WARC format's predecessor: a file header record, then one line per record."""
    page = b"<html><head><title>Old story</title></head><body><p>Kept in ARC.</p></body></html>"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
    desc = b"1 0 tests\nURL IP-address Archive-date Content-type Archive-length\n"
    records = [
        b"filedesc://old.arc 0.0.0.0 20091130081542 text/plain %d\n" % len(desc) + desc + b"\n",
        b"http://news.example/old 192.0.2.1 20091130081542 text/html %d\n" % len(http) + http
        + b"\n",
    ]
    path = tmp_path / name
    path.write_bytes(b"".join(gzip.compress(r) if name.endswith(".gz") else r for r in records))
    entries = list(scan(path))
    pages = [e for e in entries if isinstance(e, PageRecord)]
    assert [(p.target_uri, p.date, p.record_id) for p in pages] == [
        ("http://news.example/old", "2009-11-30T08:15:42Z", None)]
    assert read_record(str(path), pages[0].offset).body == page


# --- real crawls ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def crawl(archives: tuple[Path, dict], tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[list[dict], str]:
    folder, _ = archives
    out = tmp_path_factory.mktemp("warc-out") / "items.jsonl"
    items, proc = run_crawl("saved", out, {"path": str(folder)}, {"NEWSCRAWL_ANALYSE": False})
    return items, proc.stderr


def by_request_url(items: list[dict], uri: str) -> dict:
    matches = [i for i in items if i["request_url"] == uri]
    assert len(matches) == 1, f"{uri}: {len(matches)} exports"
    return matches[0]


@pytest.mark.parametrize(("page", "name"), [(p, f) for p in GOLDEN for f in FIELDS])
def test_golden_field_from_the_archive(crawl: tuple[list[dict], str], page: str,
                                       name: str) -> None:
    items, _ = crawl
    assert by_request_url(items, golden_uri(page))[name] == GOLDEN[page][name]


def test_http_header_charset_wins_over_a_wrong_meta(crawl: tuple[list[dict], str]) -> None:
    items, _ = crawl
    item = by_request_url(items, "https://gorod.example/2026/11/most")
    assert KOI8_TEXT[0] in item["body"]


def test_record_date_is_fetched_at(crawl: tuple[list[dict], str]) -> None:
    items, _ = crawl
    assert by_request_url(items, golden_uri("blog-post.html"))["fetched_at"] == (
        "2026-11-30T08:15:42+00:00")


def test_provenance_names_the_record_and_file(crawl: tuple[list[dict], str],
                                              archives: tuple[Path, dict]) -> None:
    items, _ = crawl
    folder, built = archives
    provenance = by_request_url(items, golden_uri("blog-post.html"))["provenance"]
    assert provenance["warc_record"] == built["ids"][golden_uri("blog-post.html")]
    assert provenance["warc_file"] == str((folder / "crawl.warc.gz").resolve())


def test_uncompressed_archive_is_crawled(crawl: tuple[list[dict], str],
                                         archives: tuple[Path, dict]) -> None:
    items, _ = crawl
    _, built = archives
    assert KOI8_TEXT[1] in by_request_url(items, built["plain_uri"])["body"]


def test_revisit_is_exported_with_the_original_payload(crawl: tuple[list[dict], str],
                                                       archives: tuple[Path, dict]) -> None:
    items, _ = crawl
    _, built = archives
    item = by_request_url(items, built["revisit_uri"])
    assert item["body"] == GOLDEN["wordpress-post.html"]["body"]
    assert item["provenance"]["warc_record"] == built["revisit_id"]
    assert item["fetched_at"] == "2026-12-01T09:00:00+00:00"


def test_pages_before_a_cut_are_exported(crawl: tuple[list[dict], str],
                                         archives: tuple[Path, dict]) -> None:
    items, _ = crawl
    _, built = archives
    assert by_request_url(items, built["cut_first"])["headline"]


def test_html_files_beside_archives_are_read(crawl: tuple[list[dict], str]) -> None:
    items, _ = crawl
    assert any(i["request_url"].endswith("/loose.html") for i in items)


def _summary(log: str) -> str:
    found = re.search(r"newscrawl summary \(finished\): (.*)", log)
    assert found, "no end-of-crawl summary"
    return found.group(1)


@pytest.mark.parametrize(("reason", "count"), [
    ("warc_http_404", 1), ("warc_not_html", 1), ("warc_metadata", 1),
    ("warc_revisit_without_original", 1), ("warc_warcinfo", 5),
    ("warc_request", len(GOLDEN) + 9),
])
def test_skipped_records_are_counted_by_reason(crawl: tuple[list[dict], str], reason: str,
                                               count: int) -> None:
    _, log = crawl
    assert f"{reason}={count}" in _summary(log)


def test_truncated_and_corrupt_records_are_counted_as_failed(crawl: tuple[list[dict], str]
                                                             ) -> None:
    _, log = crawl
    assert "failed: 2 (warc_corrupt=1, warc_truncated=1)" in _summary(log)


def test_corrupt_record_is_logged_with_its_place(crawl: tuple[list[dict], str],
                                                 archives: tuple[Path, dict]) -> None:
    _, log = crawl
    folder, _ = archives
    assert re.search(rf"corrupt record at {re.escape(str(folder / 'damaged.warc.gz'))}:\d+: "
                     r"zlib\.error", log)


def test_page_after_a_damaged_record_is_exported(crawl: tuple[list[dict], str]) -> None:
    items, _ = crawl
    assert by_request_url(items, "https://news.example/2")["headline"]
    assert not [i for i in items if i["request_url"] == "https://news.example/1"]


def test_archive_gzipped_as_a_whole_is_crawled(crawl: tuple[list[dict], str],
                                               archives: tuple[Path, dict]) -> None:
    items, _ = crawl
    _, built = archives
    assert by_request_url(items, built["whole_uri"])["body"] == GOLDEN["amp-article.html"]["body"]


def test_every_page_record_is_exported_once(crawl: tuple[list[dict], str]) -> None:
    items, _ = crawl
    # golden articles, the KOI8 page, the plain-file page, the revisit, the page before the cut,
    # the two pages around the damaged record, the page gzipped as a whole, the loose HTML file
    assert len(items) == len(GOLDEN) + 8
