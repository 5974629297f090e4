"""``python -m rmolcrawler.dataset report`` in a real browser: headless Chromium opens the page
from disk, renders it without an error or a request for anything outside the file, and shows
the numbers of the database."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from rmolcrawler.dataset.summary import number
from tests.test_dataset import EDITED, article, regional, removal, run, write_run

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("RMOL_CHROMIUM_PATH", "/usr/bin/chromium")


def test_report_renders_in_chromium_with_the_database_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert os.access(CHROMIUM, os.X_OK), f"{CHROMIUM} missing: scripts/test installs it"
    from playwright.sync_api import sync_playwright

    data = tmp_path / "data"
    write_run(data, [article(n) for n in range(1, 1201)])
    write_run(
        data,
        [article(7, revision=2, body=EDITED, crawled_at="2025-07-25T03:00:00+00:00"), removal(9)],
        day="2025/07/25",
        run="later",
    )
    write_run(data, [regional(f"berita-{n}") for n in range(34)], spider="rmol_regional", run="r")
    assert run(capsys, "build", "--data-dir", data)[0] == 0
    page_path = tmp_path / "report.html"
    assert run(capsys, "report", "--data-dir", data, "-o", page_path)[0] == 0
    with duckdb.connect(str(data / "rmol.duckdb"), read_only=True) as con:
        (total, removed), *_ = con.execute(
            "SELECT count(*), count(removed_at) FROM articles"
        ).fetchall()
        per_source = dict(
            con.execute("SELECT source, count(*) FROM articles GROUP BY 1").fetchall()
        )
    assert (total, removed, per_source) == (1234, 1, {"rmol.id": 1200, "rmollampung.id": 34})

    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            page = browser.new_page()
            page.on(
                "console",
                lambda message: (
                    problems.append(f"console {message.type}: {message.text}")
                    if message.type in ("error", "warning")
                    else None
                ),
            )
            page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            page.on("request", lambda request: requests.append(request.url))
            page.goto(page_path.as_uri(), wait_until="load")
            text = page.inner_text("body")
            kpi = page.inner_text("#kpi-articles")
            kpi_removed = page.inner_text("#kpi-removed")
            cells = {
                source: page.inner_text(f'tr[data-source="{source}"] td.articles')
                for source in per_source
            }
            charts = page.locator("svg.chart").count()
            drawn = page.locator("svg.chart rect").count()
            width = page.evaluate(
                "document.querySelector('svg.chart').getBoundingClientRect().width"
            )
        finally:
            browser.close()

    assert problems == []
    assert requests == [page_path.as_uri()]
    assert kpi == number(total) == "1,234"
    assert kpi_removed == "1"
    assert cells == {source: number(n) for source, n in per_source.items()}
    assert charts == 3  # per day, coverage, edits and removals (no run report: no layers)
    assert drawn > 20
    assert width > 300
    assert "Articles per day of publication, per source" in text
    assert "no run report was loaded" in text
    assert "1 new revisions of articles already in the dataset, and 1 removals" in text
