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
