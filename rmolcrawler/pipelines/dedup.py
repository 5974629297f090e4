"""Stage 5: emit each article once per crawl, told apart by its key."""

from __future__ import annotations

from scrapy.exceptions import DropItem

from rmolcrawler.items import ArticleItem
from rmolcrawler.pipelines.base import Stage


class DedupPipeline(Stage):
    stage = "dedup"

    def configure(self) -> None:
        self.seen: set[str] = set()

    def process_article(self, item: ArticleItem) -> ArticleItem:
        if item.key in self.seen:
            self.count("dropped/duplicate")
            raise DropItem(f"duplicate: {item.key}")
        self.seen.add(item.key)
        return item
