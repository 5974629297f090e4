"""Scheduled runs against the mirror: incremental state, lock, corrupt state, outputs, report."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from rmolcrawler.items import rmol_key
from rmolcrawler.state import DATABASE, CrawlState
from tests.crawl import ROOT, CrawlResult, run_crawl
from tests.site.expected import expected_items
from tests.site.server import MirrorServer
from tests.test_state import AT, V1_SCHEMA

pytestmark = pytest.mark.crawl

SECTIONS_CRAWLED = 7  # six built-in sections and olahraga from the menu


def _crawl(
    mirror: MirrorServer, tmp: Path, name: str, *args: str, settings: dict[str, str] | None = None
) -> CrawlResult:
    """A scheduled run: shared state across calls, own log and ``-O`` output.

    When ``settings`` name an ``RMOL_DATA_DIR``, the run writes its default outputs there.
    """
    merged = {"RMOL_STATE_DIR": str(tmp / "state")} | (settings or {})
    return run_crawl(
        mirror.base_url,
        tmp / name,
        "-a",
        "max_pages=10",
        *args,
        settings=merged,
        output="RMOL_DATA_DIR" not in (settings or {}),
    )


def test_no_news_run_is_cheap_and_new_articles_are_found(tmp_path: Path) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        first = _crawl(mirror, tmp_path, "run1", "-a", "related_depth=2")
        # slow_seconds is below DOWNLOAD_TIMEOUT here, so the "slow" article is emitted too.
        expected = set(expected_items(mirror.site, mirror.base_url)) | {
            mirror.site.fault_ids["slow"]
        }
        assert {i["id"] for i in first.items} == expected
        assert first.returncode == 0, first.log[-3000:]

        mirror.reset_log()
        second = _crawl(mirror, tmp_path, "run2", "-a", "related_depth=2")
        paths = [p for _, p, _ in mirror.request_log]
        assert second.items == []
        assert second.returncode == 0, second.log[-3000:]
        article_requests = [p for p in paths if "/read/" in p or "/amp/" in p]
        # Only the article that answered a challenge page last time is tried again.
        challenge = str(mirror.site.fault_ids["challenge"])
        assert all(challenge in p for p in article_requests), article_requests
        listing_requests = [
            p for p in paths if p not in ("/robots.txt",) and p not in article_requests
        ]
        assert len(listing_requests) <= 2 * SECTIONS_CRAWLED  # home + one page per section
        assert second.stat("rmol/discovery/stopped/nothing_new") == SECTIONS_CRAWLED

        new_ids = mirror.site.publish(2)
        third = _crawl(mirror, tmp_path, "run3", "-a", "related_depth=2")
        assert sorted(i["id"] for i in third.items) == sorted(new_ids)
        assert third.returncode == 0, third.log[-3000:]


def test_a_second_run_on_a_locked_state_does_nothing_and_says_why(tmp_path: Path) -> None:
    state = tmp_path / "state"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from rmolcrawler.state import CrawlState;"
            " s = CrawlState(Path(sys.argv[1])).open(); print('locked', flush=True); time.sleep(60)",
            str(state),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        with MirrorServer() as mirror:
            result = _crawl(mirror, tmp_path, "second")
            assert mirror.request_count() == 0
        assert result.returncode == 1
        assert result.items == []
        assert result.stats["finish_reason"] == "state_locked"
        assert f"locked by another crawl (pid {holder.pid}" in result.log
        assert "Traceback" not in result.log
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


def test_corrupt_state_is_set_aside_and_rebuilt_without_traceback(tmp_path: Path) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        data = {"RMOL_DATA_DIR": str(tmp_path / "data")}
        first = _crawl(mirror, tmp_path, "run1", "-a", "related_depth=0", settings=data)
        assert first.items
        state = tmp_path / "state"
        database = state / DATABASE
        damaged = database.read_bytes()[:4096] + b"\xff" * 4096  # a torn, scribbled file
        database.write_bytes(damaged)
        second = _crawl(mirror, tmp_path, "run2", "-a", "related_depth=0", settings=data)
    assert "Traceback" not in second.log
    assert second.items == []  # rebuilt from the finished outputs; nothing is emitted twice
    assert "is damaged" in second.log
    assert "set aside as state.sqlite.corrupt-" in second.log
    assert "rebuilt from" in second.log
    assert [p.read_bytes() for p in state.glob(f"{DATABASE}.corrupt-*")] == [damaged]


def test_a_version_1_state_is_imported_on_the_first_run(tmp_path: Path) -> None:
    state = tmp_path / "state"
    with MirrorServer(slow_seconds=0.1) as mirror:
        known = set(expected_items(mirror.site, mirror.base_url, max_related_depth=0)) | {
            mirror.site.fault_ids["slow"]
        }
        state.mkdir()
        (state / "emitted.ids").write_text("".join(f"{i}\n" for i in sorted(known)))
        (state / "rejected.ids").write_text(f"{mirror.site.fault_ids['missing_404']}\n")
        (state / "pending.json").write_text('{"version": 1, "pending": {}}')
        (state / "sections.json").write_text('{"version": 1, "sections": {}}')
        result = _crawl(mirror, tmp_path, "run", "-a", "related_depth=0")
    assert result.returncode == 0, result.log[-3000:]
    assert result.items == []  # every article was emitted before the upgrade
    assert "imported the version 1 files" in result.log
    assert sorted(p.name for p in (state / "legacy-v1").iterdir()) == [
        "emitted.ids",
        "pending.json",
        "rejected.ids",
        "sections.json",
    ]
    with CrawlState(state) as reopened:
        assert set(reopened.emitted_keys()) == set(map(rmol_key, known))
        assert len(reopened.sections) == SECTIONS_CRAWLED


def test_a_version_1_database_is_migrated_on_the_first_run(tmp_path: Path) -> None:
    state = tmp_path / "state"
    with MirrorServer(slow_seconds=0.1) as mirror:
        known = set(expected_items(mirror.site, mirror.base_url, max_related_depth=0)) | {
            mirror.site.fault_ids["slow"]
        }
        state.mkdir()
        with closing(sqlite3.connect(state / DATABASE)) as db, db:
            for statement in V1_SCHEMA:
                db.execute(statement)
            db.executemany("INSERT INTO emitted VALUES (?)", ((i,) for i in sorted(known)))
            db.execute(
                "INSERT INTO rejected VALUES (?, 'http_404', ?)",
                (mirror.site.fault_ids["missing_404"], AT),
            )
            db.execute("PRAGMA user_version = 1")
        result = _crawl(mirror, tmp_path, "run", "-a", "related_depth=0")
    assert result.returncode == 0, result.log[-3000:]
    assert result.items == []  # every article was emitted before the upgrade
    with CrawlState(state) as reopened:
        assert set(reopened.emitted_keys()) == {rmol_key(i) for i in known}
        assert len(reopened.sections) == SECTIONS_CRAWLED
        assert all(
            key.startswith("rmol.id/")
            for section in reopened.sections.values()
            for key in section.newest_keys
        )


def test_a_page_dropped_twice_in_a_row_is_not_fetched_again(tmp_path: Path) -> None:
    """A page the validation stage drops (here: a listed article URL serving an empty body)
    is re-checked once by the next run, then rejected; every run exits 0."""
    with MirrorServer(slow_seconds=0.1) as mirror:
        hollow = mirror.site.listing("politik")[0]
        mirror.hollow_article(hollow)
        runs: list[CrawlResult] = []
        fetches: list[int] = []
        for n in (1, 2, 3):
            mirror.reset_log()
            runs.append(_crawl(mirror, tmp_path, f"run{n}", "-a", "related_depth=0"))
            fetches.append(sum(f"/{hollow}/" in p for _, p, _ in mirror.request_log))
    assert [r.returncode for r in runs] == [0, 0, 0], [r.log[-2000:] for r in runs]
    assert fetches == [1, 1, 0]
    first, second, third = runs
    assert first.stat("rmol/validation/dropped/missing_body") == 1
    assert second.stat("rmol/validation/dropped/missing_body") == 1
    assert second.stat("rmol/state/rejected_repeat/missing_body") == 1
    report = json.loads((tmp_path / "run2" / "items.report.json").read_text(encoding="utf-8"))
    missing = report["health"]["checks"]["missing_required_share"]
    assert missing["ok"] is True
    assert missing["rechecks_left_out"] == 1
    assert third.stat("rmol/validation/dropped/missing_body") == 0
    assert all(hollow != item["id"] for r in runs for item in r.items)
    with CrawlState(tmp_path / "state") as state:
        assert state.rejected_keys()[rmol_key(hollow)] == "missing_body"
        assert rmol_key(hollow) not in state.pending


def test_lost_state_is_rebuilt_from_finished_outputs(tmp_path: Path) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        data = {"RMOL_DATA_DIR": str(tmp_path / "data")}
        first = _crawl(mirror, tmp_path, "run1", "-a", "related_depth=0", settings=data)
        assert first.items
        for f in (tmp_path / "state").iterdir():
            f.unlink()
        second = _crawl(mirror, tmp_path, "run2", "-a", "related_depth=0", settings=data)
    assert second.items == []
    assert "rebuilt from" in second.log


def test_refresh_refetches_known_articles(tmp_path: Path) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        first = _crawl(mirror, tmp_path, "run1", "-a", "related_depth=0", "-a", "max_pages=1")
        again = _crawl(
            mirror,
            tmp_path,
            "run2",
            "-a",
            "related_depth=0",
            "-a",
            "max_pages=1",
            "-a",
            "refresh=1",
        )
    assert {i["id"] for i in again.items} == {i["id"] for i in first.items}


def test_run_report_beside_the_output(tmp_path: Path) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        data = tmp_path / "data"
        result = _crawl(
            mirror, tmp_path, "run", "-a", "related_depth=0", settings={"RMOL_DATA_DIR": str(data)}
        )
    reports = list(data.rglob("*.report.json"))
    assert len(reports) == 1
    report = json.loads(reports[0].read_text(encoding="utf-8"))
    assert report["run_id"] == result.stats["rmol/run_id"]
    assert report["finish_reason"] == "finished"
    assert report["items"] == len(result.items) == sum(report["items_per_section"].values())
    assert report["outputs"] == [str(reports[0].with_name(f"rmol-{report['run_id']}.jsonl"))]
    assert report["drops"]["pages_rejected"]["not_found"] == 1
    assert report["drops"]["requests_failed"]["http_404"] == 1
    assert report["extraction"]["layers"]["title"]["site"] >= 1
    assert report["extraction"]["coverage"]["body"] == 1.0
    assert report["http"]["status_counts"]["200"] >= 1
    assert report["health"]["healthy"] is True
    assert set(report["health"]["checks"]) >= {
        "finish_reason",
        "min_items",
        "error_share",
        "blocked_share",
        "url_fallback_share/published_at_raw",
    }
    assert time.strptime(report["started_at"][:19], "%Y-%m-%dT%H:%M:%S")
    assert "health: OK" in result.log


def test_batches_by_item_count(tmp_path: Path) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        data = tmp_path / "data"
        result = _crawl(
            mirror,
            tmp_path,
            "run",
            "-a",
            "related_depth=0",
            settings={"RMOL_DATA_DIR": str(data), "RMOL_BATCH_ITEMS": "10"},
        )
    files = sorted(data.rglob("*.jsonl"))
    counts = [len(f.read_text(encoding="utf-8").splitlines()) for f in files]
    assert sum(counts) == len(set(_ids(files))) >= 30
    assert counts[:-1] == [10] * (len(files) - 1)
    assert [f.name[-11:] for f in files][:2] == ["-0001.jsonl", "-0002.jsonl"]
    assert not list(data.rglob("*.partial"))
    assert result.returncode == 0


def _ids(files: list[Path]) -> list[int]:
    return [json.loads(line)["id"] for f in files for line in f.read_text().splitlines()]
