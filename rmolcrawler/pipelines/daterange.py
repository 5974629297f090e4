"""Stage 4: keep only articles published inside the crawl's ``since``/``until`` window."""

from __future__ import annotations

import datetime as dt

from scrapy.exceptions import DropItem

from rmolcrawler.items import ArticleItem
from rmolcrawler.pipelines.base import Stage


class DateRangePipeline(Stage):
    """The window is the run's ``since``/``until`` (:class:`~rmolcrawler.context.RunContext`).

    An article's date is its local calendar date in its own zone, as printed on the site.
    """

    stage = "daterange"

    def configure(self) -> None:
        self.since: dt.date | None = self.context.since if self.context else None
        self.until: dt.date | None = self.context.until if self.context else None

    def process_article(self, item: ArticleItem) -> ArticleItem:
        if (self.since is None and self.until is None) or not item.published_at:
            return item
        day = dt.datetime.fromisoformat(item.published_at).date()
        if (self.since and day < self.since) or (self.until and day > self.until):
            self.count("dropped/out_of_range")
            raise DropItem(f"out_of_range: {item.url} published {day}")
        return item
