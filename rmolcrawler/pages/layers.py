"""Where a field's value came from: the layers every field method tries in order."""

from __future__ import annotations

from enum import StrEnum
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")


class Layer(StrEnum):
    SITE = "site"
    """The site's own markup: the selectors of rmol-site.md."""
    STRUCTURED = "structured"
    """JSON-LD ``NewsArticle``, ``og:`` and ``article:`` meta tags."""
    TEXT = "text"
    """Patterns over the visible text (``LAPORAN:`` line, byline date, AMP line)."""
    URL = "url"
    """What the article URL says (id, date, section)."""


class Found(NamedTuple, Generic[T]):
    """A field value and the layer that produced it."""

    value: T
    layer: Layer
