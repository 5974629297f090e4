"""The regional sites' URL grammar (:mod:`rmolcrawler.regional.sites`)."""

from __future__ import annotations

import datetime as dt

import pytest

from rmolcrawler.regional.sites import (
    NETWORK,
    STATIC_SLUGS,
    RegionalSite,
    regional_site_for,
    zone_of,
)

LAMPUNG = RegionalSite("rmollampung", NETWORK["rmollampung"])
MIRROR = RegionalSite("rmollampung", "http://127.0.0.1:8001")
W = "https://www.rmollampung.id"


def test_the_network_is_the_nine_sites_of_the_footer_on_www_origins() -> None:
    assert list(NETWORK) == [
        "rmolaceh",
        "rmolsumut",
        "rmolbengkulu",
        "rmolsumsel",
        "rmollampung",
        "rmoljabar",
        "rmoljawatengah",
        "rmoljatim",
        "rmolpapua",
    ]
    assert all(origin == f"https://www.{name}.id" for name, origin in NETWORK.items())


def test_a_site_is_named_by_its_name_whatever_its_origin() -> None:
    for site in (LAMPUNG, MIRROR, RegionalSite("rmollampung", "https://rmollampung.id/")):
        assert site.domain == "rmollampung.id"
        assert site.key("judul-berita") == "rmollampung.id/judul-berita"
    assert (LAMPUNG.origin, LAMPUNG.host) == (W, "www.rmollampung.id")
    assert (MIRROR.origin, MIRROR.host) == ("http://127.0.0.1:8001", "127.0.0.1")
    assert RegionalSite("rmollampung", "https://rmollampung.id/").origin == "https://rmollampung.id"


@pytest.mark.parametrize("origin", ["", "rmollampung.id", "ftp://rmollampung.id", "https://"])
def test_an_origin_must_be_http(origin: str) -> None:
    with pytest.raises(ValueError, match="http"):
        RegionalSite("rmollampung", origin)


def test_zones() -> None:
    assert [zone_of(name) for name in NETWORK] == ["WIB"] * 8 + ["WIT"]
    papua = RegionalSite("rmolpapua", NETWORK["rmolpapua"])
    assert papua.zone == "WIT"
    assert papua.tz.utcoffset(None) == dt.timedelta(hours=9)
    assert LAMPUNG.tz.utcoffset(None) == dt.timedelta(hours=7)


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        (f"{W}/kemiskinan-lampung-turun-jadi-10-persen", "kemiskinan-lampung-turun-jadi-10-persen"),
        ("https://rmollampung.id/judul-berita", "judul-berita"),  # bare host (SEEN)
        ("http://www.rmollampung.id/judul-berita/", "judul-berita"),
        (f"{W}/judul-berita?utm_source=wa#komentar", "judul-berita"),
        (f"{W}/pj-gubernur-aceh--dana-otsus", "pj-gubernur-aceh--dana-otsus"),  # "--" (SEEN)
        (f"{W}/kata-dia..", "kata-dia.."),  # trailing dots (SEEN)
        (f"{W}/100672-orang-terpaksa-mengungsi", "100672-orang-terpaksa-mengungsi"),
        (f"{W}/harga-naik-1.5-persen", "harga-naik-1.5-persen"),
        (f"{W}/Judul-Berita", "Judul-Berita"),
    ],
)
def test_article_slugs(url: str, slug: str) -> None:
    assert LAMPUNG.article_slug(url) == slug


@pytest.mark.parametrize(
    "url",
    [
        f"{W}/",
        W,
        f"{W}/category/daerah",
        f"{W}/category/daerah?page=2",
        f"{W}/tag/pilkada",
        f"{W}/profile/tutinurkhomariyah",
        f"{W}/cari?q=banjir",
        f"{W}/cari",
        f"{W}/rss/latest-posts",
        f"{W}/uploads/images/2025/07/image_750x500_68831a829982c.jpg",
        f"{W}/favicon.ico",
        f"{W}/index.php",
        f"{W}/judul/lain",
        f"{W}/tentang-kami",
        f"{W}/Disclaimer",
        f"{W}/index-berita",
        "https://rmollampung.id/index-berita",  # the menu's INDEKS link (SEEN)
        f"{W}/rss-feeds",
        f"{W}/pedoman-pemberitaan-media-siber",
        f"{W}/-judul",
        "https://www.rmoljatim.id/judul-berita",
        "https://rmol.id/politik/read/2025/07/25/674027/pks-perkuat-kaderisasi",
        "https://www.rmollampung.id.evil.com/judul",
        "mailto:redaksi@rmollampung.id",
        "http://[::1",
    ],
)
def test_not_article_urls(url: str) -> None:
    assert LAMPUNG.article_slug(url) is None


def test_every_static_slug_seen_on_the_real_pages_is_known() -> None:
    seen = {
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
    }
    assert seen <= STATIC_SLUGS
    assert LAMPUNG.static_slug(f"{W}/Tentang-Kami/") == "tentang-kami"
    assert LAMPUNG.static_slug(f"{W}/judul-berita") is None
    assert LAMPUNG.static_slug(f"{W}/category/tentang-kami") is None


