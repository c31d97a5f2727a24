"""A corpus of bad saved pages, made at run time (nothing large or binary is checked in).

Shared by tests/test_bad_input.py (which checks what becomes of each file) and
tests/benchmarks/bad_input.py (which measures time and memory over it, plus bigger kinds).
Real articles come from the golden fixture pages; the faults are generic: empty, blank, binary
(an image named .html), corrupt, header-only, truncated and bomb gzip, a file over
DOWNLOAD_MAXSIZE, a page whose meta says UTF-8 over windows-1252 bytes, a login page, a JavaScript
app shell, an article under 8,000 comments, stray NUL bytes, an article inside 50,000 nested
<div>s, and in the folder itself a symlink loop, a second name of a file, a FIFO and a dangling
link.
"""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from pathlib import Path

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
ARTICLE = PAGES / "wordpress-post.html"
FIRST_WORDS = "Riverside councillors voted 9 to 4 on Monday evening"
LAST_SENTENCE = "The £1.8 million cost is covered by a regional active-travel grant."
DEEP_DIVS = 50_000


@dataclass(frozen=True)
class Outcome:
    """What a crawl must make of one input: exported (with a warning or not), dropped,
    refused or skipped for a reason."""

    kind: str
    """'exported', 'dropped' (newscrawl/dropped/), 'refused' (before any read), 'skipped'."""
    reason: str | None = None
    """Drop/refusal/skip reason, or the warning an exported page is flagged with."""


def _around_body(page: str, before: str, after: str) -> str:
    """The page with `before`/`after` put just inside its <body>."""
    start = page.index(">", page.index("<body")) + 1
    end = page.rindex("</body>")
    return page[:start] + before + page[start:end] + after + page[end:]


def page_files() -> dict[str, tuple[bytes, Outcome]]:
    """File name → (content, expected outcome) of the bad pages."""
    page = ARTICLE.read_bytes()
    text = page.decode("utf-8")
    packed = gzip.compress(page, mtime=0)
    comments = "".join(
        f'<li class="comment"><article class="comment-body"><b class="fn">reader{i}</b>'
        f'<div class="comment-content"><p>Comment {i}: the traffic on this road has never been '
        f"worse than it is now, and nobody at the council listens.</p></div></article></li>\n"
        for i in range(8000)
    )
    # a few NULs inside the text and the markup, as a CMS export sometimes has them
    with_nuls = text.replace("councillors", "council\x00lors", 1).replace("<p>", "<p>\x00", 3)
    return {
        "empty.html": (b"", Outcome("dropped", "empty_file")),
        "blank.htm": (b"  \n\t \r\n", Outcome("dropped", "empty_file")),
        "image.html": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40,
                       Outcome("dropped", "binary")),
        "zeros.html": (bytes(64 * 1024), Outcome("dropped", "binary")),
        "corrupt.html.gz": (b"\x1f\x8b\x08\x00" + b"this is not deflate data " * 20,
                            Outcome("dropped", "corrupt_gzip")),
        "header-only.html.gz": (packed[:12], Outcome("dropped", "truncated_gzip")),
        "truncated.html.gz": (packed[: int(len(packed) * 0.8)],
                              Outcome("exported", "truncated_gzip")),
        # 1 MB of gzip that inflates past the decoder's limit
        "gzip-bomb.html.gz": (gzip.compress(b"<p>" + b" " * (40 * 1024 * 1024), mtime=0),
                              Outcome("dropped", "too_large")),
        # meta says UTF-8, the bytes are windows-1252 (curly quotes, £, en dash)
        "misdeclared.html": (text.encode("cp1252"), Outcome("exported", "misdeclared_charset")),
        "oversized.html": (b"<html><body><p>" + b"word " * (21 * 1024 * 1024 // 5) + b"</p>",
                           Outcome("refused", "too_large")),
        "login.html": ((PAGES / "login-page.html").read_bytes(), Outcome("dropped", "empty_body")),
        "app-shell.html": (b'<!doctype html><html><head><title>News</title><script '
                           b'src="/app.js"></script></head><body><div id="root"></div><noscript>'
                           b"You need to enable JavaScript to run this app.</noscript></body>"
                           b"</html>", Outcome("dropped", "empty_body")),
        "long-comments.html": (text.replace('<ol class="comment-list">',
                                            '<ol class="comment-list">' + comments).encode(),
                               Outcome("exported")),
        "nul-bytes.html": (with_nuls.encode("utf-8"), Outcome("exported", "nul_bytes")),
        "deep-divs.html": (_around_body(text, "<div>" * DEEP_DIVS, "</div>" * DEEP_DIVS).encode(),
                           Outcome("exported", "too_deep")),
    }


LINKS = {
    "loop/up": ("..", Outcome("skipped", "symlink_loop")),
    "loop/here": (".", Outcome("skipped", "symlink_loop")),  # two loops: glob() explodes
    # read after its target: the walk goes in name order (app-shell.html, …, loop/)
    "loop/alias.html": ("../app-shell.html", Outcome("skipped", "duplicate_path")),
    "dangling.html": ("gone.html", Outcome("skipped", "broken_link")),
}
"""Symlinks in the corpus folder: path → (target, outcome)."""
FIFOS = {"pipe.html": Outcome("skipped", "not_a_file")}
"""Named pipes with a page's name: reading one would block the crawl for ever."""


def make_corpus(folder: Path) -> dict[str, Outcome]:
    """Write the corpus into `folder`; every path in it → its expected outcome."""
    expected: dict[str, Outcome] = {}
    for name, (data, outcome) in page_files().items():
        (folder / name).write_bytes(data)
        expected[name] = outcome
    for name, (target, outcome) in LINKS.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).symlink_to(target)
        expected[name] = outcome
    for name, outcome in FIFOS.items():
        os.mkfifo(folder / name)
        expected[name] = outcome
    return expected
