"""`scrapy crawl` with argument checks up front: a wrong `-a` prints one line and exits 2.

Without this, an invalid argument surfaces as a traceback from inside the event loop. Spiders opt in
by defining `check_arguments(settings, arguments)`, which raises ValueError with the fix to type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1 and self.crawler_process is not None:
            spidercls = self.crawler_process.spider_loader.load(args[0])
            check = getattr(spidercls, "check_arguments", None)
            try:
                if check is not None:
                    check(self.settings, opts.spargs)
            except ValueError as error:
                raise UsageError(str(error)) from error
        super().run(args, opts)
