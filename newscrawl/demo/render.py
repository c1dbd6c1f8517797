"""HTML for demo pages, in the markup of shared/site/listing.html and article.html.

Text goes through `_text`, which escapes it and writes curly apostrophes and no-break spaces as the
entities News24's CMS emits (`&#8217;`, `&nbsp;`), so the crawler meets entities, not just characters.
"""

from __future__ import annotations

import html
import json
import re

from newscrawl.demo.model import Block, Card, DemoSite, Section, Story, offsite_origin

_ENTITIES = str.maketrans({"\u2019": "&#8217;", "\u00a0": "&nbsp;"})
_OUTLETS = re.compile(r"\b(Reuters|AFP)\b")
_IMAGE = '<img src="https://scripts.24.co.za/img/sites/news24/placeholder-16x9.png" alt="">'
_NAV = (("/news24", "News"), ("/news24/southafrica", "South Africa"), ("/news24/politics", "Politics"),
        ("/news24/world", "World"), ("/news24/opinions", "Opinion"), ("/fin24", "Business"),
        ("/news24/video", "Video"))  # fmt: skip

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{title} | News24</title>
{head}
</head>
<body class="news24 {body_class}">
<div class="cookie-consent" id="cookie-consent" role="dialog" aria-live="polite">
    <p class="cookie-consent__text">We use cookies to improve your experience on our site.
        <a href="/news24/cookie-policy">Read more</a></p>
    <button class="cookie-consent__accept" type="button">Accept</button>
</div>
<header class="header">
    <a class="header__logo" href="/news24" aria-label="News24 home">News24</a>
    <nav class="nav" aria-label="Sections">
        <ul class="nav__list">
{nav}
        </ul>
    </nav>
</header>
<div class="ad-slot ad-slot--leaderboard"><div id="div-gpt-ad-leaderboard"></div></div>
<main class="main-content">
{main}
</main>
<footer class="footer">
    <div class="footer__links">
        <a href="/news24/about-us">About Us</a>
        <a href="/news24/terms-and-conditions">Terms &amp; Conditions</a>
        <a href="/news24/privacy-policy">Privacy Policy</a>
    </div>
    <p class="footer__copyright">&#169; 2022 News24. All rights reserved.</p>
