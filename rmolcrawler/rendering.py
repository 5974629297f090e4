"""Browser rendering helpers for scrapy-playwright (opt-in)."""

from __future__ import annotations

from typing import Any

# Resource types the browser never needs to load to get the article text.
ABORTED_RESOURCE_TYPES = frozenset({"image", "media", "font"})


def abort_heavy_request(request: Any) -> bool:
    """``PLAYWRIGHT_ABORT_REQUEST`` predicate: skip images, media and fonts."""
    return str(getattr(request, "resource_type", "")) in ABORTED_RESOURCE_TYPES
