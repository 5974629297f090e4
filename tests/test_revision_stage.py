"""The revision stage against a real crawl state: numbering, unchanged revisits, removals."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem

from rmolcrawler.context import RunContext
from rmolcrawler.incremental import RunState
from rmolcrawler.items import ArticleItem, RemovalItem
from rmolcrawler.pipelines.revisions import RevisionPipeline
from rmolcrawler.revisions import RevisitSchedule
from rmolcrawler.state import CrawlState
from rmolcrawler.stats import CounterStats

KEY = "rmol.id/469000"
PUBLISHED = "2026-11-27T06:08:00+07:00"
FIRST_SEEN = dt.datetime(2026, 11, 27, 0, 0, tzinfo=dt.UTC)


def _item(seen: dt.datetime, **kwargs: object) -> ArticleItem:
    base: dict[str, object] = {
        "key": KEY,
        "id": 469000,
        "url": "https://rmol.id/dunia/read/2026/11/27/469000/menlu",
        "section": "dunia",
        "title": "Menlu",
        "reporter": "RENI ERINA",
        "reporter_url": None,
        "published_at": PUBLISHED,
        "published_at_raw": "Jumat, 27 November 2026, 06:08 WIB",
        "image_url": None,
        "image_caption": None,
        "body": "Satu.\n\nDua.",
        "crawled_at": seen.isoformat(),
    }
    base.update(kwargs)
    return ArticleItem(**base)  # type: ignore[arg-type]


class Run:
    """One run: a RunState on the shared state directory, and the stage wired to it."""

    def __init__(self, directory: Path) -> None:
        self.state = CrawlState(directory).open()
        self.run = RunState(self.state)
        self.run.schedule = RevisitSchedule.parse("1d:1h, 30d:1d")
        self.stats = CounterStats()
        self.stage = RevisionPipeline(self.stats, context=RunContext(state=self.run))

    def revisit(self, now: dt.datetime | None) -> list[str]:
        return [c.key for c in self.run.due_revisits(now)]

    def emit(self, item: ArticleItem | RemovalItem) -> ArticleItem | RemovalItem:
        out = self.stage.process_item(item)
        self.run.commit([item.key])  # the output file holding it was stored
        return out  # type: ignore[no-any-return]

    def close(self) -> None:
        self.state.close()


@pytest.fixture
def runs(tmp_path: Path) -> Iterator[list[Run]]:
    opened: list[Run] = []
    yield opened
    for run in opened:
        if run.state.is_open:
            run.close()


def _run(runs: list[Run], tmp_path: Path) -> Run:
    for earlier in runs:
        if earlier.state.is_open:
            earlier.close()
    run = Run(tmp_path / "state")
    runs.append(run)
    return run


def test_first_emission_is_revision_1_and_due_by_the_schedule(
    runs: list[Run], tmp_path: Path
) -> None:
    first = _run(runs, tmp_path)
    item = first.emit(_item(FIRST_SEEN))
    assert isinstance(item, ArticleItem)
    assert item.revision == 1
    assert item.content_hash.startswith("sha256:")
    content = first.state.content(KEY)
    assert content is not None
    assert content.revision == 1
    assert content.content_hash == item.content_hash
    # Published 23:08 UTC the day before; age under a day: due an hour after it was seen.
    assert content.next_revisit_at == FIRST_SEEN + dt.timedelta(hours=1)
    assert first.stats.values == {"rmol/revisions/first": 1}


def test_a_revisit_emits_only_a_changed_article(runs: list[Run], tmp_path: Path) -> None:
    _run(runs, tmp_path).emit(_item(FIRST_SEEN))

    later = FIRST_SEEN + dt.timedelta(hours=2)
    second = _run(runs, tmp_path)
    assert second.revisit(later) == [KEY]
    # Only the related box and the whitespace differ: the same content.
    related = [{"id": 1, "url": "https://rmol.id/read/2026/11/26/1/x", "title": "X"}]
    with pytest.raises(DropItem, match="unchanged"):
        second.stage.process_item(_item(later, related=related, body="Satu.\n\n\nDua. "))
    content = second.state.content(KEY)
    assert content is not None
    assert content.revision == 1
    assert content.checked_at == later
    assert content.next_revisit_at == later + dt.timedelta(hours=1)

    third_at = later + dt.timedelta(hours=2)
    third = _run(runs, tmp_path)
    assert third.revisit(third_at) == [KEY]
    edited = third.emit(_item(third_at, body="Satu.\n\nDua, diralat."))
    assert isinstance(edited, ArticleItem)
    assert edited.revision == 2
    assert third.stats.values == {"rmol/revisions/changed": 1}
    content = third.state.content(KEY)
    assert content is not None
    assert (content.revision, content.last_change_at) == (2, third_at)
    assert content.content_hash == edited.content_hash


def test_an_unchanged_article_fetched_on_request_is_emitted_again(
    runs: list[Run], tmp_path: Path
) -> None:
    """refresh=1 and urls= promise an item: the same revision, not a new one."""
    _run(runs, tmp_path).emit(_item(FIRST_SEEN))
    again = _run(runs, tmp_path)
    item = again.emit(_item(FIRST_SEEN + dt.timedelta(days=3)))
    assert isinstance(item, ArticleItem)
    assert item.revision == 1
    assert again.stats.values == {"rmol/revisions/same_again": 1}


def test_a_removal_is_recorded_and_never_due_again(runs: list[Run], tmp_path: Path) -> None:
    _run(runs, tmp_path).emit(_item(FIRST_SEEN))
    later = FIRST_SEEN + dt.timedelta(hours=2)
    second = _run(runs, tmp_path)
    assert second.revisit(later) == [KEY]
    removal = RemovalItem(
        key=KEY,
        id=469000,
        url=_item(later).url,
        source="rmol.id",
        revision=1,
        removed_at=later.isoformat(),
        status=410,
        reason="http_410",
        crawled_at=later.isoformat(),
    )
    assert second.emit(removal) is removal
    assert second.stats.values == {"rmol/revisions/removed/http_410": 1}
    content = second.state.content(KEY)
    assert content is not None
    assert (content.removed_at, content.removed_status) == (later, 410)
    third = _run(runs, tmp_path)
    assert third.revisit(later + dt.timedelta(days=1)) == []
    assert third.revisit(None) == []  # not even with revisit=all


def test_an_old_article_is_never_due(runs: list[Run], tmp_path: Path) -> None:
    """A backfilled article past the schedule's last age adds no revisit."""
    first = _run(runs, tmp_path)
    first.emit(_item(FIRST_SEEN, published_at="2019-01-02T10:00:00+07:00"))
    content = first.state.content(KEY)
    assert content is not None
    assert content.next_revisit_at is None
    assert first.revisit(FIRST_SEEN + dt.timedelta(days=400)) == []
    assert first.revisit(None) == [KEY]  # revisit=all still takes it


