"""Where a field's value came from: the layers every field method tries in order."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Generic, NamedTuple, TypeVar

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


FIELDS = (
    "title",
    "section",
    "reporter",
    "reporter_url",
    "published_at_raw",
    "image_url",
    "image_caption",
    "body",
    "tags",
    "related",
)
"""The item fields every page class finds with a method of the field's name. ``editor`` and
``modified_at`` have one too, but most pages print none: they are never counted as missing."""

OPTIONAL_FIELDS = ("editor", "modified_at")


class Gathered(NamedTuple):
    values: dict[str, Any]
    """Field name -> value (None when no layer found it; tags and related: an empty list)."""
    layers: dict[str, Layer]
    """Field name -> the layer that answered, for the fields found."""
    missing: list[str]
    """The fields of :data:`FIELDS` that no layer found."""


def gather(page: object) -> Gathered:
    """Call the page's field methods (:data:`FIELDS`, then :data:`OPTIONAL_FIELDS`) and sort
    the answers."""
    found: dict[str, Found[Any] | None] = {
        name: getattr(page, name)() for name in (*FIELDS, *OPTIONAL_FIELDS)
    }
    values = {name: f.value if f is not None else None for name, f in found.items()}
    values["tags"] = values["tags"] or []
    values["related"] = values["related"] or []
    layers = {name: f.layer for name, f in found.items() if f is not None}
    missing = [name for name in FIELDS if found[name] is None]
    return Gathered(values, layers, missing)
