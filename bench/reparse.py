"""Section ``reparse``: re-extraction end to end, stored pages to JSON Lines, against the peer.

The pages are written as fixture cases (``page.html`` and ``meta.json`` in a folder each), then
``rmolcrawler.reparse.reparse`` reads, decodes, extracts, runs the pipelines and writes JSON
Lines for all of them, in this process (the command's fixed start-up is timed once, apart).
``trafilatura.extract`` runs on the same pages' text. Runs alternate between the two; the
figure is ms per page, the median over runs. Issue 11's budget: ours at least 3x faster.
"""

from __future__ import annotations

import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import CRAWLED_AT, ROOT, Page
from bench.tools import TRAFILATURA, trafilatura_timer
from rmolcrawler.reparse import reparse


@dataclass
class ReparseResult:
    pages: int
    accepted: int
    ours_ms: list[float] = field(default_factory=list)
    """Per run: ms per page of ``reparse`` end to end, in process."""
    trafilatura_ms: list[float] = field(default_factory=list)
    """Per run: ms per page of ``trafilatura.extract`` on the same pages."""
    command_s: float | None = None
    """Wall time of one ``python -m rmolcrawler.reparse`` over all pages, start-up included."""

    def ours(self) -> float:
        return statistics.median(self.ours_ms)

    def trafilatura(self) -> float | None:
        return statistics.median(self.trafilatura_ms) if self.trafilatura_ms else None

    def ratio(self) -> float | None:
        peer = self.trafilatura()
        return None if peer is None else peer / self.ours()

    def as_json(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "accepted": self.accepted,
            "ours_ms_per_page": self.ours_ms,
            "trafilatura_ms_per_page": self.trafilatura_ms,
            "trafilatura_over_ours": self.ratio(),
            "command_seconds": self.command_s,
        }


def write_cases(pages: list[Page], root: Path) -> None:
    """Each page as a fixture case folder under ``root``."""
    for number, page in enumerate(pages):
        folder = root / f"case-{number:05d}"
        folder.mkdir(parents=True)
        (folder / "page.html").write_bytes(page.html.encode("utf-8"))
        meta = {
            "url": page.url,
            "crawled_at": CRAWLED_AT,
            "headers": {"Content-Type": "text/html; charset=utf-8"},
            "reconstructed": True,
        }
        (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def measure(
    pages: list[Page], runs: int, peers: list[str], say: Callable[[str], None]
) -> ReparseResult:
    with tempfile.TemporaryDirectory(prefix="rmol-bench-reparse-") as tmp:
        root, out_path = Path(tmp) / "cases", Path(tmp) / "out.jsonl"
        write_cases(pages, root)
        result = ReparseResult(pages=len(pages), accepted=0)
        for run in range(1, runs + 1):
            started = time.perf_counter()
            with out_path.open("w", encoding="utf-8") as out:
                counts = reparse(root, out, io.StringIO())
            result.ours_ms.append((time.perf_counter() - started) * 1000 / len(pages))
            result.accepted = counts["accepted"]
            line = f"reparse run {run}/{runs}: ours {result.ours_ms[-1]:.2f} ms/page"
            if TRAFILATURA in peers:
                started = time.perf_counter()
                for page in pages:
                    trafilatura_timer(page.url, page.html)
                result.trafilatura_ms.append((time.perf_counter() - started) * 1000 / len(pages))
                line += f", trafilatura {result.trafilatura_ms[-1]:.2f} ms/page"
            say(line)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "rmolcrawler.reparse", str(root), "-o", str(out_path)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        result.command_s = time.perf_counter() - started
    return result
