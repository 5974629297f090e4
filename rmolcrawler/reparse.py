"""Re-extract stored pages without re-crawling.

    python -m rmolcrawler.reparse PATH [-o OUT.jsonl] [-j N] [--origin URL ...]

PATH is a WARC file (``.warc``, ``.warc.gz``) or a folder searched recursively for WARC
files, fixture cases (a folder with ``page.html`` and ``meta.json``) and Scrapy filesystem
HTTP-cache entries (``HTTPCACHE_ENABLED=True``, the default ``FilesystemCacheStorage``). Each
page goes through the same extraction and pipelines as a crawl. One JSON line is written per
accepted page, in input order; each rejected page is reported on stderr with its reason.

From a WARC file, a page is a ``response`` record with status 200 and an HTML payload from
rmol.id, a regional site or an ``--origin`` (a Wayback ``.../web/{timestamp}id_/{url}``
capture counts as ``{url}``); its ``crawled_at`` is the record's ``WARC-Date``. Every other
record is counted by kind (``skipped/request``, ``skipped/http_404``, ...) and not emitted.

``-j N`` extracts in N worker processes (default: one per CPU); progress goes to stderr.
Exit status: 0, or 2 when PATH holds no page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import multiprocessing
import os
import pickle
import re
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.bufferedreaders import BufferedReader  # type: ignore[import-untyped]

from rmolcrawler.offline import OfflineExtractor, decode_html
from rmolcrawler.urls import site_urls

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
# A Wayback Machine capture fetched as-is: {replay}/web/{timestamp}id_/{original URL}.
WAYBACK_ID = re.compile(r"^https?://[^/]+/(?:[^/]+/)*web/\d{1,14}id_/(?P<original>.+)$")
CHUNK_PAGES = 32
PROGRESS_SECONDS = 5.0


@dataclass
class StoredPage:
    """One page found on disk: where it is, its URL, body, headers and fetch time."""

    path: str
    url: str
    body: bytes
    content_type: str | None
    crawled_at: str | None
    status: int = 200


@dataclass
class Skipped:
    """A stored record that is no page to extract, by kind (``request``, ``http_404``, ...)."""

    kind: str


@dataclass
class Result:
    """What became of one page: a JSON line and its item's key, or the reason it was rejected."""

    line: str | None
    reason: str | None
    key: str | None = None


def _read_maybe_gzip(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def _fixture_case(folder: Path) -> StoredPage:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    headers = {k.lower(): v for k, v in (meta.get("headers") or {}).items()}
    return StoredPage(
        path=str(folder),
        url=meta["url"],
        body=(folder / "page.html").read_bytes(),
        content_type=headers.get("content-type"),
        crawled_at=meta.get("crawled_at"),
    )


def _cache_entry(folder: Path) -> StoredPage:
    meta: dict[str, Any] = pickle.loads(_read_maybe_gzip(folder / "pickled_meta"))
    content_type = None
    for line in _read_maybe_gzip(folder / "response_headers").split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-type":
            content_type = value.strip().decode("latin-1")
    stamp = meta.get("timestamp")
    crawled_at = (
        dt.datetime.fromtimestamp(float(stamp), dt.UTC).replace(microsecond=0).isoformat()
        if stamp
        else None
    )
    return StoredPage(
        path=str(folder),
        url=str(meta.get("response_url") or meta["url"]),
        body=_read_maybe_gzip(folder / "response_body"),
        content_type=content_type,
        crawled_at=crawled_at,
        status=int(meta.get("status", 200)),
    )


def warc_date(value: str) -> str:
    """A ``WARC-Date`` (``2026-11-27T06:00:00Z``, fractions allowed) as UTC ISO 8601 to the
    second: ``2026-11-27T06:00:00+00:00``."""
    stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC).replace(microsecond=0).isoformat()


def original_url(target: str) -> str:
    """The archived URL of a Wayback ``id_`` capture's target; any other target as it is."""
    match = WAYBACK_ID.match(target)
    if match is None:
        return target
    original = match["original"]
    return original if re.match(r"^https?://", original) else "http://" + original


