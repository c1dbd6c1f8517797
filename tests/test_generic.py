"""A site no profile knows, crawled with no `-a site`: the generic profile finds, recognizes and reads its
articles in two templates, and drops what is not an article, counted by reason."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from tests.server import Reply, RouteServer
from tests.support import CONTRACT_FIELDS, FIXTURES, read_jsonl, scrapy_crawl
from tests.test_bad_input import stat

if TYPE_CHECKING:
    from pathlib import Path
    from subprocess import CompletedProcess

pytestmark = pytest.mark.integration

GENERIC = FIXTURES / "generic"
COURIER_DATE = "Wed, 14 Jun 2023 10:00:00 GMT"
STORY = "/news/2023/06/14/harbour-bridge-reopens-after-repair"
POST = "/notes/2023/03/why-our-build-got-three-times-faster/"


def fixture(name: str) -> str:
    return (GENERIC / f"{name}.html").read_text(encoding="utf-8")


def short_story(title: str, paragraphs: int = 4) -> str:
    """Another page of the Courier's story template."""
    text = "".join(
        f"<p>{title}: paragraph {n} of the story, long enough to count as the story's own prose.</p>"
        for n in range(1, paragraphs + 1)
    )
    head = f'<meta property="og:type" content="article"><title>{title} | The Daily Courier</title>'
    story = f'<article class="story"><h1>{title}</h1><div class="story__body">{text}</div></article>'
    menu = '<nav class="main-nav"><a href="/">Home</a></nav>'
    return f'<html lang="en-GB"><head>{head}</head><body>{menu}{story}</body></html>'


def short_post(title: str) -> str:
    """Another page of the Notes blog's post template."""
    text = "".join(f"<p>{title}, part {n}: what we changed in the build, and why.</p>" for n in range(8))
    post = f'<div class="post"><h1>{title}</h1><div class="post-content">{text}</div></div>'
    head = f"<title>{title} &ndash; Engineering Notes</title>"
    return f"<html lang='en'><head>{head}</head><body>{post}</body></html>"


ROUTES = {
    "/": Reply(fixture("courier-home")),
    "/?page=2": Reply(
        '<html><body><main><div class="card"><a href="/news/2023/06/12/new-ferry-timetable-from-july">'
        "<h2>New ferry timetable from July</h2></a></div>"
        '<div class="card"><a href="/news/2023/06/12/council-budget-vote-delayed">'
        "<h2>Council budget vote delayed</h2></a></div>"
        '<div class="card"><a href="/news/2023/06/11/weekend-sport-round-up-and-results">'
        "<h2>Weekend sport round-up and results</h2></a></div></main></body></html>"
    ),
    STORY: Reply(fixture("courier-story")),
    "/news/2023/06/14/school-meals-price-rise-approved": Reply(
        short_story("School meals price rise approved")
    ),
    "/news/2023/06/12/new-ferry-timetable-from-july": Reply(short_story("New ferry timetable from July")),
    "/news/2021/05/02/harbour-bridge-closed-after-cracks-found": Reply(short_story("Harbour bridge closed")),
    "/news/2023/06/12/council-budget-vote-delayed": Reply(fixture("missing")),  # a soft 404, answered 200
    "/news/2023/06/11/weekend-sport-round-up-and-results": Reply(fixture("sport")),  # an index page
    "/notes/": Reply(fixture("notes-index")),
    POST: Reply(fixture("notes-post")),
    "/notes/2023/02/moving-to-a-monorepo-without-tears/": Reply(short_post("Moving to a monorepo")),
    "/notes/2023/01/what-we-learned-from-our-first-outage/": Reply(short_post("Our first outage")),
    "/notes/page/2/": Reply('<html><body><ul class="post-list"></ul></body></html>'),
}
EXPECTED = {
    STORY, POST,
    "/news/2023/06/14/school-meals-price-rise-approved",
    "/news/2023/06/12/new-ferry-timetable-from-july",
    "/news/2021/05/02/harbour-bridge-closed-after-cracks-found",
    "/notes/2023/02/moving-to-a-monorepo-without-tears/",
    "/notes/2023/01/what-we-learned-from-our-first-outage/",
}  # fmt: skip


