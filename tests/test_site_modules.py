"""NEWSCRAWL_SITE_MODULES: a profile's module named by a file path imports from any working directory,
and a module that cannot be imported stops the command with the setting's name and both forms."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newscrawl.sites.registry import SITES, load_site_modules, site_named
from tests.server import Reply, RouteServer
from tests.support import read_jsonl, scrapy_crawl

TINYTIMES = Path(__file__).parent / "sites" / "tinytimes.py"
STORY = "/story/1-ein-test"
LISTING = (
    f'<html><body><ol class="stories"><li><a class="story-link" href="{STORY}">x</a></li></ol></body></html>'
)
ARTICLE = (
    '<html lang="de"><head><meta name="date" content="2023-05-01T09:00:00+02:00"></head><body>'
    '<article class="story" data-desk="Stadt"><h2 class="story-title">Ein Test</h2>'
    '<p class="lede">Kurz.</p><div class="story-text"><p>Text.</p></div></article></body></html>'
)


def profile_file(directory: Path) -> Path:
    """The Tiny Times profile as a user keeps it: one file outside any package."""
    directory.mkdir()
    return Path(shutil.copy(TINYTIMES, directory / "tiny_times_site.py"))


@pytest.mark.integration
def test_a_profile_file_is_loaded_from_another_working_directory(tmp_path: Path) -> None:
    module = profile_file(tmp_path / "sites")
    (tmp_path / "run").mkdir()
    with RouteServer({"/": Reply(LISTING), STORY: Reply(ARTICLE)}) as server:
        result = scrapy_crawl(
            tmp_path / "run", "-a", f"start_urls={server.base_url}/", "-a", "site=tinytimes",
            "-s", f"NEWSCRAWL_SITE_MODULES={module}", "-s", "AUTOTHROTTLE_ENABLED=False", "-O", "out.jsonl",
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    records = read_jsonl(tmp_path / "run" / "out.jsonl")
    assert [(record["site"], record["title"]) for record in records] == [("tinytimes", "Ein Test")]


def test_a_relative_file_path_is_read_against_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile_file(tmp_path / "sites")
    monkeypatch.chdir(tmp_path)
    before = dict(SITES)
    SITES.pop("tinytimes", None)  # maybe registered by tests.sites.tinytimes in this process
    try:
        load_site_modules(["sites/tiny_times_site.py"])
        loaded = SITES["tinytimes"]
        load_site_modules(["sites/tiny_times_site.py"])  # once per process, as a dotted module is
        assert SITES["tinytimes"] is loaded
        assert loaded.__module__.startswith("newscrawl_site_modules.tiny_times_site_")
    finally:
        SITES.clear()
        SITES.update(before)
        site_named.cache_clear()


@pytest.mark.parametrize(
    ("module", "problem"),
    [
        ("mysites.nope", "No module named 'mysites'"),
        ("/nowhere/nope.py", "No such file or directory"),
    ],
)
def test_a_module_that_cannot_be_imported_names_the_setting(module: str, problem: str) -> None:
    with pytest.raises(ValueError, match="NEWSCRAWL_SITE_MODULES") as raised:
        load_site_modules([module])
    message = str(raised.value)
    assert message.startswith(
        f"cannot import site module {json.dumps(module)[1:-1]!r} from NEWSCRAWL_SITE_MODULES"
    )
    assert problem in message
    assert message.endswith(
        "(name a module on the Python path, e.g. mysites.example, or a file, e.g. /srv/sites/example.py)"
    )
