"""Health alarms: each one proven by breaking the mirror on purpose; unhealthy exits 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rmolcrawler.health import Thresholds, evaluate
from tests.crawl import CrawlResult, run_crawl
from tests.site.server import MirrorServer


def _crawl(mirror: MirrorServer, tmp: Path, *args: str, **settings: str) -> CrawlResult:
    return run_crawl(
        mirror.base_url,
        tmp,
        "-a",
        "related_depth=0",
        "-a",
        "max_pages=2",
        *args,
        settings=settings,
        output=False,
    )


def _report(tmp: Path) -> dict[str, object]:
    reports = list((tmp / "data").rglob("*.report.json"))
    assert len(reports) == 1
    data: dict[str, object] = json.loads(reports[0].read_text(encoding="utf-8"))
    return data


def _failed_checks(result: CrawlResult, tmp: Path) -> set[str]:
    health = _report(tmp)["health"]
    assert isinstance(health, dict)
    return {name.split("/")[0] for name, c in health["checks"].items() if not c["ok"]}


@pytest.mark.crawl
def test_healthy_crawl_exits_zero(tmp_path: Path) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        result = _crawl(mirror, tmp_path)
    assert result.returncode == 0, result.log[-2000:]
    assert _failed_checks(result, tmp_path) == set()
    assert "health: OK" in result.log


@pytest.mark.crawl
@pytest.mark.parametrize(
    ("mode", "alarm"),
    [
        ("body", "missing_required_share"),
        ("dates", "url_fallback_share"),
        ("challenge", "blocked_share"),
    ],
)
def test_broken_markup_raises_its_alarm(mode: str, alarm: str, tmp_path: Path) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        mirror.break_markup(mode)
        result = _crawl(mirror, tmp_path)
    assert result.returncode == 1
    assert alarm in _failed_checks(result, tmp_path)
    assert f"UNHEALTHY - {alarm}" in result.log or f"; {alarm}" in result.log


@pytest.mark.crawl
def test_selectors_missing_degrade_field_by_field_and_say_so(tmp_path: Path) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        mirror.break_markup("selectors")
        result = _crawl(mirror, tmp_path)
    # Fallback layers still fill every required field: nothing is lost, the stats show it.
    assert len(result.items) >= 20
    assert result.stat("rmol/extract/body/site") == 0
    assert result.stat("rmol/extract/body/structured") + result.stat("rmol/extract/body/text") > 0
    assert result.stat("rmol/extract/title/site") > 0  # a plain h1 remains


@pytest.mark.crawl
def test_site_down_raises_error_share_and_min_items(tmp_path: Path) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        mirror.fail_all(503, times=10**9)
        result = _crawl(mirror, tmp_path)
    assert result.returncode == 1
    assert result.items == []
    assert "error_share" in _failed_checks(result, tmp_path)


@pytest.mark.crawl
def test_rate_limited_for_good_raises_blocked_share(tmp_path: Path) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        mirror.fail_all(429, times=10**9, retry_after="0")
        result = _crawl(mirror, tmp_path)
    assert result.returncode == 1
    assert result.stat("rmol/fetch/failed/http_429") >= 1
    assert "blocked_share" in _failed_checks(result, tmp_path)


@pytest.mark.crawl
def test_no_article_out_of_many_new_links_raises_min_items(tmp_path: Path) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        mirror.break_markup("body")
        result = _crawl(mirror, tmp_path)
    assert result.items == []
    assert result.stat("rmol/discovery/new_links") >= 3
    assert "min_items" in _failed_checks(result, tmp_path)


@pytest.mark.crawl
def test_site_503_for_a_while_recovers(tmp_path: Path) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        mirror.fail_all(503, times=3, retry_after="1")
        result = _crawl(mirror, tmp_path)
    assert result.returncode == 0, result.log[-2000:]
    assert len(result.items) >= 20
    assert result.stat("rmol/retry_after/honoured") >= 1


@pytest.mark.crawl
def test_interrupted_crawl_is_unhealthy(tmp_path: Path) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        result = _crawl(mirror, tmp_path, CLOSESPIDER_ITEMCOUNT="3")
    assert result.returncode == 1
    assert "finish_reason" in _failed_checks(result, tmp_path)


def test_min_items_when_new_links_yield_nothing() -> None:
    stats = {
        "finish_reason": "finished",
        "rmol/discovery/listing_pages": 3,
        "rmol/discovery/article_links": 30,
        "rmol/discovery/new_links": 12,
        "item_scraped_count": 0,
    }
    verdict = evaluate(stats, Thresholds())
    assert not verdict.healthy
    assert [f.split(":")[0] for f in verdict.failures] == ["min_items"]


def test_listings_without_article_links() -> None:
    stats = {"finish_reason": "finished", "rmol/discovery/listing_pages": 7}
    assert [f.split(":")[0] for f in evaluate(stats, Thresholds()).failures] == ["article_links"]


def test_a_recheck_of_a_page_dropped_last_run_is_not_a_missing_field() -> None:
    """The page the last run dropped for a missing body, dropped again (and now rejected for
    good), is no news of a markup change: alone, it is not judged at all."""
    recheck = {
        "finish_reason": "finished",
        "rmol/page/articles": 1,
        "rmol/validation/dropped/missing_body": 1,
        "rmol/state/rejected_repeat/missing_body": 1,
    }
    verdict = evaluate(recheck, Thresholds())
    assert verdict.healthy
    assert verdict.checks["missing_required_share"]["value"] == 0.0
    assert verdict.checks["missing_required_share"]["rechecks_left_out"] == 1
    new_break = {**recheck, "rmol/page/articles": 2, "rmol/validation/dropped/missing_body": 2}
    verdict = evaluate(new_break, Thresholds())
    assert [f.split(":")[0] for f in verdict.failures] == ["missing_required_share"]
    assert "1 of 1 article pages lacked" in verdict.failures[0]


def test_small_samples_are_not_judged() -> None:
    stats = {"finish_reason": "finished", "rmol/fetch/answered": 3, "rmol/fetch/failed/http_404": 2}
    verdict = evaluate(stats, Thresholds())
    assert verdict.healthy
    assert "not judged" in verdict.checks["error_share"]["note"]


def test_thresholds_are_settings() -> None:
    from scrapy.settings import Settings

    t = Thresholds.from_settings(
        Settings(
            {
                "RMOL_HEALTH_MAX_ERROR_SHARE": "0.5",
                "RMOL_HEALTH_FINISH_REASONS": "finished,shutdown",
            }
        )
    )
    assert t.max_error_share == 0.5
    assert t.finish_reasons == ("finished", "shutdown")


def test_a_regional_site_down_among_healthy_ones_is_named() -> None:
    healthy = {"rmol/site/rmollampung/answered": 40, "rmol/site/rmollampung/articles": 30}
    down = {"rmol/site/rmoljatim/answered": 2, "rmol/site/rmoljatim/failed": 20}
    stats = {
        "finish_reason": "finished",
        "rmol/fetch/answered": 42,
        "rmol/fetch/failed/http_503": 20,  # 32% overall: over the share too
        "rmol/page/articles": 30,
        **healthy,
        **down,
        "rmol/site/rmoljatim/new_links": 5,
    }
    failures = evaluate(stats, Thresholds(max_error_share=0.4)).failures
    assert [f.split(":")[0] for f in failures] == [
        "site_error_share/rmoljatim",
        "site_min_items/rmoljatim",
    ]
    assert "rmoljatim: 20 of 22 requests failed" in failures[0]


def test_a_lost_archive_index_page_fails_a_backfill() -> None:
    base = {"finish_reason": "finished", "rmol/archive/index_requests": 4}
    assert "archive_index" in evaluate(base, Thresholds()).checks
    assert evaluate(base, Thresholds()).healthy
    for stat in ("rmol/archive/index_failed", "rmol/archive/index_unreadable"):
        verdict = evaluate(base | {stat: 1}, Thresholds())
        assert not verdict.healthy
        assert verdict.failures[0].startswith("archive_index: 1 archive index answers")
    # A live crawl is not judged on it.
    assert "archive_index" not in evaluate({"finish_reason": "finished"}, Thresholds()).checks
