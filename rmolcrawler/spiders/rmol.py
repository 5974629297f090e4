"""The ``rmol`` spider: crawl policy only. Extraction lives in :mod:`rmolcrawler.pages`.

Request kinds, from first to last priority: home and listing pages (discovery), then articles
found on listings, then articles found through related links (depth-limited).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any, Self

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from rmolcrawler.config import apply_runtime_settings
from rmolcrawler.items import ArticleItem
from rmolcrawler.pages.article import ArticlePage
from rmolcrawler.pages.listing import ListingPage
from rmolcrawler.urls import SiteUrls

logger = logging.getLogger(__name__)

PRIORITY_LISTING = 20
PRIORITY_ARTICLE = 10
PRIORITY_RELATED = 0


@dataclass(frozen=True)
class CrawlArgs:
    """Validated spider arguments (``-a name=value``)."""

    urls: tuple[str, ...] = ()
    max_pages: int = 5
    related_depth: int = 1
    since: dt.date | None = None
    until: dt.date | None = None
    render: bool = False

    @classmethod
    def parse(cls, raw: dict[str, Any], settings: BaseSettings) -> CrawlArgs:
        """Check every argument; raise :class:`UsageError` with a clear message on bad values."""
        urls = tuple(u.strip() for u in str(raw.get("urls") or "").split(",") if u.strip())
        site = SiteUrls(settings.get("RMOL_BASE_URL", "https://rmol.id"))
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise UsageError(f"urls: {url!r} is not an http(s) URL")
            if not site.is_onsite(url):
                raise UsageError(f"urls: {url!r} is not on {site.base} (RMOL_BASE_URL)")
        since = _parse_date("since", raw.get("since"))
        until = _parse_date("until", raw.get("until"))
        if since and until and since > until:
            raise UsageError(f"since ({since}) is after until ({until})")
        return cls(
            urls=urls,
            max_pages=_parse_int(
                "max_pages", raw.get("max_pages"), settings.getint("RMOL_MAX_PAGES", 5), minimum=1
            ),
            related_depth=_parse_int(
                "related_depth",
                raw.get("related_depth"),
                settings.getint("RMOL_RELATED_DEPTH", 1),
                minimum=0,
            ),
            since=since,
            until=until,
            render=_parse_bool("render", raw.get("render"), settings.getbool("RMOL_RENDER")),
        )


class RmolSpider(Spider):
    name = "rmol"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._raw_args = dict(kwargs)
        super().__init__(*args, **kwargs)

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        apply_runtime_settings(settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.args = CrawlArgs.parse(spider._raw_args, crawler.settings)
        spider.site = SiteUrls(crawler.settings.get("RMOL_BASE_URL"))
        spider.allowed_domains = [spider.site.host]
        spider.sections = list(crawler.settings.getlist("RMOL_SECTIONS"))
        spider.since = spider.args.since
        spider.until = spider.args.until
        return spider

    allowed_domains: list[str]
    args: CrawlArgs
    site: SiteUrls
    sections: list[str]
    since: dt.date | None
    until: dt.date | None

    # ---- start -----------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        if self.args.urls:
            for url in self.args.urls:
                yield self._request_for(url)
            return
        yield self._request(self.site.home(), self.parse_home, PRIORITY_LISTING)
        for slug in self.sections:
            yield self._listing(slug, 1)

    def _request_for(self, url: str) -> Request:
        """A request for a user-given URL, routed by what the URL is."""
        if self.site.parse_article(url):
            return self._article(url, depth=0, dont_filter=True)
        if self.site.section_of_listing(url):
            return self._request(
                url, self.parse_listing, PRIORITY_LISTING, meta={"rmol_single": True}
            )
        return self._request(url, self.parse_home, PRIORITY_LISTING, meta={"rmol_single": True})

    # ---- discovery -------------------------------------------------------------------------
    def parse_home(self, response: Response) -> Iterator[Any]:
        page = self._listing_page(response)
        if page is None:
            return
        if not response.meta.get("rmol_single"):
            for slug in page.section_slugs():
                if slug not in self.sections:
                    self.crawler.stats.inc_value("rmol/discovery/menu_sections")
                    self.sections.append(slug)
                    yield self._listing(slug, 1)
        yield from self._articles_from(page.article_urls())

    def parse_listing(self, response: Response) -> Iterator[Any]:
        page = self._listing_page(response)
        if page is None:
            return
        urls = page.article_urls()
        self.crawler.stats.inc_value("rmol/discovery/listing_pages")
        yield from self._articles_from(urls)
        if response.meta.get("rmol_single"):
            return
        number = page.page_number()
        if number >= self.args.max_pages:
            self.crawler.stats.inc_value("rmol/discovery/stopped/max_pages")
            return
        if self._older_than_since(urls, response.meta.get("rmol_seen_ids", set())):
            self.crawler.stats.inc_value("rmol/discovery/stopped/since")
            return
        next_url = page.next_page_url()
        if next_url is None:
            self.crawler.stats.inc_value("rmol/discovery/stopped/last_page")
            return
        seen = set(response.meta.get("rmol_seen_ids", set()))
        seen.update(ref.id for ref in map(self.site.parse_article, urls) if ref)
        yield self._request(
            next_url, self.parse_listing, PRIORITY_LISTING, meta={"rmol_seen_ids": seen}
        )

    def _older_than_since(self, urls: list[str], seen: set[int]) -> bool:
        """True when every article first listed on this page predates ``since``.

        Links already seen on earlier pages of the section (menus, sidebars) do not count, so a
        sidebar of fresh headlines cannot keep a backfill paging forever.
        """
        if self.args.since is None:
            return False
        refs = [r for r in map(self.site.parse_article, urls) if r and r.id not in seen]
        return bool(refs) and all(r.date < self.args.since for r in refs)

    def _articles_from(self, urls: list[str]) -> Iterator[Request]:
        for url in urls:
            if self._in_window(url):
                yield self._article(url, depth=0)

    def _in_window(self, url: str) -> bool:
        """Whether the URL's date can be in the since/until window (one day of slack for zones)."""
        ref = self.site.parse_article(url)
        if ref is None:
            return False
        slack = dt.timedelta(days=1)
        if self.args.since and ref.date < self.args.since - slack:
            self.crawler.stats.inc_value("rmol/discovery/skipped/before_since")
            return False
        if self.args.until and ref.date > self.args.until + slack:
            self.crawler.stats.inc_value("rmol/discovery/skipped/after_until")
            return False
        return True

    # ---- articles --------------------------------------------------------------------------
    def parse_article(self, response: Response) -> Iterator[Any]:
        text = self._text(response)
        if text is None:
            return
        page = ArticlePage(response.url, text, self.site)
        crawled_at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        result = page.extract(crawled_at)
        stats = self.crawler.stats
        if result.item is None:
            stats.inc_value(f"rmol/page/rejected/{result.rejected}")
            logger.info("Not an article (%s): %s", result.rejected, response.url)
            return
        for name, layer in result.layers.items():
            stats.inc_value(f"rmol/extract/{name}/{layer}")
        for name in result.missing:
            stats.inc_value(f"rmol/extract/{name}/missing")
        stats.inc_value("rmol/page/articles")
        item: ArticleItem = result.item
        yield item
        depth = int(response.meta.get("rmol_depth", 0))
        if depth < self.args.related_depth:
            for link in item.related:
                if self._in_window(link["url"]):
                    yield self._article(link["url"], depth=depth + 1)

    # ---- helpers ---------------------------------------------------------------------------
    def _listing(self, slug: str, page: int) -> Request:
        return self._request(self.site.section(slug, page), self.parse_listing, PRIORITY_LISTING)

    def _article(self, url: str, depth: int, dont_filter: bool = False) -> Request:
        priority = PRIORITY_ARTICLE if depth == 0 else PRIORITY_RELATED - depth
        return self._request(
            url, self.parse_article, priority, meta={"rmol_depth": depth}, dont_filter=dont_filter
        )

    def _request(
        self,
        url: str,
        callback: Any,
        priority: int,
        meta: dict[str, Any] | None = None,
        dont_filter: bool = False,
    ) -> Request:
        meta = dict(meta or {})
        if self.args.render:
            meta["playwright"] = True
        return Request(
            url,
            callback=callback,
            errback=self.on_error,
            priority=priority,
            meta=meta,
            dont_filter=dont_filter,
        )

    def _listing_page(self, response: Response) -> ListingPage | None:
        text = self._text(response)
        return None if text is None else ListingPage(response.url, text, self.site)

    def _text(self, response: Response) -> str | None:
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("rmol/page/rejected/not_html")
            return None
        return response.text

    def on_error(self, failure: Failure) -> None:
        """Count every failed request by kind; Scrapy has already logged it."""
        request = getattr(failure, "request", None)
        status = getattr(getattr(failure.value, "response", None), "status", None)
        kind = f"http_{status}" if status else failure.type.__name__ if failure.type else "unknown"
        self.crawler.stats.inc_value(f"rmol/fetch/failed/{kind}")
        logger.info("Request failed (%s): %s", kind, request.url if request else "?")


def _parse_int(name: str, value: Any, default: int, minimum: int) -> int:
    if value is None or value == "":
        return default
    try:
        number = int(str(value))
    except ValueError:
        raise UsageError(f"{name} must be an integer, got {value!r}") from None
    if number < minimum:
        raise UsageError(f"{name} must be >= {minimum}, got {number}")
    return number


def _parse_date(name: str, value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise UsageError(f"{name} must be a date as YYYY-MM-DD, got {value!r}") from None


def _parse_bool(name: str, value: Any, default: bool) -> bool:
    if value is None or value == "":
        return default
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off"}:
        return False
    raise UsageError(f"{name} must be 1/0 (true/false), got {value!r}")
