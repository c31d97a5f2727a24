"""Host names of crawled URLs, as the article's `domain` and the report's rows use them."""

from __future__ import annotations

import pytest

from newscrawl.urls import host_of, web_host


@pytest.mark.parametrize(("url", "host"), [
    ("https://www.Example-News.com:8443/a/b/", "example-news.com"),
    ("http://news.example.org/story?id=1", "news.example.org"),
    ("https://wwwnews.example.org/", "wwwnews.example.org"),
])
def test_web_host_is_the_lower_case_host_without_www_or_port(url: str, host: str) -> None:
    assert web_host(url) == host
    assert host_of(url) == host


@pytest.mark.parametrize("url", [
    "file:///home/me/pages/story.html",
    "warc:///data/crawl.warc.gz#offset=1234",
    "https://[::1/broken",
    "not a url",
    "",
])
def test_web_host_is_none_without_a_web_site(url: str) -> None:
    assert web_host(url) is None
