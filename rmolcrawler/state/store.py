"""The crawl state's store: one SQLite database per state directory, owned by this module.

A state directory holds:

``state.sqlite``
    The database, in WAL mode (``state.sqlite-wal`` and ``-shm`` sit beside it while open).
``lock``
    ``pid=... started=... host=...`` of the process holding the exclusive ``flock`` on it.
``legacy-v1/``
    The version 1 files (``emitted.ids``, ...), moved there after their one-time import.
``state.sqlite.corrupt-<time>``
    A damaged database, set aside; a new one is started and rebuilt from the outputs.

Every article is recorded by its key (:func:`rmolcrawler.items.rmol_key`, ``rmol.id/674000``,
or ``rmollampung.id/{slug}`` on a regional site).

The schema version is ``PRAGMA user_version``; :data:`MIGRATIONS` brings an older database up
to date in one transaction per version, so a later version adds tables by appending a step.
Version 2 keyed the tables by article key instead of rmol.id's integer id: the ids of a
version 1 database become ``rmol.id/{id}``. Version 3 added ``contents``, one
:class:`~rmolcrawler.state.contents.ContentState` per article emitted since, for revisits:
articles emitted before it have no row and are not revisited.

Every write is one transaction, synced before it returns (``synchronous=FULL``). The caller
commits a key only once its output file is finalized, so a crash can cause a duplicate on the
next run but never a loss. Nothing here imports Scrapy.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import json
import logging
import os
import socket
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from rmolcrawler.items import KEY_PATTERN, rmol_key
from rmolcrawler.state import contents as contents_table
from rmolcrawler.state import legacy
from rmolcrawler.state.contents import ContentState
from rmolcrawler.state.sections import SectionState

logger = logging.getLogger(__name__)

DATABASE = "state.sqlite"
LOCK = "lock"


def _rekeyed(table: str, definition: str, columns: str) -> tuple[str, ...]:
    """Version 2 of a table keyed by rmol.id's integer ``id``: keyed by ``key``, the ids
    becoming ``rmol.id/{id}``."""
    return (
        f"CREATE TABLE {table}_v2 (key TEXT PRIMARY KEY{definition})",
        f"INSERT INTO {table}_v2 SELECT 'rmol.id/' || id{columns} FROM {table}",
        f"DROP TABLE {table}",
        f"ALTER TABLE {table}_v2 RENAME TO {table}",
    )


def _newest_ids_to_keys(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT name, newest_keys FROM sections").fetchall()
    db.executemany(
        "UPDATE sections SET newest_keys = ? WHERE name = ?",
        (
            (json.dumps([rmol_key(i) for i in json.loads(newest) if type(i) is int]), name)
            for name, newest in rows
        ),
    )


Step = str | Callable[[sqlite3.Connection], None]
"""One statement of a migration, or a function run in its transaction."""

MIGRATIONS: tuple[tuple[Step, ...], ...] = (
    (  # version 1
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE emitted (id INTEGER PRIMARY KEY)",
        "CREATE TABLE rejected (id INTEGER PRIMARY KEY, reason TEXT NOT NULL, at TEXT NOT NULL)",
        "CREATE TABLE pending (id INTEGER PRIMARY KEY, url TEXT NOT NULL, depth INTEGER NOT NULL)",
        """CREATE TABLE sections (
            name TEXT PRIMARY KEY, last_crawled TEXT, newest_ids TEXT NOT NULL,
            pages_fetched INTEGER NOT NULL, articles_seen INTEGER NOT NULL, status TEXT NOT NULL,
            gone_since TEXT)""",
        """CREATE TABLE drops (
            id INTEGER PRIMARY KEY, reason TEXT NOT NULL, count INTEGER NOT NULL,
            last_seen TEXT NOT NULL)""",
    ),
    (  # version 2: keyed by article key
        *_rekeyed("emitted", "", ""),
        *_rekeyed("rejected", ", reason TEXT NOT NULL, at TEXT NOT NULL", ", reason, at"),
        *_rekeyed("pending", ", url TEXT NOT NULL, depth INTEGER NOT NULL", ", url, depth"),
        *_rekeyed(
            "drops",
            ", reason TEXT NOT NULL, count INTEGER NOT NULL, last_seen TEXT NOT NULL",
            ", reason, count, last_seen",
        ),
        "ALTER TABLE sections RENAME COLUMN newest_ids TO newest_keys",
        _newest_ids_to_keys,
    ),
    (  # version 3: each emitted article's last content and revisit times
        """CREATE TABLE contents (
            key TEXT PRIMARY KEY, url TEXT NOT NULL, revision INTEGER NOT NULL,
            content_hash TEXT NOT NULL, published_at TEXT, last_change_at TEXT NOT NULL,
            next_revisit_at TEXT, checked_at TEXT NOT NULL, removed_at TEXT,
            removed_status INTEGER)""",
        "CREATE INDEX contents_due ON contents (next_revisit_at) WHERE removed_at IS NULL",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_SECTION_COLUMNS = (
    "name, last_crawled, newest_keys, pages_fetched, articles_seen, status, gone_since"
)
_CONTENT_COLUMNS = ", ".join(contents_table.COLUMNS)


def utc_now() -> str:
    """The current UTC time as ISO 8601 to the second, e.g. ``2026-11-27T06:00:00+00:00``."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def key_order(key: str) -> tuple[str, int, str]:
    """Sorts keys by domain, then rmol.id's numeric ids by number (``rmol.id/9`` before
    ``rmol.id/10``), then slugs alphabetically."""
    domain, _, rest = key.partition("/")
    return domain, len(rest) if rest.isdigit() else 0, rest


