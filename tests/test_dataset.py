"""``python -m rmolcrawler.dataset``: build, export, stats and report on small synthetic trees.

Each test writes run files as the crawler lays them out (``<data>/<spider>/YYYY/MM/DD/*.jsonl``)
and runs the command in process.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from rmolcrawler.dataset import build as build_module
from rmolcrawler.dataset.__main__ import main
from rmolcrawler.dataset.build import discover
from rmolcrawler.dataset.card import MARKER
from rmolcrawler.dataset.records import BadRecord, parse_line
from rmolcrawler.revisions import content_hash

BODY = "Paragraf pertama.\n\nParagraf kedua."
EDITED = "Paragraf pertama, diperbarui: korban menjadi 12 orang.\n\nParagraf kedua."


# ---- synthetic outputs -------------------------------------------------------------------
def article(
    n: int,
    *,
    revision: int = 1,
    body: str = BODY,
    crawled_at: str = "2025-07-24T03:00:00+00:00",
    published_at: str | None = "2025-07-24T09:38:00+07:00",
    section: str | None = "politik",
    **fields: Any,
) -> dict[str, Any]:
    """An article record of schema 3.0 for ``rmol.id/{n}``."""
    title = f"Judul berita {n}"
    record = {
        "key": f"rmol.id/{n}",
        "id": n,
        "url": f"https://rmol.id/{section or 'read'}/read/2025/07/24/{n}/judul-{n}",
        "section": section,
        "title": title,
        "reporter": "RENI ERINA",
        "reporter_url": "https://rmol.id/about/reni-erina-1",
        "published_at": published_at,
        "published_at_raw": "Kamis, 24 Juli 2025, 09:38 WIB",
        "image_url": None,
        "image_caption": None,
        "body": body,
        "tags": ["KPU", "Pemilu"],
        "related": [{"id": 1, "url": "https://rmol.id/read/2025/07/23/1/x", "title": "X"}],
        "editor": "dzk",
        "source": "rmol.id",
        "language": "id",
        "crawled_at": crawled_at,
        "archive": None,
        "record": "article",
        "revision": revision,
        "modified_at": None,
        "content_hash": "sha256:" + hashlib.sha256(f"{title}\n{body}".encode()).hexdigest(),
    }
    return record | fields


def regional(slug: str, **fields: Any) -> dict[str, Any]:
    return article(0, id=None, **fields) | {
        "key": f"rmollampung.id/{slug}",
        "id": None,
        "url": f"https://www.rmollampung.id/{slug}",
        "source": "rmollampung.id",
        "section": "daerah",
        "published_at": "2025-07-25T10:15:00+07:00",
        **fields,
    }


def removal(n: int, *, revision: int = 1, at: str = "2025-07-25T03:00:00+00:00") -> dict[str, Any]:
    return {
        "record": "removal",
        "key": f"rmol.id/{n}",
        "id": n,
        "url": f"https://rmol.id/politik/read/2025/07/24/{n}/judul-{n}",
        "source": "rmol.id",
        "revision": revision,
        "removed_at": at,
        "status": 404,
        "reason": "http_404",
        "crawled_at": at,
    }


def legacy(n: int, schema: str) -> dict[str, Any]:
    """An article as schema 1.x (no key) or 2.0 (key, no archive) or 2.1 wrote it."""
    record = article(n)
    for name in ("record", "revision", "modified_at", "content_hash"):
        del record[name]
    if schema in ("1.x", "2.0"):
        del record["archive"]
    if schema == "1.x":
        del record["key"]
    return record


def write_run(
    data: Path,
    records: list[dict[str, Any]],
    *,
    spider: str = "rmol",
    day: str = "2025/07/24",
    run: str = "20250724T030000Z-aaaa",
    suffix: str = ".jsonl",
) -> Path:
    path = data / spider / day / f"{spider}-{run}{suffix}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def rows(db: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        con.execute("SET TimeZone = 'UTC'")
        return con.execute(sql, params or []).fetchall()


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted: equal snapshots mean an unchanged database."""
    return {
        table: sorted(rows(db, f"SELECT * FROM {table}"), key=repr)
        for table in ("revisions", "files", "runs", "run_layers", "meta")
    }


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    """Issue 14's scenario: run 1 emits three articles; a later run emits one new revision
    (article 2's body edited) and one removal (article 3). Returns the data folder."""
    data = tmp_path / "data"
    write_run(data, [article(1), article(2), article(3)])
    write_run(
        data,
        [
            article(2, revision=2, body=EDITED, crawled_at="2025-07-25T03:00:00+00:00"),
            removal(3),
        ],
        day="2025/07/25",
        run="20250725T030000Z-bbbb",
    )
    return data