def _is_html(content_type: str | None, body: bytes) -> bool:
    if content_type:
        return content_type.split(";", 1)[0].strip().lower() in HTML_TYPES
    # No header: sniff as a browser would, on the first bytes.
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def warc_pages(path: Path, onsite: Callable[[str], bool]) -> Iterator[StoredPage | Skipped]:
    """The pages of a WARC file, and the kind of every other record, in file order."""
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        for record in records:
            if record.rec_type != "response":
                yield Skipped(record.rec_type)
                continue
            url = original_url(record.rec_headers.get_header("WARC-Target-URI") or "")
            http = record.http_headers
            if http is None:
                yield Skipped("not_http")
                continue
            status = int(http.get_statuscode() or 0)
            encoding = (http.get_header("Content-Encoding") or "identity").lower()
            if not onsite(url):
                yield Skipped("offsite")
            elif status != 200:
                yield Skipped(f"http_{status}")
            elif encoding not in ("identity", *BufferedReader.get_supported_decompressors()):
                yield Skipped(f"encoding_{encoding}")
            else:
                # content_stream() undoes chunked transfer and gzip/deflate/br content coding.
                body = record.content_stream().read()
                content_type = http.get_header("Content-Type")
                if not _is_html(content_type, body):
                    yield Skipped("not_html")
                    continue
                yield StoredPage(
                    path=f"{path}@{records.get_record_offset()}",
                    url=url,
                    body=body,
                    content_type=content_type,
                    crawled_at=warc_date(record.rec_headers.get_header("WARC-Date")),
                )


def _is_warc(path: Path) -> bool:
    return path.name.endswith(WARC_SUFFIXES)


def find_pages(
    root: Path, onsite: Callable[[str], bool] | None = None
) -> Iterator[StoredPage | Skipped]:
    """Fixture cases, HTTP-cache entries and WARC records under ``root``, in path order.

    ``onsite(url)`` tells which WARC responses are pages of the network (default: all)."""
    accept = onsite or (lambda url: True)
    if root.is_file():
        if _is_warc(root):
            yield from warc_pages(root, accept)
        return
    for folder, _, names in sorted(os.walk(root)):
        if "page.html" in names and "meta.json" in names:
            yield _fixture_case(Path(folder))
        elif "pickled_meta" in names and "response_body" in names:
            yield _cache_entry(Path(folder))
        for name in sorted(names):
            if _is_warc(Path(name)):
                yield from warc_pages(Path(folder) / name, accept)


class Worker:
    """Extraction and pipelines of pages to JSON lines, in whichever process runs them."""

    def __init__(self) -> None:
        self.extractor = OfflineExtractor()

    def run(self, page: StoredPage) -> Result:
        if page.status != 200:
            return Result(None, f"http_{page.status}")
        html = decode_html(page.body, page.content_type)
        outcome = self.extractor.run(page.url, html, page.crawled_at)
        if outcome.item is None:
            return Result(None, outcome.reason)
        line = json.dumps(outcome.as_dict(), ensure_ascii=False)
        return Result(line, None, outcome.item.key)

    def run_chunk(self, pages: list[StoredPage]) -> list[Result]:
        return [self.run(page) for page in pages]


_worker: Worker | None = None


def _start_worker() -> None:
    global _worker  # noqa: PLW0603  (one per worker process, made by the pool's initializer)
    _worker = Worker()


def _run_chunk(pages: list[StoredPage]) -> list[Result]:
    assert _worker is not None
    return _worker.run_chunk(pages)


