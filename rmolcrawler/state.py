"""The persistent crawl state that lets scheduled runs fetch only what is new.

    python -m rmolcrawler.state show DIR
    python -m rmolcrawler.state rebuild DIR --outputs DATA_DIR

``show`` prints the state's counts as JSON. ``rebuild`` commits the id of every article found
in the ``*.jsonl`` files under DATA_DIR (``*.partial`` files are unfinished and left out); it
is the clean rebuild of a lost or damaged state. Exit status: 0, or 2 with a one-line message
when the state is locked by a running crawl or cannot be used.

A state directory holds:

``emitted.ids``
    Append-only, one decimal article id a line: ids whose item is in a finalized output file.
``rejected.ids``
    Append-only, same format: ids fetched and found definitively not to be articles.
``pending.json``
    ``{"version": 1, "pending": {"<id>": "<url>"}}``: article ids discovered but still
    unresolved when the last run closed.
``sections.json``
    ``{"version": 1, "sections": {"<section>": {...}}}``: a :class:`SectionState` per section.
``lock``
    ``pid=... started=... host=...`` of the run holding the exclusive ``flock`` on it.

The caller commits an id only once its output file is finalized and every commit is fsynced,
so a crash can cause a duplicate on the next run but never a loss. Damaged files are repaired
or set aside, each with a message in :attr:`CrawlState.warnings`. Nothing here imports Scrapy.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import socket
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

STATE_VERSION = 1
NEWEST_IDS_MAX = 50
MAX_ID = (1 << 27) - 1
"""Largest id an :class:`IdSet` accepts (a 16 MiB bitmap); rmol.id is near 700,000 in 2026."""

EMITTED = "emitted.ids"
REJECTED = "rejected.ids"
PENDING = "pending.json"
SECTIONS = "sections.json"
LOCK = "lock"

_GROW_STEP = 4096
_T = TypeVar("_T")


def utc_now() -> str:
    """The current UTC time as ISO 8601 to the second, e.g. ``2026-11-27T06:00:00+00:00``."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _check_id(article_id: int) -> int:
    if not isinstance(article_id, int) or isinstance(article_id, bool):
        raise TypeError(f"an article id must be an int, not {type(article_id).__name__}")
    if not 0 <= article_id <= MAX_ID:
        raise ValueError(f"an article id must be between 0 and {MAX_ID}, got {article_id}")
    return article_id