# ---- build --------------------------------------------------------------------------------
def test_build_gives_one_current_row_per_key_with_edits_and_removals(
    scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "build", "--data-dir", scenario)
    assert (code, err) == (0, "")
    assert "3 articles (1 removed), 4 article revisions" in out
    db = scenario / "rmol.duckdb"
    current = rows(
        db,
        "SELECT key, revision, revisions, body, removed_at, removal_status, removal_reason"
        " FROM articles ORDER BY key",
    )
    removed_at = dt.datetime(2025, 7, 25, 3, tzinfo=dt.UTC)
    assert current == [
        ("rmol.id/1", 1, 1, BODY, None, None, None),
        ("rmol.id/2", 2, 2, EDITED, None, None, None),
        ("rmol.id/3", 1, 1, BODY, removed_at, 404, "http_404"),
    ]
    assert rows(db, "SELECT record, count(*) FROM revisions GROUP BY 1 ORDER BY 1") == [
        ("article", 4),
        ("removal", 1),
    ]


def test_a_second_build_changes_nothing(scenario: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "build", "--data-dir", scenario)[0] == 0
    db = scenario / "rmol.duckdb"
    before = snapshot(db)
    code, out, err = run(capsys, "build", "--data-dir", scenario)
    assert (code, err) == (0, "")
    assert "nothing new to load" in out
    assert snapshot(db) == before
    assert len(before["revisions"]) == 5
    assert len(before["files"]) == 2


def test_build_reads_only_new_files(
    scenario: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "build", "--data-dir", scenario)[0] == 0
    later = write_run(scenario, [article(4)], day="2025/07/26", run="20250726T030000Z-cccc")
    opened: list[str] = []
    real_open = Path.open

    def spy(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.suffix == ".jsonl" and "rmol-" in self.name:
            opened.append(self.name)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spy)
    code, out, _ = run(capsys, "build", "--data-dir", scenario)
    assert code == 0
    assert opened == [later.name]
    assert "loaded 1 new output files" in out
    assert rows(scenario / "rmol.duckdb", "SELECT count(*) FROM articles") == [(4,)]


