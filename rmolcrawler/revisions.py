"""What counts as a change of an article, and when an emitted article is fetched again.

:func:`content_hash` is the fingerprint of an article's extracted content: a revisit emits a new
revision only when it differs. :class:`RevisitSchedule` turns a setting such as
``"3h:15m, 1d:30m, 7d:2h, 30d:1d"`` into the next revisit time of an article. Both are pure.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from rmolcrawler.normalize.text import collapse_ws

CONTENT_FIELDS = ("title", "body", "reporter", "tags", "image_caption", "published_at")
"""The item fields a change is measured on; counters, ads, the related box, ``crawled_at`` and
``url`` are left out."""

DEFAULT_REVISIT_SCHEDULE = "3h:15m, 1d:30m, 7d:2h, 30d:1d"


def content_hash(fields: Mapping[str, Any]) -> str:
    """The content hash of an article: ``"sha256:"`` and the hex SHA-256 of its normalized
    content fields.

    Definition: take ``title``, ``body``, ``reporter``, ``tags``, ``image_caption`` and
    ``published_at`` (a missing field counts as null). Normalize each text to Unicode NFC,
    replace every whitespace run (newlines, tabs, NBSP, zero-width space and BOM included) by
    one space and strip it; an empty result is null, so null and ``""`` are the same.
    ``tags`` is the list of its normalized tags in page order, empty and null tags left out
    (null is ``[]``). ``published_at`` is its ISO 8601 text as emitted, offset included (a
    datetime is written so, to the second). Write these six as one JSON object with sorted
    keys, no spaces (separators ``,`` and ``:``) and non-ASCII characters unescaped, and hash
    its UTF-8 bytes. Every other field (``url``, ``crawled_at``, ``modified_at``, ``related``,
    ``section``, ``editor``, ``image_url``, counters, ads) is outside the hash.

    Raises TypeError for a field of another type (a text that is not a str, tags that are
    not a list of str) and ValueError for a naive ``published_at`` datetime.
    """
    normalized = {
        name: _tags(fields.get(name)) if name == "tags" else _text(name, fields.get(name))
        for name in CONTENT_FIELDS
    }
    canonical = json.dumps(normalized, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _text(name: str, value: object) -> str | None:
    if isinstance(value, datetime) and name == "published_at":
        if value.utcoffset() is None:
            raise ValueError(f"published_at must be timezone-aware, got naive {value!r}")
        value = value.isoformat(timespec="seconds")
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"content field {name!r} must be a str or None, not {type(value).__name__}")
    return collapse_ws(unicodedata.normalize("NFC", value)) or None


def _tags(value: object) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise TypeError(f"content field 'tags' must be a list of str, not {type(value).__name__}")
    tags = (_text("tags", tag) for tag in value)
    return [tag for tag in tags if tag is not None]


_STEP = re.compile(r"([0-9]{1,6})([smhd]):([0-9]{1,6})([smhd])")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class RevisitSchedule:
    """How often an emitted article is fetched again, by its age.

    ``steps`` is ``((bound, interval), ...)`` with increasing bounds: an article younger than
    ``bound`` is revisited every ``interval`` (the first bound it is under decides); one as old
    as the last bound or older is never revisited. No steps: revisits are off.
    """

    steps: tuple[tuple[timedelta, timedelta], ...] = ()

    @classmethod
    def parse(cls, text: str) -> RevisitSchedule:
        """Parse ``"AGE:INTERVAL, AGE:INTERVAL, ..."``, e.g. ``"3h:15m, 1d:30m"``: up to age 3
        hours every 15 minutes, then up to a day every 30 minutes, never after. Durations are a
        whole positive number and a unit: ``s``, ``m``, ``h``, ``d``. ``""`` and ``"off"`` mean
        never. Raises ValueError naming the bad part when ``text`` is malformed or its ages do
        not increase."""
        if text.strip().lower() in ("", "off"):
            return cls()
        steps: list[tuple[timedelta, timedelta]] = []
        for part in text.split(","):
            match = _STEP.fullmatch(part.strip())
            if match is None:
                raise ValueError(
                    f"revisit schedule {text!r}: {part.strip()!r} is not AGE:INTERVAL "
                    "(a whole number and a unit s, m, h or d each, e.g. 3h:15m)"
                )
            bound = timedelta(seconds=int(match[1]) * _UNITS[match[2]])
            interval = timedelta(seconds=int(match[3]) * _UNITS[match[4]])
            if not bound or not interval:
                raise ValueError(f"revisit schedule {text!r}: {part.strip()!r} has a zero duration")
            if steps and bound <= steps[-1][0]:
                raise ValueError(
                    f"revisit schedule {text!r}: the age of {part.strip()!r} is not greater "
                    "than the one before it"
                )
            steps.append((bound, interval))
        return cls(tuple(steps))

    def __str__(self) -> str:
        """The schedule as :meth:`parse` reads it, e.g. ``3h:15m, 1d:30m``; ``off`` when empty."""
        return ", ".join(f"{_duration(b)}:{_duration(i)}" for b, i in self.steps) or "off"

    def next_revisit(
        self, now: datetime, published_at: datetime | None, last_change_at: datetime
    ) -> datetime | None:
        """When to fetch an article again: ``now`` plus the interval for its age, or None when
        it is too old (or the schedule is off).

        The age is ``now`` minus the later of ``published_at`` (None when unknown) and
        ``last_change_at`` (when the crawler last saw its content change, first emission
        included). Raises ValueError for a naive datetime.
        """
        for name, value in (
            ("now", now),
            ("published_at", published_at),
            ("last_change_at", last_change_at),
        ):
            if value is not None and value.utcoffset() is None:
                raise ValueError(f"{name} must be timezone-aware, got naive {value!r}")
        latest = last_change_at if published_at is None else max(published_at, last_change_at)
        age = now - latest
        for bound, interval in self.steps:
            if age < bound:
                return now + interval
        return None


def _duration(value: timedelta) -> str:
    seconds = int(value.total_seconds())
    for unit in "dhm":
        if seconds % _UNITS[unit] == 0:
            return f"{seconds // _UNITS[unit]}{unit}"
    return f"{seconds}s"
