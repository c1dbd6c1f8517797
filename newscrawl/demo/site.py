"""The demo site's content, built from one seed: seed 0 is the bundled demo around the reference
article; any other seed is a site the crawler has never seen (other sections, stories and sizes).

`build_site` makes the stories and listings; `hardcases` then wires in the links that test a crawler
(promo chains and cycles, tracking parameters, redirects, dead promos and traps).
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

from newscrawl.demo import dates, reference
from newscrawl.demo.hardcases import wire
from newscrawl.demo.model import Block, Card, Dating, DemoSite, Section, Story
from newscrawl.demo.prose import PARTNER_TITLES, Draft, Writer

SEED0_SECTIONS = (
    Section("/news24/world/news", "World", "News", "world"),
    Section("/news24/southafrica/news", "South Africa", "News", "sa"),
    Section("/news24/politics/parliament", "Politics", "Parliament", "politics"),
)
# Other seeds take one section of each kind from here, so they share no path with seed 0.
OTHER_SECTIONS = (
    (Section("/news24/africa/news", "Africa", "News", "world"),
     Section("/news24/world/europe", "World", "Europe", "world")),
    (Section("/news24/southafrica/local", "South Africa", "Local", "sa"),
     Section("/news24/southafrica/investigations", "South Africa", "Investigations", "sa")),
    (Section("/news24/politics/government", "Politics", "Government", "politics"),
     Section("/news24/politics/elections", "Politics", "Elections", "politics")),
)  # fmt: skip
PARTNER = Section("/news24/partnercontent", "Partner content", "Sponsored", "sa")


def _blocks(rng: random.Random, draft: Draft) -> tuple[Block, ...]:
    """Paragraphs with a subheading, a quote and the non-text children the body must skip."""
    blocks = [Block("p", text) for text in draft.paragraphs]
    blocks.insert(rng.randint(2, len(blocks) - 1), Block("h3", draft.heading))
    blocks.insert(rng.randint(2, len(blocks) - 1), Block("quote", draft.quote))
    for kind in ("ad", "newsletter", "script"):
        blocks.insert(rng.randint(1, len(blocks)), Block(kind))
    blocks.insert(rng.randint(1, len(blocks)), Block("empty", rng.choice((" ", "\u00a0"))))
    return tuple(blocks)


class Builder:
    """Accumulates stories, listing order and traps; `hardcases` adds the links between them."""

    def __init__(self, seed: int, pages_per_section: int | None = None) -> None:
        self.seed = seed
        self.pages_per_section = pages_per_section
        self.rng = random.Random(seed)
        self.writer = Writer(self.rng)
        self.sections = SEED0_SECTIONS if seed == 0 else self._other_sections()
        self.stories: dict[str, Story] = {}
        self.listed: dict[str, list[str]] = {s.path: [] for s in self.sections}
        self.cards: dict[str, Card] = {}
        self.emitted: list[str] = []
        self.traps: list[str] = []
        self.redirects: dict[str, str] = {}
        self.raw_pages: dict[str, str] = {}
        self.raw_expected: dict[str, str] = {}
        self.fixed: set[str] = set()

    def _other_sections(self) -> tuple[Section, ...]:
        return tuple(self.rng.choice(pair) for pair in OTHER_SECTIONS)

    def story(
        self, section: Section, dating: Dating, title: str | None = None, *, kind: str = "plain",
        prefix: str = "", stamped: bool = True,
    ) -> Story:  # fmt: skip
        """A new served article page; `stamped` allows a `-YYYYMMDD-HHMM` URL suffix."""
        draft = self.writer.draft(section.topic, title, prefix)
        suffix = f"{dating.day:%Y%m%d}"
        if stamped and dating.published is not None and self.rng.random() < 0.15:
            suffix += f"-{dating.published:%H%M}"
        story = Story(
            path=f"{section.path}/{draft.slug}-{suffix}", section=section, title=draft.title,
            summary=draft.summary, blocks=_blocks(self.rng, draft), dating=dating,
            tags=draft.tags, authors=draft.authors, kind=kind,
        )  # fmt: skip
        self.stories[story.path] = story
        return story

    def trap(self, section: Section, title: str | None = None, prefix: str = "") -> Story:
        story = self.story(section, dates.random_dating(self.rng), title, prefix=prefix)
        self.traps.append(story.path)
        return story

    def add_promo(self, path: str, label: str, href: str, title: str) -> None:
        """Insert a `LABEL |` promo paragraph somewhere after the first body child."""
        story = self.stories[path]
        blocks = list(story.blocks)
        blocks.insert(self.rng.randint(1, len(blocks)), Block("promo", title, href, label))
        self.stories[path] = replace(story, blocks=tuple(blocks))

    def card(self, path: str) -> Card:
        """The listing card of a listed story: its override (reference, redirect, tracking) or plain."""
        if path in self.cards:
            return self.cards[path]
        story = self.stories[path]
        kind = "article" if story.kind == "plain" else story.kind
        return Card(kind, path, story.title, story.section.name, dates.card_date(story.dating))

    def page_count(self) -> int:
        return self.pages_per_section or self.rng.randint(3, 4)

    def fill_sections(self) -> list[list[int]]:
        """Listed stories for every section, newest first; returns each section's page sizes."""
        sizes = [[self.rng.randint(5, 6) for _ in range(self.page_count())] for _ in self.sections]
        fixed = len(reference.LISTED) + 1 if self.seed == 0 else 0
        total = sum(map(sum, sizes)) - fixed
        datings = [*dates.REQUIRED]
        datings += [dates.random_dating(self.rng) for _ in range(total - len(datings))]
        self.rng.shuffle(datings)
        kinds = {(0, 1): "live", (1, 2): "premium", (2, 3): "premium", (1, 4): "no-section"}
        if self.seed == 0:
            self._seed0_world()
        for index, section in enumerate(self.sections):
            count = sum(sizes[index]) - len(self.listed[section.path])
            for number in range(count):
                self._listed_story(section, datings.pop(), kinds.get((index, number), "plain"))
            self._sort(section)
        return sizes

    def _listed_story(self, section: Section, dating: Dating, kind: str) -> None:
        prefix = {"live": "LIVE | ", "premium": "ANALYSIS | "}.get(kind, "")
        story = self.story(section, dating, kind="plain" if kind == "no-section" else kind,
                           prefix=prefix)  # fmt: skip
        if kind == "no-section":
            self.stories[story.path] = replace(story, section_meta=False)
        self.listed[section.path].append(story.path)

    def _sort(self, section: Section) -> None:
        paths = self.listed[section.path]
        dated = [p for p in paths if p in self.stories]
        dated.sort(key=lambda p: self.stories[p].dating.expected or "", reverse=True)
        self.listed[section.path] = [p for p in paths if p not in self.stories] + dated

    def _seed0_world(self) -> None:
        """The reference page and its named neighbours, reserved before any generated headline."""
        world = self.sections[0]
        self.raw_pages[reference.PATH] = reference.page()
        self.raw_expected[reference.PATH] = reference.expected()
        self.writer.reserve(reference.TITLE)
        ref_card = Card("article", reference.HREF, reference.TITLE, world.name, reference.CARD_DATE)
        self.cards[reference.PATH] = ref_card
        self.listed[world.path].append(reference.PATH)
        for title, dating in reference.LISTED:
            path = self.story(world, dating, title, stamped=False).path
            self.listed[world.path].append(path)
        self.fixed.update(self.listed[world.path])

    def offsite_trap(self) -> Story:
        """A real article under the first section, linked only through the `localhost` host name."""
        moment = dates.ANCHOR - timedelta(minutes=self.rng.randint(20, 300))
        return self.story(self.sections[0], dates.full(moment, None), stamped=False)

    def partner_trap(self) -> Story:
        taken = {story.title for story in self.stories.values()}
        title = self.rng.choice([t for t in PARTNER_TITLES if t not in taken])
        return self.trap(PARTNER, title)

    def video_trap(self, section: Section) -> Story:
        video = Section(section.path.replace("/news24/", "/news24/video/", 1), "Video",
                        section.name, section.topic)  # fmt: skip
        return self.trap(video, prefix="WATCH | ")

    def site(self, listings: dict[str, tuple[tuple[Card, ...], ...]], offsite: Story,
             most_read: tuple[tuple[str, str], ...], trending: Story) -> DemoSite:  # fmt: skip
        return DemoSite(
            seed=self.seed, sections=self.sections, listings=listings, stories=self.stories,
            raw_pages=self.raw_pages, raw_expected=self.raw_expected,
            emitted=tuple(dict.fromkeys(self.emitted)), traps=tuple(self.traps),
            offsite=(offsite.path,), redirects=self.redirects, most_read=most_read,
            trending=(trending.path, trending.title),
        )  # fmt: skip


def build_site(seed: int = 0, pages_per_section: int | None = None) -> DemoSite:
    """The demo site for `seed`; the same seed always gives the same site, byte for byte.

    `pages_per_section` makes a larger site of the same shape (about 16 articles per listing page
    across the three sections), for benchmarks; by default each section has 3 or 4 pages.
    """
    return wire(Builder(seed, pages_per_section))