def test_partial_files_are_never_read_and_load_once_finished(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    write_run(data, [article(1)])
    partial = write_run(data, [article(2)], run="20250724T060000Z-dddd", suffix=".jsonl.partial")
    assert run(capsys, "build", "--data-dir", data)[0] == 0
    db = data / "rmol.duckdb"
    assert rows(db, "SELECT key FROM articles") == [("rmol.id/1",)]
    partial.rename(partial.with_name(partial.name.removesuffix(".partial")))
    assert run(capsys, "build", "--data-dir", data)[0] == 0
    assert rows(db, "SELECT key FROM articles ORDER BY key") == [("rmol.id/1",), ("rmol.id/2",)]


def test_discovery_takes_any_spider_folder_and_leaves_state_and_warc(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for spider in ("rmol", "rmol_regional", "rmol_archive", "rmol_future"):
        write_run(data, [article(1)], spider=spider)
    write_run(data, [article(1)], spider="rmol", suffix=".jl", run="x")
    (data / "rmol" / "2025" / "07" / "24" / "rmol-y.report.json").write_text("{}")
    (data / "state" / "2025" / "07" / "24").mkdir(parents=True)  # a folder, no outputs
    (data / "warc").mkdir()
    (data / "warc" / "rmol-1-00000.warc.gz").write_bytes(b"")
    (data / "rmol" / "notes.jsonl").write_text("{}")  # not in a YYYY/MM/DD folder
    (data / "state" / "state.sqlite").write_bytes(b"")
    found = [(f.kind, f.path) for f in discover(data)]
    assert found == [
        ("output", "rmol/2025/07/24/rmol-20250724T030000Z-aaaa.jsonl"),
        ("output", "rmol/2025/07/24/rmol-x.jl"),
        ("report", "rmol/2025/07/24/rmol-y.report.json"),
        ("output", "rmol_archive/2025/07/24/rmol_archive-20250724T030000Z-aaaa.jsonl"),
        ("output", "rmol_future/2025/07/24/rmol_future-20250724T030000Z-aaaa.jsonl"),
        ("output", "rmol_regional/2025/07/24/rmol_regional-20250724T030000Z-aaaa.jsonl"),
    ]


def test_a_line_emitted_twice_is_one_revision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A crawl that emitted again after a crash: same key, revision and content hash."""
    data = tmp_path / "data"
    write_run(data, [article(1), article(2)])
    write_run(
        data,
        [article(2, crawled_at="2025-07-24T05:00:00+00:00"), article(3)],
        run="20250724T050000Z-eeee",
    )
    code, out, _ = run(capsys, "build", "--data-dir", data)
    assert code == 0
    assert "4 records, 3 added, 1 duplicates left out" in out
    db = data / "rmol.duckdb"
    assert rows(db, "SELECT key, count(*) FROM revisions GROUP BY 1 ORDER BY 1") == [
        ("rmol.id/1", 1),
        ("rmol.id/2", 1),
        ("rmol.id/3", 1),
    ]
    # The first loaded is kept; the next build does not bring the duplicate back either.
    assert rows(db, "SELECT crawled_at FROM revisions WHERE key = 'rmol.id/2'") == [
        (dt.datetime(2025, 7, 24, 3, tzinfo=dt.UTC),)
    ]
    assert rows(db, "SELECT path, records, added FROM files ORDER BY path") == [
        ("rmol/2025/07/24/rmol-20250724T030000Z-aaaa.jsonl", 2, 2),
        ("rmol/2025/07/24/rmol-20250724T050000Z-eeee.jsonl", 2, 1),
    ]
    write_run(data, [article(2, crawled_at="2025-07-26T05:00:00+00:00")], run="later")
    run(capsys, "build", "--data-dir", data)
    assert rows(db, "SELECT count(*) FROM revisions WHERE key = 'rmol.id/2'") == [(1,)]
    assert rows(db, "SELECT revisions FROM articles WHERE key = 'rmol.id/2'") == [(1,)]


def test_a_bad_file_is_reported_by_name_and_line_and_the_rest_is_loaded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    good = write_run(data, [article(1)])
    bad = write_run(data, [article(2), article(3)], run="20250724T040000Z-ffff")
    wrong_type = json.dumps(article(4, tags="KPU"))
    cut = json.dumps(article(5))[:70]
    with bad.open("a", encoding="utf-8") as f:
        f.write("{not json\n" + wrong_type + "\n" + "[1, 2]\n" + cut)
    code, _, err = run(capsys, "build", "--data-dir", data)
    assert code == 1
    assert f"{bad}:3: skipped: not valid JSON" in err
    assert f"{bad}:4: skipped: tags is not a list of strings" in err
    assert f"{bad}:5: skipped: not a JSON object but list" in err
    assert f"{bad}:6: skipped: not valid JSON" in err
    assert "(the file ends inside this line)" in err
    assert str(good) not in err
    db = data / "rmol.duckdb"
    assert rows(db, "SELECT key FROM articles ORDER BY key") == [
        ("rmol.id/1",),
        ("rmol.id/2",),
        ("rmol.id/3",),
    ]
    assert rows(db, "SELECT bad_lines, lines, records FROM files WHERE path LIKE '%ffff%'") == [
        (4, 6, 2)
    ]
    # Recorded with its bad lines: the next build neither reads nor reports it again.
    code, _, err = run(capsys, "build", "--data-dir", data)
    assert (code, err) == (0, "")


def test_a_file_that_changed_after_loading_is_reported_and_rebuild_reads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    path = write_run(data, [article(1)])
    run(capsys, "build", "--data-dir", data)
    write_run(data, [article(1), article(2)])
    code, _, err = run(capsys, "build", "--data-dir", data)
    assert code == 1
    assert f"{path}: its size changed since it was loaded" in err
    db = data / "rmol.duckdb"
    assert rows(db, "SELECT count(*) FROM articles") == [(1,)]
    code, _, err = run(capsys, "build", "--data-dir", data, "--rebuild")
    assert (code, err) == (0, "")
    assert rows(db, "SELECT count(*) FROM articles") == [(2,)]


@pytest.mark.parametrize("schema", ["1.x", "2.0", "2.1"])
def test_older_records_are_revision_one_articles(
    schema: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    write_run(data, [legacy(7, schema)])
    assert run(capsys, "build", "--data-dir", data)[0] == 0
    line = legacy(7, schema)
    assert rows(
        data / "rmol.duckdb",
        "SELECT key, record, revision, content_hash, modified_at, archive, schema FROM revisions",
    ) == [("rmol.id/7", "article", 1, content_hash(line), None, None, schema)]


def test_an_older_record_and_the_same_article_of_schema_3_are_one_revision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its hash is filled at load with the crawler's definition, so the two merge."""
    data = tmp_path / "data"
    old = legacy(7, "2.0")
    write_run(data, [old], run="20261101T000000Z-0001")
    new = old | {"record": "article", "revision": 1, "content_hash": content_hash(old)}
    write_run(
        data, [new | {"crawled_at": "2026-12-01T00:00:00+00:00"}], run="20261201T000000Z-0002"
    )
    assert run(capsys, "build", "--data-dir", data)[0] == 0
    assert rows(data / "rmol.duckdb", "SELECT count(*) FROM revisions") == [(1,)]


def test_nested_fields_are_typed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    archive = {
        "source": "cc",
        "captured_at": "2024-01-02T03:04:05+00:00",
        "url": "https://rmol.id/read/2024/01/01/9/x",
        "replay_url": None,
        "warc": {"filename": "crawl-data/x.warc.gz", "offset": 1234, "length": 567},
        "digest": "ABC",
    }
    write_run(data, [article(9, archive=archive)], spider="rmol_archive")
    assert run(capsys, "build", "--data-dir", data)[0] == 0
    db = data / "rmol.duckdb"
    assert rows(
        db,
        "SELECT tags[2], related[1].id, archive.source, archive.warc.offset FROM articles",
    ) == [("Pemilu", 1, "cc", 1234)]


def test_published_at_keeps_its_offset_beside_utc(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    write_run(
        data,
        [
            article(1, published_at="2025-07-24T06:30:00+07:00"),  # WIB
            article(2, published_at="2025-07-24T06:30:00+09:00"),  # WIT: the day before in UTC
            article(3, published_at="2025-07-24T06:30:00"),  # no offset: no instant
            article(4, published_at=None),
        ],
    )
    assert run(capsys, "build", "--data-dir", data)[0] == 0
    assert rows(
        data / "rmol.duckdb",
        "SELECT published_at, published_at_utc, published_date FROM articles ORDER BY key",
    ) == [
        ("2025-07-24T06:30:00+07:00", dt.datetime(2025, 7, 23, 23, 30, tzinfo=dt.UTC),
         dt.date(2025, 7, 24)),
        ("2025-07-24T06:30:00+09:00", dt.datetime(2025, 7, 23, 21, 30, tzinfo=dt.UTC),
         dt.date(2025, 7, 24)),
        ("2025-07-24T06:30:00", None, None),
        (None, None, None),
    ]  # fmt: skip


def test_a_revision_after_a_removal_brings_the_article_back(
    scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_run(
        scenario,
        [article(3, revision=2, body=EDITED, crawled_at="2025-07-26T03:00:00+00:00")],
        day="2025/07/26",
        run="20250726T030000Z-gggg",
    )
    assert run(capsys, "build", "--data-dir", scenario)[0] == 0
    assert rows(
        scenario / "rmol.duckdb",
        "SELECT revision, revisions, removed_at FROM articles WHERE key = 'rmol.id/3'",
    ) == [(2, 2, None)]


def test_a_removal_without_its_article_makes_no_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    write_run(data, [article(1), removal(8)])
    code, out, _ = run(capsys, "build", "--data-dir", data)
    assert code == 0
    assert "1 articles (0 removed)" in out
    code, out, _ = run(capsys, "stats", "--data-dir", data)
    assert "removal records: 1 (1 for articles not in the dataset)" in out


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'{"id": "7", "crawled_at": "2025-07-24T03:00:00+00:00"}', "id is str, not an integer"),
        (b'{"id": true, "crawled_at": "2025-07-24T03:00:00+00:00"}', "id is bool"),
        (b'{"key": "Rmol.id 7", "crawled_at": "x"}', "key 'Rmol.id 7' is not a key"),
        (b'{"id": 7, "crawled_at": "2025-07-24T03:00:00"}', "crawled_at"),
        (b'{"id": 7, "revision": 0, "crawled_at": "2025-07-24T03:00:00+00:00"}', "revision is 0"),
        (b'{"record": "removal", "key": "rmol.id/7", "removed_at": "2025-07-24T03:00:00+00:00"}',
         "a removal without its revision"),
        (b'{"record": "tombstone", "id": 7}', "unknown record 'tombstone'"),
        (b'{"id": 7, "related": [{"id": 1}], "crawled_at": "2025-07-24T03:00:00+00:00"}',
         "an entry of related"),
        (b'{"id": 7, "archive": {"warc": {"offset": "1"}}, "crawled_at": "2025-07-24T03:00:00+00:00"}',
         "offset is str"),
        (b'{"id": 7, "title": "\xff"}', "not UTF-8 (invalid start byte at byte 21)"),
        (b"\xff\xfe{\x00}\x00", "not UTF-8"),
    ],
)  # fmt: skip
def test_lines_that_break_the_contract_say_why(line: bytes, reason: str) -> None:
    with pytest.raises(BadRecord, match=re.escape(reason)):
        parse_line(line, "rmol/2025/07/24/x.jsonl", 1)


def test_unknown_fields_are_ignored_and_source_follows_the_key() -> None:
    row = parse_line(
        b'{"key": "rmollampung.id/x", "crawled_at": "2025-07-24T03:00:00+00:00", "new": 1}',
        "f",
        3,
    )
    assert (row["source"], row["record"], row["revision"], row["line"]) == (
        "rmollampung.id",
        "article",
        1,
        3,
    )


def test_run_reports_give_the_extraction_layers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    output = write_run(data, [article(1)])
    report = {
        "run_id": "20250724T030000Z-aaaa",
        "spider": "rmol",
        "started_at": "2025-07-24T03:00:00+00:00",
        "finished_at": "2025-07-24T03:10:00+00:00",
        "finish_reason": "finished",
        "items": 1,
        "extraction": {"layers": {"title": {"site": 9, "structured": 1}, "editor": {}}},
        "health": {"healthy": True},
    }
    output.with_name(output.stem + ".report.json").write_text(json.dumps(report))
    code, out, _ = run(capsys, "build", "--data-dir", data)
    assert code == 0
    assert "1 new output files and 1 run reports" in out
    db = data / "rmol.duckdb"
    assert rows(db, "SELECT run_id, spider, items, healthy FROM runs") == [
        ("20250724T030000Z-aaaa", "rmol", 1, True)
    ]
    assert rows(db, "SELECT field, layer, pages FROM run_layers ORDER BY layer") == [
        ("title", "site", 9),
        ("title", "structured", 1),
    ]
    code, out, _ = run(capsys, "stats", "--data-dir", data)
    assert re.search(r"title\s+90\.0%\s+10\.0%", out)


def test_commands_without_a_database_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "stats", "--data-dir", tmp_path)
    assert code == 2
    assert "no dataset at" in err
    assert "build` first" in err
    code, _, err = run(capsys, "build", "--data-dir", tmp_path / "missing")
    assert code == 2
    assert "does not exist" in err


