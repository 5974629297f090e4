"""The ``rmol_archive`` spider: CDX answers read by :mod:`rmolcrawler.archive.cdx`, and real
backfills from the Common Crawl and Wayback Machine stand-ins."""

from __future__ import annotations

import datetime as dt
import html
import json
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from scrapy.exceptions import UsageError
from scrapy.settings import Settings

from rmolcrawler.archive.cdx import (
    Capture,
    CdxError,
    candidates_by_id,
    is_no_captures,
    parse_cc_lines,
    parse_cc_num_pages,
    parse_collinfo,
    parse_ia_num_pages,
    parse_ia_rows,
    read_warc_record,
)
from rmolcrawler.spiders.archive import ArchiveSpider
from rmolcrawler.urls import site_urls
from tests.crawl import CrawlResult, run_crawl
from tests.site.archives import (
    ArchiveData,
    ArchiveStandins,
    build_archives,
    cc_row,
    ia_row,
)
from tests.site.archives import Capture as StoredCapture
from tests.site.expected import expected_amp_item, expected_item
from tests.site.model import build_site

ORIGIN = "https://rmol.id"
SITE = site_urls(ORIGIN)


def _article_of(url: str) -> tuple[int, dt.date] | None:
    ref = SITE.parse_article(url)
    return None if ref is None else (ref.id, ref.date)


# ---- cdx.py: pure parsing ------------------------------------------------------------------


@pytest.fixture(scope="module")
def data() -> ArchiveData:
    return build_archives(build_site(40, 7))


def test_common_crawl_lines_keep_the_record_location(data: ArchiveData) -> None:
    caps = data.crawl_captures("CC-MAIN-2025-30")[:3]
    text = "".join(json.dumps(cc_row(c)) + "\n" for c in caps) + "\n"
    parsed = parse_cc_lines(text)
    assert [(p.url, p.timestamp, p.status, p.mime) for p in parsed] == [
        (c.url, c.timestamp, c.status, c.mime) for c in caps
    ]
    assert [(p.filename, p.offset, p.length) for p in parsed] == [
        (c.filename, c.offset, c.length) for c in caps
    ]
    assert parsed[0].when == caps[0].when
    with pytest.raises(CdxError):
        parse_cc_lines("not json\n")


def test_collinfo_and_page_counts() -> None:
    text = json.dumps(
        [
            {"id": "CC-MAIN-2025-30", "from": "2025-07-20T00:00:00", "to": "2025-07-31T23:59:59"},
            {"id": "CC-MAIN-2025-26", "from": "2025-06-15T00:00:00", "to": "2025-06-28T23:59:59"},
            {"id": "no-window"},
        ]
    )
    crawls = parse_collinfo(text)
    assert [c.id for c in crawls] == ["CC-MAIN-2025-30", "CC-MAIN-2025-26"]
    assert crawls[0].start.tzinfo is not None
    july = dt.date(2025, 7, 25)
    assert [c.id for c in crawls if c.overlaps(july, None)] == ["CC-MAIN-2025-30"]
    assert [c.id for c in crawls if c.overlaps(None, dt.date(2025, 6, 30))] == ["CC-MAIN-2025-26"]
    assert parse_cc_num_pages('{"pages": 3, "pageSize": 2, "blocks": 5}') == 3
    assert parse_ia_num_pages("4\n") == 4
    assert is_no_captures(404, '{"message": "No Captures found for: rmol.id/*"}')
    assert not is_no_captures(404, "Not Found")
    with pytest.raises(CdxError):
        parse_collinfo("{")


def test_wayback_rows_with_and_without_a_resume_key(data: ArchiveData) -> None:
    caps = data.ia_captures()[:2]
    header = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
    rows = [header, *(ia_row(c) for c in caps)]
    parsed, resume = parse_ia_rows(json.dumps(rows))
    assert resume is None
    assert [(p.url, p.timestamp, p.status, p.mime) for p in parsed] == [
        (c.url, c.timestamp, c.status, c.mime) for c in caps
    ]
    parsed, resume = parse_ia_rows(json.dumps([*rows, [], ["id,rmol)/x 20250101000000"]]))
    assert len(parsed) == 2
    assert resume == "id,rmol)/x 20250101000000"
    assert parse_ia_rows("[]") == ([], None)
    with pytest.raises(CdxError):
        parse_ia_rows('{"a": 1}')


def test_candidates_are_article_captures_from_the_url_date_on_earliest_first() -> None:
    url = f"{ORIGIN}/politik/read/2025/07/21/123/judul"
    amp = f"{ORIGIN}/amp/2025/07/21/123/judul"
    caps = [
        Capture(amp, "20250721080000", 200, "text/html"),
        Capture(url, "20250721020000", 200, "text/html"),
        Capture(url, "20250720160000", 200, "text/html"),  # 23:00 WIB the day before
        Capture(url, "20250721010000", 302, "text/html"),
        Capture(url, "20250721030000", 200, "application/pdf"),
        Capture(f"{ORIGIN}/politik", "20250721030000", 200, "text/html"),
    ]
    assert candidates_by_id(caps, _article_of) == {123: [caps[1], caps[0]]}
    assert caps[1].crawled_at == "2025-07-21T02:00:00+00:00"


