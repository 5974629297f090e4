"""Sections c, d and e: real ``scrapy crawl rmol`` runs against the local mirror.

Each crawl is a child process reaped with :func:`os.wait4`, which gives its own CPU time. Its
peak RSS is the ``VmHWM`` of ``/proc/<pid>/status``, read while it runs: the ``ru_maxrss`` that
``wait4`` reports is useless here, because Linux carries the parent's resident size at fork over
into the child's (this process holds the page corpus and the mirror's site model). The mirror
serves from a thread of this process, so its CPU is this process's ``time.process_time`` over
the crawl. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.corpus import ROOT
from rmolcrawler.items import rmol_key
from rmolcrawler.state import CrawlState
from tests.site.model import SECTIONS, build_site
from tests.site.server import MirrorServer

Say = Callable[[str], None]
POLITENESS_OFF = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "ROBOTSTXT_OBEY": "True",
    "LOG_LEVEL": "INFO",
}
FULL_CRAWL_ARGS = {"max_pages": "1000", "related_depth": "0"}
SLOW_ROUTE_SECONDS = 1.0
"""The mirror's one deliberately slow article (default 5 s) answers after 1 s here."""
PROGRESS_EVERY = 30.0
POLL_SECONDS = 0.05
_SECTION_PATH = re.compile(r"^/([a-z][a-z0-9-]*)/?$")


# ---- child processes -------------------------------------------------------------------------
@dataclass
class ChildRun:
    returncode: int | None
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    """The child's own high-water mark (``VmHWM``), last read before it exited."""
    ru_maxrss_mb: float
    """``wait4``'s figure: at least this process's RSS when it forked the child."""
    timed_out: bool
    log: str


def _vm_hwm_kb(pid: int) -> int | None:
    """The process's peak resident set size so far (KiB), or None once it has exited."""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def _stop(pid: int, grace_s: float = 60.0) -> tuple[int, Any]:
    """SIGINT (a clean Scrapy shutdown), then SIGKILL after ``grace_s``; reap the child."""
    os.kill(pid, signal.SIGINT)
    deadline = time.monotonic() + grace_s
    while time.monotonic() < deadline:
        reaped, status, usage = os.wait4(pid, os.WNOHANG)
        if reaped:
            return status, usage
        time.sleep(0.5)
    os.kill(pid, signal.SIGKILL)
    _, status, usage = os.wait4(pid, 0)
    return status, usage


def run_child(
    argv: list[str],
    cwd: Path,
    log_path: Path,
    timeout_s: float,
    *,
    say: Say,
    progress: Callable[[], str] | None = None,
) -> ChildRun:
    """Run ``argv`` to its end (or ``timeout_s``), printing ``progress()`` every 30 s."""
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    started = time.monotonic()
    with log_path.open("wb") as log:
        proc = subprocess.Popen(argv, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env)
    next_report = started + PROGRESS_EVERY
    timed_out = False
    peak_kb = 0
    while True:
        peak_kb = max(peak_kb, _vm_hwm_kb(proc.pid) or 0)
        reaped, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if reaped:
            break
        now = time.monotonic()
        if now - started > timeout_s:
            timed_out = True
            status, usage = _stop(proc.pid)
            break
        if progress is not None and now >= next_report:
            say(f"  ... {now - started:.0f} s: {progress()}")
            next_report = now + PROGRESS_EVERY
        time.sleep(POLL_SECONDS)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return ChildRun(
        returncode=proc.returncode,
        wall_s=time.monotonic() - started,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=peak_kb / 1024,
        ru_maxrss_mb=usage.ru_maxrss / 1024,  # Linux: KiB
        timed_out=timed_out,
        log=str(log_path),
    )


# ---- scrapy crawl rmol -----------------------------------------------------------------------
@dataclass
class CrawlResult:
    articles: int
    child: ChildRun
    stats: dict[str, Any]
    mirror_cpu_s: float
    mirror_requests: Counter[str] = field(default_factory=Counter)
    section_requests: Counter[str] = field(default_factory=Counter)

    @property
    def pages(self) -> int:
        return int(self.stats.get("response_received_count", 0))

    @property
    def elapsed_s(self) -> float:
        return float(self.stats.get("elapsed_time_seconds") or self.child.wall_s)

    @property
    def pages_per_min(self) -> float:
        return self.pages / self.elapsed_s * 60 if self.elapsed_s else 0.0

    @property
    def cpu_s_per_page(self) -> float | None:
        return self.child.cpu_s / self.pages if self.pages else None

    def as_json(self) -> dict[str, Any]:
        keys = (
            "response_received_count",
            "downloader/request_count",
            "item_scraped_count",
            "elapsed_time_seconds",
            "finish_reason",
            "rmol/state/skipped_known",
        )
        return {
            "mirror_articles": self.articles,
            "returncode": self.child.returncode,
            "timed_out": self.child.timed_out,
            "wall_s": round(self.child.wall_s, 2),
            "crawl_cpu_s": round(self.child.cpu_s, 2),
            "peak_rss_mb": round(self.child.peak_rss_mb, 1),
            "ru_maxrss_mb_inherited": round(self.child.ru_maxrss_mb, 1),
            "mirror_cpu_s": round(self.mirror_cpu_s, 2),
            "pages_per_min": round(self.pages_per_min, 1),
            "cpu_s_per_page": _round(self.cpu_s_per_page, 5),
            "stats": {k: self.stats.get(k) for k in keys},
            "mirror_requests": dict(self.mirror_requests),
            "section_requests": dict(self.section_requests),
            "log": self.child.log,
        }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def crawl_argv(
    base_url: str, work: Path, settings: dict[str, str], spider_args: dict[str, str]
) -> list[str]:
    argv = [sys.executable, "-m", "scrapy", "crawl", "rmol"]
    every = {
        "RMOL_BASE_URL": base_url,
        **POLITENESS_OFF,
        "RMOL_DATA_DIR": str(work / "data"),
        "RMOL_STATS_FILE": str(work / "stats.json"),
        **settings,
    }
    for name, value in every.items():
        argv += ["-s", f"{name}={value}"]
    argv += ["-O", str(work / "out.jsonl")]
    for name, value in spider_args.items():
        argv += ["-a", f"{name}={value}"]
    return argv


