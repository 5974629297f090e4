"""Feed storage whose files appear under their final name only when complete.

Items are written to ``<name>.partial``; when Scrapy stores the feed, the file is flushed,
fsynced and renamed to ``<name>``. A reader never sees half a file. A crash leaves the
``.partial`` file, which the next run reports. A write that failed once (a full disk) makes
the store fail, so a truncated file is never published as complete; the crawl is closed with
the reason ``output_failed``.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Self

from scrapy import Spider
from scrapy.extensions.feedexport import FileFeedStorage
from scrapy.utils.defer import deferred_from_coro

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

PARTIAL_SUFFIX = ".partial"


class GuardedWriter(io.BufferedWriter):
    """A buffered file that remembers its first write error and reports it once."""

    def __init__(self, raw: io.RawIOBase, on_error: Callable[[OSError], None] | None = None):
        super().__init__(raw)
        self.error: OSError | None = None
        self._on_error = on_error

    def _failed(self, exc: OSError) -> None:
        if self.error is None:
            self.error = exc
            if self._on_error is not None:
                self._on_error(exc)

    def write(self, data: Any) -> int:
        try:
            return super().write(data)
        except OSError as exc:
            self._failed(exc)
            raise

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as exc:
            self._failed(exc)
            raise


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class AtomicFileFeedStorage(FileFeedStorage):
    """Local-file feeds (plain paths and ``file://``) written atomically when overwriting.

    Appending feeds (``-o``) append in place, as Scrapy's own file storage does.
    """

    def __init__(
        self,
        uri: str,
        *,
        feed_options: dict[str, Any] | None = None,
        crawler: Crawler | None = None,
    ) -> None:
        super().__init__(uri, feed_options=feed_options)
        self.crawler = crawler
        self.final = Path(self.path)
        self.partial = self.final.with_name(self.final.name + PARTIAL_SUFFIX)
        self.stored = False
        self.open_error: OSError | None = None
        self._file: GuardedWriter | None = None

    @classmethod
    def from_crawler(
        cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None
    ) -> Self:
        return cls(uri, feed_options=feed_options, crawler=crawler)

    @property
    def atomic(self) -> bool:
        return self.write_mode == "wb"

    def open(self, spider: Spider) -> IO[bytes]:
        target = self.partial if self.atomic else self.final
        try:
            self.final.parent.mkdir(parents=True, exist_ok=True)
            raw = io.FileIO(target, "w" if self.atomic else "a")
        except OSError as exc:
            # Scrapy cannot handle a failing open; take items into a sink, fail at store.
            self.open_error = exc
            self._write_failed(exc)
            return io.BytesIO()
        self._file = GuardedWriter(raw, self._write_failed)
        return self._file

    def _write_failed(self, exc: OSError) -> None:
        logger.error(
            "Writing the feed %s failed: %s. Closing the crawl; nothing of this file "
            "is published or marked done.",
            self.partial,
            exc,
        )
        engine = self.crawler.engine if self.crawler else None
        if engine is not None and engine.spider is not None:
            if self.crawler and self.crawler.stats:
                self.crawler.stats.inc_value("rmol/output/write_failed")
            deferred_from_coro(engine.close_spider_async(reason="output_failed"))

    def store(self, file: IO[bytes]) -> None:
        if self.open_error is not None:
            file.close()
            raise OSError(f"{self.partial} could not be created ({self.open_error})")
        guarded = self._file
        try:
            file.flush()
            os.fsync(file.fileno())
        finally:
            file.close()
        if guarded is not None and guarded.error is not None:
            raise OSError(
                f"a write to {self.partial} failed earlier ({guarded.error}); "
                f"left unpublished as {self.partial.name}"
            )
        if self.atomic:
            os.replace(self.partial, self.final)
            fsync_dir(self.final.parent)
        self.stored = True

    def discard_if_empty(self) -> None:
        """Remove this run's unpublished, empty ``.partial`` file (an unused batch)."""
        if not self.stored and self.partial.exists() and self.partial.stat().st_size == 0:
            self.partial.unlink()
