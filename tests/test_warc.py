"""WARC out: every fetch archived as request and response records that warcio checks."""

from __future__ import annotations

import datetime as dt
import errno
import gzip
import io
import json
from pathlib import Path
from typing import IO, Any

import pytest
from scrapy import Request, Spider
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.cli import main as warcio_main  # type: ignore[import-untyped]

from rmolcrawler.archive.warc import RENDERED, Fetch, WarcFiles, WarcMiddleware, warc_archive
from rmolcrawler.health import Thresholds, evaluate
from tests.crawl import run_crawl
from tests.site.server import MirrorServer

WHEN = dt.datetime(2026, 11, 27, 6, 0, 5, tzinfo=dt.UTC)
HTML = b"<html><body><h1>Judul</h1><p>Isi berita.</p></body></html>"


def _fetch(url: str = "https://rmol.id/politik/read/2026/11/27/1/judul", **kw: Any) -> Fetch:
    fields: dict[str, Any] = {
        "url": url,
        "date": WHEN,
        "request_headers": [("Host", "rmol.id"), ("Accept-Encoding", "gzip, deflate")],
        "headers": [("Content-Type", "text/html; charset=UTF-8")],
        "body": HTML,
        "ip_address": "127.0.0.1",
    }
    return Fetch(**(fields | kw))


def _records(path: Path) -> list[Any]:
    out = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream, check_digests=True):
            raw = record.raw_stream.read()
            record.content_stream().read()
            out.append((record, raw))
    return out


def _check(*paths: Path) -> int:
    with pytest.raises(SystemExit) as exit_:
        warcio_main(["check", *map(str, paths)])
    return int(exit_.value.code or 0)


def test_a_fetch_is_a_request_and_a_response_tied_and_digested(tmp_path: Path) -> None:
    files = WarcFiles(tmp_path, "rmol-RUN", info={"software": "test"})
    body = gzip.compress(HTML)
    assert files.write(
        _fetch(body=body, headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
    )
    assert files.write(_fetch(url="https://rmol.id/nope", status=404, body=b"gone"))
    assert (tmp_path / "rmol-RUN-00000.warc.gz.partial").exists()
    files.close()
    path = tmp_path / "rmol-RUN-00000.warc.gz"
    assert files.published == [path]
    assert not list(tmp_path.glob("*.partial"))

    records = _records(path)
    kinds = [r.rec_type for r, _ in records]
    assert kinds == ["warcinfo", "response", "request", "response", "request"]
    assert records[0][0].rec_headers.get_header("WARC-Filename") == "rmol-RUN-00000.warc.gz"
    for (response, _), (request, _) in (records[1:3], records[3:5]):
        rid = response.rec_headers.get_header("WARC-Record-ID")
        assert request.rec_headers.get_header("WARC-Concurrent-To") == rid
        assert response.rec_headers.get_header("WARC-Block-Digest").startswith("sha1:")
        assert response.rec_headers.get_header("WARC-Payload-Digest").startswith("sha1:")
        assert request.rec_headers.get_header("WARC-Date") == "2026-11-27T06:00:05Z"
        assert response.digest_checker.passed is True
    response, raw = records[1]
    assert raw == body  # stored compressed, as the server sent it
    assert response.http_headers.statusline == "200 OK"
    assert response.http_headers.get_header("Content-Encoding") == "gzip"
    assert response.rec_headers.get_header("WARC-IP-Address") == "127.0.0.1"
    request = records[2][0]
    assert request.http_headers.protocol == "GET"
    assert request.http_headers.statusline == "/politik/read/2026/11/27/1/judul HTTP/1.1"
    assert records[3][0].http_headers.statusline == "404 Not Found"
    assert _check(path) == 0


def test_files_rotate_by_size_each_with_its_warcinfo(tmp_path: Path) -> None:
    files = WarcFiles(tmp_path, "rmol-RUN", max_bytes=1)
    for n in range(3):
        assert files.write(_fetch(url=f"https://rmol.id/a{n}"))
    files.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"rmol-RUN-0000{n}.warc.gz" for n in range(3)]
    for path in sorted(tmp_path.iterdir()):
        assert [r.rec_type for r, _ in _records(path)] == ["warcinfo", "response", "request"]
    assert _check(*sorted(tmp_path.iterdir())) == 0


class _Disk(io.RawIOBase):
    """A file on a disk that is full after ``room`` bytes."""

    def __init__(self, path: Path, room: int) -> None:
        self.file = path.open("xb")
        self.room = room

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.file.tell() + len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.file.write(data)

    def tell(self) -> int:
        return self.file.tell()

    def fileno(self) -> int:
        return self.file.fileno()

    def close(self) -> None:
        self.file.close()
        super().close()


def test_a_full_disk_stops_archiving_and_keeps_the_complete_records(tmp_path: Path) -> None:
    def opener(path: Path) -> IO[bytes]:
        return io.BufferedWriter(_Disk(path, room=1500), buffer_size=64)

    files = WarcFiles(tmp_path, "rmol-RUN", opener=opener)
    assert files.write(_fetch(url="https://rmol.id/a"))
    assert not files.write(_fetch(url="https://rmol.id/b", body=bytes(range(256)) * 40))
    assert isinstance(files.error, OSError)
    assert files.error.errno == errno.ENOSPC
    assert files.problem.endswith("failed: No space left on device")
    assert not files.write(_fetch(url="https://rmol.id/c"))
    files.close()
    (path,) = tmp_path.iterdir()
    assert path.name == "rmol-RUN-00000.warc.gz"  # cut back to its last complete record
    records = _records(path)
    assert [r.rec_type for r, _ in records] == ["warcinfo", "response", "request"]
    assert _check(path) == 0


