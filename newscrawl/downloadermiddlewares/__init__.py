"""Downloader middlewares: every request, redirected ones and robots.txt fetches too, passes them."""
