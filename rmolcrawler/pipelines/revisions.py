"""Stage 6: number each article's revisions; a revisit that finds nothing changed ends here.

An article the crawl state has no content for is revision 1. One it has is compared by
:func:`rmolcrawler.revisions.content_hash`: a different hash is the next revision; the same
hash on a revisit is dropped as ``unchanged`` (counted, logged at INFO) and only moves the
article's next revisit time (:attr:`RunState.schedule`). The same hash on a fetch the user asked for (``refresh=1``,
``urls=``) is emitted again with its revision unchanged, as those runs promise.

What each emitted revision or removal changes in the state (hash, times, next revisit) is
handed to the run's state, which writes it once the output file holding the record is stored.
Outside a crawl (the offline re-extraction) there is no state: every article is revision 1.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from scrapy.exceptions import DropItem

from rmolcrawler.items import ArticleItem, RemovalItem
from rmolcrawler.pipelines.base import Stage
from rmolcrawler.revisions import content_hash
from rmolcrawler.state import ContentState


class RevisionPipeline(Stage):
    stage = "revisions"

    def process_item(self, item: Any) -> Any:
        if isinstance(item, RemovalItem):
            return self.process_removal(item)
        return super().process_item(item)

    def process_article(self, item: ArticleItem) -> ArticleItem:
        item.content_hash = content_hash(vars(item))
        run = self.context.state if self.context is not None else None
        previous = run.previous(item.key) if run is not None else None
        seen = dt.datetime.fromisoformat(item.crawled_at)
        published = dt.datetime.fromisoformat(item.published_at) if item.published_at else None
        if previous is None:
            # First seen is no change: a backfilled old article's age is its publication's.
            item.revision, last_change = 1, published or seen
            self.count("first")
        elif previous.content_hash != item.content_hash:
            item.revision, last_change = previous.revision + 1, seen
            self.count("changed")
        else:
            item.revision, last_change = previous.revision, previous.last_change_at
            if run is not None and run.is_revisit(item.key):
                run.checked(item.key, seen)
                self.count("unchanged")
                raise DropItem(f"unchanged: {item.url}", log_level="INFO")
            self.count("same_again")
        if run is not None:
            run.emitting(
                ContentState(
                    key=item.key,
                    url=run.fetched_urls.get(item.key, item.url),
                    revision=item.revision,
                    content_hash=item.content_hash,
                    published_at=published,
                    last_change_at=last_change,
                    next_revisit_at=run.schedule.next_revisit(seen, published, last_change),
                    checked_at=seen,
                )
            )
        return item

    def process_removal(self, item: RemovalItem) -> RemovalItem:
        self.count(f"removed/{item.reason}")
        run = self.context.state if self.context is not None else None
        if run is not None:
            run.removing(item.key, dt.datetime.fromisoformat(item.removed_at), item.status)
        return item
