"""Pure link discovery on a regional site's home page, category pages and ``/cari`` archive.

Markup SEEN on the real pages of rmollampung.id (``shared/regional/``):

- list items ``div.bussiness-post-item``: title and URL in ``h3.title a``, a category link, a
  teaser, the author ``a[href*="/profile/"]`` and a date without a time (``Kamis, 24 Juli 2025``);
  15 of them per category page;
- the pager ``ul.pagination``: ``?page=N`` links with ``data-ci-pagination-page``, a
  ``rel="next"`` link and a last-page link;
- the menu ``.header-menu`` (``.stellarnav``): ``/category/{slug}`` links;
- sliders repeat their items as ``.slick-cloned`` copies (in a browser-saved page).

The spider decides what to follow; a page only says what it links.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from urllib.parse import urlsplit

from parsel import Selector, SelectorList

from rmolcrawler.normalize.dates import parse_indonesian
from rmolcrawler.pages.dom import parse, text_of
from rmolcrawler.regional.sites import RegionalSite

LIST_ITEM = "div.bussiness-post-item"
ITEM_TITLE_LINK = "h3.title a[href]"
CLONE = "slick-cloned"
# Links that are no articles of the page: the footer holds the network and static pages only.
LINKS = "//a[@href][not(ancestor::footer)]"
# The menu: SEEN ".header-menu .stellarnav"; GUESS: any <nav> or class "menu" in the header.
MENU_LINKS = (
    "//*[contains(@class, 'header-menu')]//a[@href] | //header//nav//a[@href]"
    " | //*[contains(@class, 'stellarnav')]//a[@href]"
)
PAGER_NEXT = '//link[@rel="next"]/@href | //a[@rel="next"]/@href'


class RegionalListingPage:
    """A page listing a site's articles: home, ``/category/{slug}[?page=N]``, ``/cari?page=N``
    or a tag page."""

    def __init__(self, url: str, html: str, site: RegionalSite) -> None:
        self.url = url
        self.site = site
        self.page = parse(html)

    def _article_url(self, href: str) -> str | None:
        """The canonical URL of the article ``href`` links; None for any other link."""
        absolute = self.site.absolute(href, self.url)
        slug = self.site.article_slug(absolute) if absolute else None
        return self.site.article_url(slug) if slug else None

    @cached_property
    def _links(self) -> SelectorList[Selector]:
        return self.page.xpath(LINKS)

    def article_urls(self) -> list[str]:
        """Canonical URLs of every article the page links, in page order, each once.

        A slider's ``slick-cloned`` copies come after the rest, so that only an item that has
        no original (none in a real slider) counts from its copy.
        """
        originals: dict[str, None] = {}
        clones: dict[str, None] = {}
        for a in self._links:
            url = self._article_url(a.attrib["href"])
            if url is None:
                continue
            cloned = any(CLONE in (el.get("class") or "") for el in a.root.iterancestors())
            (clones if cloned else originals).setdefault(url, None)
        return list(originals) + [url for url in clones if url not in originals]

    @cached_property
    def _items(self) -> list[tuple[str, Selector]]:
        """The list items of the page, outside slider copies: (canonical URL, item)."""
        items: list[tuple[str, Selector]] = []
        for item in self.page.css(LIST_ITEM):
            if any(CLONE in (el.get("class") or "") for el in item.root.iterancestors()):
                continue
            for href in item.css(ITEM_TITLE_LINK).xpath("@href").getall():
                if url := self._article_url(href):
                    items.append((url, item))
                    break
        return items

    def listed_urls(self) -> list[str]:
        """The articles of the page's list items (``div.bussiness-post-item``), in order, each
        once: 15 on a category page; sidebars and sliders left out."""
        return list(dict.fromkeys(url for url, _ in self._items))

    def article_dates(self) -> dict[str, dt.date | None]:
        """The date printed on each list item (``Kamis, 24 Juli 2025``), by canonical URL;
        None when an item prints none."""
        dates: dict[str, dt.date | None] = {}
        for url, item in self._items:
            if url not in dates:
                dates[url] = _item_date(item)
        return dates

    def page_number(self) -> int:
        return self.site.page_number(self.url)

    def next_page_url(self) -> str | None:
        """The next page of this listing, by ``rel=next``, CodeIgniter's
        ``data-ci-pagination-page`` or a ``?page=N`` link: page N+1 of the same path only (the
        far and last-page links are not steps), on the crawled origin."""
        current = self.page_number()
        path = urlsplit(self.url).path.rstrip("/")
        candidates = self.page.xpath(PAGER_NEXT).getall()
        candidates += self.page.xpath(
            f'//a[@data-ci-pagination-page="{current + 1}"]/@href'
        ).getall()
        candidates += [h for h in self._links.xpath("@href").getall() if "page=" in h]
        for href in candidates:
            absolute = self.site.absolute(href, self.url)
            if absolute is None or urlsplit(absolute).path.rstrip("/") != path:
                continue
            if self.site.page_number(absolute) == current + 1:
                return absolute
        return None

    def category_slugs(self) -> list[str]:
        """The category slugs of the site's menu, in menu order."""
        slugs: dict[str, None] = {}
        for href in self.page.xpath(MENU_LINKS).xpath("@href").getall():
            absolute = self.site.absolute(href, self.url)
            slug = self.site.category_of_listing(absolute) if absolute else None
            if slug and absolute and self.site.page_number(absolute) == 1:
                slugs.setdefault(slug, None)
        return list(slugs)


def _item_date(item: Selector) -> dt.date | None:
    """The first date an item prints (its clock link, SEEN with ``fa-clock``), as a date."""
    for node in item.xpath(".//*[i[contains(@class, 'fa-clock')]] | .//span | .//a"):
        when = parse_indonesian(text_of(node))
        if when is not None:
            return when.date()
    return None
