"""What the two spiders share: checked arguments, the run's state and context, request kinds,
shortest discovery paths and the counting of fetches and failures.

``rmol`` (rmol.id) and ``rmol_regional`` (the regional network) differ in their URL grammar,
their page classes and how they find listings; everything here is the same for both.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Self

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, UsageError
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from rmolcrawler.config import apply_runtime_settings
from rmolcrawler.context import run_context
from rmolcrawler.incremental import RunState
from rmolcrawler.items import RemovalItem
from rmolcrawler.revisions import DEFAULT_REVISIT_SCHEDULE, RevisitSchedule
from rmolcrawler.spiders.paths import ShortestPaths

logger = logging.getLogger(__name__)

# Request kinds, from first to last. Articles outrank further listing pages, so that the queue
# holds about one page of articles per listing, however deep a backfill goes.
PRIORITY_LISTING = 20
PRIORITY_ARTICLE = 10
PRIORITY_NEXT_PAGE = 5
PRIORITY_REVISIT = 2
PRIORITY_RELATED = 0

# Outcomes that will not change on a refetch: the article is marked so and not fetched again.
DEFINITIVE_REJECTIONS = frozenset(
    {
        "not_found",
        "listing_page",
        "no_article_content",
        "gallery_page",
        "video_page",
        "static_page",
        "category_page",
        "tag_page",
        "profile_page",
    }
)
GONE_STATUSES = frozenset({404, 410})
REVISIT_MODES = ("on", "off", "all")


@dataclass(frozen=True)
class CrawlArgs:
    """Validated spider arguments (``-a name=value``) that both spiders take."""

    urls: tuple[str, ...] = ()
    max_pages: int = 5
    related_depth: int = 1
    since: dt.date | None = None
    until: dt.date | None = None
    render: bool = False
    refresh: bool = False
    revisit: str = "on"
    """``on``: fetch the emitted articles the schedule says are due; ``off``: none this run;
    ``all``: every emitted article not known to be removed."""
    schedule: RevisitSchedule = field(default_factory=RevisitSchedule)
    """``RMOL_REVISIT_SCHEDULE``, parsed."""

    @classmethod
    def parse(
        cls,
        raw: dict[str, Any],
        settings: BaseSettings,
        url_problem: Callable[[str], str | None],
        **extra: Any,
    ) -> Self:
        """Check every argument; raise :class:`UsageError` with a clear message on bad values.

        ``url_problem(url)`` says what is wrong with a URL given with ``urls=`` (None: nothing);
        ``extra`` holds a subclass's own fields, checked by its caller.
        """
        urls = tuple(u.strip() for u in str(raw.get("urls") or "").split(",") if u.strip())
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise UsageError(f"urls: {url!r} is not an http(s) URL")
            if problem := url_problem(url):
                raise UsageError(f"urls: {url!r} {problem}")
        since = parse_date("since", raw.get("since"))
        until = parse_date("until", raw.get("until"))
        if since and until and since > until:
            raise UsageError(f"since ({since}) is after until ({until})")
        return cls(
            urls=urls,
            max_pages=parse_int(
                "max_pages", raw.get("max_pages"), settings.getint("RMOL_MAX_PAGES", 5), minimum=1
            ),
            related_depth=parse_int(
                "related_depth",
                raw.get("related_depth"),
                settings.getint("RMOL_RELATED_DEPTH", 1),
                minimum=0,
            ),
            since=since,
            until=until,
            render=parse_bool("render", raw.get("render"), settings.getbool("RMOL_RENDER")),
            refresh=parse_bool("refresh", raw.get("refresh"), False),
            revisit=parse_revisit(raw.get("revisit")),
            schedule=revisit_schedule(settings),
            **extra,
        )


class NewsSpider(Spider):
    """The part of crawl policy both spiders share. A subclass parses its arguments into
    :attr:`args` in ``from_crawler``, then calls :meth:`start_run`; it defines ``_key_of`` (the
    article key of a URL, or None) and ``_schedule`` (the request for a new article, or None)."""

    args: CrawlArgs
    paths: ShortestPaths[str, Request]
    run_id: str

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._raw_args = dict(kwargs)
        super().__init__(*args, **kwargs)

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        apply_runtime_settings(settings, cls.name)

    @classmethod
    def parse_args(cls, raw: dict[str, Any], settings: BaseSettings) -> CrawlArgs:
        """The spider's arguments, checked (:class:`UsageError` with the reason)."""
        raise NotImplementedError

    def start_run(self, crawler: Crawler) -> None:
        """Share the date window with the pipelines and set up shortest paths."""
        context = run_context(crawler)
        context.since, context.until = self.args.since, self.args.until
        for key, value in context.info.uri_params().items():
            setattr(self, key, value)  # FEEDS URI templates read spider attributes
        self.paths = ShortestPaths(
            self.args.related_depth,
            key_of=self._key_of,
            schedule=self._schedule,
            shorter=self._shorter,
        )

    def _key_of(self, url: str) -> str | None:
        raise NotImplementedError

    def _schedule(self, url: str, key: str, depth: int) -> Request | None:
        raise NotImplementedError

    @cached_property
    def run(self) -> RunState:
        """This run's view of the crawl state (none when RMOL_STATE_ENABLED is off)."""
        return run_context(self.crawler).state or RunState(None)

    @property
    def incremental(self) -> bool:
        """Scheduled mode: stop paging at the first listing page holding nothing new."""
        return not (self.args.refresh or self.args.since or self.args.until)

    def _stat(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(key, n)

    def check_can_start(self) -> None:
        """Close the spider before any request when the state is locked or outputs unwritable.
        Hands the revisit schedule to the run's state (open by now)."""
        self.crawler.stats.set_value("rmol/run_id", self.run_id)
        self.run.use_schedule(self.args.schedule)
        if self.run.error:
            raise CloseSpider("state_locked")
        outputs = run_context(self.crawler).outputs
        if outputs is not None and outputs.problem:
            raise CloseSpider("output_unwritable")

    def _is_new(self, key: str) -> bool:
        """Neither emitted nor rejected before, nor left pending by the last run.

        Pending articles are fetched directly at the start of the run, so a page that lists
        only those and known ones holds nothing new for the walk.
        """
        return not self.run.is_known(key) and key not in self.run.pending_keys

    def _shorter(self, url: str, key: str, depth: int) -> None:
        self.run.discover(key, url, depth)
        self._stat("rmol/discovery/shorter_path")

    def _known_to_state(self, url: str, key: str) -> bool:
        """Whether the state knows the article and this run should skip it (counted); a URL
        given with ``urls=`` and a ``refresh`` run fetch it all the same."""
        if url in self.args.urls or self.args.refresh or not self.run.is_known(key):
            return False
        self._stat("rmol/state/skipped_known")
        return True

    # ---- revisits ----------------------------------------------------------------------------
    def _revisits(self) -> Iterator[Request]:
        """Requests for the emitted articles due again (none with ``urls=`` or
        ``revisit=off``), after the new articles and listings in priority."""
        if self.args.revisit == "off" or self.args.urls:
            return
        now = None if self.args.revisit == "all" else dt.datetime.now(dt.UTC)
        for content in self.run.due_revisits(now):
            meta = {"rmol_revisit": content.key, "handle_httpstatus_list": sorted(GONE_STATUSES)}
            request = self._revisit_request(content.url, meta)
            if request is not None:
                self._stat("rmol/revisit/requested")
                yield request

    def _revisit_request(self, url: str, meta: dict[str, Any]) -> Request | None:
        """The subclass's request for a revisit of ``url`` (None: not this run's to fetch)."""
        raise NotImplementedError

    def _revisited(self, response: Response) -> str | None:
        """The key of the article ``response`` revisits; None for a first fetch."""
        key = response.meta.get("rmol_revisit")
        return key if isinstance(key, str) and self.run.is_revisit(key) else None

    def _gone(self, response: Response) -> Iterator[RemovalItem]:
        """The removal record when a revisit answers 404 or 410."""
        key = self._revisited(response)
        if key is not None and response.status in GONE_STATUSES:
            self._stat("rmol/fetch/answered")
            yield self._removal(key, response, f"http_{response.status}")

    def _revisit_not_article(
        self, response: Response, rejected: str | None
    ) -> Iterator[RemovalItem]:
        """A revisit that found no article: a not-found page is a removal; anything else (a
        block or error page) may pass, so the article is only checked, and fetched again
        when the schedule says."""
        key = self._revisited(response)
        if key is None:
            return
        if rejected == "not_found":
            yield self._removal(key, response, "not_found_page")
            return
        self._stat(f"rmol/revisit/not_article/{rejected}")
        logger.info("Revisit found no article (%s): %s", rejected, response.url)
        self.run.checked(key, dt.datetime.now(dt.UTC))

    def _removal(self, key: str, response: Response, reason: str) -> RemovalItem:
        previous = self.run.revisits[key]
        now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        source, _, rest = key.partition("/")
        self._stat("rmol/revisit/removed")
        logger.info(
            "Removed (%s), %s revision %d: %s", reason, key, previous.revision, response.url
        )
        return RemovalItem(
            key=key,
            id=int(rest) if source == "rmol.id" else None,
            url=previous.url,
            source=source,
            revision=previous.revision,
            removed_at=now,
            status=response.status,
            reason=reason,
            crawled_at=now,
        )

    @staticmethod
    def article_priority(depth: int) -> int:
        return PRIORITY_ARTICLE if depth == 0 else PRIORITY_RELATED - depth

    def _text(self, response: Response) -> str | None:
        self._stat("rmol/fetch/answered")
        if not isinstance(response, TextResponse):
            self._stat("rmol/page/rejected/not_html")
            return None
        return response.text

    def _count_failure(self, failure: Failure) -> tuple[str, int | None, str]:
        """Count a failed request by kind (Scrapy has already logged it): its URL, HTTP status
        (None for a timeout or connection error) and kind (``http_404``, ``TimeoutError``)."""
        request = getattr(failure, "request", None)
        status = getattr(getattr(failure.value, "response", None), "status", None)
        kind = f"http_{status}" if status else failure.type.__name__ if failure.type else "unknown"
        self._stat(f"rmol/fetch/failed/{kind}")
        url = request.url if request else "?"
        logger.info("Request failed (%s): %s", kind, url)
        return url, status, kind


def parse_int(name: str, value: Any, default: int, minimum: int) -> int:
    if value is None or value == "":
        return default
    try:
        number = int(str(value))
    except ValueError:
        raise UsageError(f"{name} must be an integer, got {value!r}") from None
    if number < minimum:
        raise UsageError(f"{name} must be >= {minimum}, got {number}")
    return number


def parse_revisit(value: Any) -> str:
    """``revisit``: 1/on (default), 0/off, or ``all``."""
    if value is None or value == "":
        return "on"
    text = str(value).strip().lower()
    if text == "all":
        return "all"
    try:
        return "on" if parse_bool("revisit", text, True) else "off"
    except UsageError:
        raise UsageError(f"revisit must be 1, 0 or all, got {value!r}") from None


def revisit_schedule(settings: BaseSettings) -> RevisitSchedule:
    """``RMOL_REVISIT_SCHEDULE``, parsed (:class:`UsageError` with the reason)."""
    try:
        return RevisitSchedule.parse(
            str(settings.get("RMOL_REVISIT_SCHEDULE", DEFAULT_REVISIT_SCHEDULE))
        )
    except ValueError as exc:
        raise UsageError(f"RMOL_REVISIT_SCHEDULE: {exc}") from None


def parse_date(name: str, value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise UsageError(f"{name} must be a date as YYYY-MM-DD, got {value!r}") from None


def parse_bool(name: str, value: Any, default: bool) -> bool:
    if value is None or value == "":
        return default
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off"}:
        return False
    raise UsageError(f"{name} must be 1/0 (true/false), got {value!r}")
