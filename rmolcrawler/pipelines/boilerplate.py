"""Stage 2: strip text boilerplate from the body; the trailing ``[initials]`` become ``editor``
unless the page named the editor."""

from __future__ import annotations

from rmolcrawler.items import ArticleItem
from rmolcrawler.normalize.text import ALL_PATTERNS, PATTERNS, clean_body, clean_inline
from rmolcrawler.pipelines.base import Stage


class BoilerplatePipeline(Stage):
    """Applies the named patterns of :mod:`rmolcrawler.normalize.text`, counting each one."""

    stage = "boilerplate"

    def process_article(self, item: ArticleItem) -> ArticleItem:
        for name in ("title", "reporter", "image_caption"):
            value = getattr(item, name)
            if value is not None:
                setattr(item, name, clean_inline(value) or None)
        if item.body:
            # The regional sites' patterns cost a fifth of the cleaning; rmol.id needs none.
            patterns = PATTERNS if item.source == "rmol.id" else ALL_PATTERNS
            result = clean_body(item.body, patterns)
            item.body = result.body or None
            # An editor the page printed by name (``Editor: NAME``) wins over the initials.
            if result.editor and not item.editor:
                item.editor = result.editor
            for pattern, n in result.removed.items():
                self.count(f"removed/{pattern}", n)
        return item
