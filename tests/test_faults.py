"""Bad sites and bad disks: each fault has one clear outcome."""

from __future__ import annotations

import resource
import signal
from pathlib import Path

import pytest

from rmolcrawler.state import CrawlState
from tests.crawl import CrawlResult, run_crawl
from tests.site.expected import expected_items
from tests.site.server import MirrorServer

pytestmark = pytest.mark.crawl


def _listing_requests(mirror: MirrorServer, section: str) -> list[str]:
    return [p for _, p, _ in mirror.request_log if p.split("?")[0].rstrip("/") == f"/{section}"]


def test_paging_that_loops_back_to_page_one_stops(tmp_path: Path) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        mirror.loop_paging("politik")
        result = run_crawl(mirror.base_url, tmp_path, "-a", "max_pages=50", "-a", "related_depth=0")
        pages = _listing_requests(mirror, "politik")
        assert len(pages) == len(set(pages)) == mirror.site.page_count("politik")
    assert result.returncode == 0


def test_endless_pagination_trap_stops_when_nothing_new(tmp_path: Path) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        mirror.endless_paging("hukum")
        result = run_crawl(
            mirror.base_url, tmp_path, "-a", "max_pages=500", "-a", "related_depth=0"
        )
        pages = _listing_requests(mirror, "hukum")
    # The real pages, then one page past the end that repeats the last one.
    assert len(pages) == mirror.site.page_count("hukum") + 1
    assert result.stat("rmol/discovery/stopped/no_new_links") >= 1


def test_a_section_that_disappears_is_an_alarm(tmp_path: Path) -> None:
    state = {"RMOL_STATE_DIR": str(tmp_path / "state")}
    with MirrorServer(slow_seconds=0.1) as mirror:
        first = run_crawl(
            mirror.base_url, tmp_path / "run1", "-a", "related_depth=0", settings=state
        )
        assert first.returncode == 0
        mirror.remove_section("dunia")
        second = run_crawl(
            mirror.base_url, tmp_path / "run2", "-a", "related_depth=0", settings=state
        )
    assert second.returncode == 1
    assert second.stat("rmol/discovery/sections_gone") == 1
    assert "sections_gone" in second.log
    with CrawlState(tmp_path / "state") as state:
        sections = state.sections
    assert sections["dunia"].status == "http_404"
    assert sections["dunia"].gone_since
    assert sections["politik"].status == "ok"


def test_unwritable_output_directory_fails_before_fetching(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data directory should be")
    with MirrorServer() as mirror:
        result = run_crawl(
            mirror.base_url,
            tmp_path / "run",
            output=False,
            settings={
                "RMOL_DATA_DIR": str(blocker / "data"),
                "RMOL_STATE_DIR": str(tmp_path / "state"),
            },
        )
        article_requests = [p for _, p, _ in mirror.request_log if "/read/" in p]
    assert result.returncode == 1
    assert result.stats["finish_reason"] == "output_unwritable"
    assert "output directory is not writable" in result.log
    assert article_requests == []


def _limit_file_size(limit: int) -> None:
    # A full disk, as a write that fails with EFBIG past `limit` bytes.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_full_disk_fails_loudly_and_loses_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    settings = {
        "RMOL_DATA_DIR": str(data),
        "RMOL_STATE_DIR": str(tmp_path / "state"),
        "LOG_FILE": "",
    }  # log to the captured stderr, which no file limit applies to
    args = ("-a", "related_depth=2", "-a", "max_pages=10")  # the same crawl, twice
    with MirrorServer(slow_seconds=0.1) as mirror:
        full: CrawlResult = run_crawl(
            mirror.base_url,
            tmp_path / "full",
            *args,
            settings=settings,
            output=False,
            preexec_fn=lambda: _limit_file_size(100_000),
        )
        partials = list(data.rglob("*.jsonl.partial"))  # the WARC files have their own
        assert full.returncode == 1
        assert full.stats["finish_reason"] == "output_failed"
        assert "Writing the feed" in full.log
        assert full.items == []  # nothing was published as complete
        assert len(partials) == 1

        after = run_crawl(
            mirror.base_url,
            tmp_path / "after",
            *args,
            settings=settings,
            output=False,
        )
        expected = set(expected_items(mirror.site, mirror.base_url)) | {
            mirror.site.fault_ids["slow"]
        }
    assert after.returncode == 0, after.log[-2000:]
    assert {i["id"] for i in after.items} == expected  # nothing was marked done by the failure
    assert after.stat("rmol/output/stale_partials") == 1
    assert str(partials[0]) in after.log