def test_warc_records_good_and_broken(data: ArchiveData) -> None:
    for cap in data.cc:
        blob = data.files[cap.filename][cap.offset : cap.offset + cap.length]
        got = read_warc_record(blob, cap.url)
        if cap.fault == "cc_truncated":
            assert got == "truncated"
        elif cap.fault == "cc_wrong_record":
            assert got == "wrong_record"
        elif cap.fault == "cc_range_garbage":
            assert got == "bad_record"
        else:
            assert not isinstance(got, str), cap.url
            assert got.status == cap.status
            assert got.body == cap.body
    assert read_warc_record(b"\x1f\x8b garbage", ORIGIN) == "bad_record"
    assert read_warc_record(b"", ORIGIN) == "bad_record"


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"source": "wayback"},
        {"source": "ia", "crawls": "CC-MAIN-2025-30"},
        {"source": "cc", "urls": "https://rmol.id/"},
        {"source": "cc", "since": "2025-08-01", "until": "2025-07-01"},
    ],
)
def test_bad_arguments_are_refused(raw: dict[str, Any]) -> None:
    with pytest.raises(UsageError):
        ArchiveSpider.parse_args(raw, Settings())


def test_arguments() -> None:
    args = ArchiveSpider.parse_args(
        {"source": "CC", "crawls": "CC-MAIN-2025-30, CC-MAIN-2025-33", "refresh": "1"}, Settings()
    )
    assert args.source == "cc"
    assert args.crawls == ("CC-MAIN-2025-30", "CC-MAIN-2025-33")
    assert args.refresh


# ---- crawls against the stand-ins ----------------------------------------------------------


@pytest.fixture(scope="module")
def archives() -> Iterator[ArchiveStandins]:
    with ArchiveStandins() as server:
        yield server


def _settings(archives: ArchiveStandins, tmp: Path) -> dict[str, str]:
    return {
        "RMOL_CC_INDEX_URL": archives.index_url,
        "RMOL_CC_DATA_URL": archives.data_url,
        "RMOL_IA_CDX_URL": archives.cdx_url,
        "RMOL_IA_WAYBACK_URL": archives.wayback_url,
        "RMOL_DATA_DIR": str(tmp / "data"),  # shared by both runs: one crawl state
    }


def _backfill(archives: ArchiveStandins, tmp: Path, run: str, *args: str) -> CrawlResult:
    return run_crawl(
        ORIGIN,
        tmp / run,
        "-a",
        "max_pages=100",
        *args,
        settings=_settings(archives, tmp),
        spider="rmol_archive",
    )


def _only_archive_requests(archives: ArchiveStandins) -> None:
    prefixes = ("/robots.txt", archives.INDEX, archives.DATA, archives.CDX, archives.WAYBACK)
    assert [p for _, p, _ in archives.request_log if not p.startswith(prefixes)] == []
    assert archives.errors == []


def _check_items(
    archives: ArchiveStandins,
    result: CrawlResult,
    source: str,
    validator: Draft202012Validator,
    crawls: list[str] | None = None,
) -> None:
    for item in result.items:
        validator.validate(item)
        best = archives.data.best_capture(source, item["id"], crawls)
        assert best is not None
        art = archives.site.article(item["id"])
        amp = best.url == ORIGIN + art.amp_path
        want = (expected_amp_item if amp else expected_item)(archives.site, ORIGIN, item["id"])
        got = {k: v for k, v in item.items() if k not in ("crawled_at", "archive")}
        assert got == {k: v for k, v in want.items() if k != "archive"}, item["key"]
        assert item["crawled_at"] == best.when.isoformat()
        assert item["archive"] == _provenance(archives, source, best), item["key"]


def _provenance(archives: ArchiveStandins, source: str, best: StoredCapture) -> dict[str, Any]:
    """Where the item must say it came from: the capture the stand-ins hold for it."""
    ia = source == "ia"
    return {
        "source": source,
        "captured_at": best.when.isoformat(),
        "url": best.url,
        "replay_url": f"{archives.wayback_url}/{best.timestamp}id_/{best.url}" if ia else None,
        "warc": None
        if ia
        else {"filename": best.filename, "offset": best.offset, "length": best.length},
        "digest": best.digest,
    }


@pytest.mark.crawl
@pytest.mark.parametrize("source", ["ia", "cc"])
def test_a_backfill_emits_the_expected_articles_once_then_nothing(
    archives: ArchiveStandins,
    tmp_path: Path,
    source: str,
    schema_validator: Draft202012Validator,
) -> None:
    archives.reset_log()
    first = _backfill(archives, tmp_path, "first", "-a", f"source={source}")
    assert first.returncode == 0, first.log[-3000:]
    ids = [item["id"] for item in first.items]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert sorted(ids) == sorted(archives.expected_ids(source))
    _check_items(archives, first, source, schema_validator)
    _only_archive_requests(archives)
    if source == "cc":
        for reason in ("truncated", "wrong_record", "bad_record"):
            assert first.stat(f"rmol/archive/dropped/{reason}") == 1, reason

    second = _backfill(archives, tmp_path, "second", "-a", f"source={source}")
    assert second.returncode == 0, second.log[-3000:]
    assert second.items == []
    assert second.stat("rmol/state/skipped_known") >= len(ids)


