"""Bytes to text: gzip, refusing non-pages, and the charset (BOM, HTTP header, meta, fallback)."""

from __future__ import annotations

import gzip

import pytest

from newscrawl.extract.decode import decode_page, mojibake_hint
from newscrawl.extract.undecodable import MAX_BYTES, UndecodablePage

CAFE_1252 = "<p>“Café”, she said – 5 €</p>".encode("cp1252")


def _reason(raw: bytes, content_type: str | None = None) -> str:
    with pytest.raises(UndecodablePage) as caught:
        decode_page(raw, content_type)
    return caught.value.reason


# --- what is not a page ---------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [b"", b" \r\n\t ", gzip.compress(b"  \n")])
def test_empty(raw: bytes) -> None:
    assert _reason(raw) == "empty_file"


@pytest.mark.parametrize("raw", [
    b"\x89PNG\r\n\x1a\n" + bytes(200),
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)),
    b"PK\x03\x04\x14\x00\x06\x00",
    bytes(range(256)) * 8,
    b"<html>\x00\x00\x00<body>",
])
def test_binary(raw: bytes) -> None:
    assert _reason(raw) == "binary"


def test_too_large() -> None:
    assert _reason(b"<p>" + b"a" * MAX_BYTES + b"</p>") == "too_large"


def test_corrupt_gzip() -> None:
    assert _reason(b"\x1f\x8b\x08\x00" + b"definitely not deflate" * 10) == "corrupt_gzip"


def test_gzip_cut_before_any_text() -> None:
    assert _reason(gzip.compress(b"<html><body><p>text</p></body></html>")[:10]) == "truncated_gzip"


# --- gzip -----------------------------------------------------------------------------------------

def test_gzip_is_unpacked() -> None:
    page = decode_page(gzip.compress("<p>Café</p>".encode()))
    assert page.html == "<p>Café</p>" and page.warnings == []


