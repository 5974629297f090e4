"""Every response the crawler receives, written to WARC files with warcio.

:class:`WarcFiles` is the store: a ``warcinfo`` record opens each file; each fetch adds a
``request`` record and a ``response`` record (HTTP status line, headers and payload as
received) tied by ``WARC-Concurrent-To``, with block and payload digests computed by warcio.
Files are named ``<spider>-<run id>-00000.warc.gz``, written as ``<name>.partial`` and renamed
when closed: when ``RMOL_WARC_MAX_BYTES`` is reached or the spider closes. The first failed
write (a full disk, an unwritable directory) stops archiving for the run: the file is cut back
to its last complete record and published, the error is kept for the ``warc`` health check,
and the crawl and its items go on.

:class:`WarcMiddleware` is the downloader middleware that feeds it. Its priority (880) puts
its ``process_response`` before those of the middlewares that change a response
(``HttpCompressionMiddleware`` 590 decodes the body, redirects 600 and retries 550 replace it),
so the body is stored still compressed as the server sent it, and 3xx, 4xx, 5xx answers and
``robots.txt`` are archived like any page. Pages rendered by Chromium (``meta["playwright"]``)
have no raw payload: their record holds the rendered HTML and carries
``WARC-Resource-Type: rendered-html``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import os
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Self
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

from rmolcrawler.context import run_context
from rmolcrawler.storage import PARTIAL_SUFFIX, fsync_dir

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

SUFFIX = ".warc.gz"
RENDERED = "rendered-html"
"""``WARC-Resource-Type`` of a record holding a page as Chromium rendered it."""
# Hop-by-hop framing the HTTP client already undid (the body is de-chunked), and for rendered
# pages the encoding and length of a payload that is no longer the one they described.
_FRAMING = ("transfer-encoding",)
_RENDERED_DROP = ("transfer-encoding", "content-encoding", "content-length")


@dataclass(frozen=True)
class Fetch:
    """One HTTP exchange as it is archived."""

    url: str
    date: dt.datetime
    method: str = "GET"
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    request_body: bytes = b""
    status: int = 200
    protocol: str = "HTTP/1.1"
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    ip_address: str | None = None
    rendered: bool = False


def _pairs(headers: Any) -> list[tuple[str, str]]:
    """Scrapy headers (bytes, several values per name) as latin-1 text pairs, in order."""
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]


def fetch_of(request: Request, response: Response, now: dt.datetime) -> Fetch:
    """The exchange behind a Scrapy response, before any middleware changed the response."""
    rendered = bool(request.meta.get("playwright"))
    headers = _pairs(response.headers)
    drop = _RENDERED_DROP if rendered else _FRAMING
    headers = [(k, v) for k, v in headers if k.lower() not in drop]
    request_headers = _pairs(request.headers)
    if not any(k.lower() == "host" for k, _ in request_headers):
        request_headers.insert(0, ("Host", urlsplit(request.url).netloc))
    protocol = response.protocol or "HTTP/1.1"
    return Fetch(
        url=response.url,
        date=now,
        method=request.method,
        request_headers=request_headers,
        request_body=request.body,
        status=response.status,
        protocol=protocol.upper() if protocol.lower().startswith("http/") else "HTTP/1.1",
        headers=headers,
        body=response.body,
        ip_address=str(response.ip_address) if response.ip_address else None,
        rendered=rendered,
    )


def _open_new(path: Path) -> IO[bytes]:
    return open(path, "xb")  # kept open across fetches; closed by WarcFiles


class WarcFiles:
    """Rotating, atomically published WARC files of one run.

    ``opener`` creates a file for writing (tests pass one that fails like a full disk).
    """

    def __init__(
        self,
        directory: Path,
        prefix: str,
        *,
        max_bytes: int = 1_000_000_000,
        info: dict[str, str] | None = None,
        opener: Callable[[Path], IO[bytes]] = _open_new,
    ) -> None:
        self.directory = directory
        self.prefix = prefix
        self.max_bytes = max_bytes
        self.info = info or {}
        self.opener = opener
        self.writer = WARCWriter(None, gzip=True, warc_version="1.1")
        self.sequence = 0
        self.published: list[Path] = []
        self.fetches = 0
        self.error: OSError | None = None
        self.problem = ""
        """The first failure as a sentence: what was being done, and the system's reason."""
        self._file: IO[bytes] | None = None
        self._partial: Path | None = None
        self._complete_at = 0  # the end of the last complete record in the open file

    def name(self, sequence: int) -> str:
        return f"{self.prefix}-{sequence:05d}{SUFFIX}"

    def open(self) -> bool:
        """Open the next file (its ``warcinfo`` written); False once archiving has failed."""
        if self.error is not None:
            return False
        if self._file is not None:
            return True
        name = self.name(self.sequence)
        partial = self.directory / (name + PARTIAL_SUFFIX)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._file = self.opener(partial)
            self._partial = partial
            self._complete_at = 0
            self.sequence += 1
            self.writer.out = self._file
            self.writer.write_record(self.writer.create_warcinfo_record(name, self.info))
            self._file.flush()
            self._complete_at = self._file.tell()
        except OSError as exc:
            self._fail(exc, f"cannot create a WARC file in {self.directory}")
            return False
        return True

    def write(self, fetch: Fetch) -> bool:
        """Archive one exchange; False (and nothing written) once archiving has failed."""
        if not self.open():
            return False
        assert self._file is not None
        try:
            request, response = self._records(fetch)
            self.writer.write_request_response_pair(request, response)
            self._file.flush()
            self._complete_at = self._file.tell()
        except OSError as exc:
            self._fail(exc, f"writing {self._partial} failed")
            return False
        self.fetches += 1
        if self._complete_at >= self.max_bytes:
            self.close()
        return True

    def close(self) -> None:
        """Publish the open file under its final name (nothing to do if none is open)."""
        file, partial = self._file, self._partial
        if file is None or partial is None:
            return
        self._file = self._partial = None
        try:
            file.flush()
            os.fsync(file.fileno())
            file.close()
            self._publish(partial)
        except OSError as exc:
            self._file, self._partial = file, partial
            self._fail(exc, f"closing {partial} failed")

    def _records(self, fetch: Fetch) -> tuple[Any, Any]:
        date = fetch.date.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        response_headers = {"WARC-Date": date}
        if fetch.ip_address:
            response_headers["WARC-IP-Address"] = fetch.ip_address
        if fetch.rendered:
            response_headers["WARC-Resource-Type"] = RENDERED
        status = f"{fetch.status} {_phrase(fetch.status)}".rstrip()
        response = self.writer.create_warc_record(
            fetch.url,
            "response",
            payload=io.BytesIO(fetch.body),
            length=len(fetch.body),
            warc_headers_dict=response_headers,
            http_headers=StatusAndHeaders(status, fetch.headers, protocol=fetch.protocol),
        )
        parts = urlsplit(fetch.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = self.writer.create_warc_record(
            fetch.url,
            "request",
            payload=io.BytesIO(fetch.request_body),
            length=len(fetch.request_body),
            warc_headers_dict={"WARC-Date": date},
            http_headers=StatusAndHeaders(
                f"{fetch.method} {target} HTTP/1.1", fetch.request_headers, is_http_request=True
            ),
        )
        return request, response

    def _publish(self, partial: Path) -> None:
        final = partial.with_name(partial.name.removesuffix(PARTIAL_SUFFIX))
        os.replace(partial, final)
        fsync_dir(final.parent)
        self.published.append(final)

    def _fail(self, exc: OSError, doing: str) -> None:
        """Stop archiving; keep what was complete of the open file, published if possible."""
        if self.error is None:
            self.error = exc
            self.problem = f"{doing}: {exc.strerror or exc}"
        file, partial = self._file, self._partial
        self._file = self._partial = None
        if file is None or partial is None:
            return
        with contextlib.suppress(OSError):  # the buffered tail is what is cut off next
            file.close()
        try:
            if self._complete_at == 0:  # not even its warcinfo record
                partial.unlink()
                return
            os.truncate(partial, self._complete_at)
            self._publish(partial)
        except OSError as again:
            logger.error("The WARC file %s is left unpublished: %s", partial, again)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


_ARCHIVES: weakref.WeakKeyDictionary[Crawler, WarcMiddleware] = weakref.WeakKeyDictionary()


def warc_archive(crawler: Crawler) -> WarcMiddleware | None:
    """The crawler's WARC middleware, when archiving is enabled."""
    return _ARCHIVES.get(crawler)


class WarcMiddleware:
    """Archives every downloaded response (see the module docstring); counts in ``rmol/warc/``."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.directory = Path(
            settings.get("RMOL_WARC_DIR") or Path(settings.get("RMOL_DATA_DIR", "data"), "warc")
        )
        self.max_bytes = settings.getint("RMOL_WARC_MAX_BYTES", 1_000_000_000)
        self.files: WarcFiles | None = None
        self.stale: list[Path] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("RMOL_WARC_ENABLED", True):
            raise NotConfigured("RMOL_WARC_ENABLED is off")
        mw = cls(crawler)
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        _ARCHIVES[crawler] = mw
        return mw

    def _inc(self, key: str, count: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"rmol/warc/{key}", count)

    def spider_opened(self, spider: Spider) -> None:
        run_id = run_context(self.crawler).run_id
        if self.directory.is_dir():
            self.stale = sorted(self.directory.glob(f"{spider.name}-*{SUFFIX}{PARTIAL_SUFFIX}"))
        for stale in self.stale:
            logger.warning("Found %s, left by an interrupted run: a WARC file never closed", stale)
        self.files = WarcFiles(
            self.directory,
            f"{spider.name}-{run_id}",
            max_bytes=self.max_bytes,
            info={
                "software": "rmolcrawler (warcio)",
                "format": "WARC File Format 1.1",
                "isPartOf": f"{spider.name}-{run_id}",
                "robots": "obey" if self.crawler.settings.getbool("ROBOTSTXT_OBEY") else "ignore",
                "http-header-user-agent": self.crawler.settings.get("USER_AGENT", ""),
            },
        )
        self._inc("fetches", 0)
        self._inc("stale_partials", len(self.stale))
        self.files.open()
        self._check()

    def process_response(self, request: Request, response: Response) -> Response:
        files = self.files
        if files is None or "cached" in response.flags:
            return response
        if files.write(fetch_of(request, response, dt.datetime.now(dt.UTC))):
            self._inc("fetches")
            if request.meta.get("playwright"):
                self._inc("rendered")
        else:
            self._inc("not_archived")
        self._check()
        return response

    def spider_closed(self, spider: Spider) -> None:
        if self.files is None:
            return
        self.files.close()
        self._check()
        stats = self.crawler.stats
        if stats is not None:
            stats.set_value("rmol/warc/files", len(self.files.published))

    def _check(self) -> None:
        """Report the first failure once: an error log and the stats the health check reads."""
        files, stats = self.files, self.crawler.stats
        if files is None or files.error is None or stats is None:
            return
        if stats.get_value("rmol/warc/failed"):
            return
        why = files.problem
        stats.set_value("rmol/warc/failed", 1)
        stats.set_value("rmol/warc/error", why)
        logger.error(
            "Writing WARC files failed: %s. Archiving stopped for this run; the crawl and "
            "its items go on.",
            why,
        )

    def published(self) -> list[str]:
        return [str(p) for p in self.files.published] if self.files else []
