"""Site profiles that exist only for tests, loaded with NEWSCRAWL_SITE_MODULES like a user's own."""
