"""The rmol spider deployed to a real Scrapyd on 127.0.0.1 and scheduled against the mirror.

``scripts/scrapyd-check`` does the work (scrapyd, mirror, scrapyd-deploy, schedule.json,
listjobs.json, output check) so that people can run the same proof by hand.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.scrapyd

ROOT = Path(__file__).resolve().parents[1]


def test_rmol_runs_under_scrapyd_and_writes_items() -> None:
    proc = subprocess.run(
        ["bash", str(ROOT / "scripts" / "scrapyd-check")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    report = f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert proc.returncode == 0, report
    match = re.search(r"^scrapyd-check: OK: .*?(\d+) items in ", proc.stdout, re.MULTILINE)
    assert match, report
    assert int(match[1]) >= 10, report
