"""The version 1 state files, which the SQLite store imports once and then moves aside.

Version 1 kept four files in the state directory: ``emitted.ids`` and ``rejected.ids`` (one
decimal id a line, appended), ``pending.json`` (``{"version": 1, "pending": {"<id>": "<url>"}}``)
and ``sections.json`` (``{"version": 1, "sections": {"<name>": {...}}}``). A damaged file is
read as far as it can be, with a warning; nothing here raises for its content. Version 1 knew
rmol.id alone: its ids become the keys ``rmol.id/{id}`` when the store imports them.
"""

from __future__ import annotations

import json
from array import array
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rmolcrawler.items import rmol_key
from rmolcrawler.state.sections import SectionState

EMITTED = "emitted.ids"
REJECTED = "rejected.ids"
PENDING = "pending.json"
SECTIONS = "sections.json"
FILES = (EMITTED, REJECTED, PENDING, SECTIONS)
LEGACY_DIR = "legacy-v1"
V1_MAX_ID = (1 << 27) - 1
"""The largest id version 1 accepted: a larger number in its files is damage."""


@dataclass
class V1State:
    """The content of the version 1 files found in a state directory."""

    files: list[str]
    emitted: array[int] = field(default_factory=lambda: array("q"))
    rejected: array[int] = field(default_factory=lambda: array("q"))
    pending: dict[int, str] = field(default_factory=dict)
    sections: dict[str, SectionState] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def read_v1(directory: Path) -> V1State | None:
    """The version 1 state in ``directory``, or None when it holds none of its files."""
    found = [name for name in FILES if (directory / name).is_file()]
    if not found:
        return None
    state = V1State(found)
    state.emitted = _ids(directory / EMITTED, state.warnings)
    state.rejected = _ids(directory / REJECTED, state.warnings)
    pending = _json(directory / PENDING, "pending", state.warnings)
    for key, url in pending.items():
        if key.isascii() and key.isdigit() and int(key) <= V1_MAX_ID and isinstance(url, str):
            state.pending[int(key)] = url
        else:
            state.warnings.append(f"{directory / PENDING}: skipped the bad entry {key!r}")
    for name, value in _json(directory / SECTIONS, "sections", state.warnings).items():
        try:
            state.sections[name] = SectionState.from_json(_with_keys(value))
        except ValueError as exc:
            state.warnings.append(f"{directory / SECTIONS}: skipped section {name!r} ({exc})")
    return state


def _with_keys(section: object) -> object:
    """A version 1 section with its ``newest_ids`` as ``newest_keys``."""
    if not isinstance(section, dict) or "newest_ids" not in section:
        return section
    ids = section["newest_ids"]
    if not isinstance(ids, list) or not all(type(i) is int for i in ids):
        raise ValueError("section field 'newest_ids' holds something other than ints")
    rest = {name: value for name, value in section.items() if name != "newest_ids"}
    return rest | {"newest_keys": [rmol_key(i) for i in ids]}


def move_aside(directory: Path) -> Path:
    """Move the version 1 files (and their leftovers) into ``legacy-v1/``; returns that folder."""
    target = directory / LEGACY_DIR
    if target.exists():
        target = directory / f"{LEGACY_DIR}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    target.mkdir()
    for name in FILES:
        for path in (
            directory / name,
            *directory.glob(f"{name}.corrupt-*"),
            *directory.glob(f".{name}.*.tmp"),
        ):
            if path.is_file():
                path.rename(target / path.name)
    return target


def _ids(path: Path, warnings: list[str]) -> array[int]:
    ids: array[int] = array("q")
    unreadable = 0
    try:
        with path.open("rb") as lines:
            for raw in lines:
                line = raw.strip()
                if not raw.endswith(b"\n") and line:
                    warnings.append(
                        f"{path}: ignored an incomplete last line {raw[:40]!r} (a crash during "
                        "a write?)"
                    )
                elif line.isdigit() and len(line) <= 10 and int(line) <= V1_MAX_ID:
                    ids.append(int(line))
                elif line:
                    unreadable += 1
    except FileNotFoundError:
        return ids
    if unreadable:
        warnings.append(f"{path}: skipped {unreadable} line(s) that are not article ids")
    return ids


def _json(path: Path, key: str, warnings: list[str]) -> dict[str, object]:
    """The ``key`` object of a version 1 JSON file; empty, with a warning, when unreadable."""
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return {}
    except (ValueError, RecursionError) as exc:
        warnings.append(f"{path} is unreadable ({' '.join(str(exc).split())[:120]}); not imported")
        return {}
    entries = data.get(key) if isinstance(data, dict) and data.get("version") == 1 else None
    if not isinstance(entries, dict):
        warnings.append(f"{path} is not a version 1 {key} file; not imported")
        return {}
    return entries
