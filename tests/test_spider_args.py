import datetime as dt

import pytest
from scrapy.exceptions import UsageError
from scrapy.settings import Settings

from rmolcrawler.middlewares import retry_after_seconds
from rmolcrawler.spiders.rmol import RmolSpider

SETTINGS = Settings({"RMOL_MAX_PAGES": 5, "RMOL_RELATED_DEPTH": 1})


def test_defaults_come_from_settings() -> None:
    args = RmolSpider.parse_args({}, SETTINGS)
    assert (args.max_pages, args.related_depth, args.since, args.urls, args.render) == (
        5,
        1,
        None,
        (),
        False,
    )


def test_good_values() -> None:
    args = RmolSpider.parse_args(
        {
            "urls": "https://rmol.id/a, https://rmol.id/b",
            "max_pages": "2",
            "related_depth": "0",
            "since": "2025-07-01",
            "until": "2025-07-31",
            "render": "1",
        },
        SETTINGS,
    )
    assert args.urls == ("https://rmol.id/a", "https://rmol.id/b")
    assert (args.max_pages, args.related_depth, args.render) == (2, 0, True)
    assert (args.since, args.until) == (dt.date(2025, 7, 1), dt.date(2025, 7, 31))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"max_pages": "two"}, "max_pages must be an integer"),
        ({"max_pages": "0"}, "max_pages must be >= 1"),
        ({"related_depth": "-1"}, "related_depth must be >= 0"),
        ({"since": "27/11/2026"}, "since must be a date as YYYY-MM-DD"),
        ({"since": "2025-08-01", "until": "2025-07-01"}, "is after until"),
        ({"urls": "rmol.id/politik"}, "is not an http"),
        ({"urls": "https://example.com/politik"}, "is not on https://rmol.id"),
        ({"render": "maybe"}, "render must be"),
    ],
)
def test_bad_values_are_clear_errors(raw: dict[str, str], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        RmolSpider.parse_args(raw, SETTINGS)


def test_retry_after_header_forms() -> None:
    now = dt.datetime(2026, 11, 27, 6, 0, tzinfo=dt.UTC)
    assert retry_after_seconds("7", now) == 7.0
    assert retry_after_seconds("Fri, 27 Nov 2026 06:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Fri, 27 Nov 2026 05:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None


@pytest.mark.crawl
@pytest.mark.parametrize(
    ("spider", "argument", "message"),
    [
        ("rmol", "since=yesterday", "since must be a date as YYYY-MM-DD, got 'yesterday'"),
        ("rmol_regional", "sites=rmolbali", "sites: unknown site(s) rmolbali"),
    ],
)
def test_cli_reports_bad_argument_without_traceback(
    spider: str, argument: str, message: str
) -> None:
    import subprocess
    import sys

    from tests.crawl import ROOT

    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", spider, "-a", argument],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
