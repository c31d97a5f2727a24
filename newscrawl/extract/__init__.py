"""Pure extraction functions: HTML and text in, fields out. Nothing here imports Scrapy."""
