"""The exit code a scheduler can act on: the rules that decide it from a run's stats, each run as a
Spidermon monitor (export/monitors.py) when `RunManifest` (export/manifest.py) closes the run.

cron and systemd read one thing, the exit code, so every way a run can produce nothing or lose most of
its articles has a code of its own, with a meaning that names the stats that decided it:

| code | meaning |
| --- | --- |
| 0 | the run finished (or stopped at a `closespider_*` limit) and exported everything it scraped |
| 1 | the crawl could not start (Scrapy's own bootstrap failure, e.g. a spider that fails to build) |
| 2 | usage error: a wrong option, `-a` argument or `NEWSCRAWL_*` value; nothing was fetched |
| 3 | export failed: a feed file not created or stored, no feed stored for scraped articles, an article |
|   | lost to a pipeline exception, a manifest not written, or a WARC record not written |
| 4 | failed / (failed + exported) > `NEWSCRAWL_MAX_FAILED_SHARE` (default 0.1), where failed = the sum of |
|   | the `newscrawl/failed/*` stats (HTTP and network errors, `error/<exception>` for a page whose |
|   | profile or source raised, `extension_error/<exception>` for an extension's signal handler that |
|   | raised) and exported = `item_scraped_count` |
| 5 | layout alarm: a field's fill rate dropped sharply against earlier runs (`newscrawl/alarm/count` > 0) |
| 6 | the spider closed for a reason other than `finished` or `closespider_*` (e.g. `shutdown` on SIGTERM) |
|   | or, decided by `scrapy crawl` itself, a second Ctrl-C or SIGTERM stopped the run before it closed |
| 7 | nothing found: no article exported, and every source page read (listing page, feed, sitemap; not |
|   | robots.txt) held no article link (`newscrawl/<kind>/empty`, or `index_only` for a sitemap index |
|   | whose sitemaps held none, spiders/sources.py), or every page fetched as an article was judged |
|   | another kind (`newscrawl/dropped/<kind>`) in a run that met no known article |
| 8 | unreadable / (unreadable + exported) > `NEWSCRAWL_MAX_DROPPED_SHARE` (default 0.5), where unreadable |
|   | = the articles dropped as `missing_title`, `missing_body` or `invalid_<field>` (the profile read |
|   | nothing, or a value the shipped schema rejects: a layout change or a profile bug) |
| 9 | a start URL failed with a network error (connection refused, DNS, timeout) or a robots.txt that |
|   | could not be read: `cannot reach HOST: reason` (`newscrawl/unreachable/<host>/<reason>`) |
| 10 | a monitor the user added with `NEWSCRAWL_MONITORS` failed (its name and message) |

When several apply, the most severe wins: 3 (the output cannot be trusted), then 6 (the output is
partial), 9 (a start host could not be reached), 7 (discovery is broken), 5 and 8 (extraction is
broken), 4 (the site failed us), 10 (the user's own monitors).

Code 7 covers both runs the issue names: a start page whose links no profile recognizes, and a site whose
earlier runs exported articles while this run's listing pages found none new and none known (a listing
with known links is a caught-up incremental run, 0 exported and exit 0). Pages dropped as soft 404s or
paywalls are verdicts on the page, not a broken profile, and do not count towards 8 (bot checks, consent
walls and blank answers are failures, `newscrawl/failed/*`, which count towards 4).
Code 3 reads Scrapy's `feedexport/failed_count/*` (a storage's `store()` raised) and our
`newscrawl/export/*` stats: `failed` (a feed file could not be created), `item_error/<exception>`,
`manifest_failed` and `upload_failed` (an s3:// file or manifest kept in the spool, export/spool.py); Scrapy
itself counts neither a feed that cannot be opened nor a pipeline exception.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from newscrawl.pipelines.validation import UNREAD_PREFIXES

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

EXIT_MEANINGS = {
    0: "ok",
    3: "export failed",
    4: "failed-article share above NEWSCRAWL_MAX_FAILED_SHARE",
    5: "layout alarm",
    6: "spider closed before finishing",
    7: "nothing found",
    9: "start host unreachable",
    8: "unreadable-article share above NEWSCRAWL_MAX_DROPPED_SHARE",
    10: "a monitor of NEWSCRAWL_MONITORS failed",
}
# A WARC archive that lost a write is an output that cannot be trusted either (export/warc.py).
EXPORT_FAILURE_PREFIXES = ("feedexport/failed_count/", "newscrawl/export/", "newscrawl/warc/failed")
# The `newscrawl/fetched/<kind>` kinds that are no source page counted `newscrawl/<kind>/empty` when it
# holds no article link (spiders/sources.py): article pages, and robots.txt (read for its sitemaps).
ARTICLE_KINDS = frozenset({"article", "revalidation", "robots"})


class ExitDecision(NamedTuple):
    code: int
    why: str  # the meaning, with the stats that decided it


class Limits(NamedTuple):
    """The shares above which a run fails (NEWSCRAWL_MAX_FAILED_SHARE, NEWSCRAWL_MAX_DROPPED_SHARE)."""

    failed: float
    dropped: float


def stats_under(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    """`{rest of key: value}` for the stats whose key starts with `prefix`."""
    chosen = sorted((key, value) for key, value in stats.items() if key.startswith(prefix))
    return {key.removeprefix(prefix): int(value) for key, value in chosen}


def export_failure(stats: Mapping[str, Any]) -> str | None:
    """Why the run's output cannot be trusted, or None."""
    failures = {key: value for prefix in EXPORT_FAILURE_PREFIXES for key, value in stats.items()
                if key.startswith(prefix) and value}  # fmt: skip
    if failures:
        return ", ".join(f"{key}={value}" for key, value in sorted(failures.items()))
    scraped = int(stats.get("item_scraped_count", 0))
    if scraped and not sum(stats_under(stats, "feedexport/success_count/").values()):
        return f"{scraped} articles scraped but no feed stored"
    return None


