"""The ``rmol_regional`` spider: crawl policy for the RMOL network's regional sites.

The nine sites (rmolaceh.id ... rmolpapua.id) run one platform, not rmol.id's: article URLs are
``/{slug}`` with no id and no date, categories are ``/category/{slug}?page=N``, and ``/cari``
with no query lists every post newest first. Extraction lives in :mod:`rmolcrawler.regional`.

Each site is crawled with its own politeness: every request carries the site's name as its
download slot, so delays and concurrency apply per site even when several sites share a host
(a local mirror). Request kinds, from first to last priority: home pages, category page 1 and
the RSS probe; articles found on listings; the next listing page; articles found through
related links. An article's depth is its shortest discovery path (:mod:`.paths`).

Discovery: the home page (its slider repeats items: counted once), the categories of each
site's menu, category paging (next page only, bounded by ``max_pages``, stopped by ``since``
and, in scheduled runs, by a page holding nothing new), the ``/cari`` archive instead of the
categories when ``since`` asks for a backfill, and the site's RSS feed when it answers (probed
once per run and site, never required).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any, Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from rmolcrawler.pages.feed import FeedPage
from rmolcrawler.regional.article import RegionalArticlePage
from rmolcrawler.regional.listing import RegionalListingPage
from rmolcrawler.regional.sites import NETWORK, RegionalSite, regional_site_for
from rmolcrawler.spiders.base import (
    DEFINITIVE_REJECTIONS,
    GONE_STATUSES,
    PRIORITY_LISTING,
    PRIORITY_NEXT_PAGE,
    PRIORITY_REVISIT,
    CrawlArgs,
    NewsSpider,
)

logger = logging.getLogger(__name__)

ARCHIVE = "cari"
"""The section name of a site's all-posts archive, ``/cari?page=N``."""


@dataclass(frozen=True)
class RegionalArgs(CrawlArgs):
    """Validated spider arguments: those of ``rmol``, and ``sites``."""

    sites: tuple[str, ...] = ()

    @classmethod
    def of(cls, raw: dict[str, Any], settings: BaseSettings) -> RegionalArgs:
        """Check every argument; raise :class:`UsageError` with a clear message on bad values."""
        origins = base_urls(settings)
        names = tuple(s.strip() for s in str(raw.get("sites") or "").split(",") if s.strip())
        unknown = [name for name in names if name not in origins]
        if unknown:
            raise UsageError(
                f"sites: unknown site(s) {', '.join(unknown)}; RMOL_REGIONAL_BASE_URLS has "
                f"{', '.join(origins)}"
            )
        sites = names or tuple(origins)
        chosen = [RegionalSite(name, origins[name]) for name in sites]

        def url_problem(url: str) -> str | None:
            if regional_site_for(url, chosen) is None:
                return f"is not on any of the sites {', '.join(sites)}"
            return None

        return cls.parse(raw, settings, url_problem, sites=sites)


def base_urls(settings: BaseSettings) -> dict[str, str]:
    """``RMOL_REGIONAL_BASE_URLS``: site name -> origin (default: the nine real sites)."""
    origins = settings.getdict("RMOL_REGIONAL_BASE_URLS") or dict(NETWORK)
    return {str(name): str(origin) for name, origin in origins.items()}


