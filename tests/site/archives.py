"""Local stand-ins of Common Crawl and the Wayback Machine, holding captures of the mirror.

Every capture's bytes are what the mirror serves (``route(site, "https://rmol.id", path)``),
so a page read back from an archive extracts like the live page. One :class:`ArchiveStandins`
server answers the four public APIs under path prefixes:

- ``{index_url}`` (Common Crawl index, a pywb CDX server): ``/collinfo.json`` and
  ``/{crawl}-index?url=rmol.id/*&output=json`` (NDJSON; ``showNumPages``, ``page``, ``filter``,
  ``from``/``to``, ``matchType``). Pages are cut before filtering, as pywb does, so a filtered
  page can be empty: it answers 404 ``{"message": "No Captures found for: ..."}`` like any
  empty result.
- ``{data_url}/{filename}`` (Common Crawl data): WARC files of one gzip member per record;
  ``Range: bytes=a-b`` answers 206 with that slice, a range past the end 416.
- ``{cdx_url}`` (Wayback CDX): ``?url=rmol.id/*&output=json`` with ``from``/``to``, ``filter``,
  ``collapse``, ``showNumPages``/``page``/``pageSize`` and ``limit``/``showResumeKey``/
  ``resumeKey``. An empty result is ``[]`` (200), as the real API answers.
- ``{wayback_url}/{timestamp}id_/{original url}``: the captured bytes, status and
  ``Content-Type``, other original headers as ``X-Archive-Orig-*``, and ``Memento-Datetime``.
  A timestamp without a capture of that URL redirects (302) to the nearest capture; a redirect
  capture answers 302 to ``{wayback_url}/{its timestamp}id_/{its Location}``.

Faults present in every build (:attr:`ArchiveData.fault_ids`): ``cc_truncated`` (a gzip member
cut in half), ``cc_range_garbage`` (index offset 10 bytes off), ``cc_wrong_record`` (index
offset/length of another article's record), ``redirect`` (a 302 capture of the ``/read/`` form
before any 200 capture, in both archives), ``soft_404`` (a 200 not-found capture before the
publication, in both archives); the mirror's own ``not_article`` (200 not-found page),
``missing_404`` (404) and ``challenge`` articles are captured as the mirror serves them.
Switchable: :meth:`ArchiveStandins.fail_first` (503 + ``Retry-After`` for the next K requests
of one endpoint).
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import hashlib
import io
import json
import re
import threading
import traceback
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

from tests.site.model import Site, build_site
from tests.site.render import render_not_found
from tests.site.server import HOST, route

ORIGIN = "https://rmol.id"
UTC = dt.UTC

CC_PAGE_BLOCKS = 2
"""Blocks per index page (``pageSize`` of ``showNumPages``)."""
CC_BLOCK_LINES = 4
"""Index lines per block (3000 on the real server; small here so tests see several pages)."""
IA_PAGE_SIZE = 10
"""Rows per Wayback CDX page (the real ``pageSize`` counts blocks of ~3000 rows)."""

CC_FIELDS = ("urlkey", "timestamp", "url", "mime", "mime-detected", "status", "digest")
IA_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
ENDPOINTS = ("index", "data", "cdx", "wayback")
CC_FAULTS = ("cc_truncated", "cc_range_garbage", "cc_wrong_record")
BOTH_FAULTS = ("redirect", "soft_404")


@dataclass(frozen=True)
class Crawl:
    """One Common Crawl crawl: id and the capture window (UTC)."""

    id: str
    name: str
    start: dt.datetime
    end: dt.datetime

    @property
    def filename(self) -> str:
        return (
            f"crawl-data/{self.id}/segments/{int(self.start.timestamp())}000.00/warc/"
            f"{self.id}-{self.start:%Y%m%d%H%M%S}-00000.warc.gz"
        )

    def overlaps(self, since: dt.date | None, until: dt.date | None) -> bool:
        return (since is None or self.end.date() >= since) and (
            until is None or self.start.date() <= until
        )


def _utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


CRAWLS: tuple[Crawl, ...] = (
    Crawl("CC-MAIN-2025-33", "August 2025 Index", _utc("2025-08-03"), _utc("2025-08-16T23:59:59")),
    Crawl("CC-MAIN-2025-30", "July 2025 Index", _utc("2025-07-20"), _utc("2025-07-31T23:59:59")),
    Crawl("CC-MAIN-2025-26", "June 2025 Index", _utc("2025-06-15"), _utc("2025-06-28T23:59:59")),
)
"""Newest first, as ``collinfo.json`` lists them. 2025-30 holds the articles' first captures,
2025-33 later AMP captures, 2025-26 only the 2011 article and front pages."""


@dataclass
class Capture:
    """One archived fetch. ``article_id`` is set for article URLs; ``real`` when the body is
    the article's page (not a not-found, challenge or redirect page)."""

    url: str
    when: dt.datetime
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()
    article_id: int | None = None
    real: bool = False
    crawl: str | None = None
    fault: str | None = None
    # Common Crawl location, set when the WARC files are written.
    filename: str = ""
    offset: int = 0
    length: int = 0

    @property
    def timestamp(self) -> str:
        return f"{self.when:%Y%m%d%H%M%S}"

    @property
    def mime(self) -> str:
        return self.content_type.split(";")[0].strip().lower()

    @property
    def digest(self) -> str:
        return base64.b32encode(hashlib.sha1(self.body).digest()).decode()

    @property
    def urlkey(self) -> str:
        return surt(self.url)