# Stats that say a run met articles it had before (exported, or settled as no article).
KNOWN_ARTICLES = (
    "item_scraped_count",
    "newscrawl/links/known",
    "newscrawl/articles/unchanged",
    "newscrawl/fetched/revalidation",
)


def nothing_found(stats: Mapping[str, Any]) -> str | None:
    """Why a run that exported nothing had nothing to export (code 7), or None."""
    return no_article_link(stats) or no_article_read(stats)


def no_article_link(stats: Mapping[str, Any]) -> str | None:
    """Every source page read held no article link, or None."""
    fetched = stats_under(stats, "newscrawl/fetched/")
    kinds = [kind for kind in fetched if kind not in ARTICLE_KINDS]
    sources = sum(fetched[kind] for kind in kinds)
    # An index of further pages (a sitemap index) holds no article link either: its pages must.
    empty = sum(
        int(stats.get(f"newscrawl/{kind}/{what}", 0)) for kind in kinds for what in ("empty", "index_only")
    )
    # A feed or sitemap that answered 304 holds the links it held before: known ones, a caught-up run.
    unchanged = [key for key in stats if key.endswith("/unchanged") and key != "newscrawl/articles/unchanged"]
    if int(stats.get("item_scraped_count", 0)) or not sources or empty < sources or unchanged:
        return None
    return f"{empty} of {sources} source pages held no article link"


def no_article_read(stats: Mapping[str, Any]) -> str | None:
    """Every page fetched as an article was judged another kind of page (a section, a paywall...), in a
    run that met no article it had before, or None. A caught-up run, whose sources list known articles,
    exports nothing and exits 0 however its few new links turn out; a run that never had an article (a
    profile that takes every story for an index, a site gone behind a paywall) does not."""
    dropped = stats_under(stats, "newscrawl/dropped/")
    # Drops of pages that were articles: unreadable ones are code 8's, a duplicate is a known article.
    articles = [reason for reason in dropped if reason.startswith(UNREAD_PREFIXES) or reason == "duplicate"]
    if not dropped or articles or any(stats.get(key) for key in KNOWN_ARTICLES):
        return None
    kinds = ", ".join(f"{count} {reason}" for reason, count in dropped.items())
    return f"none of the pages fetched as articles was one ({kinds})"


def unreachable(stats: Mapping[str, Any]) -> str | None:
    """`cannot reach HOST: reason` for each start host that failed with a network error (code 9)."""
    hosts = [key.rpartition("/") for key in stats_under(stats, "newscrawl/unreachable/")]
    return ", ".join(f"cannot reach {host}: {reason}" for host, _, reason in hosts) or None


def share_above(part: int, exported: int, limit: float) -> str | None:
    """`part / (part + exported)` written out when it is above `limit`, else None."""
    if not part or part / (part + exported) <= limit:
        return None
    return f"{part} of {part + exported} = {part / (part + exported):.2f} > {limit}"


def closed_early(stats: Mapping[str, Any]) -> str | None:
    """The finish reason of a spider that stopped before finishing (code 6), or None."""
    reason = str(stats.get("finish_reason", "finished"))
    return None if reason == "finished" or reason.startswith("closespider_") else reason


def layout_alarms(stats: Mapping[str, Any]) -> str | None:
    """The fields whose fill rate alarmed (code 5, extensions/alarm.py), or None."""
    if not stats.get("newscrawl/alarm/count"):
        return None
    fields = [name for name in stats_under(stats, "newscrawl/alarm/") if name != "count"]
    return ", ".join(fields) or str(stats["newscrawl/alarm/count"])


def unreadable_share(stats: Mapping[str, Any], limits: Limits) -> str | None:
    """The share of articles the profile could not read, when above its limit (code 8)."""
    dropped = stats_under(stats, "newscrawl/dropped/")
    unread = sum(count for name, count in dropped.items() if name.startswith(UNREAD_PREFIXES))
    return share_above(unread, int(stats.get("item_scraped_count", 0)), limits.dropped)


def failed_share(stats: Mapping[str, Any], limits: Limits) -> str | None:
    """The share of pages that failed (HTTP, network, a raising profile), when above its limit (code 4)."""
    failed = sum(stats_under(stats, "newscrawl/failed/").values())
    return share_above(failed, int(stats.get("item_scraped_count", 0)), limits.failed)


class Rule(NamedTuple):
    code: int
    check: Callable[[Mapping[str, Any], Limits], str | None]  # what failed, or None


# Most severe first: the first rule that fails decides the exit code (export/monitors.py runs them).
RULES = (
    Rule(3, lambda stats, limits: export_failure(stats)),
    Rule(6, lambda stats, limits: closed_early(stats)),
    Rule(9, lambda stats, limits: unreachable(stats)),
    Rule(7, lambda stats, limits: nothing_found(stats)),
    Rule(5, lambda stats, limits: layout_alarms(stats)),
    Rule(8, unreadable_share),
    Rule(4, failed_share),
)
# A monitor the user added (NEWSCRAWL_MONITORS) comes after every rule of ours.
SEVERITY = (*(rule.code for rule in RULES), 10)


def most_severe(failures: Mapping[int, str]) -> ExitDecision:
    """The exit decision for the failed rules `{code: what failed}`; 0 when none failed."""
    for code in SEVERITY:
        if code in failures:
            return ExitDecision(code, f"{EXIT_MEANINGS[code]}: {failures[code]}")
    return ExitDecision(0, EXIT_MEANINGS[0])
