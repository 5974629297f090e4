import json
from pathlib import Path

import pytest

from rmolcrawler.offline import decode_html
from rmolcrawler.pages.listing import ListingPage
from rmolcrawler.urls import SiteUrls

FIXTURES = Path(__file__).parent / "fixtures"
SITE = SiteUrls("https://rmol.id")


def _page(html: str, url: str = "https://rmol.id/politik", site: SiteUrls = SITE) -> ListingPage:
    return ListingPage(url, html, site)


def _real(case: str, site: SiteUrls) -> ListingPage:
    folder = FIXTURES / case
    meta = json.loads((folder / "meta.json").read_text())
    return ListingPage(meta["url"], decode_html((folder / "page.html").read_bytes()), site)


def test_codeigniter_paging_on_real_regional_html() -> None:
    page = _real("listing-rmollampung-daerah", SiteUrls("https://www.rmollampung.id"))
    # The real page also links pages 3, 4, 5 and the last page (803): only N+1 is next.
    assert page.next_page_url() == "https://www.rmollampung.id/category/daerah?page=2"


def test_real_rmol_links_found_by_pattern_on_regional_home() -> None:
    page = _real("listing-rmollampung-home", SITE)
    ids = [SITE.parse_article(u).id for u in page.article_urls()]  # type: ignore[union-attr]
    assert sorted(ids) == [674027, 674028, 674029, 674030, 674031]


@pytest.mark.parametrize(
    "pager",
    [
        '<link rel="next" href="https://rmol.id/politik?page=3">',
        '<ul class="pagination"><li><a href="/politik?page=3" data-ci-pagination-page="3">3</a>'
        '<a href="/politik?page=9" data-ci-pagination-page="9">9</a></li></ul>',
        '<a href="/politik?page=1">1</a><a href="/politik?page=3">3</a><a href="/politik?page=4">4</a>',
        '<a rel="next" href="?page=3">Next</a>',
    ],
)
def test_next_page_styles(pager: str) -> None:
    html = f"<html><head>{pager}</head><body>{pager}</body></html>"
    page = _page(html, "https://rmol.id/politik?page=2")
    assert page.next_page_url() == "https://rmol.id/politik?page=3"


def test_no_next_on_last_page_and_other_paths_ignored() -> None:
    html = '<a href="/politik?page=1">1</a><a href="/hukum?page=3">3</a>'
    assert _page(html, "https://rmol.id/politik?page=2").next_page_url() is None


def test_article_links_anywhere_each_id_once() -> None:
    html = """<div class="x"><a href="/politik/read/2025/07/25/674027/pks">A</a></div>
    <p><a href="https://rmol.id/amp/2025/07/25/674027/pks">A amp</a>
    <a href="https://rmol.id/read/2025/07/25/674028/b">B</a>
    <a href="whatsapp:/send?text=https://rmol.id/politik/read/2025/07/25/674029/c">wa</a>
    <a href="https://example.com/politik/read/2025/07/25/674030/d">off-site</a></p>"""
    assert _page(html).article_urls() == [
        "https://rmol.id/politik/read/2025/07/25/674027/pks",
        "https://rmol.id/read/2025/07/25/674028/b",
    ]


def test_menu_sections() -> None:
    html = """<nav><a href="/politik">Politik</a><a href="https://rmol.id/olahraga">Olahraga</a>
    <a href="/about">About</a><a href="/tag/x">x</a><a href="/politik?page=2">2</a></nav>
    <div><a href="/nusantara">not in a menu</a></div>"""
    assert _page(html, "https://rmol.id/").section_slugs() == ["politik", "olahraga"]
