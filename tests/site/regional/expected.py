"""The items a full crawl of a regional mirror must emit, computed from the model's truth.

Nothing here parses HTML. Every value comes from :class:`~tests.site.regional.model.Article`, so a
crawler's output can be compared field by field (all fields but ``crawled_at``). Decisions where
the real site gives no evidence (see also ``model.VARIANTS``):

- ``related``: the unlabelled inline list after the first paragraph, then BERITA TERKAIT, in page
  order, each article once, never the article itself; ``id`` null, ``url`` canonical on the
  crawled origin, ``title`` as printed. The sidebar (TERPOPULER), the header's breaking-news
  slider, the home page's lists and the rmol.id widget are not related.
- ``published_at_raw``: the printed date with its zone label (``Jumat, 1 Agustus 2025 | 09:15
  WIB``); where the page prints none (the usual case), the site's zone label is appended, so that
  the raw value alone says its zone (the extraction track's convention: the dates pipeline reads
  the zone from it). JSON-LD ``datePublished`` for ``date_jsonld``. For ``date_stamp``, the
  image's ``uniqid()`` second as ISO 8601 in the site's zone, like the URL layer of rmol.id which
  gives the URL's date in ISO form.
- ``editor``: the initials without brackets (``aji``), or the name of the ``Editor: NAME`` line.
- ``image_caption``: once, with its credit; ``image_url`` null when the page has no lead image
  (its ``og:image`` is then the site logo, which is no lead image).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rmolcrawler.items import regional_key
from tests.site.expected import first_revision
from tests.site.regional.model import Article, RegionalSite

LANGUAGE = "id"


def published(art: Article, site: RegionalSite) -> tuple[str, str]:
    """``(published_at, published_at_raw)`` as the page gives them (see the module docstring)."""
    if art.variant == "date_jsonld":
        return art.iso_time, art.iso_time
    if art.variant == "date_stamp" and art.image_stamp is not None:
        when = dt.datetime.fromtimestamp(int(art.image_stamp[:8], 16), site.tz).isoformat()
        return when, when
    assert art.printed_date is not None
    labelled = art.variant in ("zone_label", "wit")
    return art.iso_time, art.printed_date if labelled else f"{art.printed_date} {site.zone}"


def related_entries(site: RegionalSite, base_url: str, art: Article) -> list[dict[str, Any]]:
    out = []
    for rid in art.page_related_ids():
        target = site.article(rid)
        out.append({"id": None, "url": f"{base_url}/{target.slug}", "title": target.title})
    return out


def expected_regional_item(site: RegionalSite, base_url: str, article_id: int) -> dict[str, Any]:
    """The item the page of ``article_id`` must yield (without ``crawled_at``)."""
    art = site.article(article_id)
    name, user = site.reporter(art.record)
    published_at, published_at_raw = published(art, site)
    return first_revision(
        {
            "key": regional_key(site.domain, art.slug),
            "id": None,
            "url": f"{base_url}/{art.slug}",
            "section": art.category,
            "title": art.title,
            "reporter": name,
            "reporter_url": f"{base_url}/profile/{user}",
            "published_at": published_at,
            "published_at_raw": published_at_raw,
            "image_url": base_url + art.image_path if art.image_path else None,
            "image_caption": art.caption,
            "body": art.body,
            "tags": list(art.record.tags),
            "related": related_entries(site, base_url, art),
            "editor": art.editor,
            "source": site.domain,
            "language": LANGUAGE,
            "archive": None,
            "modified_at": art.modified_at_raw,
        }
    )


def expected_regional_items(
    site: RegionalSite, base_url: str, *, include_slow: bool = False
) -> dict[str, dict[str, Any]]:
    """``{key: item}`` of every article a full crawl emits, oldest first: all of them but the
    faults (the flaky one recovers and is included). Each is on its category's listing and on
    the ``/cari`` archive; the off-menu one is also always on the home page.

    The slow article counts only with ``include_slow``: like the rmol.id mirror's, it assumes a
    crawl whose download timeout is shorter than the mirror's ``slow_seconds``."""
    items = {}
    for rid in site.ids:
        rec = site.record(rid)
        if (
            rec is not None
            and site.removal(rid) is None
            and (rec.emits or (include_slow and rec.fault == "slow"))
        ):
            item = expected_regional_item(site, base_url, rid)
            items[item["key"]] = item
    return items
