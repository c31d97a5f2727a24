"""Spiders: they only fetch pages and hand them to the pipelines as `Page` items."""
