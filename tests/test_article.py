"""Page-class rules that the golden fixtures do not pin, on small hand-written pages."""

from __future__ import annotations

import pytest

from rmolcrawler.pages.article import ArticlePage
from rmolcrawler.pages.dom import paragraphs, parse, text_of
from rmolcrawler.urls import SiteUrls

URL = "https://rmol.id/politik/read/2025/07/24/674000/judul"
URLS = SiteUrls("https://rmol.id")
PROSE = "Isi berita yang cukup panjang untuk sebuah artikel, dengan kalimat yang lengkap. " * 4
BODY = f'<div id="fontResizableText"><p>{PROSE}</p></div>'


def _byline(name: str) -> str:
    return (
        f'<div class="author"><ul><li><a href="https://rmol.id/about/{name.lower()}-1">{name}'
        "</a></li><li>Kamis, 24 Juli 2025, 08:00 WIB</li></ul></div>"
    )


def _page(header: str, column: str, body: str = BODY) -> ArticlePage:
    html = (
        f"<html><body><header>{header}</header><main><div class='col'>"
        f"<h1>Judul</h1>{column}{body}<a href='https://rmol.id/tag/pemilu'>Pemilu</a>"
        "</div><aside><a href='https://rmol.id/tag/sidebar'>Sidebar</a></aside></main>"
        "</body></html>"
    )
    return ArticlePage(URL, html, URLS)


def _read(article_id: int) -> str:
    return (
        f"https://rmol.id/politik/read/2025/07/2{article_id % 10}/{article_id}/judul-{article_id}"
    )


def _related_ids(page: ArticlePage) -> list[int]:
    found = page.related()
    return [] if found is None else [link["id"] for link in found.value]


def _body(page: ArticlePage) -> list[str]:
    found = page.body()
    return [] if found is None else found.value.split("\n\n")


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


def test_tags_in_a_sidebar_inside_the_column_are_left_out() -> None:
    sidebar = "<div class='widget'><a href='https://rmol.id/tag/populer'>Populer</a></div>"
    found = _page("", sidebar).tags()
    assert found is not None
    assert found.value == ["Pemilu"]


def _box(label_markup: str, ids: list[int]) -> str:
    links = "".join(f'<li><a href="{_read(i)}">Judul {i}</a></li>' for i in ids)
    return f"<div>{label_markup}<ul>{links}</ul></div>"


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


def test_a_box_label_in_any_case_and_spacing() -> None:
    page = _page("", _box("<h3>Berita&nbsp;Terkait</h3>", [674106]))
    assert _related_ids(page) == [674106]


def test_a_box_stops_at_the_next_heading_without_a_link() -> None:
    box = _box("<h3>ARTIKEL LAINNYA</h3>", [674107]) + _box("<h3>TERPOPULER</h3>", [674108])
    assert _related_ids(_page("", f"<div>{box}</div>")) == [674107]


@pytest.mark.parametrize(
    "box",
    [
        f'<p>Baca juga: <a href="{_read(674111)}">Judul</a></p>',
        f'<p>BACA JUGA <a href="{_read(674111)}">judul kecil</a></p>',
        f'<div class="baca"><span>Baca Juga</span><a href="{_read(674111)}"><img src="/x.jpg">'
        "<h4>Judul</h4></a></div>",
        f'<aside><h4>BERITA TERKAIT</h4><ul><li><a href="{_read(674111)}">Judul</a></li>'
        f'<li><a href="{_read(674111)}">Judul lagi</a></li></ul></aside>',
        f'<p>BERITA TERKAIT: <a href="{_read(674111)}">Judul</a> | <a href="{_read(674111)}">J</a></p>',
    ],
)
def test_related_box_between_paragraphs_leaves_the_body(box: str) -> None:
    page = _page("", "", f'<div id="fontResizableText"><p>{PROSE}</p>{box}<p>Akhir.</p></div>')
    assert _body(page) == [PROSE.strip(), "Akhir."]
    assert _related_ids(page) == [674111]


@pytest.mark.parametrize(
    "text",
    [
        # The label must stand alone: these are paragraphs that mention a link.
        f'Baca juga laporan <a href="{_read(674112)}">ini</a> sebelum rapat.',
        f'Simak <a href="{_read(674112)}">Baca Juga</a> di sini.',
        'Baca juga: <a href="https://example.com/luar">tautan luar</a>',
    ],
)
def test_a_paragraph_that_is_no_related_box_stays(text: str) -> None:
    page = _page("", "", f'<div id="fontResizableText"><p>{PROSE}</p><p>{text}</p></div>')
    assert len(_body(page)) == 2
    assert _related_ids(page) == []


def test_byline_label_lines_give_reporter_and_editor_and_leave_the_body() -> None:
    lines = "<p>Reporter: Ade Mulyana</p><div>Editor : Widya Victoria</div>"
    page = _page("", "", f'<div id="fontResizableText"><p>{PROSE}</p>{lines}</div>')
    assert _body(page) == [PROSE.strip()]
    reporter, editor = page.reporter(), page.editor()
    assert reporter is not None
    assert (reporter.value, reporter.layer) == ("Ade Mulyana", "text")
    assert editor is not None
    assert (editor.value, editor.layer) == ("Widya Victoria", "text")


