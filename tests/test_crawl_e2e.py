"""The real ``scrapy crawl rmol`` in a subprocess against the local reconstructed mirror."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.crawl import CrawlResult, run_crawl
from tests.site.expected import expected_amp_item, expected_items
from tests.site.server import MirrorServer

pytestmark = [pytest.mark.crawl, pytest.mark.xdist_group("e2e-mirror")]

# The only ERROR lines a full crawl of the mirror may log: the article that is slower than
# DOWNLOAD_TIMEOUT on every try.
EXPECTED_ERRORS = (re.compile(r"Gave up retrying .*TimeoutError|took longer than"),)
# The slow article takes twice the download timeout: enough to prove a timeout, short enough
# that its three tries cost a crawl 1.5 s.
TIMEOUT = {"DOWNLOAD_TIMEOUT": "0.5"}


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    with MirrorServer(slow_seconds=1.0) as server:
        yield server


@pytest.fixture(scope="module")
def full_crawl(mirror: MirrorServer, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    return run_crawl(
        mirror.base_url,
        tmp_path_factory.mktemp("full"),
        "-a",
        "related_depth=2",
        "-a",
        "max_pages=10",
        settings=TIMEOUT,
    )


def _article_requests(mirror: MirrorServer, article_id: int) -> list[tuple[str, str, int]]:
    return [r for r in mirror.request_log if f"/{article_id}/" in r[1]]


def test_exactly_the_expected_ids_each_once(full_crawl: CrawlResult, mirror: MirrorServer) -> None:
    ids = [item["id"] for item in full_crawl.items]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert set(ids) == set(expected_items(mirror.site, mirror.base_url))
    assert len(ids) >= 30


def test_every_field_equals_the_golden_truth(
    full_crawl: CrawlResult, mirror: MirrorServer, schema_validator: Draft202012Validator
) -> None:
    expected = expected_items(mirror.site, mirror.base_url)
    for item in full_crawl.items:
        schema_validator.validate(item)
        got = {k: v for k, v in item.items() if k != "crawled_at"}
        # An article first discovered by its AMP URL is fetched there, once (by id).
        amp = expected_amp_item(mirror.site, mirror.base_url, item["id"])
        assert got in (expected[item["id"]], amp), item["id"]


def test_flaky_page_recovered_after_two_500s(full_crawl: CrawlResult, mirror: MirrorServer) -> None:
    flaky = mirror.site.fault_ids["flaky_500"]
    assert [s for _, _, s in _article_requests(mirror, flaky)] == [500, 500, 200]
    assert flaky in {item["id"] for item in full_crawl.items}
    assert full_crawl.stat("retry/count") >= 2


def test_drops_are_counted_with_reasons(full_crawl: CrawlResult) -> None:
    assert full_crawl.stat("rmol/page/rejected/not_found") == 1
    assert full_crawl.stat("rmol/page/rejected/block_page") == 1
    assert full_crawl.stat("rmol/fetch/failed/http_404") == 1
    timeouts = [
        k for k in full_crawl.stats if k.startswith("rmol/fetch/failed/") and "Timeout" in k
    ]
    assert timeouts
    assert sum(full_crawl.stat(k) for k in timeouts) == 1


def test_no_unexpected_errors(full_crawl: CrawlResult) -> None:
    errors = full_crawl.log_lines("ERROR")
    unexpected = [e for e in errors if not any(p.search(e) for p in EXPECTED_ERRORS)]
    assert unexpected == []
    assert "Traceback" not in full_crawl.log
    assert full_crawl.stats.get("finish_reason") == "finished"


def test_each_article_fetched_once_whatever_its_url_form(
    mirror: MirrorServer, full_crawl: CrawlResult
) -> None:
    assert full_crawl.items
    for article_id in mirror.site.all_forms_ids:
        assert len(_article_requests(mirror, article_id)) == 1, article_id
    retried = {mirror.site.fault_ids["flaky_500"], mirror.site.fault_ids["slow"]}
    fetched = Counter(
        int(m[1])
        for _, path, _ in mirror.request_log
        if (m := re.search(r"/\d{4}/\d{2}/\d{2}/(\d+)", path))
    )
    assert len(fetched) >= 30
    assert {i: n for i, n in fetched.items() if n > 1 and i not in retried} == {}


def test_traps_and_assets_never_requested(mirror: MirrorServer, full_crawl: CrawlResult) -> None:
    assert full_crawl.items
    paths = [path for _, path, _ in mirror.request_log]
    for bad in (
        "whatsapp",
        "mailto",
        "javascript",
        "tel:",
        "/images/",
        ".css",
        ".js",
        "/tag/",
        "/about/",
        "/cari",
    ):
        assert not [p for p in paths if bad in p], bad


def test_menu_only_section_is_crawled(mirror: MirrorServer, full_crawl: CrawlResult) -> None:
    assert full_crawl.stat("rmol/discovery/menu_sections") == 1
    assert any(item["section"] == "olahraga" for item in full_crawl.items)


def test_related_depth_limits_discovery(mirror: MirrorServer, tmp_path: Path) -> None:
    shallow = run_crawl(
        mirror.base_url, tmp_path, "-a", "related_depth=0", "-a", "max_pages=10", settings=TIMEOUT
    )
    ids = {item["id"] for item in shallow.items}
    assert ids == set(expected_items(mirror.site, mirror.base_url, max_related_depth=0))
    assert not ids & set(mirror.site.related_only_ids)


def test_urls_argument_fetches_only_those(mirror: MirrorServer, tmp_path: Path) -> None:
    wanted = sorted(mirror.site.variant_ids["standard"])[:2]
    urls = ",".join(mirror.url(mirror.site.article(i).desktop_path) for i in wanted)
    result = run_crawl(mirror.base_url, tmp_path, "-a", f"urls={urls}", "-a", "related_depth=0")
    assert sorted(item["id"] for item in result.items) == wanted
    assert result.stat("downloader/request_count") == 3  # robots.txt and the two pages


def test_max_pages_bounds_each_section(mirror: MirrorServer, tmp_path: Path) -> None:
    result = run_crawl(
        mirror.base_url, tmp_path, "-a", "max_pages=1", "-a", "related_depth=0", settings=TIMEOUT
    )
    assert result.stat("rmol/discovery/listing_pages") == 7  # six built-in sections + olahraga
    assert not [p for _, p, _ in mirror.request_log if "page=3" in p]


def test_default_output_is_one_file_per_run_partitioned_by_date(
    mirror: MirrorServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    article_id = mirror.site.variant_ids["cp1252"][0]
    url = mirror.url(mirror.site.article(article_id).desktop_path)
    result = run_crawl(
        mirror.base_url,
        tmp_path,
        "-a",
        f"urls={url}",
        settings={"RMOL_DATA_DIR": str(data)},
        output=False,
    )
    files = sorted((data / "rmol").rglob("*.jsonl"))
    assert len(files) == 1, result.log[-2000:]
    run_id = result.stats["rmol/run_id"]
    day = f"{run_id[:4]}/{run_id[4:6]}/{run_id[6:8]}"
    assert files[0] == data / "rmol" / day / f"rmol-{run_id}.jsonl"
    assert re.fullmatch(r"\d{8}T\d{6}Z-[0-9a-f]{4}", run_id)
    assert not list(data.rglob("*.partial"))
    text = files[0].read_text(encoding="utf-8")
    assert "\\u" not in text  # Indonesian text and typographic quotes are written unescaped
    assert "“" in text
    assert (data / "rmol" / day / f"rmol-{run_id}.report.json").exists()


def test_since_until_window_and_early_stop(tmp_path: Path) -> None:
    import datetime as dt

    from tests.site.expected import reachable_ids
    from tests.site.model import RECOVERING_FAULTS

    since, until = dt.date(2025, 7, 26), dt.date(2025, 7, 27)
    with MirrorServer(n_articles=200, slow_seconds=0.1) as big:
        result = run_crawl(
            big.base_url,
            tmp_path,
            "-a",
            f"since={since}",
            "-a",
            f"until={until}",
            "-a",
            "max_pages=50",
            "-a",
            "related_depth=0",
        )
        site = big.site
        expected = {
            i
            for i in reachable_ids(site, 0)
            if (rec := site.record(i)) is not None
            and (rec.fault is None or rec.fault in RECOVERING_FAULTS)
            and since <= rec.local_time.date() <= until
        }
        politik_pages = [p for _, p, _ in big.request_log if p.startswith("/politik?page=")]
    assert {item["id"] for item in result.items} == expected
    assert result.stat("rmol/discovery/stopped/since") >= 1
    assert len(politik_pages) < site.page_count("politik") - 1  # stopped before the last page
