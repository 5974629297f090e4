"""Serve a regional site on 127.0.0.1: a pure router plus :class:`MirrorServer`'s machinery.

:func:`route` maps a request target to a :class:`~tests.site.server.Reply` (pure; a fixture
writer can take the exact served bytes from it). :class:`RegionalMirrorServer` is the rmol.id
mirror's server answering with :func:`route`, so it keeps that server's request log, its
``fail_all`` outage mode, the flaky route's per-article counter and the slow route's sleep, and
the runtime faults (``loop_paging``, ``endless_paging``, ``remove_section``, ``break_markup``,
``hollow_article``; a "section" is a category slug here).

Routes (the Host header is ignored: ``www.`` or not, the same site answers):

- ``/`` home; ``/robots.txt``;
- ``/category/{slug}[?page=N]``, ``/cari[?page=N]`` (every article), ``/cari?q=...[&page=N]``,
  ``/tag/{slug}[?page=N]``, ``/profile/{user}[?page=N]``: listings;
- ``/rss/latest-posts``, ``/rss/category/{slug}``: RSS 2.0;
- ``/{static}`` (``tentang-kami``, ``disclaimer``, ``index-berita``, ``rss-feeds`` ...);
- ``/{slug}``: an article, or its fault, or its removal (:meth:`RegionalSite.remove`);
  anything else: 404.

Edits and removals are made on :attr:`RegionalMirrorServer.site` and served at once.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, quote_plus, unquote, urlsplit

from tests.site.regional import render
from tests.site.regional.model import (
    DEFAULT_CATEGORIES,
    PAGE_SIZE,
    STATIC_PAGES,
    RegionalSite,
    build_regional_site,
)
from tests.site.render import NORMAL, Faults
from tests.site.server import MirrorServer, Reply, error_reply

HTML_UTF8 = "text/html; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"

_ONE_SEGMENT = re.compile(r"^/(?P<slug>[^/]+)$")
_LISTING = re.compile(r"^/(?P<kind>category|tag|profile)/(?P<name>[^/]+)$")
_RSS_CATEGORY = re.compile(r"^/rss/category/(?P<name>[^/]+)$")


def _html(status: int, text: str, **kwargs: Any) -> Reply:
    return Reply(status, text.encode("utf-8"), **kwargs)


def _page_number(values: list[str]) -> int:
    return int(values[0]) if values and values[0].isdigit() and int(values[0]) > 0 else 1


def route(site: RegionalSite, base: str, target: str, faults: Faults = NORMAL) -> Reply:
    """Answer a GET of ``target`` (path and query) on the site served at ``base``.

    ``faults`` applies the stateless runtime faults (see :class:`tests.site.render.Faults`).
    """
    parts = urlsplit(target)
    path = unquote(parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = parse_qs(parts.query)
    page = _page_number(query.get("page", []))

    def not_found() -> Reply:
        return _html(404, render.render_not_found(site, base, faults=faults))

    if path == "/":
        return _html(200, render.render_home(site, base, faults=faults))
    if path == "/robots.txt":
        return Reply(200, render.robots_txt(site).encode(), TEXT)
    if path == "/cari":
        q = " ".join(query.get("q", [])).strip()
        ids = site.search(q) if q else site.archive()
        url = f"{base}/cari?q={quote_plus(q)}" if q else f"{base}/cari"
        heading = f"HASIL PENCARIAN: {q.upper()}" if q else "SEMUA BERITA"
        text = render.render_listing(
            site, base, heading=heading, url=url, ids=ids, page=page, title="Cari", faults=faults
        )
        return _html(200, text)
    if path == "/rss/latest-posts":
        ids = site.archive()[: site.rss_items]
        title = f"{site.name.upper()}.ID - Berita Terbaru"
        return Reply(200, render.render_rss(site, base, ids, title, base + path).encode(), RSS)
    match = _RSS_CATEGORY.match(path)
    if match:
        category = match["name"]
        if category not in site.all_categories:
            return not_found()
        ids = site.category_listing(category)[: site.rss_items]
        title = f"{site.name.upper()}.ID - {render.label(category)}"
        return Reply(200, render.render_rss(site, base, ids, title, base + path).encode(), RSS)
    match = _LISTING.match(path)
    if match:
        return (
            _listing(site, base, match["kind"], match["name"], page=page, faults=faults)
            or not_found()
        )
    match = _ONE_SEGMENT.match(path)
    if match is None:
        return not_found()
    slug = match["slug"]
    if slug in STATIC_PAGES:
        return _html(200, render.render_static(site, base, slug, page=page, faults=faults))
    rec = site.by_slug(slug)
    if rec is None:
        return not_found()
    if faults.markup == "challenge" or rec.fault == "challenge":
        return _html(
            200,
            render.render_challenge(site, path),
            headers=(("Server", "cloudflare"), ("cf-mitigated", "challenge")),
        )
    removal = site.removal(rec.id)
    if removal == "410":
        return error_reply(410)
    if removal is not None:
        return _html(
            404 if removal == "404" else 200, render.render_not_found(site, base, faults=faults)
        )
    if rec.fault == "missing_404":
        return not_found()
    if rec.fault == "not_article":
        return _html(200, render.render_not_found(site, base, faults=faults))
    text = render.render_article(site, base, rec.id, faults=faults)
    return _html(200, text, fault=rec.fault, article_id=rec.id)


def _listing(
    site: RegionalSite, base: str, kind: str, name: str, *, page: int, faults: Faults
) -> Reply | None:
    """A category, tag or profile listing page; None when there is no such listing."""
    if kind == "category":
        if name not in site.all_categories or name in faults.removed:
            return None
        text = render.render_listing(
            site,
            base,
            heading=render.label(name),
            url=f"{base}/category/{name}",
            ids=site.category_listing(name),
            page=page,
            title=render.label(name),
            active=name,
            faults=faults,
            endless=name in faults.endless,
            loop=name in faults.loop,
        )
        return _html(200, text)
    if kind == "tag":
        tag = site.tag_name(name)
        if tag is None:
            return None
        ids = site.tag_listing(name)
        heading = tag
    else:
        ids = site.profile_listing(name)
        if not ids:
            return None
        heading = site.reporter(site.article(ids[0]).record)[0]
    text = render.render_listing(
        site,
        base,
        heading=heading,
        url=f"{base}/{kind}/{name}",
        ids=ids,
        page=page,
        title=heading,
        faults=faults,
    )
    return _html(200, text)


class RegionalMirrorServer(MirrorServer):
    """One regional site on ``127.0.0.1`` (random port by default), as a context manager.

    >>> with RegionalMirrorServer(site_name="rmoljatim", page_size=5) as mirror:  # doctest: +SKIP
    ...     mirror.base_url, mirror.site.domain        # ('http://127.0.0.1:PORT', 'rmoljatim.id')

    ``site`` (a built :class:`RegionalSite`) wins over the build knobs ``site_name``,
    ``n_articles``, ``seed``, ``page_size`` and ``categories``.
    """

    site: RegionalSite  # type: ignore[assignment]  # the base class serves rmol.id's Site

    def __init__(
        self,
        site: RegionalSite | None = None,
        *,
        site_name: str = "rmollampung",
        n_articles: int = 40,
        seed: int = 11,
        page_size: int = PAGE_SIZE,
        categories: tuple[str, ...] = DEFAULT_CATEGORIES,
        slow_seconds: float = 5.0,
        port: int = 0,
    ) -> None:
        if site is None:
            site = build_regional_site(
                site_name, n_articles, seed, page_size=page_size, categories=categories
            )
        super().__init__(site, slow_seconds=slow_seconds, port=port)  # type: ignore[arg-type]

    def __enter__(self) -> RegionalMirrorServer:
        self.start()
        return self

    def answer(self, target: str) -> Reply:
        return route(self.site, self.base_url, target, self.faults)

    def _check_section(self, section: str) -> None:  # type: ignore[override]
        if section not in self.site.all_categories:
            raise ValueError(
                f"unknown category {section!r}; expected one of {self.site.all_categories}"
            )

    def url_of(self, article_id: int) -> str:
        """The article's URL on this mirror."""
        return f"{self.base_url}/{self.site.article(article_id).slug}"
