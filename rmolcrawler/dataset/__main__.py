"""``python -m rmolcrawler.dataset``: the command line of :mod:`rmolcrawler.dataset`."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import sys
from pathlib import Path
from typing import TextIO

import duckdb

import rmolcrawler.dataset
from rmolcrawler.dataset import report, stats
from rmolcrawler.dataset.build import build
from rmolcrawler.dataset.card import Export, write_card
from rmolcrawler.dataset.db import DATABASE_NAME, DatasetError, open_database
from rmolcrawler.dataset.export import FORMATS, Selection, rows_query, write
from rmolcrawler.dataset.summary import headline, number, summarize

PROG = "python -m rmolcrawler.dataset"


def _data_dir_default() -> Path:
    from scrapy.utils.project import get_project_settings

    return Path(get_project_settings().get("RMOL_DATA_DIR") or "data")


def parse_args(argv: list[str]) -> argparse.Namespace:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        help="the crawler's data folder (default: the RMOL_DATA_DIR setting, `data`)",
    )
    common.add_argument(
        "--db", type=Path, help=f"the database (default <data dir>/{DATABASE_NAME})"
    )
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=rmolcrawler.dataset.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser(
        "build", parents=[common], help="load the finished output files not loaded before"
    )
    build_cmd.add_argument(
        "--rebuild", action="store_true", help="delete the database and read every file again"
    )
    export = commands.add_parser(
        "export", parents=[common], help="write the current articles (or every revision) to a file"
    )
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument("-o", "--output", type=Path, required=True, metavar="PATH")
    export.add_argument(
        "--since", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="published on or after"
    )
    export.add_argument(
        "--until", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="published on or before"
    )
    export.add_argument(
        "--source", action="append", default=[], help="e.g. rmol.id (repeat for several)"
    )
    export.add_argument(
        "--section", action="append", default=[], help="e.g. politik (repeat for several)"
    )
    export.add_argument(
        "--include-removed", action="store_true", help="keep articles that were taken down"
    )
    export.add_argument(
        "--revisions", action="store_true", help="every revision, not only the current one"
    )
    stats_cmd = commands.add_parser("stats", parents=[common], help="print the counts as tables")
    stats_cmd.add_argument(
        "--days", type=int, default=31, help="per-day tables: the last N days (0: all; 31)"
    )
    report_cmd = commands.add_parser(
        "report", parents=[common], help="write a self-contained HTML page"
    )
    report_cmd.add_argument("-o", "--output", type=Path, required=True, metavar="PATH")
    args = parser.parse_args(argv)
    if args.data_dir is None and (args.db is None or args.command == "build"):
        args.data_dir = _data_dir_default()
    if args.db is None:
        args.db = args.data_dir / DATABASE_NAME
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    out, err = sys.stdout, sys.stderr
    try:
        if args.command == "build":
            return _build(args, out, err)
        if args.command == "export":
            return _export(args, argv, out)
        if args.command == "stats":
            with open_database(args.db) as con:
                out.write(stats.render(summarize(con), args.db, args.days))
            return 0
        with open_database(args.db) as con:
            page = report.render(summarize(con), args.db, dt.datetime.now(dt.UTC))
        _write_text(args.output, page)
        print(f"wrote {args.output}", file=out)
        return 0
    except (DatasetError, OSError, duckdb.Error) as exc:
        print(f"{PROG} {args.command}: {exc}", file=err)
        return 2


def _build(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    result = build(args.data_dir, args.db, rebuild=args.rebuild, err=err)
    with open_database(args.db) as con:
        articles, removed, revisions = headline(con)
    if result.files or result.reports:
        print(
            f"loaded {number(result.files)} new output files and {number(result.reports)} run"
            f" reports: {number(result.records)} records, {number(result.added)} added,"
            f" {number(result.duplicates)} duplicates left out,"
            f" {number(result.bad_lines)} bad lines skipped",
            file=out,
        )
    else:
        print("nothing new to load", file=out)
    print(
        f"{args.db}: {number(articles)} articles ({number(removed)} removed),"
        f" {number(revisions)} article revisions",
        file=out,
    )
    if not result.complete:
        problems = len(result.unreadable) + len(result.changed)
        print(
            f"{PROG} build: the dataset lacks records of the files: {result.bad_lines} bad"
            f" lines, {problems} unreadable or changed files (see above)",
            file=err,
        )
        return 1
    return 0


def _export(args: argparse.Namespace, argv: list[str], out: TextIO) -> int:
    selection = Selection(
        since=args.since,
        until=args.until,
        sources=tuple(args.source),
        sections=tuple(args.section),
        include_removed=args.include_removed,
        revisions=args.revisions,
    )
    query = rows_query(selection, args.format)
    with open_database(args.db) as con:
        rows = write(con, query, args.format, args.output)
        card = write_card(
            con,
            Export(
                path=args.output,
                fmt=args.format,
                selection=selection,
                query=query,
                database=args.db,
                command=f"{PROG} {shlex.join(argv)}",
                rows=rows,
            ),
        )
    print(f"wrote {number(rows)} rows to {args.output}; dataset card: {card}", file=out)
    return 0


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


if __name__ == "__main__":
    sys.exit(main())
