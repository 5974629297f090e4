"""Downloader middlewares."""

from __future__ import annotations

import asyncio
import datetime as dt
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Self

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

RETRY_AFTER_CODES = frozenset({429, 503})


def retry_after_seconds(value: str | None, now: dt.datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date); None if bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - now).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries, waiting as long as a 429/503 ``Retry-After`` asks (capped).

    The wait happens before the retry is handed back, so that request never hits the site
    sooner than asked; ``RMOL_RETRY_AFTER_MAX`` bounds it so a hostile header cannot stall
    the crawl.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler.settings)
        self.crawler = crawler
        self.max_wait = crawler.settings.getfloat("RMOL_RETRY_AFTER_MAX", 120.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        result = super().process_response(request, response)
        if not isinstance(result, Request) or response.status not in RETRY_AFTER_CODES:
            return result
        header = response.headers.get("Retry-After")
        wait = retry_after_seconds(
            header.decode("latin-1") if header else None, dt.datetime.now(dt.UTC)
        )
        stats = self.crawler.stats
        if wait is None:
            return result
        if stats is not None:
            stats.inc_value("rmol/retry_after/honoured")
            if wait > self.max_wait:
                stats.inc_value("rmol/retry_after/capped")
        await asyncio.sleep(min(wait, self.max_wait))
        return result
