"""newscrawl's own `NEWSCRAWL_*` settings, read with the one default `newscrawl/settings.py` defines.

Scrapy reads its own settings against `scrapy/settings/default_settings.py`, which every crawler loads.
Ours are defined in `newscrawl/settings.py`, which a crawler built without the project's settings (a
test's `get_crawler()`, a user's own project enabling one of our components) does not load. Reading
through here gives such a crawler the same defaults, instead of repeating each one at its read site.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newscrawl import settings as defaults

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings


def default(name: str) -> Any:
    """The value `newscrawl/settings.py` gives `name`; a name it does not define is a bug here."""
    return getattr(defaults, name)


def get_str(settings: BaseSettings, name: str) -> str:
    """A string setting; an empty value stays empty (it switches a feature off, e.g. the state store)."""
    return str(settings.get(name, default(name)))


def get_int(settings: BaseSettings, name: str) -> int:
    return settings.getint(name, default(name))


def get_float(settings: BaseSettings, name: str) -> float:
    return settings.getfloat(name, default(name))


def get_bool(settings: BaseSettings, name: str) -> bool:
    return settings.getbool(name, default(name))


def get_list(settings: BaseSettings, name: str) -> list[Any]:
    return settings.getlist(name, default(name))


def get_dict(settings: BaseSettings, name: str) -> dict[Any, Any]:
    return settings.getdict(name, default(name))