def test_truncated_gzip_keeps_what_was_read() -> None:
    html = "".join(f"<p>Paragraph {i} of the story, with its own words.</p>" for i in range(500))
    packed = gzip.compress(html.encode())
    page = decode_page(packed[: len(packed) // 2])
    assert page.warnings == ["truncated_gzip"]
    assert page.html.startswith("<p>Paragraph 0 of the story") and len(page.html) < len(html)
    assert html.startswith(page.html)


# --- charset --------------------------------------------------------------------------------------

def test_meta_charset_windows_1252() -> None:
    raw = b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">' + CAFE_1252
    assert "<p>“Café”, she said – 5 €</p>" in decode_page(raw).html


def test_iso_8859_1_label_reads_as_windows_1252() -> None:
    """Browsers (WHATWG) decode the latin-1 label as windows-1252: 0x93/0x94 are curly quotes."""
    assert "“Café”" in decode_page(b'<meta charset="ISO-8859-1">' + CAFE_1252).html


def test_http_header_beats_meta() -> None:
    raw = '<meta charset="windows-1252"><p>Café “x”</p>'.encode()
    assert "<p>Café “x”</p>" in decode_page(raw, "text/html; charset=UTF-8").html


def test_utf8_bom_without_declaration() -> None:
    page = decode_page(b"\xef\xbb\xbf" + "<p>Café “x”</p>".encode())
    assert page.html == "<p>Café “x”</p>"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_bom_only(codec: str) -> None:
    bom = b"\xff\xfe" if codec == "utf-16-le" else b"\xfe\xff"
    page = decode_page(bom + "<html><p>Åsa said “hej”</p></html>".encode(codec))
    assert page.html == "<html><p>Åsa said “hej”</p></html>"


def test_bom_beats_a_wrong_header() -> None:
    """The byte-order mark is what the bytes are; a server's default header often is not."""
    raw = b"\xef\xbb\xbf" + "<p>Café</p>".encode()
    assert decode_page(raw, "text/html; charset=ISO-8859-1").html == "<p>Café</p>"


def test_undeclared_utf8() -> None:
    assert decode_page("<p>Café “x”</p>".encode()).html == "<p>Café “x”</p>"


def test_undeclared_legacy_bytes_fall_back_to_windows_1252() -> None:
    assert decode_page(CAFE_1252).html == "<p>“Café”, she said – 5 €</p>"


def test_declared_utf8_but_legacy_bytes() -> None:
    page = decode_page(b'<meta charset="utf-8">' + CAFE_1252)
    assert "<p>“Café”, she said – 5 €</p>" in page.html
    assert page.warnings == ["misdeclared_charset"]


def test_nul_characters_are_removed() -> None:
    text = "<p>A paragraph long enough to be a page, with one stray NUL: a\x00b</p>"
    raw = b"\xff\xfe" + text.encode("utf-16-le")
    assert decode_page(raw).html == text.replace("\x00", "")


def test_utf8_page_with_one_stray_byte_stays_utf8() -> None:
    raw = '<meta charset="utf-8"><p>Café “crème” à la carte, résumé.</p>'.encode() + b"\xff<p>x</p>"
    page = decode_page(raw)
    assert "Café “crème” à la carte, résumé." in page.html
    assert "misdeclared_charset" not in page.warnings


def test_legacy_bytes_declared_utf8_are_read_as_windows_1252() -> None:
    raw = '<meta charset="utf-8"><p>Café “crème” à la carte</p>'.encode("cp1252")
    page = decode_page(raw)
    assert "Café “crème” à la carte" in page.html
    assert "misdeclared_charset" in page.warnings


# --- a legacy <meta> label on UTF-8 bytes ---------------------------------------------------------

def _labelled(label: str, body: str, codec: str) -> bytes:
    """A small invented page whose <meta> says `label` and whose bytes are `body` in `codec`."""
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={label}">'
        f"<title>t</title></head><body><p>{body}</p></body></html>"
    ).encode(codec)


UTF8_LABELLED_LEGACY = [
    ("iso-8859-1", "L’été à Genève : « un café crème », dit-elle."),
    ("windows-1252", "Größere Städte über Nacht – „Übergänge“ für Fußgänger."),
    ("iso-8859-2", "Zażółć gęślą jaźń — powiedział wójt Łodzi."),
    ("euc-kr", "서울 시청 앞 광장에서 축제가 열렸다."),
]


@pytest.mark.parametrize(("label", "body"), UTF8_LABELLED_LEGACY)
def test_utf8_bytes_under_a_legacy_meta_label_are_read_as_utf8(label: str, body: str) -> None:
    page = decode_page(_labelled(label, body, "utf-8"))
    assert f"<p>{body}</p>" in page.html
    assert page.warnings == ["misdeclared_charset"]


@pytest.mark.parametrize(("label", "body"), [
    ("iso-8859-1", "SÃO PAULO – Ação, café, «crème» ½ °C"),
    ("windows-1252", "Größere Städte – „Übergänge“ für Fußgänger"),
    ("iso-8859-2", "Zażółć gęślą jaźń, ÓŻ"),
    ("euc-kr", "서울 시청 앞 광장에서 축제가 열렸다."),
])
def test_real_legacy_pages_keep_their_label(label: str, body: str) -> None:
    codec = "cp1252" if label == "iso-8859-1" else label  # WHATWG reads latin-1 as cp1252
    page = decode_page(_labelled(label, body, codec))
    assert f"<p>{body}</p>" in page.html
    assert page.warnings == []


def test_http_header_legacy_label_is_obeyed_and_its_mojibake_repaired() -> None:
    """The server's header is what browsers obey (only the page's own <meta> is overruled);
    the text it garbles is then repaired like any double-encoded text."""
    raw = _labelled("iso-8859-1", "Café « crème »", "utf-8")
    page = decode_page(raw, "text/html; charset=ISO-8859-1")
    assert page.encoding == "cp1252"
    assert "<p>Café « crème »</p>" in page.html and page.warnings == ["mojibake_repaired"]


def test_ascii_page_with_a_legacy_label_keeps_it() -> None:
    page = decode_page(_labelled("iso-8859-2", "Plain words only.", "ascii"))
    assert page.encoding != "utf-8" and page.warnings == []


def test_undeclared_utf8_page_with_one_stray_byte_stays_utf8() -> None:
    raw = "<p>Café “crème” à la carte, résumé, déjà vu.</p>".encode() + b"<p>\x96</p>"
    assert "Café “crème” à la carte, résumé, déjà vu." in decode_page(raw).html


# --- text the publisher double-encoded ------------------------------------------------------------

def test_double_encoded_text_inside_a_utf8_page_is_repaired() -> None:
    html = (
        '<meta charset="utf-8"><h1>Tipps für NPC´s</h1>'
        "<p>Berichte Ã¼ber das Fest: Â« Ã©tÃ© Â».</p>"
    )
    page = decode_page(html.encode())
    assert "<p>Berichte über das Fest: « été ».</p>" in page.html
    assert "<h1>Tipps für NPC´s</h1>" in page.html
    assert page.warnings == ["mojibake_repaired"]


@pytest.mark.parametrize("text", [
    "L’été – « crème brûlée », déjà vu… Ça coûte 5 €.",
    "SÃO PAULO — A Ação começou às 9h; «Não» disse ele.",
    "Größe: 1,80 m – „Übergänge“ für Fußgänger; ½ Portion, 3° kälter.",
    "Zażółć gęślą jaźń — ÓŻ, Łódź.",
    "Ångström ×2 ±0,5 µm · Ñandú · Œuvre",
])
def test_real_accented_text_is_left_alone(text: str) -> None:
    page = decode_page(f'<meta charset="utf-8"><p>{text}</p>'.encode())
    assert f"<p>{text}</p>" in page.html and page.warnings == []


@pytest.mark.parametrize("text", ["Caf\u00c3\u00a9 au lait", "\u00c2\u00ab Bonjour \u00c2\u00bb",
                                  "it\u00e2\u20ac\u2122s late", "a\u00c3\u00bc"])
def test_mojibake_hint_sees_utf8_read_as_latin1(text: str) -> None:
    assert mojibake_hint(text)


@pytest.mark.parametrize("text", ["plain ascii", "Café « au lait », it’s été",
                                  "ends on a lead \u00c3", "\u00c3 then a space", ""])
def test_mojibake_hint_leaves_clean_text(text: str) -> None:
    assert not mojibake_hint(text)


# --- more forms of a legacy label on UTF-8 bytes, and real legacy pages in other scripts --------

@pytest.mark.parametrize(("raw", "content_type"), [
    # the server sends a Content-Type without a charset: the <meta> label is still the page's own
    (_labelled("iso-8859-1", "L’été à Genève", "utf-8"), "text/html"),
    # an XHTML page's XML declaration is a label of the same kind
    (('<?xml version="1.0" encoding="iso-8859-1"?><html xmlns="http://www.w3.org/1999/xhtml">'
      "<head><title>t</title></head><body><p>L’été à Genève</p></body></html>").encode(), None),
    (_labelled("shift_jis", "駅前の再開発計画がまとまる", "utf-8"), None),
    (_labelled("windows-1251", "Мэрия утвердила бюджет", "utf-8"), None),
])
def test_utf8_bytes_under_other_legacy_labels_are_read_as_utf8(
    raw: bytes, content_type: str | None
) -> None:
    page = decode_page(raw, content_type)
    assert (page.encoding, page.warnings) == ("utf-8", ["misdeclared_charset"])


@pytest.mark.parametrize(("label", "codec", "body"), [
    ("windows-1251", "cp1251", "Мэрия утвердила бюджет — новости"),
    ("shift_jis", "shift_jis", "駅前の再開発計画がまとまる"),
    ("gb2312", "gbk", "市政府公布新一年预算"),
    ("iso-8859-1", "latin-1", "Prix\xa0: 100\xa0EUR, 20\xb0C"),
])
def test_real_legacy_pages_in_other_scripts_keep_their_label(label: str, codec: str,
                                                             body: str) -> None:
    page = decode_page(_labelled(label, body, codec))
    assert (f"<p>{body}</p>" in page.html, page.warnings) == (True, [])
