"""What the dataset holds, in numbers: the queries behind ``stats``, ``report`` and the card.

"Articles" are the rows of the ``articles`` view (every key with an article revision, removed
or not); "removed" are those whose ``removed_at`` is set. Days of publication are
``published_date``, the date printed in the article's own offset (WIB, WITA, WIT); days of
changes are UTC days of ``crawled_at``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb

COVERAGE: tuple[tuple[str, str], ...] = (
    ("title", "title <> ''"),
    ("section", "section <> ''"),
    ("reporter", "reporter <> ''"),
    ("reporter_url", "reporter_url <> ''"),
    ("editor", "editor <> ''"),
    ("published_at", "published_at <> ''"),
    ("published_at_utc", "published_at_utc IS NOT NULL"),
    ("published_at_raw", "published_at_raw <> ''"),
    ("modified_at", "modified_at <> ''"),
    ("image_url", "image_url <> ''"),
    ("image_caption", "image_caption <> ''"),
    ("body", "body <> ''"),
    ("tags", "len(tags) > 0"),
    ("related", "len(related) > 0"),
    ("content_hash", "content_hash <> ''"),
    ("archive", "archive IS NOT NULL"),
)
"""The fields whose coverage is counted, and the condition for an article to have one."""

LAYERS = ("site", "structured", "text", "url", "missing")
"""The extraction layers of a run report, in the order a page class tries them."""


@dataclass(frozen=True)
class Totals:
    articles: int
    removed: int
    edited: int
    """Articles with more than one revision."""
    revisions: int
    """Article revisions (rows of ``revisions`` with record ``article``)."""
    removals: int
    """Removal records."""
    orphan_removals: int
    """Keys with a removal record but no article revision in the dataset."""
    sources: int
    first_day: dt.date | None
    last_day: dt.date | None
    first_crawled: dt.datetime | None
    last_crawled: dt.datetime | None
    output_files: int
    report_files: int
    bad_lines: int
    duplicates: int
    last_loaded: dt.datetime | None


@dataclass(frozen=True)
class SourceRow:
    source: str
    articles: int
    removed: int
    edited: int
    revisions: int
    first_day: dt.date | None
    last_day: dt.date | None


@dataclass(frozen=True)
class Summary:
    totals: Totals
    sources: list[SourceRow]
    sections: list[tuple[str, int, int]]
    """``(section or "(none)", articles, removed)``, most articles first."""
    days: list[tuple[dt.date, str, int]]
    """``(published day, source, articles)``."""
    coverage: dict[str, dict[str, int]]
    """Source -> field -> articles that have it, for the fields of :data:`COVERAGE`."""
    revision_counts: list[tuple[int, int]]
    """``(revisions, articles with that many)``."""
    changes: list[tuple[dt.date, int, int, int]]
    """``(UTC crawl day, first revisions, later revisions (edits), removals)``."""
    schemas: list[tuple[str, int]]
    """``(record schema, lines)``: which output schemas the dataset was built from."""
    layers: dict[str, dict[str, int]]
    """Field -> layer -> pages, summed over the loaded run reports."""
    runs: int
    """Run reports loaded."""

    def field_coverage(self) -> list[tuple[str, int]]:
        """``(field, articles that have it)`` over every source."""
        return [
            (name, sum(fields[name] for fields in self.coverage.values())) for name, _ in COVERAGE
        ]


def _one(con: duckdb.DuckDBPyConnection, query: str) -> tuple[Any, ...]:
    row = con.execute(query).fetchone()
    assert row is not None
    return tuple(row)


def summarize(con: duckdb.DuckDBPyConnection) -> Summary:
    articles, removed, edited, revisions, sources, first_day, last_day = _one(
        con,
        """SELECT count(*), count(removed_at), count(*) FILTER (WHERE revisions > 1),
                  coalesce(sum(revisions), 0), count(DISTINCT source),
                  min(published_date), max(published_date)
           FROM articles""",
    )
    removals, orphans, first_crawled, last_crawled = _one(
        con,
        """SELECT count(*) FILTER (WHERE record = 'removal'),
                  count(DISTINCT key) FILTER (WHERE record = 'removal' AND key NOT IN (
                      SELECT key FROM revisions WHERE record = 'article')),
                  min(crawled_at), max(crawled_at)
           FROM revisions""",
    )
    outputs, reports, bad_lines, duplicates, last_loaded = _one(
        con,
        """SELECT count(*) FILTER (WHERE kind = 'output'), count(*) FILTER (WHERE kind = 'report'),
                  coalesce(sum(bad_lines), 0),
                  coalesce(sum(records - added) FILTER (WHERE kind = 'output'), 0),
                  max(loaded_at)
           FROM files""",
    )
    totals = Totals(
        articles=int(articles),
        removed=int(removed),
        edited=int(edited),
        revisions=int(revisions),
        removals=int(removals),
        orphan_removals=int(orphans),
        sources=int(sources),
        first_day=first_day,
        last_day=last_day,
        first_crawled=first_crawled,
        last_crawled=last_crawled,
        output_files=int(outputs),
        report_files=int(reports),
        bad_lines=int(bad_lines),
        duplicates=int(duplicates),
        last_loaded=last_loaded,
    )
    source_rows = [
        SourceRow(*row)
        for row in con.execute(
            """SELECT source, count(*), count(removed_at), count(*) FILTER (WHERE revisions > 1),
                      sum(revisions), min(published_date), max(published_date)
               FROM articles GROUP BY source ORDER BY count(*) DESC, source"""
        ).fetchall()
    ]
    sections = con.execute(
        """SELECT coalesce(section, '(none)'), count(*), count(removed_at)
           FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"""
    ).fetchall()
    days = con.execute(
        """SELECT published_date, source, count(*) FROM articles
           WHERE published_date IS NOT NULL GROUP BY ALL ORDER BY ALL"""
    ).fetchall()
    counts = ", ".join(f"count(*) FILTER (WHERE {condition})" for _, condition in COVERAGE)
    coverage = {
        row[0]: {name: int(n) for (name, _), n in zip(COVERAGE, row[1:], strict=True)}
        for row in con.execute(f"SELECT source, {counts} FROM articles GROUP BY source").fetchall()
    }
    revision_counts = con.execute(
        "SELECT revisions, count(*) FROM articles GROUP BY 1 ORDER BY 1"
    ).fetchall()
    changes = con.execute(
        """SELECT CAST(crawled_at AS DATE) AS day,
                  count(*) FILTER (WHERE record = 'article' AND revision = 1),
                  count(*) FILTER (WHERE record = 'article' AND revision > 1),
                  count(*) FILTER (WHERE record = 'removal')
           FROM revisions GROUP BY day ORDER BY day"""
    ).fetchall()
    schemas = con.execute("SELECT schema, count(*) FROM revisions GROUP BY 1 ORDER BY 1").fetchall()
    layers: dict[str, dict[str, int]] = {}
    for name, layer, pages in con.execute(
        "SELECT field, layer, sum(pages) FROM run_layers GROUP BY ALL ORDER BY ALL"
    ).fetchall():
        layers.setdefault(name, {})[layer] = int(pages)
    runs = _one(con, "SELECT count(*) FROM runs")[0]
    return Summary(
        totals=totals,
        sources=source_rows,
        sections=sections,
        days=days,
        coverage=coverage,
        revision_counts=revision_counts,
        changes=changes,
        schemas=schemas,
        layers=layers,
        runs=int(runs),
    )


def number(value: int) -> str:
    """An integer as the tables print it: ``12,345``."""
    return f"{value:,}"


def share(part: int, whole: int) -> str:
    """A percentage with one decimal (``99.5%``), ``-`` when there is no whole."""
    return f"{100 * part / whole:.1f}%" if whole else "-"


def headline(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
    """``(articles, removed, article revisions)``: the line ``build`` ends with."""
    articles, removed, revisions = _one(
        con, "SELECT count(*), count(removed_at), coalesce(sum(revisions), 0) FROM articles"
    )
    return int(articles), int(removed), int(revisions)
