"""What one run's components share, as one typed object keyed by the crawler.

The spider fills the run's identity and date window when it is built, the extensions add the
crawl state and the outputs as they are built, and pipelines and extensions read it all with
:func:`run_context`. (Scrapy's FEEDS URI templates read ``%(run_id)s`` and the like from
spider attributes only, so the spider also carries those: that is Scrapy's convention.)
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rmolcrawler.config import RunInfo

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from rmolcrawler.incremental import RunState
    from rmolcrawler.report import OutputGuard, RunReport


@dataclass
class RunContext:
    info: RunInfo = field(default_factory=RunInfo.new)
    """The run's id (``20261127T060000Z-3fa2``) and UTC start time."""
    since: dt.date | None = None
    """First day of the date window (``-a since``), inclusive; None for no bound."""
    until: dt.date | None = None
    """Last day of the date window (``-a until``), inclusive; None for no bound."""
    state: RunState | None = None
    """This run's view of the crawl state; None when ``RMOL_STATE_ENABLED`` is off."""
    outputs: OutputGuard | None = None
    """The run's output files and what earlier runs left unfinished."""
    report: RunReport | None = None
    """The run report, with the health verdict once the crawl has stopped."""

    @property
    def run_id(self) -> str:
        return self.info.run_id


_CONTEXTS: weakref.WeakKeyDictionary[Crawler, RunContext] = weakref.WeakKeyDictionary()


def run_context(crawler: Crawler) -> RunContext:
    """The context of the crawler's run, created on first use."""
    context = _CONTEXTS.get(crawler)
    if context is None:
        context = _CONTEXTS[crawler] = RunContext()
    return context
