"""The ``rmol`` spider: crawl policy only. Extraction lives in :mod:`rmolcrawler.pages`.

Request kinds, from first to last priority: the home page and each section's page 1, then
articles found on listings, then a section's next listing page, then articles found through
related links (depth-limited). Articles outrank further listing pages so that the queue holds
about one page of articles per section, however deep a backfill goes.

What a crawl emits depends on the site and the arguments only, never on the order in which
responses arrive: an article's depth is the length of its shortest discovery path (0 for an
article on a listing, n for one reached through n related links). When a shorter path turns
up after an article was scheduled or parsed, the article takes the shorter depth and the
related links it was too deep to follow are followed then (:mod:`.paths`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any, Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from rmolcrawler.items import ArticleItem, rmol_key
from rmolcrawler.pages.article import ArticlePage
from rmolcrawler.pages.listing import ListingPage
from rmolcrawler.spiders.base import (
    DEFINITIVE_REJECTIONS,
    GONE_STATUSES,
    PRIORITY_LISTING,
    PRIORITY_NEXT_PAGE,
    PRIORITY_REVISIT,
    CrawlArgs,
    NewsSpider,
)
from rmolcrawler.urls import ArticleRef, SiteUrls, site_urls

logger = logging.getLogger(__name__)


class RmolSpider(NewsSpider):
    name = "rmol"

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.site = site_urls(crawler.settings.get("RMOL_BASE_URL", "https://rmol.id"))
        spider.args = cls.parse_args(spider._raw_args, crawler.settings)
        spider.allowed_domains = [spider.site.host]
        spider.sections = list(crawler.settings.getlist("RMOL_SECTIONS"))
        spider.start_run(crawler)
        return spider

    allowed_domains: list[str]
    site: SiteUrls
    sections: list[str]

    @classmethod
    def parse_args(cls, raw: dict[str, Any], settings: BaseSettings) -> CrawlArgs:
        site = site_urls(settings.get("RMOL_BASE_URL", "https://rmol.id"))

        def url_problem(url: str) -> str | None:  # only this site's pages are crawled
            return None if site.is_onsite(url) else f"is not on {site.base} (RMOL_BASE_URL)"

        return CrawlArgs.parse(raw, settings, url_problem)

    # ---- start -----------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        self.check_can_start()
        if self.args.urls:
            for url in self.args.urls:
                for request in self._requests_for(url):
                    yield request
            return
        # Articles found but not stored when the last run closed come first, at their depth.
        for url, depth in self.run.pending_from_last_run.values():
            self._stat("rmol/state/pending_resumed")
            for request in self.paths.reach(url, depth):
                yield request
        yield self._request(self.site.home(), self.parse_home, PRIORITY_LISTING)
        for slug in self.sections:
            yield self._listing(slug, 1)
        for request in self._revisits():
            yield request

    def _requests_for(self, url: str) -> Iterator[Request]:
        """Requests for a user-given URL, routed by what the URL is."""
        if self.site.parse_article(url):
            yield from self.paths.reach(url, 0)
            return
        meta = {"rmol_single": True}
        if self.site.section_of_listing(url):
            yield self._request(url, self.parse_listing, PRIORITY_LISTING, meta=meta)
        else:
            yield self._request(url, self.parse_home, PRIORITY_LISTING, meta=meta)

    # ---- discovery -------------------------------------------------------------------------
    def parse_home(self, response: Response) -> Iterator[Any]:
        page = self._listing_page(response)
        if page is None:
            return
        if not response.meta.get("rmol_single"):
            for slug in page.section_slugs():
                if slug not in self.sections:
                    self._stat("rmol/discovery/menu_sections")
                    self.sections.append(slug)
                    yield self._listing(slug, 1)
        urls = page.article_urls()
        self._count_links(urls)
        yield from self._articles_from(urls)

    def parse_listing(self, response: Response) -> Iterator[Any]:
        page = self._listing_page(response)
        if page is None:
            return
        section = self.site.section_of_listing(response.url) or "?"
        number = page.page_number()
        urls = page.article_urls()
        refs = [r for r in map(self.site.parse_article, urls) if r is not None]
        self._stat("rmol/discovery/listing_pages")
        self._count_links(urls)
        self.run.listing_seen(section, number, [rmol_key(r.id) for r in refs])
        yield from self._articles_from(urls)
        if response.meta.get("rmol_single"):
            return
        seen: set[int] = response.meta.get("rmol_seen_ids", set())
        fresh = [r for r in refs if r.id not in seen]  # menus and sidebars repeat on every page
        stop = self._stop_paging(section, number, fresh)
        next_url = None if stop else page.next_page_url()
        if stop is None and next_url is None:
            stop = "last_page"
        if stop is not None or next_url is None:
            self._stat(f"rmol/discovery/stopped/{stop}")
            self.run.walk_done(section)
            return
        yield self._request(
            next_url,
            self.parse_listing,
            PRIORITY_NEXT_PAGE,
            meta={"rmol_seen_ids": seen | {r.id for r in refs}},
        )

    def _stop_paging(self, section: str, number: int, fresh: list[ArticleRef]) -> str | None:
        """Why paging this section ends at this page, or None to go on."""
        if not fresh:
            return "no_new_links"  # a loop, or endless pages repeating the same articles
        if self.args.since and all(r.date < self.args.since for r in fresh):
            return "since"
        if (
            self.incremental
            and not self.run.previous_walk_incomplete(section)
            and not any(self._is_new(rmol_key(r.id)) for r in fresh)
        ):
            return "nothing_new"
        if number >= self.args.max_pages:
            return "max_pages"
        return None

    def _count_links(self, urls: list[str]) -> None:
        refs = [r for r in map(self.site.parse_article, urls) if r is not None]
        self._stat("rmol/discovery/article_links", len(refs))
        self._stat("rmol/discovery/new_links", sum(self._is_new(rmol_key(r.id)) for r in refs))

    def _articles_from(self, urls: list[str]) -> Iterator[Request]:
        for url in urls:
            yield from self.paths.reach(url, 0)

    def _in_window(self, url: str) -> bool:
        """Whether the URL's date can be in the since/until window (one day of slack for zones)."""
        ref = self.site.parse_article(url)
        if ref is None:
            return False
        slack = dt.timedelta(days=1)
        if self.args.since and ref.date < self.args.since - slack:
            self._stat("rmol/discovery/skipped/before_since")
            return False
        if self.args.until and ref.date > self.args.until + slack:
            self._stat("rmol/discovery/skipped/after_until")
            return False
        return True

    # ---- articles --------------------------------------------------------------------------
    def parse_article(self, response: Response) -> Iterator[Any]:
        if response.status in GONE_STATUSES:  # a revisit: other requests fail on 404/410
            yield from self._gone(response)
            return
        text = self._text(response)
        if text is None:
            return
        page = ArticlePage(response.url, text, self.site)
        crawled_at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        result = page.extract(crawled_at)
        revisit = self._revisited(response)
        if result.item is None:
            self._stat(f"rmol/page/rejected/{result.rejected}")
            logger.info("Not an article (%s): %s", result.rejected, response.url)
            if revisit is not None:
                yield from self._revisit_not_article(response, result.rejected)
            elif page.ref is not None and result.rejected in DEFINITIVE_REJECTIONS:
                self.run.reject(rmol_key(page.ref.id), result.rejected)
            return
        for key in result.stat_keys():
            self._stat(key)
        self._stat("rmol/page/articles")
        item: ArticleItem = result.item
        self.run.fetched_urls[item.key] = response.url
        yield item
        if revisit is None:  # a revisit's related links were followed at its first fetch
            related = [link["url"] for link in item.related]
            yield from self.paths.parsed(item.key, related, int(response.meta.get("rmol_depth", 0)))

    # ---- helpers ---------------------------------------------------------------------------
    def _listing(self, slug: str, page: int) -> Request:
        return self._request(self.site.section(slug, page), self.parse_listing, PRIORITY_LISTING)

    def _key_of(self, url: str) -> str | None:
        """The key of the article ``url`` links: articles are told apart by id, not URL, so
        the section, section-less and AMP URLs of one article are fetched once."""
        ref = self.site.parse_article(url)
        return rmol_key(ref.id) if ref is not None else None

    def _schedule(self, url: str, key: str, depth: int) -> Request | None:
        """The request for a new article, or None when it is outside the date window or the
        crawl state knows it (a URL given with ``urls=`` is fetched all the same)."""
        if not self._in_window(url) or self._known_to_state(url, key):
            return None
        self.run.discover(key, url, depth)
        priority = self.article_priority(depth)
        return self._request(url, self.parse_article, priority, meta={"rmol_depth": depth})

    def _revisit_request(self, url: str, meta: dict[str, Any]) -> Request | None:
        return self._request(url, self.parse_article, PRIORITY_REVISIT, meta=meta)

    def _request(
        self, url: str, callback: Any, priority: int, meta: dict[str, Any] | None = None
    ) -> Request:
        meta = dict(meta or {})
        if self.args.render:
            meta["playwright"] = True
        # The spider dedups articles by id itself; Scrapy's duplicate filter (persisted under
        # JOBDIR) would otherwise swallow listing pages that later runs must refetch, and
        # articles lost in flight when a crawl is killed.
        return Request(
            url,
            callback=callback,
            errback=self.on_error,
            priority=priority,
            meta=meta,
            dont_filter=True,
        )

    def _listing_page(self, response: Response) -> ListingPage | None:
        text = self._text(response)
        return None if text is None else ListingPage(response.url, text, self.site)

    def on_error(self, failure: Failure) -> None:
        """Count every failed request by kind; mark gone articles; notice a section gone."""
        url, status, kind = self._count_failure(failure)
        ref = self.site.parse_article(url)
        if ref is not None and status in GONE_STATUSES:
            self.run.reject(rmol_key(ref.id), kind)
        section = self.site.section_of_listing(url)
        if (
            section
            and self.site.page_number(url) == 1
            and status is not None
            and self.run.listing_failed(section, kind)
        ):
            self._stat("rmol/discovery/sections_gone")
            logger.warning("Section %r had articles before and now answers %s", section, status)