def _chunks(
    items: Iterable[StoredPage | Skipped], counts: Counter[str]
) -> Iterator[list[StoredPage]]:
    """Pages in lists of :data:`CHUNK_PAGES`; skipped records go to ``counts``."""
    chunk: list[StoredPage] = []
    for item in items:
        if isinstance(item, Skipped):
            counts[f"skipped/{item.kind}"] += 1
            continue
        chunk.append(item)
        if len(chunk) == CHUNK_PAGES:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _results(
    chunks: Iterator[list[StoredPage]], jobs: int
) -> Iterator[tuple[list[StoredPage], list[Result]]]:
    """Each chunk with its results, in input order; ``jobs`` > 1 spreads chunks over worker
    processes, with at most two chunks per worker in flight."""
    if jobs <= 1:
        worker = Worker()
        for chunk in chunks:
            yield chunk, worker.run_chunk(chunk)
        return
    # Workers fork from a server that has imported Scrapy and the page classes once: they
    # start at once, and never inherit this process's threads or open files.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["rmolcrawler.offline"])
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker) as pool:
        pending: deque[tuple[list[StoredPage], Future[list[Result]]]] = deque()
        for chunk in chunks:
            pending.append((chunk, pool.submit(_run_chunk, chunk)))
            if len(pending) >= 2 * jobs:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()


def reparse(
    root: Path,
    out: TextIO,
    err: TextIO,
    *,
    jobs: int = 1,
    origins: Iterable[str] = (),
    progress_seconds: float = PROGRESS_SECONDS,
) -> Counter[str]:
    """Re-extract every page under ``root``; returns counts of accepted, rejected and skipped.

    WARC responses are kept from rmol.id, the regional sites and ``origins`` only."""
    extractor = OfflineExtractor()
    extra = [site_urls(origin) for origin in origins]

    def onsite(url: str) -> bool:
        return extractor.is_network(url) or any(site.is_onsite(url) for site in extra)

    counts: Counter[str] = Counter()
    seen: set[str] = set()
    started = last = time.monotonic()
    for chunk, results in _results(_chunks(find_pages(root, onsite), counts), jobs):
        for page, result in zip(chunk, results, strict=True):
            counts["pages"] += 1
            # Each worker process deduplicates only what it saw: the rest is done here.
            reason = "duplicate" if result.key in seen else result.reason
            if result.line is not None and reason is None:
                seen.add(str(result.key))
                out.write(result.line + "\n")
                counts["accepted"] += 1
            else:
                counts[f"rejected/{reason}"] += 1
                print(f"REJECTED {reason}: {page.url} ({page.path})", file=err)
        now = time.monotonic()
        if now - last >= progress_seconds:
            last = now
            rate = counts["pages"] / (now - started)
            print(f"reparse: {counts['pages']} pages, {rate:.0f} pages/s", file=err, flush=True)
    return counts


def default_jobs() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m rmolcrawler.reparse",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "path", type=Path, help="a WARC file, or a folder of WARC files, fixtures or HTTP cache"
    )
    parser.add_argument("-o", "--output", type=Path, help="JSON Lines output (default: stdout)")
    parser.add_argument(
        "-j", "--jobs", type=int, default=default_jobs(), help="worker processes (default: CPUs)"
    )
    parser.add_argument(
        "--origin",
        action="append",
        default=[],
        help="also keep WARC responses from this origin (e.g. a mirror's http://127.0.0.1:8080)",
    )
    args = parser.parse_args(argv)
    if not args.path.exists():
        parser.error(f"{args.path} does not exist")
    if args.jobs < 1:
        parser.error("-j must be at least 1")
    started = time.monotonic()
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        with args.output.open("w", encoding="utf-8") as out:
            counts = reparse(args.path, out, sys.stderr, jobs=args.jobs, origins=args.origin)
    else:
        counts = reparse(args.path, sys.stdout, sys.stderr, jobs=args.jobs, origins=args.origin)
    elapsed = time.monotonic() - started
    summary = ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))
    print(f"reparse: {summary or 'no pages found'}", file=sys.stderr)
    if counts["pages"]:
        rate = counts["pages"] / elapsed if elapsed else 0.0
        print(f"reparse: {elapsed:.1f} s, {rate:.0f} pages/s, {args.jobs} job(s)", file=sys.stderr)
    return 0 if counts["pages"] else 2


if __name__ == "__main__":
    sys.exit(main())
