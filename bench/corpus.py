"""The inputs: distinct article pages from the mirror's generator, and the golden fixture cases."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rmolcrawler.offline import decode_html
from tests.site.model import build_site
from tests.site.server import route

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
ORIGIN = "https://rmol.id"
CRAWLED_AT = "2026-11-27T06:00:00+00:00"


@dataclass(frozen=True)
class Page:
    url: str
    html: str


@dataclass(frozen=True)
class Case:
    """A golden fixture case that expects an item (rejected cases are left out)."""

    name: str
    url: str
    html: str
    crawled_at: str
    expected: dict[str, Any]


def _mirror_pages(n_articles: int) -> Iterator[Page]:
    site = build_site(n_articles)
    for article_id in site.ids:
        record = site.record(article_id)
        if record is None or record.fault is not None:
            continue
        article = site.article(article_id)
        reply = route(site, ORIGIN, article.desktop_path)
        if reply.status != 200:
            continue
        content_type = dict(reply.headers).get("Content-Type", reply.content_type)
        yield Page(ORIGIN + article.desktop_path, decode_html(reply.body, content_type))


def mirror_pages(count: int) -> list[Page]:
    """``count`` distinct desktop article pages (fault pages and non-200 replies skipped)."""
    pages: list[Page] = []
    for page in _mirror_pages(count + 16):
        pages.append(page)
        if len(pages) == count:
            return pages
    raise RuntimeError(f"the mirror gave only {len(pages)} article pages, {count} asked")


def golden_cases() -> list[Case]:
    """Every ``tests/fixtures/*/expected.json`` case that is not ``{"rejected": ...}``."""
    cases: list[Case] = []
    for expected_path in sorted(FIXTURES.glob("*/expected.json")):
        folder = expected_path.parent
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        if "rejected" in expected:
            continue
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        headers = {k.lower(): v for k, v in (meta.get("headers") or {}).items()}
        html = decode_html((folder / "page.html").read_bytes(), headers.get("content-type"))
        cases.append(Case(folder.name, meta["url"], html, meta["crawled_at"], expected))
    return cases
