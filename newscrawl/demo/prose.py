"""Seeded, plausible news copy for the demo site: headlines, paragraphs, bullets, tags and bylines.

Some sentence templates carry the characters real CMS copy is full of (a no-break space before
"million", a thin space as thousands separator, a curly apostrophe, a zero-width space after a pasted
name, an ampersand, a decomposed "São"), so every demo crawl exercises text normalization.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import random


@dataclass(frozen=True)
class Bank:
    """The words one kind of section writes its stories with."""

    actors: tuple[str, ...]
    objects: tuple[str, ...]
    places: tuple[str, ...]
    officials: tuple[str, ...]
    tags: tuple[str, ...]


BANKS = {
    "world": Bank(
        ("NATO", "The European Union", "The UN Security Council", "Germany's chancellor",
         "France's foreign minister", "Canada's police chief", "Japan's government", "Kenyan authorities",
         "The World Health Organization", "Brazil's rescue service", "The African Union",
         "Australia's prime minister", "India's election commission", "China's foreign ministry"),
        ("new sanctions", "a ceasefire plan", "border talks", "emergency aid", "a vaccine drive",
         "fresh elections", "a trade deal", "climate targets", "a troop withdrawal",
         "a debt relief package", "tighter export rules", "a new inquiry"),
        ("Brussels", "Geneva", "Nairobi", "Ottawa", "Tokyo", "Sa\u0303o Paulo", "Kyiv", "Canberra",
         "Addis Ababa", "New Delhi", "Berlin", "Paris"),
        ("a NATO spokesperson", "an EU diplomat", "a foreign ministry spokesperson",
         "a senior UN official", "a government adviser"),
        ("nato", "russia", "ukraine", "eu", "united nations", "climate", "covid-19", "elections"),
    ),
    "sa": Bank(
        ("Eskom", "The City of Cape Town", "Gauteng's health department", "The SAPS", "Rand Water",
         "Johannesburg Water", "The Western Cape government", "Transnet", "Prasa", "SANParks",
         "The eThekwini municipality", "The Department of Basic Education"),
        ("rolling blackouts", "a water shutdown", "new bus routes", "a school feeding scheme",
         "a crime-fighting plan", "tariff increases", "a fleet of new trains", "pothole repairs",
         "a vaccination campaign", "a land claim", "clinic upgrades", "a housing project"),
        ("Soweto", "Khayelitsha", "Durban", "Gqeberha", "Polokwane", "Bloemfontein", "Mahikeng",
         "Mbombela", "Pietermaritzburg", "Stellenbosch", "Kimberley"),
        ("a municipal spokesperson", "the provincial MEC", "a police spokesperson",
         "a ward councillor", "the utility's chief executive"),
        ("eskom", "load shedding", "crime", "water", "cape town", "johannesburg", "education"),
    ),
    "politics": Bank(
        ("The ANC", "The DA", "The EFF", "Parliament's finance committee", "The IFP", "ActionSA",
         "The Speaker of the National Assembly", "The National Treasury", "The Public Protector",
         "The IEC", "The Presidency", "The Auditor-General"),
        ("a motion of no confidence", "the budget vote", "a new electoral bill",
         "the state capture report", "cabinet appointments", "a debate on unemployment",
         "public sector wages", "a probe into tender fraud", "the SONA reply",
         "a new coalition deal"),
        ("Cape Town", "Pretoria", "Johannesburg", "Bhisho", "Mangaung", "Nelson Mandela Bay",
         "Tshwane", "Ekurhuleni"),
        ("the party's chief whip", "a parliamentary spokesperson", "an opposition MP",
         "the committee chairperson", "a Treasury official"),
        ("anc", "da", "eff", "parliament", "cyril ramaphosa", "budget", "state capture"),
    ),
}  # fmt: skip

VERBS = ("warns of", "agrees on", "pushes back against", "announces", "calls for", "rejects",
         "weighs", "delays", "backs", "defends", "questions", "unveils")  # fmt: skip
TITLES = ("{Actor} {verb} {object}", "{Actor} {verb} {object} in {place}",
          "{place}: {Actor} {verb} {object}", "{Actor} {verb} {object} amid mounting pressure")  # fmt: skip
LEADS = (
    "{Actor} on {weekday} set out its position on {object}, a move expected to affect thousands "
    "of people in {place}.",
    "{Actor} has come under fire over {object}, with residents and analysts in {place} "
    "questioning the timing.",
    "Plans for {object} took centre stage in {place} on {weekday} as {actor} faced questions "
    "from the public.",
)
QUIRKS = (
    "According to officials, the plan could cost as much as R{n}\u00a0million over the next {m} years.",
    "About {k}\u2009000 people are expected to be affected, according to figures seen by News24.",
    "The minister\u2019s office did not respond to questions sent by News24\u200b on {weekday}.",
    "In a statement, {actor} said it remained committed to transparency & accountability.",
)
SENTENCES = (
    *QUIRKS,
    '"We are doing everything we can to keep people informed," {official} told Reuters.',
    "The announcement follows days of pressure from residents, business groups and civil society in {place}.",
    "Critics warned that {object} could deepen existing problems if it was rushed.",
    "{Official} added that a further update would be given by the end of the week.",
    "It is the {ordinal} time this year that {actor} has faced questions over the issue.",
    "Residents in {place} said they had heard little from officials since the weekend.",
    "The matter is expected to return to the agenda when officials meet again on {weekday}.",
    "Analysts told AFP that the outcome would be closely watched across the region.",
    '{Official} said the timeline remained "ambitious but realistic".',
    "Earlier this month, {actor} said that talks on {object} had reached a critical stage.",
)
BULLETS = ("{Actor} says work on {object} remains a priority.", "The plan could cost up to R{n} million.",
           "Residents in {place} say they were not consulted.",
           "{Official} says an update is expected this week.",
           "Critics warn the process is being rushed.")  # fmt: skip
HEADINGS = ("What happens next", "Background", "Reaction", "Cost concerns", "Timeline",
            "Community response", "Next steps")  # fmt: skip
QUOTES = ("This is not the end of the matter, and we will keep asking questions.",
          "People deserve clear answers, not more promises.",
          "We have done the work and the numbers speak for themselves.",
          "Nobody should have to wait this long for basic services.")  # fmt: skip
AUTHORS = ("Lerato Dlamini", "Johan van Wyk", "Ayanda Nkosi", "Sarah Pillay", "Michael Bosch",
           "Naledi Khumalo", "Tariq Adams", "Zanele Mthembu")  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
ORDINALS = ("second", "third", "fourth", "fifth")


def slugify(title: str) -> str:
    """News24-style slug: ASCII, lowercase, apostrophes dropped, other punctuation to hyphens."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower().replace("'", "")).strip("-")


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_article(text: str) -> str:
    return "the " + text[4:] if text.startswith("The ") else text