def test_a_site_no_profile_knows_is_read_by_the_generic_profile(tmp_path: Path) -> None:
    with RouteServer(ROUTES, http_date=COURIER_DATE) as server:
        base = server.base_url
        result = scrapy_crawl(tmp_path, "-a", f"start_urls={base}/,{base}/notes/", "-O", "out.jsonl")
    assert result.returncode == 0, result.stderr[-3000:]
    assert (
        f"Site profile generic reads {base} (chosen by fallback: no profile recognized its first page)"
        in (result.stderr)
    )
    records = {record["url"].removeprefix(base): record for record in read_jsonl(tmp_path / "out.jsonl")}
    assert set(records) == EXPECTED
    assert {record["site"] for record in records.values()} == {"generic"}
    for path, name in ((STORY, "courier-story"), (POST, "notes-post")):
        expected = json.loads((GENERIC / f"{name}.expected.json").read_text())
        for host in ("https://www.dailycourier.example", "https://notes.example"):
            expected = json.loads(json.dumps(expected).replace(host, base))
        expected["url"] = base + path
        assert {field: records[path][field] for field in CONTRACT_FIELDS} == expected
    dropped = [stat(result.stderr, f"newscrawl/dropped/{reason}") for reason in ("soft_404", "section")]
    assert dropped == [1, 1]
    assert records[POST]["published_at_precision"] == "minute_local"
    # Each site the generic profile reads keeps a state store of its own, named after its host.
    assert sorted(path.name for path in (tmp_path / "state").glob("*.sqlite3")) == [
        "generic-127_0_0_1.sqlite3"
    ]
    assert server.hits.get("/sport") is None  # the nav link and other index links are not followed
    assert server.hits.get("/tag/harbour") is None
    assert server.hits.get("/news/2022/01/01/a-very-old-story-in-the-tag-cloud") is None


CHALLENGE = (
    "<html><head><title>Just a moment...</title></head><body><noscript>Enable JavaScript and cookies to "
    "continue</noscript><script>window._cf_chl_opt = {};</script></body></html>"
)
PAYWALL = (
    "<html><head><title>Budget vote</title></head><body><h1>Budget vote</h1>"
    "<p>Subscribe to continue reading.</p></body></html>"
)
STORIES = [f"/news/2023/06/1{day}/story-of-day-{day}-in-the-city" for day in range(3)]
WEEK = "/news/2023/06/13/all-the-stories-of-the-week"


def home(paths: list[str]) -> Reply:
    """A home page of a card per path."""
    cards = "".join(
        f'<div class="card"><a href="{path}"><h2>Story {path[-20:]}</h2></a></div>' for path in paths
    )
    return Reply(f"<html><body><main>{cards}</main></body></html>")


def stories(paths: list[str]) -> dict[str, Reply]:
    return {path: Reply(short_story(f"Story {path[-20:]}")) for path in paths}


def crawl_home(tmp_path: Path, server: RouteServer, output: str) -> CompletedProcess[str]:
    return scrapy_crawl(tmp_path, "-a", f"start_urls={server.base_url}/", "-O", output)


def test_a_bot_check_in_place_of_the_articles_fails_the_run_and_loses_none(tmp_path: Path) -> None:
    """A bot check answered with 200 is no article and no verdict on its URL: the run fails (exit 4) and
    the next run, let through, exports every story."""
    with RouteServer({"/": home(STORIES), **dict.fromkeys(STORIES, Reply(CHALLENGE))}) as server:
        blocked = crawl_home(tmp_path, server, "blocked.jsonl")
        server.routes.update(stories(STORIES))
        let_through = crawl_home(tmp_path, server, "out.jsonl")
    assert blocked.returncode == 4, blocked.stderr[-3000:]
    assert read_jsonl(tmp_path / "blocked.jsonl") == []
    assert stat(blocked.stderr, "newscrawl/failed/blocked") == 3
    assert f"Dropped article: blocked: {server.base_url}{STORIES[0]}" in blocked.stderr
    assert "exit code 4 (failed-article share above NEWSCRAWL_MAX_FAILED_SHARE: 3 of 3" in blocked.stderr
    assert let_through.returncode == 0, let_through.stderr[-3000:]
    exported = sorted(record["url"] for record in read_jsonl(tmp_path / "out.jsonl"))
    assert exported == [server.base_url + path for path in STORIES]


def test_a_run_whose_every_story_is_paywalled_exits_7_saying_so(tmp_path: Path) -> None:
    with RouteServer({"/": home(STORIES), **dict.fromkeys(STORIES, Reply(PAYWALL))}) as server:
        result = crawl_home(tmp_path, server, "out.jsonl")
    assert result.returncode == 7, result.stderr[-3000:]
    assert stat(result.stderr, "newscrawl/dropped/paywall") == 3
    meaning = "nothing found: none of the pages fetched as articles was one (3 paywall)"
    assert f"exit code 7 ({meaning})" in result.stderr


def test_a_caught_up_run_whose_only_new_link_is_no_article_exits_0(tmp_path: Path) -> None:
    """The home page's stories were exported by the run before: a new link that is an index page is
    no sign that the run found nothing."""
    week = [f"/news/2023/06/0{day}/story-of-day-{day}" for day in range(1, 7)]
    with RouteServer({"/": home(STORIES), **stories(STORIES)}) as server:
        first = crawl_home(tmp_path, server, "first.jsonl")
        server.routes.update({"/": home([WEEK, *STORIES]), WEEK: home(week)})
        second = crawl_home(tmp_path, server, "second.jsonl")
    assert first.returncode == 0, first.stderr[-3000:]
    assert len(read_jsonl(tmp_path / "first.jsonl")) == 3
    assert second.returncode == 0, second.stderr[-3000:]
    assert read_jsonl(tmp_path / "second.jsonl") == []
    found = (stat(second.stderr, "newscrawl/dropped/section"), stat(second.stderr, "newscrawl/links/known"))
    assert found == (1, 3)
