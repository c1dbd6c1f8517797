"""newscrawl: a news crawler and archiver built on Scrapy."""
