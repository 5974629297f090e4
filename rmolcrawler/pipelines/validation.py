"""Stage 3: drop items that lack a field no consumer can do without."""

from __future__ import annotations

import logging

from scrapy.exceptions import DropItem

from rmolcrawler.items import ArticleItem
from rmolcrawler.pipelines.base import Stage

logger = logging.getLogger(__name__)

REQUIRED = ("title", "published_at", "body")


class ValidationPipeline(Stage):
    stage = "validation"

    def process_article(self, item: ArticleItem) -> ArticleItem:
        missing = [name for name in REQUIRED if not getattr(item, name)]
        if missing:
            reason = f"missing_{missing[0]}"
            self.count(f"dropped/{reason}")
            logger.warning("Dropping %s: missing %s", item.url, ", ".join(missing))
            raise DropItem(f"{reason}: {item.url}")
        self.count("passed")
        return item
