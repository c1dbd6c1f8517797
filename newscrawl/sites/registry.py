"""The site registry: every profile is found here by name, built-in or named in a setting.

Profiles register with `@register` when their module is imported; `NEWSCRAWL_SITE_MODULES` names extra
modules to import, so a user adds a site without touching the package.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, TypeVar

from newscrawl.sites.base import Site

if TYPE_CHECKING:
    from collections.abc import Iterable

BUILTIN_SITE_MODULES = ("newscrawl.sites.news24",)
DEFAULT_SITE = "news24"

SITES: dict[str, type[Site]] = {}
SiteClass = TypeVar("SiteClass", bound=type[Site])


def register(site: SiteClass) -> SiteClass:
    """Class decorator: make `site` selectable with `-a site=<site.name>`."""
    SITES[site.name] = site
    return site


def load_site_modules(modules: Iterable[str] = ()) -> None:
    """Import the built-in profiles and `modules`; a module that is missing fails with its name."""
    for module in (*BUILTIN_SITE_MODULES, *modules):
        try:
            import_module(module)
        except ImportError as error:
            raise ValueError(
                f"cannot import site module {module!r} from NEWSCRAWL_SITE_MODULES: {error}"
            ) from error


def get_site(name: str) -> Site:
    """The profile named `name`; an unknown name raises with the list of valid ones."""
    load_site_modules()
    try:
        return SITES[name]()
    except KeyError:
        valid = ", ".join(sorted(SITES))
        raise ValueError(f"unknown site {name!r}: use -a site=NAME with one of: {valid}") from None
