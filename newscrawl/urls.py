"""Canonical URLs for scheduling and de-duplication.

The same article is linked as `/story/`, `/story/?utm_source=x`, `/story/#comments` or
`/story/?fbclid=…`; scheduling only the canonical form lets Scrapy's duplicate filter fetch it once.
Tracking-parameter knowledge comes from courlan (curated tracker list), the rest from w3lib.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from courlan import normalize_url
from w3lib.url import canonicalize_url


def canonical_url(url: str) -> str:
    """`url` with tracking parameters and the fragment removed, host lower-cased, query sorted.

    Path case and trailing slashes are kept: servers may treat them as different pages.
    Unparseable input is returned as is (minus the fragment) rather than raising mid-crawl.
    """
    url = url.strip()
    try:
        cleaned = normalize_url(url, strict=False)
    except (ValueError, AttributeError):
        cleaned = url
    return canonicalize_url(cleaned, keep_fragments=False)


def host_of(url: str) -> str:
    """Lower-cased host name without port and without a leading 'www.'."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


def web_host(url: str) -> str | None:
    """`host_of` a web (http/https) URL; None for file URIs, archive records and the like, which
    have no site."""
    try:
        scheme = urlsplit(url).scheme
    except ValueError:
        return None
    return (host_of(url) or None) if scheme in ("http", "https") else None


def is_same_site(url: str, hosts: set[str] | frozenset[str]) -> bool:
    """True when `url`'s host is one of `hosts` (bare hosts, no 'www.') or a sub-domain of one."""
    host = host_of(url)
    return bool(host) and any(host == h or host.endswith("." + h) for h in hosts)


def is_web_url(url: str) -> bool:
    """http(s) URL with a host: the only kind the live spider fetches."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)
