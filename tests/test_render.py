"""Opt-in rendering: a page whose article text is inserted by JavaScript."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.crawl import run_crawl

pytestmark = pytest.mark.browser

ARTICLE_PATH = "/politik/read/2025/07/25/674027/pks-perkuat-kaderisasi"
PAGE = """<!doctype html><html><head><title>PKS Perkuat Kaderisasi - RMOL.ID</title></head>
<body><div class="single_post_heading"><h1>PKS Perkuat Kaderisasi</h1></div>
<div class="author"><ul><li>Jumat, 25 Juli 2025, 14:30 WIB</li></ul></div>
<figure><img src="/images/berita/normal/2025/07/1_x.jpg" alt="foto"></figure>
<div id="fontResizableText"></div>
<script>
  const paragraphs = ["Paragraf pertama disisipkan oleh JavaScript.",
                      "Paragraf kedua juga dari skrip. [zul]"];
  const box = document.getElementById("fontResizableText");
  for (const text of paragraphs) {
    const p = document.createElement("p"); p.textContent = text; box.appendChild(p);
  }
</script></body></html>"""


SEEN_PATHS: list[str] = []


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        SEEN_PATHS.append(self.path)
        if self.path == ARTICLE_PATH:
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
        else:
            body = b"not found"
            self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def js_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


CHROMIUM = os.environ.get("RMOL_CHROMIUM_PATH", "/usr/bin/chromium")


def test_js_inserted_body_needs_rendering(js_site: str, tmp_path: Path) -> None:
    assert os.access(CHROMIUM, os.X_OK), f"{CHROMIUM} missing: scripts/test installs it"
    url = js_site + ARTICLE_PATH

    plain = run_crawl(js_site, tmp_path / "plain", "-a", f"urls={url}")
    assert plain.items == []
    assert plain.stat("rmol/validation/dropped/missing_body") == 1

    rendered = run_crawl(
        js_site,
        tmp_path / "rendered",
        "-a",
        f"urls={url}",
        "-a",
        "render=1",
        settings={"DOWNLOAD_TIMEOUT": "30"},
    )
    assert rendered.stat("playwright/request_count") >= 1, rendered.log[-3000:]
    assert [i["body"] for i in rendered.items] == [
        "Paragraf pertama disisipkan oleh JavaScript.\n\nParagraf kedua juga dari skrip."
    ]
    assert rendered.items[0]["editor"] == "zul"
    assert rendered.items[0]["published_at"] == "2025-07-25T14:30:00+07:00"
    # Images, media and fonts are aborted by the browser, not fetched.
    assert rendered.stat("playwright/request_count/aborted") >= 1
    assert not any(p.startswith("/images/") for p in SEEN_PATHS)
    assert rendered.log_lines("ERROR") == []
