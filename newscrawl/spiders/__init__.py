"""Spiders: navigation only. Extraction lives in `newscrawl.sites`."""
