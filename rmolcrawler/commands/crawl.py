"""``scrapy crawl`` with the rmol spider's arguments checked before anything starts.

A bad ``-a`` value ends the command with a one-line error and exit status 2, as any other
usage error of Scrapy's, instead of a traceback from inside the running crawler.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

from rmolcrawler.spiders.rmol import CrawlArgs, RmolSpider

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args and args[0] == RmolSpider.name:
            assert self.settings is not None
            CrawlArgs.parse(opts.spargs, self.settings)  # raises UsageError with the reason
        super().run(args, opts)
