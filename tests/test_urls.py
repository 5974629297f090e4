import datetime as dt

import pytest

from rmolcrawler.offline import origin_of
from rmolcrawler.urls import SiteUrls, site_urls

SITE = SiteUrls("https://rmol.id")


@pytest.mark.parametrize(
    ("url", "section", "amp"),
    [
        ("https://rmol.id/hukum/read/2014/11/06/178865/hindari-fitnah-kpk", "hukum", False),
        ("https://rmol.id/read/2014/11/06/178865/hindari-fitnah-kpk", None, False),
        ("https://rmol.id/amp/2014/11/06/178865/hindari-fitnah-kpk", None, True),
        ("https://www.rmol.id/hukum/read/2014/11/06/178865/", "hukum", False),
    ],
)
def test_three_url_forms_are_one_article(url: str, section: str | None, amp: bool) -> None:
    ref = SITE.parse_article(url)
    assert ref is not None
    assert (ref.id, ref.date, ref.section, ref.amp) == (178865, dt.date(2014, 11, 6), section, amp)


@pytest.mark.parametrize(
    "url",
    [
        "https://rmol.id/politik",
        "https://rmol.id/hukum/read/2014/13/06/178865/bad-month",
        "https://rmol.id/about/ade-mulyana-1",
        "https://rmollampung.id/hukum/read/2014/11/06/178865/x",
        "https://rmol.id/amp/2011/02/21/18861/whatsapp:/send?text=x",
        "mailto:redaksi@rmol.id",
    ],
)
def test_non_articles(url: str) -> None:
    assert SITE.parse_article(url) is None


@pytest.mark.parametrize(
    "href",
    [
        "whatsapp://send?text=hello",
        "whatsapp:/send?text=https://rmol.id/politik/read/2025/07/25/674027/x",
        "WhatsApp:/send?text=x",
        "https://api.whatsapp.com/send?text=x",
        "mailto:a@b.c",
        "javascript:void(0)",
        "tel:+6221",
        "https://www.facebook.com/sharer/sharer.php?u=x",
        "/images/berita/normal/2020/12/1_x.jpg",
        "#top",
        "",
    ],
)
def test_trap_links_are_never_followed(href: str) -> None:
    assert SITE.absolute(href, "https://rmol.id/amp/2011/02/21/18861/x") is None


def test_relative_whatsapp_trap_seen_on_site_is_rejected() -> None:
    # SEEN: a stored crawl resolved this href against an AMP page.
    assert (
        SITE.absolute("whatsapp:/send?text=abc", "https://rmol.id/amp/2011/02/21/18861/x") is None
    )


def test_origin_is_configurable() -> None:
    mirror = SiteUrls("http://127.0.0.1:8123")
    url = "http://127.0.0.1:8123/politik/read/2025/07/25/674027/pks"
    assert mirror.parse_article(url) is not None
    assert SITE.parse_article(url) is None
    assert mirror.section("politik", 2) == "http://127.0.0.1:8123/politik?page=2"
    assert mirror.section_of_listing("http://127.0.0.1:8123/politik?page=3") == "politik"
    assert mirror.section_of_listing("http://127.0.0.1:8123/about") is None


def test_bad_origin_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="RMOL_BASE_URL"):
        SiteUrls("rmol.id")


def test_canonical_prefers_section_form() -> None:
    ref = SITE.parse_article("https://rmol.id/amp/2020/12/30/469000/menlu")
    assert ref is not None
    assert (
        SITE.canonical_article(ref, "dunia") == "https://rmol.id/dunia/read/2020/12/30/469000/menlu"
    )
    assert SITE.canonical_article(ref) == "https://rmol.id/read/2020/12/30/469000/menlu"


def test_malformed_url_is_not_an_article() -> None:
    assert SITE.parse_article("http://[::1/politik") is None
    assert not SITE.is_onsite("http://[::1/politik")


PAGE = "https://rmol.id/hukum/read/2025/07/24/1/a"


@pytest.mark.parametrize(
    ("href", "article"),
    [
        ("https://rmol.id/politik/read/2025/07/24/674000/x", (674000, "politik", False)),
        ("https://www.rmol.id/amp/2025/07/24/674000/x", (674000, None, True)),
        ("/read/2025/07/24/674000/x", (674000, None, False)),
        ("x", (1, "hukum", False)),  # relative to the page's own article path
        ("https://rmol.id/politik/read/2025/07/24/674000/x?share=whatsapp:", None),
        ("https://example.com/politik/read/2025/07/24/674000/x", None),
        ("https://rmol.id/images/berita/a.jpg", None),
    ],
)
def test_article_a_link_points_to(href: str, article: tuple[int, str | None, bool] | None) -> None:
    ref = SITE.article_of(href, PAGE)
    assert (ref and (ref.id, ref.section, ref.amp)) == article


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://rmol.id/politik/read/2025/07/24/1/a", "https://rmol.id"),
        ("http://127.0.0.1:8123/x?y=1#z", "http://127.0.0.1:8123"),
        ("https://rmol.id?x", "https://rmol.id"),
        ("https://rmol.id#x", "https://rmol.id"),
        ("https://rmol.id", "https://rmol.id"),
        ("HTTPS://RMOL.ID/a", "https://RMOL.ID"),
    ],
)
def test_origin_of(url: str, origin: str) -> None:
    assert origin_of(url) == origin


def test_one_site_urls_per_origin_in_a_process() -> None:
    # The spider, page classes and pipelines of a process share one SiteUrls per origin.
    assert site_urls("https://rmol.id") is site_urls("https://rmol.id")
    assert site_urls("https://rmol.id") is not site_urls("http://127.0.0.1:8080")
