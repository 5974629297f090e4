"""The output contract: one :class:`ArticleItem` per article, one JSON object per line.

Each field's ``doc`` metadata states its format; ``rmolcrawler/schema/article.schema.json``
states the same as JSON Schema and the tests validate every emitted item against it.
Bump :data:`SCHEMA_VERSION` on any change that breaks consumers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, TypedDict

SCHEMA_VERSION = "1.1"


class RelatedLink(TypedDict):
    """One entry of ``related``."""

    id: int
    url: str
    title: str


def _doc(text: str, **kwargs: Any) -> Any:
    return field(metadata={"doc": text}, **kwargs)


@dataclass
class ArticleItem:
    id: int = _doc("Global article id from the URL path (`/read/YYYY/MM/DD/{id}/...`); int.")
    url: str = _doc(
        "Canonical desktop URL on the crawled origin: `{origin}/{section}/read/YYYY/MM/DD/{id}/{slug}`"
        " (`{origin}/read/...` when the section is unknown)."
    )
    section: str | None = _doc("Section slug, e.g. `politik`; null when no layer names it.")
    title: str | None = _doc("Headline as printed, whitespace collapsed.")
    reporter: str | None = _doc("Reporter as printed after `LAPORAN:`, e.g. `RENI ERINA`; or null.")
    reporter_url: str | None = _doc("Reporter profile URL (`{origin}/about/{slug}-1`); or null.")
    published_at: str | None = _doc(
        "Publish time, ISO 8601 with its offset, e.g. `2020-12-30T06:08:00+07:00`"
        " (WIB +07:00, WITA +08:00, WIT +09:00). Never naive."
    )
    published_at_raw: str | None = _doc(
        "The publish time as printed, e.g. `Rabu, 30 Desember 2020, 06:08 WIB`; or the"
        " structured-data value it came from."
    )
    image_url: str | None = _doc("Absolute URL of the lead image; or null.")
    image_caption: str | None = _doc("Lead image caption with its credit, e.g. `.../Net`; or null.")
    body: str | None = _doc(
        "Article text without boilerplate; paragraphs separated by one blank line (`\\n\\n`)."
    )
    tags: list[str] = _doc(
        "Tags/keywords as printed, in page order, without duplicates.", default_factory=list
    )
    related: list[RelatedLink] = _doc(
        "Related articles (ARTIKEL LAINNYA / BERITA TERKAIT): `{id, url, title}`, canonical URLs,"
        " in page order, each id once, never the article itself.",
        default_factory=list,
    )
    editor: str | None = _doc(
        "Editor as printed: the name of an `Editor: NAME` line, else the initials of the"
        " trailing `[dzk]`; or null.",
        default=None,
    )
    source: str = _doc("Publisher domain: `rmol.id`.", default="rmol.id")
    language: str = _doc("ISO 639-1 language code: `id`.", default="id")
    crawled_at: str = _doc(
        "Fetch time, UTC, ISO 8601, e.g. `2026-11-27T06:00:00+00:00`.", default=""
    )


FIELD_DOCS: dict[str, str] = {f.name: f.metadata["doc"] for f in fields(ArticleItem)}
FIELD_NAMES: tuple[str, ...] = tuple(FIELD_DOCS)
