"""`authors` names people: bylines are split into their parts and stripped of "By", roles, publishers,
agencies, desks and addresses (newscrawl/normalize/bylines.py); JSON-LD authors typed as organizations
name nobody (sites/jsonld.py)."""

from __future__ import annotations

import pytest

from newscrawl.normalize.bylines import people_in
from newscrawl.sites.jsonld import person_names


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
        (
            ["經濟日報記者 王小明"],
            ["經濟日報記者 王小明"],
        ),  # scripts without capitals are not judged by words
        (["Reuters"], []),
        (["The Associated Press"], []),
        (["Staff Reports"], []),
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
