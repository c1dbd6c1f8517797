"""The JSON Schema of one output line, built from the `Article` fields that declare it.

`newscrawl/schema/article.schema.json` is this module's output (`python -m newscrawl.contract`), shipped
for readers who check lines without newscrawl; a test fails when the shipped file is not what this builds.
Two values are derived rather than written: the sources `published_at_source` may name (the publication
ranking of `newscrawl.normalize.timestamps`) and the fields `content_hash` covers.
"""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from newscrawl.items import CONTENT_FIELDS, Article
from newscrawl.normalize.timestamps import RANKINGS

SCHEMA_ID = "https://github.com/newscrawl/newscrawl/blob/main/newscrawl/schema/article.schema.json"
DESCRIPTION = (
    "One article as exported by `scrapy crawl news`. Keys appear in this order. Fields are never omitted: "
    "unknown values are null or empty lists. additionalProperties is false because this version of "
    "newscrawl writes no other key (it checks every line against this schema); consumers should still "
    "ignore keys they do not know: minor versions may add keys, so check lines with the schema shipped "
    "by the version that wrote them. `schema_version` changes when a key changes meaning or is removed."
)


def field_schemas() -> dict[str, dict[str, Any]]:
    """Each exported field's schema, in the line's key order, with the derived values filled in."""
    sources = [source for source, _ in RANKINGS["published"]]
    schemas: dict[str, dict[str, Any]] = {}
    for field in fields(Article):
        if "schema" not in field.metadata:
            continue
        schema = dict(field.metadata["schema"])
        schema["description"] = schema["description"].format(
            sources=", ".join(sources), content=", ".join(CONTENT_FIELDS)
        )
        if field.name == "published_at_source":
            schema["enum"] = [*sources, None]
        schemas[field.name] = schema
    return schemas


def article_schema() -> dict[str, Any]:
    properties = field_schemas()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "newscrawl Article (one JSON Lines record)",
        "description": DESCRIPTION,
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }


def schema_text() -> str:
    """The shipped file's text."""
    return json.dumps(article_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