def surt(url: str) -> str:
    """SURT form of an rmol.id URL: ``id,rmol)/path?query`` (host reversed, ``www.`` dropped)."""
    parts = urlsplit(url if "://" in url else "http://" + url)
    host = (parts.hostname or "").removeprefix("www.")
    key = ",".join(reversed(host.split("."))) + ")" + (parts.path or "/").lower()
    return key + ("?" + parts.query.lower() if parts.query else "")


def _reply_capture(site: Site, path: str, when: dt.datetime, **kw: Any) -> Capture:
    reply = route(site, ORIGIN, path)
    return Capture(
        ORIGIN + path,
        when,
        reply.status,
        reply.content_type,
        reply.body,
        reply.headers if any(n == "Server" for n, _ in reply.headers) else (("Server", "nginx"),),
        real=reply.article_id is not None,
        **kw,
    )


def _redirect(url: str, target: str, when: dt.datetime, **kw: Any) -> Capture:
    body = b"<html><head><title>302 Found</title></head><body>Moved</body></html>"
    headers = (("Server", "nginx"), ("Location", target))
    return Capture(url, when, 302, "text/html; charset=utf-8", body, headers, **kw)


def _soft_404(site: Site, url: str, when: dt.datetime, **kw: Any) -> Capture:
    body = render_not_found(site, ORIGIN).encode()
    return Capture(url, when, 200, "text/html; charset=utf-8", body, (("Server", "nginx"),), **kw)


@dataclass
class ArchiveData:
    """Every capture of both archives plus the Common Crawl WARC files, built from a site."""

    site: Site
    cc: list[Capture] = field(default_factory=list)
    ia: list[Capture] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    fault_ids: dict[str, int] = field(default_factory=dict)
    """``{fault: article id}`` for :data:`CC_FAULTS` and :data:`BOTH_FAULTS`."""

    def crawl_captures(self, crawl: str) -> list[Capture]:
        """The crawl's captures in index order (urlkey, then timestamp)."""
        return sorted(
            (c for c in self.cc if c.crawl == crawl), key=lambda c: (c.urlkey, c.timestamp)
        )

    def ia_captures(self) -> list[Capture]:
        return sorted(self.ia, key=lambda c: (c.urlkey, c.timestamp))

    def captures(self, source: str, crawls: Iterable[str] | None = None) -> list[Capture]:
        if source == "ia":
            return self.ia_captures()
        if source != "cc":
            raise ValueError(f"unknown source {source!r}; expected 'cc' or 'ia'")
        chosen = set(crawls) if crawls is not None else {c.id for c in CRAWLS}
        return [c for c in self.cc if c.crawl in chosen]

    def best_capture(
        self, source: str, article_id: int, crawls: Iterable[str] | None = None
    ) -> Capture | None:
        """The first 200 HTML capture at or after the article's publication, any URL form."""
        rec = self.site.record(article_id)
        if rec is None:
            return None
        found = [
            c
            for c in self.captures(source, crawls)
            if c.article_id == article_id
            and c.status == 200
            and c.mime == "text/html"
            and c.when >= rec.published
        ]
        return min(found, key=lambda c: c.when, default=None)


