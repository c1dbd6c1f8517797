"""Seed 0's tie to the reference article: the packaged page and the stories around it.

The reference page (shared/site/article.html with the news24.com host removed) links to two READ
promo targets and, from its sidebar, to three most-read stories; the demo serves all five, the first
two as articles a crawl must emit and the last three as traps nothing else links to.
"""

from __future__ import annotations

from datetime import datetime
from importlib.resources import files

from newscrawl.demo.dates import SAST, full, publisheddate
from newscrawl.demo.model import Dating, Section

PATH = "/news24/world/news/nato-says-russia-still-adding-troops-to-ukraine-build-up-20220216"
# Linked from world page 1 with this case, as in shared/site/listing.html.
HREF = "/news24/World/News/nato-says-russia-still-adding-troops-to-ukraine-build-up-20220216"
TITLE = "NATO says Russia still adding troops to Ukraine build-up"
CARD_DATE = "49m ago"
# The reference promotes this story, which promotes the reference back: a promo cycle.
CYCLE_FROM = (
    "/news24/world/news/tiktok-is-full-of-videos-of-russias-troop-build-up-it-may-be-aiding-putins-"
    "intimidation-campaign-20220215"
)
FIN24 = Section("/fin24/economy", "Business", "Economy", "sa")


def _at(day: int, hour: int, minute: int) -> datetime:
    return datetime(2022, 2, day, hour, minute, tzinfo=SAST)


# World stories the reference page names: (headline, dating). All are listed on world pages.
LISTED: tuple[tuple[str, Dating], ...] = (
    ("US has not seen any sign of Russian troop pullback near Ukraine as EU warns of punishment",
     full(_at(16, 14, 45), None)),
    ("TikTok is full of videos of Russia's troop build-up, it may be aiding Putin's intimidation "
     "campaign", publisheddate(_at(15, 18, 20))),
    ("Germany's Scholz meets Putin in Moscow as Ukraine tensions simmer",
     full(_at(15, 16, 5), _at(15, 17, 40))),
)  # fmt: skip

# The reference's most-read widget: (section index in seed 0, or FIN24; headline, dating).
MOST_READ: tuple[tuple[int | Section, str, Dating], ...] = (
    (1, "Load shedding: Eskom to implement stage 2 from this evening", full(_at(16, 12, 10), None)),
    (2, "SONA debate: Ramaphosa replies to MPs", publisheddate(_at(16, 10, 0))),
    (FIN24, "Petrol price set for another hike in March", full(_at(16, 9, 15), None)),
)


def page() -> str:
    """The packaged reference article page."""
    return (files("newscrawl.demo") / "pages" / "reference-article.html").read_text("utf-8")


def expected() -> str:
    """The packaged copy of shared/site/article.expected.json, news24.com URLs and all."""
    resource = files("newscrawl.demo") / "pages" / "reference-article.expected.json"
    return resource.read_text("utf-8")
