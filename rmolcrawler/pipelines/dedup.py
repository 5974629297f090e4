"""Stage 5: emit each article id once per crawl."""

from __future__ import annotations

from scrapy.exceptions import DropItem

from rmolcrawler.items import ArticleItem
from rmolcrawler.pipelines.base import Stage


class DedupPipeline(Stage):
    stage = "dedup"

    def configure(self) -> None:
        self.seen: set[int] = set()

    def process_article(self, item: ArticleItem) -> ArticleItem:
        if item.id in self.seen:
            self.count("dropped/duplicate")
            raise DropItem(f"duplicate: id {item.id}")
        self.seen.add(item.id)
        return item
