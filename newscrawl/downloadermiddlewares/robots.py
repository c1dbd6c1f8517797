"""Obey robots.txt, and read a robots.txt that cannot be fetched as "wait and retry", never as "allow all".

Scrapy 2.19's `RobotsTxtMiddleware` parses whatever answer robots.txt gives, so a 503 page (no rules in
its body) allows every path, and a timeout or refused connection also allows every path (its parser is
None). RFC 9309 (section 2.3.1.4) says the opposite for an unreachable robots.txt: a 5xx answer or a
network error means the crawler must assume a complete disallow. `PatientRobotsTxtMiddleware` fetches
robots.txt itself, without Scrapy's immediate retries (`dont_retry`), and on a 5xx or 429 answer or a
download error tries again `NEWSCRAWL_ROBOTS_RETRY_TIMES` times, waiting `NEWSCRAWL_ROBOTS_RETRY_DELAY`
seconds, doubled before each further try. A host whose robots.txt is still unavailable is refused for
the rest of the run: logged once per host, and every refused request fails with `RobotsTxtUnavailable`,
which the spider counts as `newscrawl/failed/RobotsTxtUnavailable`: a failure, not a skip, so it weighs
in the exit code, and the article stays in the state's frontier for the next run. 4xx answers other
than 429 keep Scrapy's (and the RFC's) meaning, no rules; so does a robots.txt request that another
middleware ignored (e.g. offsite).

Replaces Scrapy's middleware at order 100: `"scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware":
None` and `"newscrawl.downloadermiddlewares.robots.PatientRobotsTxtMiddleware": 100`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Self

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.asyncio import sleep
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from newscrawl import config

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.robotstxt import RobotParser

logger = logging.getLogger(__name__)


class RobotsTxtUnavailable(Exception):
    """The host's robots.txt could not be read, so none of its URLs may be fetched in this run; `problem`
    says why (`DNSLookupError: ...`, `HTTP 503`), for the spider's "cannot reach HOST" line."""

    def __init__(self, netloc: str, problem: str) -> None:
        super().__init__(f"robots.txt of {netloc} unavailable ({problem})")
        self.problem = problem


def is_unavailable(response: Response) -> bool:
    """A 5xx answer, or 429 Too Many Requests: the server asks us to come back later."""
    return response.status >= 500 or response.status == 429


def waiter_of(pending: Deferred[RobotParser | None]) -> Deferred[RobotParser | None]:
    """A Deferred of its own for one request waiting on the host's robots.txt. Awaiting the shared one
    (as Scrapy 2.19 does) consumes its result: the first waiter gets the rules, every later one None,
    which means no rules, so requests queued while robots.txt was fetched ignored it."""
    waiter: Deferred[RobotParser | None] = Deferred()

    def pass_on(parser: RobotParser | None) -> RobotParser | None:
        waiter.callback(parser)
        return parser

    pending.addCallback(pass_on)
    return waiter


class PatientRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Enabled in place of Scrapy's RobotsTxtMiddleware (see the module doc); needs ROBOTSTXT_OBEY."""

    def __init__(self, crawler: Crawler, retry_times: int, retry_delay: float) -> None:
        super().__init__(crawler)
        self.retry_times, self.retry_delay = retry_times, retry_delay
        self.unavailable: dict[str, str] = {}  # netloc -> why its robots.txt could not be read

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        return cls(
            crawler,
            config.get_int(settings, "NEWSCRAWL_ROBOTS_RETRY_TIMES"),
            config.get_float(settings, "NEWSCRAWL_ROBOTS_RETRY_DELAY"),
        )

    async def robot_parser(self, request: Request) -> RobotParser | None:
        netloc = urlparse_cached(request).netloc
        if netloc not in self._parsers:
            self._parsers[netloc] = Deferred()
            await self.fetch_robots(request, netloc)
            self._stats.inc_value("robotstxt/request_count")
        parser = self._parsers[netloc]
        if isinstance(parser, Deferred):
            return await maybe_deferred_to_future(waiter_of(parser))
        return parser

    async def fetch_robots(self, request: Request, netloc: str) -> None:
        """Parse the host's robots.txt, or settle it as no rules (ignored) or unavailable (refuse all)."""
        url = urlparse_cached(request)
        robots_url = f"{url.scheme}://{netloc}/robots.txt"
        for attempt in range(self.retry_times + 1):
            if attempt:
                await sleep(self.retry_delay * 2 ** (attempt - 1))
            try:
                response = await self.download_robots(robots_url)
            except IgnoreRequest as error:
                self._robots_error(error, netloc)
                return
            except Exception as error:  # any download error (timeout, refused, DNS) means unreachable
                problem = f"{type(error).__name__}: {error}"
            else:
                if not is_unavailable(response):
                    await self._parse_robots(response, netloc, request)
                    return
                problem = f"HTTP {response.status}"
            logger.info("robots.txt unavailable (%s), try %d: %s", problem, attempt + 1, robots_url)
        self.give_up(netloc, robots_url, problem)

    async def download_robots(self, robots_url: str) -> Response:
        robots_request = Request(
            robots_url, priority=self.DOWNLOAD_PRIORITY, callback=NO_CALLBACK,
            meta={"dont_obey_robotstxt": True, "dont_retry": True},
        )  # fmt: skip
        assert self.crawler.engine is not None
        return await self.crawler.engine.download_async(robots_request)

    def give_up(self, netloc: str, robots_url: str, problem: str) -> None:
        """Refuse the host for the run: its parser stays None, and `process_request_2` refuses it."""
        self.unavailable[netloc] = problem
        logger.error(
            "robots.txt still unavailable after %d tries (%s), refusing every URL of %s for this run: %s",
            self.retry_times + 1, problem, netloc, robots_url,
        )  # fmt: skip
        parser = self._parsers[netloc]
        assert isinstance(parser, Deferred)
        self._parsers[netloc] = None
        parser.callback(None)

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        netloc = urlparse_cached(request).netloc
        if netloc in self.unavailable:
            raise RobotsTxtUnavailable(netloc, self.unavailable[netloc])
        super().process_request_2(rp, request)
