"""Whether a page fetched at an article URL is an article, and if not, why.

The reasons are part of the stats contract (``rmol/page/rejected/<reason>``):

- ``not_article_url``: the URL is not an article URL of the site;
- ``block_page``: a challenge or block page (Cloudflare-like) instead of the article;
- ``not_found``: a "not found" page served with status 200;
- ``listing_page``: a listing (or a redirect to one) at an article URL;
- ``error_page``: an error message served with status 200 inside the site's template;
- ``video_page``: a video with a title (and a date) but no text;
- ``gallery_page``: photos whose only text is their captions;
- ``no_article_content``: neither a title nor a body.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parsel import Selector

from rmolcrawler.pages.dom import in_chrome, text_of
from rmolcrawler.pages.layers import Layer

if TYPE_CHECKING:
    from rmolcrawler.pages.article import ArticlePage

HEAD_TEXT = "//title//text() | //h1//text()"
# The caption selectors of ArticlePage.image_caption, as one.
PHOTO_CAPTIONS = "figcaption, .caption, .photo-caption, [class*='caption'], .keterangan"
# GUESS: the players of a video page.
VIDEO = (
    "video, amp-video, amp-youtube, iframe[src*='youtube.com'], iframe[src*='youtu.be'],"
    " iframe[data-src*='youtube.com'], iframe[src*='vimeo.com'], iframe[src*='dailymotion.com']"
)

CHALLENGE = (
    "just a moment",
    "attention required",
    "checking your browser",
    "cf-challenge",
    "cf-browser-verification",
    "challenge-platform",
    "captcha",
    "access denied",
    "ddos protection",
)
NOT_FOUND = (
    "tidak ditemukan",
    "page not found",
    "halaman tidak tersedia",
    "404 not found",
    "error 404",
)
# GUESS: how the CMS words a failure ("Maaf, terjadi kesalahan", "Halaman tidak dapat
# ditampilkan"), and the usual server errors.
ERROR = (
    "terjadi kesalahan",
    "tidak dapat ditampilkan",
    "tidak dapat diakses",
    "internal server error",
    "service unavailable",
    "database error",
    "error 500",
)
MIN_ARTICLE_CHARS = 200
"""Less text than this (captions left out) is no article: a message, a video or a gallery."""
MIN_LISTING_LINKS = 8
MIN_GALLERY_PHOTOS = 2


def rejection(page: ArticlePage) -> str | None:
    """Why ``page`` is not an article; None when it is one."""
    if page.ref is None:
        return "not_article_url"
    # Desktop articles always have their body container: only a page without one can be a
    # challenge, not-found or listing page.
    container = page.body_node is not None
    if not container and _mentions(
        _head(page) + " " + " ".join(page.lines[:40]).lower(), CHALLENGE
    ):
        return "block_page"
    # A message, a video or a gallery has little prose; a headline may well say "tidak
    # ditemukan", but an article goes on.
    prose = _prose(page)
    short = len(" ".join(prose)) < MIN_ARTICLE_CHARS
    if short:
        if not container and _mentions(_head(page), NOT_FOUND):
            return "not_found"
        if _mentions(_head(page) + " " + " ".join(prose).lower(), ERROR):
            return "error_page"
    # Many article links and no publish date printed anywhere, where an AMP page always
    # prints its date line.
    if not container and len(_linked_ids(page)) >= MIN_LISTING_LINKS:
        date = page.published_at_raw()
        if date is None or date.layer is Layer.URL:
            return "listing_page"
    if short:
        if _outside_chrome(page.column.css(VIDEO)):
            return "video_page"
        photos = {text_of(el) for el in _outside_chrome(page.column.css(PHOTO_CAPTIONS))} - {""}
        if len(photos) >= MIN_GALLERY_PHOTOS:
            return "gallery_page"
    if page.body() is None and page.title() is None:
        return "no_article_content"
    return None


def _head(page: ArticlePage) -> str:
    """The page's ``<title>`` and ``h1`` text, lower-cased."""
    return " ".join(page.page.xpath(HEAD_TEXT).getall()).lower()


def _prose(page: ArticlePage) -> list[str]:
    """The body's paragraphs that are not photo captions (those of the body container, or of
    the column when the body came from another layer)."""
    body = page.body()
    if body is None:
        return []
    container = page.body_node if body.layer is Layer.SITE else None
    captions = {text_of(el) for el in (container or page.column).css(PHOTO_CAPTIONS)}
    return [p for p in body.value.split("\n\n") if p not in captions]


def _linked_ids(page: ArticlePage) -> set[int]:
    """The ids of the other articles the page links."""
    refs = map(page.linked_article, page.page.css("a::attr(href)").getall())
    own = page.ref.id if page.ref else None
    return {ref.id for ref in refs if ref is not None and ref.id != own}


def _outside_chrome(found: list[Selector]) -> list[Selector]:
    return [el for el in found if not in_chrome(el)]


def _mentions(text: str, markers: tuple[str, ...]) -> bool:
    return any(marker in text for marker in markers)
