"""Helpers to run the real ``scrapy crawl rmol`` in a subprocess and read what it produced."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# Politeness turned down by settings only, as the README tells users.
FAST_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS": "8",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "DOWNLOAD_TIMEOUT": "3",
    "RETRY_TIMES": "2",
    "LOG_LEVEL": "INFO",
}


@dataclass
class CrawlResult:
    items: list[dict[str, Any]]
    stats: dict[str, Any]
    log: str
    returncode: int

    def stat(self, key: str) -> int:
        return int(self.stats.get(key, 0))

    def log_lines(self, level: str) -> list[str]:
        return [line for line in self.log.splitlines() if f"] {level}:" in line]


@dataclass
class CrawlRun:
    """One ``scrapy crawl rmol`` command line and where it leaves its results."""

    tmp: Path
    cmd: list[str]
    settings: dict[str, str]
    output: bool

    @property
    def out(self) -> Path:
        return self.tmp / "items.jsonl"

    @property
    def stats_file(self) -> Path:
        return self.tmp / "stats.json"

    @property
    def log_file(self) -> Path:
        return self.tmp / "crawl.log"

    def popen(self, **kwargs: Any) -> subprocess.Popen[str]:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        return subprocess.Popen(self.cmd, cwd=ROOT, env=env, text=True, **kwargs)

    def result(self, returncode: int, stderr: str = "") -> CrawlResult:
        stats = json.loads(self.stats_file.read_text()) if self.stats_file.exists() else {}
        if self.output:
            files = [self.out] if self.out.exists() else []
        else:  # this run's finished default outputs
            run_id = stats.get("rmol/run_id", "?")
            files = sorted(Path(self.settings["RMOL_DATA_DIR"]).rglob(f"*-{run_id}*.jsonl"))
        items = [
            json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines()
        ]
        log = self.log_file.read_text(encoding="utf-8") if self.log_file.exists() else ""
        return CrawlResult(items, stats, log + stderr, returncode)


def crawl_run(
    base_url: str,
    tmp: Path,
    *args: str,
    settings: dict[str, str] | None = None,
    output: bool = True,
    spider: str = "rmol",
) -> CrawlRun:
    """The command for a crawl with ``-O tmp/items.jsonl``, or the default feeds."""
    tmp.mkdir(parents=True, exist_ok=True)
    merged = (
        FAST_SETTINGS
        | {
            "RMOL_BASE_URL": base_url,
            "RMOL_DATA_DIR": str(tmp / "data"),
            "RMOL_STATS_FILE": str(tmp / "stats.json"),
            "LOG_FILE": str(tmp / "crawl.log"),
        }
        | (settings or {})
    )
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider]
    if output:
        cmd += ["-O", str(tmp / "items.jsonl")]
    for key, value in merged.items():
        cmd += ["-s", f"{key}={value}"]
    return CrawlRun(tmp, cmd + list(args), merged, output)


def run_crawl(
    base_url: str,
    tmp: Path,
    *args: str,
    settings: dict[str, str] | None = None,
    timeout: float = 240,
    output: bool = True,
    spider: str = "rmol",
    **popen: Any,
) -> CrawlResult:
    """Run a crawl to its end (see :func:`crawl_run`)."""
    run = crawl_run(base_url, tmp, *args, settings=settings, output=output, spider=spider)
    with run.popen(stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen) as proc:
        _, stderr = proc.communicate(timeout=timeout)
    return run.result(proc.returncode, stderr)
