"""The persistent crawl state (`rmolcrawler.state`): the SQLite store keyed by article key,
recovery, the migration of version 1 databases, the one-time import of version 1 files,
locking, the run's view of it and the CLI."""

from __future__ import annotations

import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from rmolcrawler.incremental import RunState
from rmolcrawler.items import rmol_key
from rmolcrawler.state import (
    DATABASE,
    SCHEMA_VERSION,
    ContentState,
    CrawlState,
    SectionState,
    StateError,
    StateLocked,
    key_order,
)
from rmolcrawler.state.store import MIGRATIONS

ROOT = Path(__file__).resolve().parents[1]

HOLDER = """
import sys
from pathlib import Path
from rmolcrawler.state import CrawlState
with CrawlState(Path(sys.argv[1])):
    print("locked", flush=True)
    sys.stdin.read()
"""


@contextmanager
def lock_held_by_another_process(directory: Path) -> Iterator[subprocess.Popen[str]]:
    """A child process holding the state open until the block ends."""
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(directory)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "locked\n"
        yield proc


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rmolcrawler.state", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


REGIONAL = "rmollampung.id/pemprov-lampung-gelar-rapat"


def _keys(*ids: int) -> list[str]:
    return [rmol_key(i) for i in ids]


def _item_line(article_id: int) -> str:
    """An output line of schema 2: it has a ``key``."""
    url = f"https://rmol.id/read/2026/11/27/{article_id}/x"
    return json.dumps({"key": rmol_key(article_id), "id": article_id, "url": url})


def _old_item_line(article_id: int) -> str:
    """An output line of schema 1: an ``id`` and no ``key``."""
    return json.dumps({"id": article_id, "url": f"https://rmol.id/read/2026/11/27/{article_id}/x"})


def _regional_line(key: str) -> str:
    domain, slug = key.split("/")
    return json.dumps({"key": key, "id": None, "url": f"https://www.{domain}/{slug}"})


def _summary(
    emitted: int,
    rejected: int,
    pending: int,
    sections: int,
    *,
    revisitable: int = 0,
    removed: int = 0,
) -> dict[str, int]:
    """What :meth:`CrawlState.summary` returns for these counts."""
    return {
        "emitted": emitted,
        "rejected": rejected,
        "pending": pending,
        "sections": sections,
        "revisitable": revisitable,
        "removed": removed,
    }


