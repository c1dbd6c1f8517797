"""The safety defaults a run gets without any `-s`, as the README's Security section promises them.

The fault tests pass small limits of their own (a 2 s timeout, 500 pages, a 1 MiB memory limit) to
stay fast, so they prove each mechanism works but not that it is switched on by default: this table does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from scrapy.utils.misc import is_generator_with_return_value
from scrapy.utils.project import get_project_settings

from newscrawl.spiders.news import NewsSpider

if TYPE_CHECKING:
    from scrapy.settings import Settings

MiB = 1024 * 1024


@pytest.fixture(scope="module")
def project() -> Settings:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SCRAPY_SETTINGS_MODULE", "newscrawl.settings")
        return get_project_settings()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DOWNLOAD_TIMEOUT", 30),
        ("DOWNLOAD_MAXSIZE", 8 * MiB),
        ("DOWNLOAD_WARNSIZE", 2 * MiB),
        ("DOWNLOAD_FAIL_ON_DATALOSS", True),
        ("DOWNLOAD_VERIFY_CERTIFICATES", True),
        ("RETRY_ENABLED", True),
        ("RETRY_TIMES", 3),
        ("REDIRECT_MAX_TIMES", 20),
        ("URLLENGTH_LIMIT", 2083),
        ("ROBOTSTXT_OBEY", True),
        ("MEMUSAGE_ENABLED", True),
        ("MEMUSAGE_LIMIT_MB", 2048),
        ("TELNETCONSOLE_ENABLED", False),
        ("REMOTE_CONTROL_ENABLED", False),
        ("NEWSCRAWL_ADDRESS_GUARD", True),
        ("NEWSCRAWL_ALLOWED_PRIVATE_HOSTS", []),
        ("NEWSCRAWL_MAX_PAGES", 1000),
        ("NEWSCRAWL_RETRY_BACKOFF", 1.0),
        ("NEWSCRAWL_RETRY_AFTER_MAX", 120.0),
        ("NEWSCRAWL_ROBOTS_RETRY_TIMES", 3),
        ("NEWSCRAWL_ROBOTS_RETRY_DELAY", 5.0),
    ],
)
def test_safety_default(project: Settings, name: str, value: object) -> None:
    assert project[name] == value


def test_our_middlewares_are_enabled_in_place_of_scrapys(project: Settings) -> None:
    enabled = dict(project.getwithbase("DOWNLOADER_MIDDLEWARES").items())
    ours = "newscrawl.downloadermiddlewares"
    assert {path: order for path, order in enabled.items() if path.startswith(ours)} == {
        f"{ours}.guard.AddressGuardMiddleware": 60,
        f"{ours}.robots.PatientRobotsTxtMiddleware": 100,
        f"{ours}.backoff.BackoffMiddleware": 560,
        f"{ours}.metarefresh.BytesMetaRefreshMiddleware": 580,
        f"{ours}.credentials.CredentialHeadersMiddleware": 650,
        f"{ours}.credentials.HostOnlyCookiesMiddleware": 700,
    }
    assert enabled["scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware"] is None
    assert enabled["scrapy.downloadermiddlewares.cookies.CookiesMiddleware"] is None
    assert enabled["scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware"] is None


def test_few_tasks_take_each_pages_output(project: Settings) -> None:
    """Scrapy creates CONCURRENT_ITEMS tasks for every response; 8 instead of 100 saves ~0.8 ms a page.
    A page with more outputs than that is still processed whole: tests/test_faults_content.py crawls a
    listing page of 100 links, and all 100 articles but the one made to fail are exported."""
    assert project.getint("CONCURRENT_ITEMS") == 8


def test_callbacks_return_no_value_so_scrapys_per_response_check_can_be_off(project: Settings) -> None:
    """WARN_ON_GENERATOR_RETURN_VALUE is off for its cost; the check it made runs here instead."""
    assert project.getbool("WARN_ON_GENERATOR_RETURN_VALUE") is False
    callbacks = [NewsSpider.parse_source, NewsSpider.parse_article, NewsSpider.on_error]
    assert [is_generator_with_return_value(callback) for callback in callbacks] == [False, False, False]

    def returns_a_value() -> object:
        yield 1
        return 2

    assert is_generator_with_return_value(returns_a_value)
