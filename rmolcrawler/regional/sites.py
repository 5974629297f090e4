"""The RMOL network's regional sites and their URL grammar (rmol-site.md, "Sister sites").

The nine sites run one platform (a customised CodeIgniter news script), whose routes are SEEN as
links on real pages of rmollampung.id:

- article ``/{slug}``: no id and no date; slugs may hold ``--`` and trailing dots;
- category ``/category/{slug}[?page=N]``, tag ``/tag/{slug}``, profile ``/profile/{user}``;
- ``/cari?q=`` search, whose ``/cari?page=N`` without a query is an all-posts archive;
- static pages at one-segment paths, the shape of an article: :data:`STATIC_SLUGS`.

Every URL the crawler builds or accepts for a site goes through :class:`RegionalSite`, so that
pointing a site at ``http://127.0.0.1:PORT`` crawls a local mirror exactly as the real site.
Hosts occur with and without ``www.`` (SEEN): both are the site, and every URL built here is on
the one origin the site was given.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

from rmolcrawler.items import regional_key
from rmolcrawler.normalize.dates import ZONES
from rmolcrawler.urls import ASSET_EXTENSIONS, is_trap

__all__ = [
    "NETWORK",
    "ROUTES",
    "STATIC_SLUGS",
    "RegionalSite",
    "regional_site_for",
    "zone_of",
]

NETWORK: dict[str, str] = {
    name: f"https://www.{name}.id"
    for name in (
        "rmolaceh",
        "rmolsumut",
        "rmolbengkulu",
        "rmolsumsel",
        "rmollampung",
        "rmoljabar",
        "rmoljawatengah",
        "rmoljatim",
        "rmolpapua",
    )
}
"""Site name -> real origin, in the order of the network footer (SEEN, ``a.link_network``)."""

SITE_ZONES: dict[str, str] = {"rmolpapua": "WIT"}
"""Time zones other than WIB (GUESS: Papua keeps WIT, +09:00; no site of the list is in WITA)."""

STATIC_SLUGS = frozenset(
    {
        # SEEN as links of the real pages (menu and "Pedoman kami" footer)
        "tentang-kami",
        "disclaimer",
        "iklan",
        "kode-etik-jurnalistik",
        "privacy-policy",
        "index-berita",
        "rss-feeds",
        "pedoman-pemberitaan-media-siber",
        "pedoman-pemberitaan-isu-keberagaman",
        "pedoman-pemberitaan-ramah-anak",
        # GUESS: the usual pages of Indonesian news sites and of the platform
        "redaksi",
        "susunan-redaksi",
        "kontak",
        "kontak-kami",
        "hubungi-kami",
        "pedoman-media-siber",
        "kebijakan-privasi",
        "syarat-dan-ketentuan",
        "terms-conditions",
        "contact",
        "about",
        "sitemap",
        "gallery",
        "galeri",
        "videos",
        "video",
        "login",
        "register",
        "logout",
        "reset-password",
        "forgot-password",
    }
)
"""One-segment paths that are pages of the site, not articles."""

ROUTES = frozenset(
    {
        "category",
        "tag",
        "profile",
        "cari",
        "search",
        "rss",
        "uploads",
        "assets",
        "home_controller",
        "ajax_controller",
        "auth_controller",
        "post",
        "index.php",
    }
)
"""First path segments of the platform's other routes (SEEN: ``category``, ``tag``,
``profile``, ``cari``, ``uploads``, ``assets``, ``home_controller``; GUESS: the rest)."""

# A slug as SEEN: lower-case words and digits joined by hyphens, "--" and trailing dots allowed.
_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~%-]*")
_SCHEMES = ("http", "https")


def zone_of(name: str) -> str:
    """The zone label a site's times are printed in: ``WIB``, or ``WIT`` for rmolpapua."""
    return SITE_ZONES.get(name, "WIB")


