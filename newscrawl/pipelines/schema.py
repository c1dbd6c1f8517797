"""Every line written validates against the shipped schema: an article that would not is dropped.

The record is checked whole, as the exporter will write it, so this pipeline runs last (after the
version pipeline fills `version` and the hashes). A failing field is counted under
`newscrawl/dropped/invalid_<field>` (the first one in key order) and logged with the article's URL; these
drops count towards exit code 8 with `missing_title` and `missing_body` (export/exitcodes.py).

The check is compiled once from `newscrawl/schema/article.schema.json` itself rather than by the
`jsonschema` package: the schema uses a handful of keywords (`type`, `pattern`, `minLength`, `minimum`,
`enum`, `const`, `items`, `required`, `additionalProperties`), a keyword outside them fails the build of
the check (so a schema change cannot silently go unchecked), and the compiled check costs about a
quarter of `jsonschema`'s CPU time per article (`bench/schema.py` measures both), without four runtime
dependencies (jsonschema, referencing, rpds-py, jsonschema-specifications); tests/test_schema_check.py
holds the two to the same verdicts. `additionalProperties: false` is the
writer's promise: this version of newscrawl writes no other key, and this check enforces it. Readers
ignore keys they do not know, as the schema's description advises: a newer crawler may add keys within
the same `schema_version`, so a reader checking lines with an older copy of the schema drops that
keyword or uses the schema shipped with the crawler that wrote them.
"""

from __future__ import annotations

import json
import logging
import re
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from newscrawl.items import EXPORTED_FIELDS

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from newscrawl.items import Article

logger = logging.getLogger(__name__)

JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "array": (list, tuple), "integer": (int,), "number": (int, float),
    "boolean": (bool,), "null": (type(None),), "object": (dict,),
}  # fmt: skip
# Keywords that only describe, and those the compiled check enforces.
ANNOTATIONS = frozenset({"description", "title", "$schema", "$id"})
FIELD_KEYWORDS = frozenset({"type", "pattern", "minLength", "minimum", "enum", "const", "items"})
RECORD_KEYWORDS = frozenset({"type", "required", "properties", "additionalProperties"})


def same(value: Any, expected: Any) -> bool:
    """JSON equality: `true` is not `1`, as it is in Python."""
    return bool(value == expected) and isinstance(value, bool) == isinstance(expected, bool)


def is_type(value: Any, name: str) -> bool:
    """JSON types: `true` is a boolean only, not an integer or a number as it is in Python."""
    return isinstance(value, JSON_TYPES[name]) and (name == "boolean" or not isinstance(value, bool))


def field_check(schema: dict[str, Any]) -> Callable[[Any], bool]:
    """A check of one value against a field's schema; raises ValueError on a keyword it cannot enforce."""
    unknown = set(schema) - FIELD_KEYWORDS - ANNOTATIONS
    if unknown:
        raise ValueError(f"the schema check cannot enforce {sorted(unknown)}")
    checks: list[Callable[[Any], bool]] = []
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        checks.append(lambda value: any(is_type(value, name) for name in names))
    if "pattern" in schema:
        pattern = re.compile(schema["pattern"])
        checks.append(lambda value: not isinstance(value, str) or pattern.search(value) is not None)
    if "minLength" in schema:
        checks.append(lambda value: not isinstance(value, str) or len(value) >= schema["minLength"])
    if "minimum" in schema:
        checks.append(lambda value: not is_type(value, "number") or value >= schema["minimum"])
    if "enum" in schema:
        checks.append(lambda value: any(same(value, choice) for choice in schema["enum"]))
    if "const" in schema:
        checks.append(lambda value: same(value, schema["const"]))
    if "items" in schema:
        item = field_check(schema["items"])
        checks.append(lambda value: not is_type(value, "array") or all(map(item, value)))
    return lambda value: all(check(value) for check in checks)


def record_check(schema: dict[str, Any]) -> Callable[[dict[str, Any]], list[str]]:
    """A function returning the keys of a record that break `schema` (an object schema): a missing
    required key, a key the schema does not define, a value its field's schema rejects."""
    unknown = set(schema) - RECORD_KEYWORDS - ANNOTATIONS
    if unknown or schema.get("type") != "object" or schema.get("additionalProperties") is not False:
        raise ValueError(f"the schema check cannot enforce {sorted(unknown) or 'an open object'}")
    fields = {name: field_check(field) for name, field in schema["properties"].items()}
    required = tuple(schema["required"])

    def invalid(record: dict[str, Any]) -> list[str]:
        missing = [name for name in required if name not in record]
        wrong = [name for name, value in record.items() if name not in fields or not fields[name](value)]
        return [*missing, *wrong]

    return invalid


@cache
def shipped_check() -> Callable[[dict[str, Any]], list[str]]:
    schema = json.loads(files("newscrawl").joinpath("schema/article.schema.json").read_text("utf-8"))
    return record_check(schema)


class SchemaPipeline:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats
        self.invalid = shipped_check()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SchemaPipeline:
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_item(self, item: Article) -> Article:
        record = {name: getattr(item, name) for name in EXPORTED_FIELDS}
        invalid = self.invalid(record)
        if invalid:
            reason = f"invalid_{invalid[0]}"
            self.stats.inc_value(f"newscrawl/dropped/{reason}")
            shown = ", ".join(f"{name}={record.get(name)!r:.80}" for name in invalid)
            raise DropItem(f"{reason}: {item.url} ({shown})", log_level="WARNING")
        return item
