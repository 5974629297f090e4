"""``python -m bench.main``: issue 4's benchmark. ``bench/run`` sets up ``.venv-bench`` first.

Sections (``--only``, comma-separated; all by default):

* ``reparse``: ``python -m rmolcrawler.reparse`` end to end, ms per page, against trafilatura,
  and pages/s from a WARC file on one core and on all;
* ``extraction``: ms per page of ours, the lxml floor and the peers on mirror pages;
* ``quality``: body F1, exact fields and boilerplate leaks on the golden fixture cases;
* ``crawl``: ``scrapy crawl rmol`` pages/min and CPU s/page, against ``scrapy bench``;
* ``memory``: peak RSS of crawls of two mirror sizes;
* ``incremental``: requests and time of a scheduled run with nothing new.

Tables go to stdout, progress to stderr, everything to ``bench/results/latest.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import shlex
import sys
import time
from pathlib import Path
from typing import Any

from bench import netguard
from bench.corpus import ROOT, golden_cases, mirror_pages
from bench.crawl import CrawlResult, run_crawl, scrapy_bench
from bench.extraction import measure
from bench.quality import evaluate
from bench.reparse import measure as measure_reparse
from bench.report import (
    Results,
    crawl_table,
    extraction_table,
    incremental_table,
    memory_table,
    quality_table,
    reparse_table,
    targets,
    targets_table,
)
from bench.tools import DISTRIBUTIONS, OURS, available_peers, load_peers, version_of

SECTIONS = ("reparse", "extraction", "quality", "crawl", "memory", "incremental")
RESULTS = ROOT / "bench" / "results" / "latest.json"


@dataclasses.dataclass(frozen=True)
class Options:
    sections: tuple[str, ...]
    pages: int
    runs: int
    crawl_articles: int
    memory_articles: tuple[int, ...]
    incremental_articles: int
    bench_seconds: int
    crawl_timeout: float
    quick: bool


FULL: dict[str, Any] = {
    "pages": 2000,
    "runs": 5,
    "crawl_articles": 2000,
    "memory_articles": "2000,20000",
    "incremental_articles": 20000,
    "bench_seconds": 20,
}
QUICK: dict[str, Any] = {
    "pages": 200,
    "runs": 2,
    "crawl_articles": 500,
    "memory_articles": "500,2000",
    "incremental_articles": 2000,
    "bench_seconds": 10,
}


def parse_args(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help=f"sections to run, comma-separated: {','.join(SECTIONS)}")
    parser.add_argument("--quick", action="store_true", help="a fast smoke version of each")
    parser.add_argument("--pages", type=int, help="distinct mirror pages (2000; quick 200)")
    parser.add_argument("--runs", type=int, help="timed passes over the pages (5; quick 2)")
    parser.add_argument("--crawl-articles", type=int, help="mirror size to crawl (2000; 500)")
    parser.add_argument(
        "--memory-articles", help="two mirror sizes, comma-separated (2000,20000; 500,2000)"
    )
    parser.add_argument(
        "--incremental-articles", type=int, help="mirror size for the incremental run (20000)"
    )
    parser.add_argument("--bench-seconds", type=int, help="scrapy bench CLOSESPIDER_TIMEOUT (20)")
    parser.add_argument(
        "--crawl-timeout", type=float, default=3600.0, help="stop any one crawl after N s"
    )
    args = parser.parse_args(argv)
    defaults = QUICK if args.quick else FULL
    chosen = {k: v if (v := getattr(args, k)) is not None else defaults[k] for k in defaults}
    sections = tuple(s.strip() for s in (args.only or ",".join(SECTIONS)).split(",") if s.strip())
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {', '.join(sorted(unknown))}; choose from {SECTIONS}")
    return Options(
        sections=sections,
        pages=chosen["pages"],
        runs=chosen["runs"],
        crawl_articles=chosen["crawl_articles"],
        memory_articles=tuple(int(n) for n in str(chosen["memory_articles"]).split(",")),
        incremental_articles=chosen["incremental_articles"],
        bench_seconds=chosen["bench_seconds"],
        crawl_timeout=args.crawl_timeout,
        quick=args.quick,
    )


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def show(title: str, text: str) -> None:
    print(f"\n## {title}\n\n{text}", flush=True)


def machine() -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    model = next(
        (ln.split(":", 1)[1].strip() for ln in cpuinfo.splitlines() if ln.startswith("model name")),
        None,
    )
    meminfo = Path("/proc/meminfo").read_text(encoding="utf-8").split()
    ram_gib = int(meminfo[meminfo.index("MemTotal:") + 1]) / 1024 / 1024
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_model": model,
        "ram_gib": round(ram_gib, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": {
            name: version_of(name)
            for name in ("scrapy", "lxml", "dateparser", *DISTRIBUTIONS.values())
        },
    }


class Bench:
    """Runs the chosen sections in order and keeps every result for the final tables."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.results = Results()
        self.peers = available_peers()
        self.crawls: dict[int, CrawlResult] = {}
        self.timings: dict[str, float] = {}

    def run(self) -> None:
        load_peers(self.peers)
        missing = sorted(set(DISTRIBUTIONS) - set(self.peers))
        if missing:
            say(f"peers not installed (use bench/run): {', '.join(missing)}")
        for section in self.options.sections:
            started = time.monotonic()
            say(f"== {section}")
            getattr(self, f"section_{section}")()
            self.timings[section] = round(time.monotonic() - started, 1)

    def section_extraction(self) -> None:
        say(f"rendering {self.options.pages + 1} distinct mirror pages ...")
        pages = mirror_pages(self.options.pages + 1)
        warmup, timed = pages[0], pages[1:]
        result = measure(timed, warmup, self.options.runs, self.peers, say)
        self.results.extraction = result
        head = (
            f"{result.pages} distinct mirror pages (mean {result.mean_page_kb:.1f} KB of HTML), "
            f"{self.options.runs} runs; ours emitted {min(result.ours_emitted)}/{result.pages}"
            " pages in every run\n\n"
        )
        show("Extraction cost per page", head + extraction_table(result))

    def section_reparse(self) -> None:
        say(f"writing {self.options.pages} mirror pages as fixture cases ...")
        pages = mirror_pages(self.options.pages)
        result = measure_reparse(pages, self.options.runs, self.peers, say)
        self.results.reparse = result
        text = reparse_table(result) + "\n" + result.warc_summary()
        show("Re-extraction end to end (python -m rmolcrawler.reparse)", text)

    def section_quality(self) -> None:
        cases = golden_cases()
        self.results.quality = evaluate(cases, [OURS, *self.peers])
        show(f"Quality on {len(cases)} golden cases", quality_table(self.results.quality))

    def _crawl(self, n_articles: int) -> CrawlResult:
        if n_articles not in self.crawls:
            say(f"crawling a {n_articles}-article mirror (politeness off) ...")
            result = run_crawl(n_articles, self.options.crawl_timeout, say)
            say(
                f"  {result.pages} pages in {result.elapsed_s:.1f} s, "
                f"peak RSS {result.child.peak_rss_mb:.0f} MB, exit {result.child.returncode}"
            )
            self.crawls[n_articles] = result
        return self.crawls[n_articles]

    def section_crawl(self) -> None:
        crawl = self._crawl(self.options.crawl_articles)
        say(f"scrapy bench for {self.options.bench_seconds} s ...")
        bench = scrapy_bench(self.options.bench_seconds, say)
        self.results.crawl, self.results.scrapy_bench = crawl, bench
        show("Crawl throughput", crawl_table(crawl, bench))

    def section_memory(self) -> None:
        self.results.memory = [self._crawl(n) for n in self.options.memory_articles]
        show("Memory", memory_table(self.results.memory))

    def section_incremental(self) -> None:
        n = self.options.incremental_articles
        say(f"scheduled run with nothing new on a {n}-article mirror ...")
        result = run_crawl(n, self.options.crawl_timeout, say, spider_args={}, state_ids=True)
        self.results.incremental = result
        show("Incremental run with nothing new", incremental_table(result))

    def as_json(self, argv: list[str], started: str, load: tuple[float, ...]) -> dict[str, Any]:
        r = self.results
        return {
            "command": "bench/run " + shlex.join(argv),
            "started_utc": started,
            "finished_utc": _utc_now(),
            "machine": machine(),
            "loadavg_at_start": load,
            "loadavg_at_end": os.getloadavg(),
            "options": dataclasses.asdict(self.options),
            "section_seconds": self.timings,
            "extraction": r.extraction.as_json() if r.extraction else None,
            "quality": {t: q.as_json() for t, q in r.quality.items()} if r.quality else None,
            "crawl": r.crawl.as_json() if r.crawl else None,
            "scrapy_bench": r.scrapy_bench.as_json() if r.scrapy_bench else None,
            "memory": [c.as_json() for c in r.memory],
            "incremental": r.incremental.as_json() if r.incremental else None,
            "reparse": r.reparse.as_json() if r.reparse else None,
            "targets": [dataclasses.asdict(v) for v in targets(r)],
            "network_blocked": netguard.blocked,
        }


def _utc_now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    options = parse_args(argv)
    netguard.install()
    started, load = _utc_now(), os.getloadavg()
    bench = Bench(options)
    bench.run()
    show("Targets", targets_table(targets(bench.results)))
    if netguard.blocked:
        say(f"network attempts refused: {len(netguard.blocked)} ({sorted(set(netguard.blocked))})")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(bench.as_json(argv, started, load), indent=2, ensure_ascii=False, default=str)
        + "\n",
        encoding="utf-8",
    )
    say(f"results: {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
