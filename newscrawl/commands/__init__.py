"""Project commands; `crawl` shadows Scrapy's own to validate spider arguments before starting."""
