"""Reading schema.org JSON-LD blocks without trusting them to be well formed.

Publishers ship JSON-LD with trailing garbage, single objects, lists and `@graph` wrappers alike; a
broken block must cost us that block only, never the page. A raw line break inside a string (a CMS
pasting a multi-line description) breaks no browser or search engine's reading, so it does not break ours.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNewsArticle", "LiveBlogPosting"})
# The endings of schema.org's types of written works and pages: `BlogPosting`, `OpinionNewsArticle`,
# `MedicalWebPage`; their `author` is the story's when no article-typed object names one.
AUTHORED_ENDINGS = ("Article", "Posting", "WebPage")


def json_ld_objects(blocks: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Every top-level object in the blocks, `@graph` members flattened; unparsable blocks skipped."""
    for block in blocks:
        try:
            data = json.loads(block, strict=False)
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
    one, else of another written work or page (a `BlogPosting`, a `MedicalWebPage`, the `WebPage` where
    Yoast SEO's graph put it before its version 14), references to other objects of the page resolved,
    wherever in the page's JSON-LD the object they name is declared."""
    objects = list(json_ld_objects(blocks))
    named = (obj for obj in nested_objects(objects) if "name" in obj and isinstance(obj.get("@id"), str))
    known = {obj["@id"]: obj for obj in named}
    holders = [obj for obj in objects if is_article(obj)] + [obj for obj in objects if is_authored(obj)]
    return person_names(next((obj["author"] for obj in holders if obj.get("author")), None), known)


def is_authored(obj: dict[str, Any]) -> bool:
    kinds = obj.get("@type")
    names = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(name, str) and name.endswith(AUTHORED_ENDINGS) for name in names)


def nested_objects(value: object) -> Iterator[dict[str, Any]]:
    """Every object in `value` and inside it: a Person may be declared in full inside another node (an
    article's `author`, a `WebPage`'s `creator`) and referenced by its `@id` elsewhere."""
    if isinstance(value, dict):
        yield value
        for inner in value.values():
            yield from nested_objects(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from nested_objects(inner)


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