def test_the_data_dir_defaults_to_the_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "elsewhere"
    write_run(data, [article(1)])
    monkeypatch.setenv("SCRAPY_SETTINGS_MODULE", "rmolcrawler.settings")
    monkeypatch.setattr("rmolcrawler.settings.RMOL_DATA_DIR", str(data))
    assert run(capsys, "build")[0] == 0
    assert (data / "rmol.duckdb").is_file()


# ---- export -------------------------------------------------------------------------------
@pytest.fixture
def built(scenario: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    write_run(
        scenario,
        [
            regional("pemprov-gelar-rapat"),
            article(5, section="hukum", published_at="2025-07-20T08:00:00+08:00"),
        ],
        spider="rmol_regional",
        day="2025/07/25",
    )
    assert run(capsys, "build", "--data-dir", scenario)[0] == 0
    return scenario


def export(capsys: pytest.CaptureFixture[str], data: Path, out: Path, *args: str) -> str:
    code, stdout, err = run(capsys, "export", "--data-dir", data, "-o", out, *args)
    assert (code, err) == (0, "")
    return stdout


def test_parquet_opens_with_duckdb_and_pyarrow_with_the_right_rows_and_types(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "export" / "rmol.parquet"
    said = export(capsys, built, out, "--format", "parquet")
    assert "wrote 4 rows" in said  # five articles, one removed
    table = pq.read_table(out)
    assert table.num_rows == 4
    schema = table.schema
    assert schema.field("published_at").type == pa.string()
    assert schema.field("published_at_utc").type == pa.timestamp("us", tz="UTC")
    assert schema.field("published_date").type == pa.date32()
    assert schema.field("crawled_at").type == pa.timestamp("us", tz="UTC")
    assert schema.field("tags").type == pa.list_(pa.string())
    assert schema.field("related").type == pa.list_(
        pa.struct([("id", pa.int64()), ("url", pa.string()), ("title", pa.string())])
    )
    assert pa.types.is_struct(schema.field("archive").type)
    assert schema.field("revision").type == pa.int32()
    assert schema.field("revisions").type == pa.int64()
    assert "removed_at" in schema.names
    assert "file" not in schema.names
    by_key = {r["key"]: r for r in table.to_pylist()}
    assert set(by_key) == {
        "rmol.id/1",
        "rmol.id/2",
        "rmol.id/5",
        "rmollampung.id/pemprov-gelar-rapat",
    }
    assert by_key["rmol.id/2"]["body"] == EDITED
    assert by_key["rmol.id/5"]["published_at"] == "2025-07-20T08:00:00+08:00"
    assert by_key["rmol.id/5"]["published_at_utc"] == dt.datetime(2025, 7, 20, 0, tzinfo=dt.UTC)
    with duckdb.connect() as con:
        assert con.execute("SELECT count(*) FROM read_parquet(?)", [str(out)]).fetchall() == [(4,)]
        described = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(out)])
        types = {name: kind for name, kind, *_ in described.fetchall()}
    assert types["published_at_utc"] == "TIMESTAMP WITH TIME ZONE"
    assert types["tags"] == "VARCHAR[]"


