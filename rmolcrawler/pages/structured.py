"""Structured data of a page: the JSON-LD (news) article and the ``<meta>`` tags.

A short reader rather than extruct: extruct would bring rdflib and several parsers for the two
formats the page classes read (rmol-site.md: whether rmol.id emits either is unknown).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cached_property
from typing import Any

from parsel import Selector

from rmolcrawler.normalize.text import collapse_ws

JSON_LD = 'script[type="application/ld+json"]::text'
MODIFIED_METAS = ("article:modified_time", "og:updated_time")
"""The metas of a page's own modification time, in the order they are tried."""
NEWS_TYPES = frozenset(
    {
        "NewsArticle",
        "Article",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BlogPosting",
    }
)


class StructuredData:
    """The page's JSON-LD article (:attr:`article`) and meta values (:meth:`meta`)."""

    def __init__(self, page: Selector) -> None:
        self.page = page

    @cached_property
    def article(self) -> dict[str, Any]:
        """The first JSON-LD object typed as a (news) article, ``@graph`` included; or ``{}``."""
        for obj in self._json_ld_objects():
            types = obj.get("@type")
            names = types if isinstance(types, list) else [types]
            if any(t in NEWS_TYPES for t in names if isinstance(t, str)):
                return obj
        return {}

    def _json_ld_objects(self) -> Iterator[dict[str, Any]]:
        for raw in self.page.css(JSON_LD).getall():
            try:
                data = json.loads(raw, strict=False)
            except ValueError:
                continue
            queue: list[Any] = [data]
            while queue:
                item = queue.pop(0)
                if isinstance(item, list):
                    queue.extend(item)
                elif isinstance(item, dict):
                    graph = item.get("@graph")
                    if isinstance(graph, list):
                        queue.extend(graph)
                    yield item

    @cached_property
    def metas(self) -> dict[str, list[str]]:
        """``<meta property|name=... content=...>`` values by lower-cased key, in page order."""
        out: dict[str, list[str]] = {}
        for node in self.page.root.iter("meta"):  # lxml's own walk: no Selector per node
            key = (node.get("property") or node.get("name") or "").strip().lower()
            value = (node.get("content") or "").strip()
            if key and value:
                out.setdefault(key, []).append(value)
        return out

    def modified_values(self) -> Iterator[str]:
        """The page's own modification times as printed, in the order they are tried: JSON-LD
        ``dateModified``, then each of :data:`MODIFIED_METAS` (its first non-blank value). Read
        one by one, so that the metas are not read when the JSON-LD answers."""
        if value := ld_text(self.article.get("dateModified")):
            yield value
        for key in MODIFIED_METAS:
            if value := self.meta(key):
                yield value

    def meta(self, *keys: str) -> str | None:
        """The first non-blank value of the first of ``keys`` that has one, collapsed."""
        for key in keys:
            for value in self.metas.get(key, []):
                text = collapse_ws(value)
                if text:
                    return text
        return None


def ld_text(value: Any) -> str | None:
    """A JSON-LD value reduced to text: strings, ``{"name": ...}`` and first list items."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("url") or value.get("@id")
    if isinstance(value, str | int | float):
        return collapse_ws(str(value)) or None
    return None


def ld_url(value: Any) -> str | None:
    """A JSON-LD URL: a string, ``{"url": ...}`` or ``{"@id": ...}``, or a first list item."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id")
    return value.strip() if isinstance(value, str) and value.strip() else None
