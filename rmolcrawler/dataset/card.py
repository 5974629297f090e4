"""The dataset card of an export: ``README.md`` in the export's folder.

The card states what the file holds (rows, articles, removed ones, date range, sources,
sections), the filters and command that made it, the schema column by column, and how to load
the file. It starts with the YAML block the Hugging Face Hub reads. An export replaces the card
that an earlier export wrote in the same folder; a ``README.md`` that this command did not write
is left alone, and the card is written as ``<file name>.README.md`` instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from rmolcrawler.dataset.export import Query, Selection, rows_query
from rmolcrawler.dataset.summary import number
from rmolcrawler.items import FIELD_DOCS

MARKER = "# written by `python -m rmolcrawler.dataset export`"
"""The card's first YAML line: a README.md that has it may be replaced."""

DOCS: dict[str, str] = {
    "record": "`article` (one revision of an article) or `removal` (the article was found"
    " taken down: the site answered 404 or 410, or a not-found page).",
    "revision": "1 when the article was first emitted, one more for each changed version of the"
    " same key; in a removal record, the last revision it removes.",
    "published_at": "Publish time as the site gives it, ISO 8601 with its own offset (WIB"
    " +07:00, WITA +08:00, WIT +09:00), e.g. `2020-12-30T06:08:00+07:00`.",
    "published_at_utc": "`published_at` as a UTC timestamp; null when `published_at` has no"
    " offset.",
    "published_date": "The date of `published_at` as printed, in the article's own offset.",
    "modified_at": "The site's own modification time, ISO 8601 with its offset, when the page"
    " prints one; else null.",
    "modified_at_utc": "`modified_at` as a UTC timestamp.",
    "crawled_at": "When this revision was seen, UTC; for a page read from a web archive, the"
    " capture time.",
    "content_hash": "`sha256:<hex>` over the normalized content fields (title, body, reporter,"
    " tags, image_caption, published_at); null in records written before schema 3.0.",
    "revisions": "How many article revisions of this key the dataset holds.",
    "removed_at": "When the article was found taken down (UTC); null while it is online.",
    "removal_status": "The HTTP status that showed the removal (200 for a not-found page).",
    "removal_reason": "`http_404`, `http_410` or `not_found_page`.",
    "status": "In a removal record: the HTTP status that showed it (200 for a not-found page).",
    "reason": "In a removal record: `http_404`, `http_410` or `not_found_page`.",
}
LOADERS = {
    "parquet": (
        'pandas.read_parquet("{name}")',
        'polars.read_parquet("{name}")',
        "duckdb.sql(\"SELECT * FROM '{name}'\")",
        'pyarrow.parquet.read_table("{name}")',
        'datasets.load_dataset("parquet", data_files="{name}")',
    ),
    "jsonl": (
        'pandas.read_json("{name}", lines=True)',
        'polars.read_ndjson("{name}")',
        "duckdb.sql(\"SELECT * FROM read_json('{name}')\")",
        'datasets.load_dataset("json", data_files="{name}")',
    ),
    "csv": (
        'pandas.read_csv("{name}")',
        'polars.read_csv("{name}")',
        "duckdb.sql(\"SELECT * FROM read_csv('{name}')\")",
        'datasets.load_dataset("csv", data_files="{name}")',
    ),
}
FORMAT_NAMES = {"parquet": "Parquet (zstd)", "jsonl": "JSON Lines", "csv": "CSV with a header"}
TOP_SECTIONS = 25


@dataclass(frozen=True)
class Export:
    """What was exported: the file, its format, the selection, the command that made it."""

    path: Path
    fmt: str
    selection: Selection
    query: Query
    database: Path
    command: str
    rows: int


def card_path(export_path: Path) -> Path:
    """Where the card of ``export_path`` goes: README.md beside it unless a foreign one is."""
    readme = export_path.parent / "README.md"
    if readme.exists():
        head = readme.read_text(encoding="utf-8", errors="replace").splitlines()[:3]
        if MARKER not in head:
            return export_path.with_name(export_path.name + ".README.md")
    return readme


def write_card(con: duckdb.DuckDBPyConnection, export: Export) -> Path:
    """Write the card of ``export`` and return its path."""
    path = card_path(export.path)
    path.write_text(render(con, export), encoding="utf-8")
    return path


