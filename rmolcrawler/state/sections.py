"""What the last crawl saw of each section's listing."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

NEWEST_KEYS_MAX = 50


@dataclass
class SectionState:
    """What the last crawl saw of one section's listing: ``politik``, ``hukum``, ... on rmol.id,
    ``{site}/{category}`` on a regional site (``rmollampung/daerah``)."""

    last_crawled: str | None = None
    """UTC ISO 8601 time of the last crawl of the section's page 1; None before the first."""
    newest_keys: list[str] = field(default_factory=list)
    """Keys of the articles listed on page 1 at the last crawl, in page order; at most 50 are
    kept."""
    pages_fetched: int = 0
    """Listing pages fetched at the last crawl."""
    articles_seen: int = 0
    """Article links seen on those pages at the last crawl."""
    status: str = "ok"
    """``ok``, ``incomplete`` while a walk is under way, or why page 1 failed, e.g. ``http_404``."""
    gone_since: str | None = None
    """UTC ISO 8601 time page 1 started failing, kept while it fails; None when it works."""

    def __post_init__(self) -> None:
        self.newest_keys = list(self.newest_keys[:NEWEST_KEYS_MAX])

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> SectionState:
        """Parse :meth:`to_json` output; missing keys take defaults, wrong types raise ValueError."""
        if not isinstance(data, dict):
            raise ValueError("a section is not a JSON object")
        default = cls()

        def get(key: str, kind: type, optional: bool = False) -> Any:
            value = data.get(key, getattr(default, key))
            if (value is None and optional) or (
                isinstance(value, kind) and not isinstance(value, bool)
            ):
                return value
            raise ValueError(f"section field {key!r} is not a {kind.__name__}: {value!r}")

        newest = get("newest_keys", list)
        if not all(isinstance(key, str) for key in newest):
            raise ValueError("section field 'newest_keys' holds something other than strings")
        return cls(
            last_crawled=get("last_crawled", str, optional=True),
            newest_keys=newest,
            pages_fetched=get("pages_fetched", int),
            articles_seen=get("articles_seen", int),
            status=get("status", str),
            gone_since=get("gone_since", str, optional=True),
        )
