"""Web archives: reading WARC/ARC files as saved pages, writing a live crawl's fetches to WARC."""
