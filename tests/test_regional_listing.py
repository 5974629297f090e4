"""Link discovery on regional listings (:mod:`rmolcrawler.regional.listing`), first on the two
REAL pages of rmollampung.id, then on small hand-written pages for what they do not show."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from parsel import Selector

from rmolcrawler.offline import decode_html
from rmolcrawler.regional.listing import RegionalListingPage
from rmolcrawler.regional.sites import NETWORK, RegionalSite

FIXTURES = Path(__file__).parent / "fixtures"
LAMPUNG = RegionalSite("rmollampung", NETWORK["rmollampung"])
W = "https://www.rmollampung.id"
MENU = [
    "daerah",
    "politik",
    "hukum",
    "ekonomi",
    "peristiwa",
    "olahraga",
    "opini",
    "kampus",
    "footnote",
]


def _real(case: str, site: RegionalSite = LAMPUNG) -> tuple[RegionalListingPage, str]:
    folder = FIXTURES / case
    meta = json.loads((folder / "meta.json").read_text())
    html = decode_html((folder / "page.html").read_bytes())
    return RegionalListingPage(meta["url"], html, site), html


def test_real_category_page_lists_15_items_in_order_with_their_dates() -> None:
    page, _ = _real("listing-rmollampung-daerah")
    listed = page.listed_urls()
    assert len(listed) == 15
    assert listed[0] == f"{W}/garis-kemiskinan-lampung-naik-beras-jadi-penyumbang-terbesar"
    assert listed[-1] == (
        f"{W}/hka-dorong-pengurangan-limbah-plastik-lewat-inovasi-dan-pemberdayaan-komunitas"
        "-di-sekitar-jalan-tol"
    )
    dates = page.article_dates()
    assert list(dates) == listed
    assert dates[listed[0]] == dt.date(2025, 7, 25)
    assert dates[listed[-1]] == dt.date(2025, 7, 23)
    assert all(day is not None and dt.date(2025, 7, 23) <= day for day in dates.values())


def test_real_category_page_article_links_each_once_and_only_the_sites_articles() -> None:
    page, _ = _real("listing-rmollampung-daerah")
    urls = page.article_urls()
    assert len(urls) == len(set(urls)) == 21  # the 15 items, the trending slider, the sidebars
    assert set(page.listed_urls()) <= set(urls)
    assert all(LAMPUNG.article_slug(url) for url in urls)
    assert all(url.startswith(f"{W}/") for url in urls)
    # The trending slider's original order, not its clone's (data-slick-index -1 comes first).
    assert urls[:2] == [
        f"{W}/kali-ini-sekdaprov-lampung-lantik-risky-sofyan-dan-fitrianita-damhuri",
        f"{W}/korban-kecelakaan-di-portal-jalan-tiyuh-karta-kagungan-ratu-meninggal-dunia",
    ]
    assert f"{W}/episode-13-joened-mengalir-di-tahun-macan-air" in urls  # a sidebar's


def test_real_category_page_paging_and_menu() -> None:
    page, _ = _real("listing-rmollampung-daerah")
    assert page.page_number() == 1
    # The pager also links pages 3, 4, 5 and the last one (803): only page 2 is next.
    assert page.next_page_url() == f"{W}/category/daerah?page=2"
    # The menu's categories, not the sidebars' (presisi-polda-lampung, van-joened, pemerintahan).
    assert page.category_slugs() == MENU


def test_real_home_page_slider_clones_count_once() -> None:
    page, html = _real("listing-rmollampung-home")
    clones = Selector(text=html).css(".slick-cloned a::attr(href)").getall()
    assert len(clones) > 20  # the saved page does hold copies
    urls = page.article_urls()
    assert len(urls) == len(set(urls)) == 32
    assert (
        urls[2] == f"{W}/100672-orang-terpaksa-mengungsi-akibat-bentrokan-thailand-kamboja-memburuk"
    )
    assert page.category_slugs() == MENU
    assert page.next_page_url() is None  # "See more" is a POST, not a page
    # INDONESIA TERKINI links rmol.id: another site, not this one's articles.
    assert not [url for url in urls if "rmol.id/" in url and "rmollampung" not in url]
    assert len(page.listed_urls()) == 12


def test_real_pages_on_a_mirror_origin_find_nothing_of_the_real_host() -> None:
    page, _ = _real("listing-rmollampung-daerah", RegionalSite("rmollampung", "http://127.0.0.1:9"))
    assert page.article_urls() == []
    assert page.next_page_url() is None


def _page(body: str, url: str = f"{W}/category/daerah") -> RegionalListingPage:
    return RegionalListingPage(url, f"<html><body>{body}</body></html>", LAMPUNG)


def _item(slug: str, date: str = "Kamis, 24 Juli 2025") -> str:
    return (
        f'<div class="bussiness-post-item"><h3 class="title"><a href="{W}/{slug}">{slug}</a></h3>'
        f'<span><a href="{W}/profile/a"><i class="far fa-user"></i> A</a> | '
        f'<a href="#"><i class="far fa-clock"></i>&nbsp;&nbsp;{date}</a></span></div>'
    )


def test_an_item_only_a_clone_shows_still_counts_after_the_others() -> None:
    slider = (
        f'<div class="slick-slide slick-cloned"><a href="{W}/hanya-salinan">x</a>'
        f'<a href="{W}/asli">x</a></div><div class="slick-slide"><a href="{W}/asli">x</a></div>'
    )
    page = _page(slider + _item("berita-satu"))
    assert page.article_urls() == [f"{W}/asli", f"{W}/berita-satu", f"{W}/hanya-salinan"]


def test_clones_of_list_items_are_no_items() -> None:
    page = _page(f'<div class="slick-cloned">{_item("salinan")}</div>{_item("asli")}')
    assert page.listed_urls() == [f"{W}/asli"]


def test_an_item_without_a_date() -> None:
    page = _page(_item("berita-satu", "") + _item("berita-dua", "Rabu, 31 Desember 2025"))
    assert page.article_dates() == {
        f"{W}/berita-satu": None,
        f"{W}/berita-dua": dt.date(2025, 12, 31),
    }


def test_footer_links_are_no_articles() -> None:
    footer = f'<footer><a href="{W}/pedoman-baru">Pedoman</a></footer>'
    assert _page(footer + _item("berita")).article_urls() == [f"{W}/berita"]


def test_next_page_from_a_later_page_and_of_the_archive() -> None:
    pager = (
        '<ul class="pagination"><li><a href="https://rmollampung.id/category/daerah?page=2"'
        ' data-ci-pagination-page="2">2</a></li><li><a href="/category/daerah?page=4"'
        ' data-ci-pagination-page="4">4</a></li><li><a href="/category/politik?page=4">4</a></li>'
        "</ul>"
    )
    page = _page(pager, f"{W}/category/daerah?page=3")
    assert page.page_number() == 3
    assert page.next_page_url() == f"{W}/category/daerah?page=4"
    archive = _page('<a href="/cari?page=13" rel="next">›</a>', f"{W}/cari?page=12")
    assert archive.next_page_url() == f"{W}/cari?page=13"
    assert (
        _page(
            '<a href="/category/daerah?page=2" rel="next">›</a>', f"{W}/category/daerah?page=2"
        ).next_page_url()
        is None
    )
