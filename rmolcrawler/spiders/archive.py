"""The ``rmol_archive`` spider: backfill rmol.id articles from public archives, without a
single request to rmol.id.

``-a source=ia`` reads the Wayback Machine's CDX API and fetches each chosen capture as
``{RMOL_IA_WAYBACK_URL}/{timestamp}id_/{original}``; ``-a source=cc`` reads the Common Crawl
URL index of the crawls overlapping ``since``/``until`` (or ``-a crawls=ID,...``) and fetches
each chosen record by byte range from ``{RMOL_CC_DATA_URL}/{filename}``.

Every index page is read before any article is fetched, because the captures of one article
(desktop, section-less and AMP URLs) sort apart. Per article id the earliest 200 HTML capture
made on or after the URL's date is fetched; when it turns out not to be the article (a
not-found page captured before publication), the next capture is tried. A broken record
(wrong range, truncated gzip, another URL's record) is a counted drop
(``rmol/archive/dropped/<reason>``), not a reason to try another capture. The page is read by
the same :class:`ArticlePage` as a live fetch, with the original URL, and ``crawled_at`` is
the capture time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any, Self
from urllib.parse import urlencode

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError
from scrapy.http import HtmlResponse, Response
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from rmolcrawler.archive.cdx import (
    Capture,
    CdxError,
    CrawlInfo,
    candidates_by_id,
    is_no_captures,
    parse_cc_lines,
    parse_cc_num_pages,
    parse_collinfo,
    parse_ia_num_pages,
    parse_ia_rows,
    read_warc_record,
)
from rmolcrawler.items import ArchiveProvenance, WarcLocation, rmol_key
from rmolcrawler.pages.article import ArticlePage
from rmolcrawler.spiders.base import (
    DEFINITIVE_REJECTIONS,
    PRIORITY_ARTICLE,
    PRIORITY_LISTING,
    CrawlArgs,
    NewsSpider,
)
from rmolcrawler.urls import SiteUrls, site_urls

logger = logging.getLogger(__name__)

SOURCES = ("cc", "ia")
CAPTURE_SLACK = dt.timedelta(days=31)
"""Wayback captures are asked for up to this long after ``until``: an article published on
the last day is usually first captured within days."""


@dataclass(frozen=True)
class ArchiveArgs(CrawlArgs):
    """The shared arguments plus ``source`` (``cc`` or ``ia``) and ``crawls`` (Common Crawl
    crawl ids; empty: those overlapping ``since``/``until``)."""

    source: str = "ia"
    crawls: tuple[str, ...] = ()


class ArchiveSpider(NewsSpider):
    name = "rmol_archive"
    # Good citizenship towards the archives, which rate-limit bulk readers: one request at a
    # time per host, and more patience for their 503s (each waits out its Retry-After).
    custom_settings = {"CONCURRENT_REQUESTS_PER_DOMAIN": 1, "RETRY_TIMES": 5}  # noqa: RUF012

    args: ArchiveArgs
    site: SiteUrls
    cc_index_url: str
    cc_data_url: str
    ia_cdx_url: str
    ia_wayback_url: str
    captures: list[Capture]
    """Every article capture the index pages listed, until the fetches are scheduled."""
    index_in_flight: int
    """Index requests not yet answered: the fetches start when it drops to 0."""

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.site = site_urls(settings.get("RMOL_BASE_URL", "https://rmol.id"))
        spider.args = cls.parse_args(spider._raw_args, settings)
        spider.cc_index_url = settings.get("RMOL_CC_INDEX_URL").rstrip("/")
        spider.cc_data_url = settings.get("RMOL_CC_DATA_URL").rstrip("/")
        spider.ia_cdx_url = settings.get("RMOL_IA_CDX_URL").rstrip("/")
        spider.ia_wayback_url = settings.get("RMOL_IA_WAYBACK_URL").rstrip("/")
        spider.captures = []
        spider.index_in_flight = 0
        spider.start_run(crawler)
        return spider

    @classmethod
    def parse_args(cls, raw: dict[str, Any], settings: BaseSettings) -> ArchiveArgs:
        source = str(raw.get("source") or "").strip().lower()
        if source not in SOURCES:
            raise UsageError(f"source must be one of {', '.join(SOURCES)}, got {source!r}")
        crawls = tuple(c.strip() for c in str(raw.get("crawls") or "").split(",") if c.strip())
        if crawls and source != "cc":
            raise UsageError("crawls= applies to source=cc only")
        if raw.get("urls"):
            raise UsageError("urls= is not taken by rmol_archive; give since/until")
        if raw.get("revisit"):
            raise UsageError("revisit= is not taken by rmol_archive: archives do not change")
        args = ArchiveArgs.parse(raw, settings, lambda url: None, source=source, crawls=crawls)
        return dataclasses.replace(args, revisit="off")

    # ---- start -----------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        self.check_can_start()
        if self.args.source == "ia":
            yield self._index_request(self._ia_query(showNumPages="true"), self.parse_ia_pages)
        elif self.args.crawls:
            for crawl in self.args.crawls:
                yield self._cc_pages_request(crawl)
        else:
            yield self._index_request(f"{self.cc_index_url}/collinfo.json", self.parse_collinfo)

    # ---- Wayback Machine index -------------------------------------------------------------
    def _ia_query(self, **extra: str) -> str:
        params = [("url", f"{self.site.host}/*"), ("output", "json")]
        if self.args.since:
            params.append(("from", f"{self.args.since:%Y%m%d}"))
        if self.args.until:
            params.append(("to", f"{self.args.until + CAPTURE_SLACK:%Y%m%d}"))
        params += [("filter", "statuscode:200"), ("collapse", "digest"), *extra.items()]
        return f"{self.ia_cdx_url}?{urlencode(params)}"

    def parse_ia_pages(self, response: Response) -> Iterator[Request]:
        try:
            pages = parse_ia_num_pages(response.text)
        except CdxError as exc:
            self._index_problem(response, exc)
            pages = 0
        for page in range(self._page_limit(pages)):
            yield self._index_request(self._ia_query(page=str(page)), self.parse_ia_index)
        yield from self._index_done()

    def parse_ia_index(self, response: Response) -> Iterator[Request]:
        try:
            captures, _ = parse_ia_rows(response.text)
        except CdxError as exc:
            self._index_problem(response, exc)
            captures = []
        self._add_captures(captures)
        yield from self._index_done()

    # ---- Common Crawl index ----------------------------------------------------------------
    def parse_collinfo(self, response: Response) -> Iterator[Request]:
        try:
            crawls: list[CrawlInfo] = parse_collinfo(response.text)
        except CdxError as exc:
            self._index_problem(response, exc)
            crawls = []
        chosen = [c.id for c in crawls if c.overlaps(self.args.since, self.args.until)]
        logger.info("Common Crawl crawls overlapping the window: %s", ", ".join(chosen) or "none")
        self._stat("rmol/archive/crawls", len(chosen))
        for crawl in chosen:
            yield self._cc_pages_request(crawl)
        yield from self._index_done()

    def _cc_query(self, crawl: str, **extra: str) -> str:
        params = [
            ("url", f"{self.site.host}/*"),
            ("output", "json"),
            ("filter", "status:200"),
            ("filter", "mime:text/html"),
            *extra.items(),
        ]
        return f"{self.cc_index_url}/{crawl}-index?{urlencode(params)}"

    def _cc_pages_request(self, crawl: str) -> Request:
        url = self._cc_query(crawl, showNumPages="true")
        return self._index_request(url, self.parse_cc_pages, meta={"rmol_crawl": crawl})

    def parse_cc_pages(self, response: Response) -> Iterator[Request]:
        crawl = response.meta["rmol_crawl"]
        pages = 0
        if not is_no_captures(response.status, response.text):
            try:
                pages = parse_cc_num_pages(response.text)
            except CdxError as exc:
                self._index_problem(response, exc)
        for page in range(self._page_limit(pages)):
            url = self._cc_query(crawl, page=str(page))
            yield self._index_request(url, self.parse_cc_index)
        yield from self._index_done()

    def parse_cc_index(self, response: Response) -> Iterator[Request]:
        captures: list[Capture] = []
        if is_no_captures(response.status, response.text):
            self._stat("rmol/archive/index_pages_empty")
        elif response.status != 200:
            self._index_problem(response, CdxError(f"HTTP {response.status}"))
        else:
            try:
                captures = parse_cc_lines(response.text)
            except CdxError as exc:
                self._index_problem(response, exc)
        self._add_captures(captures)
        yield from self._index_done()

    # ---- index bookkeeping -----------------------------------------------------------------
    def _index_request(
        self, url: str, callback: Any, meta: dict[str, Any] | None = None
    ) -> Request:
        self.index_in_flight += 1
        self._stat("rmol/archive/index_requests")
        return Request(
            url,
            callback=callback,
            errback=self.on_index_error,
            priority=PRIORITY_LISTING,
            meta={**(meta or {}), "handle_httpstatus_list": [404]},
            dont_filter=True,
        )

    def _page_limit(self, pages: int) -> int:
        if pages > self.args.max_pages:
            self._stat("rmol/archive/index_pages_skipped", pages - self.args.max_pages)
            logger.warning(
                "The index has %d pages; reading %d (max_pages)", pages, self.args.max_pages
            )
        return min(pages, self.args.max_pages)

    def _add_captures(self, captures: list[Capture]) -> None:
        self._stat("rmol/archive/index_pages")
        self._stat("rmol/archive/captures", len(captures))
        self.captures.extend(captures)

    def _index_problem(self, response: Response, exc: Exception) -> None:
        self._stat("rmol/archive/index_unreadable")
        logger.warning("Unreadable index answer (%s): %s", exc, response.url)

    def on_index_error(self, failure: Failure) -> Iterator[Request]:
        self._count_failure(failure)
        self._stat("rmol/archive/index_failed")
        yield from self._index_done()

    def _index_done(self) -> Iterator[Request]:
        """Count one index answer; after the last one, schedule the article fetches."""
        self.index_in_flight -= 1
        if self.index_in_flight == 0:
            yield from self._fetches()

    # ---- captures --------------------------------------------------------------------------
    def _article_of(self, url: str) -> tuple[int, dt.date] | None:
        ref = self.site.parse_article(url)
        if ref is None:
            return None
        if (self.args.since and ref.date < self.args.since) or (
            self.args.until and ref.date > self.args.until
        ):
            return None
        return ref.id, ref.date

    def _fetches(self) -> Iterator[Request]:
        chosen = candidates_by_id(self.captures, self._article_of)
        self.captures = []
        self._stat("rmol/archive/articles", len(chosen))
        for article_id, candidates in chosen.items():
            if self._known_to_state(candidates[0].url, rmol_key(article_id)):
                continue
            yield self._fetch(candidates, 0)

    def _fetch(self, candidates: list[Capture], index: int) -> Request:
        cap = candidates[index]
        meta = {"rmol_candidates": candidates, "rmol_index": index}
        if self.args.source == "ia":
            url = self._replay_url(cap)
            callback, headers = self.parse_ia_capture, {}
        else:
            url = f"{self.cc_data_url}/{cap.filename}"
            last = cap.offset + cap.length - 1
            callback, headers = self.parse_cc_record, {"Range": f"bytes={cap.offset}-{last}"}
        # Many records share one WARC file URL: the spider dedups by article id itself.
        return Request(
            url,
            callback=callback,
            errback=self.on_capture_error,
            headers=headers,
            priority=PRIORITY_ARTICLE,
            meta=meta,
            dont_filter=True,
        )

    def parse_ia_capture(self, response: Response) -> Iterator[Any]:
        text = self._text(response)
        if text is not None:
            yield from self._extract(response, text)

    def parse_cc_record(self, response: Response) -> Iterator[Any]:
        self._stat("rmol/fetch/answered")
        cap = self._capture(response)
        payload = read_warc_record(response.body, cap.url)
        if isinstance(payload, str):
            self._drop(cap, payload)
            return
        page = HtmlResponse(
            cap.url, status=payload.status, headers=payload.headers, body=payload.body
        )
        yield from self._extract(response, page.text)

    @staticmethod
    def _capture(response: Response) -> Capture:
        capture: Capture = response.meta["rmol_candidates"][response.meta["rmol_index"]]
        return capture

    def _extract(self, response: Response, html: str) -> Iterator[Any]:
        candidates: list[Capture] = response.meta["rmol_candidates"]
        index: int = response.meta["rmol_index"]
        cap = candidates[index]
        page = ArticlePage(cap.url, html, self.site)
        result = page.extract(cap.crawled_at)
        if result.item is None:
            # Not rmol/page/rejected: an archived challenge page is not the site blocking us.
            self._stat(f"rmol/archive/rejected/{result.rejected}")
            logger.info(
                "Capture %s of %s is no article (%s)", cap.timestamp, cap.url, result.rejected
            )
            if index + 1 < len(candidates):
                self._stat("rmol/archive/next_capture")
                yield self._fetch(candidates, index + 1)
            elif page.ref is not None and result.rejected in DEFINITIVE_REJECTIONS:
                self.run.reject(rmol_key(page.ref.id), result.rejected)
            return
        result.item.archive = self._provenance(cap)
        for key in result.stat_keys():
            self._stat(key)
        self._stat("rmol/page/articles")
        self._stat(f"rmol/archive/emitted/{self.args.source}")
        logger.info(
            "Article %s from %s capture %s of %s",
            result.item.key,
            self.args.source,
            cap.timestamp,
            cap.url,
        )
        yield result.item

    def _provenance(self, cap: Capture) -> ArchiveProvenance:
        if self.args.source == "ia":
            replay_url: str | None = self._replay_url(cap)
            warc: WarcLocation | None = None
        else:
            replay_url = None
            warc = {"filename": cap.filename, "offset": cap.offset, "length": cap.length}
        return {
            "source": self.args.source,
            "captured_at": cap.crawled_at,
            "url": cap.url,
            "replay_url": replay_url,
            "warc": warc,
            "digest": cap.digest or None,
        }

    def _replay_url(self, cap: Capture) -> str:
        return f"{self.ia_wayback_url}/{cap.timestamp}id_/{cap.url}"

    def _drop(self, cap: Capture, reason: str) -> None:
        self._stat(f"rmol/archive/dropped/{reason}")
        logger.warning(
            "Dropped %s capture %s of %s (%s)", self.args.source, cap.timestamp, cap.url, reason
        )

    def on_capture_error(self, failure: Failure) -> None:
        _, _, kind = self._count_failure(failure)
        request = getattr(failure, "request", None)
        if request is not None and "rmol_candidates" in request.meta:
            cap = request.meta["rmol_candidates"][request.meta["rmol_index"]]
            self._drop(cap, kind)

    # ---- what NewsSpider asks for ----------------------------------------------------------
    def _key_of(self, url: str) -> str | None:
        ref = self.site.parse_article(url)
        return rmol_key(ref.id) if ref is not None else None

    def _schedule(self, url: str, key: str, depth: int) -> Request | None:
        return None  # articles are reached through the archives' indexes only