def _write_v1(directory: Path) -> None:
    """A version 1 state directory, as the file-based store left it (with some damage)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "lock").write_text("pid=1 started=2026-11-26T06:00:00+00:00 host=h\n")
    (directory / "emitted.ids").write_bytes(b"700001\n700002\ngarbage\n700003\n70000")
    (directory / "rejected.ids").write_bytes(b"700010\n")
    pending = {"700020": "https://rmol.id/read/2026/11/27/700020/a", "700001": "u"}
    (directory / "pending.json").write_text(json.dumps({"version": 1, "pending": pending}))
    sections = {"politik": {"newest_ids": [700003, 700002], "pages_fetched": 2}}
    (directory / "sections.json").write_text(json.dumps({"version": 1, "sections": sections}))


# SectionState


def test_section_state_round_trips_and_keeps_fifty_newest_keys() -> None:
    section = SectionState(
        last_crawled="2026-11-27T06:00:00+00:00",
        newest_keys=_keys(*range(700_100, 700_000, -1)),
        pages_fetched=3,
        articles_seen=60,
        status="http_404",
        gone_since="2026-11-26T06:00:00+00:00",
    )
    assert section.newest_keys == _keys(*range(700_100, 700_050, -1))
    assert SectionState.from_json(json.loads(json.dumps(section.to_json()))) == section
    assert SectionState.from_json({}) == SectionState()


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"pages_fetched": "3"},
        {"newest_keys": ["rmol.id/1", 2]},
        {"status": None},
        {"gone_since": 5},
    ],
)
def test_section_state_rejects_wrong_types(data: object) -> None:
    with pytest.raises(ValueError, match="section"):
        SectionState.from_json(data)


# Committing and loading


def test_first_run_starts_empty_without_warnings(tmp_path: Path) -> None:
    directory = tmp_path / "a" / "state"
    with CrawlState(directory).open() as state:
        assert state.summary() == _summary(0, 0, 0, 0)
        assert state.warnings == []
        assert state.needs_rebuild
    with CrawlState(directory).open() as state:
        assert state.warnings == []
        assert not state.needs_rebuild
    lock = (directory / "lock").read_text()
    assert f"pid={os.getpid()} " in lock
    assert " started=20" in lock
    assert " host=" in lock
    with sqlite3.connect(directory / DATABASE) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    assert tables >= {"meta", "emitted", "rejected", "pending", "sections", "drops", "contents"}


def test_commit_is_durable_across_reopen(tmp_path: Path) -> None:
    with CrawlState(tmp_path).open() as state:
        assert state.commit_emitted([*_keys(700_002, 700_001), REGIONAL]) == 3
        state.mark_rejected("rmol.id/700003", "not_found")
        assert state.is_known("rmol.id/700001")
        assert state.is_known(REGIONAL)
        assert state.is_known("rmol.id/700003")
        assert not state.is_known("rmol.id/700004")
        assert not state.is_known("rmoljatim.id/pemprov-lampung-gelar-rapat")
        assert not state.is_known(700_001)  # type: ignore[arg-type]
    with CrawlState(tmp_path).open() as state:
        assert state.emitted_keys() == [*_keys(700_001, 700_002), REGIONAL]
        assert state.rejected_keys() == {"rmol.id/700003": "not_found"}
        assert state.is_known("rmol.id/700003")


def test_duplicates_are_not_written_twice(tmp_path: Path) -> None:
    with CrawlState(tmp_path).open() as state:
        assert state.commit_emitted(_keys(3, 5)) == 2
        assert state.commit_emitted(_keys(5, 7, 7)) == 1
        assert state.commit_emitted(_keys(3, 5, 7)) == 0
        assert state.commit_emitted([]) == 0
        assert state.mark_rejected("rmol.id/9", "not_found")
        assert not state.mark_rejected("rmol.id/9", "http_404")
        assert state.emitted_keys() == _keys(3, 5, 7)
        assert state.rejected_keys() == {"rmol.id/9": "not_found"}


@pytest.mark.parametrize(
    "bad", ["4", "rmol.id/", "rmol.id/4/x", "rmol.id/4 x", "RMOL.ID/4", "example.com/x"]
)
def test_bad_keys_are_refused_before_anything_is_written(tmp_path: Path, bad: str) -> None:
    with CrawlState(tmp_path).open() as state:
        with pytest.raises(ValueError, match="not an article key"):
            state.commit_emitted(["rmol.id/4", bad])
        with pytest.raises(ValueError, match="not an article key"):
            state.mark_rejected(bad, "not_found")
        with pytest.raises(ValueError, match="not an article key"):
            state.save(pending={bad: ("u", 0)})
        with pytest.raises(TypeError, match="must be a str"):
            state.commit_emitted([4])  # type: ignore[list-item]
        assert state.emitted_keys() == []
        assert state.rejected_keys() == {}


def test_keys_sort_by_site_then_rmol_ids_by_number() -> None:
    keys = ["rmol.id/10", "rmollampung.id/b", "rmol.id/9", "rmoljatim.id/a", "rmollampung.id/a"]
    assert sorted(keys, key=key_order) == [
        "rmol.id/9",
        "rmol.id/10",
        "rmoljatim.id/a",
        "rmollampung.id/a",
        "rmollampung.id/b",
    ]


def test_save_replaces_pending_and_sections(tmp_path: Path) -> None:
    politik = SectionState(
        last_crawled="2026-11-27T06:00:00+00:00",
        newest_keys=_keys(700_010, 700_009),
        pages_fetched=2,
    )
    daerah = SectionState(newest_keys=[REGIONAL], pages_fetched=1)
    with CrawlState(tmp_path).open() as state:
        state.commit_emitted(["rmol.id/1"])
        state.mark_rejected("rmol.id/2", "not_found")
        state.save(
            pending={
                "rmol.id/3": ("https://rmol.id/read/3", 1),
                "rmol.id/1": ("u1", 0),
                "rmol.id/2": ("u2", 0),
            }
        )
        assert state.pending == {"rmol.id/3": ("https://rmol.id/read/3", 1)}
        state.save(sections={"politik": politik, "rmollampung/daerah": daerah})
        state.save(
            pending={
                REGIONAL: ("https://www.rmollampung.id/pemprov-lampung-gelar-rapat", 0),
                "rmol.id/40": ("https://rmol.id/read/40", 2),
                "rmol.id/4": ("https://rmol.id/read/4", 2),
            }
        )
    with CrawlState(tmp_path).open() as state:
        assert list(state.pending.items()) == [
            ("rmol.id/4", ("https://rmol.id/read/4", 2)),
            ("rmol.id/40", ("https://rmol.id/read/40", 2)),
            (REGIONAL, ("https://www.rmollampung.id/pemprov-lampung-gelar-rapat", 0)),
        ]
        assert state.sections == {"politik": politik, "rmollampung/daerah": daerah}
        assert state.summary() == _summary(1, 1, 3, 2)


def test_pending_keys_emitted_or_rejected_since_are_dropped_on_load(tmp_path: Path) -> None:
    with CrawlState(tmp_path).open() as state:
        state.save(
            pending={"rmol.id/100": ("u100", 0), "rmol.id/101": ("u101", 0), REGIONAL: ("u", 1)}
        )
        state.commit_emitted(["rmol.id/100"])
        state.mark_rejected("rmol.id/101", "not_found")
    with CrawlState(tmp_path).open() as state:
        assert state.pending == {REGIONAL: ("u", 1)}


def test_drops_count_the_same_reason_in_a_row(tmp_path: Path) -> None:
    with CrawlState(tmp_path).open() as state:
        assert state.record_drop("rmol.id/5", "missing_body") == 1
        assert state.record_drop("rmol.id/5", "missing_body") == 2
        assert state.record_drop("rmol.id/5", "missing_title") == 1
        assert state.record_drop(REGIONAL, "missing_body") == 1
        assert state.drops() == {
            "rmol.id/5": ("missing_title", 1),
            REGIONAL: ("missing_body", 1),
        }
        state.commit_emitted([REGIONAL])  # an article after all
        assert state.drops() == {"rmol.id/5": ("missing_title", 1)}


# Damage and loss


@pytest.mark.parametrize("damage", ["garbage", "truncated", "scribbled"])
def test_a_damaged_database_is_set_aside_and_started_anew(tmp_path: Path, damage: str) -> None:
    with CrawlState(tmp_path).open() as state:
        state.commit_emitted(map(rmol_key, range(1, 5000)))
        state.save(sections={"politik": SectionState()})
    database = tmp_path / DATABASE
    content = database.read_bytes()
    if damage == "garbage":
        database.write_bytes(b"\x00not a database at all" * 100)
    elif damage == "truncated":
        database.write_bytes(content[: len(content) // 2])
    else:
        database.write_bytes(content[:8192] + b"\xff" * 4096 + content[12288:])
    with CrawlState(tmp_path).open() as state:
        assert state.needs_rebuild
        assert state.summary() == _summary(0, 0, 0, 0)
        assert len(state.warnings) == 1
        assert f"{database} is damaged" in state.warnings[0]
        assert "set aside as state.sqlite.corrupt-" in state.warnings[0]
        assert "rebuilt from the finished outputs" in state.warnings[0]
        state.commit_emitted(["rmol.id/1"])
    aside = list(tmp_path.glob(f"{DATABASE}.corrupt-*"))
    assert [p.name for p in aside if "-wal" not in p.name and "-shm" not in p.name] == [
        state.warnings[0].split("set aside as ")[1].split()[0]
    ]
    with CrawlState(tmp_path).open() as state:
        assert state.warnings == []
        assert state.emitted_keys() == ["rmol.id/1"]


def test_a_lost_database_is_reported(tmp_path: Path) -> None:
    with CrawlState(tmp_path).open() as state:
        state.commit_emitted(["rmol.id/1"])
    (tmp_path / DATABASE).unlink()
    with CrawlState(tmp_path).open() as state:
        assert state.needs_rebuild
        assert len(state.warnings) == 1
        assert "state.sqlite is missing although the state was used before" in state.warnings[0]


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    CrawlState(tmp_path).open().close()
    with sqlite3.connect(tmp_path / DATABASE) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StateError, match="newer than this rmolcrawler"):
        CrawlState(tmp_path).open()
    with pytest.raises(StateError, match="newer") as again:
        CrawlState(tmp_path).open()
    assert not isinstance(again.value, StateLocked)  # the first refusal released the lock


# The migration of version 1 databases

V1_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE emitted (id INTEGER PRIMARY KEY)",
    "CREATE TABLE rejected (id INTEGER PRIMARY KEY, reason TEXT NOT NULL, at TEXT NOT NULL)",
    "CREATE TABLE pending (id INTEGER PRIMARY KEY, url TEXT NOT NULL, depth INTEGER NOT NULL)",
    """CREATE TABLE sections (
        name TEXT PRIMARY KEY, last_crawled TEXT, newest_ids TEXT NOT NULL,
        pages_fetched INTEGER NOT NULL, articles_seen INTEGER NOT NULL, status TEXT NOT NULL,
        gone_since TEXT)""",
    """CREATE TABLE drops (
        id INTEGER PRIMARY KEY, reason TEXT NOT NULL, count INTEGER NOT NULL,
        last_seen TEXT NOT NULL)""",
)
AT = "2026-11-26T06:00:00+00:00"


def _write_v1_database(directory: Path) -> None:
    """A state directory as version 1 of the SQLite store left it: tables keyed by rmol.id's
    integer ids."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "lock").write_text(f"pid=1 started={AT} host=h\n")
    with closing(sqlite3.connect(directory / DATABASE)) as db, db:
        for statement in V1_SCHEMA:
            db.execute(statement)
        db.executemany("INSERT INTO emitted VALUES (?)", [(700_002,), (10,), (700_001,)])
        db.execute("INSERT INTO rejected VALUES (700010, 'not_found', ?)", (AT,))
        db.executemany(
            "INSERT INTO pending VALUES (?, ?, ?)",
            [(700_020, "https://rmol.id/read/2026/11/27/700020/a", 1), (700_001, "u", 0)],
        )
        db.execute(
            "INSERT INTO sections VALUES ('politik', ?, '[700003, 700002]', 2, 40, 'ok', NULL)",
            (AT,),
        )
        db.execute("INSERT INTO drops VALUES (700030, 'missing_body', 1, ?)", (AT,))
        db.execute("PRAGMA user_version = 1")


