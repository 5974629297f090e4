"""The bridge between one crawl and the persistent crawl state (:mod:`rmolcrawler.state`).

The spider asks :class:`RunState` what is known and tells it what it found; this extension
opens and locks the state when the crawler is built, marks ids done only once the feed file
holding them is stored under its final name, and saves what is still pending when the crawl
closes. A crash therefore leaves ids undone (a duplicate next run, never a loss).
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from scrapy import signals
from scrapy.exceptions import NotConfigured

from rmolcrawler.config import state_dir
from rmolcrawler.items import ArticleItem
from rmolcrawler.state import CrawlState, SectionState, StateError

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

NEWEST_IDS_KEPT = 50


class RunState:
    """What this run knows and finds; the spider's view of the crawl state."""

    def __init__(self, state: CrawlState | None, error: str | None = None) -> None:
        self.state = state
        self.error = error
        self.discovered: dict[int, str] = {}
        self.unacknowledged: list[int] = []  # emitted this run, not yet in a stored feed
        self.sections: dict[str, SectionState] = dict(state.sections) if state else {}
        self.previous_status = {name: sec.status for name, sec in self.sections.items()}
        self.walks_done: set[str] = set()

    @property
    def pending_from_last_run(self) -> dict[int, str]:
        return dict(self.state.pending) if self.state else {}

    @cached_property
    def pending_ids(self) -> frozenset[int]:
        return frozenset(self.state.pending) if self.state else frozenset()

    def is_known(self, article_id: int) -> bool:
        return self.state is not None and self.state.is_known(article_id)

    def discover(self, article_id: int, url: str) -> None:
        self.discovered.setdefault(article_id, url)

    def reject(self, article_id: int) -> None:
        if self.state is not None:
            self.state.mark_rejected(article_id)

    def previous_walk_incomplete(self, section: str) -> bool:
        """The last run stopped before it finished paging this section."""
        return self.previous_status.get(section) == "incomplete"

    def listing_seen(self, section: str, page: int, ids: list[int]) -> None:
        now = _now()
        current = self.sections.get(section) or SectionState(
            last_crawled=None,
            newest_ids=[],
            pages_fetched=0,
            articles_seen=0,
            status="ok",
            gone_since=None,
        )
        if page == 1:
            current = SectionState(
                last_crawled=now,
                newest_ids=ids[:NEWEST_IDS_KEPT],
                pages_fetched=0,
                articles_seen=0,
                status="incomplete",
                gone_since=None,
            )
        current.pages_fetched += 1
        current.articles_seen += len(ids)
        self.sections[section] = current

    def walk_done(self, section: str) -> None:
        self.walks_done.add(section)
        if section in self.sections and self.sections[section].status == "incomplete":
            self.sections[section].status = "ok"

    def listing_failed(self, section: str, status: str) -> bool:
        """Record a failed page 1; True when the section had been seen working before."""
        previous = self.sections.get(section)
        had_articles = previous is not None and previous.articles_seen > 0
        now = _now()
        self.sections[section] = SectionState(
            last_crawled=now,
            newest_ids=previous.newest_ids if previous else [],
            pages_fetched=0,
            articles_seen=previous.articles_seen if previous else 0,
            status=status,
            gone_since=(previous.gone_since if previous and previous.gone_since else now),
        )
        self.walks_done.add(section)
        return had_articles


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class IncrementalState:
    """Extension: ``RMOL_STATE_ENABLED`` (default on), state in ``RMOL_STATE_DIR``."""

    def __init__(self, crawler: Crawler, run: RunState) -> None:
        self.crawler = crawler
        self.run = run

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("RMOL_STATE_ENABLED", True):
            raise NotConfigured
        directory = state_dir(crawler.settings)
        run = cls.open_state(directory, Path(crawler.settings.get("RMOL_DATA_DIR", "data")))
        crawler.rmol_run = run  # type: ignore[attr-defined]
        ext = cls(crawler, run)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.feed_slot_closed, signal=signals.feed_slot_closed)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    @staticmethod
    def open_state(directory: Path, outputs: Path) -> RunState:
        try:
            state = CrawlState(directory).open()
        except StateError as exc:  # StateLocked too: this run must do nothing
            logger.error("%s", exc)
            return RunState(None, str(exc))
        for warning in state.warnings:
            logger.warning("Crawl state: %s", warning)
        if state.needs_rebuild and outputs.is_dir():
            found = sorted(outputs.rglob("*.jsonl"))
            if found:
                new = state.rebuild_emitted(found)
                logger.warning(
                    "Crawl state %s was missing: rebuilt from %d finished output "
                    "files under %s (%d ids)",
                    directory,
                    len(found),
                    outputs,
                    new,
                )
        logger.info("Crawl state %s: %s", directory, state.summary())
        return RunState(state)

    def item_scraped(self, item: Any) -> None:
        if isinstance(item, ArticleItem):
            self.run.unacknowledged.append(item.id)

    def feed_slot_closed(self, slot: Any) -> None:
        state = self.run.state
        if state is None or not getattr(slot.storage, "stored", False):
            return
        ids, self.run.unacknowledged = self.run.unacknowledged, []
        new = state.commit_emitted(ids)
        self._stats("rmol/state/committed", new)

    def engine_stopped(self) -> None:
        """Save what is still pending, now that the feeds are stored, and unlock."""
        state = self.run.state
        if state is None:
            return
        pending = {
            i: url
            for i, url in {**state.pending, **self.run.discovered}.items()
            if not state.is_known(i)
        }
        state.save(pending=pending, sections=self.run.sections)
        self._stats("rmol/state/pending", len(pending))
        state.close()

    def _stats(self, key: str, value: int) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.set_value(key, value)
