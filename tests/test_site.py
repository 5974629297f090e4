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


# ---- runtime fault modes ----------------------------------------------------------------------


@pytest.fixture
def faulty() -> Iterator[MirrorServer]:
    """A mirror of its own, so the fault modes never leak into the shared one."""
    with MirrorServer(slow_seconds=0.5) as server:
        yield server
    assert not server.errors, server.errors


def _page(mirror: MirrorServer, path: str) -> tuple[int, Selector]:
    status, _, body = fetch(mirror.url(path))
    return status, Selector(text=body.decode("utf-8", errors="replace"))


def _get(mirror: MirrorServer, path: str) -> tuple[int, dict[str, str], bytes]:
    """GET a mirror path: (status, headers, body), without raising on 4xx/5xx."""
    try:
        with _OPENER.open(mirror.url(path), timeout=5) as resp:
            return resp.status, dict(resp.headers.items()), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers.items()), err.read()


def test_fail_all_counts_down_and_heals(faulty: MirrorServer) -> None:
    art = faulty.site.article(faulty.site.listing_page("hukum", 1)[0])
    faulty.fail_all(429, times=3, retry_after="2")
    assert faulty.failures_left == 3
    assert _get(faulty, "/robots.txt")[0] == 200  # robots.txt never fails, nor counts
    for path in ("/", "/politik?page=2", art.desktop_path):
        status, headers, body = _get(faulty, path)
        assert (status, headers.get("Retry-After")) == (429, "2"), path
        assert b"429 Too Many Requests" in body
    assert faulty.failures_left == 0
    assert _get(faulty, "/")[0] == 200

    faulty.fail_all(503, times=10**9)  # down for good, without Retry-After
    statuses = [_get(faulty, p)[0] for p in ("/", art.amp_path, "/nope", "/robots.txt")]
    assert statuses == [503, 503, 503, 200]
    status, headers, _ = _get(faulty, "/")
    assert status == 503
    assert "Retry-After" not in headers
    faulty.heal()
    assert faulty.failures_left == 0
    assert _get(faulty, art.desktop_path)[0] == 200
    assert ("GET", "/", 503) in faulty.request_log


def test_reset_log_forgets_earlier_requests(faulty: MirrorServer) -> None:
    fetch(faulty.url("/"))
    assert faulty.request_count() == 1
    faulty.reset_log()
    assert faulty.request_log == []
    fetch(faulty.url("/politik"))
    assert faulty.request_log == [("GET", "/politik", 200)]


def _next_href(sel: Selector, section: str, base: str) -> str:
    """The page's "next" link, absolute, in the section's paging style."""
    style = render.PAGING_STYLE[section]
    if style == "codeigniter":
        return sel.css('ul.pagination a[rel="next"]::attr(href)').get() or ""
    if style == "head_rel_next":
        return sel.css('head link[rel="next"]::attr(href)').get() or ""
    hrefs = sel.css(".paging a::attr(href)").getall()
    return base + hrefs[-1] if hrefs else ""


@pytest.mark.parametrize("section", ["politik", "bisnis", "nusantara"])
def test_loop_paging_links_the_last_page_back_to_page_1(faulty: MirrorServer, section: str) -> None:
    last = faulty.site.page_count(section)
    faulty.loop_paging(section)
    sel = _page(faulty, f"/{section}?page={last}")[1]
    assert _next_href(sel, section, faulty.base_url) == faulty.url(f"/{section}?page=1")
    if render.PAGING_STYLE[section] == "codeigniter":
        nxt = sel.css('ul.pagination a[rel="next"]')
        assert nxt.attrib["data-ci-pagination-page"] == "1"
    if render.PAGING_STYLE[section] == "numbers":
        numbers = sel.css(".paging a:not(.next)::attr(href)").getall()
        assert f"/{section}?page=1" in numbers
        assert not sel.css("[rel=next], [data-ci-pagination-page]")
    # page 1 still leads to page 2; the page after the last is still empty
    first = _page(faulty, f"/{section}")[1]
    assert _next_href(first, section, faulty.base_url) == faulty.url(f"/{section}?page=2")
    assert not _article_links(_page(faulty, f"/{section}?page={last + 1}")[1])
    faulty.loop_paging(section, on=False)
    assert not _page(faulty, f"/{section}?page={last}")[1].css('[rel="next"], .paging a.next')


