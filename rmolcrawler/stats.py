"""The small part of Scrapy's stats API the pipelines use, so they also run outside Scrapy."""

from __future__ import annotations

from typing import Any, Protocol


class Stats(Protocol):
    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None: ...

    def get_value(self, key: str, default: Any = None) -> Any: ...


class CounterStats:
    """A dict-backed :class:`Stats` for the offline re-extraction command and tests."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self.values[key] = self.values.get(key, start) + count

    def get_value(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)
