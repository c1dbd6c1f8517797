"""What a request that produced no page, or the wrong page, means: counted and logged with its URL.

An exported article answering 404 or 410 is gone (counted, not failed); an article link answering so
leaves the frontier; a request refused after a redirect (off the run's origins, disallowed by robots.txt)
sets aside the links that led there, or each run would follow them again. Everything else is a failure
by its HTTP status or exception name (a redirect loop or a chain longer than REDIRECT_MAX_TIMES too),
which the run manifest weighs into the exit code; a start URL that failed so (a network error, a refused
robots.txt) logs "cannot reach HOST: reason" and counts `newscrawl/unreachable/<host>/<reason>` (exit
code 9). A redirect to a page the article filter does not admit (`/admin/`, a tag page, a video) is
dropped, its links set aside.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError

from newscrawl.downloadermiddlewares.robots import RobotsTxtUnavailable

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy import Request, Spider
    from scrapy.http import Response

    from newscrawl.spiders.frontier import Frontier

logger = logging.getLogger(__name__)
# What Scrapy's RedirectMiddleware says when a chain passes REDIRECT_MAX_TIMES: the page is lost to the
# site's redirects, a failure like an HTTP error (tests/test_faults_content.py pins the text).
REDIRECT_LIMIT = "max redirections reached"


def note_failure(
    error: BaseException | None,
    request: Request,
    frontier: Frontier,
    count: Callable[[str], None],
    *,
    article: bool,
    revalidation: bool,
) -> None:
    """`article`: the request was for an article page; `revalidation`: for an exported one."""
    url = request.url
    status = error.response.status if isinstance(error, HttpError) else None
    if status in (404, 410) and revalidation:
        count("newscrawl/articles/removed")
        logger.info("Exported article is gone (HTTP %s): %s", status, url)
    elif isinstance(error, HttpError):
        if status in (404, 410) and article:
            frontier.forget(url)
        count(f"newscrawl/failed/http_{status}")
        logger.warning("Failed with HTTP %s: %s", status, url)
    elif isinstance(error, IgnoreRequest) and str(error) == REDIRECT_LIMIT:
        count("newscrawl/failed/redirect_limit")
        first = request.meta.get("redirect_urls", [url])[0]
        logger.warning("Failed: more redirects than REDIRECT_MAX_TIMES allows, from %s to %s", first, url)
    elif isinstance(error, IgnoreRequest):
        count("newscrawl/skipped/ignored")
        logger.info("Ignored %s: %s", url, error)
        frontier.set_aside(request.meta.get("redirect_urls", ()))
    else:
        count(f"newscrawl/failed/{type(error).__name__}")
        if request.cb_kwargs.get("page_number") == 1:  # a start URL: none of its section can be read
            name, why = unreachable_reason(error)
            count(f"newscrawl/unreachable/{urlsplit(url).netloc}/{name}")
            logger.error("cannot reach %s: %s (%s)", urlsplit(url).netloc, why, url)
        else:
            logger.warning("Failed with %s: %s (%s)", type(error).__name__, url, error)


def note_redirect_loop(request: Request, spider: Spider) -> None:
    """Count and log a redirect back to a URL of its own chain (`A -> B -> A`): the scheduler's dupefilter
    drops it as a duplicate (the `request_dropped` signal) and, unless told, the page would be lost with
    nothing but `dupefilter/filtered` to say so."""
    chain = request.meta.get("redirect_urls", ())
    if request.url in chain and spider.crawler.stats is not None:
        spider.crawler.stats.inc_value("newscrawl/failed/redirect_loop")
        logger.warning("Failed: redirect loop back to %s (from %s)", request.url, chain[0])


def unreachable_reason(error: BaseException | None) -> tuple[str, str]:
    """A short name (a stat key part) and the full text of why a host could not be reached; a refused
    robots.txt names the download problem behind it."""
    if isinstance(error, RobotsTxtUnavailable):
        return error.problem.split(":")[0].replace(" ", "_"), f"robots.txt: {error.problem}"
    return type(error).__name__, f"{type(error).__name__}: {error}"


def is_wanted_target(
    response: Response, is_wanted: Callable[[str], bool], frontier: Frontier, count: Callable[[str], None]
) -> bool:
    """Whether the page an article request ended on (after redirects) is one the run wants."""
    sources = response.meta.get("redirect_urls")
    if not sources or is_wanted(response.url):
        return True
    count("newscrawl/dropped/not_article_url")
    logger.warning("Dropped article: not_article_url: %s (redirected from %s)", response.url, sources[0])
    frontier.set_aside(sources)
    return False