def build_archives(site: Site) -> ArchiveData:
    """Captures of ``site`` in both archives (deterministic), and the CC WARC files."""
    data = ArchiveData(site)
    ordinary = [
        rid
        for rid in site.ids
        if (rec := site.record(rid)) is not None and rec.role is None and rec.variant == "standard"
    ]
    faults = dict(zip((*CC_FAULTS, *BOTH_FAULTS), ordinary[2:12:2], strict=False))
    data.fault_ids = faults
    august, july_crawl, june = CRAWLS

    for index, rid in enumerate(site.ids):
        art = site.article(rid)
        pub = art.record.published.astimezone(UTC)
        minute = dt.timedelta(minutes=rid % 11)
        # Common Crawl
        first = pub + dt.timedelta(hours=2) + minute
        crawl = july_crawl if july_crawl.start <= first <= july_crawl.end else None
        if pub < june.start:
            crawl, first = june, june.start + dt.timedelta(hours=5)
        if crawl is not None:
            data.cc.append(
                _reply_capture(site, art.desktop_path, first, article_id=rid, crawl=crawl.id)
            )
        if index % 3 == 0 and pub < august.start:
            when = august.start + dt.timedelta(minutes=7 * index)
            data.cc.append(
                _reply_capture(site, art.amp_path, when, article_id=rid, crawl=august.id)
            )
        if rid in site.listing_read_ids + site.all_forms_ids and crawl is not None:
            when = first + dt.timedelta(hours=1)
            data.cc.append(
                _reply_capture(site, art.read_path, when, article_id=rid, crawl=crawl.id)
            )
        # Wayback Machine
        first = pub + dt.timedelta(hours=1) + minute
        desktop = art.desktop_path
        data.ia.append(_reply_capture(site, desktop, first, article_id=rid))
        data.ia.append(_reply_capture(site, desktop, first + dt.timedelta(days=3), article_id=rid))
        if rid in site.listing_read_ids + site.all_forms_ids:
            when = pub + dt.timedelta(hours=4)
            data.ia.append(_reply_capture(site, art.read_path, when, article_id=rid))
        if index % 2 == 0:
            data.ia.append(
                _reply_capture(site, art.amp_path, pub + dt.timedelta(hours=5), article_id=rid)
            )

    for name, rid in faults.items():
        art = site.article(rid)
        pub = art.record.published.astimezone(UTC)
        if name == "redirect":
            when = pub + dt.timedelta(minutes=2)
            target = ORIGIN + art.desktop_path
            read_url = ORIGIN + art.read_path
            kw = {"article_id": rid, "fault": name}
            data.cc.append(_redirect(read_url, target, when, crawl=july_crawl.id, **kw))
            data.ia.append(_redirect(read_url, target, when, **kw))
        elif name == "soft_404":
            when = pub - dt.timedelta(hours=1)
            url = ORIGIN + art.desktop_path
            kw = {"article_id": rid, "fault": name}
            data.cc.append(_soft_404(site, url, when, crawl=july_crawl.id, **kw))
            data.ia.append(_soft_404(site, url, when, **kw))

    for crawl in CRAWLS:
        start = crawl.start + dt.timedelta(minutes=1)
        for i, path in enumerate(("/robots.txt", "/", "/politik", "/politik?page=2")):
            data.cc.append(
                _reply_capture(site, path, start + dt.timedelta(minutes=i), crawl=crawl.id)
            )
    reporter = site.article(site.ids[1]).reporter_slug
    for path in ("/robots.txt", "/", "/hukum", f"/about/{reporter}", "/tag/pilkada"):
        data.ia.append(_reply_capture(site, path, _utc("2025-07-25T03:00")))

    _write_warcs(data)
    return data


