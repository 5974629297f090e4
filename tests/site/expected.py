"""The items a full crawl of the mirror must emit, computed from the model's truth.

Nothing here parses HTML: every value comes from :class:`tests.site.model.Article`, so a
crawler's output can be compared field by field (all fields but ``crawled_at``).

The builders read the site as it is now: after ``site.edit_content(id)``, ``expected_item(site,
base_url, id)`` holds the new title and body (and the other articles' ``related`` the new title);
after ``site.edit_noncontent(id)``, only its ``related`` differs; a removed article is in no
:func:`expected_items` (:func:`expected_removal` gives its removal record). The site's own
modification time of an article is :func:`expected_modified_at`.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from rmolcrawler.items import FIELD_NAMES, rmol_key
from rmolcrawler.revisions import content_hash
from tests.site.model import (
    RECOVERING_FAULTS,
    SECTIONS,
    Article,
    Site,
)

SOURCE = "rmol.id"
LANGUAGE = "id"


def seed_ids(site: Site) -> list[int]:
    """Ids linked from listings (every section, every page), the home page and the sidebars."""
    ids: list[int] = []
    for section in SECTIONS:
        ids += site.listing(section)
    ids += site.home_headline_ids() + site.home_latest_ids() + site.update_ids()
    ids += site.popular_ids
    return list(dict.fromkeys(ids))


def _emits(site: Site, article_id: int) -> bool:
    rec = site.record(article_id)
    return (
        rec is not None
        and (rec.fault is None or rec.fault in RECOVERING_FAULTS)
        and site.removal(article_id) is None
    )


def reachable_ids(site: Site, max_related_depth: int = 2) -> dict[int, int]:
    """``{id: related depth}`` of every article a full crawl reaches (0 = linked from a list).

    Related links are followed from articles that render (faults other than the flaky one
    yield no page), up to ``max_related_depth`` hops.
    """
    depth = dict.fromkeys(seed_ids(site), 0)
    queue = deque(depth)
    while queue:
        current = queue.popleft()
        if depth[current] >= max_related_depth or not _emits(site, current):
            continue
        for rid in site.article(current).page_related_ids():
            if rid not in depth:
                depth[rid] = depth[current] + 1
                queue.append(rid)
    return depth


def related_entries(site: Site, base_url: str, art: Article) -> list[dict[str, Any]]:
    """``related`` of ``art``'s desktop page: BERITA TERKAIT, Baca Juga, ARTIKEL LAINNYA."""
    out = []
    for rid in art.page_related_ids():
        target = site.article(rid)
        out.append({"id": rid, "url": base_url + target.desktop_path, "title": target.title})
    return out


def expected_item(site: Site, base_url: str, article_id: int) -> dict[str, Any]:
    """The item the desktop page of ``article_id`` must yield (without ``crawled_at``)."""
    art = site.article(article_id)
    no_link = art.variant in ("text_only", "no_author_block")
    return first_revision(
        {
            "key": rmol_key(art.id),
            "id": art.id,
            "url": base_url + art.desktop_path,
            "section": art.section,
            "title": art.title,
            "reporter": art.reporter,
            "reporter_url": None if no_link else f"{base_url}/about/{art.reporter_slug}",
            "published_at": art.iso_time,
            # no_author_block prints no byline: the raw value is JSON-LD datePublished (the
            # article:published_time meta holds the same string).
            "published_at_raw": art.iso_time if art.variant == "no_author_block" else art.byline,
            "image_url": base_url + art.image_path,
            "image_caption": art.caption,
            "body": art.body,
            # truncated pages lose the tags block but keep the article:tag metas (same values).
            "tags": list(art.tags),
            "related": related_entries(site, base_url, art),
            "editor": art.editor,
            "source": SOURCE,
            "language": LANGUAGE,
            "archive": None,
            "modified_at": art.modified_at_raw,
        }
    )


def first_revision(item: dict[str, Any]) -> dict[str, Any]:
    """``item`` as its first revision: ``record``, ``revision`` 1 and its ``content_hash``
    (whose definition :mod:`tests.test_revisions` checks on its own)."""
    full = item | {"record": "article", "revision": 1, "content_hash": content_hash(item)}
    return {name: full[name] for name in FIELD_NAMES if name in full}


def expected_modified_at(site: Site, article_id: int) -> str | None:
    """The ``modified_at`` the desktop page of ``article_id`` yields: JSON-LD ``dateModified``
    (the publish time, in the byline's zone, until an edit), else the ``article:modified_time``
    of an edited page, else None (see :attr:`~tests.site.model.Article.modified_at_raw`). The
    printed value is already ISO 8601 with its offset, so raw and normalized are the same."""
    return site.article(article_id).modified_at_raw


REMOVAL_REASONS = {
    "404": (404, "http_404"),
    "410": (410, "http_410"),
    "soft": (200, "not_found_page"),
}


def expected_removal(site: Site, base_url: str, article_id: int) -> dict[str, Any]:
    """The removal record a revisit of the removed ``article_id`` must emit, without the fields
    the crawl decides (``revision``, ``removed_at``, ``crawled_at``). ``url`` is the desktop
    URL the article was emitted with."""
    how = site.removal(article_id)
    if how is None:
        raise ValueError(f"article {article_id} is not removed")
    status, reason = REMOVAL_REASONS[how]
    return {
        "record": "removal",
        "key": rmol_key(article_id),
        "id": article_id,
        "url": base_url + site.article(article_id).desktop_path,
        "source": SOURCE,
        "status": status,
        "reason": reason,
    }


def expected_amp_item(site: Site, base_url: str, article_id: int) -> dict[str, Any]:
    """The item an AMP page alone yields: no reporter link, AMP date line, no tags, no related,
    no modification time.

    The AMP page has no tags block, no article:* metas and no related box (its Populer/UPDATE
    lists are not related articles), and its reporter is plain text.
    """
    art = site.article(article_id)
    item = expected_item(site, base_url, article_id)
    # Nor JSON-LD or article:* metas: no modification time either.
    item.update(
        reporter_url=None, published_at_raw=art.amp_dateline, tags=[], related=[], modified_at=None
    )
    return first_revision(item)


def expected_items(
    site: Site, base_url: str, max_related_depth: int = 2
) -> dict[int, dict[str, Any]]:
    """``{id: item}`` for every article a full crawl emits (flaky one included, other faults not)."""
    return {
        rid: expected_item(site, base_url, rid)
        for rid in sorted(reachable_ids(site, max_related_depth))
        if _emits(site, rid)
    }
