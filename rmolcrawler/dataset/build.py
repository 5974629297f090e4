"""``build``: load every finished output file that no earlier build loaded.

Files are found under the data folder as ``<spider>/YYYY/MM/DD/<name>.jsonl`` (or ``.jl``), the
layout of ``RMOL_OUTPUT``, in any spider folder; run reports ``<name>.report.json`` beside them
are loaded too. Everything else (``*.partial``, ``state*/``, ``warc/``) is never read. New files
are read in path order, each line judged by :mod:`rmolcrawler.dataset.records`, and the rows
written to a staging file beside the database that DuckDB then inserts in one statement per
256 MB, leaving out the duplicates. The whole build is one transaction: a build that is
interrupted leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import duckdb

from rmolcrawler.dataset.db import DatasetError, open_database
from rmolcrawler.dataset.records import COLUMNS, BadRecord, parse_line, parse_run_report

OUTPUT = re.compile(r"(?P<spider>[^/.][^/]*)/\d{4}/\d{2}/\d{2}/[^/]+\.(?:jsonl|jl)")
REPORT = re.compile(r"(?P<spider>[^/.][^/]*)/\d{4}/\d{2}/\d{2}/[^/]+\.report\.json")
CHUNK_BYTES = 256 * 1024 * 1024
SHOWN_PER_FILE = 20
"""Bad lines reported one by one per file; the rest are counted in one more line."""
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

FILE_COLUMNS = {
    "path": "VARCHAR",
    "kind": "VARCHAR",
    "spider": "VARCHAR",
    "size": "BIGINT",
    "mtime": "TIMESTAMPTZ",
    "lines": "INTEGER",
    "records": "INTEGER",
    "added": "INTEGER",
    "bad_lines": "INTEGER",
    "loaded_at": "TIMESTAMPTZ",
}
RUN_COLUMNS = {
    "file": "VARCHAR",
    "run_id": "VARCHAR",
    "spider": "VARCHAR",
    "started_at": "TIMESTAMPTZ",
    "finished_at": "TIMESTAMPTZ",
    "finish_reason": "VARCHAR",
    "items": "BIGINT",
    "healthy": "BOOLEAN",
}
LAYER_COLUMNS = {"file": "VARCHAR", "field": "VARCHAR", "layer": "VARCHAR", "pages": "BIGINT"}

# Two lines with the same key, record, revision and content hash are one revision (a crawl
# that emitted again after a crash): the first loaded is kept, a row in the table is never
# replaced. content_hash is null in records before 3.0: null equals null here. The loader
# leaves out the repeats among the lines of one build; this leaves out the rows it already has.
INSERT_REVISIONS = """
    INSERT INTO revisions
    SELECT * FROM {source} AS s
    WHERE NOT EXISTS (
        SELECT 1 FROM revisions AS r
        WHERE r.key = s.key AND r.record = s.record AND r.revision = s.revision
          AND r.content_hash IS NOT DISTINCT FROM s.content_hash)
