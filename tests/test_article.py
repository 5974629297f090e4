"""Page-class rules that the golden fixtures do not pin, on small hand-written pages."""

from __future__ import annotations

from rmolcrawler.pages.article import ArticlePage
from rmolcrawler.urls import SiteUrls

URL = "https://rmol.id/politik/read/2025/07/24/674000/judul"
URLS = SiteUrls("https://rmol.id")
BODY = '<div id="fontResizableText"><p>Isi berita yang cukup panjang.</p></div>'


def _byline(name: str) -> str:
    return (
        f'<div class="author"><ul><li><a href="https://rmol.id/about/{name.lower()}-1">{name}'
        "</a></li><li>Kamis, 24 Juli 2025, 08:00 WIB</li></ul></div>"
    )


def _page(header: str, column: str) -> ArticlePage:
    html = (
        f"<html><body><header>{header}</header><main><div class='col'>"
        f"<h1>Judul</h1>{column}{BODY}<a href='https://rmol.id/tag/pemilu'>Pemilu</a>"
        "</div><aside><a href='https://rmol.id/tag/sidebar'>Sidebar</a></aside></main>"
        "</body></html>"
    )
    return ArticlePage(URL, html, URLS)


def test_reporter_from_the_article_column_before_the_rest_of_the_page() -> None:
    page = _page(_byline("HEADER"), _byline("KOLOM"))
    found = page.reporter()
    assert found is not None
    assert found.value == "KOLOM"


def test_reporter_outside_the_article_column_when_it_has_none() -> None:
    page = _page(_byline("HEADER"), "<p>Tanpa byline.</p>")
    found = page.reporter()
    assert found is not None
    assert found.value == "HEADER"
    url = page.reporter_url()
    assert url is not None
    assert url.value == "https://rmol.id/about/header-1"


def test_tags_only_from_the_article_column() -> None:
    found = _page("", _byline("KOLOM")).tags()
    assert found is not None
    assert found.value == ["Pemilu"]
