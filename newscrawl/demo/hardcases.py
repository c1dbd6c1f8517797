"""The links that make the demo site hard to crawl, wired into a `Builder`'s stories and listings.

Each function adds one case from the brief and says where it lives: promo-only chains ending in a
cycle, one story behind three URL spellings, a redirect, a dead promo, WATCH / LISTEN promos, and
traps (served articles linked only from sidebars, the nav, video and partner cards or another host).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING

from newscrawl.demo import dates, reference
from newscrawl.demo.model import Card, DemoSite, Section, Story

if TYPE_CHECKING:
    from newscrawl.demo.site import Builder

DATE_SUFFIX = re.compile(r"-\d{8}(?:-\d{4})?$")
UTM = "?utm_source=twitter&utm_medium=social#comments"
AD_HREF = "https://adclick.example.invalid/pcs/click?xai=demo{n}&adurl=https://insurer.example/quote"


@dataclass(frozen=True)
class Traps:
    """Served article pages a crawl must not emit, by where they are linked from."""

    videos: tuple[Story, ...]
    partners: tuple[Story, ...]
    most_read: tuple[Story, ...]
    sidebar: Story
    trending: Story
    listen: Story
    offsite: Story


def _most_read(b: Builder) -> tuple[Story, ...]:
    if b.seed != 0:
        return tuple(b.trap(section) for section in b.sections)
    stories = []
    for where, title, dating in reference.MOST_READ:
        section = where if isinstance(where, Section) else b.sections[where]
        stories.append(b.story(section, dating, title, stamped=False))
        b.traps.append(stories[-1].path)
    return tuple(stories)


def make_traps(b: Builder) -> Traps:
    return Traps(
        videos=tuple(b.video_trap(section) for section in b.sections),
        partners=tuple(b.partner_trap() for _ in b.sections),
        most_read=_most_read(b), sidebar=b.trap(b.sections[0]), trending=b.trap(b.sections[1]),
        listen=b.trap(b.sections[2]), offsite=b.offsite_trap(),
    )  # fmt: skip


def _cased(path: str) -> str:
    """`/news24/world/news/x` as some News24 links spell it: `/news24/World/News/x`."""
    parts = path.split("/")
    return "/".join([*parts[:2], *(part.capitalize() for part in parts[2:-1]), parts[-1]])


def chain(b: Builder, start: str) -> None:
    """Listed -> promo-only -> promo-only -> back: reachable only by following READ promos."""
    first = b.story(b.sections[2], dates.random_dating(b.rng))
    second = b.story(b.sections[0], dates.random_dating(b.rng))
    b.add_promo(start, "READ", first.path, first.title)
    b.add_promo(first.path, "READ", second.path, second.title)
    b.add_promo(second.path, "ALSO READ", first.path, first.title)
    b.emitted += [first.path, second.path]


def tracking(b: Builder, path: str, promo_from: str) -> Card:
    """One story, three spellings: cased with utm_* and a fragment on its own section's listing,
    plain on another section's listing (the returned card), `?fbclid=abc` from a promo."""
    plain = b.card(path)
    b.cards[path] = replace(plain, href=_cased(path) + UTM)
    b.add_promo(promo_from, "READ", path + "?fbclid=abc", plain.title)
    return plain


def redirect(b: Builder, path: str) -> None:
    """The listing links the story's old slug, which answers 301 to its current path."""
    story = b.stories[path]
    match = DATE_SUFFIX.search(path)
    old = f"{story.section.path}/{b.writer.draft(story.section.topic).slug}"
    old += match.group() if match else ""
    b.redirects[old] = path
    b.cards[path] = replace(b.card(path), href=old)


def dead_promo(b: Builder, path: str) -> None:
    """A READ promo to a story that was taken down: 404, yet still a related URL."""
    section = b.stories[path].section
    draft = b.writer.draft(section.topic)
    b.add_promo(path, "READ", f"{section.path}/{draft.slug}-20220211", draft.title)


def media_promos(b: Builder, traps: Traps, watched: str, listener: str) -> None:
    """WATCH promos to video pages (one sure, some random) and a LISTEN promo to a trap article."""
    video = traps.videos[0]
    b.add_promo(watched, "WATCH", video.path, video.title.removeprefix("WATCH | "))
    b.add_promo(listener, "LISTEN", traps.listen.path, traps.listen.title)
    for section, video in zip(b.sections, traps.videos, strict=True):
        for path in b.listed[section.path]:
            if path in b.stories and path != watched and b.rng.random() < 0.2:
                b.add_promo(path, "WATCH", video.path, video.title.removeprefix("WATCH | "))


