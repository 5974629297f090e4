"""Stage 1: ``published_at_raw`` -> ``published_at`` (ISO 8601 with its zone)."""

from __future__ import annotations

import datetime as dt
import logging

from rmolcrawler.items import ArticleItem
from rmolcrawler.normalize.dates import date_disagrees, parse_published, to_iso
from rmolcrawler.pipelines.base import Stage
from rmolcrawler.urls import site_urls

logger = logging.getLogger(__name__)


class TimestampPipeline(Stage):
    """Parses the printed date; cross-checks it with the URL's date.

    Relative dates ("2 jam yang lalu") are anchored to the item's ``crawled_at``, never to the
    machine's clock or zone. An unparseable date leaves ``published_at`` null for the
    validation stage to drop.
    """

    stage = "timestamps"

    def configure(self) -> None:
        self.urls = site_urls(self.settings.get("RMOL_BASE_URL", "https://rmol.id"))

    def process_article(self, item: ArticleItem) -> ArticleItem:
        raw = item.published_at_raw
        if not raw:
            self.count("missing")
            return item
        now = _parse_crawled_at(item.crawled_at)
        value, method = parse_published(raw, now)
        self.count(f"method/{method}")
        if value is None:
            logger.warning("Unparseable published_at_raw %r on %s", raw, item.url)
            return item
        item.published_at = to_iso(value)
        ref = self.urls.parse_article(item.url)
        if ref is not None and date_disagrees(value, ref.date):
            self.count("url_date_mismatch")
            logger.info(
                "published_at %s disagrees with URL date %s on %s",
                item.published_at,
                ref.date,
                item.url,
            )
        return item


def _parse_crawled_at(value: str) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return dt.datetime.now(dt.UTC)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)
