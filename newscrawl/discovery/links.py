"""Links worth following from a fetched page.

Anchors and <link rel="next"> (pagination) resolved against <base href> or the page URL; mail,
script and telephone links, nofollow anchors and file types that are never news pages (PDFs,
images, archives, media) are left out so the crawl does not spend requests on them.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

_EXTENSIONS = (
    "pdf doc docx xls xlsx ppt pptx odt ods odp rtf csv zip gz tgz bz2 xz 7z rar tar "
    "jpg jpeg png gif webp svg bmp ico tif tiff avif heic mp3 m4a wav ogg oga flac aac "
    "mp4 m4v mov avi wmv webm mkv flv mpg mpeg exe dmg apk msi bin iso css js json woff woff2 "
    "ttf eot ics vcf"
)
NON_PAGE_EXTENSIONS = frozenset(_EXTENSIONS.split())
_SKIPPED_SCHEMES = ("mailto:", "javascript:", "tel:", "sms:", "data:", "ftp:", "file:", "about:")


def has_non_page_extension(url: str) -> bool:
    """True when the URL path ends in a file type that is never an HTML news page."""
    path = urlsplit(url).path
    ext = posixpath.splitext(path)[1].lstrip(".").lower()
    return ext in NON_PAGE_EXTENSIONS


def page_links(tree: HtmlElement, page_url: str) -> list[str]:
    """Absolute URLs of the page's followable links, in document order, without repeats."""
    base = page_url
    base_href = tree.xpath("//base/@href")
    if base_href:
        base = urljoin(page_url, base_href[0].strip())
    urls: list[str] = []
    seen: set[str] = set()
    candidates = tree.xpath("//a[@href] | //area[@href] | //link[@href]")
    for element in candidates:
        rels = (element.get("rel") or "").lower().split()
        if element.tag == "link" and "next" not in rels and "prev" not in rels:
            continue
        if "nofollow" in rels:
            continue
        href = (element.get("href") or "").strip()
        if not href or href.startswith("#") or href.lower().startswith(_SKIPPED_SCHEMES):
            continue
        url = urljoin(base, href)
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        if url not in seen:
            seen.add(url)
            urls.append(url)
    return urls
