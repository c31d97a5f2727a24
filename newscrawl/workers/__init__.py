"""The crawl's CPU work (decode, extract, classify, analyse) off the reactor thread.

`tasks` is what runs on a page (in a worker process or, with NEWSCRAWL_WORKERS=0, in the crawl's
own process); `pool` starts, feeds, times out and replaces the worker processes. Neither imports
Scrapy: the pipelines (newscrawl.pipelines) are the adapters that apply a task's outcome to the
crawl's stats and log.
"""