def test_a_version_1_database_is_migrated_to_keys(tmp_path: Path) -> None:
    _write_v1_database(tmp_path)
    with CrawlState(tmp_path).open() as state:
        assert state.warnings == []
        assert not state.needs_rebuild
        assert state.emitted_keys() == _keys(10, 700_001, 700_002)
        assert state.rejected_keys() == {"rmol.id/700010": "not_found"}
        assert state.pending == {"rmol.id/700020": ("https://rmol.id/read/2026/11/27/700020/a", 1)}
        assert state.sections == {
            "politik": SectionState(AT, _keys(700_003, 700_002), 2, 40, "ok", None)
        }
        assert state.drops() == {"rmol.id/700030": ("missing_body", 1)}
        assert state.is_known("rmol.id/700010")
        state.commit_emitted([REGIONAL])
    with closing(sqlite3.connect(tmp_path / DATABASE)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
        columns = {
            table: [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
            for table in ("emitted", "rejected", "pending", "drops", "sections", "contents")
        }
        rejected_at = db.execute("SELECT at FROM rejected").fetchone()[0]
    assert columns == {
        "emitted": ["key"],
        "rejected": ["key", "reason", "at"],
        "pending": ["key", "url", "depth"],
        "drops": ["key", "reason", "count", "last_seen"],
        "sections": [
            "name",
            "last_crawled",
            "newest_keys",
            "pages_fetched",
            "articles_seen",
            "status",
            "gone_since",
        ],
        "contents": [
            "key",
            "url",
            "revision",
            "content_hash",
            "published_at",
            "last_change_at",
            "next_revisit_at",
            "checked_at",
            "removed_at",
            "removed_status",
        ],
    }
    assert rejected_at == AT
    with CrawlState(tmp_path).open() as state:
        assert state.warnings == []
        assert state.summary() == _summary(4, 1, 1, 1)


def test_a_fresh_database_runs_every_migration(tmp_path: Path) -> None:
    assert len(MIGRATIONS) == SCHEMA_VERSION
    with CrawlState(tmp_path).open() as state:
        state.commit_emitted(["rmol.id/1", REGIONAL])
    with closing(sqlite3.connect(tmp_path / DATABASE)) as db:
        assert db.execute("SELECT key FROM emitted ORDER BY key").fetchall() == [
            ("rmol.id/1",),
            (REGIONAL,),
        ]


# The migration of version 2 databases

V2_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE emitted (key TEXT PRIMARY KEY)",
    "CREATE TABLE rejected (key TEXT PRIMARY KEY, reason TEXT NOT NULL, at TEXT NOT NULL)",
    "CREATE TABLE pending (key TEXT PRIMARY KEY, url TEXT NOT NULL, depth INTEGER NOT NULL)",
    """CREATE TABLE sections (
        name TEXT PRIMARY KEY, last_crawled TEXT, newest_keys TEXT NOT NULL,
        pages_fetched INTEGER NOT NULL, articles_seen INTEGER NOT NULL, status TEXT NOT NULL,
        gone_since TEXT)""",
    """CREATE TABLE drops (
        key TEXT PRIMARY KEY, reason TEXT NOT NULL, count INTEGER NOT NULL,
        last_seen TEXT NOT NULL)""",
)


def _write_v2_database(directory: Path) -> None:
    """A state directory as version 2 of the SQLite store left it: keyed by article key, no
    content states."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "lock").write_text(f"pid=1 started={AT} host=h\n")
    with closing(sqlite3.connect(directory / DATABASE)) as db, db:
        for statement in V2_SCHEMA:
            db.execute(statement)
        db.executemany("INSERT INTO emitted VALUES (?)", [("rmol.id/700001",), (REGIONAL,)])
        db.execute("INSERT INTO rejected VALUES ('rmol.id/700010', 'not_found', ?)", (AT,))
        db.execute("INSERT INTO pending VALUES ('rmol.id/700020', 'https://rmol.id/r/1', 0)")
        db.execute(
            "INSERT INTO sections VALUES ('politik', ?, '[\"rmol.id/700001\"]', 1, 20, 'ok', NULL)",
            (AT,),
        )
        db.execute("PRAGMA user_version = 2")


def test_a_version_2_database_gets_content_states_for_new_articles_only(tmp_path: Path) -> None:
    _write_v2_database(tmp_path)
    with CrawlState(tmp_path).open() as state:
        assert state.warnings == []
        assert not state.needs_rebuild
        assert state.emitted_keys() == ["rmol.id/700001", REGIONAL]
        assert state.content("rmol.id/700001") is None  # emitted before: not revisited
        assert state.due_revisits(None) == []
        assert state.summary() == _summary(2, 1, 1, 1)
        state.commit_emitted(["rmol.id/700002"], [_content("rmol.id/700003")])
    with closing(sqlite3.connect(tmp_path / DATABASE)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    with CrawlState(tmp_path).open() as state:
        assert state.emitted_keys() == [*_keys(700_001, 700_002, 700_003), REGIONAL]
        assert state.content("rmol.id/700003") == _content("rmol.id/700003")
        assert state.summary() == _summary(4, 1, 1, 1, revisitable=1)


# Content states and revisits

T0 = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)
WIB = timezone(timedelta(hours=7))
HASH_1 = "sha256:" + "1" * 64
HASH_2 = "sha256:" + "2" * 64


def _content(
    key: str, next_revisit_at: datetime | None = T0 + timedelta(minutes=15), **changes: Any
) -> ContentState:
    """The content state of an article first seen at T0, published an hour before."""
    fields: dict[str, Any] = {
        "key": key,
        "url": f"https://rmol.id/read/2026/11/27/{key.rpartition('/')[2]}/x",
        "revision": 1,
        "content_hash": HASH_1,
        "published_at": datetime(2026, 11, 27, 12, 0, tzinfo=WIB),
        "last_change_at": T0,
        "next_revisit_at": next_revisit_at,
    }
    return ContentState(**(fields | changes))


def test_content_states_round_trip_with_their_offsets(tmp_path: Path) -> None:
    first = _content(
        REGIONAL,
        last_change_at=datetime(2026, 11, 27, 13, 0, 0, 999_999, tzinfo=WIB),
        next_revisit_at=datetime(2026, 11, 27, 6, 15, tzinfo=timezone(timedelta(0))),
    )
    assert first.last_change_at == T0  # to the second
    assert first.last_change_at.tzinfo is UTC
    assert first.checked_at == first.last_change_at
    assert first.published_at is not None
    assert first.published_at.utcoffset() == timedelta(hours=7)
    with CrawlState(tmp_path).open() as state:
        assert state.commit_emitted([], [first]) == 1
        assert state.content(REGIONAL) == first
        assert state.content("rmol.id/1") is None
    with CrawlState(tmp_path).open() as state:
        stored = state.content(REGIONAL)
        assert stored == first
        assert stored is not None
        assert stored.published_at is not None
        assert stored.published_at.isoformat() == "2026-11-27T12:00:00+07:00"
    with closing(sqlite3.connect(tmp_path / DATABASE)) as db:
        assert db.execute(
            "SELECT published_at, last_change_at, next_revisit_at, checked_at FROM contents"
        ).fetchone() == (
            "2026-11-27T12:00:00+07:00",
            "2026-11-27T06:00:00+00:00",
            "2026-11-27T06:15:00+00:00",
            "2026-11-27T06:00:00+00:00",
        )


def test_record_contents_writes_each_revision_as_given(tmp_path: Path) -> None:
    key = "rmol.id/5"
    later = T0 + timedelta(hours=2)
    with CrawlState(tmp_path).open() as state:
        state.record_contents([_content(key)])
        assert state.emitted_keys() == [key]
        second = _content(key, revision=2, content_hash=HASH_2, last_change_at=later)
        state.record_contents([second])
        assert state.content(key) == second
        removal = replace(second, removed_at=later, removed_status=410, next_revisit_at=None)
        state.record_contents([removal])  # a removal stored with its output file
        assert state.due_revisits(None) == []
        back = replace(second, revision=3, last_change_at=later + timedelta(days=1))
        state.record_contents([back])  # the page came back
        assert state.content(key) == back
        assert state.due_revisits(None) == [back]
        assert state.summary() == _summary(1, 0, 0, 0, revisitable=1)


def test_due_revisits_come_longest_due_first(tmp_path: Path) -> None:
    rows = [
        _content("rmol.id/1", T0 + timedelta(minutes=10)),
        _content("rmol.id/2", T0 - timedelta(minutes=5)),
        _content("rmol.id/3", T0 - timedelta(hours=1)),
        _content("rmol.id/4", None),
        _content("rmol.id/5", T0 - timedelta(hours=2)),
        _content("rmol.id/6", T0 - timedelta(minutes=5)),
        _content(REGIONAL, T0),
    ]
    with CrawlState(tmp_path).open() as state:
        state.commit_emitted(["rmol.id/7"], rows)
        assert state.mark_removed("rmol.id/5", T0 - timedelta(minutes=1), 404)
        due = state.due_revisits(T0)
        assert [c.key for c in due] == ["rmol.id/3", "rmol.id/2", "rmol.id/6", REGIONAL]
        assert due[0] == rows[2]
        assert [c.key for c in state.due_revisits(T0, limit=2)] == ["rmol.id/3", "rmol.id/2"]
        assert state.due_revisits(T0, limit=0) == []
        assert state.due_revisits(T0 - timedelta(days=1)) == []
        assert [c.key for c in state.due_revisits(T0 + timedelta(days=365))] == [
            "rmol.id/3",
            "rmol.id/2",
            "rmol.id/6",
            REGIONAL,
            "rmol.id/1",
        ]
        # revisit=all: every article not removed, whatever its next time, never ones last
        assert [c.key for c in state.due_revisits(None)] == [
            "rmol.id/3",
            "rmol.id/2",
            "rmol.id/6",
            REGIONAL,
            "rmol.id/1",
            "rmol.id/4",
        ]
        assert len(state.due_revisits(None, limit=3)) == 3
        assert state.summary() == _summary(8, 0, 0, 0, revisitable=5, removed=1)
        with pytest.raises(ValueError, match="limit"):
            state.due_revisits(T0, limit=-1)
        with pytest.raises(ValueError, match="naive"):
            state.due_revisits(datetime(2026, 11, 27))  # noqa: DTZ001


def test_an_unchanged_revisit_moves_only_the_next_time(tmp_path: Path) -> None:
    key = "rmol.id/8"
    checked = T0 + timedelta(minutes=16)
    with CrawlState(tmp_path).open() as state:
        state.record_contents([_content(key)])
        assert state.record_checked(key, checked, checked + timedelta(minutes=15))
        assert state.content(key) == replace(
            _content(key), checked_at=checked, next_revisit_at=checked + timedelta(minutes=15)
        )
        assert state.due_revisits(checked) == []
        assert state.record_checked(key, checked, None)  # too old now: never again
        assert state.due_revisits(T0 + timedelta(days=365)) == []
        assert [c.key for c in state.due_revisits(None)] == [key]
        assert state.summary() == _summary(1, 0, 0, 0)
        assert not state.record_checked("rmol.id/9", checked, None)  # no content state
        assert state.content("rmol.id/9") is None
        with pytest.raises(ValueError, match="naive"):
            state.record_checked(key, datetime(2026, 11, 27), None)  # noqa: DTZ001
        with pytest.raises(ValueError, match="not an article key"):
            state.record_checked("rmol.id", checked, None)


def test_removed_articles_are_never_due_again(tmp_path: Path) -> None:
    key = "rmol.id/10"
    at = T0 + timedelta(minutes=20)
    with CrawlState(tmp_path).open() as state:
        state.record_contents([_content(key), _content("rmol.id/11")])
        assert state.mark_removed(key, at, 200)
        assert not state.mark_removed(key, at + timedelta(hours=1), 404)  # removed already
        assert not state.mark_removed("rmol.id/12", at, 404)  # no content state
        assert not state.record_checked(key, at, at + timedelta(minutes=15))
    with CrawlState(tmp_path).open() as state:
        removed = state.content(key)
        assert removed == replace(
            _content(key), next_revisit_at=None, checked_at=at, removed_at=at, removed_status=200
        )
        assert removed is not None
        assert removed.removed
        assert [c.key for c in state.due_revisits(None)] == ["rmol.id/11"]
        assert [c.key for c in state.due_revisits(T0 + timedelta(days=1))] == ["rmol.id/11"]
        assert state.summary() == _summary(2, 0, 0, 0, revisitable=1, removed=1)
        with pytest.raises(TypeError, match="status must be an int"):
            state.mark_removed("rmol.id/11", at, "404")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"key": "rmol.id/"}, "not an article key"),
        ({"url": ""}, "url must be"),
        ({"revision": 0}, "revision must be an int >= 1"),
        ({"revision": True}, "revision must be an int >= 1"),
        ({"content_hash": "sha256:ABC"}, "not a content hash"),
        ({"published_at": datetime(2026, 11, 27)}, "published_at must be a timezone-aware"),  # noqa: DTZ001
        ({"last_change_at": None}, "last_change_at must be a timezone-aware"),
        ({"removed_at": T0}, "go together"),
        ({"removed_status": 404}, "go together"),
    ],
)
def test_content_states_refuse_bad_values(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        replace(_content("rmol.id/1"), **changes)


def test_a_failed_write_leaves_neither_keys_nor_content_states(tmp_path: Path) -> None:
    with CrawlState(tmp_path).open() as state:
        state.commit_emitted(["rmol.id/1"], [_content("rmol.id/2")])
    with closing(sqlite3.connect(tmp_path / DATABASE)) as db, db:
        db.execute(
            "CREATE TRIGGER fail BEFORE INSERT ON contents WHEN new.key = 'rmol.id/4' "
            "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
        )
    with CrawlState(tmp_path).open() as state:
        with pytest.raises(StateError, match="disk on fire"):
            state.commit_emitted(
                ["rmol.id/3"], [_content("rmol.id/2", revision=2), _content("rmol.id/4")]
            )
        assert state.emitted_keys() == _keys(1, 2)
        assert state.content("rmol.id/2") == _content("rmol.id/2")
        assert state.content("rmol.id/4") is None


CRASH_MID_WRITE = """
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from rmolcrawler.state import ContentState, CrawlState, contents

def crash(row):
    os._exit(9)

with CrawlState(Path(sys.argv[1])) as state:
    row = ContentState("rmol.id/4", "u", 1, "sha256:" + "4" * 64, None, datetime.now(UTC))
    contents.to_row = crash  # dies after the keys are inserted, before the content states
    state.commit_emitted(["rmol.id/3"], [row])
"""


@pytest.mark.crawl  # a subprocess
def test_a_crash_during_a_write_leaves_the_state_as_before_it(tmp_path: Path) -> None:
    with CrawlState(tmp_path).open() as state:
        state.commit_emitted(["rmol.id/1"], [_content("rmol.id/2")])
    crashed = subprocess.run(
        [sys.executable, "-c", CRASH_MID_WRITE, str(tmp_path)], cwd=ROOT, timeout=60, check=False
    )
    assert crashed.returncode == 9
    with CrawlState(tmp_path).open() as state:
        assert state.warnings == []
        assert state.emitted_keys() == _keys(1, 2)
        assert state.content("rmol.id/2") == _content("rmol.id/2")
        assert state.content("rmol.id/4") is None
        assert state.summary() == _summary(2, 0, 0, 0, revisitable=1)


# The one-time import of version 1 files


def test_version_1_files_are_imported_once_and_moved_aside(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _write_v1(tmp_path)
    with caplog.at_level(logging.INFO), CrawlState(tmp_path).open() as state:
        assert not state.needs_rebuild
        assert state.emitted_keys() == _keys(700_001, 700_002, 700_003)
        assert state.rejected_keys() == {"rmol.id/700010": "unrecorded"}
        assert state.pending == {"rmol.id/700020": ("https://rmol.id/read/2026/11/27/700020/a", 0)}
        assert state.sections == {
            "politik": SectionState(newest_keys=_keys(700_003, 700_002), pages_fetched=2)
        }
        assert len(state.warnings) == 2
        assert "incomplete last line b'70000'" in state.warnings[0]
        assert "emitted.ids: skipped 1 line(s)" in state.warnings[1]
    assert "imported the version 1 files" in caplog.text
    assert "legacy-v1" in caplog.text
    legacy = tmp_path / "legacy-v1"
    moved = {"emitted.ids", "rejected.ids", "pending.json", "sections.json"}
    assert {p.name for p in legacy.iterdir()} == moved
    assert not any((tmp_path / name).exists() for name in moved)
    with CrawlState(tmp_path).open() as state:
        assert state.warnings == []
        assert state.summary() == _summary(3, 1, 1, 1)


def test_unreadable_version_1_json_is_skipped_with_a_warning(tmp_path: Path) -> None:
    tmp_path.joinpath("emitted.ids").write_text("5\n")
    tmp_path.joinpath("pending.json").write_text('{"version": 1, "pending": {"5": "https://rm')
    tmp_path.joinpath("sections.json").write_text('{"version": 1, "sections": 7}')
    with CrawlState(tmp_path).open() as state:
        assert state.emitted_keys() == ["rmol.id/5"]
        assert state.pending == {}
        assert state.sections == {}
        assert len(state.warnings) == 2
        assert "pending.json is unreadable" in state.warnings[0]
        assert "sections.json is not a version 1 sections file" in state.warnings[1]


def test_a_version_1_section_with_bad_ids_is_skipped_with_a_warning(tmp_path: Path) -> None:
    sections = {"politik": {"newest_ids": [1, "2"]}, "hukum": {"newest_ids": [3]}}
    tmp_path.joinpath("sections.json").write_text(json.dumps({"version": 1, "sections": sections}))
    with CrawlState(tmp_path).open() as state:
        assert state.sections == {"hukum": SectionState(newest_keys=["rmol.id/3"])}
        assert [w for w in state.warnings if "sections.json" in w] == [
            f"{tmp_path / 'sections.json'}: skipped section 'politik' (section field "
            "'newest_ids' holds something other than ints)"
        ]


def test_an_import_interrupted_before_the_move_is_not_repeated(tmp_path: Path) -> None:
    _write_v1(tmp_path)
    with CrawlState(tmp_path).open() as state:
        state.commit_emitted(["rmol.id/800000"])
    for path in (tmp_path / "legacy-v1").iterdir():  # as if the move had not happened
        path.rename(tmp_path / path.name)
    (tmp_path / "legacy-v1").rmdir()
    with CrawlState(tmp_path).open() as state:
        assert state.warnings == []  # no second import, no second round of warnings
        assert state.emitted_keys() == _keys(700_001, 700_002, 700_003, 800_000)
    assert (tmp_path / "legacy-v1" / "emitted.ids").exists()


def test_a_version_1_state_without_emitted_ids_is_rebuilt(tmp_path: Path) -> None:
    tmp_path.joinpath("rejected.ids").write_text("9\n")
    with CrawlState(tmp_path).open() as state:
        assert state.needs_rebuild
        assert state.rejected_keys() == {"rmol.id/9": "unrecorded"}
        assert ["emitted.ids is missing" in w for w in state.warnings] == [True]


# Locking


def test_a_second_state_in_the_same_process_is_locked_out(tmp_path: Path) -> None:
    first = CrawlState(tmp_path).open()
    with pytest.raises(StateLocked) as raised:
        CrawlState(tmp_path).open()
    assert raised.value.pid == os.getpid()
    message = str(raised.value)
    assert f"state directory {tmp_path} is locked by another crawl (pid {os.getpid()}" in message
    assert "started 20" in message
    assert "\n" not in message
    first.close()
    first.close()
    with CrawlState(tmp_path).open() as second:
        assert second.is_open
    assert not second.is_open


@pytest.mark.crawl  # a subprocess
def test_another_process_holding_the_lock_stops_this_run(tmp_path: Path) -> None:
    with lock_held_by_another_process(tmp_path) as holder:
        with pytest.raises(StateLocked, match=f"locked by another crawl \\(pid {holder.pid} "):
            CrawlState(tmp_path).open()
        with pytest.raises(StateError):
            CrawlState(tmp_path).open()
    assert holder.returncode == 0
    with CrawlState(tmp_path).open() as state:
        assert state.is_open


@pytest.mark.crawl  # a subprocess
def test_the_lock_is_released_when_the_holder_is_killed(tmp_path: Path) -> None:
    with lock_held_by_another_process(tmp_path) as holder:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        with CrawlState(tmp_path).open() as state:
            assert state.is_open


def test_the_lock_is_released_when_the_with_block_raises(tmp_path: Path) -> None:
    def crawl() -> None:
        with CrawlState(tmp_path) as state:
            state.commit_emitted(["rmol.id/1"])
            raise KeyError("boom")

    with pytest.raises(KeyError):
        crawl()
    with CrawlState(tmp_path).open() as state:
        assert state.is_known("rmol.id/1")


def test_a_closed_state_refuses_writes(tmp_path: Path) -> None:
    state = CrawlState(tmp_path)
    with pytest.raises(RuntimeError, match="not open"):
        state.commit_emitted(["rmol.id/1"])
    state.open().close()
    with pytest.raises(RuntimeError, match="not open"):
        state.mark_rejected("rmol.id/1", "not_found")


def test_a_file_where_the_directory_should_be_is_a_state_error(tmp_path: Path) -> None:
    target = tmp_path / "state"
    target.write_text("not a directory")
    with pytest.raises(StateError, match="is a file, not a directory"):
        CrawlState(target).open()
    with pytest.raises(StateError, match="cannot be created"):
        CrawlState(target / "sub").open()


# The run's view


def test_is_known_answers_from_the_state_at_the_start_of_the_run(tmp_path: Path) -> None:
    one, two, three, four = _keys(1, 2, 3, 4)
    with CrawlState(tmp_path).open() as state:
        state.commit_emitted([one])
        state.mark_rejected(two, "not_found")
    with CrawlState(tmp_path).open() as state:
        run = RunState(state)
        assert run.is_known(one)
        assert run.is_known(two)
        run.reject(three, "not_found")
        assert run.commit([four, one, REGIONAL]) == 2
        run.reject(one, "listing_page")
        assert state.is_known(three)
        assert state.is_known(four)
        assert not run.is_known(three)  # rejected during this run: unknown at its start
        assert not run.is_known(four)
        assert not run.is_known(REGIONAL)
        assert run.is_known(one)
    with CrawlState(tmp_path).open() as state:
        assert all(RunState(state).is_known(k) for k in (one, two, three, four, REGIONAL))


def test_pending_keeps_the_shortest_discovery_depth(tmp_path: Path) -> None:
    regional_url = "https://www.rmollampung.id/pemprov-lampung-gelar-rapat"
    with CrawlState(tmp_path).open() as state:
        run = RunState(state)
        run.discover("rmol.id/5", "https://rmol.id/read/5", depth=2)
        run.discover("rmol.id/5", "https://rmol.id/amp/5", depth=1)
        run.discover("rmol.id/5", "https://rmol.id/x/5", depth=3)
        run.discover("rmol.id/6", "https://rmol.id/read/6")
        run.discover(REGIONAL, regional_url, depth=1)
        run.discover(REGIONAL, "http://127.0.0.1:8001/pemprov-lampung-gelar-rapat", depth=0)
        state.save(pending=run.discovered)
    with CrawlState(tmp_path).open() as state:
        run = RunState(state)
        assert run.pending_from_last_run == {
            "rmol.id/5": ("https://rmol.id/read/5", 1),
            "rmol.id/6": ("https://rmol.id/read/6", 0),
            REGIONAL: (regional_url, 0),
        }
        assert run.pending_keys == {"rmol.id/5", "rmol.id/6", REGIONAL}


def test_a_page_dropped_for_the_same_reason_twice_in_a_row_is_rejected(tmp_path: Path) -> None:
    with CrawlState(tmp_path).open() as state:
        run = RunState(state)
        assert not run.dropped(REGIONAL, "missing_body")
        assert not run.dropped("rmol.id/6", "out_of_range")  # a window decision, not the page's
        assert not state.is_known(REGIONAL)
    with CrawlState(tmp_path).open() as state:
        run = RunState(state)
        assert run.dropped(REGIONAL, "missing_body")
        assert state.rejected_keys() == {REGIONAL: "missing_body"}
        assert not run.is_known(REGIONAL)
    with CrawlState(tmp_path).open() as state:
        assert RunState(state).is_known(REGIONAL)


def test_listing_seen_keeps_the_newest_keys_of_page_one(tmp_path: Path) -> None:
    with CrawlState(tmp_path).open() as state:
        run = RunState(state)
        run.listing_seen("rmollampung/daerah", 1, [REGIONAL, "rmollampung.id/b"])
        run.listing_seen("rmollampung/daerah", 2, ["rmollampung.id/c"])
        run.walk_done("rmollampung/daerah")
        state.save(sections=run.sections)
    with CrawlState(tmp_path).open() as state:
        daerah = state.sections["rmollampung/daerah"]
        assert daerah.newest_keys == [REGIONAL, "rmollampung.id/b"]
        assert (daerah.pages_fetched, daerah.articles_seen, daerah.status) == (2, 3, "ok")


# Rebuilding from outputs


def test_rebuild_commits_ids_of_finalized_outputs(tmp_path: Path) -> None:
    data = tmp_path / "data" / "rmol"
    data.mkdir(parents=True)
    (data / "a.jsonl").write_text(_item_line(11) + "\n" + _item_line(12) + "\n")
    (data / "b.jsonl").write_text(
        _item_line(12) + "\n\n" + _item_line(13) + "\n" + _item_line(14)[:20], encoding="utf-8"
    )
    (data / "c.jsonl.partial").write_text(_item_line(15) + "\n")
    (data / "d.jsonl").write_text(
        _regional_line(REGIONAL)
        + "\n"
        + json.dumps({"key": "not a key", "id": 16})
        + "\n"
        + json.dumps({"key": None, "id": 17})
        + "\n"
    )
    outputs = [data / "a.jsonl", data / "b.jsonl", data / "c.jsonl.partial", data / "d.jsonl"]
    with CrawlState(tmp_path / "state").open() as state:
        state.commit_emitted(["rmol.id/11"])
        assert state.rebuild_emitted(outputs) == 3
        assert state.emitted_keys() == [*_keys(11, 12, 13), REGIONAL]
        assert not state.needs_rebuild
        assert len(state.warnings) == 2
        assert "b.jsonl: skipped 1 line(s) without a readable article key" in state.warnings[0]
        assert "d.jsonl: skipped 2 line(s)" in state.warnings[1]
        assert state.rebuild_emitted(outputs) == 0


def test_rebuild_reads_schema_1_outputs_by_id(tmp_path: Path) -> None:
    old = tmp_path / "old.jsonl"
    old.write_text(_old_item_line(21) + "\n" + _old_item_line(22) + "\n" + '{"id": "23"}\n')
    with CrawlState(tmp_path / "state").open() as state:
        assert state.rebuild_emitted([old]) == 2
        assert state.emitted_keys() == _keys(21, 22)
        assert ["old.jsonl: skipped 1 line(s)" in w for w in state.warnings] == [True]


# The command line


@pytest.mark.crawl  # a subprocess
def test_cli_show_and_rebuild(tmp_path: Path) -> None:
    state_dir = tmp_path / "state"
    data = tmp_path / "data"
    (data / "rmol").mkdir(parents=True)
    (data / "rmol" / "a.jsonl").write_text(_item_line(21) + "\n" + _regional_line(REGIONAL) + "\n")
    (data / "rmol" / "b.jsonl.partial").write_text(_item_line(23) + "\n")
    (data / "old.jsonl").write_text(_old_item_line(20) + "\n" + '{"id": 2')
    rebuilt = _cli("rebuild", str(state_dir), "--outputs", str(data))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert json.loads(rebuilt.stdout) == {"files": 2, "new": 3, **_summary(3, 0, 0, 0)}
    assert "warning:" in rebuilt.stderr
    assert "old.jsonl: skipped 1 line(s)" in rebuilt.stderr
    shown = _cli("show", str(state_dir))
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == _summary(3, 0, 0, 0)
    assert shown.stderr == ""


@pytest.mark.crawl  # a subprocess
def test_cli_show_imports_a_version_1_state(tmp_path: Path) -> None:
    _write_v1(tmp_path)
    shown = _cli("show", str(tmp_path))
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == _summary(3, 1, 1, 1)
    assert "note: Crawl state" in shown.stderr
    assert "imported the version 1 files" in shown.stderr


@pytest.mark.crawl  # a subprocess
def test_cli_show_migrates_a_version_1_database(tmp_path: Path) -> None:
    _write_v1_database(tmp_path)
    shown = _cli("show", str(tmp_path))
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == _summary(3, 1, 1, 1)
    with CrawlState(tmp_path).open() as state:
        assert state.emitted_keys() == _keys(10, 700_001, 700_002)


@pytest.mark.crawl  # a subprocess
def test_cli_exits_2_with_one_line_when_locked_or_unusable(tmp_path: Path) -> None:
    state_dir = tmp_path / "state"
    with lock_held_by_another_process(state_dir) as holder:
        for args in (["show", str(state_dir)], ["rebuild", str(state_dir), "--outputs", "."]):
            proc = _cli(*args)
            assert proc.returncode == 2
            assert proc.stdout == ""
            assert proc.stderr.count("\n") == 1
            assert f"is locked by another crawl (pid {holder.pid}" in proc.stderr
    missing = _cli("show", str(tmp_path / "missing"))
    assert missing.returncode == 2
    assert "no state directory at" in missing.stderr
    assert not (tmp_path / "missing").exists()
    afile = tmp_path / "afile"
    afile.write_text("")
    not_a_dir = _cli("rebuild", str(afile), "--outputs", str(tmp_path))
    assert not_a_dir.returncode == 2
    assert not_a_dir.stderr.count("\n") == 1
    assert "Traceback" not in not_a_dir.stderr
