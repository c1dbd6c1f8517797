"""People from bylines: `authors` names people, not the publisher, a wire agency, a desk or a role.

Pages put whatever their CMS holds into `<meta name="author">` and JSON-LD `author`: "By STEVE PEOPLES,
AP National Political Writer", "Spencer S. Hsu, The Washington Post", "Nathan Bernier | KUT",
"Orhan Coskun and Suleiman Al-Khalidi", "Reuters", "Staff Reports", "www.example.info". A byline is split
into its parts (commas, bars, semicolons, "and" in a few languages, "for"), each part loses a leading "By"
("Von", "Par", ...) or label ("Text:"; a part labelled as a photo's credit names nobody), and a part is
kept only when it can be a person's name: no address, no digit, no word of an organization or role, no
leading article ("The", "El"), no lowercase word but a particle ("de", "van"; "Posted by" is a phrase),
and more than one word in a script with letter case (a one-word "Reuters", "dpa" or "admin" is an
agency, a publisher or an account; a name in Chinese or Japanese script is one word). A name written in
capitals is given its capitals back ("Steve Peoples").

The same shapes in other languages: a desk or a group in its own words ("Συντακτική ομάδα",
"वाराणसी ब्यूरो", "Haber Merkezi", "연합뉴스"), words compared without accents as a byline written
in capitals drops them; a part that starts with "from" or "in" ("Do UOL", "Em São Paulo") or like
a two-word city ("New Delhi") names a source or a dateline's place; an aside in brackets
("(Reuters)", "(أبوظبي - البيان)") is a credit or a place; a spaced dash parts a name from its
dateline ("حسام أبو العلا - القاهرة"), and a name in Arabic, Hebrew or Devanagari script is more
than one word, as a city is one. Korean, Japanese and Chinese bylines put the paper before "=" or
before the role and the role after the name ("스포츠조선=선수민 기자", "本报记者 张三"): the name is
kept without them. A meta that glues a name to its paper ("Isabel KeaneJournal News") is cut
where the paper starts.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

# Separators between a byline's parts; a full stop only after a word, not after an initial ("Gary B.").
# Not "e", "y" or "i": Portuguese, Spanish and Catalan names hold them ("José Volta e Pinto"). Never from
# inside a run of spaces: the match from the run's start is the same one, and trying each of its spaces
# again made a meta author of 100 000 spaces take minutes (quadratic).
PARTS = re.compile(
    r"(?!(?<=\s)\s)\s*(?:[,;|/\n]|(?<=\w\w)\.\s|\s[-\u2013\u2014]\s|\s(?:and|und|et|en|og|och|for)\s|&)\s*",
    re.IGNORECASE,
)
ASIDE = re.compile(r"\([^()]*\)")
# "By", and words before it ("Analysis by", "Story by"), or "Von", "Par", ... before the name.
LEADING = re.compile(
    r"^(?:(?:[\w-]+\s+){0,2}by|von|par|por|door|av|af|di|przez|от|автор)(?:\s*:\s*|\s+)", re.IGNORECASE
)
# A one-word label before the name ("Text: Jana Beispiel", "Текст: ...", "Reporter: ..."); a picture's
# label names its photographer, not the story's author.
LABEL = re.compile(r"^([^\W\d_]+)\s*[:\uff1a]\s*")
PICTURE_LABELS = frozenset(
    ("photo", "photos", "foto", "fotos", "фото", "picture", "image", "images", "bild", "video")
)
# A Twitter handle after the name ("Jana Beispiel @jbeispiel"): the name is the byline; an e-mail address
# ("jana@example.com") is no handle and the part is no name.
HANDLE = re.compile(r"(?<!\S)@\w+")
DASHES = " .-\N{EN DASH}\N{EM DASH}:"
ADDRESS = re.compile(r"://|www\.|@|\w\.(?:com|net|org|info|co|[a-z]{2})\b", re.IGNORECASE)
# Words of organizations, desks and roles, in the languages bylines most often carry them; public
# offices' press releases ("Polizei Musterstadt", "Assessoria de Imprensa") name an office, not a person.
NOT_PEOPLE_WORDS = """
    business portal today staff staffs desk team newsroom bureau editor editors editorial writer
    writers reporter reporters correspondent contributor contributors columnist admin administrator
    news press agency service services media reports report online web digital times post journal
    daily herald tribune gazette magazine radio tv network international associated wire wires
    sport sports jornal ministry ministries
    redaction rédaction redacción redação redaktion redazione redactie agencia agência agenzia
    nachrichten noticias notícias notizie nieuws newsdesk
    police polizei policía polícia prensa imprensa presse stampa assessoria prefeitura secretaria
    coordenadoria ministerio ministério gobierno governo
    group groupe gruppe grupo gruppo company corporation article articles artikel equipe équipe equipo
    редакция редакція новости новини агентство корреспондент
    συντακτική ομάδα σύνταξη ειδήσεις լուրեր խմբագրություն
    agencias agências agenzie agences agenturen conteúdo
    haber haberleri merkezi ajans muhabir redaksi berita wartawan
    ब्यूरो डेस्क न्यूज़ न्यूज समाचार संवाददाता एजेंसी डिजिटल ऑनलाइन
    نيوز أخبار الأخبار مراسل وكالات الوكالات وكالة بوابة فريق التحرير