def test_an_editor_line_with_the_sites_byline() -> None:
    body = f'<div id="fontResizableText"><p>{PROSE}</p><p>Editor: Widya Victoria</p></div>'
    page = _page("", _byline("KOLOM"), body)
    editor = page.editor()
    assert editor is not None
    assert editor.value == "Widya Victoria"
    result = page.extract("2026-11-27T06:00:00+00:00")
    assert result.item is not None
    assert result.item.editor == "Widya Victoria"
    assert "rmol/extract/editor/text" in result.stat_keys()


def test_no_editor_is_not_counted_missing() -> None:
    result = _page("", _byline("KOLOM")).extract("2026-11-27T06:00:00+00:00")
    assert result.item is not None
    assert result.item.editor is None
    assert not [key for key in result.stat_keys() if "/editor/" in key]


def test_a_sentence_with_a_label_is_prose() -> None:
    text = "Penulis: buku itu ditulis pada 1998 oleh 3 orang peneliti dari Universitas Indonesia."
    page = _page("", "", f'<div id="fontResizableText"><p>{PROSE}</p><p>{text}</p></div>')
    assert _body(page) == [PROSE.strip(), text]


def test_canonical_link_outside_the_head_still_counts() -> None:
    canonical = URL.replace("/politik/", "/hukum/")
    html = (
        "<html><head><link rel='stylesheet' href='/a.css'></head><body>"
        f"<link rel='canonical' href='{canonical}'><h1>Judul</h1>{BODY}</body></html>"
    )
    found = ArticlePage(URL, html, URLS).section()
    assert found is not None
    assert found.value == "hukum"


def _rejected(column: str, body: str = "") -> str | None:
    html = f"<html><body><div class='col'><h1>Judul</h1>{_byline('KOLOM')}{column}{body}</div>"
    html += "<aside class='sidebar'><iframe src='https://www.youtube.com/embed/tv'></iframe>"
    html += "<figure><img src='/a.jpg'><figcaption>Satu</figcaption></figure>"
    html += "<figure><img src='/b.jpg'><figcaption>Dua</figcaption></figure></aside></body></html>"
    return ArticlePage(URL, html, URLS).extract("2026-11-27T06:00:00+00:00").rejected


def test_an_article_with_a_video_and_photos_is_an_article() -> None:
    video = "<iframe src='https://www.youtube.com/embed/x'></iframe>"
    photos = "<figure><figcaption>Foto satu</figcaption></figure>" * 2
    assert _rejected("", f'<div id="fontResizableText">{video}{photos}<p>{PROSE}</p></div>') is None


def test_short_pages_by_what_they_hold() -> None:
    video = "<video><source src='/v.mp4'></video>"
    photos = "".join(f"<figure><figcaption>Foto {n}</figcaption></figure>" for n in (1, 2))
    assert _rejected("", f'<div id="fontResizableText">{video}</div>') == "video_page"
    assert _rejected("", f'<div id="fontResizableText">{photos}</div>') == "gallery_page"
    assert _rejected("", f'<div id="fontResizableText"><p>{PROSE}</p>{photos}</div>') is None
    # The sidebar's player and photos are not the page's: an empty body stays for validation.
    assert _rejected("", '<div id="fontResizableText"></div>') is None


def test_a_headline_that_says_not_found_is_no_not_found_page() -> None:
    html = "<html><head><title>Jasad Korban Tidak Ditemukan</title></head><body><h1>Jasad Korban"
    html += f" Tidak Ditemukan</h1><div class='amp-content'><p>{PROSE}</p></div></body></html>"
    amp = "https://rmol.id/amp/2025/07/24/674000/judul"
    assert ArticlePage(amp, html, URLS).extract("2026-11-27T06:00:00+00:00").rejected is None


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<!-- only a comment -->",
        '<?xml version="1.0" encoding="utf-8"?><p>x</p>',
        "\ud800<p>lone surrogate</p>",
    ],
)
def test_odd_input_is_no_article(html: str) -> None:
    assert ArticlePage(URL, html, URLS).extract("2026-11-27T06:00:00+00:00").item is None


def test_text_of_a_page_that_declares_another_encoding() -> None:
    page = parse('<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>Rp 5 ribu é</p>')
    assert paragraphs(page) == ["Rp 5 ribu é"]


def test_paragraphs_split_at_blocks_and_leave_out_noise() -> None:
    page = parse(
        "<div>Satu <b>dua</b><p>tiga<br>empat</p>lima<ins>iklan</ins> enam"
        "<script>x()</script>\n<div class='space-inarticle'>iklan</div>\n<!-- c -->tujuh</div>"
    )
    div = page.css("div")[0]
    assert text_of(div) == "Satu dua tiga empat lima enam tujuh"
    assert paragraphs(div) == ["Satu dua", "tiga empat", "limaiklan enam", "iklan", "tujuh"]
