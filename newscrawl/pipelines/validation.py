"""Drop what is not an article: a page its profile found to be of another kind (`RawArticle.not_article`),
a page without a title or a body (a layout change or an error page), and a short page that reads like an
error or a wall (soft 404, paywall, cookie consent).

Each drop is counted under `newscrawl/dropped/<reason>` so a run's stats show what was lost and why.
The non-article rules only look at pages whose body is under `NEWSCRAWL_INTERSTITIAL_MAX_CHARS`: a real
article that merely mentions "404" or "subscribe" is longer than any error page or wall.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem

from newscrawl import config

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from newscrawl.items import Article

REQUIRED_FIELDS = ("title", "body")


def any_phrase(*patterns: str) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of `patterns`; `'` also matches the curly apostrophe."""
    return re.compile("|".join(patterns).replace("'", "['\u2019]"), re.I)


# (reason, pattern) searched in the title and the body of a short page; the first rule that matches wins.
NON_ARTICLE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "soft_404",
        any_phrase(
            r"\bpage (?:was )?not found\b",
            r"^(?:error\s*)?404\s*(?:$|[-|:\u2013\u2014]|error\b|not found\b)",  # "404", "404 | Site"
            r"\berror\s*404\b",
            r"\bthis page (?:doesn't|does not|no longer) exists?\b",
            r"\bsorry,? we (?:couldn't|could not|can't|cannot) find (?:that|this|the) page\b",
            r"\bthe page you(?: are|'re| were) looking for\b",
        ),
    ),
    (
        "paywall",
        any_phrase(
            r"\bsubscribe (?:now )?to (?:continue|keep) reading\b",
            r"\bsubscribe to read the (?:full|rest)\b",
            r"\bthis (?:content|article|story) is [\w ]{0,25}\b(?:for|to) (?:subscribers|members)\b",
            r"\balready a subscriber\?",
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


def non_article_reason(title: str, body: str, max_chars: int) -> str | None:
    """The reason a page with this clean `title` and `body` is an error page or a wall, else None."""
    if len(body) >= max_chars:
        return None
    for reason, pattern in NON_ARTICLE_RULES:
        if pattern.search(title) or pattern.search(body):
            return reason
    return None


class ValidationPipeline:
    def __init__(self, stats: StatsCollector, max_chars: int) -> None:
        self.stats = stats
        self.max_chars = max_chars

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidationPipeline:
        assert crawler.stats is not None
        return cls(crawler.stats, config.get_int(crawler.settings, "NEWSCRAWL_INTERSTITIAL_MAX_CHARS"))

    def process_item(self, item: Article) -> Article:
        missing = [name for name in REQUIRED_FIELDS if not getattr(item, name)]
        reason = item.raw.not_article or (f"missing_{missing[0]}" if missing else None)
        reason = reason or non_article_reason(item.title, item.body, self.max_chars)
        if reason:
            self.stats.inc_value(f"newscrawl/dropped/{reason}")
            raise DropItem(f"{reason}: {item.url}", log_level="WARNING")
        return item
