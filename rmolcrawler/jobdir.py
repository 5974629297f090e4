"""Safe resume with ``-s JOBDIR=...``.

Scrapy's on-disk request queue survives a graceful stop (one SIGINT) but can be left half
written by a forced one (a second SIGINT, a kill, a crash), and the next run then fails to
push to it and loses requests. This extension marks a JOBDIR as in use while a crawl runs; a
crawl that finds the mark of a dead one sets the old queue aside before Scrapy opens it. Nothing
is lost by that: the crawl state marks nothing done before its output is stored, so the
listings lead the new run back to every article the dead one did not finish.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Self

from scrapy import signals
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

MARK = "rmol-running"
QUEUE_FILES = ("requests.queue", "requests.seen", "spider.state")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def set_aside_if_unclean(jobdir: Path) -> list[Path]:
    """Move the queue of a JOBDIR whose last crawl died away; returns what was moved."""
    mark = jobdir / MARK
    if not mark.exists():
        return []
    text = mark.read_text(encoding="utf-8", errors="replace").strip()
    pid = int(text) if text.isdigit() else 0
    if pid and pid != os.getpid() and _alive(pid):
        return []  # still running: the crawl state's lock will refuse this run
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    moved = []
    for name in QUEUE_FILES:
        path = jobdir / name
        if path.exists():
            target = path.with_name(f"{name}.unclean-{stamp}")
            path.rename(target)
            moved.append(target)
    return moved


class JobDirGuard:
    def __init__(self, crawler: Crawler, jobdir: Path) -> None:
        self.crawler = crawler
        self.jobdir = jobdir

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        jobdir = crawler.settings.get("JOBDIR")
        if not jobdir:
            raise NotConfigured
        ext = cls(crawler, Path(jobdir))
        ext.jobdir.mkdir(parents=True, exist_ok=True)
        moved = set_aside_if_unclean(ext.jobdir)
        if moved:
            logger.warning(
                "JOBDIR %s was left by a crawl that did not close cleanly; its request queue "
                "may be corrupt and was set aside (%s). This run finds its way back through "
                "the listings and the crawl state.",
                jobdir,
                ", ".join(p.name for p in moved),
            )
        (ext.jobdir / MARK).write_text(str(os.getpid()), encoding="utf-8")
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def engine_stopped(self) -> None:
        (self.jobdir / MARK).unlink(missing_ok=True)
