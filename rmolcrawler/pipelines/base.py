"""What every pipeline stage shares: typed construction from a crawler or from plain values."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from scrapy.settings import BaseSettings, Settings

from rmolcrawler.context import RunContext, run_context
from rmolcrawler.items import ArticleItem
from rmolcrawler.stats import CounterStats, Stats

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class Stage:
    """A pipeline stage: reads its settings once and counts decisions as ``rmol/<stage>/...``.

    ``context`` is the run's (:mod:`rmolcrawler.context`); outside a crawl (the offline
    re-extraction, tests) it is None or built by hand.
    """

    stage = "stage"

    def __init__(
        self,
        stats: Stats | None = None,
        settings: BaseSettings | None = None,
        context: RunContext | None = None,
    ) -> None:
        self.stats: Stats = stats if stats is not None else CounterStats()
        self.settings = settings if settings is not None else Settings()
        self.context = context
        self.configure()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.stats, crawler.settings, run_context(crawler))

    def configure(self) -> None:
        """Read settings; override in stages that have any."""

    def count(self, what: str, n: int = 1) -> None:
        self.stats.inc_value(f"rmol/{self.stage}/{what}", n)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, ArticleItem):
            return self.process_article(item)
        return item

    def process_article(self, item: ArticleItem) -> ArticleItem:
        raise NotImplementedError
