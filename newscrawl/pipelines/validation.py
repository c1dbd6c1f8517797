"""Drop what is not an article: a page its profile found to be of another kind (`RawArticle.not_article`),
a page without a title or a body (a layout change or an error page), and a short page that reads like an
error or a paywall. A bot check or block page, a cookie-consent interstitial, or a blank answer, is no page
at all: counted as a failure (`newscrawl/failed/blocked`, `consent_wall`, `empty`), like an HTTP error.

Each drop is counted under `newscrawl/dropped/<reason>` so a run's stats show what was lost and why.
A page judged to be of another kind, or a soft 404, is raised as `NotAnArticle`: the spider sets its URL
aside, so later runs do not fetch it again each time a listing links it. A page missing its title or
body is not: that is how a layout change looks, and its articles must come back once the profile is fixed.
The non-article rules only look at pages whose body is under `NEWSCRAWL_INTERSTITIAL_MAX_CHARS`: a real
article that merely mentions "404" or "subscribe" is longer than any error page or wall.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem

from newscrawl import config
from newscrawl.extract.notfound import any_phrase, is_status_title, says_not_found

if TYPE_CHECKING:
    import re

    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from newscrawl.items import Article

REQUIRED_FIELDS = ("title", "body")
# The drops that say the profile could not read an article page: a required field missing, or a field
# the shipped schema rejects (pipelines/schema.py). Many of them mean a layout change or a profile bug
# (the exit code's unreadable share, export/exitcodes.py).
UNREAD_PREFIXES = ("missing_", "invalid_")


# A short page that holds only a paywall's prompt: what the URL gives a reader without an account.
# Soft 404s are told by extract/notfound.py: by a status headline at any length.
PAYWALL = any_phrase(
    r"\bsubscribe (?:now )?to (?:continue|keep) reading\b",
    r"\bsubscribe to read the (?:full|rest)\b",
    r"\bthis (?:content|article|story) is [\w ]{0,25}\b(?:for|to) (?:subscribers|members)\b",
    r"\balready a subscriber\?",
)
# (reason, pattern) of a short answer given in place of the page, searched in its title and body; the
# first that matches wins. `blocked`: the bot checks and block pages of the anti-bot services news sites
# sit behind (Cloudflare, Akamai, Imperva, DataDome, PerimeterX) and of sites' own firewalls;
# `consent_wall`: a cookie-consent interstitial, with the article behind it.
FAILED_FETCH_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "blocked",
        any_phrase(
            r"^just a moment(?:\.\.\.|\u2026)$",
            r"\battention required! \| cloudflare\b",
            r"\bchecking (?:if the site connection is secure|your browser before accessing)\b",
            r"\benable javascript and cookies to continue\b",
            r"\bverify (?:that )?you are (?:a )?human\b",
            r"\bsorry, you have been blocked\b",
            r"^access denied\b",
            r"\baccess to this page has been denied\b",
            r"\bpardon our interruption\b",
            r"\bincapsula incident id\b",
            r"\bplease enable js and disable any ad blocker\b",
            r"\bpress & hold to confirm you are\b",
            r"\bare you a robot\?",
            r"\bunusual traffic from your (?:computer )?network\b",
        ),
    ),
    (
        "consent_wall",
        any_phrase(
            r"\baccept (?:all )?cookies to (?:continue|proceed|access|view)\b",
            r"\bconsent to (?:the use of )?cookies to (?:continue|proceed|access|view)\b",
            r"\bwe value your privacy\b",
        ),
    ),
)
# The verdicts on what a page is, as opposed to what could be read from it this time.
SET_ASIDE_REASONS = frozenset({"soft_404"})


class NotAnArticle(DropItem):
    """A drop that says the URL holds no article: worth not fetching again for a while."""


def non_article_reason(title: str, body: str, max_chars: int) -> str | None:
    """The reason a page with this clean `title` and `body` is an error page or a wall, else None."""
    short = len(body) < max_chars
    if is_status_title(title) or (short and (says_not_found(title) or says_not_found(body))):
        return "soft_404"
    return "paywall" if short and (PAYWALL.search(title) or PAYWALL.search(body)) else None


def failed_fetch(item: Article, max_chars: int) -> str | None:
    """Why the answer is not the page at all, else None: a short bot check, block page or consent wall
    (`FAILED_FETCH_RULES`), or a blank answer (`empty`). The site refused this fetch or failed it, which
    says nothing of the URL: a failure the exit code weighs (like an HTTP error), and the URL is fetched
    again next run, not set aside."""
    if len(item.body) < max_chars and not says_not_found(item.title):  # a 404 page with a banner
        for reason, pattern in FAILED_FETCH_RULES:
            if pattern.search(item.title) or pattern.search(item.body):
                return reason
    return "empty" if item.raw.not_article == "empty" else None


class ValidationPipeline:
    def __init__(self, stats: StatsCollector, max_chars: int) -> None:
        self.stats = stats
        self.max_chars = max_chars

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidationPipeline:
        assert crawler.stats is not None
        return cls(crawler.stats, config.get_int(crawler.settings, "NEWSCRAWL_INTERSTITIAL_MAX_CHARS"))

    def process_item(self, item: Article) -> Article:
        if failure := failed_fetch(item, self.max_chars):
            self.stats.inc_value(f"newscrawl/failed/{failure}")
            raise DropItem(f"{failure}: {item.url}", log_level="WARNING")
        missing = [name for name in REQUIRED_FIELDS if not getattr(item, name)]
        reason = item.raw.not_article or (f"missing_{missing[0]}" if missing else None)
        reason = reason or non_article_reason(item.title, item.body, self.max_chars)
        if reason:
            self.stats.inc_value(f"newscrawl/dropped/{reason}")
            kind = NotAnArticle if item.raw.not_article or reason in SET_ASIDE_REASONS else DropItem
            raise kind(f"{reason}: {item.url}", log_level="WARNING")
        return item
