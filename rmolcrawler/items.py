"""The output contract: one JSON object per line, each a record of one of two kinds.

``record: "article"`` (:class:`ArticleItem`) is one revision of an article; ``record:
"removal"`` (:class:`RemovalItem`) says that an article emitted before is gone. Each field's
``doc`` metadata states its format; ``rmolcrawler/schema/article.schema.json`` and
``removal.schema.json`` state the same as JSON Schema and the tests validate every emitted
record against them. Bump :data:`SCHEMA_VERSION` on any change that breaks consumers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any, TypedDict

SCHEMA_VERSION = "3.0"
"""2.0: ``key`` added, ``id`` null for regional articles, ``source`` any site of the network.
2.1: ``archive`` added (null unless the page came from a public web archive).
3.0: every line has a ``record`` kind; articles carry ``revision``, ``content_hash`` and
``modified_at``; removal records."""

KEY_PATTERN = re.compile(r"[a-z0-9.-]+\.id/[^\s/]+")
"""What a ``key`` looks like (the schema's pattern, matched in full)."""


def rmol_key(article_id: int) -> str:
    """The key of the rmol.id article ``article_id``: ``rmol.id/{id}``, whatever origin served it."""
    return f"rmol.id/{article_id}"


def regional_key(domain: str, slug: str) -> str:
    """The key of a regional article: ``{domain}/{slug}``, the domain without ``www.``."""
    return f"{domain.removeprefix('www.')}/{slug}"


class RelatedLink(TypedDict):
    """One entry of ``related``."""

    id: int | None
    url: str
    title: str


class WarcLocation(TypedDict):
    """Where a Common Crawl record lies: ``{RMOL_CC_DATA_URL}/{filename}``, bytes
    ``offset`` to ``offset + length - 1``."""

    filename: str
    offset: int
    length: int


class ArchiveProvenance(TypedDict):
    """``archive``: the public web archive capture an item was read from."""

    source: str
    captured_at: str
    url: str
    replay_url: str | None
    warc: WarcLocation | None
    digest: str | None


def _doc(text: str, **kwargs: Any) -> Any:
    return field(metadata={"doc": text}, **kwargs)


@dataclass
class ArticleItem:
    key: str = _doc(
        "Network-wide article key: `rmol.id/{id}` for rmol.id (whatever origin was crawled),"
        " `{domain}/{slug}` for a regional site, the domain without `www.`"
        " (`rmollampung.id/{slug}`)."
    )
    id: int | None = _doc(
        "rmol.id's global article id from the URL path (`/read/YYYY/MM/DD/{id}/...`); int."
        " Null for a regional article (its URL has none)."
    )
    url: str = _doc(
        "Canonical desktop URL on the crawled origin: `{origin}/{section}/read/YYYY/MM/DD/{id}/{slug}`"
        " (`{origin}/read/...` when the section is unknown); a regional article: `{origin}/{slug}`."
    )
    section: str | None = _doc(
        "Section slug, e.g. `politik` (a regional site's category slug); null when no layer"
        " names it."
    )
    title: str | None = _doc("Headline as printed, whitespace collapsed.")
    reporter: str | None = _doc(
        "Reporter as printed after `LAPORAN:`, e.g. `RENI ERINA` (regional: the profile link's"
        " text); or null."
    )
    reporter_url: str | None = _doc(
        "Reporter profile URL (`{origin}/about/{slug}-1`; regional `{origin}/profile/{user}`);"
        " or null."
    )
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
        " in page order, each article once, never the article itself; `id` is null on a"
        " regional site.",
        default_factory=list,
    )
    modified_at: str | None = _doc(
        "The site's own modification time, when the page prints one (JSON-LD `dateModified`,"
        " `article:modified_time`), ISO 8601 with its offset; or null.",
        default=None,
    )
    editor: str | None = _doc(
        "Editor as printed: the name of an `Editor: NAME` line, else the initials of the"
        " trailing `[dzk]`; or null.",
        default=None,
    )
    source: str = _doc(
        "Publisher domain: `rmol.id`, or the regional site's without `www.` (`rmollampung.id`).",
        default="rmol.id",
    )
    language: str = _doc("ISO 639-1 language code: `id`.", default="id")
    crawled_at: str = _doc(
        "Fetch time, UTC, ISO 8601, e.g. `2026-11-27T06:00:00+00:00`; for an archived page,"
        " the capture time.",
        default="",
    )
    archive: ArchiveProvenance | None = _doc(
        "Null for a page fetched from its site. For a page read from a public web archive"
        " (`rmol_archive`): `{source, captured_at, url, replay_url, warc, digest}`: `source`"
        " `ia` (Wayback Machine) or `cc` (Common Crawl), `captured_at` the capture time (UTC),"
        " `url` the URL the archive captured, `replay_url` the Wayback `id_` URL (null for"
        " `cc`), `warc` the Common Crawl record `{filename, offset, length}` (null for `ia`),"
        " `digest` the payload's SHA-1 in base32 as the index lists it, or null.",
        default=None,
    )
    record: str = _doc(
        "The record kind: `article` (one revision of an article).", default="article"
    )
    revision: int = _doc(
        "1 when the article is first emitted; each changed version seen later (a revisit whose"
        " `content_hash` differs) is emitted again with the same `key` and `revision` + 1.",
        default=1,
    )
    content_hash: str = _doc(
        "`sha256:<hex>` over the normalized content fields (title, body, reporter, tags,"
        " image_caption, published_at; see `rmolcrawler.revisions.content_hash`): equal hashes,"
        " same content.",
        default="",
    )


@dataclass
class RemovalItem:
    """A record that an article emitted before is gone: it answered 404 or 410, or showed a
    not-found page, when revisited."""

    key: str = _doc("The removed article's key, as in its article records.")
    id: int | None = _doc("rmol.id's article id, or null (a regional article).")
    url: str = _doc("The URL that answered as removed.")
    source: str = _doc("Publisher domain, as in its article records.")
    revision: int = _doc("The last revision emitted before the removal.")
    removed_at: str = _doc("When the removal was seen: the fetch time, UTC, ISO 8601.")
    status: int = _doc("HTTP status of that fetch: 404, 410, or 200 for a not-found page.")
    reason: str = _doc("`http_404`, `http_410` or `not_found_page`.")
    crawled_at: str = _doc("The fetch time (the same as `removed_at`).")
    record: str = _doc("The record kind: `removal`.", default="removal")


FIELD_DOCS: dict[str, str] = {f.name: f.metadata["doc"] for f in fields(ArticleItem)}
FIELD_NAMES: tuple[str, ...] = tuple(FIELD_DOCS)
REMOVAL_FIELD_DOCS: dict[str, str] = {f.name: f.metadata["doc"] for f in fields(RemovalItem)}
