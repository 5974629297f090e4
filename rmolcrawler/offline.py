"""Extraction plus the item pipelines, outside a crawl: for re-extraction, fixtures and tests.

The same page classes and pipeline classes as ``scrapy crawl rmol`` and ``scrapy crawl
rmol_regional`` run here, in the order of ``ITEM_PIPELINES``, so a page stored today is
re-extracted exactly as a crawl would. A page is routed by its URL's host (:meth:`OfflineExtractor.page_for`):
the regional sites' pages to :class:`~rmolcrawler.regional.article.RegionalArticlePage`, every
other page to rmol.id's :class:`~rmolcrawler.pages.article.ArticlePage`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from scrapy.exceptions import DropItem
from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object
from scrapy.utils.project import get_project_settings
from w3lib.encoding import html_to_unicode

from rmolcrawler.items import FIELD_NAMES, ArticleItem
from rmolcrawler.pages.article import ArticlePage
from rmolcrawler.pages.dom import parse
from rmolcrawler.regional.article import RegionalArticlePage
from rmolcrawler.regional.sites import NETWORK, RegionalSite, regional_site_for
from rmolcrawler.stats import CounterStats
from rmolcrawler.urls import site_urls

# A regional page at an origin that is none of the known sites (a mirror's cache) names its
# site in <meta property="og:site_name"> (SEEN: "RMOLLAMPUNG").
SITE_NAME = 'meta[property="og:site_name"]::attr(content)'


@dataclass
class Outcome:
    """An accepted item, or the reason the page was not emitted."""

    url: str
    item: ArticleItem | None
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The item's fields in schema order, as the feed exporter writes them."""
        assert self.item is not None
        # A shallow copy: ItemAdapter.asdict() deep-copies every list and took a third as long
        # as the extraction itself (BENCHMARKS.md, re-extraction).
        return {name: getattr(self.item, name) for name in FIELD_NAMES}


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Bytes to text as Scrapy does: BOM, then the HTTP header, then ``<meta charset>``."""
    _, text = html_to_unicode(content_type, body)
    return text


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class OfflineExtractor:
    """Runs page extraction and the configured pipelines on stored pages.

    The regional sites are the real nine (:data:`~rmolcrawler.regional.sites.NETWORK`) and
    those of the ``RMOL_REGIONAL_BASE_URLS`` setting (mirrors).
    """

    def __init__(self, settings: BaseSettings | None = None) -> None:
        self.settings = settings if settings is not None else get_project_settings()
        self.stats = CounterStats()
        self._pipelines_by_origin: dict[str, list[Any]] = {}
        configured = self.settings.getdict("RMOL_REGIONAL_BASE_URLS")
        self.regional_sites = [
            RegionalSite(str(name), str(origin)) for name, origin in configured.items()
        ] + [RegionalSite(name, origin) for name, origin in NETWORK.items()]
        self.base_site = site_urls(self.settings.get("RMOL_BASE_URL") or "https://rmol.id")

    def is_network(self, url: str) -> bool:
        """True for a URL on rmol.id (``RMOL_BASE_URL``) or on a regional site."""
        return (
            self.base_site.is_onsite(url) or regional_site_for(url, self.regional_sites) is not None
        )

    def regional_site(self, url: str, html: str) -> RegionalSite | None:
        """The regional site ``url`` is on: a known one by its host; else, for a URL that is
        no rmol.id article, the site the page names (``og:site_name``) on the URL's origin."""
        site = regional_site_for(url, self.regional_sites)
        if site is not None or site_urls(origin_of(url)).parse_article(url) is not None:
            return site
        if "og:site_name" not in html:
            return None
        for value in parse(html).css(SITE_NAME).getall():
            name = value.strip().lower().removesuffix(".id").replace(" ", "")
            if name in NETWORK:
                return RegionalSite(name, origin_of(url))
        return None

    def page_for(self, url: str, html: str) -> ArticlePage | RegionalArticlePage:
        """The page class for ``url``: a regional site's, or rmol.id's (any other origin)."""
        site = self.regional_site(url, html)
        if site is not None:
            return RegionalArticlePage(url, html, site)
        return ArticlePage(url, html, site_urls(origin_of(url)))

    def _pipelines(self, origin: str) -> list[Any]:
        # Pipelines that check URLs must see the page's own origin (rmol.id or a mirror).
        if origin not in self._pipelines_by_origin:
            settings = self.settings.copy()
            settings.set("RMOL_BASE_URL", origin, priority="cmdline")
            order = sorted(settings.getdict("ITEM_PIPELINES").items(), key=lambda kv: kv[1])
            self._pipelines_by_origin[origin] = [
                load_object(path)(self.stats, settings, None) for path, _ in order
            ]
        return self._pipelines_by_origin[origin]

    def run(self, url: str, html: str, crawled_at: str | None = None) -> Outcome:
        crawled_at = crawled_at or dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        origin = origin_of(url)
        result = self.page_for(url, html).extract(crawled_at)
        if result.item is None:
            self.stats.inc_value(f"rmol/page/rejected/{result.rejected}")
            return Outcome(url, None, result.rejected)
        for key in result.stat_keys():
            self.stats.inc_value(key)
        item: Any = result.item
        try:
            for pipeline in self._pipelines(origin):
                item = pipeline.process_item(item)
        except DropItem as exc:
            return Outcome(url, None, str(exc).split(":", 1)[0])
        return Outcome(url, item)
