"""The crawl state from the command line.

    python -m rmolcrawler.state show DIR
    python -m rmolcrawler.state rebuild DIR --outputs DATA_DIR

``show`` prints the state's counts as JSON. ``rebuild`` commits the key of every article found
in the ``*.jsonl`` files under DATA_DIR (``rmol.id/{id}`` for older outputs that have only an
``id``; ``*.partial`` files are unfinished and left out); it is the clean rebuild of a lost or
damaged state. Both bring an older state directory up to date first (version 1 files, a
version 1 database). Exit status: 0, or 2 with a one-line message when the state is locked by a running
crawl or cannot be used.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from rmolcrawler.state.store import CrawlState, StateError


def _show(directory: Path) -> dict[str, int]:
    if not directory.is_dir():
        raise StateError(f"no state directory at {directory}")
    with CrawlState(directory) as state:
        _print_warnings(state)
        return state.summary()


def _rebuild(directory: Path, outputs: Path) -> dict[str, int]:
    if not outputs.is_dir():
        raise StateError(f"output directory {outputs} does not exist")
    files = sorted(p for p in outputs.rglob("*.jsonl") if p.is_file())
    with CrawlState(directory) as state:
        new = state.rebuild_emitted(files)
        _print_warnings(state)
        return {"files": len(files), "new": new, **state.summary()}


def _print_warnings(state: CrawlState) -> None:
    for warning in state.warnings:
        print(f"warning: {warning}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m rmolcrawler.state",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("show", help="print the state's counts as JSON")
    show.add_argument("directory", type=Path, help="the state directory")
    rebuild = commands.add_parser(
        "rebuild", help="commit the keys of the finalized JSON Lines outputs under DATA_DIR"
    )
    rebuild.add_argument("directory", type=Path, help="the state directory (created if missing)")
    rebuild.add_argument("--outputs", type=Path, required=True, metavar="DATA_DIR")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="note: %(message)s", stream=sys.stderr)
    try:
        if args.command == "show":
            result = _show(args.directory)
        else:
            result = _rebuild(args.directory, args.outputs)
    except StateError as exc:
        print(f"{parser.prog}: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
