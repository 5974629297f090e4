"""Stage 1: ``published_at_raw`` -> ``published_at`` (ISO 8601 with its zone), and the printed
``modified_at`` to the same form."""

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
        now = _parse_crawled_at(item.crawled_at)
        if item.modified_at:
            self._modified(item, now)
        raw = item.published_at_raw
        if not raw:
            self.count("missing")
            return item
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

    def _modified(self, item: ArticleItem, now: dt.datetime) -> None:
        """The site's modification time as printed -> ISO 8601 with its zone; an unparseable
        one is dropped (counted), the article kept."""
        raw = item.modified_at
        value, _ = parse_published(raw, now) if raw else (None, None)
        if value is None:
            self.count("modified_at/unparseable")
            logger.info("Unparseable modified_at %r on %s", raw, item.url)
            item.modified_at = None
            return
        item.modified_at = to_iso(value)
        self.count("modified_at/parsed")


def _parse_crawled_at(value: str) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return dt.datetime.now(dt.UTC)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)
