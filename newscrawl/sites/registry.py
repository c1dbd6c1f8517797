"""The site registry: every profile is found here, by name or by the URL and page it reads.

Profiles register with `@register` when their module is imported; `NEWSCRAWL_SITE_MODULES` names extra
modules to import, so a user adds a site without touching the package. `SiteChooser` picks the profile
for each origin of a run (see there), so one run may crawl several hosts, each with its own profile.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sys
from functools import cache
from importlib import import_module
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

from newscrawl.sites.base import Site

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newscrawl.page import Page

# Profiles are tried in registration order; the generic one, which recognizes no layout, comes last.
BUILTIN_SITE_MODULES = ("newscrawl.sites.news24", "newscrawl.sites.generic")
# The profile whose sections a run without `-a start_urls` and `-a site` crawls.
DEFAULT_SITE = "news24"
# The profile for an origin that no profile claims by host or URL and whose first page no profile
# recognizes.
FALLBACK_SITE = "generic"

ORIGIN = re.compile(r"[^:/?#]+://[^/?#]*")
SITES: dict[str, type[Site]] = {}
SiteClass = TypeVar("SiteClass", bound=type[Site])


def register(site: SiteClass) -> SiteClass:
    """Class decorator: make `site` selectable with `-a site=<site.name>`, and choosable by URL and page."""
    SITES[site.name] = site
    site_named.cache_clear()
    return site


def load_site_modules(modules: Iterable[str] = ()) -> None:
    """Import the built-in profiles and `modules`; a module that is missing fails with its name."""
    for module in (*BUILTIN_SITE_MODULES, *modules):
        try:
            import_site_module(module)
        except (ImportError, OSError) as error:
            raise ValueError(
                f"cannot import site module {module!r} from NEWSCRAWL_SITE_MODULES: {error} (name a module "
                "on the Python path, e.g. mysites.example, or a file, e.g. /srv/sites/example.py)"
            ) from error


def import_site_module(module: str) -> None:
    """A dotted name imports from the Python path, which depends on how and where `scrapy` was started;
    a `.py` file path (absolute, or relative to the working directory) imports from anywhere, without
    PYTHONPATH: a cron job or a systemd unit names the file it means."""
    if not module.endswith(".py"):
        import_module(module)
        return
    path = Path(module).resolve()
    name = f"newscrawl_site_modules.{path.stem}_{hashlib.sha256(bytes(path)).hexdigest()[:8]}"
    if name in sys.modules:
        return
    spec = spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"{path} is not a Python module")
    loaded = module_from_spec(spec)
    sys.modules[name] = loaded
    try:
        spec.loader.exec_module(loaded)
    except BaseException:
        del sys.modules[name]
        raise


@cache
def site_named(name: str) -> Site:
    """The profile named `name` (one instance per name: profiles hold no state); an unknown name raises
    with the list of valid ones."""
    load_site_modules()
    try:
        return SITES[name]()
    except KeyError:
        valid = ", ".join(SITES)
        raise ValueError(
            f"unknown site {name!r}: use -a site=NAME with one of: {valid} (a profile of your own is found "
            "once its module is named in NEWSCRAWL_SITE_MODULES)"
        ) from None


def origin(url: str) -> str:
    """`scheme://host[:port]`, lowercased: the unit a profile is chosen for. A regex, not `urlsplit`: it
    runs for every link of every page, and takes a tenth of the time."""
    found = ORIGIN.match(url)
    return found[0].lower() if found else ""


class SiteChooser:
    """Which profile reads the pages of each origin of a run, decided once and kept for the run.

    `-a site=NAME` forces one profile for every URL. Otherwise an origin gets the first registered
    profile that claims its URL (its host, else a `url_markers` pattern on its path), which is known
    before anything is fetched; else the first that recognizes the first page fetched from it
    (`page_markers`); else `FALLBACK_SITE`. Later pages of an origin keep its profile even when they
    carry no marker (an empty listing page, an error page).
    """

    def __init__(self, forced: Site | None = None) -> None:
        self.forced = forced
        self.chosen: dict[str, Site] = {}

    def for_url(self, url: str) -> Site | None:
        """The URL's profile, if it is known without a page of its origin."""
        if self.forced is not None:
            return self.forced
        key = origin(url)
        site = self.chosen.get(key)
        if site is None:
            parts = urlsplit(url)
            site = next((s for s in self.profiles() if s.claims(parts.hostname or "", parts.path)), None)
            if site is not None:
                self.choose(key, site, "its host" if parts.hostname in site.hosts else "its URL path")
        return site

    def for_page(self, page: Page) -> Site:
        """The profile that reads `page`, chosen now from its layout if its origin has none yet."""
        site = self.for_url(page.url)
        if site is None:
            site = next((s for s in self.profiles() if s.recognizes(page)), None)
            if site is None:
                site = site_named(FALLBACK_SITE)
                self.choose(origin(page.url), site, "fallback: no profile recognized its first page")
            else:
                self.choose(origin(page.url), site, "its page layout")
        return site

    def choose(self, key: str, site: Site, reason: str) -> None:
        self.chosen[key] = site
        logger.info("Site profile %s reads %s (chosen by %s)", site.name, key, reason)

    @staticmethod
    def profiles() -> list[Site]:
        return [site_named(name) for name in SITES]
