"""Decoding hostile pages: stray NUL bytes are cleaned (binary files still refused), markup nested
deeper than lxml can parse is flattened so the article survives."""

from __future__ import annotations

import pytest

from newscrawl.extract.body.extract import extract_body
from newscrawl.extract.decode import decode_page
from newscrawl.extract.html import MAX_DEPTH, parse_flattened, parse_html
from newscrawl.extract.undecodable import UndecodablePage
from newscrawl.items import Page
from newscrawl.workers.tasks import extract_page

PARAGRAPHS = [
    "The harbour board agreed on Tuesday to dredge the eastern channel before the winter storms.",
    "Fishing crews had asked for the work for three years, saying boats ran aground at low tide.",
    "The contract, worth about four hundred thousand pounds, goes to a firm from the next county.",
]
ARTICLE = ("<article><h1>Harbour channel to be dredged</h1>"
           + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>")


def _page(inner: str) -> str:
    return f"<!DOCTYPE html><html><head><title>Harbour</title></head><body>{inner}</body></html>"


def _depth(html: str) -> int:
    tree = parse_html(html)
    assert tree is not None
    return max(len(list(el.iterancestors())) for el in tree.iter())


# --- NUL bytes ----------------------------------------------------------------------------------

def test_stray_nul_bytes_are_removed_with_a_warning() -> None:
    page = decode_page(_page(ARTICLE).replace("harbour board", "harbour\x00 board").encode())
    assert "\x00" not in page.html and "harbour board" in page.html
    assert page.warnings == ["nul_bytes"]


@pytest.mark.parametrize("raw", [bytes(4096), "<p>x</p>".encode("utf-16-le") * 50])
def test_nul_filled_files_are_still_binary(raw: bytes) -> None:
    with pytest.raises(UndecodablePage) as caught:
        decode_page(raw)
    assert caught.value.reason == "binary"


# --- deep markup --------------------------------------------------------------------------------

@pytest.mark.parametrize("depth", [300, 5000, 50_000])
def test_article_in_deeply_nested_divs_is_extracted_whole(depth: int) -> None:
    plain = extract_body(_page(ARTICLE)).text
    deep = decode_page(_page("<div>" * depth + ARTICLE + "</div>" * depth).encode())
    assert deep.warnings == ["too_deep"]
    assert extract_body(deep.html).text == plain == "\n\n".join(PARAGRAPHS)


def test_unclosed_nesting_is_flattened_too() -> None:
    html, tree, flattened = parse_flattened(_page('<div class="x">' * 20_000 + ARTICLE))
    assert flattened
    assert tree is not None and tree.findtext(".//h1") == "Harbour channel to be dredged"
    assert _depth(html) <= MAX_DEPTH + 2  # + html, body
    assert extract_body(html).text == "\n\n".join(PARAGRAPHS)


def test_ordinary_page_is_left_alone() -> None:
    html = _page("<div>" * 50 + ARTICLE + "</div>" * 50 + "<script>if (a < b && c) {}</script>")
    same, tree, flattened = parse_flattened(html)
    assert (same, flattened) == (html, False)
    assert tree is not None and len(tree.xpath("//p")) == len(PARAGRAPHS)


def test_flattening_keeps_text_entities_and_scripts_verbatim() -> None:
    script = '<script type="application/ld+json">{"headline": "A & B <i>"}</script>'
    html, _, _ = parse_flattened(_page(script + "<div>" * 400 + "<p>Fish &amp; chips &#8212; "
                                        "<br/>cheap</p>" + "</div>" * 400))
    assert script in html
    assert "<p>Fish &amp; chips &#8212; <br/>cheap</p>" in html


def test_control_characters_in_the_text_do_not_empty_the_body() -> None:
    # a CMS that leaves BEL characters in footnotes: XML forbids them, and trafilatura, which
    # reads a copy of the page's one parsed tree, returns nothing when the tree keeps them
    noisy = ARTICLE.replace("Tuesday", "Tuesday\x07").replace("tide", "tide\x07\x0b")
    outcome = extract_page(Page(request_url="file:///harbour.html", raw=_page(noisy).encode()))
    assert outcome.item is not None
    assert outcome.item.body == "\n\n".join(PARAGRAPHS)


def test_page_that_opens_with_server_warnings_keeps_its_article() -> None:
    # PHP notices printed before <html>: lxml reads the page as a fragment, as trafilatura does
    warnings = "".join(
        f"<br />\n<b>Notice</b>:  Undefined variable $item{i} in <b>/srv/www/theme/loop.php</b> "
        f"on line <b>{40 + i}</b><br />\n" for i in range(12))
    outcome = extract_page(Page(request_url="file:///harbour.html",
                                raw=(warnings + _page(ARTICLE)).encode()))
    assert outcome.item is not None
    assert outcome.item.body == "\n\n".join(PARAGRAPHS)
