"""Record a page as a new fixture case, for the golden tests and offline re-extraction.

    python -m rmolcrawler.record URL [--name CASE] [--fixtures tests/fixtures]
    python -m rmolcrawler.record URL --from-file saved.html [--content-type "text/html; ..."]

Writes ``<fixtures>/<case>/page.html`` (the bytes as served), ``meta.json`` (URL, fetch time,
Content-Type) and ``expected.json`` (what the extractor makes of it today, or
``{"rejected": reason}``). Review ``expected.json`` by hand before committing: it is the spec.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import urllib.request
from pathlib import Path
from typing import Any

from scrapy.utils.project import get_project_settings

from rmolcrawler.offline import OfflineExtractor, decode_html


def fetch(url: str, user_agent: str, timeout: float) -> tuple[bytes, str | None, str]:
    """GET ``url``; returns the body, its Content-Type and the final URL."""
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read(), response.headers.get("Content-Type"), response.geturl()


def expected_for(url: str, body: bytes, content_type: str | None, crawled_at: str) -> Any:
    """The extractor's current output for the page, without the per-run ``crawled_at``."""
    outcome = OfflineExtractor().run(url, decode_html(body, content_type), crawled_at)
    if outcome.item is None:
        return {"rejected": outcome.reason}
    data = outcome.as_dict()
    data.pop("crawled_at", None)
    return data


def case_name(url: str) -> str:
    match = re.search(r"/(\d+)/([^/?#]*)", url)
    slug = f"{match[1]}-{match[2][:40]}" if match else re.sub(r"\W+", "-", url)[-50:]
    return "live-" + slug.strip("-")


def record(
    url: str,
    folder: Path,
    body: bytes,
    *,
    content_type: str | None,
    crawled_at: str,
    reconstructed: bool = False,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "page.html").write_bytes(body)
    meta = {
        "url": url,
        "crawled_at": crawled_at,
        "headers": {"Content-Type": content_type} if content_type else {},
        "reconstructed": reconstructed,
        "source": "recorded by python -m rmolcrawler.record",
        "expected_reviewed": False,
    }
    (folder / "meta.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    expected = expected_for(url, body, content_type, crawled_at)
    (folder / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m rmolcrawler.record",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("url")
    parser.add_argument("--name", help="case folder name (default: live-<id>-<slug>)")
    parser.add_argument("--fixtures", type=Path, default=Path("tests/fixtures"))
    parser.add_argument("--from-file", type=Path, help="use a saved page instead of fetching")
    parser.add_argument("--content-type", help="Content-Type of --from-file")
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args(argv)
    crawled_at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    if args.from_file:
        body, content_type, url = args.from_file.read_bytes(), args.content_type, args.url
    else:
        user_agent = get_project_settings().get("USER_AGENT")
        try:
            body, content_type, url = fetch(args.url, user_agent, args.timeout)
        except OSError as exc:
            print(f"record: cannot fetch {args.url}: {exc}", file=sys.stderr)
            return 1
    folder = record(
        url,
        args.fixtures / (args.name or case_name(url)),
        body,
        content_type=content_type,
        crawled_at=crawled_at,
    )
    print(f"recorded {url} -> {folder} (review expected.json by hand)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