def random_reads(b: Builder, targets: dict[str, list[str]]) -> None:
    """READ / ALSO READ promos between listed stories of a section, as most articles carry."""
    for section in b.sections:
        for path in b.listed[section.path]:
            if path not in b.stories or b.rng.random() >= 0.3:
                continue
            target = b.rng.choice([t for t in targets[section.path] if t != path])
            if target not in {block.href for block in b.stories[path].blocks}:
                label = b.rng.choice(("READ", "ALSO READ"))
                b.add_promo(path, label, target, b.stories[target].title)


def sidebars(b: Builder, targets: dict[str, list[str]], trap: Story) -> None:
    """Related links: two listed stories of the same section (or the first) and one trap."""
    for path, story in list(b.stories.items()):
        pool = targets.get(story.section.path, targets[b.sections[0].path])
        picks = b.rng.sample([p for p in pool if p != path], k=2)
        links = (*tuple((p, b.stories[p].title) for p in picks), (trap.path, trap.title))
        b.stories[path] = replace(story, sidebar=links)


def _media_card(kind: str, story: Story, label: str) -> Card:
    return Card(kind, story.path, story.title, label, dates.card_date(story.dating))


def _decorate(b: Builder, index: int, pages: list[list[Card]], traps: Traps) -> None:
    """Non-article cards: a video card and the opinion box on page 1, a partner card on page 2,
    the offsite card on the first section's page 2, and an advert on every page."""
    extras = [(0, _media_card("video", traps.videos[index], "Video")), (0, Card("opinion")),
              (1, _media_card("partner", traps.partners[index], "Sponsored"))]  # fmt: skip
    if index == 0:
        extras.append((1, _media_card("offsite", traps.offsite, b.sections[0].name)))
    extras += [(n, Card("ad", AD_HREF.format(n=f"{index}{n}"), "Get a quote in 3 minutes"))
               for n in range(len(pages))]  # fmt: skip
    for number, card in extras:
        pages[number].insert(b.rng.randint(1, len(pages[number])), card)


def listings(
    b: Builder, sizes: list[list[int]], traps: Traps, crossed: Card
) -> dict[str, tuple[tuple[Card, ...], ...]]:
    """Cards split into pages; the third section repeats page 1's last card atop page 2 (news
    pushed it down), and the second section lists the first section's tracked story plainly."""
    result = {}
    for index, section in enumerate(b.sections):
        cards = [b.card(path) for path in b.listed[section.path]]
        starts = [sum(sizes[index][:n]) for n in range(len(sizes[index]) + 1)]
        pages = [cards[start:end] for start, end in pairwise(starts)]
        if index == 2:
            pages[1].insert(0, pages[0][-1])
        if index == 1:
            pages[1].insert(b.rng.randint(0, len(pages[1])), crossed)
        _decorate(b, index, pages, traps)
        result[section.path] = tuple(tuple(page) for page in pages)
    return result


def _candidates(b: Builder, section: Section) -> list[str]:
    paths = [p for p in b.listed[section.path] if p in b.stories and p not in b.fixed]
    return [p for p in paths if b.stories[p].kind == "plain" and b.stories[p].section_meta]


def wire(b: Builder) -> DemoSite:
    """Every hard case, in a fixed order so one seed always yields one site."""
    sizes = b.fill_sections()
    traps = make_traps(b)
    pools = [_candidates(b, section) for section in b.sections]
    for pool in pools:
        b.rng.shuffle(pool)
    (utm, watched, *_), (moved, dead, *_), (start, fbclid, listener, *_) = pools
    chain(b, start)
    crossed = tracking(b, utm, fbclid)
    redirect(b, moved)
    dead_promo(b, dead)
    media_promos(b, traps, watched, listener)
    targets = {s.path: [p for p in b.listed[s.path] if p in b.stories and p != moved]
               for s in b.sections}  # fmt: skip
    random_reads(b, targets)
    if b.seed == 0:
        b.add_promo(reference.CYCLE_FROM, "READ", reference.PATH, reference.TITLE)
    sidebars(b, targets, traps.sidebar)
    b.emitted = [p for s in b.sections for p in b.listed[s.path]] + b.emitted
    most_read = tuple((story.path, story.title) for story in traps.most_read)
    return b.site(listings(b, sizes, traps, crossed), traps.offsite, most_read, traps.trending)
