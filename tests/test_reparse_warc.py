"""Re-extraction from WARC files (`python -m rmolcrawler.reparse FILE.warc.gz`), issue 13 §2.

The WARC files are written here with warcio from the fixture cases: each case's page becomes a
request and a response record; a few records are of the kinds reparse counts and skips.
"""

from __future__ import annotations

import gzip
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rmolcrawler import reparse
from tests.crawl import ROOT
from tests.test_reparse import Cli

FIXTURES = ROOT / "tests" / "fixtures"
WAYBACK_CASE = "regional-rmoljatim-structured"
ENCODED_CASE = "mirror-standard-674000"
WAYBACK_TIME = "20250726030000"


@dataclass
class Case:
    name: str
    url: str
    body: bytes
    content_type: str
    expected: dict[str, Any]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys)


def fixture_cases() -> list[Case]:
    cases = []
    for folder in sorted(p.parent for p in FIXTURES.glob("*/expected.json")):
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        headers = {k.lower(): v for k, v in (meta.get("headers") or {}).items()}
        cases.append(
            Case(
                folder.name,
                meta["url"],
                (folder / "page.html").read_bytes(),
                headers.get("content-type", "text/html"),
                json.loads((folder / "expected.json").read_text(encoding="utf-8")),
            )
        )
    return cases


def date_of(number: int) -> str:
    return f"2026-12-01T10:{number // 60:02d}:{number % 60:02d}Z"


class Archive:
    """A WARC file being written, with a warcinfo record first."""

    def __init__(self, stream: BinaryIO, *, gzip: bool) -> None:
        self.writer = WARCWriter(stream, gzip=gzip)
        self.writer.write_record(
            self.writer.create_warcinfo_record("test.warc", {"software": "tests"})
        )

    def fetch(
        self,
        url: str,
        body: bytes,
        *,
        date: str,
        status: str = "200 OK",
        headers: list[tuple[str, str]] | None = None,
    ) -> None:
        """A request record and the response record concurrent to it."""
        request = self.writer.create_warc_record(
            url,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            warc_headers_dict={"WARC-Date": date},
            http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True),
        )
        http = StatusAndHeaders(status, headers or [], protocol="HTTP/1.1")
        response = self.writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            warc_headers_dict={
                "WARC-Date": date,
                "WARC-Concurrent-To": request.rec_headers.get_header("WARC-Record-ID"),
            },
            http_headers=http,
        )
        self.writer.write_record(request)
        self.writer.write_record(response)

    def revisit(self, url: str, date: str) -> None:
        record = self.writer.create_revisit_record(
            url,
            digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            refers_to_uri=url,
            refers_to_date=date,
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1"),
            warc_headers_dict={"WARC-Date": date},
        )
        self.writer.write_record(record)


