"""The title is the story's headline, not the browser tab's: a last part naming the site, or following the
page's own `<h1>`, goes, and so does a first part that is the site's declared name or a section glued
before the `<h1>` (newscrawl/extract/titles.py)."""

from __future__ import annotations

import pytest

from newscrawl.extract.titles import is_the_site, undeclared_headline, without_site_name


@pytest.mark.parametrize(
    ("title", "names", "host", "headings", "headline"),
    [
        ("Nadal keeps Spain alive - Sportsnet.ca", (), "www.sportsnet.ca", (), "Nadal keeps Spain alive"),
        ("Governor doubles down | TheHill", (), "thehill.com", (), "Governor doubles down"),
        ("Grozy next week — ZAXID.NET", (), "zaxid.net", (), "Grozy next week"),
        ("Open thread - The GiveWell Blog", ("The GiveWell Blog",), "blog.givewell.org", (), "Open thread"),
        (
            "A Loja dos Materiais - Como Educar Seus Filhos",
            (),
            "comoeducarseusfilhos.com.br",
            (),
            "A Loja dos Materiais",
        ),
        (
            "Lexus goes topless - Auto News",
            (),
            "www.autoindustriya.com",
            ("Lexus goes topless",),
            "Lexus goes topless",
        ),
        # A first part glued before the headline: a section the <h1> does not show, the declared name.
        (
            "Opinion | Voters Follow the Leader",
            (),
            "www.example-times.com",
            ("Voters Follow the Leader",),
            "Voters Follow the Leader",
        ),
        ("Example Daily - Rates rise again", ("Example Daily",), "news.example", (), "Rates rise again"),
        # A kicker the <h1> shows in a label of its own, before the headline; not a longer first part.
        (
            "Harbour ferry fares | Rise",
            (),
            "news.example",
            ("Harbour ferry fares Rise",),
            "Harbour ferry fares | Rise",
        ),
        (
            "Portsmouth | Ferry fares rise",
            (),
            "news.example",
            ("Portsmouth Ferry fares rise",),
            "Ferry fares rise",
        ),
        (
            "Example Daily - Rates rise again | Example Daily",
            ("Example Daily",),
            "news.example",
            (),
            "Rates rise again",
        ),
        # A first part longer than the <h1> after it: the headline, before the blog's masthead, which goes.
        (
            "Hiking the Flat Irons with kids - Anna's Notes",
            (),
            "trails.example",
            ("Anna's Notes",),
            "Hiking the Flat Irons with kids",
        ),
        # A last part that is the <h1> but longer than the rest: the headline after a kicker, kept.
        (
            "Elections - Voters follow the leader",
            (),
            "news.example",
            ("Voters follow the leader",),
            "Voters follow the leader",
        ),
        # The site's mobile edition before the headline, under the name it declares.
        (
            "Harbour Times Mobile :: Ferry fares rise",
            ("Harbour Times",),
            "m.harbourtimes.example",
            (),
            "Ferry fares rise",
        ),
        (
            "Harbour Times Mobile :: Ferry fares rise",
            (),
            "m.example.com",
            (),
            "Harbour Times Mobile :: Ferry fares rise",
        ),  # no name declared: kept
        # `--` and the full-width bar as separators without spaces.
        ("Ferry fares rise--Harbour Times", ("Harbour Times",), "news.example", (), "Ferry fares rise"),
        ("Ferry fares rise again--and again", (), "news.example", (), "Ferry fares rise again--and again"),
        # A title cut short of the <h1>, or the <h1> with a date and the site glued on: the <h1>.
        (
            "Hunter falls ill with plague after eating a rabbit, the third case in the",
            (),
            "news.example",
            ("Hunter falls ill with plague after eating a rabbit, the third case in the region",),
            "Hunter falls ill with plague after eating a rabbit, the third case in the region",
        ),
        ("Ferry fares rise...", (), "news.example", ("Ferry fares rise\u2026",), "Ferry fares rise\u2026"),
        (
            "Ferry fares rise from June\uff08May 7, 2024\uff09\uff5cHarbour News",
            (),
            "news.example",
            ("Ferry fares rise from June",),
            "Ferry fares rise from June",
        ),
        # A section trail between the headline and the site, with the site's separator.
        (
            "Ferry fares rise from June | Local | News | Harbour Times",
            ("Harbour Times",),
            "news.example",
            (),
            "Ferry fares rise from June",
        ),
        (
            "Ferry strike \u2013 live | UK news | Harbour Times",
            ("Harbour Times",),
            "news.example",
            (),
            "Ferry strike \u2013 live",
        ),
        (
            "Ferries | Timetable changes | Harbour Times",
            ("Harbour Times",),
            "news.example",
            (),
            "Ferries | Timetable changes",
        ),  # a trail as long as the headline is part of it
        (
            "Design Week | A light installation for the quay | Harbour Times",
            ("Harbour Times",),
            "news.example",
            (),
            "Design Week | A light installation for the quay",
        ),
        # The <h1> after a shorter name glued on without a separator.
        (
            "Harbour Times Ferry fares rise from June",
            (),
            "news.example",
            ("Ferry fares rise from June",),
            "Ferry fares rise from June",
        ),
        # Unhappy paths: a title far shorter than the <h1>, an <h1> followed by more words, or after
        # longer ones, or glued to the end of a word.
        (
            "Ferry operator says fares rise",
            (),
            "news.example",
            ("fares rise",),
            "Ferry operator says fares rise",
        ),
        ("Sunrise", (), "news.example", ("rise",), "Sunrise"),
        ("Top Games", (), "news.example", ("Games",), "Top Games"),  # an <h1> that is a label
        (
            "Ferry fares",
            (),
            "news.example",
            ("Ferry fares rise for the first time in ten years",),
            "Ferry fares",
        ),
        (
            "Ferry fares rise and sailings double from June",
            (),
            "news.example",
            ("Ferry fares rise",),
            "Ferry fares rise and sailings double from June",
        ),
        # Only a declared name goes as a first part: one that looks like the host is the story's subject.
        (
            "Apple - The company that changed phones",
            (),
            "apple.com",
            (),
            "Apple - The company that changed phones",
        ),
        # Not the site's name: the headline keeps it.
        (
            "Star Wars review \u2013 shoots for the moon",
            (),
            "www.vg247.com",
            (),
            "Star Wars review \u2013 shoots for the moon",
        ),
        (
            "Bubonic plague: Third case in China",
            ("Express",),
            "www.express.co.uk",
            (),
            "Bubonic plague: Third case in China",
        ),
        ("Exports rise - TV", (), "tv.example.com", (), "Exports rise - TV"),  # too short a name to judge
        ("No separator here", ("Here",), "here.com", (), "No separator here"),
    ],
)
def test_the_site_name_glued_on_goes(
    title: str, names: tuple[str, ...], host: str, headings: tuple[str, ...], headline: str
) -> None:
    assert without_site_name(title, names, host, headings) == headline


