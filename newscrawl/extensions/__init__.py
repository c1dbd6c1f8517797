"""Scrapy extensions: run-level concerns that watch the whole crawl (one feature per module)."""
