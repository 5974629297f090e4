"""The dataset's DuckDB database: its tables, the ``articles`` view, and opening it.

Tables (see the package docstring for what each row means):

* ``revisions``: every article revision and removal record, columns as
  :data:`rmolcrawler.dataset.records.COLUMNS`;
* ``files``: every file the build read, so that the next build reads only new ones;
* ``runs`` and ``run_layers``: the run reports (``*.report.json``) beside the outputs, and the
  extraction layer counts they hold;
* ``meta``: the layout version of this database.

``articles`` is a view over ``revisions``: one row per key.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from rmolcrawler.dataset.records import COLUMNS

DATABASE_NAME = "rmol.duckdb"
LAYOUT_VERSION = "1"
"""Bumped when a table changes; an older database is then rebuilt from the files."""


class DatasetError(Exception):
    """The dataset cannot be used as asked (no database, locked, another layout)."""


TABLES = (
    "CREATE TABLE revisions ("
    + ", ".join(f'"{name}" {kind}' for name, kind in COLUMNS.items())
    + ")",
    """CREATE TABLE files (
        path VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, spider VARCHAR NOT NULL,
        size BIGINT NOT NULL, mtime TIMESTAMPTZ NOT NULL, lines INTEGER NOT NULL,
        records INTEGER NOT NULL, added INTEGER NOT NULL, bad_lines INTEGER NOT NULL,
        loaded_at TIMESTAMPTZ NOT NULL)""",
    """CREATE TABLE runs (
        file VARCHAR PRIMARY KEY, run_id VARCHAR, spider VARCHAR, started_at TIMESTAMPTZ,
        finished_at TIMESTAMPTZ, finish_reason VARCHAR, items BIGINT, healthy BOOLEAN)""",
    """CREATE TABLE run_layers (
        file VARCHAR NOT NULL, field VARCHAR NOT NULL, layer VARCHAR NOT NULL,
        pages BIGINT NOT NULL)""",
    "CREATE TABLE meta (name VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
    # The latest article revision of each key by (revision, crawled_at), ranked on narrow
    # columns and joined back by (file, line), so that the bodies are never held for the
    # window; the latest removal of the key applies when it was seen after that revision (a
    # later revision clears it).
    """CREATE VIEW articles AS
    WITH ranked AS (
        SELECT file, line,
               count(*) OVER (PARTITION BY key) AS revisions,
               row_number() OVER (
                   PARTITION BY key ORDER BY revision DESC, crawled_at DESC, file DESC, line DESC
               ) AS rank
        FROM revisions
        WHERE record = 'article'
    ),
    removal AS (
        SELECT key, crawled_at AS seen_at, removed_at, status, reason
        FROM revisions
        WHERE record = 'removal'
        QUALIFY row_number() OVER (PARTITION BY key ORDER BY crawled_at DESC, revision DESC) = 1
    )
    SELECT latest.* EXCLUDE (record, removed_at, status, reason),
           ranked.revisions,
           removal.removed_at,
           removal.status AS removal_status,
           removal.reason AS removal_reason
    FROM revisions AS latest
    JOIN ranked ON ranked.file = latest.file AND ranked.line = latest.line AND ranked.rank = 1
    LEFT JOIN removal ON removal.key = latest.key AND removal.seen_at > latest.crawled_at""",
)
TABLE_NAMES = ("revisions", "files", "runs", "run_layers")


def open_database(path: Path, *, write: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the dataset (created when ``write``); times are shown and compared in UTC."""
    if not write and not path.is_file():
        raise DatasetError(f"no dataset at {path}: run `python -m rmolcrawler.dataset build` first")
    try:
        con = duckdb.connect(str(path), read_only=not write)
    except duckdb.IOException as exc:
        raise DatasetError(
            f"{path} cannot be opened (in use by another build, export, stats or report?): {exc}"
        ) from None
    con.execute("SET TimeZone = 'UTC'")
    if write:
        _create(con, path)
    else:
        _check_layout(con, path)
    return con


def _layout(con: duckdb.DuckDBPyConnection) -> str | None:
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'meta' AND schema_name = 'main'"
    ).fetchone()
    if not exists or not exists[0]:
        return None
    row = con.execute("SELECT value FROM meta WHERE name = 'layout'").fetchone()
    return str(row[0]) if row else None


def _check_layout(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    layout = _layout(con)
    if layout != LAYOUT_VERSION:
        con.close()
        raise DatasetError(
            f"{path} is not a dataset of layout {LAYOUT_VERSION} (found {layout}): "
            "run `python -m rmolcrawler.dataset build --rebuild`"
        )


def _create(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    layout = _layout(con)
    if layout == LAYOUT_VERSION:
        return
    if layout is not None or _has_tables(con):
        con.close()
        raise DatasetError(
            f"{path} holds a dataset of layout {layout}, not {LAYOUT_VERSION}: run "
            "`python -m rmolcrawler.dataset build --rebuild` (everything is read again)"
        )
    con.execute("BEGIN")
    for statement in TABLES:
        con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('layout', ?)", [LAYOUT_VERSION])
    con.execute("COMMIT")


def _has_tables(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main'").fetchone()
    return bool(row and row[0])