@dataclass(frozen=True)
class Draft:
    """One story's copy, as typed: `render` escapes it, `model.clean` normalizes it."""

    title: str
    slug: str
    summary: tuple[str, ...]
    paragraphs: tuple[str, ...]
    heading: str
    quote: str
    tags: tuple[str, ...]
    authors: tuple[str, ...]


class Writer:
    """Writes drafts from one seeded generator; no two drafts share a slug."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.slugs: set[str] = set()

    def reserve(self, title: str) -> str:
        """Claim the slug of a fixed headline so no generated headline takes it."""
        slug = slugify(title)
        self.slugs.add(slug)
        return slug

    def draft(self, topic: str, title: str | None = None, prefix: str = "") -> Draft:
        """A new story about `topic`; `title` fixes the headline, `prefix` marks LIVE and the like."""
        bank = BANKS[topic]
        facts = self._facts(bank)
        headline = title or prefix + self.rng.choice(TITLES).format(**facts)
        while title is None and slugify(headline) in self.slugs:
            facts = self._facts(bank)
            headline = prefix + self.rng.choice(TITLES).format(**facts)
        bullets = self.rng.sample(BULLETS, k=self.rng.choice((0, 2, 3, 4)))
        pad = ("", " ", "\u00a0")
        return Draft(
            title=headline, slug=self.reserve(headline),
            summary=tuple(b.format(**facts) + self.rng.choice(pad) for b in bullets),
            paragraphs=self._paragraphs(facts), heading=self.rng.choice(HEADINGS),
            quote=self.rng.choice(QUOTES),
            tags=tuple(self.rng.sample(bank.tags, k=self.rng.randint(0, 4))),
            authors=tuple(self.rng.sample(AUTHORS, k=self.rng.choice((0, 0, 1, 2)))),
        )  # fmt: skip

    def _facts(self, bank: Bank) -> dict[str, str]:
        actor, official = self.rng.choice(bank.actors), self.rng.choice(bank.officials)
        return {
            "Actor": actor, "actor": _lower_article(actor), "verb": self.rng.choice(VERBS),
            "object": self.rng.choice(bank.objects), "place": self.rng.choice(bank.places),
            "official": official, "Official": _upper_first(official),
            "weekday": self.rng.choice(WEEKDAYS), "ordinal": self.rng.choice(ORDINALS),
            "n": str(self.rng.randint(2, 90)), "m": str(self.rng.randint(2, 6)),
            "k": str(self.rng.randint(3, 250)),
        }  # fmt: skip

    def _paragraphs(self, facts: dict[str, str]) -> tuple[str, ...]:
        """4 to 9 paragraphs: a lead, then one or two sentences each, at least one quirky."""
        count = self.rng.randint(4, 9)
        sentences = self.rng.sample(SENTENCES, k=count - 1 + self.rng.randint(0, 3))
        if not set(sentences) & set(QUIRKS):
            sentences[-1] = self.rng.choice(QUIRKS)
        groups: list[list[str]] = [[s] for s in sentences[: count - 1]]
        for extra in sentences[count - 1 :]:
            self.rng.choice(groups).append(extra)
        lead = self.rng.choice(LEADS)
        texts = [lead, *(" ".join(group) for group in groups)]
        return tuple(text.format(**facts) for text in texts)


PARTNER_TITLES = (
    "How to protect your savings when markets get jittery",
    "Five ways to cut your electricity bill this winter",
    "Why more South Africans are choosing online degrees",
    "What to check before you sign a car finance deal",
)
