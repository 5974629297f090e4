"""Regional article pages (:mod:`rmolcrawler.regional.article`, :mod:`.classify`) and the
routing of stored pages by host (:mod:`rmolcrawler.offline`).

The golden cases ``tests/fixtures/regional-*`` are run by tests/test_golden.py; here, which layer
answered each field of them, and the rules they do not pin, on small hand-written pages.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.settings import Settings

from rmolcrawler import record
from rmolcrawler.normalize.text import REGIONAL_PATTERNS
from rmolcrawler.offline import OfflineExtractor, decode_html
from rmolcrawler.pages.article import ArticlePage
from rmolcrawler.regional.article import RegionalArticlePage, image_stamp
from rmolcrawler.regional.sites import NETWORK, RegionalSite
from rmolcrawler.settings import ITEM_PIPELINES

FIXTURES = Path(__file__).parent / "fixtures"
REGIONAL = sorted(p.name for p in FIXTURES.glob("regional-*"))
W = "https://www.rmollampung.id"
LAMPUNG = RegionalSite("rmollampung", NETWORK["rmollampung"])
PAPUA = RegionalSite("rmolpapua", NETWORK["rmolpapua"])
URL = f"{W}/judul-berita-daerah"
CRAWLED_AT = "2025-07-26T03:00:00+00:00"
PROSE = "Isi berita yang cukup panjang untuk sebuah artikel, dengan kalimat yang lengkap. " * 4


def _load(case: str) -> tuple[dict[str, Any], str]:
    folder = FIXTURES / case
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    headers = {k.lower(): v for k, v in (meta.get("headers") or {}).items()}
    return meta, decode_html((folder / "page.html").read_bytes(), headers.get("content-type"))


# ---- the golden cases ------------------------------------------------------------------------


def test_there_are_enough_regional_cases() -> None:
    expected = [json.loads((FIXTURES / c / "expected.json").read_text()) for c in REGIONAL]
    accepted = [e for e in expected if "rejected" not in e]
    assert len(accepted) >= 8
    assert len(expected) - len(accepted) >= 4
    assert {e["source"] for e in accepted} == {f"{name}.id" for name in NETWORK}
    assert all(e["key"] == f"{e['source']}/{e['url'].rsplit('/', 1)[1]}" for e in accepted)
    for case in REGIONAL:
        meta, _ = _load(case)
        assert meta["reconstructed"] is True
        assert {"SEEN", "3RD-PARTY", "GUESS"} <= set(meta["evidence"]), case


LAYERS: dict[str, dict[str, str]] = {
    "regional-rmollampung-standard": {
        "title": "site",
        "section": "site",
        "reporter": "site",
        "reporter_url": "site",
        "published_at_raw": "site",
        "image_url": "site",
        "image_caption": "site",
        "body": "site",
        "tags": "site",
        "related": "site",
    },
    "regional-rmolpapua-wit": {"image_caption": "text", "editor": "text", "body": "site"},
    "regional-rmoljatim-structured": {
        "title": "structured",
        "section": "structured",
        "reporter": "structured",
        "reporter_url": "structured",
        "published_at_raw": "structured",
        "image_caption": "structured",
        "body": "structured",
        "tags": "structured",
    },
    "regional-rmolsumut-og-metas": {
        "published_at_raw": "structured",
        "section": "structured",
        "reporter": "structured",
        "image_url": "structured",
        "tags": "structured",
    },
    "regional-rmoljabar-text": {
        "title": "text",
        "published_at_raw": "text",
        "reporter": "text",
        "image_caption": "text",
        "body": "text",
        "editor": "text",
    },
    "regional-rmolsumsel-image-stamp": {"published_at_raw": "url"},
}


@pytest.mark.parametrize("case", sorted(LAYERS))
def test_fields_come_from_the_expected_layer(case: str) -> None:
    meta, html = _load(case)
    extractor = OfflineExtractor()
    assert extractor.run(meta["url"], html, meta["crawled_at"]).item is not None
    for field, layer in LAYERS[case].items():
        assert extractor.stats.get_value(f"rmol/extract/{field}/{layer}") == 1, field


def test_every_regional_pattern_fires_on_the_regional_cases() -> None:
    extractor = OfflineExtractor()
    for case in REGIONAL:
        meta, html = _load(case)
        extractor.run(meta["url"], html, meta["crawled_at"])
    fired = {
        key.rsplit("/", 1)[1]
        for key in extractor.stats.values
        if key.startswith("rmol/boilerplate/removed/")
    }
    assert {p.name for p in REGIONAL_PATTERNS} | {"editor_initials"} <= fired


def test_every_rejection_reason_of_the_cases() -> None:
    reasons = {
        json.loads((FIXTURES / c / "expected.json").read_text()).get("rejected") for c in REGIONAL
    }
    assert reasons - {None} == {
        "static_page",
        "category_page",
        "tag_page",
        "profile_page",
        "not_found",
        "error_page",
    }


def test_reparse_of_a_regional_case_recorded_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = FIXTURES / "regional-rmolpapua-wit"
    meta = json.loads((case / "meta.json").read_text())
    argv = [meta["url"], "--from-file", str(case / "page.html"), "--fixtures", str(tmp_path)]
    assert record.main([*argv, "--name", "copy"]) == 0
    capsys.readouterr()
    expected = json.loads((case / "expected.json").read_text())
    assert json.loads((tmp_path / "copy" / "expected.json").read_text()) == expected


# ---- routing by host ---------------------------------------------------------------------------


def _article(title: str = "Judul Berita", site: str = W) -> str:
    return (
        f"<html><head><meta property='og:site_name' content='RMOLLAMPUNG'></head><body>"
        f"<div class='post-layout-top-content'><div class='post-content'><h1>{title}</h1>"
        f"<div class='author-info'><h5><a href='{site}/profile/faiza'>Faiza Ukhti</a></h5>"
        "<ul><li>Jumat, 25 Juli 2025 | 14:30</li></ul></div></div>"
        f"<div class='post-text mt-30'><p>{PROSE}</p></div></div></body></html>"
    )


def test_pages_are_routed_by_host() -> None:
    extractor = OfflineExtractor()
    assert isinstance(extractor.page_for(URL, _article()), RegionalArticlePage)
    regional = extractor.page_for("https://rmolpapua.id/judul", _article())
    assert isinstance(regional, RegionalArticlePage)
    assert regional.site.name == "rmolpapua"
    rmol = "https://rmol.id/politik/read/2025/07/25/674027/pks-perkuat-kaderisasi"
    assert isinstance(extractor.page_for(rmol, _article()), ArticlePage)
    mirror = "http://127.0.0.1:8080/politik/read/2025/07/25/674027/pks"
    assert isinstance(extractor.page_for(mirror, _article()), ArticlePage)


def test_a_mirror_named_in_the_settings_is_regional() -> None:
    settings = Settings({"ITEM_PIPELINES": ITEM_PIPELINES})
    settings.set("RMOL_REGIONAL_BASE_URLS", {"rmoljatim": "http://127.0.0.1:8001"})
    extractor = OfflineExtractor(settings)
    page = extractor.page_for("http://127.0.0.1:8001/judul", "<html></html>")
    assert isinstance(page, RegionalArticlePage)
    assert page.site == RegionalSite("rmoljatim", "http://127.0.0.1:8001")
    outcome = extractor.run("http://127.0.0.1:8001/judul", _article(site="http://127.0.0.1:8001"))
    assert outcome.item is not None
    assert (outcome.item.key, outcome.item.source) == ("rmoljatim.id/judul", "rmoljatim.id")
    assert outcome.item.published_at == "2025-07-25T14:30:00+07:00"


def test_an_unknown_origin_is_regional_when_the_page_names_its_site() -> None:
    extractor = OfflineExtractor()
    page = extractor.page_for("http://127.0.0.1:8009/judul", _article())
    assert isinstance(page, RegionalArticlePage)
    assert page.site == RegionalSite("rmollampung", "http://127.0.0.1:8009")
    assert isinstance(extractor.page_for("http://127.0.0.1:8009/judul", "<html/>"), ArticlePage)


# ---- fields ------------------------------------------------------------------------------------


def _page(column: str, *, head: str = "", url: str = URL, site: RegionalSite = LAMPUNG) -> Any:
    html = (
        f"<html><head>{head}</head><body><header class='header-area'>"
        f"<a class='active' href='{W}/category/daerah'>DAERAH</a></header>"
        f"<div class='post-layout-top-content'>{column}</div>"
        "<div class='all-post-sidebar-style-2'><ul><li>Kamis, 24 Juli 2025 | 10:00</li></ul>"
        f"<img src='{W}/uploads/images/2025/07/image_140x98_68820879e1949.jpg'></div>"
        "</body></html>"
    )
    return RegionalArticlePage(url, html, site)


def _body(paras: str) -> str:
    return f"<h1>Judul</h1><div class='post-text mt-30'>{paras}</div>"


def _value(found: Any) -> Any:
    return None if found is None else found.value


@pytest.mark.parametrize(
    ("li", "raw"),
    [
        ("Jumat, 25 Juli 2025 | 14:30", "Jumat, 25 Juli 2025 | 14:30 WIB"),
        ("Jumat, 25 Juli 2025 | 14:30 WIB", "Jumat, 25 Juli 2025 | 14:30 WIB"),
        ("Jumat, 25 Juli 2025 | 14:30 WITA", "Jumat, 25 Juli 2025 | 14:30 WITA"),
        (
            "<i class='far fa-clock'></i> Jum'at, 25 Juli 2025 | 14.30 | 1.234 kali dibaca",
            "Jum'at, 25 Juli 2025 | 14.30 WIB",
        ),
        ("Jumat, 25 Juli 2025", "Jumat, 25 Juli 2025 WIB"),
    ],
)
def test_the_date_li_gets_the_sites_zone_when_it_prints_none(li: str, raw: str) -> None:
    page = _page(_body(f"<p>{PROSE}</p>") + f"<ul><li>1.234 kali dibaca</li><li>{li}</li></ul>")
    found = page.published_at_raw()
    assert (found.value, found.layer) == (raw, "site")


def test_rmolpapua_prints_wit() -> None:
    page = _page(
        _body(f"<p>{PROSE}</p>") + "<ul><li>Senin, 21 Juli 2025 | 09:15</li></ul>",
        url="https://www.rmolpapua.id/judul",
        site=PAPUA,
    )
    assert _value(page.published_at_raw()) == "Senin, 21 Juli 2025 | 09:15 WIT"
    outcome = OfflineExtractor().run(page.url, page.page.get(), CRAWLED_AT)
    assert outcome.item is not None
    assert outcome.item.published_at == "2025-07-21T09:15:00+09:00"


@pytest.mark.parametrize(
    ("meta", "raw"),
    [
        ("2025-07-21 09:15:00", "2025-07-21 09:15:00+09:00"),
        ("2025-07-21T09:15:00+07:00", "2025-07-21T09:15:00+07:00"),
        ("Senin, 21 Juli 2025 | 09:15", "Senin, 21 Juli 2025 | 09:15 WIT"),
    ],
)
def test_a_structured_time_without_a_zone_gets_the_sites(meta: str, raw: str) -> None:
    head = f"<meta property='article:published_time' content='{meta}'>"
    page = _page(_body(f"<p>{PROSE}</p>"), head=head, site=PAPUA, url="https://rmolpapua.id/j")
    found = page.published_at_raw()
    assert (found.value, found.layer) == (raw, "structured")


def test_sidebar_dates_are_not_the_articles() -> None:
    page = _page(_body(f"<p>{PROSE}</p>"))
    assert page.published_at_raw() is None  # the sidebar's li, the listing-style dates


def test_image_stamp() -> None:
    # The hex of a REAL image (2025/07 folder, listed on Kamis, 24 Juli 2025).
    stamp = image_stamp(f"{W}/uploads/images/2025/07/image_600x460_6881fe6864595.jpg")
    assert stamp == dt.datetime(2025, 7, 24, 9, 35, 36, tzinfo=dt.UTC)
    assert image_stamp(f"{W}/uploads/images/2025/07/image_6881fe6864595.jpg") == stamp
    assert image_stamp(f"{W}/uploads/images/2024/02/image_600x460_6881fe6864595.jpg") is None
    assert image_stamp(f"{W}/uploads/images/iklan.jpg") is None
    assert image_stamp(f"{W}/uploads/logo/logo_657e3fb161050.png") is None
    # Uploaded at 23:30 WIB on 31 July: the server's folder is already August.
    late = image_stamp(f"{W}/uploads/images/2025/08/image_750x500_688b9a080000a.jpg")
    assert late == dt.datetime(2025, 7, 31, 16, 30, tzinfo=dt.UTC)


def test_the_image_stamp_dates_an_article_that_prints_no_date() -> None:
    image = f"<div class='thumb'><img src='{W}/uploads/images/2025/07/image_750x500_6881fe6864595.jpg'></div>"
    page = _page(image + _body(f"<p>{PROSE}</p>"), site=PAPUA, url="https://rmolpapua.id/j")
    found = page.published_at_raw()
    assert (found.value, found.layer) == ("2025-07-24T18:35:36+09:00", "url")


def test_the_lead_image_is_no_ad_nor_a_body_photo() -> None:
    ad = f"<div class='modalads'><img src='{W}/uploads/images/iklan.jpg'></div>"
    body_photo = f"<p><img src='{W}/uploads/images/2025/07/image_750x500_6880a2c3d4e5f.jpg'></p>"
    page = _page(ad + _body(f"<p>{PROSE}</p>{body_photo}"))
    assert page.image_url() is None
    logo = f"<meta property='og:image' content='{W}/assets/img/logo.png'>"
    assert _page(_body(f"<p>{PROSE}</p>"), head=logo).image_url() is None


def test_reporter_not_from_related_cards_nor_the_site_wide_meta() -> None:
    card = (
        f"<div class='bussiness-post-item'><h3><a href='{W}/lain'>Lain</a></h3>"
        f"<a href='{W}/profile/sahmen'>Sahmen</a></div>"
    )
    head = "<meta name='author' content='rmolnetwork'>"
    page = _page(_body(f"<p>{PROSE}</p>") + card, head=head)
    assert page.reporter() is None
    assert page.reporter_url() is None


def test_caption_once_and_not_in_the_body() -> None:
    caption = "Suasana rapat di Bandar Lampung/Tuti Nurkhomariyah"
    column = (
        f"<div class='post-content'><h1>Judul</h1><div class='thumb'><img src='{W}/x.jpg'>"
        f"<span>{caption}</span><span>{caption}</span></div></div>"
        f"<div class='post-text'><p>{caption}</p><p>{PROSE}</p><p>{PROSE}</p></div>"
    )
    page = _page(column)
    assert _value(page.image_caption()) == caption
    assert _value(page.body()) == PROSE.strip()  # the repeated lead paragraph once, too


@pytest.mark.parametrize(
    "photo",
    [
        f"<figure><img src='{W}/uploads/images/2025/07/image_750x500_6880a1b2c3d4e.jpg'>"
        "<figcaption>Warga mengungsi/RMOLBengkulu</figcaption></figure>",
        f"<p><img src='{W}/a.jpg'><br>Warga mengungsi/RMOLBengkulu</p>",
        f"<p><img src='{W}/a.jpg'></p><p><em>Warga mengungsi/RMOLBengkulu</em></p>",
        "<div class='image-caption'>Warga mengungsi/RMOLBengkulu</div>",
    ],
)
def test_captions_of_photos_in_the_body_leave_it(photo: str) -> None:
    page = _page(_body(f"<p>{PROSE}</p>{photo}<p>Akhir.</p>"))
    assert _value(page.body()) == f"{PROSE.strip()}\n\nAkhir."


@pytest.mark.parametrize(
    "box",
    [
        f"<ul><li><a href='{W}/satu'>Satu</a></li><li><a href='/dua'>Dua</a></li></ul>",
        f"<p><a href='{W}/satu'>Satu</a><br><a href='https://rmollampung.id/dua'>Dua</a></p>",
        f"<p>• <a href='{W}/satu'>Satu</a> | <a href='{W}/dua'>Dua</a></p>",
        f"<p><strong>Baca Juga:</strong> <a href='{W}/satu'>Satu</a> <a href='{W}/dua'>Dua</a></p>",
        f"<div>BERITA TERKAIT <a href='{W}/satu'>Satu</a><a href='{W}/dua'>Dua</a></div>",
    ],
)
def test_related_lists_in_the_body(box: str) -> None:
    page = _page(_body(f"<p>{PROSE}</p>{box}<p>Akhir.</p>"))
    assert _value(page.body()) == f"{PROSE.strip()}\n\nAkhir."
    assert [(r["url"], r["title"], r["id"]) for r in _value(page.related())] == [
        (f"{W}/satu", "Satu", None),
        (f"{W}/dua", "Dua", None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        f"Hal itu dibahas dalam <a href='{W}/satu'>rapat sebelumnya</a> di DPRD.",
        "<a href='https://www.rmoljatim.id/satu'>Berita RMOL Jatim</a>",
        f"<a href='{W}/tag/banjir'>Banjir</a>",
        f"<a href='{W}/tentang-kami'>Tentang Kami</a>",
    ],
)
def test_a_paragraph_that_is_no_related_list_stays(text: str) -> None:
    page = _page(_body(f"<p>{PROSE}</p><p>{text}</p>"))
    assert len(_value(page.body()).split("\n\n")) == 2
    assert page.related() is None


def test_related_never_the_article_and_each_once() -> None:
    box = (
        f"<ul><li><a href='{URL}'>Ini</a></li><li><a href='{W}/satu'><img src='/t.jpg'></a></li>"
        f"<li><a href='{W}/satu/'>Satu</a></li><li><a href='{W}/satu#x'>Satu lagi</a></li></ul>"
    )
    page = _page(_body(f"<p>{PROSE}</p>{box}"))
    assert [(r["url"], r["title"]) for r in _value(page.related())] == [(f"{W}/satu", "Satu")]


def test_tags_not_from_sidebars_nor_site_wide_keywords() -> None:
    keywords = "<meta name='keywords' content='berita daerah lampung terbaru'>"
    widget = f"<div class='widget'><a href='{W}/tag/populer'>Populer</a></div>"
    tags = f"<div class='post-tags'><a href='{W}/tag/banjir'>#Banjir</a></div>"
    page = _page(_body(f"<p>{PROSE}</p>") + widget + tags, head=keywords)
    assert _value(page.tags()) == ["Banjir"]
    assert _page(_body(f"<p>{PROSE}</p>"), head=keywords).tags() is None


def test_section_from_the_category_link_not_the_menu() -> None:
    assert _page(_body(f"<p>{PROSE}</p>")).section() is None  # the menu's active link
    crumb = f"<ol class='breadcrumb'><li><a href='{W}/category/hukum'>HUKUM</a></li></ol>"
    found = _page(crumb + _body(f"<p>{PROSE}</p>")).section()
    assert (found.value, found.layer) == ("hukum", "site")
    head = "<meta property='article:section' content='Van Joened'>"
    found = _page(_body(f"<p>{PROSE}</p>"), head=head).section()
    assert (found.value, found.layer) == ("van-joened", "structured")


def test_title_from_the_column_not_a_widgets_h1() -> None:
    widget = f"<h1 style='font-size: medium;'><a href='{W}/real-count'>#Real Count</a></h1>"
    html = f"<html><head><title>Judul Berita - RMOLLAMPUNG.ID</title></head><body>{widget}</body></html>"
    page = RegionalArticlePage(URL, html, LAMPUNG)
    found = page.title()
    assert (found.value, found.layer) == ("Judul Berita", "text")


def test_extraction_item() -> None:
    result = RegionalArticlePage(URL, _article(), LAMPUNG).extract(CRAWLED_AT)
    assert result.item is not None
    item = result.item
    assert (item.key, item.id, item.url, item.source) == (
        "rmollampung.id/judul-berita-daerah",
        None,
        URL,
        "rmollampung.id",
    )
    assert (item.reporter, item.reporter_url) == ("Faiza Ukhti", f"{W}/profile/faiza")
    assert item.published_at is None  # the timestamps pipeline's
    assert "rmol/extract/title/site" in result.stat_keys()
    assert "rmol/extract/section/missing" in result.stat_keys()


# ---- rejections ----------------------------------------------------------------------------------


def _rejected(url: str, html: str, site: RegionalSite = LAMPUNG) -> str | None:
    return RegionalArticlePage(url, html, site).extract(CRAWLED_AT).rejected


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        (f"{W}/", "not_article_url"),
        (f"{W}/judul/lain", "not_article_url"),
        (f"{W}/uploads/images/2025/07/image_750x500_6881fe6864595.jpg", "not_article_url"),
        ("https://www.rmoljatim.id/judul", "not_article_url"),
        (f"{W}/tentang-kami", "static_page"),
        (f"{W}/index-berita", "static_page"),
        (f"{W}/rss-feeds", "static_page"),
        (f"{W}/category/daerah", "category_page"),
        (f"{W}/category/daerah?page=2", "category_page"),
        (f"{W}/tag/pilkada", "tag_page"),
        (f"{W}/profile/faiza", "profile_page"),
        (f"{W}/cari?page=3", "listing_page"),
    ],
)
def test_rejected_by_url(url: str, reason: str) -> None:
    assert _rejected(url, _article()) == reason


def _template(main: str, head: str = "") -> str:
    return (
        f"<html><head><title>RMOLLAMPUNG.ID</title>{head}</head><body><header class='header-area'>"
        f"<a href='{W}/category/daerah'>DAERAH</a></header><section>{main}</section>"
        "<footer><a href='https://www.rmolaceh.id/'>Aceh</a></footer></body></html>"
    )


def _items(n: int) -> str:
    return "".join(
        f"<div class='bussiness-post-item'><h3 class='title'><a href='{W}/berita-{i}'>Berita {i}"
        "</a></h3></div>"
        for i in range(n)
    )


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (_template("<h1>404</h1><h2>Halaman tidak ditemukan</h2>"), "not_found"),
        (
            _template("<h1>404 Page Not Found</h1><p>The page you requested was not found.</p>"),
            "not_found",
        ),
        (
            "<html><body><h1>A PHP Error was encountered</h1><p>Severity: Notice</p></body></html>",
            "error_page",
        ),
        (
            "<html><body><h1>An Error Was Encountered</h1><p>Unable to load.</p></body></html>",
            "error_page",
        ),
        (
            "<html><head><title>Just a moment...</title></head><body>cf-challenge</body></html>",
            "block_page",
        ),
        (_template(_items(6)), "listing_page"),
        (_template(_items(6), f"<meta property='og:url' content='{W}/tag/pilkada'>"), "tag_page"),
        (
            _template(f"<a class='active' href='{W}/category/hukum'>HUKUM</a>{_items(15)}"),
            "category_page",
        ),
        (_template(f"<h1>Redaksi</h1><div class='page'><p>{PROSE}</p></div>"), "static_page"),
        (
            _template(
                "<h1>Video</h1><div class='post-text'><p>Singkat.</p></div>"
                "<iframe src='https://www.youtube.com/embed/x'></iframe>"
            ),
            "video_page",
        ),
        ("<html><body></body></html>", "no_article_content"),
    ],
)
def test_rejected_by_page(html: str, reason: str) -> None:
    assert _rejected(f"{W}/judul-seperti-artikel", html) == reason


def test_an_article_whose_marks_are_gone_but_its_date_is_an_article() -> None:
    html = _template(f"<h1>Judul</h1><p>Rabu, 23 Juli 2025 | 16:20</p><div><p>{PROSE}</p></div>")
    assert _rejected(f"{W}/judul", html) is None
