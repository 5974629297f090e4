"""``python -m bench.steps``: where one page's extraction time goes, step by step.

Runs :class:`~rmolcrawler.offline.OfflineExtractor` on fresh mirror pages, as ``bench/run``'s
extraction section does, with each top-level call of the page class and each pipeline stage
timed by ``time.perf_counter_ns``. A call made from inside another timed call counts toward the
outer one only. No profiler is involved, so the steps add up to the real total (the last rows).
Prints a Markdown table of medians in µs per page, next to the lxml floor of the same pages.
Needs only the crawler's own requirements.
"""

from __future__ import annotations

import argparse
import functools
import gc
import statistics
import time
from collections.abc import Callable
from typing import Any

import lxml.html

from bench.corpus import CRAWLED_AT, mirror_pages
from rmolcrawler.offline import OfflineExtractor
from rmolcrawler.pages.article import ArticlePage
from rmolcrawler.pipelines.base import Stage
from rmolcrawler.urls import site_urls

FLOOR = "lxml floor: lxml.html.fromstring"
TOTAL = "total: OfflineExtractor.run"
REST = "rest: freeing the page's tree (about 80), URL origin, stats, item assembly"
STEPS: tuple[tuple[type, tuple[str, ...], str], ...] = (
    (ArticlePage, ("__init__",), "parse: etree.fromstring with the plain HTMLParser"),
    (ArticlePage, ("rejection",), "rejection checks (body container, body paragraph walk)"),
    (
        ArticlePage,
        ("title", "section", "canonical_url"),
        "title (h1 and its heading block), section (canonical link)",
    ),
    (ArticlePage, ("reporter", "reporter_url"), "reporter, reporter URL"),
    (ArticlePage, ("published_at_raw",), "published_at_raw"),
    (ArticlePage, ("image_url", "image_caption"), "image, caption"),
    (ArticlePage, ("tags",), "tags"),
    (ArticlePage, ("related",), "related links (in-body boxes, ARTIKEL LAINNYA)"),
    (Stage, ("process_item",), "the five pipelines"),
)


class StepClock:
    """Accumulates the time of the outermost timed call per label."""

    def __init__(self) -> None:
        self.spent: dict[str, int] = {}
        self._depth = 0

    def wrap(self, function: Callable[..., Any], label: str) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self._depth:
                return function(*args, **kwargs)
            self._depth += 1
            start = time.perf_counter_ns()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.perf_counter_ns() - start
                self.spent[label] = self.spent.get(label, 0) + elapsed
                self._depth -= 1

        return timed


def measure(pages: int, passes: int) -> dict[str, list[int]]:
    clock = StepClock()
    originals = [(cls, name, getattr(cls, name)) for cls, names, _ in STEPS for name in names]
    for cls, names, label in STEPS:
        for name in names:
            setattr(cls, name, clock.wrap(getattr(cls, name), label))
    rows: dict[str, list[int]] = {FLOOR: []}
    rows.update({label: [] for _, _, label in STEPS})
    rows[REST] = []
    rows[TOTAL] = []
    try:
        corpus = mirror_pages(pages)
        for _ in range(passes):
            site_urls.cache_clear()  # cold URL memos in every pass, as in a new crawl process
            extractor = OfflineExtractor()  # fresh: its dedup stage keeps the ids it saw
            gc.collect()
            for page in corpus:
                clock.spent.clear()
                start = time.perf_counter_ns()
                lxml.html.fromstring(page.html)
                rows[FLOOR].append(time.perf_counter_ns() - start)
                start = time.perf_counter_ns()
                extractor.run(page.url, page.html, CRAWLED_AT)
                total = time.perf_counter_ns() - start
                for label, spent in clock.spent.items():
                    rows[label].append(spent)
                rows[REST].append(total - sum(clock.spent.values()))
                rows[TOTAL].append(total)
    finally:
        for cls, name, original in originals:
            setattr(cls, name, original)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=400, help="distinct mirror pages (400)")
    parser.add_argument("--passes", type=int, default=3, help="passes over the pages (3)")
    args = parser.parse_args()
    rows = measure(args.pages, args.passes)
    floor = statistics.median(rows[FLOOR])
    print(f"{args.pages} mirror pages x {args.passes} passes, medians\n")
    print("| step | µs/page | × floor |\n|---|---|---|")
    for label, values in rows.items():
        if values:
            value = statistics.median(values)
            print(f"| {label} | {value / 1e3:,.0f} | {value / floor:.2f} |")


if __name__ == "__main__":
    main()