@pytest.mark.crawl
def test_a_date_window_and_chosen_crawls(archives: ArchiveStandins, tmp_path: Path) -> None:
    """Each source with its own crawl state: one state would skip what the other emitted."""
    since, until = dt.date(2025, 7, 20), dt.date(2025, 7, 28)
    window = ("-a", f"since={since}", "-a", f"until={until}")
    ia = _backfill(archives, tmp_path / "ia", "run", "-a", "source=ia", *window)
    assert sorted(i["id"] for i in ia.items) == sorted(archives.expected_ids("ia", since, until))
    crawls = ["CC-MAIN-2025-33"]
    cc = _backfill(
        archives, tmp_path / "cc", "run", "-a", "source=cc", "-a", f"crawls={crawls[0]}", *window
    )
    got = sorted(i["id"] for i in cc.items)
    assert got == sorted(archives.expected_ids("cc", since, until, crawls))


@pytest.mark.crawl
def test_503_with_retry_after_is_waited_out(archives: ArchiveStandins, tmp_path: Path) -> None:
    archives.reset_log()
    archives.fail_first("cdx", 1, retry_after="1")
    archives.fail_first("wayback", 2, retry_after="1")
    try:
        result = _backfill(archives, tmp_path, "run", "-a", "source=ia")
    finally:
        archives.fail_first("cdx", 0)
        archives.fail_first("wayback", 0)
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(i["id"] for i in result.items) == sorted(archives.expected_ids("ia"))
    assert sum(1 for _, _, status in archives.request_log if status == 503) == 3


@pytest.mark.crawl
def test_an_index_failing_past_its_retries_fails_the_run_and_a_rerun_recovers(
    archives: ArchiveStandins, tmp_path: Path
) -> None:
    archives.reset_log()
    archives.fail_first("cdx", 10, retry_after=None)
    try:
        broken = _backfill(archives, tmp_path, "broken", "-a", "source=ia")
    finally:
        archives.fail_first("cdx", 0)
    assert broken.returncode != 0
    assert broken.items == []
    assert broken.stat("rmol/archive/index_failed") == 1
    assert "archive_index" in broken.log
    rerun = _backfill(archives, tmp_path, "rerun", "-a", "source=ia")
    assert rerun.returncode == 0, rerun.log[-3000:]
    assert sorted(i["id"] for i in rerun.items) == sorted(archives.expected_ids("ia"))


@pytest.mark.crawl
def test_the_replay_url_replays_the_capture(archives: ArchiveStandins, tmp_path: Path) -> None:
    result = _backfill(archives, tmp_path, "run", "-a", "source=ia")
    item = result.items[0]
    with urllib.request.urlopen(item["archive"]["replay_url"], timeout=10) as answer:
        page = answer.read().decode("utf-8")
    assert item["title"] in html.unescape(page)


@pytest.mark.crawl
@pytest.mark.parametrize("source", ["ia", "cc"])
def test_a_window_without_captures_is_an_empty_healthy_backfill(
    archives: ArchiveStandins, tmp_path: Path, source: str
) -> None:
    """The indexes answer "no captures" (CC: 404 with a message, for a host it never
    crawled; IA: 0 pages, for a window in the future): an empty result, not an error."""
    archives.reset_log()
    if source == "cc":
        origin, args = "https://rmolnowhere.id", ("-a", "crawls=CC-MAIN-2025-30")
    else:
        origin, args = ORIGIN, ("-a", "since=2030-01-01", "-a", "until=2030-01-31")
    result = run_crawl(
        origin,
        tmp_path / "run",
        "-a",
        f"source={source}",
        *args,
        settings=_settings(archives, tmp_path),
        spider="rmol_archive",
    )
    assert result.returncode == 0, result.log[-3000:]
    assert result.items == []
    assert result.stat("rmol/archive/index_failed") == 0
    assert result.stat("rmol/archive/index_unreadable") == 0
    if source == "cc":
        statuses = [s for _, p, s in archives.request_log if p.startswith(archives.INDEX)]
        assert statuses
        assert set(statuses) <= {200, 404}


@pytest.mark.crawl
def test_refresh_fetches_known_articles_again(archives: ArchiveStandins, tmp_path: Path) -> None:
    first = _backfill(archives, tmp_path, "first", "-a", "source=ia")
    again = _backfill(archives, tmp_path, "again", "-a", "source=ia", "-a", "refresh=1")
    assert again.returncode == 0, again.log[-3000:]
    assert sorted(i["key"] for i in again.items) == sorted(i["key"] for i in first.items)
