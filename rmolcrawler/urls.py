"""The site's URL grammar, built from one origin (the ``RMOL_BASE_URL`` setting).

Every URL the crawler builds or accepts as on-site goes through :class:`SiteUrls`, so pointing
the origin at ``http://127.0.0.1:PORT`` crawls a local mirror exactly as the real site.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import NamedTuple
from urllib.parse import parse_qs, urljoin, urlsplit

# Section slugs SEEN in real article URLs (rmol-site.md); the home page's menu adds the rest.
KNOWN_SECTIONS: tuple[str, ...] = ("politik", "hukum", "bisnis", "nusantara", "dunia", "publika")

# Paths that look like a section (one path segment) but are not listings.
NON_SECTION_SLUGS = frozenset(
    {
        "read",
        "amp",
        "about",
        "tag",
        "search",
        "cari",
        "images",
        "assets",
        "login",
        "register",
        "redaksi",
        "pedoman-media-siber",
        "kontak",
        "tentang-kami",
        "disclaimer",
        "rss",
        "sitemap",
    }
)

_ARTICLE_PATH = re.compile(
    r"^/(?:(?P<amp>amp)/|(?:(?P<section>[a-z0-9-]+)/)?read/)"
    r"(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<id>\d+)(?:/(?P<slug>[A-Za-z0-9._~%-]*))?/?$"
)
_SECTION_PATH = re.compile(r"^/(?P<section>[a-z][a-z0-9-]*)/?$")
ASSET_EXTENSIONS = frozenset(
    {
        "jpg",
        "jpeg",
        "png",
        "gif",
        "webp",
        "svg",
        "ico",
        "css",
        "js",
        "json",
        "xml",
        "pdf",
        "mp4",
        "mp3",
        "woff",
        "woff2",
        "ttf",
        "zip",
    }
)
_SCHEMES = ("http", "https")


# Scheme and share links (rmol-site.md: never follow whatsapp:, mailto:, javascript:, tel:).
_TRAP_MARKERS = (
    "whatsapp:",
    "mailto:",
    "javascript:",
    "tel:",
    "sms:",
    "intent:",
    "fb-messenger:",
    "api.whatsapp.com",
    "wa.me/",
    "facebook.com/sharer",
    "twitter.com/intent",
    "x.com/intent",
    "t.me/share",
    "telegram.me/share",
    "line.me/",
    "/share?",
)


def is_trap(href: str) -> bool:
    """Whether ``href`` is a scheme or share link, in any form (never followed)."""
    href = href.lower()
    return any(marker in href for marker in _TRAP_MARKERS)


class ArticleRef(NamedTuple):
    """What an article URL says: the global id, the path date, the section and the slug."""

    id: int
    date: dt.date
    section: str | None
    slug: str
    amp: bool
    tail: str
    """The desktop path after the section: ``read/{YYYY}/{MM}/{DD}/{id}[/{slug}]``."""


class SiteUrls:
    """URL patterns for one origin, e.g. ``https://rmol.id`` or ``http://127.0.0.1:8080``."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url.strip())
        if parts.scheme not in _SCHEMES or not parts.netloc:
            raise ValueError(f"RMOL_BASE_URL must be an http(s) origin, got {base_url!r}")
        self.base = f"{parts.scheme}://{parts.netloc}"
        self.host = parts.hostname or ""
        self._netlocs = {parts.netloc.lower()}
        if self.host.startswith("www."):
            self._netlocs.add(parts.netloc.lower()[4:])
        else:
            self._netlocs.add("www." + parts.netloc.lower())

    # ---- classification -------------------------------------------------------------------
    def _onsite_path(self, url: str) -> str | None:
        """The path of an http(s) URL on this origin; None for any other URL."""
        try:
            parts = urlsplit(url)
        except ValueError:  # e.g. an unclosed IPv6 bracket
            return None
        if parts.scheme not in _SCHEMES or parts.netloc.lower() not in self._netlocs:
            return None
        return parts.path or "/"

    def is_onsite(self, url: str) -> bool:
        """True for an http(s) URL on this origin (with or without ``www.``)."""
        return self._onsite_path(url) is not None

    def parse_article(self, url: str) -> ArticleRef | None:
        """Parse an on-site article URL (section, section-less or AMP form); else None."""
        path = self._onsite_path(url)
        match = _ARTICLE_PATH.match(path) if path is not None else None
        if match is None:
            return None
        amp, section, year, month, day, number, slug = match.groups()
        try:
            date = dt.date(int(year), int(month), int(day))
        except ValueError:
            return None
        article_id = int(number)
        tail = f"read/{date.year:04d}/{date.month:02d}/{date.day:02d}/{article_id}"
        if slug:
            tail = f"{tail}/{slug}"
        return ArticleRef(article_id, date, section, slug or "", amp is not None, tail)

    def article_of(self, href: str, page_url: str) -> ArticleRef | None:
        """The article a link on ``page_url`` points to: :meth:`absolute`, then
        :meth:`parse_article`."""
        absolute = self.absolute(href, page_url)
        return self.parse_article(absolute) if absolute else None

    def section_of_listing(self, url: str) -> str | None:
        """The section slug when ``url`` is a section listing page (``/{section}[?page=N]``)."""
        if not self.is_onsite(url):
            return None
        parts = urlsplit(url)
        match = _SECTION_PATH.match(parts.path)
        if match is None or match["section"] in NON_SECTION_SLUGS:
            return None
        return match["section"]

    @staticmethod
    def page_number(url: str) -> int:
        """The ``?page=N`` of a listing URL; 1 when absent or malformed."""
        values = parse_qs(urlsplit(url).query).get("page", [])
        if values and values[0].isdigit() and int(values[0]) > 0:
            return int(values[0])
        return 1

    # ---- construction ---------------------------------------------------------------------
    def home(self) -> str:
        return self.base + "/"

    def section(self, slug: str, page: int = 1) -> str:
        url = f"{self.base}/{slug}"
        return url if page <= 1 else f"{url}?page={page}"

    def canonical_article(self, ref: ArticleRef, section: str | None = None) -> str:
        """The desktop URL of an article: ``/{section}/read/...`` when the section is known."""
        sec = section or ref.section
        return f"{self.base}/{sec}/{ref.tail}" if sec else f"{self.base}/{ref.tail}"

    def absolute(self, href: str, page_url: str) -> str | None:
        """Resolve ``href`` against ``page_url``; None for scheme, share and asset links.

        A ``whatsapp:/send?...`` href resolved as a relative path is a real trap on rmol.id,
        so scheme-looking text anywhere in the href rejects it.
        """
        href = href.strip()
        if not href or href[0] == "#" or is_trap(href):
            return None
        url = href if href.startswith(("http://", "https://")) else urljoin(page_url, href)
        if not url.startswith(("http://", "https://")):
            return None
        url = url.split("#", 1)[0]
        last = url.split("?", 1)[0].rsplit("/", 1)[-1]
        if "." in last and last.rsplit(".", 1)[1].lower() in ASSET_EXTENSIONS:
            return None
        return url


@functools.lru_cache(maxsize=16)
def site_urls(base_url: str) -> SiteUrls:
    """The :class:`SiteUrls` of one origin, shared by the spider, the page classes and the
    pipelines of a process."""
    return SiteUrls(base_url)