def test_export_filters(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def keys(*args: str) -> list[str]:
        out = tmp_path / "filtered" / "x.parquet"
        export(capsys, built, out, "--format", "parquet", *args)
        return sorted(pq.read_table(out).column("key").to_pylist())

    everything = ["rmol.id/1", "rmol.id/2", "rmol.id/5", "rmollampung.id/pemprov-gelar-rapat"]
    assert keys() == everything
    assert keys("--include-removed") == sorted([*everything, "rmol.id/3"])
    assert keys("--since", "2025-07-24") == [k for k in everything if k != "rmol.id/5"]
    assert keys("--until", "2025-07-24") == ["rmol.id/1", "rmol.id/2", "rmol.id/5"]
    assert keys("--since", "2025-07-25", "--until", "2025-07-25") == [everything[3]]
    assert keys("--source", "rmollampung.id") == [everything[3]]
    assert keys("--source", "rmol.id", "--section", "hukum") == ["rmol.id/5"]
    assert keys("--section", "politik", "--section", "daerah") == [
        "rmol.id/1",
        "rmol.id/2",
        everything[3],
    ]


def test_export_of_revisions(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "rev" / "revisions.parquet"
    export(capsys, built, out, "--format", "parquet", "--revisions", "--source", "rmol.id")
    got = [(r["key"], r["record"], r["revision"]) for r in pq.read_table(out).to_pylist()]
    assert got == [("rmol.id/1", "article", 1), ("rmol.id/2", "article", 1),
                   ("rmol.id/2", "article", 2), ("rmol.id/5", "article", 1)]  # fmt: skip
    export(
        capsys, built, out, "--format", "parquet", "--revisions", "--include-removed",
        "--source", "rmol.id", "--since", "2025-07-24",
    )  # fmt: skip
    got = [(r["key"], r["record"], r["revision"]) for r in pq.read_table(out).to_pylist()]
    assert got == [("rmol.id/1", "article", 1), ("rmol.id/2", "article", 1),
                   ("rmol.id/2", "article", 2), ("rmol.id/3", "article", 1),
                   ("rmol.id/3", "removal", 1)]  # fmt: skip


def test_jsonl_and_csv_exports(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jsonl = tmp_path / "j" / "rmol.jsonl"
    export(capsys, built, jsonl, "--format", "jsonl", "--include-removed")
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5
    third = next(r for r in records if r["key"] == "rmol.id/3")
    assert third["removed_at"] == "2025-07-25T03:00:00+00:00"
    assert third["published_at"] == "2025-07-24T09:38:00+07:00"
    assert third["published_at_utc"] == "2025-07-24T02:38:00+00:00"
    assert third["tags"] == ["KPU", "Pemilu"]
    assert third["related"][0]["id"] == 1

    table = tmp_path / "c" / "rmol.csv"
    export(capsys, built, table, "--format", "csv")
    with table.open(encoding="utf-8", newline="") as f:
        lines = list(csv.DictReader(f))
    assert len(lines) == 4
    second = next(r for r in lines if r["key"] == "rmol.id/2")
    assert second["body"] == EDITED
    assert json.loads(second["tags"]) == ["KPU", "Pemilu"]
    assert second["crawled_at"] == "2025-07-25T03:00:00+00:00"


def test_the_dataset_card_describes_the_export(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "card" / "rmol.parquet"
    said = export(capsys, built, out, "--format", "parquet", "--since", "2025-07-24")
    card = out.parent / "README.md"
    assert f"dataset card: {card}" in said
    text = card.read_text(encoding="utf-8")
    assert text.startswith("---\n" + MARKER + "\n")
    assert "  data_files: rmol.parquet" in text
    assert "| rows | 3, one per article |" in text
    assert "| published | 2025-07-24 to 2025-07-25" in text
    assert "| rmol.id | 2 | 2 |" in text
    assert "| rmollampung.id | 1 | 1 |" in text
    assert "published on or after 2025-07-24; removed articles left out" in text
    assert "| `published_at_utc` | `TIMESTAMP WITH TIME ZONE` |" in text
    assert "| `tags` | `VARCHAR[]` | Tags/keywords as printed" in text
    assert "--since 2025-07-24" in text
    # A README.md this command did not write stays; the card goes beside the file instead.
    other = tmp_path / "mine"
    other.mkdir()
    (other / "README.md").write_text("# my notes\n")
    said = export(capsys, built, other / "rmol.jsonl", "--format", "jsonl")
    assert (other / "README.md").read_text() == "# my notes\n"
    assert "| rows | 4, one per article |" in (other / "rmol.jsonl.README.md").read_text()


def test_exports_load_with_pandas_polars_and_datasets(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    datasets = pytest.importorskip("datasets")
    paths = {fmt: tmp_path / fmt / f"rmol.{fmt}" for fmt in ("parquet", "jsonl", "csv")}
    for fmt, path in paths.items():
        export(capsys, built, path, "--format", fmt)

    frame = pd.read_parquet(paths["parquet"])
    assert len(frame) == 4
    assert str(frame["published_at_utc"].dtype) == "datetime64[us, UTC]"
    assert len(pd.read_json(paths["jsonl"], lines=True)) == 4
    assert len(pd.read_csv(paths["csv"])) == 4

    polars_frame = pl.read_parquet(paths["parquet"])
    assert polars_frame.height == 4
    assert polars_frame.schema["tags"] == pl.List(pl.String)
    assert pl.read_ndjson(paths["jsonl"]).height == 4
    assert pl.read_csv(paths["csv"]).height == 4

    cache = str(tmp_path / "hf-cache")
    loaded = datasets.load_dataset(
        "parquet", data_files=str(paths["parquet"]), split="train", cache_dir=cache
    )
    assert loaded.num_rows == 4
    assert loaded.features["published_at_utc"].dtype == "timestamp[us, tz=UTC]"
    assert loaded.features["published_at"].dtype == "string"
    jsonl = datasets.load_dataset(
        "json", data_files=str(paths["jsonl"]), split="train", cache_dir=cache
    )
    assert jsonl.num_rows == 4


# ---- stats and report ---------------------------------------------------------------------
def test_stats_prints_counts_per_source_section_and_day(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "stats", "--data-dir", built)
    assert code == 0
    assert "articles: 5 (1 removed, 1 edited); article revisions: 6; removal records: 1" in out
    assert re.search(r"^rmol\.id\s+4\s+1\s+1\s+5\s+2025-07-20\s+2025-07-24$", out, re.M)
    assert re.search(r"^rmollampung\.id\s+1\s+0\s+0\s+1\s+2025-07-25\s+2025-07-25$", out, re.M)
    assert re.search(r"^politik\s+3\s+1$", out, re.M)
    assert re.search(r"^2025-07-24\s+3\s+3\s+0$", out, re.M)
    assert re.search(r"^body\s+5\s+100\.0%$", out, re.M)
    assert re.search(r"^modified_at\s+0\s+0\.0%$", out, re.M)
    assert re.search(r"^2025-07-24\s+5\s+0\s+0$", out, re.M)
    assert re.search(r"^\s*2\s+1$", out, re.M)  # one article with two revisions
    assert re.search(r"^2025-07-25\s+0\s+1\s+1$", out, re.M)  # crawl day: new, edit, removal
    assert "No run report with extraction layers was loaded" in out


def test_report_is_one_self_contained_page_with_the_numbers(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "out" / "report.html"
    code, _, err = run(capsys, "report", "--data-dir", built, "-o", page)
    assert (code, err) == (0, "")
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"<script|<link|<img|<iframe|@import|url\(|src=", html, re.I)
    assert not re.search(r"""(?:href|xlink:href)\s*=\s*["']?(?!#)""", html, re.I)
    assert html.count("<svg") >= 3
    assert '<div class="v" id="kpi-articles">5</div>' in html
    assert '<div class="v" id="kpi-removed">1</div>' in html
    assert re.search(r'data-source="rmol.id"><td>rmol.id</td><td class="n articles">4<', html)
    assert 'id="no-layers"' in html


def test_report_days_become_weeks_and_months_on_long_spans() -> None:
    from rmolcrawler.dataset.report import axis, bucketing

    unit, bucket = bucketing(dt.date(2025, 1, 1), dt.date(2025, 2, 1))
    assert unit == "day"
    unit, bucket = bucketing(dt.date(2024, 1, 1), dt.date(2025, 2, 1))
    assert (unit, bucket(dt.date(2025, 7, 24))) == ("week", dt.date(2025, 7, 21))
    unit, bucket = bucketing(dt.date(2015, 1, 1), dt.date(2025, 2, 1))
    assert (unit, bucket(dt.date(2025, 7, 24))) == ("month", dt.date(2025, 7, 1))
    assert axis(dt.date(2024, 11, 1), dt.date(2025, 2, 1), "month") == [
        dt.date(2024, 11, 1), dt.date(2024, 12, 1), dt.date(2025, 1, 1), dt.date(2025, 2, 1)
    ]  # fmt: skip


def test_build_is_one_transaction(
    scenario: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that fails half-way leaves the database as it was; the next one loads all."""
    assert run(capsys, "build", "--data-dir", scenario)[0] == 0
    db = scenario / "rmol.duckdb"
    before = snapshot(db)
    write_run(scenario, [article(6)], day="2025/07/27", run="a")
    write_run(scenario, [article(7)], day="2025/07/27", run="b")
    monkeypatch.setattr(build_module, "CHUNK_BYTES", 1)  # insert after each file
    real = build_module._Loader._output

    def fail_on_second(self: Any, found: Any) -> Any:
        if found.path.endswith("rmol-b.jsonl"):
            raise KeyboardInterrupt
        return real(self, found)

    monkeypatch.setattr(build_module._Loader, "_output", fail_on_second)
    with pytest.raises(KeyboardInterrupt):
        run(capsys, "build", "--data-dir", scenario)
    assert snapshot(db) == before
    monkeypatch.setattr(build_module._Loader, "_output", real)
    assert run(capsys, "build", "--data-dir", scenario)[0] == 0
    assert rows(db, "SELECT count(*) FROM articles") == [(5,)]
    assert not [p for p in os.listdir(scenario) if p.startswith(".rmol-dataset-")]
