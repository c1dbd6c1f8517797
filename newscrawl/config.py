"""newscrawl's own `NEWSCRAWL_*` settings, read with the one default `newscrawl/settings.py` defines.

Scrapy reads its own settings against `scrapy/settings/default_settings.py`, which every crawler loads.
Ours are defined in `newscrawl/settings.py`, which a crawler built without the project's settings (a
test's `get_crawler()`, a user's own project enabling one of our components) does not load. Reading
through here gives such a crawler the same defaults, instead of repeating each one at its read site.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from newscrawl import settings as defaults

if TYPE_CHECKING:
    from collections.abc import Callable

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


# Settings that are a share of something, between 0 and 1; every other number must not be negative.
SHARES = frozenset({"NEWSCRAWL_ALARM_DROP", "NEWSCRAWL_MAX_FAILED_SHARE", "NEWSCRAWL_MAX_DROPPED_SHARE"})
READERS: dict[type, tuple[str, Callable[[BaseSettings, str], Any]]] = {
    bool: ("a flag", get_bool),
    int: ("a whole number", get_int),
    float: ("a number", get_float),
    list: ("a comma-separated list", get_list),
    dict: ("a JSON object", get_dict),
}


def check_settings(settings: BaseSettings) -> None:
    """Raise ValueError, naming the setting and a value to type instead, for the first `NEWSCRAWL_*`
    value its component could not read or that is out of range; called before a crawl starts."""
    for name in sorted(vars(defaults)):
        if not name.startswith("NEWSCRAWL_") or name not in settings:
            continue
        kind, read = READERS.get(type(default(name)), ("a string", get_str))
        example = f"use e.g. -s {name}={example_of(default(name))}"
        try:
            value = read(settings, name)
        except (TypeError, ValueError):
            raise ValueError(f"-s {name}={settings[name]!r} is not {kind}: {example}") from None
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if value < 0 or (name in SHARES and value > 1):
            bound = "between 0 and 1" if name in SHARES else "0 or more"
            raise ValueError(f"-s {name}={settings[name]!r} must be {bound}: {example}")
    check_warc_template(get_str(settings, "NEWSCRAWL_WARC"))


WARC_EXAMPLE = "use e.g. -s NEWSCRAWL_WARC=output/warc/%(name)s/%(time)s-%(index)05d.warc.gz"


def check_warc_template(template: str) -> None:
    """WARC files are written to a local path or s3://, named with %(name)s, %(time)s, %(index)05d only."""
    if "://" in template and not template.startswith("s3://"):
        raise ValueError(f"-s NEWSCRAWL_WARC={template!r} is neither a local path nor s3://: {WARC_EXAMPLE}")
    try:
        template % {"name": "news", "time": "2022-02-16T13-45-00+00-00", "index": 1}
    except (KeyError, ValueError, TypeError):
        raise ValueError(
            f"-s NEWSCRAWL_WARC={template!r} has a placeholder other than %(name)s, %(time)s, "
            f"%(index)05d: {WARC_EXAMPLE}"
        ) from None


def example_of(value: Any) -> str:
    """The default as it is typed after `-s NAME=` on a command line."""
    if isinstance(value, dict):
        return "'" + json.dumps(value) + "'"
    if isinstance(value, list):
        return ",".join(map(str, value)) or "a,b"
    return str(value) if value != "" else "VALUE"