class RegionalSite:
    """One site of the network, on the origin it is crawled from.

    ``name`` is the site's name in :data:`NETWORK` (``rmollampung``); ``origin`` the real site or
    a mirror (``http://127.0.0.1:8001``). The article key, the ``source`` and the timezone
    depend on the name alone, never on the origin.
    """

    def __init__(self, name: str, origin: str) -> None:
        parts = urlsplit(origin.strip())
        if parts.scheme not in _SCHEMES or not parts.netloc:
            raise ValueError(f"the origin of {name} must be an http(s) origin, got {origin!r}")
        self.name = name
        self.domain = f"{name}.id"
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.host = parts.hostname or ""
        self.zone = zone_of(name)
        self.tz: dt.timezone = ZONES[self.zone]
        netloc = parts.netloc.lower()
        bare = netloc.removeprefix("www.")
        self._netlocs = frozenset({bare, "www." + bare})

    def __repr__(self) -> str:
        return f"RegionalSite({self.name!r}, {self.origin!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RegionalSite) and (self.name, self.origin) == (
            other.name,
            other.origin,
        )

    def __hash__(self) -> int:
        return hash((self.name, self.origin))

    # ---- classification -------------------------------------------------------------------
    def _path(self, url: str) -> str | None:
        """The path of an http(s) URL on this site (``www.`` or not); None for any other."""
        try:
            parts = urlsplit(url.strip())
        except ValueError:  # e.g. an unclosed IPv6 bracket
            return None
        if parts.scheme not in _SCHEMES or parts.netloc.lower() not in self._netlocs:
            return None
        return parts.path or "/"

    def is_onsite(self, url: str) -> bool:
        """True for an http(s) URL on this site, with or without ``www.``."""
        return self._path(url) is not None

    def _segments(self, url: str) -> list[str] | None:
        path = self._path(url)
        return None if path is None else [s for s in path.split("/") if s]

    def article_slug(self, url: str) -> str | None:
        """The slug of an on-site article URL: one path segment that is neither a route of the
        platform, nor a static page, nor a file; None for any other URL."""
        segments = self._segments(url)
        if segments is None or len(segments) != 1:
            return None
        slug = segments[0]
        if not _SLUG.fullmatch(slug) or slug.lower() in ROUTES | STATIC_SLUGS:
            return None
        extension = slug.rsplit(".", 1)[1].lower() if "." in slug.strip(".") else ""
        if extension in ASSET_EXTENSIONS | {"php", "html", "htm", "txt"}:
            return None
        return slug

    def static_slug(self, url: str) -> str | None:
        """The slug when ``url`` is one of the site's known static pages (:data:`STATIC_SLUGS`)."""
        segments = self._segments(url)
        if segments is None or len(segments) != 1:
            return None
        slug = unquote(segments[0]).lower()
        return slug if slug in STATIC_SLUGS else None

    def route_of(self, url: str) -> str | None:
        """The route of an on-site URL of another kind than an article: ``category``, ``tag``,
        ``profile``, ``cari``, ... (the first path segment); None otherwise."""
        segments = self._segments(url)
        if not segments or segments[0].lower() not in ROUTES:
            return None
        return segments[0].lower()

    def category_of_listing(self, url: str) -> str | None:
        """The category slug when ``url`` is a category listing (``/category/{slug}[?page=N]``)."""
        segments = self._segments(url)
        if segments is None or len(segments) != 2 or segments[0] != "category":
            return None
        return segments[1] if _SLUG.fullmatch(segments[1]) else None

    def slug_under(self, route: str, url: str) -> str | None:
        """The slug of ``/{route}/{slug}`` (a tag, a profile); None for other URLs."""
        segments = self._segments(url)
        if segments is None or len(segments) != 2 or segments[0] != route:
            return None
        return segments[1]

    @staticmethod
    def page_number(url: str) -> int:
        """The ``?page=N`` of a listing URL; 1 when absent or malformed."""
        values = parse_qs(urlsplit(url).query).get("page", [])
        if values and values[0].isdigit() and int(values[0]) > 0:
            return int(values[0])
        return 1

    # ---- construction ---------------------------------------------------------------------
    def key(self, slug: str) -> str:
        """The article's network-wide key, ``{domain}/{slug}`` (``rmollampung.id/{slug}``)."""
        return regional_key(self.domain, slug)

    def article_url(self, slug: str) -> str:
        """The canonical URL of an article on the crawled origin."""
        return f"{self.origin}/{slug}"

    def home(self) -> str:
        return self.origin + "/"

    def category(self, slug: str, page: int = 1) -> str:
        url = f"{self.origin}/category/{slug}"
        return url if page <= 1 else f"{url}?page={page}"

    def archive(self, page: int = 1) -> str:
        """The all-posts archive, ``/cari?page=N`` (SEEN on rmoljatim.id, thousands of pages)."""
        return f"{self.origin}/cari?page={max(page, 1)}"

    def rss_urls(self) -> list[str]:
        """The site's RSS feeds (GUESS: the platform's ``/rss/latest-posts`` route)."""
        return [f"{self.origin}/rss/latest-posts"]

    def absolute(self, href: str, page_url: str) -> str | None:
        """``href`` resolved against ``page_url`` onto this site's origin; None for scheme,
        share and asset links and for other hosts. ``www.`` and bare links become one form."""
        href = href.strip()
        if not href or href[0] == "#" or is_trap(href):
            return None
        url = urljoin(page_url, href).split("#", 1)[0]
        path = self._path(url)
        if path is None:
            return None
        last = path.rsplit("/", 1)[-1]
        if "." in last and last.rsplit(".", 1)[1].lower() in ASSET_EXTENSIONS:
            return None
        query = urlsplit(url).query
        return f"{self.origin}{path}" + (f"?{query}" if query else "")


def regional_site_for(url: str, sites: Iterable[RegionalSite]) -> RegionalSite | None:
    """The site among ``sites`` that ``url`` is on; None when it is on none of them."""
    for site in sites:
        if site.is_onsite(url):
            return site
    return None