def test_without_a_state_every_article_is_revision_1() -> None:
    """The offline re-extraction: no state, no numbering beyond the first."""
    stage = RevisionPipeline(CounterStats())
    item = stage.process_item(_item(FIRST_SEEN))
    assert item.revision == 1
    assert item.content_hash == stage.process_item(_item(FIRST_SEEN, related=[])).content_hash
    changed = dataclasses.replace(_item(FIRST_SEEN), title="Menlu Turki")
    assert stage.process_item(changed).content_hash != item.content_hash


def test_a_new_schedule_recomputes_the_next_revisits(runs: list[Run], tmp_path: Path) -> None:
    first = _run(runs, tmp_path)
    first.emit(_item(FIRST_SEEN, published_at="2019-01-02T10:00:00+07:00"))
    first.run.use_schedule(RevisitSchedule.parse("1d:1h, 30d:1d"))  # what it was emitted with
    content = first.state.content(KEY)
    assert content is not None
    assert content.next_revisit_at is None  # too old for this schedule

    second = _run(runs, tmp_path)
    second.run.use_schedule(RevisitSchedule.parse("36500d:2h"))
    content = second.state.content(KEY)
    assert content is not None
    assert content.next_revisit_at == FIRST_SEEN + dt.timedelta(hours=2)  # from its last check
    assert second.revisit(FIRST_SEEN + dt.timedelta(hours=3)) == [KEY]

    third = _run(runs, tmp_path)
    third.run.use_schedule(RevisitSchedule.parse("off"))
    assert third.revisit(FIRST_SEEN + dt.timedelta(days=3650)) == []


def test_an_article_is_revisited_where_it_was_read(runs: list[Run], tmp_path: Path) -> None:
    """An article read from its AMP page is compared with its AMP page again."""
    first = _run(runs, tmp_path)
    amp = "https://rmol.id/amp/2026/11/27/469000/menlu"
    first.run.fetched_urls[KEY] = amp
    first.emit(_item(FIRST_SEEN))
    content = first.state.content(KEY)
    assert content is not None
    assert content.url == amp
