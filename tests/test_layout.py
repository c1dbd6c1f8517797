"""The package's floor plan holds: imports run one way, modules stay small, and settings have one default."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from newscrawl import config
from newscrawl import settings as defaults
from newscrawl.contract import schema_text
from newscrawl.pipelines.validation import ValidationPipeline

PACKAGE = Path(__file__).parents[1] / "newscrawl"
MODULES = {
    ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): path
    for path in sorted(PACKAGE.rglob("*.py"))
}
MAX_LINES = 300


def imported_nodes(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, at module level or inside functions, except under `if TYPE_CHECKING:`."""
    found: list[ast.Import | ast.ImportFrom] = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            found += imported_nodes(ast.Module(body=node.orelse, type_ignores=[]))
        elif isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        else:
            found += imported_nodes(node)
    return found


def runtime_imports(path: Path) -> set[str]:
    """The newscrawl modules `path` imports when it runs, now or on first use of a function; not the
    ones only type checkers read (`if TYPE_CHECKING:`)."""
    found: set[str] = set()
    for node in imported_nodes(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            # `from package import module` loads the module; `from module import name`, the module.
            submodules = {f"{node.module}.{alias.name}" for alias in node.names} & set(MODULES)
            found |= submodules or {node.module}
    return {name for name in found if name in MODULES}


def test_no_module_imports_itself_through_others() -> None:
    graph = {name: runtime_imports(path) - {name} for name, path in MODULES.items()}
    cycles = []
    for start in graph:
        stack, seen = [(start, (start,))], set()
        while stack:
            name, trail = stack.pop()
            for imported in graph[name]:
                if imported == start:
                    cycles.append(" -> ".join((*trail, start)))
                elif imported not in seen:
                    seen.add(imported)
                    stack.append((imported, (*trail, imported)))
    assert cycles == []


def test_every_module_is_under_the_size_the_style_guide_keeps() -> None:
    sizes = {name: len(path.read_text().splitlines()) for name, path in MODULES.items()}
    assert {name: size for name, size in sizes.items() if size > MAX_LINES} == {}


NAME = re.compile(r"\bNEWSCRAWL_[A-Z_]+\b")


def test_every_setting_the_package_reads_has_its_default_in_settings_py() -> None:
    read = {name for path in MODULES.values() for name in NAME.findall(path.read_text())}
    assert read - set(vars(defaults)) == set()


@pytest.mark.parametrize("name", sorted(name for name in vars(defaults) if name.startswith("NEWSCRAWL_")))
def test_a_crawler_without_the_project_settings_reads_the_same_defaults(name: str) -> None:
    assert config.get_str(get_crawler().settings, name) == str(getattr(defaults, name))


def test_a_component_built_without_the_project_settings_gets_settings_py_defaults() -> None:
    pipeline = ValidationPipeline.from_crawler(get_crawler())
    assert pipeline.max_chars == defaults.NEWSCRAWL_INTERSTITIAL_MAX_CHARS == 400


def test_the_shipped_schema_is_the_one_the_article_fields_declare() -> None:
    """After changing a field (newscrawl/items.py) or a date ranking, `make schema` writes it again."""
    shipped = (PACKAGE / "schema" / "article.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text()


FEEDS_EXAMPLE = """'{"output/%(name)s/%(time)s.jsonl": {"format": "jsonlines", "encoding": "utf-8"}}'"""


@pytest.mark.parametrize(
    ("name", "value", "problem", "example"),
    [
        ("NEWSCRAWL_MAX_PAGES", "abc", "is not a whole number", "1000"),
        ("NEWSCRAWL_REFETCH_DAYS", "two", "is not a number", "2.0"),
        ("NEWSCRAWL_ADDRESS_GUARD", "maybe", "is not a flag", "True"),
        ("NEWSCRAWL_KNOWN_STREAK", "-1", "must be 0 or more", "20"),
        ("NEWSCRAWL_MAX_FAILED_SHARE", "5", "must be between 0 and 1", "0.1"),
        ("NEWSCRAWL_MAX_DROPPED_SHARE", "2", "must be between 0 and 1", "0.5"),
        ("NEWSCRAWL_DEFAULT_FEEDS", "out.jsonl", "is not a JSON object", FEEDS_EXAMPLE),
    ],
)
def test_a_value_its_component_cannot_read_fails_before_the_crawl_with_the_fix(
    name: str, value: str, problem: str, example: str
) -> None:
    message = f"-s {name}={value!r} {problem}: use e.g. -s {name}={example}"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}"):
        config.check_settings(get_crawler(settings_dict={name: value}).settings)


def test_the_defaults_and_good_values_pass() -> None:
    good = {"NEWSCRAWL_MAX_PAGES": "0", "NEWSCRAWL_ALARM_DROP": "1", "NEWSCRAWL_ALLOWED_PRIVATE_HOSTS": "a,b"}
    config.check_settings(get_crawler(settings_dict={**vars_of(defaults), **good}).settings)


def vars_of(module: object) -> dict[str, object]:
    return {name: value for name, value in vars(module).items() if name.startswith("NEWSCRAWL_")}
