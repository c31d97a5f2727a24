"""Decoding hostile pages: stray NUL bytes are cleaned (binary files still refused), markup nested
deeper than lxml can parse is flattened so the article survives."""

from __future__ import annotations

import pytest
from trafilatura.utils import repair_faulty_html

from newscrawl.extract.body.extract import extract_body
from newscrawl.extract.decode import decode_page
from newscrawl.extract.html import MAX_DEPTH, _repaired, parse_flattened, parse_html
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


# --- repair before parsing ----------------------------------------------------------------------

_XHTML_DOCTYPE = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
                  '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">')
_LONG_BODY = "\n".join(f"<p>{p} ({n})</p>" for n in range(60) for p in PARAGRAPHS)


@pytest.mark.parametrize("page", [
    # the doctype trafilatura drops shifts its 4,096-character window for <html/> by its length:
    # here the self-closing <html .../> ends past 4,096 characters, inside the shifted window
    f"{_XHTML_DOCTYPE}\n<!-- {'x' * 3950} -->\n<html lang=\"en\" xmlns=\"x\"/>\n{_LONG_BODY}",
    f"{_XHTML_DOCTYPE}\n<html lang=\"en\"\n\n/>\n{_LONG_BODY}",
    f"<!doctype html>\n<html/>\n<body>{_LONG_BODY}</body>",
    f"{_XHTML_DOCTYPE}<html><body>{_LONG_BODY.replace(chr(10), ' ')}</body></html>",  # one line
    f"<html>\r\n<body>\r\n{_LONG_BODY}\u2028</body></html>",
    f"{_XHTML_DOCTYPE}\n<html>{_LONG_BODY}<p>bell\x07 form feed\x0c</p></html>",
    f"<html>\n{_LONG_BODY}<p>non-characters \ufffe \uffff</p></html>",
    f"<html>\n{_LONG_BODY}<p>a lone surrogate \ud800</p></html>",
], ids=["shifted-window", "html-tag-over-lines", "self-closing-html", "one-line", "cr-lf",
        "control-chars", "non-characters", "surrogate"])
def test_page_is_repaired_as_trafilatura_repairs_it(page: str) -> None:
    # the parse repairs only the top of a page without forbidden characters: the same bytes as
    # trafilatura's repair of the whole page, which its extractor expects
    expected = repair_faulty_html(page, page[:50].lower()).encode("utf-8", errors="replace")
    assert _repaired(page) == expected
