"""What the state knows of each emitted article's content, for revisits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from rmolcrawler.items import KEY_PATTERN

HASH_PATTERN = re.compile(r"sha256:[0-9a-f]{64}")
"""What a :func:`rmolcrawler.revisions.content_hash` looks like."""

_UTC_FIELDS = ("last_change_at", "next_revisit_at", "checked_at", "removed_at")


@dataclass(frozen=True)
class ContentState:
    """One emitted article's last known content and revisit times (a row of ``contents``).

    Times must be timezone-aware; they are kept to the second, ``published_at`` in its own
    offset and the others in UTC, as the store reads them back. Invalid values raise
    ValueError (TypeError for a key that is not a str).
    """

    key: str
    """The article key, e.g. ``rmol.id/674000``."""
    url: str
    """The URL the article is revisited at."""
    revision: int
    """The last revision emitted: 1 for the first."""
    content_hash: str
    """The last revision's :func:`rmolcrawler.revisions.content_hash`."""
    published_at: datetime | None
    """The last revision's publish time, with its offset; None when unknown."""
    last_change_at: datetime
    """When the last revision was seen (its ``crawled_at``)."""
    next_revisit_at: datetime | None = None
    """When to fetch it again; None: never (too old, or revisits were off)."""
    checked_at: datetime | None = None
    """When it was last fetched and compared; ``last_change_at`` when not given."""
    removed_at: datetime | None = None
    """When it was found removed (404, 410, a not-found page); None while it is online."""
    removed_status: int | None = None
    """The HTTP status of that removal (200 for a not-found page); set with ``removed_at``."""

    def __post_init__(self) -> None:
        if not isinstance(self.key, str):
            raise TypeError(f"an article key must be a str, not {type(self.key).__name__}")
        if not KEY_PATTERN.fullmatch(self.key):
            raise ValueError(
                f"not an article key (rmol.id/{{id}} or {{domain}}/{{slug}}): {self.key!r}"
            )
        if not isinstance(self.url, str) or not self.url:
            raise ValueError(f"{self.key}: url must be a non-empty str, not {self.url!r}")
        if type(self.revision) is not int or self.revision < 1:
            raise ValueError(f"{self.key}: revision must be an int >= 1, not {self.revision!r}")
        if not isinstance(self.content_hash, str) or not HASH_PATTERN.fullmatch(self.content_hash):
            raise ValueError(f"{self.key}: not a content hash: {self.content_hash!r}")
        if (self.removed_at is None) != (self.removed_status is None) or (
            self.removed_status is not None and type(self.removed_status) is not int
        ):
            raise ValueError(
                f"{self.key}: removed_at and removed_status (an int) go together, got "
                f"{self.removed_at!r} and {self.removed_status!r}"
            )
        if self.checked_at is None:
            object.__setattr__(self, "checked_at", self.last_change_at)
        for name in ("published_at", *_UTC_FIELDS):
            value = getattr(self, name)
            if value is None and name != "last_change_at":
                continue
            if not isinstance(value, datetime) or value.utcoffset() is None:
                raise ValueError(
                    f"{self.key}: {name} must be a timezone-aware datetime, not {value!r}"
                )
            value = value.replace(microsecond=0)
            object.__setattr__(
                self, name, value if name == "published_at" else value.astimezone(UTC)
            )

    @property
    def removed(self) -> bool:
        return self.removed_at is not None


COLUMNS = tuple(field.name for field in fields(ContentState))
"""The columns of the ``contents`` table, in the order of :class:`ContentState`'s fields."""


def to_row(content: ContentState) -> tuple[object, ...]:
    """The ``contents`` row of ``content``: times as ISO 8601 text."""
    return tuple(
        value.isoformat() if isinstance(value, datetime) else value
        for value in (getattr(content, name) for name in COLUMNS)
    )


def from_row(row: Sequence[Any]) -> ContentState:
    """The :class:`ContentState` of a ``contents`` row, in :data:`COLUMNS` order."""
    key, url, revision, content_hash, published, changed, next_at, checked, removed, status = row
    return ContentState(
        key,
        url,
        revision,
        content_hash,
        _time(published),
        datetime.fromisoformat(changed),
        _time(next_at),
        _time(checked),
        _time(removed),
        status,
    )


def _time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def utc_text(value: datetime) -> str:
    """An aware datetime as the store writes times: UTC ISO 8601 to the second. Raises
    ValueError when ``value`` is naive."""
    if value.utcoffset() is None:
        raise ValueError(f"a time must be timezone-aware, got naive {value!r}")
    return value.astimezone(UTC).replace(microsecond=0).isoformat()
