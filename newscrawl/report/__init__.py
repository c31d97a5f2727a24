"""The crawl report: what a crawl (or an export) produced, as report.json and report.html.

build: the numbers (pure); svg/html: the page; write: the two files; collect: the Scrapy side
(signals during a crawl, written when it closes).
"""
