"""Offline re-extraction (`python -m rmolcrawler.reparse`) and fixture recording."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from rmolcrawler import record, reparse
from tests.crawl import ROOT, run_crawl
from tests.site.expected import expected_item
from tests.site.server import MirrorServer

FIXTURES = ROOT / "tests" / "fixtures"


class Cli:
    """A command's ``main(argv)`` run in this process: exit status, stdout, stderr."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, main: Callable[[list[str]], int], *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(list(args))
        captured = self.capsys.readouterr()
        return code, captured.out, captured.err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys)


def test_reparse_fixture_cases(tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "out.jsonl"
    code, _, err = cli(reparse.main, str(FIXTURES), "-o", str(out))
    assert code == 0, err
    cases = {p.parent.name: json.loads(p.read_text()) for p in FIXTURES.glob("*/expected.json")}
    accepted = sorted(c["key"] for c in cases.values() if "rejected" not in c)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(item["key"] for item in lines) == accepted
    rejected = [line for line in err.splitlines() if line.startswith("REJECTED")]
    pages = {p.parent.name for p in FIXTURES.glob("*/page.html")}
    # The rejection cases, plus pages that are no rmol.id article (the regional listings).
    assert len(rejected) == len(pages) - len(accepted)
    for case, expected in cases.items():
        if "rejected" in expected:
            assert any(
                line.startswith(f"REJECTED {expected['rejected']}:") and case in line
                for line in rejected
            ), case


@pytest.mark.crawl
def test_reparse_of_an_http_cache_matches_the_crawl(tmp_path: Path, cli: Cli) -> None:
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
    code, _, err = cli(reparse.main, str(cache), "-o", str(out))
    assert code == 0, err
    reparsed = {i["id"]: i for i in map(json.loads, out.read_text().splitlines())}
    for item in crawl.items:
        again = reparsed[item["id"]]
        assert {k: v for k, v in again.items() if k != "crawled_at"} == {
            k: v for k, v in item.items() if k != "crawled_at"
        }
    assert set(reparsed) == {item["id"] for item in crawl.items}
    assert "REJECTED http_404" in err  # cached error pages are reported, not emitted


def test_reparse_empty_directory_is_an_error(tmp_path: Path, cli: Cli) -> None:
    code, _, err = cli(reparse.main, str(tmp_path))
    assert code == 2
    assert "no pages found" in err


def test_record_a_url_then_reparse_it(tmp_path: Path, cli: Cli) -> None:
    with MirrorServer() as mirror:
        article_id = mirror.site.variant_ids["standard"][0]
        url = mirror.url(mirror.site.article(article_id).desktop_path)
        code, _, err = cli(record.main, url, "--fixtures", str(tmp_path), "--name", "case")
        assert code == 0, err
        truth = expected_item(mirror.site, mirror.base_url, article_id)
    case = tmp_path / "case"
    meta = json.loads((case / "meta.json").read_text())
    assert meta["url"] == url
    assert meta["reconstructed"] is False
    assert meta["headers"]["Content-Type"].startswith("text/html")
    assert json.loads((case / "expected.json").read_text()) == truth


def test_record_from_a_saved_file(tmp_path: Path, cli: Cli) -> None:
    source = FIXTURES / "mirror-cp1252-674014"
    meta = json.loads((source / "meta.json").read_text())
    code, _, err = cli(
        record.main,
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
    assert code == 0, err
    expected = json.loads((source / "expected.json").read_text())
    assert json.loads((tmp_path / "copy" / "expected.json").read_text()) == expected
