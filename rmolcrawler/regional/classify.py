"""Whether a page fetched from a regional site is an article, and if not, why.

A regional article URL is one slug, the shape of the site's static pages, so the page decides.
The reasons are part of the stats contract (``rmol/page/rejected/<reason>``), rmol.id's where
they mean the same (:mod:`rmolcrawler.pages.classify`):

- ``not_article_url``: the URL is no article URL of the site (the home page, a file, ...);
- ``static_page``: a page of the site (``tentang-kami``, ``disclaimer``, ...): a known static
  slug, or a page with text but none of an article's marks (a date, an author, a category);
- ``category_page``, ``tag_page``, ``profile_page``: those listings, by the (final) URL, or at an
  article-like URL by their own URL in ``og:url``/canonical, or (a category) by the menu's
  active category link;
- ``listing_page``: another listing (``/cari``, or list items at an article-like URL);
- ``block_page``, ``not_found``, ``error_page``, ``video_page``, ``no_article_content``: as on
  rmol.id; the platform's CodeIgniter error pages included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rmolcrawler.pages.classify import CHALLENGE, ERROR, MIN_ARTICLE_CHARS, NOT_FOUND, VIDEO
from rmolcrawler.pages.dom import in_chrome, text_of
from rmolcrawler.pages.layers import Layer

if TYPE_CHECKING:
    from rmolcrawler.regional.article import RegionalArticlePage

ROUTE_REASONS = {
    "category": "category_page",
    "tag": "tag_page",
    "profile": "profile_page",
    "cari": "listing_page",
    "search": "listing_page",
}
# CodeIgniter's own error pages (3RD-PARTY: the framework's templates), besides rmol.id's words.
CI_ERRORS = ("an error was encountered", "a php error was encountered", "a database error occurred")
HEAD_TEXT = (
    "//title//text() | //h1//text() | //h2//text() | //*[contains(@class, 'section-title')]//text()"
)
LIST_ITEM = "div.bussiness-post-item"
# The menu's link to the category a page lists (SEEN: class "active" on the category page).
ACTIVE_CATEGORY = (
    "//a[contains(concat(' ', @class, ' '), ' active ')][contains(@href, '/category/')]"
)
OWN_URLS = 'link[rel="canonical"]::attr(href), meta[property="og:url"]::attr(content)'
MIN_LIST_ITEMS = 4


def rejection(page: RegionalArticlePage) -> str | None:
    """Why ``page`` is not an article; None when it is one."""
    site = page.site
    if page.slug is None:
        if site.static_slug(page.url):
            return "static_page"
        route = site.route_of(page.url)
        return ROUTE_REASONS.get(route or "", "not_article_url")
    container = page.body_node is not None
    head = " ".join(page.page.xpath(HEAD_TEXT).getall()).lower()
    if not container and _mentions(head + " " + " ".join(page.lines[:40]).lower(), CHALLENGE):
        return "block_page"
    prose = _prose(page)
    short = len(" ".join(prose)) < MIN_ARTICLE_CHARS
    if short and not container:
        if _mentions(head, NOT_FOUND):
            return "not_found"
        if _mentions(head + " " + " ".join(page.lines[:40]).lower(), ERROR + CI_ERRORS):
            return "error_page"
    elif short and _mentions(head + " " + " ".join(prose).lower(), ERROR + CI_ERRORS):
        return "error_page"
    if not container and len(page.page.css(LIST_ITEM)) >= MIN_LIST_ITEMS:
        return _listing_kind(page)
    if short and [el for el in page.column.css(VIDEO) if not in_chrome(el)]:
        return "video_page"
    if page.body() is None and page.title() is None:
        return "no_article_content"
    if not _has_article_marks(page):
        return "static_page"
    return None


def _listing_kind(page: RegionalArticlePage) -> str:
    """Which listing a page with list items is: by its own URL (canonical, ``og:url``), or by
    the menu's active category."""
    site = page.site
    for url in page.page.css(OWN_URLS).getall():
        absolute = site.absolute(url, page.url)
        route = site.route_of(absolute) if absolute else None
        if route in ROUTE_REASONS:
            return ROUTE_REASONS[route]
    if page.page.xpath(ACTIVE_CATEGORY):
        return "category_page"
    return "listing_page"


def _has_article_marks(page: RegionalArticlePage) -> bool:
    """A date (printed or structured), an author's profile link, a category, or ``og:type``
    ``article``: what a static page of the site has none of."""
    if page.structured.meta("og:type") == "article" or page.structured.article:
        return True
    date = page.published_at_raw()
    if date is not None and date.layer is not Layer.URL:
        return True
    return bool(page.reporter_links) or page.section() is not None


def _prose(page: RegionalArticlePage) -> list[str]:
    """The body's paragraphs, photo captions left out (:meth:`RegionalArticlePage.body`)."""
    body = page.body()
    if body is None:
        return []
    captions = {text_of(el) for el in page.column.css("figcaption, [class*='caption']")}
    return [p for p in body.value.split("\n\n") if p not in captions]


def _mentions(text: str, markers: tuple[str, ...]) -> bool:
    return any(marker in text for marker in markers)