def test_an_unwritable_directory_is_an_error_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "warc"
    blocker.write_text("a file where the directory should be")
    files = WarcFiles(blocker / "sub", "rmol-RUN")
    assert not files.open()
    assert not files.write(_fetch())
    assert isinstance(files.error, OSError)
    files.close()


def _middleware(tmp_path: Path, **settings: Any) -> tuple[WarcMiddleware, Spider]:
    crawler = get_crawler(Spider, {"RMOL_WARC_DIR": str(tmp_path / "warc"), **settings})
    assert crawler.stats is not None
    crawler.stats.open_spider()
    spider = Spider(name="rmol")
    mw = WarcMiddleware.from_crawler(crawler)
    assert warc_archive(crawler) is mw
    mw.spider_opened(spider)
    return mw, spider


def test_middleware_archives_the_body_before_decompression_and_marks_rendered_pages(
    tmp_path: Path,
) -> None:
    mw, spider = _middleware(tmp_path)
    gzipped = gzip.compress(HTML)
    raw = Response(
        "http://127.0.0.1:1/politik",
        status=200,
        headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
        body=gzipped,
        ip_address=None,
        protocol="HTTP/1.1",
    )
    request = Request("http://127.0.0.1:1/politik", headers={"Accept-Encoding": "gzip"})
    assert mw.process_response(request, raw) is raw
    rendered_request = Request("http://127.0.0.1:1/x", meta={"playwright": True})
    rendered = HtmlResponse(
        "http://127.0.0.1:1/x",
        headers={"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"},
        body=HTML,
    )
    mw.process_response(rendered_request, rendered)
    mw.spider_closed(spider)
    (path,) = (tmp_path / "warc").iterdir()
    assert path.name.startswith("rmol-")
    assert path.name.endswith("-00000.warc.gz")
    assert mw.published() == [str(path)]
    records = [(r, body) for r, body in _records(path) if r.rec_type == "response"]
    assert records[0][1] == gzipped
    assert records[0][0].rec_headers.get_header("WARC-Resource-Type") is None
    assert records[1][1] == HTML
    assert records[1][0].rec_headers.get_header("WARC-Resource-Type") == RENDERED
    assert records[1][0].http_headers.get_header("Content-Encoding") is None
    stats = mw.crawler.stats
    assert stats is not None
    assert stats.get_value("rmol/warc/fetches") == 2
    assert stats.get_value("rmol/warc/rendered") == 1
    assert stats.get_value("rmol/warc/files") == 1
    index = tmp_path / "index.cdxj"
    warcio_main(["index", "-o", str(index), str(path)])
    assert len(index.read_text().splitlines()) == 5  # warcinfo, 2 requests, 2 responses


def test_middleware_failure_is_counted_and_fails_the_warc_health_check(tmp_path: Path) -> None:
    (tmp_path / "warc").write_text("not a directory")
    mw, spider = _middleware(tmp_path)
    response = Response("http://127.0.0.1:1/politik", body=HTML)
    assert mw.process_response(Request(response.url), response) is response
    mw.spider_closed(spider)
    stats = mw.crawler.stats
    assert stats is not None
    assert stats.get_value("rmol/warc/failed") == 1
    assert stats.get_value("rmol/warc/not_archived") == 1
    verdict = evaluate(stats.get_stats() | {"finish_reason": "finished"}, Thresholds())
    assert [f.split(":")[0] for f in verdict.failures] == ["warc"]
    assert "cannot create a WARC file in" in verdict.failures[0]
    assert "items were still written" in verdict.failures[0]


def test_archiving_can_be_turned_off() -> None:
    from scrapy.exceptions import NotConfigured

    with pytest.raises(NotConfigured):
        WarcMiddleware.from_crawler(get_crawler(Spider, {"RMOL_WARC_ENABLED": False}))


@pytest.mark.crawl
def test_a_crawl_archives_every_fetch(tmp_path: Path) -> None:
    with MirrorServer(n_articles=12, slow_seconds=0.1) as mirror:
        result = run_crawl(mirror.base_url, tmp_path, "-a", "related_depth=0", "-a", "max_pages=1")
        answered = len(mirror.request_log)
    assert result.returncode == 0, result.log[-2000:]
    paths = sorted((tmp_path / "data" / "warc").iterdir())
    assert paths
    assert all(p.name.endswith(".warc.gz") for p in paths)
    records = [r for p in paths for r, _ in _records(p)]
    responses = [r for r in records if r.rec_type == "response"]
    requests = [r for r in records if r.rec_type == "request"]
    assert len(responses) == len(requests) == answered == result.stat("downloader/response_count")
    assert result.stat("rmol/warc/fetches") == answered
    uris = [r.rec_headers.get_header("WARC-Target-URI") for r in responses]
    assert any(u.endswith("/robots.txt") for u in uris)
    assert len(result.items) > 0
    assert _check(*paths) == 0
    report = json.loads(next(tmp_path.rglob("*.report.json")).read_text())
    assert report["warc"]["files"] == [str(p) for p in paths]
    assert report["health"]["checks"]["warc"]["ok"] is True


@pytest.mark.crawl
def test_an_unwritable_warc_directory_fails_health_and_loses_no_item(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the directory should be")
    with MirrorServer(n_articles=12, slow_seconds=0.1) as mirror:
        result = run_crawl(
            mirror.base_url,
            tmp_path,
            "-a",
            "related_depth=0",
            "-a",
            "max_pages=1",
            settings={"RMOL_WARC_DIR": str(blocker / "warc")},
        )
    assert result.returncode == 1
    assert len(result.items) > 0
    assert result.stat("rmol/warc/failed") == 1
    assert "UNHEALTHY - warc: archiving stopped: cannot create a WARC file in" in result.log
