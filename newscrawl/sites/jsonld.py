"""Reading schema.org JSON-LD blocks without trusting them to be well formed.

Publishers ship JSON-LD with trailing garbage, single objects, lists and `@graph` wrappers alike; a
broken block must cost us that block only, never the page.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNewsArticle", "LiveBlogPosting"})


def json_ld_objects(blocks: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Every top-level object in the blocks, `@graph` members flattened; unparsable blocks skipped."""
    for block in blocks:
        try:
            data = json.loads(block)
        except ValueError:
            continue
        for obj in data if isinstance(data, list) else [data]:
            if isinstance(obj, dict):
                graph = obj.get("@graph")
                yield from ((g for g in graph if isinstance(g, dict)) if isinstance(graph, list) else [obj])


def is_article(obj: dict[str, Any]) -> bool:
    kinds = obj.get("@type")
    names = kinds if isinstance(kinds, list) else [kinds]
    return any(name in ARTICLE_TYPES for name in names)


def first_article(blocks: Iterable[str]) -> dict[str, Any]:
    """The first article-typed object, or an empty dict when the page has none."""
    return next((obj for obj in json_ld_objects(blocks) if is_article(obj)), {})


def string_value(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return value if isinstance(value, str) and value.strip() else None


def declared_authors(blocks: Iterable[str]) -> tuple[str, ...]:
    """The people the JSON-LD names as the story's authors: the `author` of its first article that has
    one, else of its `WebPage` (where Yoast SEO's graph put it before its version 14), references to
    other objects of the page resolved."""
    objects = list(json_ld_objects(blocks))
    known = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str)}
    holders = [obj for obj in objects if is_article(obj)] + [obj for obj in objects if is_web_page(obj)]
    return person_names(next((obj["author"] for obj in holders if obj.get("author")), None), known)


def is_web_page(obj: dict[str, Any]) -> bool:
    kinds = obj.get("@type")
    return "WebPage" in (kinds if isinstance(kinds, list) else [kinds])


def person_names(value: object, known: Mapping[str, dict[str, Any]] | None = None) -> tuple[str, ...]:
    """Names from an `author` value: a string, a Person object, or a list of either; an author typed as
    an organization (a publisher, an agency) names no person. An object that is only a reference
    (`{"@id": ".../#/schema/person/ae0e..."}`, as Yoast SEO writes every WordPress author) is the `known`
    object of that `@id`: its `@graph` lists the Person beside the article."""
    items = [resolved(item, known or {}) for item in (value if isinstance(value, list) else [value])]
    people = (item for item in items if not (isinstance(item, dict) and is_organization(item)))
    names = (item.get("name") if isinstance(item, dict) else item for item in people)
    return tuple(name for name in names if isinstance(name, str) and name.strip())


def resolved(item: object, known: Mapping[str, dict[str, Any]]) -> object:
    """`item`, or the object its bare `@id` reference names when the page declares one."""
    if isinstance(item, dict) and "name" not in item and isinstance(ref := item.get("@id"), str):
        return known.get(ref, item)
    return item


def is_organization(obj: dict[str, Any]) -> bool:
    """Whether a JSON-LD object is typed as an organization (`Organization`, `NewsMediaOrganization`...)."""
    types = obj.get("@type")
    return any(
        "Organization" in kind
        for kind in (types if isinstance(types, list) else [types])
        if isinstance(kind, str)
    )