def chunked(data: bytes, size: int = 1000) -> bytes:
    parts = [data[i : i + size] for i in range(0, len(data), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


def write_archives(folder: Path) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Every fixture case as a fetch, half in a plain and half in a gzipped WARC file, plus
    the records to skip; returns the expected items (in file order) and skip counts."""
    cases = fixture_cases()
    expected: list[dict[str, Any]] = []
    (folder / "nested").mkdir(parents=True)
    with (
        (folder / "a.warc").open("wb") as plain,
        (folder / "nested" / "b.warc.gz").open("wb") as packed,
    ):
        archives = [Archive(plain, gzip=False), Archive(packed, gzip=True)]
        for number, case in enumerate(cases):
            archive, date = archives[number * 2 // len(cases)], date_of(number)
            url, body = case.url, case.body
            headers = [("Content-Type", case.content_type)]
            if case.name == WAYBACK_CASE:
                url = f"https://web.archive.org/web/{WAYBACK_TIME}id_/{case.url}"
            if case.name == ENCODED_CASE:
                body = chunked(gzip.compress(body))
                headers += [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
            archive.fetch(url, body, date=date, headers=headers)
            if "rejected" not in case.expected:
                crawled_at = date.replace("Z", "+00:00")
                expected.append({**case.expected, "crawled_at": crawled_at})
        page = cases[0].body
        first = archives[0]
        first.fetch(
            "https://rmol.id/politik/read/2025/07/24/999999/hilang",
            b"<html><body>Not found</body></html>",
            date=date_of(900),
            status="404 Not Found",
            headers=[("Content-Type", "text/html")],
        )
        first.fetch(
            "https://rmol.id/robots.txt",
            b"User-agent: *\n",
            date=date_of(901),
            headers=[("Content-Type", "text/plain")],
        )
        first.fetch(
            "https://example.com/politik/read/2025/07/24/674000/lain",
            page,
            date=date_of(902),
            headers=[("Content-Type", "text/html")],
        )
        archives[1].revisit(cases[0].url, date_of(903))
    requests = len(cases) + 3
    skipped = {
        "skipped/warcinfo": 2,
        "skipped/request": requests,
        "skipped/revisit": 1,
        "skipped/http_404": 1,
        "skipped/not_html": 1,
        "skipped/offsite": 1,
    }
    return expected, skipped


def summary_counts(err: str) -> dict[str, int]:
    line = next(ln for ln in err.splitlines() if ln.startswith("reparse: ") and "=" in ln)
    pairs = (p.split("=") for p in line.removeprefix("reparse: ").split(", "))
    return {k: int(v) for k, v in pairs}


def test_reparse_of_warc_files_gives_the_fixtures_items(tmp_path: Path, cli: Cli) -> None:
    expected, skipped = write_archives(tmp_path / "warc")
    out = tmp_path / "out.jsonl"
    code, _, err = cli(reparse.main, str(tmp_path / "warc"), "-o", str(out), "-j", "1")
    assert code == 0, err
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines == expected
    counts = summary_counts(err)
    pages = len(fixture_cases())
    assert {k: v for k, v in counts.items() if k.startswith("skipped/")} == skipped
    assert counts["pages"] == pages
    assert counts["accepted"] == len(expected)
    rejected = sum(v for k, v in counts.items() if k.startswith("rejected/"))
    assert rejected == pages - len(expected)
    assert "b.warc.gz@" in err  # a rejected record says where it is


def test_a_single_gzipped_warc_file(tmp_path: Path, cli: Cli) -> None:
    expected, _ = write_archives(tmp_path)
    code, out, err = cli(reparse.main, str(tmp_path / "nested" / "b.warc.gz"), "-j", "1")
    assert code == 0, err
    keys = [json.loads(line)["key"] for line in out.splitlines()]
    assert keys
    assert keys == [item["key"] for item in expected[-len(keys) :]]
    assert summary_counts(err)["skipped/revisit"] == 1


def test_progress_is_reported_on_stderr(tmp_path: Path) -> None:
    write_archives(tmp_path)
    err = io.StringIO()
    counts = reparse.reparse(tmp_path, io.StringIO(), err, progress_seconds=0)
    assert f"reparse: {counts['pages']} pages, " in err.getvalue()
    assert "pages/s" in err.getvalue()


@pytest.mark.parametrize(
    ("value", "stamp"),
    [
        ("2026-12-01T10:00:05Z", "2026-12-01T10:00:05+00:00"),
        ("2026-12-01T10:00:05.734512Z", "2026-12-01T10:00:05+00:00"),
        ("2026-12-01T17:00:05+07:00", "2026-12-01T10:00:05+00:00"),
    ],
)
def test_warc_date_is_utc_to_the_second(value: str, stamp: str) -> None:
    assert reparse.warc_date(value) == stamp


@pytest.mark.parametrize(
    ("target", "url"),
    [
        (
            "https://web.archive.org/web/20250726030000id_/https://www.rmoljatim.id/a-b",
            "https://www.rmoljatim.id/a-b",
        ),
        ("http://127.0.0.1:8080/web/2025id_/http://rmol.id/x?y=1", "http://rmol.id/x?y=1"),
        ("https://web.archive.org/web/20250726030000id_/rmol.id/x", "http://rmol.id/x"),
        ("https://rmol.id/web/abc", "https://rmol.id/web/abc"),
    ],
)
def test_wayback_id_captures_give_the_original_url(target: str, url: str) -> None:
    assert reparse.original_url(target) == url


def test_origin_keeps_a_mirror_s_pages(tmp_path: Path, cli: Cli) -> None:
    case = next(c for c in fixture_cases() if c.name == ENCODED_CASE)
    mirror = case.url.replace("https://rmol.id", "http://127.0.0.1:8080")
    with (tmp_path / "m.warc").open("wb") as stream:
        Archive(stream, gzip=False).fetch(
            mirror, case.body, date=date_of(1), headers=[("Content-Type", "text/html")]
        )
    code, out, err = cli(reparse.main, str(tmp_path / "m.warc"), "-j", "1")
    assert code == 2
    assert "skipped/offsite=1" in err
    code, out, err = cli(
        reparse.main, str(tmp_path / "m.warc"), "-j", "1", "--origin", "http://127.0.0.1:8080"
    )
    assert code == 0, err
    assert json.loads(out)["id"] == case.expected["id"]


@pytest.mark.crawl
def test_several_jobs_give_the_output_of_one(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reparse, "CHUNK_PAGES", 4)  # several chunks in flight per worker
    expected, _ = write_archives(tmp_path / "warc")
    with (tmp_path / "warc" / "again.warc").open("wb") as stream:
        again = Archive(stream, gzip=False)
        for number, case in enumerate(fixture_cases()):
            headers = [("Content-Type", case.content_type)]
            again.fetch(case.url, case.body, date=date_of(number), headers=headers)
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}.jsonl"
        code, _, err = cli(reparse.main, str(tmp_path / "warc"), "-o", str(out), "-j", jobs)
        assert code == 0, err
        outputs.append(out.read_text(encoding="utf-8"))
        assert summary_counts(err)["rejected/duplicate"] == len(expected)
    assert outputs[0] == outputs[1]
    assert outputs[0].count("\n") == len(expected)


@pytest.mark.crawl
def test_reparse_of_a_crawls_warc_gives_the_crawls_items(tmp_path: Path) -> None:
    """Issue 13: the WARC files a crawl writes reproduce its items (crawled_at aside, which
    becomes each record's WARC-Date)."""
    from rmolcrawler import reparse
    from tests.crawl import run_crawl
    from tests.site.server import MirrorServer

    warc_dir = tmp_path / "warc"
    with MirrorServer(slow_seconds=0.1) as mirror:
        crawl = run_crawl(
            mirror.base_url,
            tmp_path / "crawl",
            "-a",
            "related_depth=2",
            "-a",
            "max_pages=10",
            settings={"RMOL_WARC_DIR": str(warc_dir)},
        )
        origin = mirror.base_url
    assert len(crawl.items) >= 30
    assert sorted(warc_dir.glob("*.warc.gz"))
    out = tmp_path / "reparsed.jsonl"
    code = reparse.main([str(warc_dir), "-o", str(out), "-j", "1", "--origin", origin])
    assert code == 0
    reparsed = {item["key"]: item for item in map(json.loads, out.read_text().splitlines())}
    assert set(reparsed) == {item["key"] for item in crawl.items}
    for item in crawl.items:
        again = reparsed[item["key"]]
        assert {k: v for k, v in again.items() if k != "crawled_at"} == {
            k: v for k, v in item.items() if k != "crawled_at"
        }