def test_routes_and_listings() -> None:
    assert LAMPUNG.route_of(f"{W}/category/daerah?page=3") == "category"
    assert LAMPUNG.route_of(f"{W}/tag/pilkada") == "tag"
    assert LAMPUNG.route_of(f"{W}/profile/faiza") == "profile"
    assert LAMPUNG.route_of(f"{W}/cari?page=2") == "cari"
    assert LAMPUNG.route_of(f"{W}/judul-berita") is None
    assert LAMPUNG.route_of(f"{W}/") is None
    assert LAMPUNG.category_of_listing(f"{W}/category/daerah?page=3") == "daerah"
    assert (
        LAMPUNG.category_of_listing("https://rmollampung.id/category/van-joened/") == "van-joened"
    )
    assert LAMPUNG.category_of_listing(f"{W}/category") is None
    assert LAMPUNG.category_of_listing(f"{W}/tag/daerah") is None
    assert LAMPUNG.category_of_listing("https://www.rmoljatim.id/category/daerah") is None
    assert LAMPUNG.slug_under("profile", f"{W}/profile/faiza") == "faiza"
    assert LAMPUNG.slug_under("profile", f"{W}/tag/faiza") is None


@pytest.mark.parametrize(
    ("url", "page"),
    [
        (f"{W}/category/daerah", 1),
        (f"{W}/category/daerah?page=2", 2),
        (f"{W}/cari?q=&page=803", 803),
        (f"{W}/category/daerah?page=0", 1),
        (f"{W}/category/daerah?page=x", 1),
    ],
)
def test_page_numbers(url: str, page: int) -> None:
    assert LAMPUNG.page_number(url) == page


def test_urls_built_on_the_crawled_origin() -> None:
    assert MIRROR.home() == "http://127.0.0.1:8001/"
    assert MIRROR.article_url("judul-berita") == "http://127.0.0.1:8001/judul-berita"
    assert MIRROR.category("daerah") == "http://127.0.0.1:8001/category/daerah"
    assert MIRROR.category("daerah", 3) == "http://127.0.0.1:8001/category/daerah?page=3"
    assert MIRROR.archive(1) == "http://127.0.0.1:8001/cari?page=1"
    assert MIRROR.archive(12) == "http://127.0.0.1:8001/cari?page=12"
    assert MIRROR.rss_urls() == ["http://127.0.0.1:8001/rss/latest-posts"]
    assert LAMPUNG.article_url("kata-dia..") == f"{W}/kata-dia.."


@pytest.mark.parametrize(
    ("href", "absolute"),
    [
        ("/judul-berita", f"{W}/judul-berita"),
        ("judul-berita", f"{W}/judul-berita"),
        ("https://rmollampung.id/judul-berita", f"{W}/judul-berita"),  # one form per site
        ("//rmollampung.id/category/daerah?page=2", f"{W}/category/daerah?page=2"),
        (f"{W}/judul-berita#komentar", f"{W}/judul-berita"),
        (f"{W}/profile/faiza", f"{W}/profile/faiza"),
        ("#search", None),
        ("", None),
        ("whatsapp://send?text=judul", None),
        ("whatsapp:/send?text=judul", None),
        ("mailto:lampungrmol@gmail.com", None),
        ("javascript:void(0)", None),
        ("tel:07215641653", None),
        ("https://api.whatsapp.com/send?text=https://www.rmollampung.id/judul", None),
        ("https://www.facebook.com/sharer/sharer.php?u=https://www.rmollampung.id/judul", None),
        ("https://twitter.com/intent/tweet?url=https://www.rmollampung.id/judul", None),
        (f"{W}/uploads/images/2025/07/image_750x500_68831a829982c.jpg", None),
        (f"{W}/assets/polindo/css/style.css?v=1.3.2", None),
        ("https://www.rmoljatim.id/judul-berita", None),
        ("https://www.facebook.com/RMOLLampung/", None),
    ],
)
def test_absolute(href: str, absolute: str | None) -> None:
    assert LAMPUNG.absolute(href, f"{W}/judul-lain") == absolute


def test_a_mirror_is_its_own_origin() -> None:
    assert MIRROR.article_slug("http://127.0.0.1:8001/judul-berita") == "judul-berita"
    assert MIRROR.article_slug("http://127.0.0.1:8002/judul-berita") is None
    assert MIRROR.article_slug(f"{W}/judul-berita") is None
    assert MIRROR.absolute("/judul", "http://127.0.0.1:8001/") == "http://127.0.0.1:8001/judul"


def test_the_site_of_a_url() -> None:
    sites = [RegionalSite(name, origin) for name, origin in NETWORK.items()]
    assert regional_site_for("https://rmolpapua.id/judul", sites) == RegionalSite(
        "rmolpapua", "https://www.rmolpapua.id"
    )
    assert regional_site_for("https://www.rmoljatim.id/cari?page=2", sites) is sites[7]
    assert regional_site_for("https://rmol.id/politik", sites) is None
    assert regional_site_for("http://127.0.0.1:8001/judul", sites) is None
    assert regional_site_for("http://127.0.0.1:8001/judul", [*sites, MIRROR]) is MIRROR
    assert len({*sites, RegionalSite("rmolaceh", NETWORK["rmolaceh"])}) == 9
