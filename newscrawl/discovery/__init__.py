"""Discovery for the live crawl: feeds, sitemaps, page links and date cut-offs.

Pure functions over bytes, text and lxml trees (no Scrapy), so every rule is unit-testable.
"""