def _check_key(key: str) -> str:
    if not isinstance(key, str):
        raise TypeError(f"an article key must be a str, not {type(key).__name__}")
    if not KEY_PATTERN.fullmatch(key):
        raise ValueError(f"not an article key (rmol.id/{{id}} or {{domain}}/{{slug}}): {key!r}")
    return key


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


class _Damaged(Exception):
    """The database file is not a usable SQLite database."""


class CrawlState:
    """The state directory of scheduled incremental crawls, opened by one process at a time.

    :meth:`open` (or ``with``) creates the directory, takes an exclusive non-blocking lock
    (:class:`StateLocked` if another process holds it), opens the database (a damaged one is
    set aside and a new one started, an older one migrated), imports version 1 files once, and
    loads the pending keys and sections. Any unusable directory raises :class:`StateError`;
    what was recovered is described in :attr:`warnings`. :meth:`close` releases the lock.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / DATABASE
        self.pending: dict[str, tuple[str, int]] = {}
        """Articles found but unresolved when the last run closed: ``{key: (url, depth)}``, in
        :func:`key_order`."""
        self.sections: dict[str, SectionState] = {}
        self.warnings: list[str] = []
        """One human-readable message per thing recovered or rebuilt while opening."""
        self.needs_rebuild = False
        """True when the database was started empty at :meth:`open` (a first run, a lost or
        damaged state): :meth:`rebuild_emitted` from the outputs avoids re-emitting them."""
        self._lock_fd: int | None = None
        self._db: sqlite3.Connection | None = None

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

    # ---- opening and closing ----------------------------------------------------------------
    def open(self) -> CrawlState:
        """Lock, open and load the state; returns ``self``. Opening an open state does nothing."""
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
        used_before = (self.directory / LOCK).exists()
        self._lock_fd = self._lock()
        try:
            created = self._connect()
            self._import_v1(created, used_before)
            self._load()
        except (sqlite3.Error, OSError) as exc:
            self.close()
            raise StateError(f"state directory {self.directory} cannot be used: {exc}") from None
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        """Close the database and release the lock; closing twice does nothing."""
        if self._lock_fd is None:
            return
        try:
            if self._db is not None:
                self._db.close()
        finally:
            self._db = None
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

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

    def _connect(self) -> bool:
        """Open the database, setting a damaged one aside; True when it was started empty."""
        try:
            self._db, version = self._open_database()
        except _Damaged as exc:
            aside = self._set_aside()
            self.warnings.append(
                f"{self.path} is damaged ({exc}); it was set aside as {aside.name} and a new "
                "one is started, rebuilt from the finished outputs"
            )
            self._db, version = self._open_database()
        if version > SCHEMA_VERSION:
            raise StateError(
                f"{self.path} has schema version {version}, newer than this rmolcrawler's "
                f"{SCHEMA_VERSION}: use the newer rmolcrawler"
            )
        for number in range(version, SCHEMA_VERSION):
            with self._write() as db:
                for step in MIGRATIONS[number]:
                    if isinstance(step, str):
                        db.execute(step)
                    else:
                        step(db)
                db.execute(f"PRAGMA user_version = {number + 1}")
        return version == 0

    def _open_database(self) -> tuple[sqlite3.Connection, int]:
        db = sqlite3.connect(self.path, isolation_level=None)
        try:
            check = db.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise _Damaged(f"quick_check: {' '.join(str(check).split())[:120]}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            db.close()
            code = getattr(exc, "sqlite_errorcode", None)
            if isinstance(code, int) and (code & 0xFF) in _DAMAGED:
                raise _Damaged(str(exc)) from None
            raise
        except BaseException:
            db.close()
            raise
        return db, version

    def _set_aside(self) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        suffix = f".corrupt-{stamp}"
        counter = 1
        while self.path.with_name(self.path.name + suffix).exists():
            counter += 1
            suffix = f".corrupt-{stamp}-{counter}"
        for name in (DATABASE, f"{DATABASE}-wal", f"{DATABASE}-shm", f"{DATABASE}-journal"):
            path = self.directory / name
            if path.exists():
                path.rename(path.with_name(name + suffix))
        return self.path.with_name(self.path.name + suffix)

    def _import_v1(self, created: bool, used_before: bool) -> None:
        """Import the version 1 files once, then move them into ``legacy-v1/``."""
        v1 = legacy.read_v1(self.directory)
        if v1 is None:
            if created and used_before and not self.warnings:
                self.warnings.append(
                    f"{self.path} is missing although the state was used before; it starts "
                    "empty and is rebuilt from the finished outputs"
                )
            self.needs_rebuild = created
            return
        if self._meta("v1_imported") is None:
            now = utc_now()
            with self._write() as db:
                db.executemany(
                    "INSERT OR IGNORE INTO emitted VALUES (?)", _rows(map(rmol_key, v1.emitted))
                )
                db.executemany(
                    "INSERT OR IGNORE INTO rejected VALUES (?, 'unrecorded', ?)",
                    ((rmol_key(i), now) for i in v1.rejected),
                )
                db.executemany(
                    "INSERT OR REPLACE INTO pending VALUES (?, ?, 0)",
                    ((rmol_key(i), url) for i, url in v1.pending.items()),
                )
                self._write_sections(db, v1.sections)
                db.execute("INSERT INTO meta VALUES ('v1_imported', ?)", (now,))
            self.warnings += v1.warnings
        aside = legacy.move_aside(self.directory)
        logger.info(
            "Crawl state %s: imported the version 1 files (%s: %d emitted, %d rejected, "
            "%d pending, %d sections) and moved them to %s",
            self.directory,
            ", ".join(v1.files),
            len(v1.emitted),
            len(v1.rejected),
            len(v1.pending),
            len(v1.sections),
            aside,
        )
        if legacy.EMITTED not in v1.files:
            self.warnings.append(
                f"{self.directory / legacy.EMITTED} is missing although the state was used "
                "before; it starts empty and is rebuilt from the finished outputs"
            )
        self.needs_rebuild = created and legacy.EMITTED not in v1.files

    def _load(self) -> None:
        db = self._require()
        rows = db.execute(
            "SELECT key, url, depth FROM pending WHERE key NOT IN (SELECT key FROM emitted) "
            "AND key NOT IN (SELECT key FROM rejected)"
        )
        self.pending = {
            key: (url, depth) for key, url, depth in sorted(rows, key=lambda r: key_order(r[0]))
        }
        self.sections = {
            name: SectionState(last_crawled, json.loads(newest), pages, seen, status, gone)
            for name, last_crawled, newest, pages, seen, status, gone in db.execute(
                f"SELECT {_SECTION_COLUMNS} FROM sections ORDER BY name"
            )
        }

    # ---- reading ----------------------------------------------------------------------------
    def is_known(self, key: str) -> bool:
        """True when the key is emitted or rejected now (including this process's commits)."""
        if not isinstance(key, str):
            return False
        row = self._require().execute(
            "SELECT EXISTS (SELECT 1 FROM emitted WHERE key = ?1) "
            "OR EXISTS (SELECT 1 FROM rejected WHERE key = ?1)",
            (key,),
        )
        return bool(row.fetchone()[0])

    def emitted_keys(self) -> list[str]:
        """Every emitted key, in :func:`key_order`."""
        return sorted(
            (k for (k,) in self._require().execute("SELECT key FROM emitted")), key=key_order
        )

    def rejected_keys(self) -> dict[str, str]:
        """``{key: reason}`` of every rejected key, in :func:`key_order`."""
        rows = self._require().execute("SELECT key, reason FROM rejected")
        return dict(sorted(rows, key=lambda r: key_order(r[0])))

    def drops(self) -> dict[str, tuple[str, int]]:
        """``{key: (reason, consecutive runs)}`` of pages the validation stage dropped."""
        rows = self._require().execute("SELECT key, reason, count FROM drops")
        return {
            k: (reason, count) for k, reason, count in sorted(rows, key=lambda r: key_order(r[0]))
        }

    def content(self, key: str) -> ContentState | None:
        """The content state of an emitted key; None for a key without one (not emitted, or
        emitted before version 3 of the state)."""
        row = (
            self._require()
            .execute(f"SELECT {_CONTENT_COLUMNS} FROM contents WHERE key = ?", (key,))
            .fetchone()
        )
        return None if row is None else contents_table.from_row(row)

    def due_revisits(self, now: datetime | None, limit: int | None = None) -> list[ContentState]:
        """The articles not removed whose next revisit is at or before ``now``, the longest
        due first (then by key); with ``now`` None, every article not removed whatever its
        next revisit time, never-revisited ones last. At most ``limit`` of them when given."""
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be None or >= 0, not {limit}")
        select = f"SELECT {_CONTENT_COLUMNS} FROM contents WHERE removed_at IS NULL"
        order = "ORDER BY next_revisit_at IS NULL, next_revisit_at, key LIMIT ?"
        if now is None:
            rows = self._require().execute(f"{select} {order}", (-1 if limit is None else limit,))
        else:
            rows = self._require().execute(
                f"{select} AND next_revisit_at <= ? {order}",
                (contents_table.utc_text(now), -1 if limit is None else limit),
            )
        return [contents_table.from_row(row) for row in rows]

    def summary(self) -> dict[str, int]:
        """Counts of the state: keys emitted, rejected and pending, sections, articles with a
        next revisit time (``revisitable``) and articles found removed (``removed``)."""
        db = self._require()
        return {
            "emitted": db.execute("SELECT count(*) FROM emitted").fetchone()[0],
            "rejected": db.execute("SELECT count(*) FROM rejected").fetchone()[0],
            "pending": len(self.pending),
            "sections": len(self.sections),
            "revisitable": db.execute(
                "SELECT count(*) FROM contents WHERE removed_at IS NULL "
                "AND next_revisit_at IS NOT NULL"
            ).fetchone()[0],
            "removed": db.execute(
                "SELECT count(*) FROM contents WHERE removed_at IS NOT NULL"
            ).fetchone()[0],
        }

    # ---- writing ----------------------------------------------------------------------------
    def commit_emitted(self, keys: Iterable[str], contents: Iterable[ContentState] = ()) -> int:
        """Record keys whose output file is finalized, with the content state of the article
        revisions and removals written in it, in one transaction; returns how many keys were
        new.

        The keys of ``contents`` are committed too. Their drop records go (the page is an
        article after all). Each content state replaces the key's row (see
        :meth:`record_contents`). Committing known keys again writes nothing.
        """
        rows = {content.key: content for content in contents}
        checked = sorted({_check_key(k) for k in keys} | rows.keys(), key=key_order)
        if not checked:
            self._require()
            return 0
        with self._write() as db:
            new = db.executemany("INSERT OR IGNORE INTO emitted VALUES (?)", _rows(checked))
            db.executemany("DELETE FROM drops WHERE key = ?", _rows(checked))
            db.executemany(
                f"INSERT OR REPLACE INTO contents ({_CONTENT_COLUMNS}) "
                f"VALUES ({', '.join('?' for _ in contents_table.COLUMNS)})",
                map(contents_table.to_row, rows.values()),
            )
        return new.rowcount

    def record_contents(self, contents: Iterable[ContentState]) -> None:
        """Upsert content states in one transaction: each replaces its key's row as given
        (revision included; the caller counts revisions), and its key is committed as
        emitted. A row with ``removed_at`` set records a removal; a row without it clears one
        (the page came back). :meth:`commit_emitted` does this with more keys."""
        self.commit_emitted((), contents)

    def record_checked(
        self, key: str, checked_at: datetime, next_revisit_at: datetime | None
    ) -> bool:
        """Record a revisit that found the article unchanged: only ``checked_at`` and the next
        revisit time (None: never) move. False when the key has no content state or is
        removed, and nothing is written."""
        _check_key(key)
        values = (
            contents_table.utc_text(checked_at),
            None if next_revisit_at is None else contents_table.utc_text(next_revisit_at),
            key,
        )
        with self._write() as db:
            updated = db.execute(
                "UPDATE contents SET checked_at = ?, next_revisit_at = ? "
                "WHERE key = ? AND removed_at IS NULL",
                values,
            )
        return updated.rowcount == 1

    def mark_removed(self, key: str, at: datetime, status: int) -> bool:
        """Record that an article was found removed at ``at`` with HTTP ``status`` (200 for a
        not-found page); it is never due again. False when the key has no content state or
        is removed already, and nothing is written."""
        _check_key(key)
        if type(status) is not int:
            raise TypeError(f"status must be an int, not {type(status).__name__}")
        at_text = contents_table.utc_text(at)
        with self._write() as db:
            updated = db.execute(
                "UPDATE contents SET removed_at = ?1, removed_status = ?2, checked_at = ?1, "
                "next_revisit_at = NULL WHERE key = ?3 AND removed_at IS NULL",
                (at_text, status, key),
            )
        return updated.rowcount == 1

    def reschedule(self, schedule: str, next_of: Callable[[ContentState], datetime | None]) -> int:
        """Recompute every next revisit time when the revisit schedule differs from the one
        they were computed with (``schedule`` is its text); returns how many rows were
        recomputed (0 when the schedule is the same). ``next_of(row)`` is the row's next time
        under the new schedule."""
        stored = self._meta("revisit_schedule")
        if stored == schedule:
            return 0
        db = self._require()
        rows = [
            contents_table.from_row(row)
            for row in db.execute(
                f"SELECT {_CONTENT_COLUMNS} FROM contents WHERE removed_at IS NULL"
            )
        ]
        if not rows and stored is None:
            return 0  # nothing to recompute; the first rows will be written by this schedule
        updates = [
            (None if (at := next_of(row)) is None else contents_table.utc_text(at), row.key)
            for row in rows
        ]
        with self._write() as db:
            db.executemany("UPDATE contents SET next_revisit_at = ? WHERE key = ?", updates)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('revisit_schedule', ?)", (schedule,))
        return len(updates)

    def mark_rejected(self, key: str, reason: str) -> bool:
        """Record a key that is definitively not an article; True when it was not rejected yet."""
        _check_key(key)
        with self._write() as db:
            added = db.execute(
                "INSERT OR IGNORE INTO rejected VALUES (?, ?, ?)", (key, reason, utc_now())
            )
        return added.rowcount == 1

    def record_drop(self, key: str, reason: str) -> int:
        """Record that the page of a key was dropped for ``reason``; returns for how many
        fetches in a row it was dropped for that same reason (1 after another outcome)."""
        _check_key(key)
        with self._write() as db:
            row = db.execute(
                "INSERT INTO drops VALUES (?1, ?2, 1, ?3) ON CONFLICT (key) DO UPDATE SET "
                "count = CASE WHEN reason = excluded.reason THEN count + 1 ELSE 1 END, "
                "reason = excluded.reason, last_seen = excluded.last_seen RETURNING count",
                (key, reason, utc_now()),
            ).fetchone()
        return int(row[0])

    def save(
        self,
        pending: dict[str, tuple[str, int]] | None = None,
        sections: dict[str, SectionState] | None = None,
    ) -> None:
        """Replace the pending keys and/or the sections (None leaves one as is), in one
        transaction. Pending keys already emitted or rejected are left out."""
        kept = None
        if pending is not None:
            kept = {
                _check_key(k): entry
                for k, entry in sorted(pending.items(), key=lambda e: key_order(e[0]))
                if not self.is_known(k)
            }
        with self._write() as db:
            if kept is not None:
                db.execute("DELETE FROM pending")
                db.executemany(
                    "INSERT INTO pending VALUES (?, ?, ?)",
                    ((k, url, depth) for k, (url, depth) in kept.items()),
                )
            if sections is not None:
                self._write_sections(db, sections)
        if kept is not None:
            self.pending = kept
        if sections is not None:
            self.sections = dict(sections)

    @staticmethod
    def _write_sections(db: sqlite3.Connection, sections: dict[str, SectionState]) -> None:
        db.execute("DELETE FROM sections")
        db.executemany(
            f"INSERT INTO sections ({_SECTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    name,
                    s.last_crawled,
                    json.dumps(s.newest_keys),
                    s.pages_fetched,
                    s.articles_seen,
                    s.status,
                    s.gone_since,
                )
                for name, s in sorted(sections.items())
            ),
        )

    def rebuild_emitted(self, outputs: Iterable[Path]) -> int:
        """Commit the ``key`` of every record in JSON Lines output files (``rmol.id/{id}`` for
        a record of schema 1, which has an ``id`` only); returns how many were new. Records of
        schema 3 also give each key's content state (its latest revision, or its removal), so
        revisits go on; the next revisit times are left for the schedule to fill
        (:meth:`reschedule`).

        Files named ``*.partial`` are unfinished and skipped; lines that are not a complete
        JSON object with a valid key or integer id (a truncated last line) are skipped with a
        warning.
        """
        self._require()
        found: list[str] = []
        records: dict[str, list[ContentState]] = {}
        for path in map(Path, outputs):
            if path.name.endswith(".partial"):
                continue
            unreadable = 0
            try:
                with path.open("rb") as lines:
                    for line in lines:
                        if line.strip():
                            record = _output_record(line)
                            key = _output_key(record) if record is not None else None
                            if record is None or key is None:
                                unreadable += 1
                                continue
                            found.append(key)
                            content = _output_content(record)
                            if content is not None:
                                records.setdefault(key, []).append(content)
            except OSError as exc:
                self.warnings.append(f"{path} could not be read ({exc.strerror}); skipped")
            if unreadable:
                self.warnings.append(
                    f"{path}: skipped {unreadable} line(s) without a readable article key"
                )
        new = self.commit_emitted(found, map(_current, records.values()))
        self.needs_rebuild = False
        return new

    # ---- helpers ----------------------------------------------------------------------------
    def _require(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError(f"the crawl state in {self.directory} is not open")
        return self._db

    def _meta(self, key: str) -> str | None:
        row = self._require().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction; a failed write leaves nothing behind and raises StateError."""
        db = self._require()
        try:
            db.execute("BEGIN IMMEDIATE")
            yield db
            db.execute("COMMIT")
        except BaseException as exc:
            if db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StateError(f"cannot write {self.path}: {exc}") from None
            raise


def _rows(keys: Iterable[str]) -> Iterator[tuple[str]]:
    return ((k,) for k in keys)


def _output_record(line: bytes) -> dict[str, Any] | None:
    """One output line as a JSON object; None when it is not one (a truncated last line)."""
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        return None
    return record if isinstance(record, dict) else None


def _output_key(record: dict[str, Any]) -> str | None:
    """The article key of one output record: its ``key``, else (schema 1) ``rmol.id/{id}``."""
    if "key" in record:
        key = record["key"]
        return key if isinstance(key, str) and KEY_PATTERN.fullmatch(key) else None
    article_id = record.get("id")
    return rmol_key(article_id) if type(article_id) is int and article_id >= 0 else None


def _output_content(record: dict[str, Any]) -> ContentState | None:
    """The content state one schema-3 output record holds: an article revision, or a removal
    (with only what a removal says); None for older records or unreadable values."""
    try:
        if record.get("record") == "removal":
            at = datetime.fromisoformat(record["removed_at"])
            return ContentState(
                key=record["key"],
                url=record["url"],
                revision=record["revision"],
                content_hash="sha256:" + "0" * 64,  # unknown: merged with its revision's
                published_at=None,
                last_change_at=at,
                checked_at=at,
                removed_at=at,
                removed_status=record["status"],
            )
        if record.get("record") != "article" or not record.get("content_hash"):
            return None
        seen = datetime.fromisoformat(record["crawled_at"])
        published = record.get("published_at")
        return ContentState(
            key=record["key"],
            url=record["url"],
            revision=record["revision"],
            content_hash=record["content_hash"],
            published_at=datetime.fromisoformat(published) if published else None,
            last_change_at=seen,
            checked_at=seen,
        )
    except (KeyError, TypeError, ValueError):
        return None


def _current(records: list[ContentState]) -> ContentState:
    """What the state must hold for a key, given its records in the outputs: its latest
    revision, marked removed when a removal record came after it."""
    revisions = [r for r in records if not r.removed]
    removals = [r for r in records if r.removed]
    last = max(
        revisions, key=lambda r: (r.revision, r.checked_at or r.last_change_at), default=None
    )
    removal = max(removals, key=lambda r: r.checked_at or r.last_change_at, default=None)
    if removal is None:
        assert last is not None
        return last
    if last is None:
        return removal
    if (removal.checked_at or removal.last_change_at) < (last.checked_at or last.last_change_at):
        return last  # it came back after the removal
    return dataclasses.replace(
        last,
        removed_at=removal.removed_at,
        removed_status=removal.removed_status,
        checked_at=removal.checked_at,
        next_revisit_at=None,
    )
