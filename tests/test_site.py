"""Fast checks of the offline rmol.id mirror itself (tests/site)."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from parsel import Selector

from tests.site import render
from tests.site.expected import expected_items, reachable_ids
from tests.site.model import SECTIONS, VARIANTS, build_site
from tests.site.server import MirrorServer, route

# Never use a proxy: the mirror lives on 127.0.0.1.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))

BOILERPLATE = (
    "rmol news logo",
    "Temukan berita-berita hangat",
    "Untuk mengikuti silakan",
    "FOLLOW US",
    "ARTIKEL LAINNYA",
    "BERITA TERKAIT",
    "Baca Juga",
    "LAPORAN:",
    "Dimensy.id",
    "Apollo Solar Panel",
    "adsbygoogle",
    "RMOL. ",
)


def fetch(url: str, timeout: float = 5.0) -> tuple[int, str, bytes]:
    """GET ``url``; return (status, content type, body) without raising on 4xx/5xx."""
    try:
        with _OPENER.open(url, timeout=timeout) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read()


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    with MirrorServer(slow_seconds=0.5) as server:
        yield server
    assert not server.errors, server.errors


def test_serves_home_robots_and_404(mirror: MirrorServer) -> None:
    assert mirror.base_url.startswith("http://127.0.0.1:")
    status, ctype, body = fetch(mirror.url("/"))
    assert status == 200
    assert ctype == "text/html; charset=utf-8"
    sel = Selector(text=body.decode())
    menu = sel.css("nav.main-menu a::attr(href)").getall()
    assert f"{mirror.base_url}/olahraga" in menu
    assert len(sel.css(".single_post_text a::attr(href)").getall()) >= 10

    status, ctype, body = fetch(mirror.url("/robots.txt"))
    assert (status, ctype) == (200, "text/plain; charset=utf-8")
    assert b"Disallow: /cari" in body
    assert b"Disallow: /search" in body

    assert fetch(mirror.url("/favicon.ico"))[0] == 404
    assert fetch(mirror.url("/no/such/page"))[0] == 404
    assert fetch(mirror.url("/amp/2011/02/21/18861/whatsapp:/send?text=x"))[0] == 404
    assert mirror.request_count("/robots.txt") == 1


def _article_links(sel: Selector) -> list[str]:
    return sel.css(".rubrik-list-title a::attr(href)").getall()


@pytest.mark.parametrize("section", ["politik", "bisnis", "nusantara"])
def test_listing_paging_styles(mirror: MirrorServer, section: str) -> None:
    """Each paging form (CodeIgniter, <link rel=next>, plain numbers) leads to page 2."""
    status, _, body = fetch(mirror.url(f"/{section}"))
    assert status == 200
    sel = Selector(text=body.decode())
    assert 5 <= len(_article_links(sel)) <= 8
    style = render.PAGING_STYLE[section]
    if style == "codeigniter":
        nxt = sel.css('ul.pagination a[rel="next"]')
        assert nxt.attrib["data-ci-pagination-page"] == "2"
        href = nxt.attrib["href"]
    elif style == "head_rel_next":
        assert not sel.css("ul.pagination, .paging")
        href = sel.css('head link[rel="next"]::attr(href)').get() or ""
    else:
        assert not sel.css("[rel=next], [data-ci-pagination-page]")
        href = sel.css('.paging a:contains("2")::attr(href)').get() or ""
        assert href == f"/{section}?page=2"
        href = mirror.url(href)
    assert href == f"{mirror.base_url}/{section}?page=2"
    last = Selector(text=fetch(href)[2].decode())
    assert _article_links(last)
    assert not last.css('[rel="next"]')
    past = Selector(text=fetch(mirror.url(f"/{section}?page=99"))[2].decode())
    assert not _article_links(past)


def test_every_section_has_two_pages() -> None:
    site = build_site()
    for section in SECTIONS:
        assert site.page_count(section) >= 2, section


def test_flaky_route_recovers_and_slow_route_does_not_block(mirror: MirrorServer) -> None:
    site = mirror.site
    flaky = site.article(site.fault_ids["flaky_500"])
    statuses = [fetch(mirror.url(flaky.desktop_path))[0] for _ in range(3)]
    assert statuses == [500, 500, 200]

    slow = site.article(site.fault_ids["slow"])
    done: list[int] = []
    worker = threading.Thread(target=lambda: done.append(fetch(mirror.url(slow.desktop_path))[0]))
    started = time.monotonic()
    worker.start()
    assert fetch(mirror.url("/"))[0] == 200
    assert time.monotonic() - started < mirror.slow_seconds
    worker.join()
    assert done == [200]


def test_fault_routes(mirror: MirrorServer) -> None:
    site = mirror.site
    faults = {name: site.article(i) for name, i in site.fault_ids.items()}
    assert fetch(mirror.url(faults["missing_404"].desktop_path))[0] == 404
    status, _, body = fetch(mirror.url(faults["not_article"].desktop_path))
    assert status == 200
    assert b"Halaman tidak ditemukan" in body
    assert b'id="fontResizableText"' not in body
    status, _, body = fetch(mirror.url(faults["challenge"].desktop_path))
    assert status == 200
    assert b"Just a moment..." in body
    for art in faults.values():  # every fault is linked from its section's listing
        assert art.id in site.listing(art.section)


def test_article_url_forms_serve_the_same_article(mirror: MirrorServer) -> None:
    site = mirror.site
    art = site.article(site.all_forms_ids[0])
    desktop = fetch(mirror.url(art.desktop_path))[2]
    assert fetch(mirror.url(art.read_path))[2] == desktop
    amp = Selector(text=fetch(mirror.url(art.amp_path))[2].decode())
    assert amp.css('link[rel="canonical"]::attr(href)').get() == mirror.url(art.desktop_path)
    assert amp.css(".amp-meta::text").get() == f"{art.amp_dateline} | LAPORAN: {art.reporter}"
    wrong_section = art.desktop_path.replace(f"/{art.section}/", "/hukum/", 1)
    assert fetch(mirror.url(wrong_section))[0] == 404


def test_cp1252_article_is_served_in_cp1252(mirror: MirrorServer) -> None:
    art = mirror.site.article(mirror.site.variant_ids["cp1252"][0])
    status, ctype, body = fetch(mirror.url(art.desktop_path))
    assert (status, ctype) == (200, "text/html; charset=windows-1252")
    assert "\u201c".encode("cp1252") in body
    assert art.title in body.decode("cp1252")


def test_desktop_selectors_match_the_truth() -> None:
    site = build_site()
    base = "https://rmol.id"
    art = site.article(site.variant_ids["standard"][1])
    sel = Selector(text=render.render_article(site, base, art.id))
    assert sel.css(".single_post_heading h1::text").get() == art.title
    assert sel.css(".author li::text").get() == art.byline
    assert sel.css('.author a[href*="/about/"]::text').get() == art.reporter
    assert sel.css("#fontResizableText img::attr(alt)").getall()[0] == "rmol news logo"


def test_large_site_builds_and_renders() -> None:
    site = build_site(20_000)
    assert len(site) > 20_000
    ids = site.listing_page("politik", 1)
    assert len(ids) == 5
    reply = route(site, "http://127.0.0.1:1", "/politik")
    assert reply.status == 200
    assert site.article(ids[0]).title.encode() in reply.body


def test_variants_and_roles_present() -> None:
    site = build_site()
    assert all(site.variant_ids[v] for v in VARIANTS)
    assert set(site.fault_ids) == {"flaky_500", "slow", "missing_404", "not_article", "challenge"}
    assert len(site.related_only_ids) >= 3
    assert site.depth2_ids
    assert site.listing_amp_ids
    assert site.listing_read_ids
    assert site.all_forms_ids


def test_expected_items_cover_the_site() -> None:
    site = build_site()
    items = expected_items(site, "http://127.0.0.1:1")
    assert len(items) >= 30
    assert set(site.related_only_ids) <= set(items)
    assert site.fault_ids["flaky_500"] in items
    for name in ("slow", "missing_404", "not_article", "challenge"):
        assert site.fault_ids[name] not in items
    shallow = reachable_ids(site, max_related_depth=1)
    assert not set(site.depth2_ids) & set(shallow)
    for rid, item in items.items():
        assert item["body"]
        assert item["title"]
        assert not any(b in item["body"] for b in BOILERPLATE), rid
        related = item["related"]
        assert isinstance(related, list)
        ids = [r["id"] for r in related]
        assert rid not in ids
        assert len(ids) == len(set(ids))
        for entry in related:
            assert entry["title"] == site.article(entry["id"]).title


def test_publish_adds_newest_articles() -> None:
    site = build_site()
    before = max(site.ids)
    new = site.publish(7)
    assert min(new) > before
    for rid in new:
        rec = site.record(rid)
        assert rec is not None
        assert site.listing_page(rec.section, 1)[0] in new
    assert set(new) <= set(expected_items(site, "http://127.0.0.1:1"))
