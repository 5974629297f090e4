"""Retries honour 429 + Retry-After, capped by RMOL_RETRY_AFTER_MAX."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.crawl import run_crawl

pytestmark = pytest.mark.crawl

ARTICLE = "/politik/read/2025/07/25/674027/pks-perkuat-kaderisasi"
PAGE = b"""<html><head><title>PKS</title></head><body>
<div class="single_post_heading"><h1>PKS Perkuat Kaderisasi</h1></div>
<div class="author"><ul><li>Jumat, 25 Juli 2025, 14:30 WIB</li></ul></div>
<div id="fontResizableText"><p>Isi berita.</p></div></body></html>"""


class Site:
    def __init__(self, retry_after: str) -> None:
        self.retry_after = retry_after
        self.hits: list[tuple[float, int]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path != ARTICLE:
                    self.send_response(404)
                    self.end_headers()
                    return
                status = 429 if not site.hits else 200
                site.hits.append((time.monotonic(), status))
                self.send_response(status)
                if status == 429:
                    self.send_header("Retry-After", site.retry_after)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(PAGE if status == 200 else b"slow down")

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def gap(self) -> float:
        assert [s for _, s in self.hits] == [429, 200]
        return self.hits[1][0] - self.hits[0][0]


@pytest.fixture
def make_site() -> Iterator[Callable[[str], Site]]:
    made: list[Site] = []

    def factory(retry_after: str) -> Site:
        made.append(Site(retry_after))
        return made[-1]

    yield factory
    for site in made:
        site.server.shutdown()
        site.server.server_close()


def test_429_waits_as_long_as_retry_after(make_site: Callable[[str], Site], tmp_path: Path) -> None:
    site = make_site("2")
    result = run_crawl(site.base, tmp_path, "-a", f"urls={site.base}{ARTICLE}")
    assert [i["id"] for i in result.items] == [674027]
    assert site.gap() >= 1.9
    assert result.stat("rmol/retry_after/honoured") == 1


def test_retry_after_is_capped(make_site: Callable[[str], Site], tmp_path: Path) -> None:
    site = make_site("86400")
    result = run_crawl(
        site.base,
        tmp_path,
        "-a",
        f"urls={site.base}{ARTICLE}",
        settings={"RMOL_RETRY_AFTER_MAX": "1"},
    )
    assert [i["id"] for i in result.items] == [674027]
    assert 0.9 <= site.gap() < 30
    assert result.stat("rmol/retry_after/capped") == 1