@pytest.mark.parametrize("section", ["hukum", "dunia", "publika"])
def test_endless_paging_serves_any_page(faulty: MirrorServer, section: str) -> None:
    site = faulty.site
    last = site.page_count(section)
    last_links = _article_links(_page(faulty, f"/{section}?page={last}")[1])
    faulty.endless_paging(section)
    sel = _page(faulty, f"/{section}?page={last}")[1]
    assert _article_links(sel) == last_links
    assert _next_href(sel, section, faulty.base_url) == faulty.url(f"/{section}?page={last + 1}")
    status, sel = _page(faulty, f"/{section}?page=999")
    assert status == 200
    assert _article_links(sel) == last_links
    assert _next_href(sel, section, faulty.base_url) == faulty.url(f"/{section}?page=1000")
    if render.PAGING_STYLE[section] == "codeigniter":
        nxt = sel.css('ul.pagination a[rel="next"]')
        assert nxt.attrib["data-ci-pagination-page"] == "1000"
    faulty.endless_paging(section, on=False)
    assert not _article_links(_page(faulty, f"/{section}?page=999")[1])


def _menu(sel: Selector) -> list[str]:
    return sel.css("nav.main-menu a::attr(href)").getall()


def test_remove_section_404s_listings_and_leaves_articles(faulty: MirrorServer) -> None:
    site = faulty.site
    art = site.article(site.listing_page("dunia", 1)[0])
    faulty.remove_section("dunia")
    for path in ("/dunia", "/dunia/", "/dunia?page=1", "/dunia?page=2", "/dunia?page=50"):
        assert fetch(faulty.url(path))[0] == 404, path
    status, home = _page(faulty, "/")
    assert status == 200
    assert faulty.url("/dunia") not in _menu(home)
    assert faulty.url("/olahraga") in _menu(home)
    assert faulty.url("/dunia") not in _menu(_page(faulty, "/politik")[1])
    for path in (art.desktop_path, art.read_path, art.amp_path):
        assert fetch(faulty.url(path))[0] == 200, path
    assert fetch(faulty.url("/politik"))[0] == 200

    faulty.restore_section("dunia")
    assert fetch(faulty.url("/dunia?page=2"))[0] == 200
    assert faulty.url("/dunia") in _menu(_page(faulty, "/")[1])


def test_break_markup_selectors(faulty: MirrorServer) -> None:
    site = faulty.site
    art = site.article(site.variant_ids["standard"][1])
    faulty.break_markup("selectors")
    status, _, body = fetch(faulty.url(art.desktop_path))
    text = body.decode()
    assert status == 200
    for hook in ("single_post_heading", "fontResizableText", 'class="author"'):
        assert hook not in text, hook
    sel = Selector(text=text)
    assert not sel.css(".single_post_heading, #fontResizableText, .author")
    assert sel.css("h1::text").get() == art.title  # the rest is intact
    assert sel.css('meta[property="og:title"]::attr(content)').get() == art.title
    assert art.byline in text
    assert art.paragraphs[1] in text
    faulty.break_markup(None)
    assert b'id="fontResizableText"' in fetch(faulty.url(art.desktop_path))[2]


def test_break_markup_dates(faulty: MirrorServer) -> None:
    site = faulty.site
    ids = [
        site.variant_ids["standard"][1],
        site.variant_ids["text_only"][0],
        site.variant_ids["no_author_block"][0],
        site.newest_id,  # also in the UPDATE sidebar, and the header's date
    ]
    ids += [i for i in site.ids if site.article(i).has_jsonld][:2]
    faulty.break_markup("dates")
    for rid in ids:
        art = site.article(rid)
        text = fetch(faulty.url(art.desktop_path))[2].decode("utf-8", errors="replace")
        for date in (art.byline, art.iso_time, art.amp_dateline, "datePublished", "dateModified"):
            assert date not in text, (rid, date)
        assert "published_time" not in text
        assert f"{art.local_time.year}," not in text  # no printed date of any article
        assert art.title in text
        amp = fetch(faulty.url(art.amp_path))[2].decode()
        assert art.amp_dateline not in amp
        assert f"LAPORAN: {art.reporter}" in amp
    faulty.break_markup(None)
    art = site.article(ids[0])
    assert art.byline in fetch(faulty.url(art.desktop_path))[2].decode()


