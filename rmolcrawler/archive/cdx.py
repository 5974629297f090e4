"""Pure reading of archive answers: CDX index rows of Common Crawl and the Wayback Machine,
Common Crawl's ``collinfo.json``, and one gzipped WARC record fetched by byte range.

Nothing here does I/O; the ``rmol_archive`` spider feeds it response bodies.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]

WIB = dt.timezone(dt.timedelta(hours=7))
"""rmol.id's zone: an article URL's date is its publication date in WIB."""


@dataclass(frozen=True)
class Capture:
    """One archived fetch as an index lists it. ``filename``/``offset``/``length`` locate a
    Common Crawl record (empty for the Wayback Machine)."""

    url: str
    timestamp: str
    status: int
    mime: str
    digest: str = ""
    filename: str = ""
    offset: int = 0
    length: int = 0

    @property
    def when(self) -> dt.datetime:
        """The capture time (UTC); a short timestamp means its earliest instant."""
        stamp = (self.timestamp + "00000101000000"[len(self.timestamp) :])[:14]
        return dt.datetime.strptime(stamp, "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)

    @property
    def crawled_at(self) -> str:
        """The capture time as ISO 8601 UTC, the item's ``crawled_at``."""
        return self.when.isoformat()

    @property
    def is_html_ok(self) -> bool:
        return self.status == 200 and self.mime == "text/html"


@dataclass(frozen=True)
class CrawlInfo:
    """One Common Crawl crawl of ``collinfo.json``: id and capture window (UTC)."""

    id: str
    start: dt.datetime
    end: dt.datetime

    def overlaps(self, since: dt.date | None, until: dt.date | None) -> bool:
        return (since is None or self.end.date() >= since) and (
            until is None or self.start.date() <= until
        )


class CdxError(ValueError):
    """An index answer that cannot be read."""


def _int(value: object, default: int = 0) -> int:
    try:
        return int(str(value))
    except ValueError:
        return default


def _utc(text: str) -> dt.datetime:
    when = dt.datetime.fromisoformat(text)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def parse_collinfo(text: str) -> list[CrawlInfo]:
    """The crawls of ``{index}/collinfo.json`` (entries without ``from``/``to`` are left out)."""
    try:
        entries = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CdxError(f"collinfo.json is not JSON: {exc}") from None
    if not isinstance(entries, list):
        raise CdxError("collinfo.json is not a list")
    crawls = []
    for entry in entries:
        if isinstance(entry, dict) and entry.get("id") and entry.get("from") and entry.get("to"):
            crawls.append(CrawlInfo(str(entry["id"]), _utc(entry["from"]), _utc(entry["to"])))
    return crawls


def parse_cc_num_pages(text: str) -> int:
    """Pages of a Common Crawl index query with ``showNumPages=true`` (``{"pages": N, ...}``)."""
    try:
        answer = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CdxError(f"showNumPages answer is not JSON: {exc}") from None
    if isinstance(answer, int):
        return answer
    if not isinstance(answer, dict) or "pages" not in answer:
        raise CdxError("showNumPages answer has no 'pages'")
    return _int(answer["pages"])


def is_no_captures(status: int, text: str) -> bool:
    """Whether an answer is pywb's empty result (404 ``{"message": "No Captures found ..."}``)."""
    return status == 404 and "No Captures found" in text


def parse_cc_lines(text: str) -> list[Capture]:
    """The captures of a Common Crawl index page (NDJSON, one object per line)."""
    captures = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CdxError(f"index line is not JSON: {exc}") from None
        if not isinstance(row, dict) or not row.get("url") or not row.get("timestamp"):
            continue
        captures.append(
            Capture(
                url=str(row["url"]),
                timestamp=str(row["timestamp"]),
                status=_int(row.get("status")),
                mime=str(row.get("mime", "")).lower(),
                digest=str(row.get("digest", "")),
                filename=str(row.get("filename", "")),
                offset=_int(row.get("offset")),
                length=_int(row.get("length")),
            )
        )
    return captures


def parse_ia_num_pages(text: str) -> int:
    """Pages of a Wayback CDX query with ``showNumPages=true`` (a bare number)."""
    try:
        return int(text.strip())
    except ValueError:
        raise CdxError(f"showNumPages answer is not a number: {text[:40]!r}") from None


def parse_ia_rows(text: str) -> tuple[list[Capture], str | None]:
    """The captures of a Wayback CDX answer with ``output=json`` and its resume key, if any.

    The answer is a list of rows, the first naming the fields; with ``showResumeKey=true`` an
    empty row and a one-element row holding the key end it. ``[]`` is the empty result.
    """
    try:
        rows = json.loads(text) if text.strip() else []
    except json.JSONDecodeError as exc:
        raise CdxError(f"CDX answer is not JSON: {exc}") from None
    if not isinstance(rows, list):
        raise CdxError("CDX answer is not a list of rows")
    if not rows:
        return [], None
    header, body = rows[0], rows[1:]
    resume = None
    if len(body) >= 2 and body[-2] == [] and len(body[-1]) == 1:
        resume, body = str(body[-1][0]), body[:-2]
    col = {str(name): i for i, name in enumerate(header)}
    if "original" not in col or "timestamp" not in col:
        raise CdxError("CDX answer lacks the fields 'original' and 'timestamp'")
    captures = []
    for row in body:
        if len(row) != len(header):
            continue
        captures.append(
            Capture(
                url=str(row[col["original"]]),
                timestamp=str(row[col["timestamp"]]),
                status=_int(row[col["statuscode"]]) if "statuscode" in col else 0,
                mime=str(row[col["mimetype"]]).lower() if "mimetype" in col else "",
                digest=str(row[col["digest"]]) if "digest" in col else "",
            )
        )
    return captures, resume


def candidates_by_id(
    captures: Iterable[Capture], article_of: Callable[[str], tuple[int, dt.date] | None]
) -> dict[int, list[Capture]]:
    """Per article id, its 200 HTML captures made on or after the URL's date (WIB), earliest
    first: the first is the capture closest after publication, the others are fallbacks.

    ``article_of(url)`` gives an article URL's id and date, None for other URLs.
    """
    found: dict[int, list[Capture]] = {}
    for cap in captures:
        ref = article_of(cap.url)
        if ref is None or not cap.is_html_ok:
            continue
        article_id, day = ref
        if cap.when < dt.datetime.combine(day, dt.time(), WIB):
            continue
        found.setdefault(article_id, []).append(cap)
    return {
        rid: sorted(set(caps), key=lambda c: (c.when, c.url)) for rid, caps in sorted(found.items())
    }


@dataclass(frozen=True)
class WarcPayload:
    """The HTTP response held by a WARC response record."""

    target_uri: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes


def read_warc_record(data: bytes, url: str) -> WarcPayload | str:
    """The response record of ``url`` in a byte range of a WARC file, or why it is unusable:
    ``bad_record`` (not a WARC response record), ``wrong_record`` (another URL's),
    ``truncated`` (payload shorter than its Content-Length)."""
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response" or record.http_headers is None:
                return "bad_record"
            target = str(record.rec_headers.get_header("WARC-Target-URI") or "")
            if target != url:
                return "wrong_record"
            status = _int(record.http_headers.get_statuscode())
            headers = [(str(k), str(v)) for k, v in record.http_headers.headers]
            body = record.content_stream().read()
            declared = record.http_headers.get_header("Content-Length")
            if declared is not None and len(body) < _int(declared):
                return "truncated"
            return WarcPayload(target, status, headers, body)
    except Exception:  # any failure to decode an archive's bytes is a drop, not a crash
        return "bad_record"
    return "bad_record"
