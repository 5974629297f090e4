"""``scrapy crawl rmol_regional`` against regional mirrors on 127.0.0.1.

The mirror (``tests/site/regional``) reuses the markup of two real rmollampung.id pages; what a
crawl must emit comes from its model, never from parsing HTML.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.crawl import CrawlResult, run_crawl
from tests.site.regional.expected import expected_regional_items
from tests.site.regional.server import RegionalMirrorServer

pytestmark = [pytest.mark.crawl, pytest.mark.xdist_group("regional-mirror")]

# The slow article takes twice the download timeout, as in the rmol.id e2e tests.
TIMEOUT = {"DOWNLOAD_TIMEOUT": "0.5"}


def _origins(*mirrors: RegionalMirrorServer) -> dict[str, str]:
    return {"RMOL_REGIONAL_BASE_URLS": json.dumps({m.site.name: m.base_url for m in mirrors})}


def _crawl(
    tmp: Path,
    *mirrors: RegionalMirrorServer,
    args: tuple[str, ...] = (),
    settings: dict[str, str] | None = None,
    output: bool = True,
) -> CrawlResult:
    return run_crawl(
        mirrors[0].base_url,
        tmp,
        *args,
        settings={**TIMEOUT, **_origins(*mirrors), **(settings or {})},
        output=output,
        spider="rmol_regional",
    )


@pytest.fixture(scope="module")
def lampung() -> Iterator[RegionalMirrorServer]:
    with RegionalMirrorServer(site_name="rmollampung", page_size=5, slow_seconds=1.0) as mirror:
        yield mirror


@pytest.fixture(scope="module")
def full_crawl(
    lampung: RegionalMirrorServer, tmp_path_factory: pytest.TempPathFactory
) -> CrawlResult:
    return _crawl(
        tmp_path_factory.mktemp("regional-full"),
        lampung,
        args=("-a", "max_pages=20", "-a", "related_depth=2"),
    )


def test_every_article_exactly_once(full_crawl: CrawlResult, lampung: RegionalMirrorServer) -> None:
    keys = [item["key"] for item in full_crawl.items]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    assert set(keys) == set(expected_regional_items(lampung.site, lampung.base_url))


def test_fields_equal_the_model(
    full_crawl: CrawlResult,
    lampung: RegionalMirrorServer,
    schema_validator: Draft202012Validator,
) -> None:
    expected = expected_regional_items(lampung.site, lampung.base_url)
    for item in full_crawl.items:
        schema_validator.validate(item)
        got = {k: v for k, v in item.items() if k != "crawled_at"}
        want = {k: v for k, v in expected[item["key"]].items() if k != "crawled_at"}
        assert got == want, item["key"]


def test_the_crawl_is_healthy(full_crawl: CrawlResult) -> None:
    assert full_crawl.returncode == 0, full_crawl.log[-3000:]
    assert full_crawl.stat("rmol/site/rmollampung/articles") == len(full_crawl.items)


def test_a_scheduled_second_run_fetches_page_one_of_each_category_and_emits_nothing(
    tmp_path: Path,
) -> None:
    with RegionalMirrorServer(site_name="rmollampung", page_size=5, slow_seconds=0.1) as mirror:
        settings = {"RMOL_DATA_DIR": str(tmp_path / "data")}
        first = _crawl(tmp_path / "one", mirror, settings=settings, output=False)
        assert first.items
        mirror.reset_log()
        second = _crawl(tmp_path / "two", mirror, settings=settings, output=False)
        paths = [path for _, path, _ in mirror.request_log]
    assert second.items == []
    assert second.returncode == 0, second.log[-3000:]
    listings = [p for p in paths if p.startswith("/category/")]
    assert listings, paths
    assert all("page=" not in p or "page=1" in p for p in listings), listings
    assert len(listings) == len(set(listings)) == len(mirror.site.categories)


def test_two_sites_each_with_its_own_slot(tmp_path: Path) -> None:
    with (
        RegionalMirrorServer(site_name="rmollampung", n_articles=12, slow_seconds=0.1) as one,
        RegionalMirrorServer(site_name="rmolpapua", n_articles=12, slow_seconds=0.1) as two,
    ):
        result = _crawl(tmp_path, one, two, args=("-a", "related_depth=0"))
        # slow_seconds is below the download timeout here: the slow article is emitted too.
        expected = set(expected_regional_items(one.site, one.base_url, include_slow=True)) | set(
            expected_regional_items(two.site, two.base_url, include_slow=True)
        )
    assert {item["key"] for item in result.items} == expected
    assert {item["source"] for item in result.items} == {"rmollampung.id", "rmolpapua.id"}
    papua = [item for item in result.items if item["source"] == "rmolpapua.id"]
    assert all(item["published_at"].endswith("+09:00") for item in papua)


def test_sites_argument_picks_among_the_configured_sites(tmp_path: Path) -> None:
    with (
        RegionalMirrorServer(site_name="rmollampung", n_articles=12, slow_seconds=0.1) as one,
        RegionalMirrorServer(site_name="rmoljatim", n_articles=12, slow_seconds=0.1) as two,
    ):
        result = _crawl(tmp_path, one, two, args=("-a", "sites=rmoljatim", "-a", "related_depth=0"))
        two_paths = len(two.request_log)
        one_paths = len(one.request_log)
    assert {item["source"] for item in result.items} == {"rmoljatim.id"}
    assert one_paths == 0
    assert two_paths > 0


def test_a_backfill_walks_the_archive_and_stops_at_since(tmp_path: Path) -> None:
    with RegionalMirrorServer(site_name="rmoljatim", page_size=5, slow_seconds=0.1) as mirror:
        expected = expected_regional_items(mirror.site, mirror.base_url, include_slow=True)
        days = sorted({item["published_at"][:10] for item in expected.values()})
        since = days[len(days) // 2]
        result = _crawl(
            tmp_path,
            mirror,
            args=("-a", f"since={since}", "-a", "related_depth=0", "-a", "max_pages=50"),
        )
        paths = [path for _, path, _ in mirror.request_log]
    wanted = {key for key, item in expected.items() if item["published_at"][:10] >= since}
    assert {item["key"] for item in result.items} == wanted
    assert not [p for p in paths if p.startswith("/category/")]  # the archive, not the categories
    archive = [p for p in paths if p.startswith("/cari")]
    assert archive
    assert len(archive) < -(-len(expected) // 5)  # stopped before the archive's last page


def test_one_site_down_among_healthy_ones_is_named_and_fails_the_run(tmp_path: Path) -> None:
    with (
        RegionalMirrorServer(site_name="rmollampung", n_articles=12, slow_seconds=0.1) as one,
        RegionalMirrorServer(site_name="rmoljatim", n_articles=12, slow_seconds=0.1) as two,
    ):
        two.fail_all(503, times=10**9)
        result = _crawl(tmp_path, one, two, args=("-a", "related_depth=0"))
    assert {item["source"] for item in result.items} == {"rmollampung.id"}
    assert result.returncode == 1
    assert "site_error_share/rmoljatim" in result.log
    assert "site_error_share/rmollampung" not in "".join(result.log_lines("ERROR"))