"""
# Desks written without spaces, found inside a part: "연합뉴스" (Yonhap News), "ITmedia編集部".
DESKS = (
    "뉴스",
    "편집",
    "온라인",
    "編集",
    "编辑",
    "ニュース",
    "新闻",
    "新聞",
    "通信",
    "通讯社",
    "日報",
    "日报",
    "本报",
)
# A Korean, Japanese or Chinese reporter's role after the name, or after the paper before the name.
ROLES = ("기자", "특파원", "記者", "记者", "特派員", "特派员", "通讯员")
PAPER = re.compile(r"^[^\s=]+=\s*")  # "스포츠조선=": the paper before a Korean byline
# The first word of a source or a place: "Do UOL" ("from UOL"), "Em São Paulo", "In Washington", and of
# the cities a dateline names in two words ("PTI, New Delhi", "São Paulo", "Hong Kong", "Tel Aviv").
NOT_FIRST_WORDS = "do da dos das from em en in в из new são kuala hong buenos tel"
NOT_FIRST = frozenset(NOT_FIRST_WORDS.split())
# Scripts written with spaces, where a person's name is more than one word and a one-word part a place.
SPACED_UNCASED = re.compile(r"[\u0590-\u06ff\u0900-\u097f]")
POSSESSIVE = ("'s", "\u2019s")
GLUED = re.compile(r"(?<=[a-z])[A-Z][a-z]+")  # a capital inside a word: "KeaneJournal", "McDonald"

# The lowercase words a name holds between its capitalized ones ("Ed de Leon", "José Volta e Pinto",
# "Ludwig van Beethoven", "Mohammed bin Salman"); any other lowercase word makes a phrase, not a name.
PARTICLE_WORDS = "de da do dos das del della delle di du la le van von der den ter ten te y e i bin ibn al el"
PARTICLES = frozenset(PARTICLE_WORDS.split())

# A name that starts with an article is a title: "The Washington Post", "El Sol de San Juan del Río".
ARTICLES = frozenset(("the", "el", "la", "le", "les", "los", "las", "der", "die", "das", "il", "lo"))


def folded(word: str) -> str:
    """`word` in lowercase without accents, as NOT_PEOPLE holds its words ("ΟΜΑΔΑ" is "ομαδα")."""
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))


NOT_PEOPLE = frozenset(map(folded, NOT_PEOPLE_WORDS.split()))


def is_cased(word: str) -> bool:
    """Whether `word` is in a script with capital letters (Latin, Cyrillic, Greek, ...)."""
    return word.lower() != word.upper()


def recapitalized(name: str) -> str:
    """A name written in capitals, in the usual case ("STEVE PEOPLES" -> "Steve Peoples")."""
    return name.title() if name.isupper() and len(name) > 3 else name


def person_or_none(part: str) -> str | None:
    """`part` of a byline as a person's name, or None when it cannot be one."""
    label = LABEL.match(part.strip(DASHES))
    if label and label[1].lower() in PICTURE_LABELS:
        return None
    unlabelled = part.strip(DASHES)[label.end() if label else 0 :]
    name = without_role(unglued(LEADING.sub("", HANDLE.sub("", unlabelled)).strip(DASHES)))
    words = name.split()
    if not words or ADDRESS.search(name) or any(char.isdigit() for char in name):
        return None
    if any(folded(piece) in NOT_PEOPLE for word in words for piece in re.split(r"[-().]", word)):
        return None
    if any(desk in name for desk in DESKS) or words[0].lower() in ARTICLES | NOT_FIRST:
        return None
    if len(words) == 1 and (is_cased(name) or SPACED_UNCASED.search(name)):
        return None
    if any(word.endswith(POSSESSIVE) for word in words):
        return None  # a link's label: "Jana Roe's most recent stories"
    if any(word[:1].islower() and word not in PARTICLES for word in words):
        return None  # a phrase: "Posted by", "publié le", "Follow the author of this article"
    return recapitalized(name)


def without_by(byline: str) -> str:
    """`byline` without its leading "By" ("Posted by Example News" names the site as the site's name does)."""
    return LEADING.sub("", byline.strip())


def unglued(name: str) -> str:
    """`name` up to a paper's name glued to it ("Isabel KeaneJournal News" is "Isabel Keane"); a capital
    inside a name ("McDonald", "DeArdo") starts no paper's word."""
    glued = (match for match in GLUED.finditer(name) if folded(match[0]) in NOT_PEOPLE)
    return name[: match.start()] if (match := next(glued, None)) else name


def without_role(name: str) -> str:
    """`name` without the paper and the reporter's role a Korean, Japanese or Chinese byline carries
    ("스포츠조선=선수민 기자", "經濟日報記者 王小明", "王小明記者"): the words after the last that ends
    in a role, the last word without its role."""
    words = PAPER.sub("", name).split()
    after = max((i + 1 for i, word in enumerate(words[:-1]) if word.endswith(ROLES)), default=0)
    kept = words[after:]
    if kept:
        last = next((kept[-1][: -len(role)] for role in ROLES if kept[-1].endswith(role)), kept[-1])
        kept = [*kept[:-1], last] if last else kept[:-1]
    return " ".join(kept)


def people_in(bylines: list[str]) -> list[str]:
    """The people named by `bylines`, each once whatever its case ("Jana ROE" where a mark repeats
    "Jana Roe"), in their order, as first written."""
    found = (person_or_none(part) for byline in bylines for part in PARTS.split(ASIDE.sub(" ", byline)))
    people: dict[str, str] = {}
    for name in found:
        if name:
            people.setdefault(name.casefold(), name)
    return list(people.values())


def names_more(byline: str, declared: Sequence[str]) -> bool:
    """Whether `byline` names every person the `declared` authors name, and others: a page's JSON-LD or
    meta often lists only the first of the reporters its byline shows ("By Jana Roe, Tomas Example")."""
    shown = {name.casefold() for name in people_in([byline])}
    named = {name.casefold() for name in people_in(list(declared))}
    return bool(named) and named < shown
