"""The spiders deployed to real Scrapyd servers on 127.0.0.1 and scheduled against mirrors.

``scripts/scrapyd-check`` (one node, rmol) and ``scripts/scrapyd-network-check`` (two nodes, one
regional site each) do the work (scrapyd, mirrors, scrapyd-deploy, schedule.json, listjobs.json,
output checks) so that people can run the same proofs by hand.
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


def test_one_job_per_site_on_two_scrapyd_nodes_collects_both_sites() -> None:
    """``scripts/scrapyd-network-check``: two nodes, one regional site each, one collection dir."""
    proc = subprocess.run(
        ["bash", str(ROOT / "scripts" / "scrapyd-network-check")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    report = f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert proc.returncode == 0, report
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    assert last.startswith("scrapyd-network-check: OK: "), report
    per_node = re.findall(
        r"^(node\d): (\d+) items of (\S+) in collected/", proc.stdout, re.MULTILINE
    )
    assert {(node, site) for node, _, site in per_node} == {
        ("node1", "rmollampung.id"),
        ("node2", "rmoljatim.id"),
    }, report
    assert all(int(n) >= 5 for _, n, _ in per_node), report