def _warc_date(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _write_warcs(data: ArchiveData) -> None:
    """One WARC file per crawl: warcinfo, then request + response per capture (gzip members)."""
    for crawl in CRAWLS:
        out = io.BytesIO()
        writer = WARCWriter(out, gzip=True)
        name = crawl.filename.rsplit("/", 1)[-1]
        writer.write_record(writer.create_warcinfo_record(name, {"software": "rmol stand-in"}))
        caps = sorted((c for c in data.cc if c.crawl == crawl.id), key=lambda c: c.when)
        for cap in caps:
            path = urlsplit(cap.url)
            target = path.path + ("?" + path.query if path.query else "")
            date = {"WARC-Date": _warc_date(cap.when)}
            request = StatusAndHeaders(
                f"GET {target} HTTP/1.1",
                [("Host", "rmol.id"), ("User-Agent", "CCBot/2.0")],
                is_http_request=True,
            )
            writer.write_record(
                writer.create_warc_record(
                    cap.url, "request", http_headers=request, warc_headers_dict=date
                )
            )
            phrase = HTTPStatus(cap.status).phrase
            headers = [("Content-Type", cap.content_type), *cap.headers]
            headers.append(("Content-Length", str(len(cap.body))))
            record = writer.create_warc_record(
                cap.url,
                "response",
                payload=io.BytesIO(cap.body),
                length=len(cap.body),
                http_headers=StatusAndHeaders(f"{cap.status} {phrase}", headers, "HTTP/1.1"),
                warc_headers_dict=dict(date),
            )
            cap.filename, cap.offset = crawl.filename, out.tell()
            writer.write_record(record)
            cap.length = out.tell() - cap.offset
            if (
                cap.real
                and cap.article_id == data.fault_ids.get("cc_truncated")
                and cap.crawl == CRAWLS[1].id
            ):
                member = out.getvalue()[cap.offset :]
                out.seek(cap.offset)
                out.truncate()
                out.write(member[: len(member) // 2])
                cap.length, cap.fault = len(member) // 2, "cc_truncated"
        data.files[crawl.filename] = out.getvalue()
    by_id = {(c.article_id, c.crawl): c for c in data.cc if c.fault is None and c.real}
    garbage = by_id.get((data.fault_ids.get("cc_range_garbage"), CRAWLS[1].id))
    if garbage is not None:
        garbage.offset += 10
        garbage.fault = "cc_range_garbage"
    wrong = by_id.get((data.fault_ids.get("cc_wrong_record"), CRAWLS[1].id))
    other = by_id.get((data.site.ids[3], CRAWLS[1].id))
    if wrong is not None and other is not None:
        wrong.offset, wrong.length = other.offset, other.length
        wrong.fault = "cc_wrong_record"


# ---- query helpers -------------------------------------------------------------------------


def _matcher(url: str, match_type: str | None) -> tuple[str, str]:
    """``(mode, key)`` for a CDX ``url`` (``rmol.id/*`` = prefix, ``*.rmol.id`` = domain)."""
    if match_type is None:
        if url.endswith("*"):
            match_type, url = "prefix", url.rstrip("*")
        elif url.startswith("*."):
            match_type, url = "domain", url[2:]
        else:
            match_type = "exact"
    key = surt(url)
    if match_type == "domain":
        key = key.split(")", 1)[0]
    elif match_type == "host":
        key = key.split(")", 1)[0] + ")/"
    return ("exact" if match_type == "exact" else "prefix"), key


def _selects(mode: str, key: str, cap: Capture) -> bool:
    return cap.urlkey == key if mode == "exact" else cap.urlkey.startswith(key)


def _bound(value: str | None, pad: str) -> str | None:
    return None if not value else (value + pad * 14)[:14]


def _in_time(cap: Capture, since: str | None, until: str | None) -> bool:
    return (since is None or cap.timestamp >= since) and (until is None or cap.timestamp <= until)


def _filters(specs: Sequence[str], row: dict[str, str]) -> bool:
    """CDX ``filter=[!]field:regex`` (full match; ``~`` for contains), all must hold."""
    for spec in specs:
        negate = spec.startswith("!")
        contains = spec.lstrip("!").startswith("~")
        name, _, pattern = spec.lstrip("!~").partition(":")
        value = row.get(name, "")
        hit = bool(re.search(pattern, value) if contains else re.fullmatch(pattern, value))
        if hit == negate:
            return False
    return True


def cc_row(cap: Capture) -> dict[str, str]:
    """The NDJSON object of a capture in a Common Crawl index."""
    row = {
        "urlkey": cap.urlkey,
        "timestamp": cap.timestamp,
        "url": cap.url,
        "mime": cap.mime,
        "mime-detected": cap.mime,
        "status": str(cap.status),
        "digest": cap.digest,
        "length": str(cap.length),
        "offset": str(cap.offset),
        "filename": cap.filename,
    }
    if cap.mime == "text/html" and cap.status == 200:
        row["charset"] = "UTF-8"
        row["languages"] = "ind"
    if cap.status in (301, 302):
        row["redirect"] = dict(cap.headers).get("Location", "")
    return row


def ia_row(cap: Capture) -> list[str]:
    """The JSON row of a capture in the Wayback CDX (fields :data:`IA_FIELDS`)."""
    return [
        cap.urlkey,
        cap.timestamp,
        cap.url,
        cap.mime,
        str(cap.status),
        cap.digest,
        str(len(cap.body) + 400),
    ]


def _collapse(rows: list[list[str]], spec: str) -> list[list[str]]:
    """Wayback ``collapse=field[:N]``: drop a row whose value (first N chars) equals the
    previous row's."""
    name, _, size = spec.partition(":")
    col = IA_FIELDS.index(name)
    out: list[list[str]] = []
    last: str | None = None
    for row in rows:
        value = row[col][: int(size)] if size else row[col]
        if value != last:
            out.append(row)
        last = value
    return out


# ---- HTTP ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()


def _json(status: int, value: Any, content_type: str = "application/json") -> Answer:
    return Answer(status, json.dumps(value).encode(), content_type)


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer

    def do_GET(self) -> None:
        archives = self.server.archives
        try:
            answer = archives.answer(self.path, dict(self.headers.items()))
        except Exception:
            archives.errors.append(traceback.format_exc())
            answer = Answer(500, b"internal error", "text/plain")
        archives._record(self.path, answer.status)
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            for name, value in answer.headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(answer.body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the stand-ins keep their own request log."""


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    archives: ArchiveStandins


class ArchiveStandins:
    """Common Crawl (index + data) and the Wayback Machine (CDX + replay) on 127.0.0.1.

    >>> with ArchiveStandins() as archives:                 # doctest: +SKIP
    ...     archives.index_url, archives.data_url          # .../cc-index, .../cc-data
    ...     archives.cdx_url, archives.wayback_url         # .../cdx/search/cdx, .../web
    ...     archives.fail_first("cdx", 2, retry_after="1")
    """

    INDEX, DATA, CDX, WAYBACK = "/cc-index", "/cc-data", "/cdx/search/cdx", "/web"

    def __init__(
        self,
        site: Site | None = None,
        *,
        n_articles: int = 40,
        seed: int = 7,
        port: int = 0,
        cc_page_blocks: int = CC_PAGE_BLOCKS,
        cc_block_lines: int = CC_BLOCK_LINES,
        ia_page_size: int = IA_PAGE_SIZE,
    ) -> None:
        self.site = site if site is not None else build_site(n_articles, seed)
        self.data = build_archives(self.site)
        self.cc_page_blocks = cc_page_blocks
        self.cc_block_lines = cc_block_lines
        self.ia_page_size = ia_page_size
        self.errors: list[str] = []
        self._lock = threading.Lock()
        self._log: list[tuple[str, str, int]] = []
        self._fail: dict[str, tuple[int, str | None]] = {}
        self._hits: Counter[str] = Counter()
        self._httpd = _HTTPServer((HOST, port), _Handler)
        self._httpd.archives = self
        self.port: int = self._httpd.server_address[1]
        self.base_url = f"http://{HOST}:{self.port}"
        self.index_url = self.base_url + self.INDEX
        self.data_url = self.base_url + self.DATA
        self.cdx_url = self.base_url + self.CDX
        self.wayback_url = self.base_url + self.WAYBACK
        self._thread: threading.Thread | None = None

    # ---- lifecycle ------------------------------------------------------------------------
    def start(self) -> ArchiveStandins:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="rmol-archives",
                daemon=True,
            )
            self._thread.start()
        return self

    def close(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> ArchiveStandins:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ---- faults and log -------------------------------------------------------------------
    def fail_first(self, endpoint: str, times: int, retry_after: str | None = "1") -> None:
        """Answer the next ``times`` requests of ``endpoint`` (one of :data:`ENDPOINTS`) with
        503 and ``Retry-After`` (omitted when None). A new call replaces the count."""
        if endpoint not in ENDPOINTS:
            raise ValueError(f"unknown endpoint {endpoint!r}; expected one of {ENDPOINTS}")
        with self._lock:
            self._fail[endpoint] = (times, retry_after)

    def _take_failure(self, endpoint: str) -> Answer | None:
        with self._lock:
            left, retry_after = self._fail.get(endpoint, (0, None))
            if left <= 0:
                return None
            self._fail[endpoint] = (left - 1, retry_after)
        headers = (("Retry-After", retry_after),) if retry_after is not None else ()
        return Answer(503, b"Service Unavailable", "text/plain", headers)

    def _record(self, path: str, status: int) -> None:
        with self._lock:
            self._log.append(("GET", path, status))

    @property
    def request_log(self) -> list[tuple[str, str, int]]:
        """``(method, path, status)`` of every answered request, in order (a copy)."""
        with self._lock:
            return list(self._log)

    def request_count(self, endpoint: str | None = None) -> int:
        """Requests answered, optionally only those of one endpoint."""
        prefix = None if endpoint is None else self._prefix(endpoint)
        with self._lock:
            return sum(1 for _, p, _ in self._log if prefix is None or p.startswith(prefix))

    def reset_log(self) -> None:
        with self._lock:
            self._log.clear()

    def _prefix(self, endpoint: str) -> str:
        return dict(zip(ENDPOINTS, (self.INDEX, self.DATA, self.CDX, self.WAYBACK), strict=True))[
            endpoint
        ]

    # ---- test helpers ---------------------------------------------------------------------
    def default_crawls(self, since: dt.date | None, until: dt.date | None) -> list[str]:
        """Crawl ids whose capture window overlaps ``since``..``until`` (newest first)."""
        return [c.id for c in CRAWLS if c.overlaps(since, until)]

    def expected_ids(
        self,
        source: str,
        since: dt.date | None = None,
        until: dt.date | None = None,
        crawls: Iterable[str] | None = None,
    ) -> list[int]:
        """Article ids a backfill must emit: published (local date) in ``since``..``until``,
        and whose best capture (:meth:`ArchiveData.best_capture`; for ``cc`` in ``crawls``, by
        default :meth:`default_crawls`) is the article's page and not a broken record."""
        if source == "cc" and crawls is None:
            crawls = self.default_crawls(since, until)
        chosen = list(crawls) if crawls is not None else None
        out = []
        for rid in self.site.ids:
            day = self.site.article(rid).local_time.date()
            if (since and day < since) or (until and day > until):
                continue
            best = self.data.best_capture(source, rid, chosen)
            if best is not None and best.real and best.fault is None:
                out.append(rid)
        return out

    # ---- routing --------------------------------------------------------------------------
    def answer(self, target: str, headers: dict[str, str]) -> Answer:
        parts = urlsplit(target)
        path = parts.path
        query = parse_qs(parts.query, keep_blank_values=True)
        for endpoint in ENDPOINTS:
            prefix = self._prefix(endpoint)
            if path == prefix or path.startswith(prefix + "/"):
                failure = self._take_failure(endpoint)
                if failure is not None:
                    return failure
                rest = path[len(prefix) :]
                if endpoint == "index":
                    return self._index(rest, query)
                if endpoint == "data":
                    return self._data(unquote(rest.lstrip("/")), headers.get("Range"))
                if endpoint == "cdx":
                    return self._cdx(query)
                return self._replay(target[len(prefix) :])
        return Answer(404, b"not found", "text/plain")

    # Common Crawl index -------------------------------------------------------------------
    def _index(self, rest: str, query: dict[str, list[str]]) -> Answer:
        if rest == "/collinfo.json":
            return _json(
                200,
                [
                    {
                        "id": c.id,
                        "name": c.name,
                        "timegate": f"{self.index_url}/{c.id}/",
                        "cdx-api": f"{self.index_url}/{c.id}-index",
                        "from": c.start.strftime("%Y-%m-%dT%H:%M:%S"),
                        "to": c.end.strftime("%Y-%m-%dT%H:%M:%S"),
                    }
                    for c in CRAWLS
                ],
            )
        crawl = rest.lstrip("/").removesuffix("-index")
        if not rest.endswith("-index") or crawl not in {c.id for c in CRAWLS}:
            return Answer(404, b"Not Found", "text/plain")
        url = query.get("url", [""])[0]
        if not url:
            return _json(400, {"error": 'The "url" param is required'})
        mode, key = _matcher(url, query.get("matchType", [None])[0])
        selected = [c for c in self.data.crawl_captures(crawl) if _selects(mode, key, c)]
        per_page = self.cc_page_blocks * self.cc_block_lines
        blocks = -(-len(selected) // self.cc_block_lines)
        pages = -(-blocks // self.cc_page_blocks)
        if query.get("showNumPages", ["false"])[0] == "true":
            return _json(200, {"pages": pages, "pageSize": self.cc_page_blocks, "blocks": blocks})
        if "page" in query:
            page = int(query["page"][0] or 0)
            if page < 0 or page >= max(pages, 1):
                message = f"Page {page} invalid: First Page is 0, Last Page is {pages - 1}"
                return _json(400, {"error": message})
            selected = selected[page * per_page : (page + 1) * per_page]
        since = _bound(query.get("from", [None])[0], "0")
        until = _bound(query.get("to", [None])[0], "9")
        specs = query.get("filter", [])
        rows = [
            cc_row(c) for c in selected if _in_time(c, since, until) and _filters(specs, cc_row(c))
        ]
        if "limit" in query:
            rows = rows[: int(query["limit"][0])]
        if not rows:
            return _json(404, {"message": f"No Captures found for: {url}"})
        fields = query.get("fl", [""])[0]
        if fields:
            names = fields.split(",")
            rows = [{n: r[n] for n in names if n in r} for r in rows]
        body = "".join(json.dumps(r) + "\n" for r in rows).encode()
        return Answer(200, body, "text/x-ndjson")

    # Common Crawl data --------------------------------------------------------------------
    def _data(self, name: str, range_header: str | None) -> Answer:
        blob = self.data.files.get(name)
        if blob is None:
            return Answer(404, b"NoSuchKey", "application/xml")
        if range_header is None:
            return Answer(200, blob, "application/octet-stream")
        total = len(blob)
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", range_header.strip())
        if match is None:
            return Answer(416, b"", "application/xml", (("Content-Range", f"bytes */{total}"),))
        start = int(match[1])
        end = min(int(match[2]) if match[2] else total - 1, total - 1)
        if start > end or start >= total:
            return Answer(416, b"", "application/xml", (("Content-Range", f"bytes */{total}"),))
        headers = (("Content-Range", f"bytes {start}-{end}/{total}"), ("Accept-Ranges", "bytes"))
        return Answer(206, blob[start : end + 1], "application/octet-stream", headers)

    # Wayback CDX --------------------------------------------------------------------------
    def _cdx(self, query: dict[str, list[str]]) -> Answer:
        url = query.get("url", [""])[0]
        if not url:
            return Answer(400, b"Request must have url", "text/plain")
        mode, key = _matcher(url, query.get("matchType", [None])[0])
        selected = [c for c in self.data.ia_captures() if _selects(mode, key, c)]
        page_size = int(query.get("pageSize", [self.ia_page_size])[0])
        pages = -(-len(selected) // page_size)
        if query.get("showNumPages", ["false"])[0] == "true":
            return Answer(200, f"{pages}\n".encode(), "text/plain")
        if "page" in query:
            page = int(query["page"][0] or 0)
            selected = selected[page * page_size : (page + 1) * page_size]
        since = _bound(query.get("from", [None])[0], "0")
        until = _bound(query.get("to", [None])[0], "9")
        names = dict(zip(IA_FIELDS, range(len(IA_FIELDS)), strict=True))
        rows = []
        for cap in selected:
            row = ia_row(cap)
            if _in_time(cap, since, until) and _filters(
                query.get("filter", []), {n: row[i] for n, i in names.items()}
            ):
                rows.append(row)
        for spec in query.get("collapse", []):
            rows = _collapse(rows, spec)
        resume = query.get("resumeKey", [None])[0]
        if resume:
            rows = [r for r in rows if f"{r[0]} {r[1]}" > resume]
        next_key = None
        if "limit" in query:
            limit = int(query["limit"][0])
            if len(rows) > limit:
                next_key = f"{rows[limit - 1][0]} {rows[limit - 1][1]}"
            rows = rows[:limit]
        if query.get("output", [""])[0] != "json":
            text = "".join(" ".join(r) + "\n" for r in rows)
            if next_key and query.get("showResumeKey", ["false"])[0] == "true":
                text += f"\n{next_key}\n"
            return Answer(200, text.encode(), "text/plain")
        if not rows:
            return _json(200, [])
        out: list[list[str]] = [list(IA_FIELDS), *rows]
        if next_key and query.get("showResumeKey", ["false"])[0] == "true":
            out += [[], [next_key]]
        return _json(200, out)

    # Wayback replay -----------------------------------------------------------------------
    def _replay(self, rest: str) -> Answer:
        match = re.fullmatch(r"/(\d{1,14})(?:id_)?/(.+)", rest)
        if match is None:
            return Answer(400, b"bad wayback URL", "text/plain")
        # A short timestamp means its earliest instant ("2025" = 2025-01-01 00:00:00).
        stamp, original = match[1] + "00000101000000"[len(match[1]) :], match[2]
        if "://" not in original:
            original = "http://" + original
        key = surt(original)
        caps = [c for c in self.data.ia_captures() if c.urlkey == key]
        if not caps:
            return Answer(404, b"Wayback Machine has not archived that URL.", "text/html")
        exact = [c for c in caps if c.timestamp == stamp]
        if not exact:
            when = dt.datetime.strptime(stamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
            near = min(caps, key=lambda c: abs(c.when - when))
            location = f"{self.wayback_url}/{near.timestamp}id_/{near.url}"
            return Answer(302, b"", "text/plain", (("Location", location),))
        cap = exact[0]
        headers: list[tuple[str, str]] = [
            ("Memento-Datetime", email.utils.format_datetime(cap.when, usegmt=True))
        ]
        for name, value in cap.headers:
            if name.lower() == "location":
                headers.append(("Location", f"{self.wayback_url}/{cap.timestamp}id_/{value}"))
            else:
                headers.append((f"X-Archive-Orig-{name}", value))
        return Answer(cap.status, cap.body, cap.content_type, tuple(headers))