</footer>
</body>
</html>
"""

_CARD = """        <article class="article-item article-item--horizontal{extra}">
            <div class="article-item--container">
                <a href="{href}" class="article-item--url {link_class}" aria-label="{label}">
                    <div class="article-item__image">{image}</div>
                    <div class="article-item__content">{prime}
                        <span class="article-item__section">{section}</span>
                        <div class="article-item__title">
                            <span>
                                {title}
                            </span>
                        </div>
                        <div class="article-item__footer">
                            <p class="article-item__date">{date}</p>
                        </div>
                    </div>
                </a>
            </div>
        </article>"""

_AD_CARD = """        <div class="ad-slot ad-slot--native">
            <p class="ad-slot__label">Advertisement</p>
            <a href="{href}" target="_blank" rel="noopener nofollow sponsored">{title}</a>
        </div>"""

_OPINION = """        <section class="opinion-promo">
            <h2 class="opinion-promo__heading"><a href="/news24/opinions">Opinion</a></h2>
            <ul class="opinion-promo__list">
                <li><a href="/news24/opinions/columnists">Columnists</a></li>
                <li><a href="/news24/opinions/letters">Letters to the editor</a></li>
            </ul>
        </section>"""

_BLOCKS = {
    "ad": '<div class="ad-slot ad-slot--inarticle" data-position="1">\n'
    '<p class="ad-slot__label">Advertisement</p><div id="div-gpt-ad-inarticle-1"></div>\n</div>',
    "newsletter": '<div class="newsletter-signup newsletter-signup--inline">\n'
    '<p class="newsletter-signup__title">Get the biggest news stories delivered to your inbox</p>\n'
    '<a class="newsletter-signup__button" href="/news24/newsletters">Sign up</a>\n</div>',
    "script": "<script>window.dataLayer = window.dataLayer || [];"
    ' window.dataLayer.push({"event": "article_body_view"});</script>',
}


def _text(value: str) -> str:
    return html.escape(value, quote=False).translate(_ENTITIES)


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _page(title: str, head: str, body_class: str, main: str, site: DemoSite, active: str) -> str:
    items = [(href, label, " nav__item--active" if href == active else "") for href, label in _NAV]
    trending_href, trending_title = site.trending
    items.append((trending_href, f"Trending: {trending_title}", " nav__item--trending"))
    nav = "\n".join(
        f'            <li class="nav__item{extra}"><a class="nav__link" href="{_attr(href)}">'
        f"{_text(label)}</a></li>"
        for href, label, extra in items
    )
    return _PAGE.format(title=_text(title), head=head, body_class=body_class, main=main, nav=nav)


def _card(card: Card, base_url: str) -> str:
    if card.kind == "ad":
        return _AD_CARD.format(href=_attr(card.href), title=_text(card.title))
    if card.kind == "opinion":
        return _OPINION
    extra = {"live": " article-item--live", "premium": " article-item--premium",
             "video": " article-item--video", "partner": " article-item--sponsored"}  # fmt: skip
    href = offsite_origin(base_url) + card.href if card.kind == "offsite" else card.href
    prime = '\n                        <div class="article-item__prime-trial">Subscribers</div>'
    return _CARD.format(
        extra=extra.get(card.kind, ""), href=_attr(href), label=_attr(card.title),
        link_class="live" if card.kind == "live" else "", image=_IMAGE,
        prime=prime if card.kind == "premium" else "", section=_text(card.label),
        title=_text(card.title), date=_text(card.date_text or ""),
    )  # fmt: skip


def render_listing(site: DemoSite, section: Section, number: int, base_url: str) -> str:
    """Listing page `number` (1-based) of `section`; the last page has no next links."""
    pages = site.listings[section.path]
    cards = "\n".join(_card(card, base_url) for card in pages[number - 1])
    canonical = base_url + section.path + (f"?pageNumber={number}" if number > 1 else "")
    head = [f'    <link rel="canonical" href="{_attr(canonical)}">']
    more = ""
    if number < len(pages):
        nxt = f"{section.path}?pageNumber={number + 1}"
        head.append(f'    <link rel="next" href="{_attr(base_url + nxt)}">')
        more = (f'<div class="load-more">\n    <a class="load-more__button button" href="{nxt}" '
                f'data-page-number="{number + 1}" rel="next">Load More</a>\n</div>')  # fmt: skip
    heading = f"{section.name} {section.subsection}"
    main = (f'<div class="section-header">\n    <h1 class="section-header__title">{_text(heading)}'
            f'</h1>\n</div>\n<div class="article-list tf-lhs-col">\n{cards}\n</div>\n{more}')  # fmt: skip
    active = section.path.rsplit("/", 1)[0]
    return _page(heading, "\n".join(head), "section-page", main, site, active)


def _date_block(story: Story) -> str:
    dating = story.dating
    if dating.visible is None and dating.ago is None:
        return ""
    parts = ['<i class="article__date-icon" aria-hidden="true">date</i>']
    if dating.visible is not None and dating.full and dating.published is not None:
        stamp = dating.published.isoformat()
        parts.append(f'<time class="article__date-full" datetime="{stamp}">{dating.visible}</time>')
    elif dating.visible is not None:
        parts.append(f'<span class="article__date-full">{dating.visible}</span>')
    if dating.ago is not None:
        parts.append(f'<span class="article__date-ago">{_text(dating.ago)}</span>')
    return '<p class="article__date">\n    ' + "\n    ".join(parts) + "\n</p>"


def _block(block: Block) -> str:
    if block.kind in _BLOCKS:
        return _BLOCKS[block.kind]
    if block.kind == "h3":
        return f"<h3>{_text(block.text)}</h3>"
    if block.kind == "quote":
        return f"<blockquote>\n    <p>{_text(block.text)}</p>\n</blockquote>"
    if block.kind == "promo":
        link = f'<a href="{_attr(block.href)}">{_text(block.text)}</a>'
        return f"<p><strong>{block.label} |</strong> {link}</p>"
    return "<p>" + _OUTLETS.sub(r"<em>\1</em>", _text(block.text)) + "</p>"


def _jsonld(story: Story) -> str:
    data: dict[str, object] = {"@context": "https://schema.org", "@type": "NewsArticle",
                               "headline": story.title, "inLanguage": "en"}  # fmt: skip
    dating = story.dating
    if dating.full and dating.published is not None:
        data["datePublished"] = dating.published.isoformat()
    if dating.full and dating.modified is not None:
        data["dateModified"] = dating.modified.isoformat()
    if story.section_meta:
        data["articleSection"] = story.section.name
    if story.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in story.authors]
    text = json.dumps(data, ensure_ascii=False, indent=4).replace("</", "<\\/")
    return f'    <script type="application/ld+json">\n{text}\n    </script>'


def _article_head(story: Story) -> str:
    path, dating = _attr(story.path), story.dating
    head = [f'<link rel="canonical" href="{path}">', f'<meta property="og:url" content="{path}">',
            f'<meta property="og:title" content="{_attr(story.title)}">']  # fmt: skip
    if dating.published is not None:
        stamp = dating.published.strftime("%Y/%m/%d %H:%M:%S")
        head.append(f'<meta name="publisheddate" content="{stamp}">')
    if dating.full and dating.published is not None:
        stamp = dating.published.isoformat()
        head.append(f'<meta property="article:published_time" content="{stamp}">')
    if dating.full and dating.modified is not None:
        stamp = dating.modified.isoformat()
        head.append(f'<meta property="article:modified_time" content="{stamp}">')
    if story.section_meta:
        head.append(f'<meta property="article:section" content="{_attr(story.section.name)}">')
    head += [f'<meta property="article:tag" content="{_attr(tag)}">' for tag in story.tags]
    lines = [f"    {line}" for line in head]
    if dating.full or story.authors:
        lines.append(_jsonld(story))
    return "\n".join(lines)


def _links(items: tuple[tuple[str, str], ...], css: str) -> str:
    return "\n".join(
        f'    <li class="{css}"><a href="{_attr(href)}">{_text(title)}</a></li>' for href, title in items
    )


def _sidebar(site: DemoSite, story: Story) -> str:
    related = _links(story.sidebar, "related-articles__item")
    most_read = _links(site.most_read, "most-read-widget__item")
    return (
        '<aside class="article-sidebar">\n<div class="ad-slot ad-slot--sidebar"></div>\n'
        '<div class="related-articles">\n<h2 class="related-articles__heading">Related Links</h2>\n'
        f'<ul class="related-articles__list">\n{related}\n</ul>\n</div>\n'
        '<div class="most-read-widget">\n<h2 class="most-read-widget__heading">Most Read</h2>\n'
        f"<ol>\n{most_read}\n</ol>\n</div>\n</aside>"
    )


def _breadcrumb(section: Section) -> str:
    crumbs = (("/news24", "News24"), (section.path.rsplit("/", 1)[0], section.name),
              (section.path, section.subsection))  # fmt: skip
    links = [f'    <a class="breadcrumb__link" href="{href}">{_text(text)}</a>' for href, text in crumbs]
    divider = '\n    <span class="breadcrumb__divider">&#8250;</span>\n'
    return '<div class="breadcrumb">\n' + divider.join(links) + "\n</div>"


def render_article(site: DemoSite, story: Story) -> str:
    """One article page; links are relative, so the page reads the same on any host name."""
    summary = "".join(f"\n<li>{_text(bullet)}</li>" for bullet in story.summary)
    body = [f"<ul>{summary}\n</ul>"] if story.summary else []
    body += [_block(block) for block in story.blocks]
    tags = "\n".join(
        f'    <a class="article__tag" href="/news24/tags/topics/{_attr(tag.replace(" ", "_"))}">'
        f"{_text(tag)}</a>"
        for tag in story.tags
    )
    main = (
        f'{_breadcrumb(story.section)}\n<div class="article-container">\n<article class="article">\n'
        f'<div class="article__header">\n{_date_block(story)}\n'
        f'<h1 class="article__title">{_text(story.title)}</h1>\n</div>\n'
        '<div class="article__body NewsArticle">\n' + "\n".join(body) + "\n</div>\n"
        f'<div class="article__tags">\n    <span class="article__tags-label">Tags</span>\n{tags}\n'
        f"</div>\n</article>\n{_sidebar(site, story)}\n</div>"
    )
    active = story.section.path.rsplit("/", 1)[0]
    return _page(story.title, _article_head(story), "article-page", main, site, active)


def render_not_found() -> str:
    """The 404 page body: small, and in the site's chrome-free error layout."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Page not found'
        " | News24</title></head>\n<body><h1>Page not found</h1>\n"
        '<p>The page you requested does not exist. <a href="/news24">Go to the home page</a></p>'
        "\n</body>\n</html>\n"
    )
