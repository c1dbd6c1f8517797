"""What pages declare about their story, made into the contract's fields: `authors` names people (bylines
split into their parts and stripped of "By", roles, publishers, agencies, desks and addresses,
newscrawl/normalize/bylines.py; JSON-LD authors typed as organizations name nobody), `tags` the declared
topics without the CMS's own switches, and `language` from `og:locale` or `Content-Language` when the
page has no `lang` (sites/jsonld.py, sites/article.py)."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from newscrawl.normalize.bylines import people_in
from newscrawl.page import page_of
from newscrawl.sites.jsonld import person_names
from newscrawl.sites.registry import site_named
from newscrawl.sites.taxonomy import tags_of


@pytest.mark.parametrize(
    ("bylines", "people"),
    [
        (["By STEVE PEOPLES, AP National Political Writer"], ["Steve Peoples"]),
        (["By MEG KINNARD and ERRIN HAINES, Associated Press"], ["Meg Kinnard", "Errin Haines"]),
        (["Spencer S. Hsu, The Washington Post"], ["Spencer S. Hsu"]),
        (["Nathan Bernier | KUT"], ["Nathan Bernier"]),
        (["Rosalía Nieves | El Sol de San Juan del Río"], ["Rosalía Nieves"]),
        (["Von Britta Schultejans, dpa"], ["Britta Schultejans"]),
        (["Analysis by Chris Cillizza, CNN Editor-at-large"], ["Chris Cillizza"]),
        (["By Amitai Winehouse For Mailonline"], ["Amitai Winehouse"]),
        (["Finian Cunningham. Sputnik International"], ["Finian Cunningham"]),
        (
            ["Christal Hayes, Michael Collins, Nicholas Wu | USA TODAY"],
            ["Christal Hayes", "Michael Collins", "Nicholas Wu"],
        ),
        (["www.example.info | Sadiq Məmmədov"], ["Sadiq Məmmədov"]),
        (["José Volta e Pinto"], ["José Volta e Pinto"]),  # "e" joins a Portuguese name, not two people
        (["Gary B. Graves"], ["Gary B. Graves"]),  # an initial's full stop is no separator
        (["Jana Beispiel", "Jana Beispiel"], ["Jana Beispiel"]),
        (["Jana Beispiel", "Jana BEISPIEL"], ["Jana Beispiel"]),  # the same name in another case
        (["Jana Beispiel", "Jana Beispiel-Roe"], ["Jana Beispiel", "Jana Beispiel-Roe"]),
        (["經濟日報記者 王小明"], ["王小明"]),  # the paper and the role before the name go
        (["한국일보=김민수 기자"], ["김민수"]),  # the paper before "=", the role after the name
        (["(서울=한국일보) 김민수 기자"], ["김민수"]),  # the dateline and paper in brackets
        (["王小明記者", "本报记者 李华"], ["王小明", "李华"]),
        (["王小明"], ["王小明"]),  # a Chinese name is one word
        (["記者"], []),  # a role alone names nobody
        (["한국뉴스"], []),  # a news desk written without spaces
        (["ITmedia編集部"], []),
        (["Do Jornal, em Lisboa | 21/05/2020"], []),  # "from" the paper, "in" a place
        (["Em Lisboa (LX)"], []),
        (["In Washington", "From Example Wire"], []),
        (["Dora Beispiel"], ["Dora Beispiel"]),  # a name that starts like "Do" or "In" is a name
        (["Inês Example"], ["Inês Example"]),
        (["ΣΥΝΤΑΚΤΙΚΗ ΟΜΑΔΑ"], []),  # Greek "editorial team", in capitals without accents
        (["Μαρία Παπαδοπούλου"], ["Μαρία Παπαδοπούλου"]),
        (["Լուրեր Երևանից"], []),  # Armenian "news from Yerevan"
        (["लखनऊ ब्यूरो"], []),  # Hindi "Lucknow bureau"
        (["राहुल शर्मा"], ["राहुल शर्मा"]),
        (["लखनऊ"], []),  # one word in Devanagari: a place
        (["Haber Merkezi"], []),  # Turkish "news centre"
        (["Example Media Group"], []),
        (["أحمد سالم - دبي"], ["أحمد سالم"]),  # an Arabic byline and its dateline
        (["(دبي - الخليج)"], []),  # a place and a paper, in brackets
        (["الخليج نيوز"], []),
        (["Jana Beispiel (Reuters)"], ["Jana Beispiel"]),  # an agency in brackets
        (["Jana Roe and Anna BeispielDaily Herald"], ["Jana Roe", "Anna Beispiel"]),  # a glued paper
        (["Ronald McDonald"], ["Ronald McDonald"]),  # a capital inside a name
        (["Jana Roe | Reporter | Jana Roe's Most Recent Stories"], ["Jana Roe"]),  # a link's label
        (["Artikel von: | Von Jana Beispiel"], ["Jana Beispiel"]),
        (["Jana O'Shea"], ["Jana O'Shea"]),
        (["PTI, New Delhi", "Jana Roe, Hong Kong"], ["Jana Roe"]),  # a dateline's two-word city
        (["Staff", "Jana Roe"], ["Jana Roe"]),  # "Staff" first, then the reporter
        (["STAFF REPORT By JANA ROE"], ["Jana Roe"]),
        (["Agencias", "Estadão Conteúdo"], []),
        (["共同通信", "本报讯 记者 李华"], ["李华"]),
        (["فريق التحرير", "وكالة الأنباء"], []),
        (["Reuters"], []),
        (["The Associated Press"], []),
        (["Staff Reports"], []),
        (["Example Sport"], []),  # a sports desk
        (["Polizei Musterstadt", "Assessoria de Imprensa"], []),  # public offices' press releases
        (["Text: Jana Beispiel"], ["Jana Beispiel"]),  # a label goes
        (["By Jana Beispiel @jbeispiel / 2 days"], ["Jana Beispiel"]),  # a Twitter handle goes
        (["jana.beispiel@example.com"], []),  # an e-mail address is no handle
        (["Ed de Example", "Anna van Beispiel"], ["Ed de Example", "Anna van Beispiel"]),  # particles
        (["Posted by"], []),  # a phrase: a lowercase word that is no particle
        (["Follow the author"], []),
        (["Photo: Jana Beispiel"], []),  # a photographer's credit
        (["The Syrian Defence Ministry"], []),
        (["Jornal Do Exemplo"], []),  # a newspaper, in Portuguese
        (["Online News Editor"], []),
        (["admin"], []),
        (["Казинформ"], []),  # one word in a script with capitals: an agency
        (["TIMESOFINDIA.COM"], []),
        (["219.79.38.192"], []),
        (["https://www.example.com.au/video/id-5348771529001"], []),
        ([], []),
    ],
)
def test_bylines_become_people(bylines: list[str], people: list[str]) -> None:
    assert people_in(bylines) == people


def test_a_json_ld_author_typed_as_an_organization_names_nobody() -> None:
    authors = [
        {"@type": "Person", "name": "Tess Bonn"},
        {"@type": "NewsMediaOrganization", "name": "Example Daily"},
        {"@type": ["Organization"], "name": "Example Group"},
        "Sage Anderson",
    ]
    assert person_names(authors) == ("Tess Bonn", "Sage Anderson")


@pytest.mark.parametrize(
    ("declared", "keywords", "tags"),
    [
        (["Elections, Governors", "Politics"], None, ("Elections, Governors", "Politics")),  # one tag a meta
        (["doobie-brothers,rock-hall-2020"], None, ("doobie-brothers", "rock-hall-2020")),  # one meta, a list
        ([], "plague, china , ", ("plague", "china")),
        (
            [],
            ["Hong Kong", "China", "@post-id:1913719", "_no-apple-news", "channel_other", "/article"],
            ("Hong Kong", "China"),
        ),
        ([], {"not": "a keyword"}, ()),
    ],
)
def test_tags_are_the_declared_topics(declared: list[str], keywords: object, tags: tuple[str, ...]) -> None:
    assert tags_of(declared, keywords) == tags


NEWS_ARTICLE_IN_SPANISH = (
    '<script type="application/ld+json">{"@type": "NewsArticle", "inLanguage": "es"}</script>'
)


@pytest.mark.parametrize(
    ("head", "language"),
    [
        ('<meta property="og:locale" content="pt_BR">', "pt_BR"),
        ('<meta http-equiv="Content-Language" content="de">', "de"),
        (f'<meta property="og:locale" content="pt_BR">{NEWS_ARTICLE_IN_SPANISH}', "es"),
        ('<script type="application/ld+json">{"@type": "WebPage", "inLanguage": "pt-BR"}</script>', "pt-BR"),
        ('<meta name="language" content="uk">', "uk"),
        ('<meta property="og:language" content="en">', "en"),
        ('<meta name="language" content="Dutch">', None),  # a language's name, not its tag
        ("", None),
    ],
)
def test_a_page_without_lang_declares_its_language_elsewhere(head: str, language: str | None) -> None:
    assert language_of(f"<html><head>{head}</head>") == language


def test_an_xhtml_page_declares_its_language_as_xml_lang() -> None:
    assert (
        language_of('<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="es" dir="ltr"><head></head>')
        == "es"
    )


def language_of(start: str) -> str | None:
    body = f"{start}<body><h1>Title</h1><p>Text.</p></body></html>".encode()
    page = page_of(HtmlResponse("https://news.example/2020/01/02/story", body=body))
    assert page is not None
    return site_named("generic").article(page).language
