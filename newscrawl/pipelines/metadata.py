"""The one-line fields as plain text: each `Article` field declared with `text=` (title, section, tags,
authors) from the raw field of the same name, the authors reduced to people (normalize/bylines.py), and
the language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newscrawl.items import TEXT_FIELDS
from newscrawl.normalize.bylines import people_in
from newscrawl.normalize.text import fragment_to_text, fragments_to_texts

if TYPE_CHECKING:
    from collections.abc import Callable

    from newscrawl.items import Article, TextKind


def line(fragment: str | None) -> str:
    return fragment_to_text(fragment or "")


def line_or_null(fragment: str | None) -> str | None:
    return fragment_to_text(fragment or "") or None


def distinct_lines(fragments: tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys(fragments_to_texts(fragments)))


FROM_RAW: dict[TextKind, Callable[[Any], Any]] = {
    "line": line,
    "line_or_null": line_or_null,
    "distinct_lines": distinct_lines,
}


def primary_language(tag: str | None) -> str | None:
    """`en-ZA` and `EN` both mean `en` to a downstream filter; region variants are not tracked."""
    subtag = (tag or "").strip().split("-")[0].split("_")[0].lower()
    return subtag or None


class MetadataPipeline:
    def process_item(self, item: Article) -> Article:
        raw = item.raw
        for name, kind in TEXT_FIELDS:
            setattr(item, name, FROM_RAW[kind](getattr(raw, name)))
        item.authors = people_in(item.authors)
        item.language = primary_language(raw.language)
        return item
