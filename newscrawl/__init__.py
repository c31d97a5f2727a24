"""newscrawl: a Scrapy news crawler exporting articles with dates, quotes and entities."""
