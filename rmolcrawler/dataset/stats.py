"""``stats``: the dataset's counts as plain text tables (see :mod:`.summary` for the terms)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence, Sized
from pathlib import Path
from typing import TypeVar

from rmolcrawler.dataset.summary import LAYERS, Summary, number, share

T = TypeVar("T")

MAX_DAY_SOURCES = 5
"""The per-day table has a column per source up to this many sources, else the total only."""


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Columns padded to their widest cell: text to the left, numbers to the right."""
    cells = [[_cell(value) for value in row] for row in rows]
    numeric = [bool(rows) and all(_is_number(row[i]) for row in rows) for i in range(len(headers))]
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        padded = (
            v.rjust(w) if right else v.ljust(w)
            for v, w, right in zip(values, widths, numeric, strict=True)
        )
        return "  ".join(padded).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, cells)])


def _is_number(value: object) -> bool:
    if isinstance(value, str):
        return value == "-" or value.endswith("%")
    return isinstance(value, int | float) and not isinstance(value, bool)


def _cell(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return "-" if value is None else str(value)
    if isinstance(value, int):
        return number(value)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")
    return str(value)


def render(summary: Summary, database: Path, days: int) -> str:
    """The whole ``stats`` text; ``days`` limits the per-day tables to the last N (0: all)."""
    t = summary.totals
    parts = [
        f"Dataset {database}, last loaded "
        + (f"{_cell(t.last_loaded)} UTC" if t.last_loaded else "never"),
        f"  files: {number(t.output_files)} outputs, {number(t.report_files)} run reports;"
        f" {number(t.bad_lines)} bad lines skipped; {number(t.duplicates)} duplicate records"
        " left out",
        f"  articles: {number(t.articles)} ({number(t.removed)} removed,"
        f" {number(t.edited)} edited); article revisions: {number(t.revisions)};"
        f" removal records: {number(t.removals)}"
        + (
            f" ({number(t.orphan_removals)} for articles not in the dataset)"
            if t.orphan_removals
            else ""
        ),
        f"  published: {t.first_day or '-'} to {t.last_day or '-'};"
        f" crawled: {_cell(t.first_crawled)} to {_cell(t.last_crawled)} UTC",
    ]
    parts += _section(
        "Per source",
        table(
            ["source", "articles", "removed", "edited", "revisions", "first day", "last day"],
            [
                (s.source, s.articles, s.removed, s.edited, s.revisions, s.first_day, s.last_day)
                for s in summary.sources
            ],
        ),
    )
    parts += _section(
        "Per section",
        table(["section", "articles", "removed"], summary.sections),
    )
    parts += _per_day(summary, days)
    parts += _section(
        "Field coverage (articles that have the field)",
        table(
            ["field", "articles", "share"],
            [(name, n, share(n, t.articles)) for name, n in summary.field_coverage()],
        ),
    )
    parts += _section(
        "Revisions per article",
        table(["revisions", "articles"], summary.revision_counts),
    )
    changes = _last(summary.changes, days)
    parts += _section(
        f"Changes per crawl day (UTC){_limited(summary.changes, changes)}",
        table(["day", "first revisions", "edits", "removals"], changes),
    )
    parts += _layers(summary)
    parts += _section("Records per output schema", table(["schema", "records"], summary.schemas))
    return "\n".join(parts) + "\n"


def _section(title: str, body: str) -> list[str]:
    return ["", title, "", body]


def _last(rows: list[T], days: int) -> list[T]:
    return rows[-days:] if days > 0 else rows


def _limited(every: Sized, shown: Sized) -> str:
    if len(shown) == len(every):
        return ""
    return f", the last {len(shown)} of {len(every)} days (--days 0 shows all)"


def _per_day(summary: Summary, days: int) -> list[str]:
    by_day: dict[dt.date, dict[str, int]] = defaultdict(dict)
    for day, source, n in summary.days:
        by_day[day][source] = n
    sources = [s.source for s in summary.sources]
    split = 1 < len(sources) <= MAX_DAY_SOURCES
    every = sorted(by_day)
    shown = _last(every, days)
    headers = ["day", "articles", *(sources if split else [])]
    rows = [
        (day, sum(by_day[day].values()), *(by_day[day].get(s, 0) for s in sources if split))
        for day in shown
    ]
    title = f"Per day of publication{_limited(every, shown)}"
    return _section(title, table(headers, rows))


def _layers(summary: Summary) -> list[str]:
    title = f"Extraction layers (pages, from {number(summary.runs)} run reports)"
    if not summary.layers:
        return _section(
            title,
            "No run report with extraction layers was loaded: the output records do not say"
            " which layer gave a field; only the runs' *.report.json files do.",
        )
    rows = []
    for name, counts in summary.layers.items():
        pages = sum(counts.values())
        rows.append((name, *(share(counts.get(layer, 0), pages) for layer in LAYERS)))
    return _section(title, table(["field", *LAYERS], rows))