"""


@dataclass(frozen=True)
class Found:
    """A finished file under the data folder."""

    path: str
    """Relative to the data folder, ``/``-separated: ``rmol/2026/11/27/rmol-<run>.jsonl``."""
    kind: str
    """``output`` or ``report``."""
    spider: str
    size: int
    mtime: dt.datetime


@dataclass
class BuildResult:
    files: int = 0
    """New output files read."""
    reports: int = 0
    """New run reports read."""
    records: int = 0
    """Lines read as records."""
    added: int = 0
    """Rows added to ``revisions``; the other records were duplicates."""
    bad_lines: int = 0
    unreadable: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def duplicates(self) -> int:
        return self.records - self.added

    @property
    def complete(self) -> bool:
        """Whether the dataset now holds every record of every finished file."""
        return not (self.bad_lines or self.unreadable or self.changed)


def discover(data_dir: Path) -> list[Found]:
    """The finished output files and run reports under ``data_dir``, in path order."""
    found: list[Found] = []
    for path in sorted(data_dir.glob("*/*/*/*/*")):
        relative = path.relative_to(data_dir).as_posix()
        for kind, pattern in (("output", OUTPUT), ("report", REPORT)):
            match = pattern.fullmatch(relative)
            if match is None:
                continue
            try:
                stat = path.stat()
            except OSError:
                continue  # gone since the listing: the next build sees what is there then
            if path.is_file():
                mtime = EPOCH + dt.timedelta(microseconds=stat.st_mtime_ns // 1000)
                found.append(Found(relative, kind, match["spider"], stat.st_size, mtime))
    return found


def build(data_dir: Path, db_path: Path, *, rebuild: bool = False, err: TextIO) -> BuildResult:
    """Load the files under ``data_dir`` that ``db_path`` does not hold yet.

    ``rebuild`` deletes the database first and reads every file again. Problems (bad lines,
    unreadable or changed files) go to ``err``, one line each, and are counted in the result.
    """
    if not data_dir.is_dir():
        raise DatasetError(f"data folder {data_dir} does not exist")
    if rebuild:
        for stale in (db_path, db_path.with_name(db_path.name + ".wal")):
            stale.unlink(missing_ok=True)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    result = BuildResult()
    con = open_database(db_path, write=True)
    try:
        known = dict(con.execute("SELECT path, size FROM files").fetchall())
        new: list[Found] = []
        for found in discover(data_dir):
            size = known.get(found.path)
            if size is None:
                new.append(found)
            elif size != found.size:
                result.changed.append(found.path)
                print(
                    f"{data_dir / found.path}: its size changed since it was loaded ({size} "
                    f"bytes, now {found.size}); not loaded again: `build --rebuild` reads "
                    "every file again",
                    file=err,
                )
        if new:
            with tempfile.TemporaryDirectory(prefix=".rmol-dataset-", dir=db_path.parent) as tmp:
                _Loader(con, data_dir, Path(tmp), result, err).load(new)
    finally:
        con.close()
    return result


class _Stage:
    """Rows written as JSON Lines to a file that DuckDB then reads with the given columns."""

    def __init__(self, path: Path, columns: dict[str, str]) -> None:
        self.path = path
        self.columns = columns
        self.size = 0
        self._file: TextIO | None = None

    def add(self, row: dict[str, Any]) -> None:
        if self._file is None:
            self._file = self.path.open("w", encoding="utf-8")
        text = json.dumps(row, ensure_ascii=False) + "\n"
        self._file.write(text)
        self.size += len(text)

    def insert(self, con: duckdb.DuckDBPyConnection, statement: str) -> None:
        """Run ``statement`` with ``{source}`` reading the rows added since the last insert."""
        if self._file is None:
            return
        self._file.close()
        self._file = None
        spec = ", ".join(
            f"'{name}': '{kind.removesuffix(' NOT NULL')}'" for name, kind in self.columns.items()
        )
        source = f"read_json(?, format = 'newline_delimited', columns = {{{spec}}})"
        con.execute(statement.format(source=source), [str(self.path)])
        self.size = 0


class _Loader:
    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        data_dir: Path,
        tmp: Path,
        result: BuildResult,
        err: TextIO,
    ) -> None:
        self.con = con
        self.data_dir = data_dir
        self.result = result
        self.err = err
        self.revisions = _Stage(tmp / "revisions.jsonl", COLUMNS)
        self.runs = _Stage(tmp / "runs.jsonl", RUN_COLUMNS)
        self.layers = _Stage(tmp / "run_layers.jsonl", LAYER_COLUMNS)
        self.files = _Stage(tmp / "files.jsonl", FILE_COLUMNS)
        self.loaded_at = dt.datetime.now(dt.UTC).isoformat()
        self.seen: set[tuple[str, str, int, str | None]] = set()
        """The revision identities staged by this build."""

    def load(self, new: list[Found]) -> None:
        self.con.execute("BEGIN")
        file_rows: list[dict[str, Any]] = []
        for found in new:
            read = self._report(found) if found.kind == "report" else self._output(found)
            if read is not None:
                file_rows.append(read)
            if self.revisions.size >= CHUNK_BYTES:
                self.revisions.insert(self.con, INSERT_REVISIONS)
        self.revisions.insert(self.con, INSERT_REVISIONS)
        added: Counter[str] = Counter(
            dict(self.con.execute("SELECT file, count(*) FROM revisions GROUP BY file").fetchall())
        )
        for row in file_rows:
            if row["kind"] == "output":
                row["added"] = added[row["path"]]
                self.result.added += row["added"]
            self.files.add(row)
        self.runs.insert(self.con, "INSERT INTO runs SELECT * FROM {source}")
        self.layers.insert(self.con, "INSERT INTO run_layers SELECT * FROM {source}")
        self.files.insert(self.con, "INSERT INTO files SELECT * FROM {source}")
        self.con.execute("COMMIT")

    def _file_row(self, found: Found, lines: int, records: int, bad: int) -> dict[str, Any]:
        return {
            "path": found.path,
            "kind": found.kind,
            "spider": found.spider,
            "size": found.size,
            "mtime": found.mtime.isoformat(),
            "lines": lines,
            "records": records,
            "added": records,
            "bad_lines": bad,
            "loaded_at": self.loaded_at,
        }

    def _unreadable(self, found: Found, exc: OSError) -> None:
        self.result.unreadable.append(found.path)
        print(
            f"{self.data_dir / found.path}: could not be read ({exc.strerror}); not loaded",
            file=self.err,
        )

    def _output(self, found: Found) -> dict[str, Any] | None:
        lines = records = bad = 0
        shown = _Shown(self.data_dir / found.path, self.err)
        try:
            with (self.data_dir / found.path).open("rb") as source:
                for number, raw in enumerate(source, 1):
                    if not raw.strip():
                        continue
                    lines += 1
                    try:
                        row = parse_line(raw, found.path, number)
                    except BadRecord as exc:
                        bad += 1
                        cut = "" if raw.endswith(b"\n") else " (the file ends inside this line)"
                        shown(f"{number}: skipped: {exc}{cut}")
                        continue
                    records += 1
                    identity = (row["key"], row["record"], row["revision"], row["content_hash"])
                    if identity not in self.seen:
                        self.seen.add(identity)
                        self.revisions.add(row)
        except OSError as exc:
            self._unreadable(found, exc)
            return None
        shown.close()
        self.result.files += 1
        self.result.records += records
        self.result.bad_lines += bad
        return self._file_row(found, lines, records, bad)

    def _report(self, found: Found) -> dict[str, Any] | None:
        try:
            raw = (self.data_dir / found.path).read_bytes()
        except OSError as exc:
            self._unreadable(found, exc)
            return None
        self.result.reports += 1
        try:
            run, layers = parse_run_report(raw, found.path)
        except BadRecord as exc:
            self.result.bad_lines += 1
            print(f"{self.data_dir / found.path}: skipped: {exc}", file=self.err)
            return self._file_row(found, 1, 0, 1)
        self.runs.add(run)
        for layer in layers:
            self.layers.add(layer)
        return self._file_row(found, 1, 1, 0)


class _Shown:
    """Prints a file's first :data:`SHOWN_PER_FILE` problems, then how many more there were."""

    def __init__(self, path: Path, err: TextIO) -> None:
        self.path = path
        self.err = err
        self.count = 0

    def __call__(self, message: str) -> None:
        self.count += 1
        if self.count <= SHOWN_PER_FILE:
            print(f"{self.path}:{message}", file=self.err)

    def close(self) -> None:
        if self.count > SHOWN_PER_FILE:
            hidden = self.count - SHOWN_PER_FILE
            print(f"{self.path}: {hidden} more bad line(s) skipped", file=self.err)
