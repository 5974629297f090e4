"""Pure link discovery on the home page, section listings and tag pages.

Markup can change but the article URL grammar will not, so article links are collected
wherever they sit in the page, by URL pattern alone. The spider decides what to follow.
"""

from __future__ import annotations

from functools import cached_property
from urllib.parse import urlsplit

from parsel import Selector

from rmolcrawler.urls import SiteUrls

# Containers that hold the site's navigation menu (GUESS: rmol-site.md says read the menu
# "when present"; the sister sites' theme uses <nav> and .menu).
NAV_XPATH = (
    "//nav//a[@href] | //header//a[@href] | //*[contains(@class, 'menu')]//a[@href]"
    " | //*[contains(@class, 'nav')]//a[@href]"
)


class ListingPage:
    """A page listing articles: home, ``/{section}[?page=N]`` or ``/tag/{kw}``."""

    def __init__(self, url: str, html: str, urls: SiteUrls) -> None:
        self.url = url
        self.urls = urls
        self.sel = Selector(text=html or "<html></html>", type="html")

    @cached_property
    def _hrefs(self) -> list[str]:
        return self.sel.xpath("//a/@href").getall()

    def article_urls(self) -> list[str]:
        """On-site article URLs in page order, each article id once (first form seen)."""
        seen: dict[int, str] = {}
        for href in self._hrefs:
            absolute = self.urls.absolute(href, self.url)
            ref = self.urls.parse_article(absolute) if absolute else None
            if ref is not None and absolute is not None and ref.id not in seen:
                seen[ref.id] = absolute
        return list(seen.values())

    def page_number(self) -> int:
        return self.urls.page_number(self.url)

    def next_page_url(self) -> str | None:
        """The next listing page, by ``rel=next``, CodeIgniter's data attribute, or ``?page=N``.

        Only page N+1 of the same path counts: last-page and far page links are ignored so that
        paging stays one step at a time under the spider's page and date limits.
        """
        current = self.page_number()
        path = urlsplit(self.url).path.rstrip("/")
        candidates = self.sel.xpath('//link[@rel="next"]/@href | //a[@rel="next"]/@href').getall()
        candidates += self.sel.xpath(
            f'//a[@data-ci-pagination-page="{current + 1}"]/@href'
        ).getall()
        candidates += [h for h in self._hrefs if "page=" in h]
        for href in candidates:
            absolute = self.urls.absolute(href, self.url)
            if absolute is None or not self.urls.is_onsite(absolute):
                continue
            if urlsplit(absolute).path.rstrip("/") != path:
                continue
            if self.urls.page_number(absolute) == current + 1:
                return absolute
        return None

    def section_slugs(self) -> list[str]:
        """Section slugs linked from the navigation menu, in menu order."""
        slugs: dict[str, None] = {}
        for href in self.sel.xpath(NAV_XPATH).xpath("@href").getall():
            absolute = self.urls.absolute(href, self.url)
            slug = self.urls.section_of_listing(absolute) if absolute else None
            if slug and self.urls.page_number(absolute or "") == 1:
                slugs.setdefault(slug, None)
        return list(slugs)