def render(con: duckdb.DuckDBPyConnection, export: Export) -> str:
    stats = rows_query(export.selection, "parquet")
    rows, params = f"({stats.sql})", stats.params
    revisions = export.selection.revisions
    article_rows = "record = 'article'" if revisions else "true"
    removed_rows = "record = 'removal'" if revisions else "removed_at IS NOT NULL"
    ((articles, first_day, last_day, first_seen, last_seen, removed),) = con.execute(
        f"""SELECT count(DISTINCT key), min(published_date), max(published_date),
                   min(crawled_at), max(crawled_at),
                   count(DISTINCT key) FILTER (WHERE {removed_rows})
            FROM {rows}""",
        params,
    ).fetchall()
    sources = con.execute(
        f"SELECT source, count(*), count(DISTINCT key) FROM {rows} GROUP BY 1 ORDER BY 2 DESC, 1",
        params,
    ).fetchall()
    sections = con.execute(
        f"""SELECT coalesce(section, '(none)'), count(DISTINCT key) FROM {rows}
            WHERE {article_rows} GROUP BY 1 ORDER BY 2 DESC, 1""",
        params,
    ).fetchall()
    schema = con.execute(f"DESCRIBE {export.query.sql}", export.query.params).fetchall()
    name = export.path.name
    made = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    unit = "revision or removal record" if export.selection.revisions else "article"
    lines = [
        "---",
        MARKER,
        "language:",
        "- id",
        "pretty_name: RMOL network news articles",
        "configs:",
        "- config_name: default",
        f"  data_files: {name}",
        "---",
        "",
        "# RMOL network news articles",
        "",
        (
            "Every revision of the selected articles"
            if export.selection.revisions
            else "The current version of each article"
        )
        + " of the RMOL news network (rmol.id and its regional sites), as crawled by"
        f" rmolcrawler. Exported {made} from `{export.database}` with:",
        "",
        f"    {export.command}",
        "",
        "| | |",
        "|---|---|",
        f"| file | `{name}`, {FORMAT_NAMES[export.fmt]} |",
        f"| rows | {number(export.rows)}, one per {unit} |",
        f"| articles | {number(articles)}"
        + (f", of which {number(removed)} removed" if export.selection.include_removed else "")
        + " |",
        f"| published | {_range(first_day, last_day)} (dates as printed, in each article's offset) |",
        f"| crawled | {_range(first_seen, last_seen)} (UTC) |",
        f"| selection | {'; '.join(export.selection.describe())} |",
        "",
        "## Sources",
        "",
        "| source | rows | articles |",
        "|---|---:|---:|",
        *(f"| {source} | {number(n)} | {number(keys)} |" for source, n, keys in sources),
        "",
        "## Sections",
        "",
        "| section | articles |",
        "|---|---:|",
        *(f"| {section} | {number(n)} |" for section, n in sections[:TOP_SECTIONS]),
    ]
    if len(sections) > TOP_SECTIONS:
        rest = sum(n for _, n in sections[TOP_SECTIONS:])
        lines.append(f"| {len(sections) - TOP_SECTIONS} more sections | {number(rest)} |")
    lines += [
        "",
        "## Schema",
        "",
        "| column | type | description |",
        "|---|---|---|",
        *(
            f"| `{column}` | `{_cell(kind)}` | {_cell(DOCS.get(column) or FIELD_DOCS.get(column, ''))} |"
            for column, kind, *_ in schema
        ),
        "",
        "## Loading",
        "",
        "```python",
        "import datasets, duckdb, pandas, polars, pyarrow.parquet",
        "",
        *(loader.format(name=name) for loader in LOADERS[export.fmt]),
        "```",
        "",
        "## Notes",
        "",
        "- One article is one `key`: `rmol.id/{id}` for rmol.id, `{domain}/{slug}` for a"
        " regional site. An edited article has several revisions; the current version is the"
        " highest `revision` (then the latest `crawled_at`).",
        "- An article is removed when a removal record was seen after its latest revision;"
        " removed articles are in this file only when the export kept them (see selection).",
        "- `published_at` keeps the offset the site printed; `published_at_utc` is the same"
        " instant in UTC.",
    ]
    if export.fmt == "csv":
        lines.append("- `tags`, `related` and `archive` are JSON text in this CSV file.")
    return "\n".join(lines) + "\n"


def _range(first: object, last: object) -> str:
    if first is None or last is None:
        return "-"
    return f"{_when(first)} to {_when(last)}"


def _when(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")
    return str(value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
