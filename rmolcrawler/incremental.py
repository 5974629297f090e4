"""The bridge between one crawl and the persistent crawl state (:mod:`rmolcrawler.state`).

The spider asks :class:`RunState` what is known and tells it what it found, naming each article
by its key (``rmol.id/674000``, ``rmollampung.id/{slug}``). The :class:`IncrementalState`
extension opens and locks the state when the crawler is built, marks keys done only once the
feed file holding them is stored under its final name, remembers the pages the validation
stage drops, and saves what is still pending when the crawl closes. A crash therefore leaves
keys undone (a duplicate next run, never a loss).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from scrapy import signals
from scrapy.exceptions import NotConfigured

from rmolcrawler.config import state_dir
from rmolcrawler.context import run_context
from rmolcrawler.items import ArticleItem, RemovalItem
from rmolcrawler.pipelines.validation import REQUIRED
from rmolcrawler.revisions import DEFAULT_REVISIT_SCHEDULE, RevisitSchedule
from rmolcrawler.state import ContentState, CrawlState, SectionState, StateError, utc_now

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

NEWEST_KEYS_KEPT = 50
RECHECKED_DROPS = frozenset(f"missing_{name}" for name in REQUIRED)
"""Drops that come from the page itself (a listing or topic page at an article URL, say)."""
REPEATS_TO_REJECT = 2
"""Fetches in a row that end in the same drop before the key is rejected like a 404."""


class RunState:
    """What this run knows and finds; the spider's view of the crawl state."""

    def __init__(self, state: CrawlState | None, error: str | None = None) -> None:
        self.state = state
        self.error = error
        self.discovered: dict[str, tuple[str, int]] = {}
        """Articles this run scheduled: ``{key: (url, shortest depth)}``."""
        self.unacknowledged: list[str] = []  # emitted this run, not yet in a stored feed
        self.sections: dict[str, SectionState] = dict(state.sections) if state else {}
        self.previous_status = {name: sec.status for name, sec in self.sections.items()}
        self.walks_done: set[str] = set()
        self._made_known: set[str] = set()  # keys this run emitted or rejected, unknown before
        self.revisits: dict[str, ContentState] = {}
        """Articles this run revisits, with what the state knew of them."""
        self._contents: dict[str, ContentState] = {}  # emitted this run, written at commit
        self.schedule = RevisitSchedule.parse(DEFAULT_REVISIT_SCHEDULE)
        """When emitted articles are due again (the spider sets ``RMOL_REVISIT_SCHEDULE``)."""
        self.fetched_urls: dict[str, str] = {}
        """Key -> the URL its article was read from this run (an AMP page, say), which is
        where it is revisited: a revisit compares like with like."""

    @property
    def pending_from_last_run(self) -> dict[str, tuple[str, int]]:
        """Articles the last run found but did not finish: ``{key: (url, depth)}``, in
        :func:`rmolcrawler.state.key_order` (rmol.id's ids by number)."""
        return dict(self.state.pending) if self.state else {}

    @cached_property
    def pending_keys(self) -> frozenset[str]:
        return frozenset(self.state.pending) if self.state else frozenset()

    def is_known(self, key: str) -> bool:
        """Emitted or rejected before this run started.

        What this run emits or rejects does not change the answer, so decisions taken on it
        (skip an article, stop paging a section) do not depend on the order of responses.
        """
        return self.state is not None and key not in self._made_known and self.state.is_known(key)

    def discover(self, key: str, url: str, depth: int = 0) -> None:
        """Remember an article this run scheduled, at the shortest depth it was found."""
        known = self.discovered.get(key)
        if known is None or depth < known[1]:
            self.discovered[key] = (known[0] if known else url, depth)

    def commit(self, keys: Iterable[str]) -> int:
        """Mark keys emitted (their feed file is stored), with the content state of the
        revisions and removals written in it; returns how many keys were new."""
        if self.state is None:
            return 0
        keys = list(keys)
        self._note_known(keys)
        contents = [self._contents.pop(k) for k in keys if k in self._contents]
        return self.state.commit_emitted(keys, contents)

    # ---- revisits ----------------------------------------------------------------------------
    def due_revisits(self, now: dt.datetime | None) -> list[ContentState]:
        """The emitted articles to fetch again now (every one not removed when ``now`` is
        None); they count as revisits for the rest of the run."""
        if self.state is None:
            return []
        due = self.state.due_revisits(now)
        self.revisits.update((content.key, content) for content in due)
        return due

    def use_schedule(self, schedule: RevisitSchedule) -> None:
        """Revisit by ``schedule`` from now on; when it is not the one the stored next times
        were computed with, recompute them (from each article's last check)."""
        self.schedule = schedule
        if self.state is None:
            return
        try:
            changed = self.state.reschedule(
                str(schedule),
                lambda row: schedule.next_revisit(
                    row.checked_at or row.last_change_at, row.published_at, row.last_change_at
                ),
            )
        except StateError as exc:  # a full disk: the old times stay, the crawl goes on
            logger.warning("Revisit times not recomputed for schedule %s: %s", schedule, exc)
            return
        if changed:
            logger.info(
                "Revisit schedule now %s: %d next revisit times recomputed", schedule, changed
            )

    def is_revisit(self, key: str) -> bool:
        return key in self.revisits

    def previous(self, key: str) -> ContentState | None:
        """What the state knows of the article's last revision; None for a new article (or
        one emitted before the state kept contents)."""
        if key in self.revisits:
            return self.revisits[key]
        return self.state.content(key) if self.state is not None else None

    def checked(self, key: str, at: dt.datetime) -> None:
        """A revisit at ``at`` emitted nothing (the same content, or no article to read this
        time): only the next revisit time moves, by :attr:`schedule`. It is written now: there
        is no output file to wait for."""
        previous = self.previous(key)
        if self.state is None or previous is None:
            return
        later = self.schedule.next_revisit(at, previous.published_at, previous.last_change_at)
        try:
            self.state.record_checked(key, at, later)
        except StateError as exc:  # a full disk: it is checked again next run, nothing lost
            logger.warning("Revisit of %s not recorded: %s", key, exc)

    def emitting(self, content: ContentState) -> None:
        """An article revision on its way to the output; written at :meth:`commit`."""
        self._contents[content.key] = content

    def removing(self, key: str, at: dt.datetime, status: int) -> None:
        """A removal record on its way to the output; written at :meth:`commit`."""
        previous = self.previous(key)
        if previous is not None:
            self._contents[key] = dataclasses.replace(
                previous, removed_at=at, removed_status=status, checked_at=at, next_revisit_at=None
            )

    def reject(self, key: str, reason: str = "unspecified") -> None:
        """Mark a key as definitively not an article (``not_found``, ``http_404``, ...)."""
        if self.state is not None:
            self._note_known([key])
            self.state.mark_rejected(key, reason)

    def dropped(self, key: str, reason: str) -> bool:
        """Record that the validation stage dropped an article's item.

        True when the key's last fetch ended in the same drop: the key is then rejected with
        that reason, and the next runs do not fetch it again.
        """
        if self.state is None or reason not in RECHECKED_DROPS:
            return False
        if self.state.record_drop(key, reason) < REPEATS_TO_REJECT:
            return False
        self.reject(key, reason)
        return True

    def _note_known(self, keys: list[str]) -> None:
        assert self.state is not None
        self._made_known.update(k for k in keys if not self.state.is_known(k))

    def previous_walk_incomplete(self, section: str) -> bool:
        """The last run stopped before it finished paging this section."""
        return self.previous_status.get(section) == "incomplete"

    def listing_seen(self, section: str, page: int, keys: list[str]) -> None:
        """Record a listing page of ``section`` (``politik``; regional ``rmollampung/daerah``)
        and the keys of the articles it lists, in page order."""
        current = self.sections.get(section) or SectionState()
        if page == 1:
            current = SectionState(
                last_crawled=utc_now(), newest_keys=keys[:NEWEST_KEYS_KEPT], status="incomplete"
            )
        current.pages_fetched += 1
        current.articles_seen += len(keys)
        self.sections[section] = current

    def walk_done(self, section: str) -> None:
        self.walks_done.add(section)
        if section in self.sections and self.sections[section].status == "incomplete":
            self.sections[section].status = "ok"

    def listing_failed(self, section: str, status: str) -> bool:
        """Record a failed page 1; True when the section had been seen working before."""
        previous = self.sections.get(section)
        had_articles = previous is not None and previous.articles_seen > 0
        now = utc_now()
        self.sections[section] = SectionState(
            last_crawled=now,
            newest_keys=previous.newest_keys if previous else [],
            pages_fetched=0,
            articles_seen=previous.articles_seen if previous else 0,
            status=status,
            gone_since=(previous.gone_since if previous and previous.gone_since else now),
        )
        self.walks_done.add(section)
        return had_articles


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
        run_context(crawler).state = run
        ext = cls(crawler, run)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.item_dropped, signal=signals.item_dropped)
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
                    "files under %s (%d articles)",
                    directory,
                    len(found),
                    outputs,
                    new,
                )
        logger.info("Crawl state %s: %s", directory, state.summary())
        return RunState(state)

    def item_scraped(self, item: Any) -> None:
        if isinstance(item, ArticleItem | RemovalItem):
            self.run.unacknowledged.append(item.key)

    def item_dropped(self, item: Any, exception: BaseException) -> None:
        """A page dropped for the same reason as at its last fetch is not fetched again; a
        revisit dropped by validation is checked (its next revisit moves on)."""
        if not isinstance(item, ArticleItem):
            return
        reason = str(exception).split(":", 1)[0]
        if self.run.is_revisit(item.key):
            if reason != "unchanged":  # the revision stage has checked an unchanged one
                self.run.checked(item.key, dt.datetime.now(dt.UTC))
            return
        if self.run.dropped(item.key, reason):
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value(f"rmol/state/rejected_repeat/{reason}")
            logger.info(
                "Dropped again for %s, as at its last fetch: %s is marked rejected",
                reason,
                item.url,
            )

    def feed_slot_closed(self, slot: Any) -> None:
        if self.run.state is None or not getattr(slot.storage, "stored", False):
            return
        keys, self.run.unacknowledged = self.run.unacknowledged, []
        if self.crawler.stats is not None:  # one commit per stored file (batches)
            self.crawler.stats.inc_value("rmol/state/committed", self.run.commit(keys))

    def engine_stopped(self) -> None:
        """Save what is still pending, now that the feeds are stored, and unlock."""
        state = self.run.state
        if state is None:
            return
        try:
            pending = {
                key: entry
                for key, entry in {**state.pending, **self.run.discovered}.items()
                if not state.is_known(key)
            }
            state.save(pending=pending, sections=self.run.sections)
            if self.crawler.stats is not None:
                self.crawler.stats.set_value("rmol/state/pending", len(pending))
        finally:
            state.close()
