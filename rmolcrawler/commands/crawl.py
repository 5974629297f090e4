"""``scrapy crawl`` for scheduled use: checked arguments, and an exit status that tells.

- A bad ``-a`` value of the rmol spiders ends the command with a one-line error and exit
  status 2, as any usage error of Scrapy's, instead of a traceback from the running crawler.
- A crawl whose health check fails (see :mod:`rmolcrawler.health`), or that was killed before
  it could close, exits with status 1, so cron and Scrapyd notice; the reasons are in the log
  and the run report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

from rmolcrawler.context import run_context
from rmolcrawler.spiders.base import NewsSpider

if TYPE_CHECKING:
    import argparse

EXIT_UNHEALTHY = 1


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            super().run(args, opts)  # Scrapy's own usage errors
            return
        assert self.settings is not None
        assert self.crawler_process is not None
        spidercls = self.crawler_process.spider_loader.load(args[0])
        if issubclass(spidercls, NewsSpider):
            spidercls.parse_args(opts.spargs, self.settings)  # raises UsageError with the reason
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        report = run_context(crawler).report
        if report is None:
            return  # RunReport disabled: no verdict to act on
        # No verdict at all means the crawl never closed cleanly (a forced shutdown).
        if report.verdict is None or not report.verdict.healthy:
            self.exitcode = EXIT_UNHEALTHY
