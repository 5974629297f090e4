"""``export``: the current articles (or every revision) as one Parquet, JSON Lines or CSV file.

Filters select articles by their current version (the ``articles`` view): ``since``/``until``
on ``published_date`` (the date as printed, in the article's own offset, both inclusive),
``sources``, ``sections``. Removed articles are left out unless ``include_removed``. With
``revisions``, every article revision of the selected articles is written (and, with
``include_removed``, their removal records), one row each, ordered by key and time.

Parquet keeps the database's types: ``published_at`` the original string with its offset beside
``published_at_utc`` (timestamp, UTC), lists and structs as nested columns. JSON Lines writes
timestamps as ISO 8601 strings (``...+00:00``); CSV does too and writes ``tags``, ``related``
and ``archive`` as JSON text. The file is written beside its final name and renamed when
complete; a dataset card (:mod:`rmolcrawler.dataset.card`) is written next to it.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

FORMATS = ("parquet", "jsonl", "csv")
ARTICLE_COLUMNS = (
    "key",
    "id",
    "url",
    "source",
    "section",
    "title",
    "reporter",
    "reporter_url",
    "editor",
    "published_at",
    "published_at_utc",
    "published_date",
    "published_at_raw",
    "modified_at",
    "modified_at_utc",
    "image_url",
    "image_caption",
    "body",
    "tags",
    "related",
    "language",
    "crawled_at",
    "archive",
    "revision",
    "content_hash",
)
CURRENT_COLUMNS = (*ARTICLE_COLUMNS, "revisions", "removed_at", "removal_status", "removal_reason")
"""The columns of an export of current articles."""
REVISION_COLUMNS = ("record", *ARTICLE_COLUMNS, "removed_at", "status", "reason")
"""The columns of an export with ``--revisions``."""
TIMESTAMPS = frozenset(
    {"published_at_utc", "modified_at_utc", "crawled_at", "removed_at", "loaded_at"}
)
NESTED = frozenset({"tags", "related", "archive"})
PARQUET_ROW_GROUP = 10_000
"""Rows per Parquet row group: about 30 MB of articles, which a reader holds at once."""
COPY_OPTIONS = {
    "parquet": f"FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {PARQUET_ROW_GROUP}",
    "jsonl": "FORMAT json",
    "csv": "FORMAT csv, HEADER true",
}


@dataclass(frozen=True)
class Selection:
    """Which rows an export writes."""

    since: dt.date | None = None
    until: dt.date | None = None
    sources: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    include_removed: bool = False
    revisions: bool = False

    def article_filter(self) -> tuple[str, list[Any]]:
        """A condition over the ``articles`` view, and its parameters."""
        conditions: list[str] = []
        params: list[Any] = []
        if self.since is not None:
            conditions.append("published_date >= ?")
            params.append(self.since)
        if self.until is not None:
            conditions.append("published_date <= ?")
            params.append(self.until)
        if self.sources:
            conditions.append("list_contains(?, source)")
            params.append(list(self.sources))
        if self.sections:
            conditions.append("list_contains(?, section)")
            params.append(list(self.sections))
        if not self.include_removed:
            conditions.append("removed_at IS NULL")
        return " AND ".join(conditions) or "true", params

    def describe(self) -> list[str]:
        """The filters in words, for the dataset card."""
        words = []
        if self.since is not None:
            words.append(f"published on or after {self.since}")
        if self.until is not None:
            words.append(f"published on or before {self.until}")
        if self.sources:
            words.append("source " + ", ".join(self.sources))
        if self.sections:
            words.append("section " + ", ".join(self.sections))
        words.append(
            "removed articles kept" if self.include_removed else "removed articles left out"
        )
        if self.revisions:
            words.append("every revision")
        return words


@dataclass(frozen=True)
class Query:
    sql: str
    params: list[Any] = field(default_factory=list)


def rows_query(selection: Selection, fmt: str) -> Query:
    """The SELECT that gives the export's rows, in the types of format ``fmt``."""
    where, params = selection.article_filter()
    if not selection.revisions:
        columns = ", ".join(_column(name, fmt) for name in CURRENT_COLUMNS)
        sql = (
            f"SELECT {columns} FROM articles WHERE {where} "
            "ORDER BY articles.published_at_utc NULLS LAST, articles.key"
        )
        return Query(sql, params)
    columns = ", ".join(_column(name, fmt) for name in REVISION_COLUMNS)
    removals = "true" if selection.include_removed else "false"
    sql = (
        f"SELECT {columns} FROM revisions "
        f"WHERE revisions.key IN (SELECT key FROM articles WHERE {where}) "
        f"AND (revisions.record = 'article' OR {removals}) "
        "ORDER BY revisions.key, revisions.crawled_at, revisions.record, revisions.revision"
    )
    return Query(sql, params)


def _column(name: str, fmt: str) -> str:
    quoted = f'"{name}"'
    if fmt != "parquet" and name in TIMESTAMPS:
        return f"strftime({quoted}, '%Y-%m-%dT%H:%M:%S+00:00') AS {quoted}"
    if fmt == "csv" and name in NESTED:
        return f"CAST(to_json({quoted}) AS VARCHAR) AS {quoted}"
    return quoted


def write(con: duckdb.DuckDBPyConnection, query: Query, fmt: str, path: Path) -> int:
    """Write the rows of ``query`` to ``path`` in format ``fmt``; returns how many."""
    if fmt not in COPY_OPTIONS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        copied = con.execute(
            f"COPY ({query.sql}) TO ? ({COPY_OPTIONS[fmt]})", [*query.params, str(partial)]
        ).fetchone()
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return int(copied[0]) if copied else 0
