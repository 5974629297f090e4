"""Re-extract stored pages without re-crawling.

    python -m rmolcrawler.reparse PATH [-o OUT.jsonl]

PATH is searched recursively for fixture cases (a folder with ``page.html`` and
``meta.json``) and for Scrapy filesystem HTTP-cache entries (``HTTPCACHE_ENABLED=True``,
the default ``FilesystemCacheStorage``). Each page goes through the same extraction and
pipelines as a crawl. One JSON line is written per accepted page; each rejected page is
reported on stderr with its reason. Exit status: 0, or 2 when PATH holds no page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import pickle
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from rmolcrawler.offline import OfflineExtractor, decode_html


@dataclass
class StoredPage:
    """One page found on disk: where it is, its URL, body, headers and fetch time."""

    path: Path
    url: str
    body: bytes
    content_type: str | None
    crawled_at: str | None
    status: int = 200


def _read_maybe_gzip(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def _fixture_case(folder: Path) -> StoredPage:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    headers = {k.lower(): v for k, v in (meta.get("headers") or {}).items()}
    return StoredPage(
        path=folder,
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
        path=folder,
        url=str(meta.get("response_url") or meta["url"]),
        body=_read_maybe_gzip(folder / "response_body"),
        content_type=content_type,
        crawled_at=crawled_at,
        status=int(meta.get("status", 200)),
    )


def find_pages(root: Path) -> Iterator[StoredPage]:
    """Fixture cases and HTTP-cache entries under ``root``, in path order."""
    for folder, _, names in sorted(os.walk(root)):
        if "page.html" in names and "meta.json" in names:
            yield _fixture_case(Path(folder))
        elif "pickled_meta" in names and "response_body" in names:
            yield _cache_entry(Path(folder))


def reparse(root: Path, out: TextIO, err: TextIO) -> Counter[str]:
    """Re-extract every page under ``root``; returns counts of accepted and rejected pages."""
    extractor = OfflineExtractor()
    counts: Counter[str] = Counter()
    for page in find_pages(root):
        counts["pages"] += 1
        if page.status != 200:
            reason = f"http_{page.status}"
            outcome_reason: str | None = reason
        else:
            html = decode_html(page.body, page.content_type)
            outcome = extractor.run(page.url, html, page.crawled_at)
            outcome_reason = outcome.reason
            if outcome.item is not None:
                out.write(json.dumps(outcome.as_dict(), ensure_ascii=False) + "\n")
                counts["accepted"] += 1
                continue
        counts[f"rejected/{outcome_reason}"] += 1
        print(f"REJECTED {outcome_reason}: {page.url} ({page.path})", file=err)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m rmolcrawler.reparse",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", type=Path, help="fixture folder(s) or an HTTP cache directory")
    parser.add_argument("-o", "--output", type=Path, help="JSON Lines output (default: stdout)")
    args = parser.parse_args(argv)
    if not args.path.exists():
        parser.error(f"{args.path} does not exist")
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        with args.output.open("w", encoding="utf-8") as out:
            counts = reparse(args.path, out, sys.stderr)
    else:
        counts = reparse(args.path, sys.stdout, sys.stderr)
    summary = ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))
    print(f"reparse: {summary or 'no pages found'}", file=sys.stderr)
    return 0 if counts["pages"] else 2


if __name__ == "__main__":
    sys.exit(main())
