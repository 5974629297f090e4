"""Shortest discovery paths, so that what a crawl emits does not depend on crawl order.

An article's depth is the length of its shortest discovery path: 0 for an article linked from a
listing or home page, n for one reached only through n related links. Its related links are
followed while its depth is below ``related_depth``. When a shorter path turns up after the
article was scheduled, the article takes the shorter depth; if its page was parsed already, the
related links it was too deep to follow are followed then, and so on down the links.

:class:`ShortestPaths` holds that bookkeeping for one crawl. It knows nothing of Scrapy: the
spider gives it a function that turns an article URL into its key and one that schedules a
request (or declines to), and passes on whatever requests come back.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
R = TypeVar("R")


class ShortestPaths(Generic[K, R]):
    """The depths of the articles one crawl found, keyed by article key.

    ``key_of(url)`` is the article's key, or None for a URL that is no article.
    ``schedule(url, key, depth)`` returns the request for a new article, or None when the spider
    declines it (known to the crawl state, outside the date window); a declined article is not
    remembered, so a later path may schedule it. ``shorter(url, key, depth)`` is told when a
    scheduled article is found again at a smaller depth.
    """

    def __init__(
        self,
        related_depth: int,
        key_of: Callable[[str], K | None],
        schedule: Callable[[str, K, int], R | None],
        shorter: Callable[[str, K, int], None] = lambda url, key, depth: None,
    ) -> None:
        self.related_depth = related_depth
        self.key_of = key_of
        self.schedule = schedule
        self.shorter = shorter
        self.depth_of: dict[K, int] = {}
        """Key -> the shortest depth found so far, for every article scheduled."""
        self.related_of: dict[K, list[str]] = {}
        """Related-link URLs of the articles parsed at a depth above 0, which a shorter path
        found later may still have to follow."""

    def __contains__(self, key: object) -> bool:
        return key in self.depth_of

    def reach(self, url: str, depth: int) -> Iterator[R]:
        """The requests due now that ``url`` was found at ``depth``."""
        key = self.key_of(url)
        if key is None:
            return
        known = self.depth_of.get(key)
        if known is not None and known <= depth:
            return
        if known is None:
            request = self.schedule(url, key, depth)
            if request is not None:
                self.depth_of[key] = depth
                yield request
            return
        self.depth_of[key] = depth
        self.shorter(url, key, depth)
        if key in self.related_of:
            # Depth 0 cannot improve again: its links need not be kept any longer.
            related = self.related_of.pop(key) if depth == 0 else self.related_of[key]
            yield from self.follow(related, depth)

    def parsed(self, key: K, related: list[str], depth: int) -> Iterator[R]:
        """The requests due once the article ``key`` was parsed; ``depth`` is the one its request
        carried, which a shorter path found while it was in flight may have lowered."""
        depth = self.depth_of.setdefault(key, depth)
        if depth > 0:
            self.related_of[key] = related
        yield from self.follow(related, depth)

    def follow(self, related: list[str], depth: int) -> Iterator[R]:
        """The requests for the related links of an article at ``depth``."""
        if depth < self.related_depth:
            for url in related:
                yield from self.reach(url, depth + 1)
