"""``python -m bench.lower_bound``: how fast could any extractor built like ours be?

A sketch that reads only what a standard mirror page's fields need (the site layer of each,
no fallbacks, no rejection checks, no search for other markup), builds the item and runs the
real pipelines. It uses the crawler's own helpers (paragraph walk, whitespace, dates, URLs), so
the gap between it and ``OfflineExtractor.run`` is what the layered page class costs. It is a
measurement, not an extractor: it fits the mirror's markup only, and it checks that its item
agrees with the page class on a sample of pages. Prints the median ratio to the lxml floor.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from typing import Any

import lxml.html
from lxml import etree
from scrapy.exceptions import DropItem

from bench.corpus import CRAWLED_AT, Page, mirror_pages
from rmolcrawler.items import ArticleItem, RelatedLink
from rmolcrawler.normalize.dates import parse_indonesian
from rmolcrawler.normalize.text import collapse_ws
from rmolcrawler.offline import OfflineExtractor
from rmolcrawler.pages.html import paragraphs, text_content, text_of
from rmolcrawler.urls import SiteUrls, site_urls

ORIGIN = "https://rmol.id"
PARSER = etree.HTMLParser()
BODY = etree.XPath("id('fontResizableText')")
COMPARED = ("title", "reporter", "published_at", "body", "tags", "image_url", "image_caption")


def sketch(url: str, html: str, urls: SiteUrls, pipelines: list[Any]) -> ArticleItem | None:
    root = etree.fromstring(html, PARSER)
    ref = urls.parse_article(url)
    found = BODY(root)
    h1 = next(root.iter("h1"), None)
    if ref is None or not isinstance(found, list) or not found or h1 is None:
        return None
    body = found[0]
    assert isinstance(body, etree._Element)
    column = body.getparent()
    assert column is not None
    reporter = reporter_url = date = image = caption = None
    tags: list[str] = []
    for a in column.iterdescendants("a"):
        href = a.get("href") or ""
        if "/about/" in href and reporter is None:
            reporter, reporter_url = text_of(a), href
            byline = a.getparent()
            block = byline.getparent() if byline is not None else None
            for li in block.iter("li") if block is not None else ():
                if parse_indonesian(text := text_of(li)):
                    date = text
                    break
        elif "/tag/" in href:
            tags.append(collapse_ws(text_content(a)))
    for img in column.iter("img"):
        if "/images/berita/" in (src := img.get("src") or ""):
            image = src
            break
    figcaption = next(column.iter("figcaption"), None)
    caption = text_of(figcaption) if figcaption is not None else None
    related: dict[int, RelatedLink] = {}
    for heading in root.iter("h3"):
        holder = heading.getparent()
        box = holder.getnext() if holder is not None else None
        if heading.text != "ARTIKEL LAINNYA" or box is None:
            continue
        for a in box.iter("a"):
            linked = urls.article_of(a.get("href") or "", url)
            if linked is not None and linked.id not in related:
                title = collapse_ws(text_content(a))
                related[linked.id] = RelatedLink(
                    id=linked.id, url=urls.canonical_article(linked), title=title
                )
    item: Any = ArticleItem(
        id=ref.id,
        url=url,
        section=ref.section,
        title=text_of(h1),
        reporter=reporter,
        reporter_url=reporter_url,
        published_at=None,
        published_at_raw=date,
        image_url=image,
        image_caption=caption,
        body="\n\n".join(paragraphs(body)),
        tags=tags,
        related=list(related.values()),
        crawled_at=CRAWLED_AT,
    )
    try:
        for pipeline in pipelines:
            item = pipeline.process_item(item)
    except DropItem:
        return None
    return item  # type: ignore[no-any-return]


def agreement(pages: list[Page]) -> int:
    """How many of ``pages`` the sketch and the page class extract alike (compared fields)."""
    same = 0
    for page in pages:
        site_urls.cache_clear()
        ours = OfflineExtractor().run(page.url, page.html, CRAWLED_AT).item
        mine = sketch(page.url, page.html, site_urls(ORIGIN), OfflineExtractor()._pipelines(ORIGIN))
        if ours is not None and mine is not None:
            same += all(getattr(ours, f) == getattr(mine, f) for f in COMPARED)
    return same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=400, help="distinct mirror pages (400)")
    parser.add_argument("--runs", type=int, default=3, help="runs over the pages (3)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # dropped fault pages log a warning each
    pages = mirror_pages(args.pages)
    print(f"the sketch agrees with the page class on {agreement(pages[:50])} of 50 pages")
    ratios: dict[str, list[float]] = {"sketch": [], "ours": []}
    for _ in range(args.runs):
        site_urls.cache_clear()
        urls, extractor = site_urls(ORIGIN), OfflineExtractor()
        pipelines = OfflineExtractor()._pipelines(ORIGIN)
        samples: dict[str, list[int]] = {"floor": [], "sketch": [], "ours": []}
        for page in pages:
            for name in ("floor", "sketch", "ours"):
                start = time.perf_counter_ns()
                if name == "floor":
                    lxml.html.fromstring(page.html)
                elif name == "sketch":
                    sketch(page.url, page.html, urls, pipelines)
                else:
                    extractor.run(page.url, page.html, CRAWLED_AT)
                samples[name].append(time.perf_counter_ns() - start)
        floor = statistics.median(samples["floor"])
        for name, values in ratios.items():
            values.append(statistics.median(samples[name]) / floor)
    for name, values in ratios.items():
        print(f"{name}/floor: median {statistics.median(values):.2f} over {args.runs} runs")


if __name__ == "__main__":
    main()
