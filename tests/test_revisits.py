"""Revisits against the mirrors: edits become revisions, removals become removal records.

Each test crawls a mirror, changes it as a real site changes (a corrected body, a new related
box and ads, an article taken down), and crawls again on the same data directory, as cron
would. What the user expects: exactly the changed article again, as its next revision, and one
removal record per article taken down; nothing for what did not change; nothing lost when the
site is down during a revisit run.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from jsonschema import Draft202012Validator

from rmolcrawler.dataset.__main__ import main as dataset_main
from tests.crawl import CrawlResult, run_crawl
from tests.site.expected import (
    expected_amp_item,
    expected_item,
    expected_items,
    expected_removal,
)
from tests.site.regional.expected import expected_regional_item, expected_regional_items
from tests.site.regional.server import RegionalMirrorServer
from tests.site.server import MirrorServer

pytestmark = pytest.mark.crawl


def _crawl(mirror: Any, tmp: Path, run: str, *args: str, **settings: str) -> CrawlResult:
    """A scheduled run writing its default outputs and state under ``tmp/data``."""
    return run_crawl(
        mirror.base_url,
        tmp / run,
        "-a",
        "max_pages=10",
        "-a",
        "related_depth=2",
        *args,
        settings={"RMOL_DATA_DIR": str(tmp / "data")} | settings,
        output=False,
    )


def _desktop_only(site: Any) -> list[int]:
    """Ordinary articles no page links by their AMP URL: each is emitted from its desktop
    page whatever the crawl order, so its expected item is :func:`expected_item`."""
    amp = {*site.listing_amp_ids, *site.home_amp_ids, *site.all_forms_ids}
    return [i for i in site.variant_ids["standard"] if i not in amp]


def _without_run_fields(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in ("crawled_at", "removed_at")}


def _check_records(
    result: CrawlResult, articles: Draft202012Validator, removals: Draft202012Validator
) -> None:
    for record in result.items:
        (removals if record["record"] == "removal" else articles).validate(record)


def _check_dataset(data: Path, emitted: set[int], edited: int, removed: int, new_body: str) -> None:
    """``dataset build`` over both runs' outputs: one current row per key, the edit with its
    new body and two revisions, the removal marked; a second build changes nothing; the
    Parquet export opens with DuckDB and pyarrow with the right rows and types."""
    assert dataset_main(["build", "--data-dir", str(data)]) == 0
    db = data / "rmol.duckdb"

    def snapshot() -> list[Any]:
        with duckdb.connect(str(db), read_only=True) as con:
            return [
                con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
                for table in ("revisions", "articles", "files")
            ]

    with duckdb.connect(str(db), read_only=True) as con:
        current = con.execute(
            "SELECT id, revisions, body, removed_at IS NOT NULL, removal_status FROM articles"
        ).fetchall()
    assert sorted(row[0] for row in current) == sorted(emitted)  # one row per key
    by_id = {row[0]: row[1:] for row in current}
    assert by_id[edited] == (2, new_body, False, None)
    assert by_id[removed][0] == 1
    assert by_id[removed][2:] == (True, 404)
    assert [i for i, row in by_id.items() if row[2]] == [removed]
    assert {row[0] for i, row in by_id.items() if i != edited} == {1}

    before = snapshot()
    assert dataset_main(["build", "--data-dir", str(data)]) == 0
    assert snapshot() == before

    out = data.parent / "export" / "rmol.parquet"
    assert (
        dataset_main(["export", "--data-dir", str(data), "--format", "parquet", "-o", str(out)])
        == 0
    )
    table = pq.read_table(out)
    assert table.num_rows == len(emitted) - 1  # the removed one is left out by default
    assert table.schema.field("published_at_utc").type == pa.timestamp("us", tz="UTC")
    assert table.schema.field("published_at").type == pa.string()
    assert table.schema.field("tags").type == pa.list_(pa.string())
    with duckdb.connect() as con:
        [(rows, zoned)] = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE published_at LIKE '%+07:00'"
            " OR published_at LIKE '%+08:00' OR published_at LIKE '%+09:00') FROM read_parquet(?)",
            [str(out)],
        ).fetchall()
    assert rows == zoned == len(emitted) - 1


def test_an_edit_is_one_new_revision_and_a_removal_one_record(
    tmp_path: Path,
    schema_validator: Draft202012Validator,
    removal_validator: Draft202012Validator,
) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        site = mirror.site
        first = _crawl(mirror, tmp_path, "run1")
        assert first.returncode == 0, first.log[-3000:]
        emitted = {i["id"] for i in first.items}
        assert emitted >= set(expected_items(site, mirror.base_url))
        assert {i["revision"] for i in first.items} == {1}
        edited, boxed, removed = _desktop_only(site)[:3]
        assert {edited, boxed, removed} <= emitted

        site.edit_content(edited)
        site.edit_noncontent(boxed)
        site.remove(removed, "404")
        second = _crawl(mirror, tmp_path, "run2", "-a", "revisit=all")
        assert second.returncode == 0, second.log[-3000:]
        _check_records(second, schema_validator, removal_validator)
        by_kind = {(r["record"], r["id"]): r for r in second.items}
        assert sorted(by_kind) == [("article", edited), ("removal", removed)]

        revision = by_kind[("article", edited)]
        want = expected_item(site, mirror.base_url, edited)
        assert want["modified_at"] is not None
        assert _without_run_fields(revision) == want | {
            "revision": 2,
            "content_hash": revision["content_hash"],
        }
        before = next(i for i in first.items if i["id"] == edited)
        assert revision["content_hash"] != before["content_hash"]
        assert revision["body"] != before["body"]

        removal = by_kind[("removal", removed)]
        assert _without_run_fields(removal) == expected_removal(site, mirror.base_url, removed) | {
            "revision": 1
        }
        assert removal["removed_at"] == removal["crawled_at"]

        assert second.stat("rmol/revisit/requested") == len(emitted)
        assert second.stat("rmol/revisions/unchanged") == len(emitted) - 2
        assert second.stat("rmol/revisions/changed") == 1
        assert second.stat("rmol/revisions/removed/http_404") == 1
        assert second.stat("rmol/fetch/failed/http_404") == 0  # a removal, not a failure

        _check_dataset(tmp_path / "data", emitted, edited, removed, revision["body"])

        # The removed article is not revisited again; nothing else changed.
        third = _crawl(mirror, tmp_path, "run3", "-a", "revisit=all")
        assert third.returncode == 0, third.log[-3000:]
        assert third.items == []
        assert third.stat("rmol/revisit/requested") == len(emitted) - 1

        # A lost state is rebuilt from the outputs with what revisits need: the same again,
        # but for the articles read from their AMP page: the outputs do not say so, and the
        # desktop page they are now revisited at has more (documented).
        amp_read = {
            i["id"]
            for i in first.items
            if _without_run_fields(i) == expected_amp_item(site, mirror.base_url, i["id"])
        }
        shutil.rmtree(tmp_path / "data" / "state")
        rebuilt = _crawl(mirror, tmp_path, "run4", "-a", "revisit=all")
        assert rebuilt.returncode == 0, rebuilt.log[-3000:]
        assert "rebuilt from" in rebuilt.log
        assert {(i["id"], i["revision"]) for i in rebuilt.items} == {(i, 2) for i in amp_read}
        assert rebuilt.stat("rmol/revisit/requested") == len(emitted) - 1
        assert rebuilt.stat("rmol/revisions/unchanged") == len(emitted) - 1 - len(amp_read)


@pytest.mark.parametrize("how", ["410", "soft"])
def test_every_kind_of_removal_is_recorded_once(
    how: str, tmp_path: Path, removal_validator: Draft202012Validator
) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        first = _crawl(mirror, tmp_path, "run1")
        removed = _desktop_only(mirror.site)[0]
        mirror.site.remove(removed, how)
        second = _crawl(mirror, tmp_path, "run2", "-a", "revisit=all")
        assert second.returncode == 0, second.log[-3000:]
        assert len(first.items) > 10
        [removal] = second.items
        removal_validator.validate(removal)
        assert _without_run_fields(removal) == expected_removal(
            mirror.site, mirror.base_url, removed
        ) | {"revision": 1}


def test_a_site_down_during_revisits_is_no_removal_and_loses_nothing(tmp_path: Path) -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        first = _crawl(mirror, tmp_path, "run1")
        assert first.returncode == 0, first.log[-3000:]
        edited = _desktop_only(mirror.site)[0]
        mirror.site.edit_content(edited)

        mirror.fail_all(503, times=10**9)
        down = _crawl(mirror, tmp_path, "down", "-a", "revisit=all")
        assert down.items == []
        assert down.returncode != 0  # the error share says the site failed
        assert down.stat("rmol/revisit/requested") == len(first.items)

        mirror.heal()
        back = _crawl(mirror, tmp_path, "back", "-a", "revisit=all")
        assert back.returncode == 0, back.log[-3000:]
        assert [(i["id"], i["revision"]) for i in back.items] == [(edited, 2)]


def test_the_schedule_decides_what_is_due(tmp_path: Path) -> None:
    """The default schedule never revisits the mirror's 2025 articles; a schedule that does
    revisits each of them once it is due, and a run with revisit=0 none."""
    with MirrorServer(slow_seconds=0.1) as mirror:
        first = _crawl(mirror, tmp_path, "run1")
        assert first.returncode == 0, first.log[-3000:]
        default = _crawl(mirror, tmp_path, "default")
        assert default.stat("rmol/revisit/requested") == 0

        edited = _desktop_only(mirror.site)[1]
        mirror.site.edit_content(edited)
        every_second = {"RMOL_REVISIT_SCHEDULE": "36500d:1s"}
        # Due one second after the last check: the first run emitted them, the default run
        # did not check them.
        time.sleep(1.1)
        off = _crawl(mirror, tmp_path, "off", "-a", "revisit=0", **every_second)
        assert off.stat("rmol/revisit/requested") == 0
        assert off.items == []
        due = _crawl(mirror, tmp_path, "due", **every_second)
        assert due.returncode == 0, due.log[-3000:]
        assert due.stat("rmol/revisit/requested") == len(first.items)
        assert [(i["id"], i["revision"]) for i in due.items] == [(edited, 2)]
        # Checked just now: not due again within the second.
        again = _crawl(
            mirror, tmp_path, "again", **(every_second | {"RMOL_REVISIT_SCHEDULE": "36500d:1h"})
        )
        assert again.stat("rmol/revisit/requested") == 0


def test_a_malformed_schedule_stops_the_crawl_before_it_starts(tmp_path: Path) -> None:
    with MirrorServer() as mirror:
        result = _crawl(mirror, tmp_path, "run", RMOL_REVISIT_SCHEDULE="3h:15x")
        assert result.returncode == 2
        assert "RMOL_REVISIT_SCHEDULE" in result.log
        assert mirror.request_log == []


def test_regional_revisits(
    tmp_path: Path,
    schema_validator: Draft202012Validator,
    removal_validator: Draft202012Validator,
) -> None:
    with RegionalMirrorServer() as mirror:
        settings = {"RMOL_REGIONAL_BASE_URLS": f'{{"rmollampung": "{mirror.base_url}"}}'}

        def crawl(run: str, *args: str) -> CrawlResult:
            return run_crawl(
                mirror.base_url,
                tmp_path / run,
                "-a",
                "max_pages=10",
                *args,
                settings={"RMOL_DATA_DIR": str(tmp_path / "data")} | settings,
                output=False,
                spider="rmol_regional",
            )

        first = crawl("run1")
        assert first.returncode == 0, first.log[-3000:]
        site = mirror.site
        assert {i["key"] for i in first.items} == set(
            expected_regional_items(site, mirror.base_url)
        )
        ids = [rid for rid in site.ids if site.key(rid) in {i["key"] for i in first.items}]
        edited, boxed, removed = ids[:3]
        site.edit_content(edited)
        site.edit_noncontent(boxed)
        site.remove(removed, "soft")
        second = crawl("run2", "-a", "revisit=all")
        assert second.returncode == 0, second.log[-3000:]
        _check_records(second, schema_validator, removal_validator)
        got = sorted((r["record"], r["key"]) for r in second.items)
        assert got == sorted([("article", site.key(edited)), ("removal", site.key(removed))])
        revision = next(r for r in second.items if r["record"] == "article")
        want = expected_regional_item(site, mirror.base_url, edited)
        assert _without_run_fields(revision) == want | {
            "revision": 2,
            "content_hash": revision["content_hash"],
        }