class RegionalSpider(NewsSpider):
    name = "rmol_regional"

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.args = cls.parse_args(spider._raw_args, crawler.settings)
        origins = base_urls(crawler.settings)
        spider.sites = [RegionalSite(name, origins[name]) for name in spider.args.sites]
        spider.allowed_domains = sorted(
            {host for site in spider.sites for host in (site.host, site.host.removeprefix("www."))}
        )
        spider.categories = {site.name: [] for site in spider.sites}
        spider.start_run(crawler)
        return spider

    @classmethod
    def parse_args(cls, raw: dict[str, Any], settings: BaseSettings) -> RegionalArgs:
        return RegionalArgs.of(raw, settings)

    allowed_domains: list[str]
    args: RegionalArgs
    sites: list[RegionalSite]
    categories: dict[str, list[str]]

    def _site_of(self, url: str) -> RegionalSite | None:
        return regional_site_for(url, self.sites)

    def _key_of(self, url: str) -> str | None:
        site = self._site_of(url)
        slug = site.article_slug(url) if site else None
        return site.key(slug) if site and slug else None

    # ---- start -----------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        self.check_can_start()
        if self.args.urls:
            for url in self.args.urls:
                for request in self._requests_for(url):
                    yield request
            return
        # Articles of these sites found but not stored when the last run closed come first.
        for key, (url, depth) in self.run.pending_from_last_run.items():
            if self._key_of(url) == key:
                self._stat("rmol/state/pending_resumed")
                for request in self.paths.reach(url, depth):
                    yield request
        for site in self.sites:
            yield self._request(site, site.home(), self.parse_home, PRIORITY_LISTING)
            for feed in site.rss_urls():
                yield self._request(
                    site, feed, self.parse_feed, PRIORITY_LISTING, errback=self.on_feed_error
                )
            if self.args.since:
                yield self._listing(site, ARCHIVE, site.archive(1))
        for request in self._revisits():
            yield request

    def _requests_for(self, url: str) -> Iterator[Request]:
        """Requests for a user-given URL, routed by what the URL is."""
        site = self._site_of(url)
        assert site is not None  # RegionalArgs.of checked it
        if site.article_slug(url):
            yield from self.paths.reach(url, 0)
            return
        meta = {"rmol_single": True}
        category = site.category_of_listing(url)
        if category:
            yield self._request(
                site,
                url,
                self.parse_listing,
                PRIORITY_LISTING,
                meta={**meta, "rmol_section": category},
            )
        else:
            yield self._request(site, url, self.parse_home, PRIORITY_LISTING, meta=meta)

    # ---- discovery -------------------------------------------------------------------------
    def parse_home(self, response: Response) -> Iterator[Any]:
        site, page = self._listing_page(response)
        if site is None or page is None:
            return
        if not response.meta.get("rmol_single") and not self.args.since:
            for slug in page.category_slugs():
                if slug not in self.categories[site.name]:
                    self.categories[site.name].append(slug)
                    self._stat("rmol/discovery/menu_sections")
                    yield self._listing(site, slug, site.category(slug, 1))
        urls = page.article_urls()
        self._count_links(site, urls)
        yield from self._articles_from(urls)

    def parse_listing(self, response: Response) -> Iterator[Any]:
        site, page = self._listing_page(response)
        if site is None or page is None:
            return
        section = f"{site.name}/{response.meta['rmol_section']}"
        number = page.page_number()
        urls = page.article_urls()
        # The listing's own items decide about paging; sidebars repeat on every page.
        keys = [key for key in map(self._key_of, page.listed_urls()) if key is not None]
        self._stat("rmol/discovery/listing_pages")
        self._count_links(site, urls)
        self.run.listing_seen(section, number, keys)
        yield from self._articles_from(urls)
        if response.meta.get("rmol_single"):
            return
        seen: set[str] = response.meta.get("rmol_seen_keys", set())
        fresh = [key for key in keys if key not in seen]  # a loop repeats earlier pages
        stop = self._stop_paging(section, number, fresh, page)
        next_url = None if stop else page.next_page_url()
        if stop is None and next_url is None:
            stop = "last_page"
        if stop is not None or next_url is None:
            self._stat(f"rmol/discovery/stopped/{stop}")
            self.run.walk_done(section)
            return
        yield self._request(
            site,
            next_url,
            self.parse_listing,
            PRIORITY_NEXT_PAGE,
            meta={
                "rmol_section": response.meta["rmol_section"],
                "rmol_seen_keys": seen | set(keys),
            },
        )

    def _stop_paging(
        self, section: str, number: int, fresh: list[str], page: RegionalListingPage
    ) -> str | None:
        """Why paging this listing ends at this page, or None to go on."""
        if not fresh:
            return "no_new_links"  # a loop, or endless pages repeating the same articles
        if self.args.since:
            dates = [day for day in page.article_dates().values() if day is not None]
            if dates and all(day < self.args.since for day in dates):
                return "since"
        if (
            self.incremental
            and not self.run.previous_walk_incomplete(section)
            and not any(self._is_new(key) for key in fresh)
        ):
            return "nothing_new"
        if number >= self.args.max_pages:
            return "max_pages"
        return None

    def _count_links(self, site: RegionalSite, urls: list[str]) -> None:
        keys = [key for key in map(self._key_of, urls) if key is not None]
        new = sum(1 for key in keys if self._is_new(key))
        self._stat("rmol/discovery/article_links", len(keys))
        self._stat("rmol/discovery/new_links", new)
        self._stat(f"rmol/site/{site.name}/new_links", new)

    def _articles_from(self, urls: list[str]) -> Iterator[Request]:
        for url in urls:
            yield from self.paths.reach(url, 0)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        """A site's RSS feed: its article links count as listed ones (depth 0)."""
        site = self._site_of(response.url)
        text = response.text if isinstance(response, TextResponse) else ""
        urls = FeedPage(response.url, text).links() if site is not None else []
        urls = [url for url in urls if self._key_of(url) is not None]
        self._stat("rmol/discovery/rss/answered")
        self._stat("rmol/discovery/rss/article_links", len(urls))
        yield from self._articles_from(urls)

    def on_feed_error(self, failure: Failure) -> None:
        """A site without a feed: counted, not an error of the crawl."""
        self._stat("rmol/discovery/rss/unavailable")

    # ---- articles --------------------------------------------------------------------------
    def _schedule(self, url: str, key: str, depth: int) -> Request | None:
        """The request for a new article, or None when the crawl state knows it."""
        site = self._site_of(url)
        if site is None or self._known_to_state(url, key):
            return None
        self.run.discover(key, url, depth)
        priority = self.article_priority(depth)
        return self._request(site, url, self.parse_article, priority, meta={"rmol_depth": depth})

    def parse_article(self, response: Response) -> Iterator[Any]:
        if response.status in GONE_STATUSES:  # a revisit: other requests fail on 404/410
            yield from self._gone(response)
            return
        site = self._site_of(response.url) or self._site_of(_requested(response))
        text = self._text(response)
        if text is None or site is None:
            return
        page = RegionalArticlePage(response.url, text, site)
        crawled_at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        result = page.extract(crawled_at)
        key = self._key_of(_requested(response)) or self._key_of(response.url)
        revisit = self._revisited(response)
        if result.item is None:
            self._stat(f"rmol/page/rejected/{result.rejected}")
            logger.info("Not an article (%s): %s", result.rejected, response.url)
            if revisit is not None:
                yield from self._revisit_not_article(response, result.rejected)
            elif key is not None and result.rejected in DEFINITIVE_REJECTIONS:
                self.run.reject(key, result.rejected or "unspecified")
            return
        for stat in result.stat_keys():
            self._stat(stat)
        self._stat("rmol/page/articles")
        self._stat(f"rmol/site/{site.name}/articles")
        item = result.item
        self.run.fetched_urls[item.key] = response.url
        yield item
        if revisit is None:  # a revisit's related links were followed at its first fetch
            related = [link["url"] for link in item.related]
            yield from self.paths.parsed(item.key, related, int(response.meta.get("rmol_depth", 0)))

    # ---- helpers ---------------------------------------------------------------------------
    def _revisit_request(self, url: str, meta: dict[str, Any]) -> Request | None:
        site = self._site_of(url)  # None: a site this run does not crawl (sites=)
        if site is None:
            return None
        return self._request(site, url, self.parse_article, PRIORITY_REVISIT, meta=meta)

    def _listing(self, site: RegionalSite, section: str, url: str) -> Request:
        return self._request(
            site, url, self.parse_listing, PRIORITY_LISTING, meta={"rmol_section": section}
        )

    def _request(
        self,
        site: RegionalSite,
        url: str,
        callback: Any,
        priority: int,
        *,
        meta: dict[str, Any] | None = None,
        errback: Any = None,
    ) -> Request:
        meta = {**(meta or {}), "download_slot": site.name}
        if self.args.render:
            meta["playwright"] = True
        # The spider dedups articles by key itself (see the rmol spider on Scrapy's filter).
        return Request(
            url,
            callback=callback,
            errback=errback or self.on_error,
            priority=priority,
            meta=meta,
            dont_filter=True,
        )

    def _listing_page(
        self, response: Response
    ) -> tuple[RegionalSite | None, RegionalListingPage | None]:
        site = self._site_of(response.url) or self._site_of(_requested(response))
        text = self._text(response)
        if site is None or text is None:
            return site, None
        return site, RegionalListingPage(response.url, text, site)

    def _text(self, response: Response) -> str | None:
        if (site := self._site_of(_requested(response))) is not None:
            self._stat(f"rmol/site/{site.name}/answered")
        return super()._text(response)

    def on_error(self, failure: Failure) -> None:
        """Count every failed request by kind and site; mark gone articles; notice a category
        gone."""
        url, status, kind = self._count_failure(failure)
        if (failed_site := self._site_of(url)) is not None:
            self._stat(f"rmol/site/{failed_site.name}/failed")
        key = self._key_of(url)
        if key is not None and status in GONE_STATUSES:
            self.run.reject(key, kind)
        site = self._site_of(url)
        category = site.category_of_listing(url) if site else None
        if (
            site is not None
            and category
            and site.page_number(url) == 1
            and status is not None
            and self.run.listing_failed(f"{site.name}/{category}", kind)
        ):
            self._stat("rmol/discovery/sections_gone")
            logger.warning(
                "Category %s/%s had articles before and now answers %s", site.name, category, status
            )


def _requested(response: Response) -> str:
    """The URL the spider asked for (before redirects)."""
    return response.request.url if response.request is not None else response.url
