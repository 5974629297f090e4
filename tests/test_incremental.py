"""Scheduled runs against the mirror: incremental state, lock, corrupt state, outputs, report."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from tests.crawl import ROOT, CrawlResult, run_crawl
from tests.site.expected import expected_items
from tests.site.server import MirrorServer

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


def test_corrupt_state_is_rebuilt_without_traceback(tmp_path: Path) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        first = _crawl(mirror, tmp_path, "run1", "-a", "related_depth=0")
        assert first.items
        state = tmp_path / "state"
        (state / "pending.json").write_text("{not json", encoding="utf-8")
        (state / "sections.json").write_text('{"version": 1, "sections": 7}', encoding="utf-8")
        with (state / "emitted.ids").open("a", encoding="utf-8") as ids:
            ids.write("garbage\n12")  # a garbage line and a crash mid-append
        second = _crawl(mirror, tmp_path, "run2", "-a", "related_depth=0")
    assert "Traceback" not in second.log
    assert second.items == []  # the emitted ids survived; nothing is emitted twice
    assert "set aside" in second.log
    assert list(state.glob("pending.json.corrupt-*"))


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