class IdSet:
    """A set of non-negative ints kept as a growable bitmap of about ``max_id / 8`` bytes.

    ``add`` and ``update`` raise ``ValueError`` for ids below 0 or above :data:`MAX_ID` (the
    bound keeps a corrupt id from allocating gigabytes) and ``TypeError`` for non-ints;
    ``in`` answers False for those instead. ``len`` is O(1); iteration is ascending.
    """

    __slots__ = ("_bits", "_count")

    def __init__(self, ids: Iterable[int] = ()) -> None:
        self._bits = bytearray()
        self._count = 0
        self.update(ids)

    @property
    def nbytes(self) -> int:
        """Size of the bitmap in bytes."""
        return len(self._bits)

    def add(self, article_id: int) -> None:
        _check_id(article_id)
        self._grow(article_id)
        self._set(article_id)

    def update(self, ids: Iterable[int]) -> None:
        checked = [_check_id(i) for i in ids]
        if checked:
            self._grow(max(checked))
            for i in checked:
                self._set(i)

    def _grow(self, article_id: int) -> None:
        size = len(self._bits)
        need = (article_id >> 3) + 1
        if need > size:
            target = max(need, size + size // 8)
            target = -(-target // _GROW_STEP) * _GROW_STEP
            self._bits.extend(bytes(target - size))

    def _set(self, article_id: int) -> None:
        index, mask = article_id >> 3, 1 << (article_id & 7)
        if not self._bits[index] & mask:
            self._bits[index] |= mask
            self._count += 1

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, int) or item < 0:
            return False
        index = item >> 3
        return index < len(self._bits) and bool(self._bits[index] >> (item & 7) & 1)

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[int]:
        for index, byte in enumerate(self._bits):
            if byte:
                base = index << 3
                for bit in range(8):
                    if byte >> bit & 1:
                        yield base + bit

    def __repr__(self) -> str:
        return f"IdSet(len={self._count}, nbytes={len(self._bits)})"


class StateError(Exception):
    """The state directory cannot be used; the message is one line for the operator."""


class StateLocked(StateError):
    """Another process holds the state's lock; this run must do nothing."""

    def __init__(
        self, directory: Path, pid: int | None, started: str | None, host: str | None
    ) -> None:
        self.directory = directory
        self.pid = pid
        self.started = started
        self.host = host
        holder = f"pid {pid if pid is not None else 'unknown'}"
        if host:
            holder += f" on {host}"
        super().__init__(
            f"state directory {directory} is locked by another crawl ({holder}, started "
            f"{started or 'unknown'}); this run does nothing. Remove nothing by hand: the "
            "lock is released when that crawl exits."
        )

    @classmethod
    def from_record(cls, directory: Path, record: bytes) -> StateLocked:
        """Built from the lock file's ``pid=... started=... host=...`` line, which may be empty."""
        fields = dict(
            word.split("=", 1) for word in record.decode("utf-8", "replace").split() if "=" in word
        )
        pid = fields.get("pid", "")
        return cls(
            directory,
            int(pid) if pid.isascii() and pid.isdigit() else None,
            fields.get("started"),
            fields.get("host"),
        )


@dataclass
class SectionState:
    """What the last crawl saw of one section's listing (``politik``, ``hukum``, ...)."""

    last_crawled: str | None = None
    """UTC ISO 8601 time of the last crawl of the section's page 1; None before the first."""
    newest_ids: list[int] = field(default_factory=list)
    """Article ids listed on page 1 at the last crawl, in page order; at most 50 are kept."""
    pages_fetched: int = 0
    """Listing pages fetched at the last crawl."""
    articles_seen: int = 0
    """Article links seen on those pages at the last crawl."""
    status: str = "ok"
    """``ok``, or why page 1 failed at the last crawl, e.g. ``http_404``."""
    gone_since: str | None = None
    """UTC ISO 8601 time page 1 started failing, kept while it fails; None when it works."""

    def __post_init__(self) -> None:
        self.newest_ids = list(self.newest_ids[:NEWEST_IDS_MAX])

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> SectionState:
        """Parse :meth:`to_json` output; missing keys take defaults, wrong types raise ValueError."""
        if not isinstance(data, dict):
            raise ValueError("a section is not a JSON object")
        default = cls()

        def get(key: str, kind: type, optional: bool = False) -> Any:
            value = data.get(key, getattr(default, key))
            if (value is None and optional) or (
                isinstance(value, kind) and not isinstance(value, bool)
            ):
                return value
            raise ValueError(f"section field {key!r} is not a {kind.__name__}: {value!r}")

        newest = get("newest_ids", list)
        if not all(isinstance(i, int) and not isinstance(i, bool) for i in newest):
            raise ValueError("section field 'newest_ids' holds something other than ints")
        return cls(
            last_crawled=get("last_crawled", str, optional=True),
            newest_ids=newest,
            pages_fetched=get("pages_fetched", int),
            articles_seen=get("articles_seen", int),
            status=get("status", str),
            gone_since=get("gone_since", str, optional=True),
        )


def _entries(data: object, key: str) -> dict[str, Any]:
    """The ``key`` object of a versioned state file (``{"version": N, key: {...}}``)."""
    if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
        raise ValueError(f"not a version {STATE_VERSION} {key} file")
    entries = data.get(key)
    if not isinstance(entries, dict):
        raise ValueError(f"'{key}' is not a JSON object")
    return entries


def _parse_pending(data: object) -> dict[int, str]:
    entries = _entries(data, "pending")
    pending: dict[int, str] = {}
    for key, url in entries.items():
        if not (key.isascii() and key.isdigit() and isinstance(url, str)):
            raise ValueError(f"bad pending entry {key!r}: {url!r}")
        pending[_check_id(int(key))] = url
    return pending


def _parse_sections(data: object) -> dict[str, SectionState]:
    entries = _entries(data, "sections")
    return {name: SectionState.from_json(value) for name, value in entries.items()}


def _output_id(line: bytes) -> int | None:
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        return None
    value = record.get("id") if isinstance(record, dict) else None
    return value if type(value) is int and 0 <= value <= MAX_ID else None


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class CrawlState:
    """The state directory of scheduled incremental crawls, opened by one process at a time.

    :meth:`open` (or ``with``) creates the directory, takes an exclusive non-blocking lock
    (:class:`StateLocked` if another crawl holds it) and loads the files. Any unusable
    directory raises :class:`StateError`; damaged files never do: they are repaired or set
    aside, with a message in :attr:`warnings`. :meth:`close` releases the lock.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.emitted = IdSet()
        """Ids whose item is in a finalized output file."""
        self.rejected = IdSet()
        """Ids fetched and found definitively not to be articles."""
        self.pending: dict[int, str] = {}
        """Ids discovered but unresolved when the last run closed, with their URLs."""
        self.sections: dict[str, SectionState] = {}
        self.warnings: list[str] = []
        """One human-readable message per thing recovered or rebuilt while loading."""
        self.needs_rebuild = False
        """True when ``emitted.ids`` did not exist at :meth:`open` (a first run or a lost
        state): :meth:`rebuild_emitted` from the existing outputs avoids re-emitting them."""
        self._lock_fd: int | None = None
        self._emitted_fd: int | None = None
        self._rejected_fd: int | None = None
        self._rejected_unsynced = False

    def __enter__(self) -> CrawlState:
        return self.open()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def is_open(self) -> bool:
        return self._lock_fd is not None

    def open(self) -> CrawlState:
        """Lock and load the state; returns ``self``. Opening an open state does nothing."""
        if self._lock_fd is not None:
            return self
        if self.directory.exists() and not self.directory.is_dir():
            raise StateError(f"state directory {self.directory} is a file, not a directory")
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StateError(
                f"state directory {self.directory} cannot be created: {exc.strerror}"
            ) from None
        self._lock_fd = self._lock()
        try:
            self._load()
        except OSError as exc:
            self.close()
            raise StateError(f"state directory {self.directory} cannot be used: {exc}") from None
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        """Sync ``rejected.ids`` and release the lock; closing twice does nothing."""
        if self._lock_fd is None:
            return
        try:
            self._sync_rejected()
        finally:
            for fd in (self._emitted_fd, self._rejected_fd):
                if fd is not None:
                    os.close(fd)
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = self._emitted_fd = self._rejected_fd = None

    def is_known(self, article_id: int) -> bool:
        """True when the id was emitted or rejected by an earlier commit."""
        return article_id in self.emitted or article_id in self.rejected

    def commit_emitted(self, ids: Iterable[int]) -> int:
        """Durably record ids whose output file is finalized; returns how many were new.

        Only ids not already emitted are appended, then the file is fsynced; calling it
        again with the same ids writes nothing.
        """
        fd = self._require(self._emitted_fd)
        new = sorted({_check_id(i) for i in ids if i not in self.emitted})
        if new:
            self._append(fd, EMITTED, new, sync=True)
            self.emitted.update(new)
        return len(new)

    def mark_rejected(self, article_id: int) -> None:
        """Record an id that is definitively not an article; fsynced by :meth:`save`/:meth:`close`."""
        fd = self._require(self._rejected_fd)
        if _check_id(article_id) not in self.rejected:
            self._append(fd, REJECTED, [article_id], sync=False)
            self.rejected.add(article_id)
            self._rejected_unsynced = True

    def save(
        self,
        pending: dict[int, str] | None = None,
        sections: dict[str, SectionState] | None = None,
    ) -> None:
        """Atomically replace ``pending.json`` and/or ``sections.json`` (None leaves one as is).

        Pending ids already emitted or rejected are dropped. ``rejected.ids`` is fsynced too.
        """
        self._require(self._lock_fd)
        self._sync_rejected()
        if pending is not None:
            kept = {_check_id(i): url for i, url in pending.items() if not self.is_known(i)}
            self._write_json(
                PENDING,
                {"version": STATE_VERSION, "pending": {str(i): kept[i] for i in sorted(kept)}},
            )
            self.pending = kept
        if sections is not None:
            self._write_json(
                SECTIONS,
                {
                    "version": STATE_VERSION,
                    "sections": {name: sections[name].to_json() for name in sorted(sections)},
                },
            )
            self.sections = dict(sections)

    def rebuild_emitted(self, outputs: Iterable[Path]) -> int:
        """Commit the ``id`` of every record in JSON Lines output files; returns how many were new.

        Files named ``*.partial`` are unfinished and skipped; lines that are not a complete
        JSON object with an integer ``id`` (a truncated last line) are skipped with a warning.
        """
        self._require(self._emitted_fd)
        found: list[int] = []
        for path in map(Path, outputs):
            if path.name.endswith(".partial"):
                continue
            unreadable = 0
            try:
                with path.open("rb") as lines:
                    for line in lines:
                        if line.strip():
                            article_id = _output_id(line)
                            if article_id is None:
                                unreadable += 1
                            else:
                                found.append(article_id)
            except OSError as exc:
                self.warnings.append(f"{path} could not be read ({exc.strerror}); skipped")
            if unreadable:
                self.warnings.append(
                    f"{path}: skipped {unreadable} line(s) without a readable article id"
                )
        new = self.commit_emitted(found)
        self.needs_rebuild = False
        return new

    def summary(self) -> dict[str, int]:
        return {
            "emitted": len(self.emitted),
            "rejected": len(self.rejected),
            "pending": len(self.pending),
            "sections": len(self.sections),
        }

    def _require(self, fd: int | None) -> int:
        if fd is None:
            raise RuntimeError(f"the crawl state in {self.directory} is not open")
        return fd

    def _lock(self) -> int:
        path = self.directory / LOCK
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StateError(
                f"state directory {self.directory} is not writable: {path}: {exc.strerror}"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 4096, 0)
            os.close(fd)
            raise StateLocked.from_record(self.directory, holder) from None
        except OSError as exc:
            os.close(fd)
            raise StateError(f"cannot lock {path}: {exc.strerror}") from None
        record = f"pid={os.getpid()} started={utc_now()} host={socket.gethostname()}\n"
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, record.encode(), 0)
        except OSError as exc:
            os.close(fd)
            raise StateError(f"cannot write {path}: {exc.strerror}") from None
        return fd

    def _load(self) -> None:
        for name in (PENDING, SECTIONS):
            for stale in self.directory.glob(f".{name}.*.tmp"):
                stale.unlink()
        existing = {
            name
            for name in (EMITTED, REJECTED, PENDING, SECTIONS)
            if (self.directory / name).exists()
        }
        for name, loss in (
            (EMITTED, "articles already written may be emitted again"),
            (REJECTED, "pages known not to be articles will be fetched again"),
        ):
            if existing and name not in existing:
                self.warnings.append(
                    f"{self.directory / name} is missing although the state was used before; "
                    f"it starts empty and {loss}"
                )
        self.needs_rebuild = EMITTED not in existing
        self.emitted = self._load_ids(EMITTED)
        self.rejected = self._load_ids(REJECTED)
        pending = self._load_json(PENDING, _parse_pending) or {}
        self.pending = {i: url for i, url in pending.items() if not self.is_known(i)}
        self.sections = self._load_json(SECTIONS, _parse_sections) or {}
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
        self._emitted_fd = os.open(self.directory / EMITTED, flags, 0o644)
        self._rejected_fd = os.open(self.directory / REJECTED, flags, 0o644)
        if {EMITTED, REJECTED} - existing:
            _fsync_dir(self.directory)

    def _load_ids(self, name: str) -> IdSet:
        path = self.directory / name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return IdSet()
        complete, newline, tail = data.rpartition(b"\n")
        if tail:
            # A crash mid-append: cut the partial line so the next append starts a new line
            # instead of extending it into a different id.
            os.truncate(path, len(complete) + len(newline))
            self.warnings.append(
                f"{path}: removed an incomplete last line {tail[:40]!r} (a crash during a "
                "write?); that id may be fetched or emitted again"
            )
        ids: list[int] = []
        unreadable = 0
        for raw in complete.split(b"\n"):
            line = raw.strip()
            if line.isdigit() and len(line) <= 10 and int(line) <= MAX_ID:
                ids.append(int(line))
            elif line:
                unreadable += 1
        if unreadable:
            self.warnings.append(
                f"{path}: skipped {unreadable} line(s) that are not article ids; those ids "
                "may be fetched or emitted again"
            )
        return IdSet(ids)

    def _load_json(self, name: str, parse: Callable[[object], _T]) -> _T | None:
        path = self.directory / name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            return parse(json.loads(data))
        except (ValueError, TypeError, AttributeError, RecursionError) as exc:
            reason = " ".join(str(exc).split())[:120]
            aside = self._set_aside(path)
            self.warnings.append(
                f"{path} is unreadable ({reason}); it was set aside as {aside.name} and the "
                "crawl continues with an empty one"
            )
            return None

    def _set_aside(self, path: Path) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        counter = 1
        while target.exists():
            counter += 1
            target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        path.rename(target)
        return target

    def _append(self, fd: int, name: str, ids: list[int], *, sync: bool) -> None:
        data = memoryview(b"".join(b"%d\n" % i for i in ids))
        start = os.fstat(fd).st_size
        try:
            while data:
                data = data[os.write(fd, data) :]
            if sync:
                os.fsync(fd)
        except OSError as exc:
            # Leave no partial line behind: the next append would extend it into another id.
            with contextlib.suppress(OSError):
                os.ftruncate(fd, start)
            raise StateError(f"cannot write {self.directory / name}: {exc.strerror}") from None

    def _sync_rejected(self) -> None:
        if self._rejected_unsynced and self._rejected_fd is not None:
            try:
                os.fsync(self._rejected_fd)
            except OSError as exc:
                raise StateError(
                    f"cannot write {self.directory / REJECTED}: {exc.strerror}"
                ) from None
            self._rejected_unsynced = False

    def _write_json(self, name: str, document: dict[str, Any]) -> None:
        path = self.directory / name
        temporary = self.directory / f".{name}.{os.getpid()}.tmp"
        data = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()
        try:
            with temporary.open("wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
            _fsync_dir(self.directory)
        except OSError as exc:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise StateError(f"cannot write {path}: {exc.strerror}") from None


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
        "rebuild", help="commit the ids of the finalized JSON Lines outputs under DATA_DIR"
    )
    rebuild.add_argument("directory", type=Path, help="the state directory (created if missing)")
    rebuild.add_argument("--outputs", type=Path, required=True, metavar="DATA_DIR")
    args = parser.parse_args(argv)
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
