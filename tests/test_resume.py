"""Pause and resume with JOBDIR: after SIGINT (or a forced second SIGINT) and a restart,
the finished outputs together hold every article exactly once."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.crawl import crawl_run, run_crawl
from tests.site.expected import expected_items
from tests.site.server import MirrorServer

pytestmark = pytest.mark.crawl


def _wait_for_items(data: Path, n: int, proc: subprocess.Popen[str], limit: float = 90) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        # JSON Lines outputs only: the WARC files under data/warc are .partial until closed too.
        lines = sum(len(p.read_bytes().splitlines()) for p in data.rglob("*.jsonl.partial"))
        if lines >= n:
            return
        time.sleep(0.05)
    raise AssertionError(f"the crawl did not write {n} items in time")


@pytest.mark.parametrize("forced", [False, True], ids=["sigint", "second-sigint"])
def test_interrupt_and_resume_loses_nothing_and_duplicates_nothing(
    forced: bool, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    settings = {
        "RMOL_DATA_DIR": str(data),
        "RMOL_STATE_DIR": str(tmp_path / "state"),
        "JOBDIR": str(tmp_path / "job"),
        "DOWNLOAD_DELAY": "0.1",
        "CONCURRENT_REQUESTS_PER_DOMAIN": "1",
    }
    args = ("-a", "related_depth=2", "-a", "max_pages=10")
    with MirrorServer(slow_seconds=0.1) as mirror:
        first_run = crawl_run(
            mirror.base_url, tmp_path / "run1", *args, settings=settings, output=False
        )
        with first_run.popen(stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
            _wait_for_items(data, 10, proc)
            proc.send_signal(signal.SIGINT)
            if forced:
                time.sleep(0.3)
                proc.send_signal(signal.SIGINT)
            _, stderr = proc.communicate(timeout=90)
        first = first_run.result(proc.returncode, stderr)
        assert first.returncode != 0  # an interrupted crawl is not a healthy one
        partials = list(data.rglob("*.jsonl.partial"))

        # The resumed run need not be slow: only the interrupted one must be caught mid-way.
        second = run_crawl(
            mirror.base_url,
            tmp_path / "run2",
            *args,
            settings={**settings, "DOWNLOAD_DELAY": "0"},
            output=False,
        )
        expected = set(expected_items(mirror.site, mirror.base_url)) | {
            mirror.site.fault_ids["slow"]
        }
    assert second.returncode == 0, second.log[-3000:]
    assert second.log_lines("ERROR") == []

    finished = sorted(data.rglob("*.jsonl"))
    ids = [json.loads(line)["id"] for f in finished for line in f.read_text().splitlines()]
    assert sorted(ids) == sorted(set(ids)), "an article was emitted twice"
    assert set(ids) == expected, "an article was lost"
    if forced:
        assert len(partials) == 1  # the killed run's output never became a finished file
        assert len(finished) == 1
        assert second.stat("rmol/output/stale_partials") == 1
        assert "did not close cleanly" in second.log
        assert "Traceback" not in second.log
    else:
        assert partials == []
        assert len(finished) == 2
        assert first.items  # the paused run's output is finished and kept
        assert second.items
