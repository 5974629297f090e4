"""``modified_at``: the site's own modification time, read from structured data as printed.

Hand-written pages (RECONSTRUCTED: rmol-site.md knows of no modification time on rmol.id or on
the network's pages), in every combination of JSON-LD ``dateModified`` and the
``article:modified_time`` / ``og:updated_time`` metas, for both page classes.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rmolcrawler.normalize.dates import parse_published, to_iso
from rmolcrawler.pages.article import ArticlePage
from rmolcrawler.pages.layers import Layer
from rmolcrawler.regional.article import RegionalArticlePage
from rmolcrawler.regional.sites import NETWORK, RegionalSite
from rmolcrawler.urls import site_urls

RMOL_URL = "https://rmol.id/politik/read/2025/07/25/674027/pks-perkuat-kaderisasi"
LAMPUNG = RegionalSite("rmollampung", NETWORK["rmollampung"])
PAPUA = RegionalSite("rmolpapua", NETWORK["rmolpapua"])
REGIONAL_URL = "https://www.rmollampung.id/judul-berita-daerah"
PAPUA_URL = "https://www.rmolpapua.id/judul-berita-daerah"

LD_MODIFIED = "2025-07-25T16:40:00+07:00"
META_MODIFIED = "2025-07-25T17:05:00+07:00"
OG_UPDATED = "2025-07-25T17:30:00+07:00"


def _jsonld(**fields: str) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "PKS Perkuat Kaderisasi",
        "datePublished": "2025-07-25T14:02:00+07:00",
        **fields,
    }
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _meta(prop: str, value: str) -> str:
    return f'<meta property="{prop}" content="{value}">'


def _page(*head: str) -> str:
    return (
        "<!DOCTYPE html><html><head><title>PKS Perkuat Kaderisasi</title>"
        + "".join(head)
        + '</head><body><div class="single_post_heading"><h1>PKS Perkuat Kaderisasi</h1></div>'
        '<div id="fontResizableText"><p>'
        + "Isi berita yang cukup panjang untuk sebuah artikel. " * 6
        + "</p></div></body></html>"
    )


def _rmol(html: str) -> ArticlePage:
    return ArticlePage(RMOL_URL, html, site_urls("https://rmol.id"))


def _regional(
    html: str, site: RegionalSite = LAMPUNG, url: str = REGIONAL_URL
) -> RegionalArticlePage:
    return RegionalArticlePage(url, html, site)


CASES = {
    "jsonld_only": (_page(_jsonld(dateModified=LD_MODIFIED)), LD_MODIFIED),
    "meta_only": (_page(_meta("article:modified_time", META_MODIFIED)), META_MODIFIED),
    "og_updated_only": (_page(_meta("og:updated_time", OG_UPDATED)), OG_UPDATED),
    "both_jsonld_first": (
        _page(
            _meta("article:modified_time", META_MODIFIED),
            _meta("og:updated_time", OG_UPDATED),
            _jsonld(dateModified=LD_MODIFIED),
        ),
        LD_MODIFIED,
    ),
    "metas_article_before_og": (
        _page(_meta("og:updated_time", OG_UPDATED), _meta("article:modified_time", META_MODIFIED)),
        META_MODIFIED,
    ),
    "none": (_page(_jsonld(), _meta("article:published_time", "2025-07-25T14:02:00+07:00")), None),
    "malformed_jsonld_falls_to_meta": (
        _page(
            '<script type="application/ld+json">{"@type": "NewsArticle", "dateModified": '
            f'"{LD_MODIFIED}",</script>',
            _meta("article:modified_time", META_MODIFIED),
        ),
        META_MODIFIED,
    ),
    "malformed_jsonld_alone": (
        _page(f'<script type="application/ld+json">{{"dateModified": "{LD_MODIFIED}"</script>'),
        None,
    ),
    "not_a_date_is_skipped": (
        _page(
            _jsonld(dateModified="kemarin sore"),
            _meta("article:modified_time", ""),
            _meta("og:updated_time", OG_UPDATED),
        ),
        OG_UPDATED,
    ),
    "graph_and_indonesian_text": (
        _page(
            '<script type="application/ld+json">'
            + json.dumps(
                {
                    "@graph": [
                        {"@type": "WebPage", "dateModified": "2020-01-01T00:00:00+07:00"},
                        {"@type": "NewsArticle", "dateModified": "Jumat, 25 Juli 2025, 16:40 WIB"},
                    ]
                }
            )
            + "</script>"
        ),
        "Jumat, 25 Juli 2025, 16:40 WIB",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_rmol_page_modified_at(case: str) -> None:
    html, expected = CASES[case]
    found = _rmol(html).modified_at()
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert found.value == expected
        assert found.layer is Layer.STRUCTURED


@pytest.mark.parametrize("case", CASES)
def test_regional_page_modified_at(case: str) -> None:
    html, expected = CASES[case]
    found = _regional(html).modified_at()
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert found.value == expected  # the value carries a zone: kept as printed
        assert found.layer is Layer.STRUCTURED


def test_the_raw_value_parses_like_published_at() -> None:
    """The timestamps stage parses ``modified_at`` with ``published_at``'s code: an ISO time
    keeps its offset, a byline-style time its zone."""
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for html, expected in (
        (CASES["jsonld_only"][0], "2025-07-25T16:40:00+07:00"),
        (CASES["graph_and_indonesian_text"][0], "2025-07-25T16:40:00+07:00"),
    ):
        found = _rmol(html).modified_at()
        assert found is not None
        value, _ = parse_published(found.value, now)
        assert value is not None
        assert to_iso(value) == expected


def test_regional_times_without_a_zone_get_the_sites() -> None:
    """As for ``published_at_raw``: an ISO time without an offset gets the site's, a printed
    date without a zone label the site's label (WIT on rmolpapua.id)."""
    naive_iso = _page(_meta("article:modified_time", "2025-07-25 16:40:00"))
    found = _regional(naive_iso).modified_at()
    assert found is not None
    assert found.value == "2025-07-25 16:40:00+07:00"
    printed = _page(_jsonld(dateModified="Jumat, 25 Juli 2025 | 16:40"))
    found = _regional(printed, PAPUA, PAPUA_URL).modified_at()
    assert found is not None
    assert found.value == "Jumat, 25 Juli 2025 | 16:40 WIT"
