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


def run_crawl(
    base_url: str,
    tmp: Path,
    *args: str,
    settings: dict[str, str] | None = None,
    timeout: float = 240,
    output: bool = True,
) -> CrawlResult:
    """Crawl with ``-O tmp/items.jsonl``, or with the default feeds when ``output`` is False."""
    tmp.mkdir(parents=True, exist_ok=True)
    out = tmp / "items.jsonl"
    stats_file = tmp / "stats.json"
    log_file = tmp / "crawl.log"
    merged = (
        FAST_SETTINGS
        | {
            "RMOL_BASE_URL": base_url,
            "RMOL_DATA_DIR": str(tmp / "data"),
            "RMOL_STATS_FILE": str(stats_file),
            "LOG_FILE": str(log_file),
        }
        | (settings or {})
    )
    cmd = [sys.executable, "-m", "scrapy", "crawl", "rmol"] + (["-O", str(out)] if output else [])
    for key, value in merged.items():
        cmd += ["-s", f"{key}={value}"]
    cmd += list(args)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    if output:
        files = [out] if out.exists() else []
    else:  # this run's finished default outputs
        run_id = stats.get("rmol/run_id", "?")
        files = sorted(Path(merged["RMOL_DATA_DIR"]).rglob(f"rmol-{run_id}*.jsonl"))
    items = [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    log = (log_file.read_text(encoding="utf-8") if log_file.exists() else "") + proc.stderr
    return CrawlResult(items, stats, log, proc.returncode)
