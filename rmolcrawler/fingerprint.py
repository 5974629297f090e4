"""Request fingerprints in which an article is its id, whatever URL form names it."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Self

from scrapy import Request
from scrapy.utils.request import RequestFingerprinter

from rmolcrawler.urls import SiteUrls

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class ArticleIdFingerprinter:
    """``/{section}/read/...``, ``/read/...`` and ``/amp/...`` of one id are one request.

    Scrapy's duplicate filter, HTTP cache and JOBDIR all key on this, so an article is
    fetched once per crawl however many forms of its URL the site links to. Other requests
    use Scrapy's default fingerprint.
    """

    def __init__(self, crawler: Crawler | None = None) -> None:
        base = (
            crawler.settings.get("RMOL_BASE_URL", "https://rmol.id")
            if crawler
            else "https://rmol.id"
        )
        self.urls = SiteUrls(base)
        self._default = RequestFingerprinter(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def fingerprint(self, request: Request) -> bytes:
        ref = self.urls.parse_article(request.url)
        if ref is None or request.method != "GET":
            return self._default.fingerprint(request)
        return hashlib.sha1(f"rmol-article:{ref.id}".encode(), usedforsecurity=False).digest()