def classify(path: str) -> tuple[str, str | None]:
    """A mirror request path as ``(kind, section)``: robots, home, section, article, other."""
    target = urlsplit(path).path
    if target == "/robots.txt":
        return "robots", None
    if target == "/":
        return "home", None
    match = _SECTION_PATH.match(target)
    if match and match[1] in SECTIONS:
        return "section", match[1]
    if "/read/" in target or target.startswith("/amp/"):
        return "article", None
    return "other", None


def _read_stats(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data


def run_crawl(
    n_articles: int,
    timeout_s: float,
    say: Say,
    *,
    spider_args: dict[str, str] | None = None,
    state_ids: bool = False,
) -> CrawlResult:
    """Serve an ``n_articles`` mirror and crawl it once with politeness off.

    ``state_ids``: pre-fill the crawl state with every article id of the site first, as if a
    full crawl had already emitted them (the incremental section).
    """
    site = build_site(n_articles)
    with tempfile.TemporaryDirectory(prefix="rmol-bench-") as tmp:
        work = Path(tmp)
        settings: dict[str, str] = {}
        if state_ids:
            state_dir = work / "state"
            state = CrawlState(state_dir).open()
            try:
                state.commit_emitted(map(rmol_key, site.ids))
            finally:
                state.close()
            settings["RMOL_STATE_DIR"] = str(state_dir)
        args = FULL_CRAWL_ARGS if spider_args is None else spider_args
        log_path = _log_path(f"crawl-{n_articles}{'-incremental' if state_ids else ''}.log")
        with MirrorServer(site, slow_seconds=SLOW_ROUTE_SECONDS) as mirror:
            argv = crawl_argv(mirror.base_url, work, settings, args)
            cpu_before = time.process_time()
            child = run_child(
                argv,
                ROOT,
                log_path,
                timeout_s,
                say=say,
                progress=lambda: f"{mirror.request_count()} requests served",
            )
            mirror_cpu = time.process_time() - cpu_before
            log = mirror.request_log
        stats = _read_stats(work / "stats.json")
    kinds: Counter[str] = Counter()
    sections: Counter[str] = Counter()
    for _, path, _ in log:
        kind, section = classify(path)
        kinds[kind] += 1
        if section is not None:
            sections[section] += 1
    return CrawlResult(n_articles, child, stats, mirror_cpu, kinds, sections)


def _log_path(name: str) -> Path:
    folder = ROOT / "bench" / "results" / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


# ---- scrapy bench ----------------------------------------------------------------------------
@dataclass
class ScrapyBench:
    child: ChildRun
    pages: int
    elapsed_s: float

    @property
    def pages_per_min(self) -> float:
        return self.pages / self.elapsed_s * 60 if self.elapsed_s else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "returncode": self.child.returncode,
            "pages": self.pages,
            "elapsed_s": round(self.elapsed_s, 2),
            "pages_per_min": round(self.pages_per_min, 1),
            "cpu_s": round(self.child.cpu_s, 2),
            "peak_rss_mb": round(self.child.peak_rss_mb, 1),
            "log": self.child.log,
        }


def _stat(pattern: str, text: str) -> float:
    match = re.search(rf"'{re.escape(pattern)}': ([0-9.]+)", text)
    return float(match[1]) if match else 0.0


def scrapy_bench(seconds: int, say: Say) -> ScrapyBench:
    """``scrapy bench`` from a directory outside the project (Scrapy's own defaults)."""
    argv = [sys.executable, "-m", "scrapy", "bench"]
    argv += ["-s", f"CLOSESPIDER_TIMEOUT={seconds}", "-s", "LOG_LEVEL=INFO"]
    log_path = _log_path("scrapy-bench.log")
    with tempfile.TemporaryDirectory(prefix="rmol-scrapy-bench-") as tmp:
        child = run_child(argv, Path(tmp), log_path, seconds + 120, say=say)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    pages = int(_stat("response_received_count", text))
    return ScrapyBench(child, pages, _stat("elapsed_time_seconds", text))
