"""The objects built before the spider opens are frozen out of garbage collection; later ones are not."""

from __future__ import annotations

import gc
import weakref
from typing import TYPE_CHECKING

import pytest
from scrapy.utils.test import get_crawler

from newscrawl import settings
from newscrawl.extensions.gcfreeze import YOUNG_THRESHOLD, FreezeStartupObjects

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """No automatic collection meanwhile: only the extension may free the test's garbage."""
    threshold = gc.get_threshold()
    gc.unfreeze()
    gc.disable()
    yield
    gc.enable()
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_spider_opened_freezes_what_exists_and_collects_its_garbage_first(unfrozen: None) -> None:
    extension = FreezeStartupObjects.from_crawler(get_crawler(settings_dict={"EXTENSIONS": {}}))

    class Cycle:
        """Garbage only the cycle collector can free."""

        def __init__(self) -> None:
            self.me = self

    garbage = weakref.ref(Cycle())
    assert gc.get_freeze_count() == 0
    assert garbage() is not None
    extension.spider_opened()
    assert gc.get_freeze_count() > 10_000
    assert garbage() is None
    later = [Cycle() for _ in range(3)]
    collectable = {id(obj) for obj in gc.get_objects()}  # every generation but the frozen one
    assert all(id(obj) in collectable for obj in later)


def test_spider_opened_collects_the_young_generation_less_often_and_the_older_ones_as_before(
    unfrozen: None,
) -> None:
    gc.set_threshold(700, 10, 10)
    FreezeStartupObjects.from_crawler(get_crawler(settings_dict={"EXTENSIONS": {}})).spider_opened()
    assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10) == (10_000, 10, 10)


def test_enabled_first_among_the_extensions() -> None:
    enabled = [order for order in settings.EXTENSIONS.values() if order is not None]  # None: switched off
    assert settings.EXTENSIONS["newscrawl.extensions.gcfreeze.FreezeStartupObjects"] == min(enabled)