def test_break_markup_body(faulty: MirrorServer) -> None:
    site = faulty.site
    art = site.article(next(i for i in site.ids if site.article(i).has_jsonld))
    faulty.break_markup("body")
    sel = _page(faulty, art.desktop_path)[1]
    box = sel.css("#fontResizableText")
    assert len(box) == 1
    assert box.xpath("normalize-space(.)").get() == ""
    assert not box.xpath("./*")
    text = sel.get()
    for para in art.paragraphs[1:]:
        assert para not in text
    assert "articleBody" not in text
    assert sel.css(".single_post_heading h1::text").get() == art.title
    assert sel.css(".author li::text").get() == art.byline
    assert sel.css('script[type="application/ld+json"]')  # JSON-LD kept, without a body
    assert "ARTIKEL LAINNYA" in text
    assert sel.css(".amp-content, .amp-title") == []
    amp = _page(faulty, art.amp_path)[1]
    assert amp.css(".amp-content").xpath("normalize-space(.)").get() == ""


def test_break_markup_challenge(faulty: MirrorServer) -> None:
    site = faulty.site
    art = site.article(site.variant_ids["standard"][1])
    faulty.break_markup("challenge")
    for path in (art.desktop_path, art.read_path, art.amp_path):
        status, _, body = fetch(faulty.url(path))
        assert status == 200, path
        assert b"Just a moment..." in body
        assert art.title.encode() not in body
    assert fetch(faulty.url("/politik"))[0] == 200  # listings and home are untouched
    assert b"Just a moment..." not in fetch(faulty.url("/"))[2]
    with pytest.raises(ValueError, match="unknown markup mode"):
        faulty.break_markup("nonsense")
    faulty.reset()
    assert art.title.encode() in fetch(faulty.url(art.desktop_path))[2]


def test_markup_faults_in_pure_route() -> None:
    site = build_site()
    base = "http://127.0.0.1:1"
    art = site.article(site.variant_ids["standard"][1])
    normal = route(site, base, art.desktop_path).body
    assert route(site, base, art.desktop_path, render.NORMAL).body == normal
    for mode in render.MARKUP_MODES:
        broken = route(site, base, art.desktop_path, render.Faults(markup=mode))
        assert broken.status == 200
        assert broken.body != normal, mode
    with pytest.raises(ValueError, match="unknown markup mode"):
        render.Faults(markup="nonsense")


def test_publish_while_serving(faulty: MirrorServer) -> None:
    site = faulty.site
    stop = threading.Event()
    statuses: list[int] = []

    def hammer() -> None:
        while not stop.is_set():
            statuses.append(fetch(faulty.url("/"))[0])
            statuses.append(fetch(faulty.url("/politik"))[0])

    workers = [threading.Thread(target=hammer) for _ in range(3)]
    for worker in workers:
        worker.start()
    try:
        new = site.publish(2)  # politik, hukum
        time.sleep(0.05)
        later = site.publish(4)  # bisnis, nusantara, dunia, publika
    finally:
        stop.set()
        for worker in workers:
            worker.join()
    assert set(statuses) == {200}
    assert len(new) == 2
    assert site.newest_id == later[-1]
    home = _page(faulty, "/")[1]
    home_links = home.css(".single_post_text h4 a::attr(href)").getall()
    assert f"/{later[-1]}/" in home_links[0]
    for rid in new + later:
        art = site.article(rid)
        listing = _article_links(_page(faulty, f"/{art.section}")[1])
        assert f"/{rid}/" in listing[0], (rid, listing)  # tops page 1 of its section
        assert any(f"/{rid}/" in href for href in home_links), rid
        assert fetch(faulty.url(art.desktop_path))[0] == 200
    assert set(new + later) <= set(expected_items(site, faulty.base_url))
