"""Section a: extraction cost per page, ours against the lxml floor and the peers.

Every tool sees the same pages in the same run. The tools are interleaved page by page, so a
slow patch of the shared machine lands on every tool alike, in an order drawn afresh for each
page (seeded by the run), so each tool follows each other one equally often. (A rotation of one
fixed order would keep the neighbours fixed: the lxml floor would parse each page right after
the extractor before it had parsed the same text, and warm.) Per run: the median ms per page
of each tool and the ratios of those medians; overall: the median over runs of both.
"""

from __future__ import annotations

import gc
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scrapy.utils.project import get_project_settings

from bench.corpus import CRAWLED_AT, Page
from bench.tools import (
    FLOOR,
    NEWSPAPER,
    OURS,
    PEER_TIMERS,
    TRAFILATURA,
    Timer,
    floor_timer,
    ours_timer,
)
from rmolcrawler.offline import OfflineExtractor
from rmolcrawler.urls import site_urls

RATIOS = (
    ("ours/floor", OURS, FLOOR),
    ("trafilatura/ours", TRAFILATURA, OURS),
    ("newspaper4k/ours", NEWSPAPER, OURS),
)


@dataclass
class ExtractionResult:
    pages: int
    mean_page_kb: float
    tools: list[str]
    run_medians_ms: dict[str, list[float]] = field(default_factory=dict)
    run_ratios: dict[str, list[float]] = field(default_factory=dict)
    ours_emitted: list[int] = field(default_factory=list)

    def median_ms(self, tool: str) -> float | None:
        values = self.run_medians_ms.get(tool)
        return statistics.median(values) if values else None

    def ratio(self, name: str) -> float | None:
        values = self.run_ratios.get(name)
        return statistics.median(values) if values else None

    def as_json(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "mean_page_kb": round(self.mean_page_kb, 1),
            "runs": len(self.ours_emitted),
            "ours_emitted_per_run": self.ours_emitted,
            "median_ms": {t: _round(self.median_ms(t)) for t in self.tools},
            "run_medians_ms": {
                t: [round(v, 3) for v in vs] for t, vs in self.run_medians_ms.items()
            },
            "ratios": {name: _round(self.ratio(name)) for name in self.run_ratios},
            "run_ratios": {n: [round(v, 3) for v in vs] for n, vs in self.run_ratios.items()},
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _emitted(extractor: OfflineExtractor, pages: int) -> int:
    lost = sum(
        int(value)
        for key, value in extractor.stats.values.items()
        if key.startswith("rmol/page/rejected/") or "/dropped/" in key
    )
    return pages - lost


def _timed_pass(pages: list[Page], timers: dict[str, Timer], run: int) -> dict[str, list[float]]:
    names = list(timers)
    samples: dict[str, list[float]] = {name: [] for name in names}
    clock = time.perf_counter_ns
    draw = random.Random(run)
    for page in pages:
        order = names[:]
        draw.shuffle(order)
        for name in order:
            call = timers[name]
            start = clock()
            call(page.url, page.html)
            samples[name].append((clock() - start) / 1e6)
    return samples


def measure(
    pages: list[Page],
    warmup: Page,
    runs: int,
    peers: list[str],
    say: Callable[[str], None],
) -> ExtractionResult:
    """Time every tool on ``pages``; ``warmup`` (a page not in ``pages``) primes each run."""
    settings = get_project_settings()
    tools = [OURS, FLOOR, *peers]
    mean_kb = statistics.fmean(len(p.html.encode("utf-8")) for p in pages) / 1024
    result = ExtractionResult(len(pages), mean_kb, tools)
    for run in range(runs):
        site_urls.cache_clear()  # cold URL memos in every run, as in a new crawl process
        extractor = OfflineExtractor(settings)  # fresh: its dedup stage keeps the ids it saw
        timers: dict[str, Timer] = {OURS: ours_timer(extractor, CRAWLED_AT)}
        timers[FLOOR] = floor_timer
        timers.update({name: PEER_TIMERS[name] for name in peers})
        for call in timers.values():
            call(warmup.url, warmup.html)
        extractor.stats.values.clear()
        gc.collect()
        started = time.monotonic()
        samples = _timed_pass(pages, timers, run)
        medians = {name: statistics.median(values) for name, values in samples.items()}
        for name, value in medians.items():
            result.run_medians_ms.setdefault(name, []).append(value)
        for label, top, bottom in RATIOS:
            if top in medians and bottom in medians:
                result.run_ratios.setdefault(label, []).append(medians[top] / medians[bottom])
        result.ours_emitted.append(_emitted(extractor, len(pages)))
        shown = ", ".join(f"{name} {value:.2f} ms" for name, value in medians.items())
        say(f"extraction run {run + 1}/{runs} ({time.monotonic() - started:.0f} s): {shown}")
    return result
