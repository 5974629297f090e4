"""Offline re-extraction (`python -m rmolcrawler.reparse`) and fixture recording."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.crawl import ROOT, run_crawl
from tests.site.expected import expected_item
from tests.site.server import MirrorServer

FIXTURES = ROOT / "tests" / "fixtures"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def test_reparse_fixture_cases(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    proc = _run("-m", "rmolcrawler.reparse", str(FIXTURES), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    cases = [json.loads(p.read_text()) for p in sorted(FIXTURES.glob("*/expected.json"))]
    accepted = sorted(c["id"] for c in cases if "rejected" not in c)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(item["id"] for item in lines) == accepted
    rejected = [line for line in proc.stderr.splitlines() if line.startswith("REJECTED")]
    # Three rejection cases, plus the two real regional listing pages (not rmol.id articles).
    assert len(rejected) == 5
    assert any("REJECTED block_page:" in line for line in rejected)
    assert any("REJECTED listing_page:" in line for line in rejected)


def test_reparse_of_an_http_cache_matches_the_crawl(tmp_path: Path) -> None:
    cache = tmp_path / "httpcache"
    with MirrorServer(slow_seconds=0.1) as mirror:
        crawl = run_crawl(
            mirror.base_url,
            tmp_path / "crawl",
            "-a",
            "max_pages=1",
            "-a",
            "related_depth=0",
            settings={"HTTPCACHE_ENABLED": "True", "HTTPCACHE_DIR": str(cache)},
        )
    assert len(crawl.items) >= 10
    out = tmp_path / "reparsed.jsonl"
    proc = _run("-m", "rmolcrawler.reparse", str(cache), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    reparsed = {i["id"]: i for i in map(json.loads, out.read_text().splitlines())}
    for item in crawl.items:
        again = reparsed[item["id"]]
        assert {k: v for k, v in again.items() if k != "crawled_at"} == {
            k: v for k, v in item.items() if k != "crawled_at"
        }
    assert set(reparsed) == {item["id"] for item in crawl.items}
    assert "REJECTED http_404" in proc.stderr  # cached error pages are reported, not emitted


def test_reparse_empty_directory_is_an_error(tmp_path: Path) -> None:
    proc = _run("-m", "rmolcrawler.reparse", str(tmp_path))
    assert proc.returncode == 2
    assert "no pages found" in proc.stderr


def test_record_a_url_then_reparse_it(tmp_path: Path) -> None:
    with MirrorServer() as mirror:
        article_id = mirror.site.variant_ids["standard"][0]
        url = mirror.url(mirror.site.article(article_id).desktop_path)
        proc = _run("-m", "rmolcrawler.record", url, "--fixtures", str(tmp_path), "--name", "case")
        assert proc.returncode == 0, proc.stderr
        truth = expected_item(mirror.site, mirror.base_url, article_id)
    case = tmp_path / "case"
    meta = json.loads((case / "meta.json").read_text())
    assert meta["url"] == url
    assert meta["reconstructed"] is False
    assert meta["headers"]["Content-Type"].startswith("text/html")
    assert json.loads((case / "expected.json").read_text()) == truth


def test_record_from_a_saved_file(tmp_path: Path) -> None:
    source = FIXTURES / "mirror-cp1252-674014"
    meta = json.loads((source / "meta.json").read_text())
    proc = _run(
        "-m",
        "rmolcrawler.record",
        meta["url"],
        "--from-file",
        str(source / "page.html"),
        "--content-type",
        meta["headers"]["Content-Type"],
        "--fixtures",
        str(tmp_path),
        "--name",
        "copy",
    )
    assert proc.returncode == 0, proc.stderr
    expected = json.loads((source / "expected.json").read_text())
    assert json.loads((tmp_path / "copy" / "expected.json").read_text()) == expected
