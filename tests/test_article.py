"""Page-class rules that the golden fixtures do not pin, on small hand-written pages."""

from __future__ import annotations

import json
import random
from pathlib import Path

from lxml import etree

import rmolcrawler.normalize.text as text_module
from rmolcrawler.normalize.text import LaidOut, clean_body
from rmolcrawler.offline import decode_html
from rmolcrawler.pages.article import (
    CHROME_CLASS,
    CHROME_WORDS,
    ArticlePage,
    _holds_link,
    _is_chrome,
)
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


def _read(article_id: int) -> str:
    return (
        f"https://rmol.id/politik/read/2025/07/2{article_id % 10}/{article_id}/judul-{article_id}"
    )


def _box(label_markup: str, ids: list[int]) -> str:
    links = "".join(f'<li><a href="{_read(i)}">Judul {i}</a></li>' for i in ids)
    return f"<div>{label_markup}<ul>{links}</ul></div>"


def _related_ids(page: ArticlePage) -> list[int]:
    found = page.related()
    return [] if found is None else [link["id"] for link in found.value]


def test_related_box_under_a_heading_element() -> None:
    page = _page("", _box("<h3>ARTIKEL LAINNYA</h3>", [674101, 674102]))
    assert _related_ids(page) == [674101, 674102]


def test_related_box_under_any_element_when_no_heading_names_one() -> None:
    page = _page("", _box('<div class="judul">Artikel Lainnya</div>', [674103]))
    assert _related_ids(page) == [674103]


def test_heading_elements_are_preferred_to_other_labels() -> None:
    other = _box("<b>BERITA TERKAIT</b>", [674104])
    page = _page(other, _box("<h2>ARTIKEL LAINNYA</h2>", [674105]))
    assert _related_ids(page) == [674105]


def test_canonical_link_outside_the_head_still_counts() -> None:
    canonical = URL.replace("/politik/", "/hukum/")
    html = (
        "<html><head><link rel='stylesheet' href='/a.css'></head><body>"
        f"<link rel='canonical' href='{canonical}'><h1>Judul</h1>{BODY}</body></html>"
    )
    page = ArticlePage(URL, html, URLS)
    found = page.section()
    assert found is not None
    assert found.value == "hukum"


def test_chrome_test_agrees_with_its_regex() -> None:
    # ASCII class and id names are tested by substrings, the rest by the regex itself.
    pieces = [*CHROME_WORDS, "col-md-8", "Main", "NAVBAR", "SideBar", "wid", "get", "-", " "]
    pieces += ["Menü", "\u212aategori", "ſidebar", "header\u00a0x", "İnav"]
    rng = random.Random(5)
    for _ in range(3000):
        cls = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 3)))
        ident = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 2)))
        el = etree.Element("div", {"class": cls, "id": ident})
        assert _is_chrome(el) is bool(CHROME_CLASS.search(f"{cls} {ident}")), (cls, ident)


def test_holds_link_is_any_link_below() -> None:
    html = (
        "<div><h4><a href='/a'>a</a></h4><h4>t<span><a href='/b'>b</a></span></h4><h4>x</h4>"
        "<h4><span>y</span><a>z</a></h4><h4></h4><h4><!-- c --><b>q</b></h4></div>"
    )
    root = etree.fromstring(html, etree.HTMLParser())
    found = [_holds_link(h) for h in root.iter("h4")]
    assert found == [True, True, False, True, False, False]
    assert found == [next(h.iterdescendants("a"), None) is not None for h in root.iter("h4")]


def _pages_with_bodies() -> list[tuple[str, str]]:
    from bench.corpus import mirror_pages  # the benchmark's generator: many page styles

    fixtures = Path(__file__).parent / "fixtures"
    pages = [
        (
            json.loads((case / "meta.json").read_text())["url"],
            decode_html(case.joinpath("page.html").read_bytes()),
        )
        for case in sorted(fixtures.iterdir())
        if (case / "meta.json").exists()
    ]
    pages += [(page.url, page.html) for page in mirror_pages(300)]
    rng = random.Random(21)
    pieces = ["Isi", " ", "  ", "\n", "\t", "\xa0", "\u200b", "\ufeff", "<br>", "<b>x</b>", "kata"]
    for _ in range(300):
        paras = "".join(
            f"<p>{''.join(rng.choices(pieces, k=rng.randint(0, 8)))}</p>" for _ in range(4)
        )
        body = f'<div id="fontResizableText">{paras}</div>'
        ld = json.dumps({"@type": "NewsArticle", "articleBody": "".join(rng.choices(pieces, k=9))})
        html = f"<html><head><script type='application/ld+json'>{ld}</script></head>"
        pages.append((URL, f"{html}<body><h1>Judul</h1>{rng.choice([body, ''])}</body></html>"))
    return pages


def test_bodies_are_laid_out_as_their_type_says() -> None:
    # clean_body skips the layout pass of a LaidOut body: the page class must only build one
    # that the pass would leave as it is, and the cleaning must come out the same either way.
    layers: set[str] = set()
    for url, html in _pages_with_bodies():
        found = ArticlePage(url, html, SiteUrls("http://127.0.0.1:8000")).body()
        if found is None:
            continue
        layers.add(found.layer)
        assert isinstance(found.value, LaidOut)
        assert text_module._layout(found.value, "\n") == (found.value, False), url
        assert clean_body(found.value) == clean_body(str(found.value))
    assert layers == {"site", "structured", "text"}


def test_a_laid_out_body_comes_out_as_plain_text() -> None:
    result = clean_body(LaidOut("Isi berita.\n\nParagraf dua."))
    assert type(result.body) is str
