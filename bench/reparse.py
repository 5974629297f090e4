"""Section ``reparse``: re-extraction end to end, stored pages to JSON Lines, against the peer.

The pages are written as fixture cases (``page.html`` and ``meta.json`` in a folder each), then
``rmolcrawler.reparse.reparse`` reads, decodes, extracts, runs the pipelines and writes JSON
Lines for all of them, in this process (the command's fixed start-up is timed once, apart).
``trafilatura.extract`` runs on the same pages' text. Runs alternate between the two; the
figure is ms per page, the median over runs. Issue 11's budget: ours at least 3x faster.

The same pages are also written as one gzipped WARC file (a request and a response record
each) and re-extracted from it on one core (``jobs=1``, in process) and on every core
(``jobs=N`` worker processes, their start-up included): pages per second, median over runs.
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

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bench.corpus import CRAWLED_AT, ROOT, Page
from bench.tools import TRAFILATURA, trafilatura_timer
from rmolcrawler.reparse import default_jobs, reparse


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
    jobs: int = 1
    """Worker processes of the all-cores WARC runs (the CPUs this process may use)."""
    warc_one_core: list[float] = field(default_factory=list)
    """Per run: pages/s of ``reparse`` from a WARC file with ``jobs=1``."""
    warc_all_cores: list[float] = field(default_factory=list)
    """Per run: pages/s of ``reparse`` from the same WARC file with ``jobs=N``."""

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
            "warc_jobs": self.jobs,
            "warc_one_core_pages_per_s": self.warc_one_core,
            "warc_all_cores_pages_per_s": self.warc_all_cores,
        }

    def warc_summary(self) -> str:
        """The WARC figures as a line of text, pages/s as the median over runs."""
        if not self.warc_one_core:
            return "from WARC: not measured"
        one = statistics.median(self.warc_one_core)
        every = statistics.median(self.warc_all_cores)
        return (
            f"from one gzipped WARC file: {one:.0f} pages/s on one core (-j 1), "
            f"{every:.0f} pages/s on {self.jobs} cores (-j {self.jobs}), "
            f"{every / one:.2f}x; median of runs"
        )


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


def write_warc(pages: list[Page], path: Path) -> None:
    """Each page as a request and a response record, in one gzipped WARC file."""
    date = CRAWLED_AT.replace("+00:00", "Z")
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for page in pages:
            body = page.html.encode("utf-8")
            request = writer.create_warc_record(
                page.url,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                warc_headers_dict={"WARC-Date": date},
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True),
            )
            http = [("Content-Type", "text/html; charset=utf-8")]
            response = writer.create_warc_record(
                page.url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                warc_headers_dict={
                    "WARC-Date": date,
                    "WARC-Concurrent-To": request.rec_headers.get_header("WARC-Record-ID"),
                },
                http_headers=StatusAndHeaders("200 OK", http, protocol="HTTP/1.1"),
            )
            writer.write_record(request)
            writer.write_record(response)


def _pages_per_s(warc: Path, out_path: Path, jobs: int) -> float:
    started = time.perf_counter()
    with out_path.open("w", encoding="utf-8") as out:
        counts = reparse(warc, out, io.StringIO(), jobs=jobs)
    return counts["pages"] / (time.perf_counter() - started)


def measure(
    pages: list[Page], runs: int, peers: list[str], say: Callable[[str], None]
) -> ReparseResult:
    with tempfile.TemporaryDirectory(prefix="rmol-bench-reparse-") as tmp:
        root, out_path = Path(tmp) / "cases", Path(tmp) / "out.jsonl"
        write_cases(pages, root)
        warc = Path(tmp) / "pages.warc.gz"
        write_warc(pages, warc)
        result = ReparseResult(pages=len(pages), accepted=0, jobs=default_jobs())
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
            result.warc_one_core.append(_pages_per_s(warc, out_path, 1))
            result.warc_all_cores.append(_pages_per_s(warc, out_path, result.jobs))
            line += (
                f"; from WARC {result.warc_one_core[-1]:.0f} pages/s on one core, "
                f"{result.warc_all_cores[-1]:.0f} on {result.jobs}"
            )
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