@pytest.mark.parametrize(
    ("byline", "names", "host", "is_site"),
    [
        ("Example Daily", ("Example Daily",), "news.example", True),  # the name it declares
        ("Faro Example", (), "www.faroexample.es", True),  # the host's name
        ("Examplia Articles", (), "examplia.com", True),  # the host's name and a word
        ("Jana Beispiel", ("Example Daily",), "news.example", False),
        ("Ignacio Perez", (), "ign.com", False),  # a short host name inside a person's is chance
        ("", (), "news.example", False),
    ],
)
def test_a_byline_that_names_the_site_is_known(
    byline: str, names: tuple[str, ...], host: str, is_site: bool
) -> None:
    assert is_the_site(byline, names, host) is is_site


@pytest.mark.parametrize(
    ("headings", "titles", "headline"),
    [
        # The <h1> is the masthead: the tab holds none of the <h1>s, and shows the story before the site.
        (["Harbour Times"], ["Ferry fares rise from June - Harbour News"], "Ferry fares rise from June"),
        (["Ferry fares rise"], ["Ferry fares rise - Harbour Times"], "Ferry fares rise"),  # the tab holds it
        (["Harbour Times"], ["Ferry fares rise from June"], "Harbour Times"),  # no site after the story
        ([], ["Ferry fares rise from June | Harbour Times"], "Ferry fares rise from June"),
        ([], [], None),
    ],
)
def test_a_page_that_declares_no_headline_shows_it(
    headings: list[str], titles: list[str], headline: str | None
) -> None:
    assert undeclared_headline(headings, titles) == headline
