"""The persistent crawl state (`rmolcrawler.state`): ids, recovery, locking and the CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from rmolcrawler.state import (
    MAX_ID,
    CrawlState,
    IdSet,
    SectionState,
    StateError,
    StateLocked,
)

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


def _used(directory: Path) -> Path:
    """A state directory as a first run leaves it, before a test damages one of its files."""
    CrawlState(directory).open().close()
    return directory


def _item_line(article_id: int) -> str:
    return json.dumps({"id": article_id, "url": f"https://rmol.id/read/2026/11/27/{article_id}/x"})


# IdSet


def test_idset_is_a_set_of_non_negative_ints() -> None:
    ids = IdSet([9, 3])
    assert not IdSet()
    assert ids
    ids.add(700_000)
    ids.add(3)
    ids.update([0, 9, 64])
    assert len(ids) == 5
    assert list(ids) == [0, 3, 9, 64, 700_000]
    assert 700_000 in ids
    assert 3 in ids
    assert 4 not in ids
    assert 700_001 not in ids
    assert 10**12 not in ids
    assert -3 not in ids
    assert "3" not in ids
    assert 3.0 not in ids
    assert None not in ids


@pytest.mark.parametrize("bad", [-1, MAX_ID + 1])
def test_idset_rejects_ids_out_of_range(bad: int) -> None:
    ids = IdSet([1])
    with pytest.raises(ValueError, match="between 0 and"):
        ids.add(bad)
    with pytest.raises(ValueError, match="between 0 and"):
        ids.update([2, bad])
    assert list(ids) == [1]


def test_idset_memory_is_one_bit_per_id() -> None:
    loaded = IdSet(range(1_000_001))
    assert len(loaded) == 1_000_001
    assert loaded.nbytes <= 128 * 1024
    one_by_one = IdSet()
    for i in range(0, 1_000_001, 7):
        one_by_one.add(i)
    assert one_by_one.nbytes <= 1_000_000 // 8 * 9 // 8 + 4096
    assert len(one_by_one) == len(range(0, 1_000_001, 7))
    assert IdSet([1_000_000]).nbytes <= 128 * 1024


# SectionState


def test_section_state_round_trips_and_keeps_fifty_newest_ids() -> None:
    section = SectionState(
        last_crawled="2026-11-27T06:00:00+00:00",
        newest_ids=list(range(700_100, 700_000, -1)),
        pages_fetched=3,
        articles_seen=60,
        status="http_404",
        gone_since="2026-11-26T06:00:00+00:00",
    )
    assert section.newest_ids == list(range(700_100, 700_050, -1))
    assert SectionState.from_json(json.loads(json.dumps(section.to_json()))) == section
    assert SectionState.from_json({}) == SectionState()


@pytest.mark.parametrize(
    "data",
    [[], {"pages_fetched": "3"}, {"newest_ids": [1, "2"]}, {"status": None}, {"gone_since": 5}],
)
def test_section_state_rejects_wrong_types(data: object) -> None:
    with pytest.raises(ValueError, match="section"):
        SectionState.from_json(data)


# Committing and loading


def test_first_run_starts_empty_without_warnings(tmp_path: Path) -> None:
    directory = tmp_path / "a" / "state"
    with CrawlState(directory).open() as state:
        assert state.summary() == {"emitted": 0, "rejected": 0, "pending": 0, "sections": 0}
        assert state.warnings == []
        assert state.needs_rebuild
    with CrawlState(directory).open() as state:
        assert state.warnings == []
        assert not state.needs_rebuild
    lock = (directory / "lock").read_text()
    assert f"pid={os.getpid()} " in lock
    assert " started=20" in lock
    assert " host=" in lock


def test_commit_is_durable_across_reopen(tmp_path: Path) -> None:
    with CrawlState(tmp_path).open() as state:
        assert state.commit_emitted([700_002, 700_001]) == 2
        state.mark_rejected(700_003)
        assert state.is_known(700_001)
        assert state.is_known(700_003)
        assert not state.is_known(700_004)
    with CrawlState(tmp_path).open() as state:
        assert list(state.emitted) == [700_001, 700_002]
        assert list(state.rejected) == [700_003]
        assert state.is_known(700_003)
    assert (tmp_path / "emitted.ids").read_text() == "700001\n700002\n"
    assert (tmp_path / "rejected.ids").read_text() == "700003\n"


def test_duplicates_are_not_written_twice(tmp_path: Path) -> None:
    with CrawlState(tmp_path).open() as state:
        assert state.commit_emitted([3, 5]) == 2
        assert state.commit_emitted([5, 7, 7]) == 1
        assert state.commit_emitted([3, 5, 7]) == 0
        assert state.commit_emitted([]) == 0
        state.mark_rejected(9)
        state.mark_rejected(9)
    assert (tmp_path / "emitted.ids").read_text() == "3\n5\n7\n"
    assert (tmp_path / "rejected.ids").read_text() == "9\n"


def test_bad_ids_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    with CrawlState(tmp_path).open() as state:
        with pytest.raises(ValueError, match="between 0 and"):
            state.commit_emitted([4, -1])
        with pytest.raises(TypeError, match="must be an int"):
            state.commit_emitted(["4"])  # type: ignore[list-item]
        assert len(state.emitted) == 0
    assert (tmp_path / "emitted.ids").read_text() == ""


@pytest.mark.parametrize("name", ["emitted.ids", "rejected.ids"])
def test_a_truncated_last_line_is_removed_with_a_warning(tmp_path: Path, name: str) -> None:
    _used(tmp_path)
    (tmp_path / name).write_bytes(b"10\n20\n3")
    with CrawlState(tmp_path).open() as state:
        ids = state.emitted if name == "emitted.ids" else state.rejected
        assert list(ids) == [10, 20]
        assert len(state.warnings) == 1
        assert name in state.warnings[0]
        assert "incomplete last line b'3'" in state.warnings[0]
        state.commit_emitted([4])
        state.mark_rejected(5)
    assert (tmp_path / name).read_bytes().startswith(b"10\n20\n")
    with CrawlState(tmp_path).open() as state:
        assert state.warnings == []
        assert 34 not in state.emitted
        assert 35 not in state.rejected
        assert 4 in state.emitted
        assert 5 in state.rejected


def test_a_file_of_one_unterminated_line_becomes_empty(tmp_path: Path) -> None:
    _used(tmp_path)
    (tmp_path / "emitted.ids").write_bytes(b"70")
    with CrawlState(tmp_path).open() as state:
        assert len(state.emitted) == 0
        assert len(state.warnings) == 1
        state.commit_emitted([1])
    assert (tmp_path / "emitted.ids").read_bytes() == b"1\n"


@pytest.mark.parametrize("name", ["emitted.ids", "rejected.ids"])
def test_garbage_lines_are_skipped_and_counted_once(tmp_path: Path, name: str) -> None:
    _used(tmp_path)
    (tmp_path / name).write_bytes(b"10\nabc\n\x00\x00\n\n-5\n 30 \n99999999999999999\n20\n")
    with CrawlState(tmp_path).open() as state:
        ids = state.emitted if name == "emitted.ids" else state.rejected
        assert list(ids) == [10, 20, 30]
        assert len(state.warnings) == 1
        assert f"{tmp_path / name}: skipped 4 line(s)" in state.warnings[0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("pending.json", b'{"version": 1, "pending": {"5": "https://rmol.id/re'),
        ("pending.json", b'{"version": 1, "pending": [5]}'),
        ("pending.json", b'{"version": 2, "pending": {}}'),
        ("pending.json", b'{"version": 1, "pending": {"x5": "https://rmol.id/"}}'),
        ("pending.json", b""),
        ("sections.json", b"\x00\x00\x00"),
        ("sections.json", b'{"version": 1, "sections": {"politik": {"pages_fetched": "3"}}}'),
        ("sections.json", b'["version", 1]'),
    ],
)
def test_corrupt_json_is_set_aside_and_the_crawl_continues(
    tmp_path: Path, name: str, content: bytes
) -> None:
    _used(tmp_path)
    (tmp_path / name).write_bytes(content)
    with CrawlState(tmp_path).open() as state:
        assert state.pending == {}
        assert state.sections == {}
        assert len(state.warnings) == 1
        assert str(tmp_path / name) in state.warnings[0]
        assert "set aside as" in state.warnings[0]
        assert "continues with an empty one" in state.warnings[0]
        state.save(pending={7: "https://rmol.id/read/7"}, sections={"hukum": SectionState()})
    aside = list(tmp_path.glob(f"{name}.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].read_bytes() == content
    assert aside[0].name in state.warnings[0]
    with CrawlState(tmp_path).open() as state:
        assert state.warnings == []
        assert state.pending == {7: "https://rmol.id/read/7"}
        assert state.sections == {"hukum": SectionState()}


def test_save_replaces_pending_and_sections(tmp_path: Path) -> None:
    politik = SectionState(
        last_crawled="2026-11-27T06:00:00+00:00", newest_ids=[700_010, 700_009], pages_fetched=2
    )
    with CrawlState(tmp_path).open() as state:
        state.commit_emitted([1])
        state.mark_rejected(2)
        state.save(pending={3: "https://rmol.id/read/3", 1: "u1", 2: "u2"})
        assert state.pending == {3: "https://rmol.id/read/3"}
        state.save(sections={"politik": politik})
        state.save(pending={4: "https://rmol.id/read/4"})
    assert not list(tmp_path.glob(".*.tmp"))
    saved = json.loads((tmp_path / "pending.json").read_text())
    assert saved == {"version": 1, "pending": {"4": "https://rmol.id/read/4"}}
    with CrawlState(tmp_path).open() as state:
        assert state.pending == {4: "https://rmol.id/read/4"}
        assert state.sections == {"politik": politik}
        assert state.summary() == {"emitted": 1, "rejected": 1, "pending": 1, "sections": 1}


def test_pending_ids_already_emitted_or_rejected_are_dropped_on_load(tmp_path: Path) -> None:
    _used(tmp_path)
    (tmp_path / "emitted.ids").write_text("100\n")
    (tmp_path / "rejected.ids").write_text("101\n")
    pending = {"100": "https://rmol.id/read/100", "101": "u", "102": "https://rmol.id/read/102"}
    (tmp_path / "pending.json").write_text(json.dumps({"version": 1, "pending": pending}))
    with CrawlState(tmp_path).open() as state:
        assert state.pending == {102: "https://rmol.id/read/102"}
        assert state.warnings == []


def test_a_lost_emitted_file_is_reported(tmp_path: Path) -> None:
    with CrawlState(tmp_path).open() as state:
        state.commit_emitted([1])
        state.save(sections={"politik": SectionState()})
    (tmp_path / "emitted.ids").unlink()
    with CrawlState(tmp_path).open() as state:
        assert state.needs_rebuild
        assert len(state.warnings) == 1
        assert "emitted.ids is missing" in state.warnings[0]
        assert "emitted again" in state.warnings[0]
        assert state.sections == {"politik": SectionState()}


def test_stale_temporary_files_are_removed(tmp_path: Path) -> None:
    (tmp_path / ".pending.json.123.tmp").write_text("{")
    with CrawlState(tmp_path).open():
        pass
    assert not (tmp_path / ".pending.json.123.tmp").exists()


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


def test_another_process_holding_the_lock_stops_this_run(tmp_path: Path) -> None:
    with lock_held_by_another_process(tmp_path) as holder:
        with pytest.raises(StateLocked, match=f"locked by another crawl \\(pid {holder.pid} "):
            CrawlState(tmp_path).open()
        with pytest.raises(StateError):
            CrawlState(tmp_path).open()
    assert holder.returncode == 0
    with CrawlState(tmp_path).open() as state:
        assert state.is_open


def test_the_lock_is_released_when_the_holder_is_killed(tmp_path: Path) -> None:
    with lock_held_by_another_process(tmp_path) as holder:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        with CrawlState(tmp_path).open() as state:
            assert state.is_open


def test_the_lock_is_released_when_the_with_block_raises(tmp_path: Path) -> None:
    def crawl() -> None:
        with CrawlState(tmp_path) as state:
            state.commit_emitted([1])
            raise KeyError("boom")

    with pytest.raises(KeyError):
        crawl()
    with CrawlState(tmp_path).open() as state:
        assert 1 in state.emitted


def test_a_closed_state_refuses_writes(tmp_path: Path) -> None:
    state = CrawlState(tmp_path)
    with pytest.raises(RuntimeError, match="not open"):
        state.commit_emitted([1])
    state.open().close()
    with pytest.raises(RuntimeError, match="not open"):
        state.mark_rejected(1)


def test_a_file_where_the_directory_should_be_is_a_state_error(tmp_path: Path) -> None:
    target = tmp_path / "state"
    target.write_text("not a directory")
    with pytest.raises(StateError, match="is a file, not a directory"):
        CrawlState(target).open()
    with pytest.raises(StateError, match="cannot be created"):
        CrawlState(target / "sub").open()


# Rebuilding from outputs


def test_rebuild_commits_ids_of_finalized_outputs(tmp_path: Path) -> None:
    data = tmp_path / "data" / "rmol"
    data.mkdir(parents=True)
    (data / "a.jsonl").write_text(_item_line(11) + "\n" + _item_line(12) + "\n")
    (data / "b.jsonl").write_text(
        _item_line(12) + "\n\n" + _item_line(13) + "\n" + _item_line(14)[:20], encoding="utf-8"
    )
    (data / "c.jsonl.partial").write_text(_item_line(15) + "\n")
    outputs = [data / "a.jsonl", data / "b.jsonl", data / "c.jsonl.partial"]
    with CrawlState(tmp_path / "state").open() as state:
        state.commit_emitted([11])
        assert state.rebuild_emitted(outputs) == 2
        assert list(state.emitted) == [11, 12, 13]
        assert not state.needs_rebuild
        assert len(state.warnings) == 1
        assert "b.jsonl: skipped 1 line(s)" in state.warnings[0]
        assert state.rebuild_emitted(outputs) == 0
    assert (tmp_path / "state" / "emitted.ids").read_text() == "11\n12\n13\n"


# The command line


def test_cli_show_and_rebuild(tmp_path: Path) -> None:
    state_dir = tmp_path / "state"
    data = tmp_path / "data"
    (data / "rmol").mkdir(parents=True)
    (data / "rmol" / "a.jsonl").write_text(_item_line(21) + "\n" + _item_line(22) + "\n")
    (data / "rmol" / "b.jsonl.partial").write_text(_item_line(23) + "\n")
    (data / "old.jsonl").write_text(_item_line(20) + "\n" + '{"id": 2')
    rebuilt = _cli("rebuild", str(state_dir), "--outputs", str(data))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert json.loads(rebuilt.stdout) == {
        "files": 2,
        "new": 3,
        "emitted": 3,
        "rejected": 0,
        "pending": 0,
        "sections": 0,
    }
    assert "warning:" in rebuilt.stderr
    assert "old.jsonl: skipped 1 line(s)" in rebuilt.stderr
    shown = _cli("show", str(state_dir))
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == {"emitted": 3, "rejected": 0, "pending": 0, "sections": 0}
    assert shown.stderr == ""


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
