"""Distributed mode: several workers share one crawl through Redis (settings profile, scrapy-redis
scheduler, JSON requests, leases)."""
