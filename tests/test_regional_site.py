"""Checks of the offline regional mirror itself (tests/site/regional)."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from parsel import Selector
from protego import Protego

from rmolcrawler.items import FIELD_NAMES
from tests.site.lexicon import MONTHS
from tests.site.regional import lexicon, render
from tests.site.regional.__main__ import build
from tests.site.regional.expected import expected_regional_item, expected_regional_items
from tests.site.regional.model import (
    FAULTS,
    MENU,
    NETWORK,
    OFF_MENU_CATEGORY,
    STATIC_PAGES,
    VARIANTS,
    ZONES,
    RegionalSite,
    build_regional_site,
)
from tests.site.regional.server import RegionalMirrorServer, route

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
BASE = "http://127.0.0.1:1"
WEEKDAY = re.compile(r"\b(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d")
PRINTED_DATE = re.compile(
    r"\w+, (?P<day>\d{1,2}) (?P<month>\w+) (?P<year>\d{4}) \| (?P<hour>\d{2}):(?P<minute>\d{2})"
    r"(?: (?P<zone>WIB|WITA|WIT))?"
)


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    """GET ``url``; (status, content type, body) without raising on 4xx/5xx."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with _OPENER.open(request, timeout=10) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read()


def page(site: RegionalSite, target: str, base: str = BASE) -> Selector:
    reply = route(site, base, target)
    assert reply.status == 200, (target, reply.status)
    return Selector(text=reply.body.decode("utf-8"))


def slug_of(href: str) -> str:
    return urlsplit(href).path.lstrip("/")


@pytest.fixture(scope="module")
def site() -> RegionalSite:
    return build_regional_site()


@pytest.fixture(scope="module")
def small() -> RegionalSite:
    """Small pages, so that every category pages and the pager shows its last-page link."""
    return build_regional_site(page_size=3)


@pytest.fixture(scope="module")
def mirror() -> Iterator[RegionalMirrorServer]:
    with RegionalMirrorServer(slow_seconds=0.5) as server:
        yield server
    assert not server.errors, server.errors


# ---- the model -----------------------------------------------------------------------------


def test_model_holds_every_variant_fault_and_slug_shape(site: RegionalSite) -> None:
    assert site.domain == "rmollampung.id"
    assert site.menu == MENU[:5]
    assert all(site.variant_ids[v] for v in VARIANTS)
    assert set(site.fault_ids) == set(FAULTS)
    assert site.off_menu_ids
    assert site.dash_slug_ids
    assert site.dot_slug_ids
    assert all("--" in site.article(i).slug for i in site.dash_slug_ids)
    assert len(set(site.archive())) == len(site) == 46
    assert site.page_count(site.category_listing("daerah")) == 2  # 15 a page, as SEEN
    times = [site.record(i).published for i in site.archive()]  # type: ignore[union-attr]
    assert times == sorted(times, reverse=True)


def test_model_is_deterministic_and_seeded() -> None:
    a, b = build_regional_site(seed=3), build_regional_site(seed=3)
    assert [r.slug for r in a._records] == [r.slug for r in b._records]
    assert a.article(a.ids[5]) == b.article(b.ids[5])
    assert [r.slug for r in build_regional_site(seed=4)._records] != [r.slug for r in a._records]


def test_every_network_site_builds_and_papua_prints_wit() -> None:
    for name in NETWORK:
        s = build_regional_site(name, n_articles=8)
        assert s.domain == f"{name}.id"
    papua = build_regional_site("rmolpapua")
    item = expected_regional_item(papua, BASE, papua.variant_ids["standard"][0])
    assert item["published_at"].endswith("+09:00")
    assert item["published_at_raw"].endswith(" WIT")
    lampung = build_regional_site()
    item = expected_regional_item(lampung, BASE, lampung.variant_ids["standard"][0])
    assert item["published_at"].endswith("+07:00")
    with pytest.raises(ValueError, match="unknown site"):
        build_regional_site("rmolbali")


def test_image_stamp_is_the_publish_second(site: RegionalSite) -> None:
    for rid in site.ids:
        art = site.article(rid)
        if art.image_stamp is None:
            continue
        assert re.fullmatch(r"[0-9a-f]{13}", art.image_stamp)
        assert int(art.image_stamp[:8], 16) == int(art.record.published.timestamp())
        assert art.image_path == (
            f"/uploads/images/{art.record.published:%Y/%m}/image_750x500_{art.image_stamp}.jpg"
        )


def test_publish_adds_newest_articles() -> None:
    s = build_regional_site(n_articles=10, page_size=4)
    before = set(expected_regional_items(s, BASE))
    new = s.publish(3)
    assert s.archive()[:3] == new[::-1]
    for rid in new:
        rec = s.record(rid)
        assert rec is not None
        assert s.category_listing(rec.category)[0] in new
    assert set(expected_regional_items(s, BASE)) - before == {s.key(i) for i in new}


# ---- pages and routes ----------------------------------------------------------------------


def test_every_page_says_it_is_a_reconstruction(site: RegionalSite) -> None:
    targets = [
        "/", "/category/daerah", "/cari?page=2", "/tag/korupsi", "/profile/admin",
        "/tentang-kami", "/index-berita", "/rss/latest-posts", "/robots.txt", "/no-such-page",
        *(f"/{site.article(i).slug}" for i in site.fault_ids.values()),
        f"/{site.article(site.variant_ids['standard'][0]).slug}",
    ]  # fmt: skip
    for target in targets:
        body = route(site, BASE, target).body.decode()
        assert "RECONSTRUCTION of a rmollampung.id page" in body, target
        assert "/work/shared/regional/" in body, target


def test_home_menu_sliders_and_clones(site: RegionalSite) -> None:
    sel = page(site, "/")
    menu = sel.css(".header-menu li a::attr(href)").getall()
    assert menu[:2] == [f"{BASE}/", f"{BASE}/index-berita"]
    assert menu[2:] == [f"{BASE}/category/{c}" for c in site.menu]
    assert f"{BASE}/category/{OFF_MENU_CATEGORY}" not in menu

    slides = sel.css(".post_gallery_slider .post_gallery_play")
    originals = [s for s in slides if "slick-cloned" not in s.attrib["class"]]
    clones = [s for s in slides if "slick-cloned" in s.attrib["class"]]
    hrefs = [s.css("h2.title a::attr(href)").get() for s in originals]
    assert [slug_of(h or "") for h in hrefs] == [
        site.article(i).slug for i in site.home_slider_ids()
    ]
    assert len(clones) == len(originals) + 2  # two in front, then every slide again (SEEN)
    assert {s.css("h2.title a::attr(href)").get() for s in clones} <= set(hrefs)
    indexes = [int(s.attrib["data-slick-index"]) for s in slides]
    assert indexes == list(range(-2, 2 * len(originals)))
    trending = sel.css(".trending-slider .trending-item")
    assert sum("slick-cloned" in t.attrib["class"] for t in trending) == 3

    latest = sel.css(".bussiness-box .bussiness-post-item h3.title a::attr(href)").getall()
    assert [slug_of(h) for h in latest[: len(site.home_latest_ids())]] == [
        site.article(i).slug for i in site.home_latest_ids()
    ]
    pinned = sel.css(".post-sports-content h3.title a::attr(href)").getall()
    assert f"{BASE}/{site.article(site.off_menu_ids[0]).slug}" in pinned
    off_site = sel.css('a[href^="https://rmol.id/"]::attr(href)').getall()
    assert len(off_site) == 3  # INDONESIA TERKINI (SEEN rmol.id links)
    network = sel.css("a.link_network::attr(href)").getall()
    assert len(network) == 9
    assert f"{BASE}/" in network
    assert "https://www.rmoljatim.id/" in network


def test_www_links_use_the_bare_host_where_seen(site: RegionalSite) -> None:
    base = "https://www.rmollampung.id"
    sel = page(site, "/", base)
    assert "https://rmollampung.id/index-berita" in sel.css(".header-menu a::attr(href)").getall()
    assert render.bare("http://127.0.0.1:8000") == "http://127.0.0.1:8000"


def _listing_slugs(sel: Selector) -> list[str]:
    return [
        slug_of(h)
        for h in sel.css(
            ".bussiness-post-item .bussiness-post-content h3.title a::attr(href)"
        ).getall()
    ]


def test_category_paging_codeigniter_shape(small: RegionalSite) -> None:
    category = "daerah"
    expected = [small.article(i).slug for i in small.category_listing(category)]
    pages = small.page_count(small.category_listing(category))
    assert pages >= 6
    seen: list[str] = []
    target: str | None = f"/category/{category}"
    number = 0
    while target is not None:
        number += 1
        sel = page(small, target)
        assert sel.css("ul.pagination li.active a::text").get() == str(number)
        links = sel.css("ul.pagination a[href^='http']")
        assert all(a.attrib.get("data-ci-pagination-page") for a in links)
        last = sel.css("ul.pagination li.page-last a")
        if number + 4 < pages:
            assert last.attrib["href"] == f"{BASE}/category/{category}?page={pages}"
        else:
            assert not last
        items = _listing_slugs(sel)
        assert 0 < len(items) <= 3
        seen += items
        nxt = sel.css('ul.pagination li.next a[rel="next"]')
        if nxt:
            assert nxt.attrib["data-ci-pagination-page"] == str(number + 1)
            assert nxt.attrib["href"] == f"{BASE}/category/{category}?page={number + 1}"
        target = (
            urlsplit(nxt.attrib["href"])._replace(scheme="", netloc="").geturl() if nxt else None
        )
    assert number == pages
    assert seen == expected
    past = page(small, f"/category/{category}?page={pages + 1}")
    assert not _listing_slugs(past)
    assert not past.css("ul.pagination")
    assert route(small, BASE, "/category/opini").status == 404  # in the real menu, not modelled


def test_real_page_one_pager_markup_is_kept(site: RegionalSite) -> None:
    """Page 1 of a listing renders the pager exactly as the real daerah page (SEEN)."""
    html = route(site, BASE, "/category/daerah").body.decode()
    sel = Selector(text=html)
    assert (
        '<ul class="pagination"><li class="disabled"></li><li class="active page-num">'
        '<a href="#">1<span class="sr-only"></span></a></li><li class="page-num"><a href="'
        f'{BASE}/category/daerah?page=2" data-ci-pagination-page="2">2</a></li><li class="next">'
        f'<a href="{BASE}/category/daerah?page=2" data-ci-pagination-page="2" rel="next">'
        "\u203a</a></li></ul>"
    ) in html
    assert len(sel.css("div.bussiness-post-item")) == 15
    item = sel.css("div.bussiness-post-item")[0]
    assert item.css('a[href*="/category/"]::text').getall()[-1].strip() == "DAERAH"
    assert item.css('a[href*="/profile/"]')
    assert WEEKDAY.search(item.css('a[href="#"]').xpath("string()").get() or "")


def test_archive_lists_every_article_newest_first(small: RegionalSite) -> None:
    seen: list[str] = []
    for n in range(1, small.page_count(small.archive()) + 2):
        seen += _listing_slugs(page(small, f"/cari?page={n}"))
    assert seen == [small.article(i).slug for i in small.archive()]
    query = page(small, "/cari?q=pengamat")
    assert all("pengamat" in s for s in _listing_slugs(query))


def test_tag_and_profile_pages(site: RegionalSite) -> None:
    art = site.article(site.variant_ids["standard"][0])
    tag = art.record.tags[0]
    tag_slugs = _listing_slugs(page(site, f"/tag/{lexicon.tag_slug(tag)}"))
    assert art.slug in tag_slugs
    _, user = site.reporter(art.record)
    assert art.slug in _listing_slugs(page(site, f"/profile/{user}"))
    assert route(site, BASE, "/tag/no-such-tag").status == 404
    assert route(site, BASE, "/profile/nobody").status == 404


def test_static_pages_look_like_posts_but_are_not_articles(site: RegionalSite) -> None:
    for slug in STATIC_PAGES:
        sel = page(site, f"/{slug}")
        content = sel.css(".post-layout-top-content, .bussiness-box")
        assert content, slug
        assert not sel.css(".author-info, .post-tags"), slug
        assert not any(WEEKDAY.search(li.xpath("string()").get() or "") for li in content.css("li"))
    footer = page(site, "/").css(".footer-twitter-post .list a::attr(href)").getall()
    assert [slug_of(h) for h in footer] == list(STATIC_PAGES)[:8]


def test_rss_feed_of_the_newest_articles(site: RegionalSite) -> None:
    reply = route(site, BASE, "/rss/latest-posts")
    assert reply.content_type == "application/rss+xml; charset=utf-8"
    channel = ET.fromstring(reply.body).find("channel")
    assert channel is not None
    items = channel.findall("item")
    newest = site.archive()[: site.rss_items]
    assert [i.findtext("link") for i in items] == [f"{BASE}/{site.article(n).slug}" for n in newest]
    for item, rid in zip(items, newest, strict=True):
        when = email.utils.parsedate_to_datetime(item.findtext("pubDate") or "")
        assert when == site.article(rid).record.published
    category = ET.fromstring(route(site, BASE, "/rss/category/hukum").body)
    assert category.findall("channel/item")
    assert route(site, BASE, "/rss/category/nope").status == 404


def test_robots_txt_leaves_the_archive_open(site: RegionalSite) -> None:
    reply = route(site, BASE, "/robots.txt")
    assert reply.content_type == "text/plain; charset=utf-8"
    robots = Protego.parse(reply.body.decode())
    assert robots.can_fetch(f"{BASE}/cari?page=2", "rmolcrawler")
    assert robots.can_fetch(f"{BASE}/category/daerah?page=2", "rmolcrawler")
    assert not robots.can_fetch(f"{BASE}/cari?q=pilkada", "rmolcrawler")


def test_unknown_paths_are_404(site: RegionalSite) -> None:
    for target in ("/no-such-article", "/a/b", "/category", "/favicon.ico", "/uploads/x.jpg"):
        assert route(site, BASE, target).status == 404, target
    slug = site.article(site.variant_ids["standard"][0]).slug
    assert route(site, BASE, f"/{slug}/").status == 200  # CodeIgniter ignores a trailing slash


# ---- article pages against the expected items ---------------------------------------------


def _reference_extract(site: RegionalSite, base: str, html: str) -> dict[str, Any]:
    """A plain reading of an article page with the 3RD-PARTY hooks and the SEEN boilerplate,
    to check that the served HTML and :func:`expected_regional_item` tell the same story."""
    sel = Selector(text=html)
    post = sel.css(".post-layout-top-content")
    out: dict[str, Any] = {
        "title": " ".join(
            (post.css(".post-content h3.title").xpath("string()").get() or "").split()
        ),
        "section": slug_of(
            post.css('.post-categories a[href*="/category/"]::attr(href)').get() or ""
        ).split("/")[-1],
        "reporter": post.css('.author-info a[href*="/profile/"]::text').get(),
        "reporter_url": post.css('.author-info a[href*="/profile/"]::attr(href)').get(),
        "image_url": post.css(".post-content .thumb img[src*='/uploads/']::attr(src)").get(),
        "image_caption": post.css(".post-content .thumb .caption-img::text").get(),
        "tags": post.css('.post-tags a[href*="/tag/"]::text').getall(),
    }
    printed = (
        next(
            (
                t
                for t in (li.xpath("string()").get() or "" for li in sel.css("li"))
                if WEEKDAY.match(t)
            ),
            None,
        )
        or post.css(".post-date::text").get()
    )
    raw: str | None = None
    if printed is not None:
        m = PRINTED_DATE.fullmatch(printed)
        assert m is not None, printed
        zone = m["zone"] or site.zone
        raw = printed if m["zone"] else f"{printed} {site.zone}"
        when = dt.datetime(
            int(m["year"]),
            MONTHS.index(m["month"]) + 1,
            int(m["day"]),
            int(m["hour"]),
            int(m["minute"]),
            tzinfo=dt.timezone(dt.timedelta(hours=ZONES[zone])),
        )
        out["published_at"] = when.isoformat()
    for block in sel.css('script[type="application/ld+json"]::text').getall():
        data = json.loads(block)
        if raw is None and data.get("@type") == "NewsArticle":
            raw = out["published_at"] = data["datePublished"]
    if raw is None and out["image_url"]:
        stamp = re.search(r"_([0-9a-f]{8})[0-9a-f]{5}\.jpg$", out["image_url"])
        assert stamp is not None
        raw = out["published_at"] = dt.datetime.fromtimestamp(
            int(stamp[1], 16), site.tz
        ).isoformat()
    out["published_at_raw"] = raw
    onsite: list[dict[str, Any]] = []
    paras: list[str] = []
    editor = None
    skip_next = False
    for p in post.css("div.post-text.mt-30 > p"):
        text = " ".join((p.xpath("string()").get() or "").split())
        links = p.css("a::attr(href)").getall()
        if skip_next:  # the caption of a photo inside the body
            skip_next = False
            continue
        if p.css("img"):
            skip_next = True
            continue
        if text == out["image_caption"] or text.startswith("ikuti terus update berita"):
            continue
        if links and text == " ".join((p.css("a").xpath("string()").get() or "").split()):
            continue  # a paragraph that is only a related link
        if m := re.fullmatch(r"(.*?)\s*\[([a-z]{2,5})\]", text):
            text, editor = m[1], m[2]
        if m := re.fullmatch(r"Editor: (.+)", text):
            editor = m[1]
            continue
        text = re.sub(rf"^{site.brand}\. ", "", text)
        if text:
            paras.append(text)
    out["body"] = "\n\n".join(paras)
    out["editor"] = editor
    anchors = post.css("div.post-text.mt-30 a") + sel.css(".post-related h3.title a")
    for a in anchors:
        url = a.attrib["href"]
        if (
            url.startswith(base)
            and site.by_slug(slug_of(url))
            and url not in {r["url"] for r in onsite}
        ):
            onsite.append({"id": None, "url": url, "title": a.xpath("string()").get()})
    out["related"] = onsite
    return out


def test_article_pages_match_their_expected_items(site: RegionalSite) -> None:
    checked = 0
    for key, item in expected_regional_items(site, BASE).items():
        reply = route(site, BASE, "/" + key.split("/", 1)[1])
        assert reply.status == 200, key
        found = _reference_extract(site, BASE, reply.body.decode())
        for field, value in found.items():
            assert value == item[field], (key, field)
        checked += 1
    assert checked == len(site) - len(FAULTS) + 1  # every article but the faults; flaky recovers


def test_article_page_shape(site: RegionalSite) -> None:
    """The SEEN text order: title, caption twice, dateline, three related links after the first
    paragraph, initials and the Google News line, on one standard article."""
    rid = next(
        i
        for i in site.variant_ids["standard"]
        if site.article(i).dateline
        and site.article(i).inline_form == "ul"
        and site.article(i).inline_ids
        and site.article(i).google_news
        and site.article(i).editor
        and not site.article(i).initials_glued
    )
    art = site.article(rid)
    sel = page(site, f"/{art.slug}")
    text = [
        " ".join((p.xpath("string()").get() or "").split()) for p in sel.css(".post-text.mt-30 > *")
    ]
    assert sel.xpath("string(//h3[@class='title'])").get() is not None
    assert sel.css(".post-content .thumb .caption-img::text").get() == art.caption
    assert text[0] == art.caption  # printed twice
    assert text[1].startswith("RMOLLampung. ")
    assert len(sel.css(".post-text.mt-30 > p")[1].xpath("following-sibling::*[1]").css("a")) == 3
    assert text[-2] == f"[{art.editor}]"
    assert text[-1] == "ikuti terus update berita rmollampung di google news"
    first_li = next(li for li in sel.css("li") if WEEKDAY.search(li.xpath("string()").get() or ""))
    assert first_li.xpath("string()").get() == art.printed_date
    assert re.fullmatch(
        r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \w+ \d{4} \| \d{2}:\d{2}",
        art.printed_date or "",
    )


def test_dash_and_dot_slugs_are_served(mirror: RegionalMirrorServer) -> None:
    site = mirror.site
    for rid in (site.dash_slug_ids[0], site.dot_slug_ids[0]):
        rec = site.record(rid)
        assert rec is not None
        if rec.fault is None:
            assert fetch(mirror.url_of(rid))[0] == 200
    assert any(site.record(i).emits for i in site.dot_slug_ids)  # type: ignore[union-attr]


# ---- expected items --------------------------------------------------------------------------


def test_expected_items_cover_the_site(
    site: RegionalSite, schema_validator: Draft202012Validator
) -> None:
    items = expected_regional_items(site, BASE)
    emitting = [i for i in site.ids if site.record(i).emits]  # type: ignore[union-attr]
    assert list(items) == [f"rmollampung.id/{site.article(i).slug}" for i in emitting]
    assert len(items) == 42
    slow = site.key(site.fault_ids["slow"])
    assert set(expected_regional_items(site, BASE, include_slow=True)) == {*items, slow}
    fields = [f for f in FIELD_NAMES if f != "crawled_at"]
    for key, item in items.items():
        assert list(item) == fields, key
        assert item["id"] is None
        assert item["url"] == f"{BASE}/{key.split('/', 1)[1]}"
        assert item["source"] == "rmollampung.id"
        assert item["body"]
        assert "RMOLLampung." not in item["body"]
        assert "google news" not in item["body"]
        assert all(r["url"] != item["url"] for r in item["related"])
        assert len({r["url"] for r in item["related"]}) == len(item["related"])
        schema_validator.validate({**item, "crawled_at": "2026-11-27T06:00:00+00:00"})
    by_variant = {v: [items[site.key(i)] for i in site.variant_ids[v]] for v in VARIANTS}
    assert all(
        i["image_url"] is None and i["image_caption"] is None for i in by_variant["no_image"]
    )
    assert all(i["tags"] == [] for i in by_variant["no_tags"])
    assert all(" " in (i["editor"] or "") for i in by_variant["editor_line"])
    assert all(i["published_at"].endswith("+09:00") for i in by_variant["wit"])
    assert all(i["published_at_raw"].endswith(" WIB") for i in by_variant["zone_label"])
    assert all("T" in i["published_at_raw"] for i in by_variant["date_jsonld"])
    assert all(i["published_at_raw"] == i["published_at"] for i in by_variant["date_stamp"])
    assert all(
        i["published_at_raw"].endswith((" WIB", " WIT"))
        for v in ("standard", "date_text", "zone_label", "wit")
        for i in by_variant[v]
    )
    assert any(i["editor"] is None for i in items.values())
    assert any(re.fullmatch(r"[a-z]{3}", i["editor"] or "") for i in items.values())


def test_a_crawl_of_home_and_menu_reaches_every_expected_item(site: RegionalSite) -> None:
    """From the home page and the menu's categories (following ``rel="next"``), every article
    the expected items hold is linked; the faults are linked from their listings."""
    home = page(site, "/")
    targets = [slug_of(h) for h in home.css(".header-menu a::attr(href)").getall()][2:]
    reached = {slug_of(h) for h in home.css("a::attr(href)").getall()}
    for category_path in targets:
        target: str | None = "/" + category_path
        while target:
            sel = page(site, target)
            reached |= {slug_of(h) for h in sel.css(".bussiness-post-item a::attr(href)").getall()}
            nxt = sel.css('ul.pagination a[rel="next"]::attr(href)').get()
            target = urlsplit(nxt).path + "?" + urlsplit(nxt).query if nxt else None
    keys = {site.key(r.id) for r in site._records if r.slug in reached}
    assert set(expected_regional_items(site, BASE)) <= keys
    assert {site.key(i) for i in site.fault_ids.values()} <= keys


# ---- the served mirror: faults, hosts, command line --------------------------------------------


def test_serves_the_same_site_on_either_host(mirror: RegionalMirrorServer) -> None:
    plain = fetch(mirror.url("/category/politik"))
    www = fetch(mirror.url("/category/politik"), {"Host": "www.rmollampung.id"})
    bare = fetch(mirror.url("/category/politik"), {"Host": "rmollampung.id"})
    assert plain == www == bare
    assert plain[:2] == (200, "text/html; charset=utf-8")


def test_fault_routes(mirror: RegionalMirrorServer) -> None:
    site = mirror.site
    urls = {name: mirror.url_of(i) for name, i in site.fault_ids.items()}
    assert [fetch(urls["flaky_500"])[0] for _ in range(3)] == [500, 500, 200]
    assert fetch(urls["missing_404"])[0] == 404
    status, _, body = fetch(urls["not_article"])
    assert status == 200
    assert b"Halaman tidak ditemukan" in body
    assert b'class="post-text' not in body
    status, _, body = fetch(urls["challenge"])
    assert status == 200
    assert b"Just a moment..." in body
    for rid in site.fault_ids.values():  # every fault is linked from its category's listing
        rec = site.record(rid)
        assert rec is not None
        assert rid in site.category_listing(rec.category)


def test_slow_route_does_not_block(mirror: RegionalMirrorServer) -> None:
    slow = mirror.url_of(mirror.site.fault_ids["slow"])
    done: list[int] = []
    worker = threading.Thread(target=lambda: done.append(fetch(slow)[0]))
    started = time.monotonic()
    worker.start()
    assert fetch(mirror.url("/"))[0] == 200
    assert time.monotonic() - started < mirror.slow_seconds
    worker.join()
    assert done == [200]


def test_runtime_faults() -> None:
    with RegionalMirrorServer(n_articles=12, page_size=3, slow_seconds=0.1) as mirror:
        site = mirror.site
        standard = mirror.url_of(site.variant_ids["standard"][0])
        mirror.remove_section("politik")
        assert fetch(mirror.url("/category/politik"))[0] == 404
        menu = Selector(text=fetch(mirror.url("/"))[2].decode()).css(".header-menu a::attr(href)")
        assert mirror.url("/category/politik") not in menu.getall()
        mirror.endless_paging("daerah")
        assert b'rel="next"' in fetch(mirror.url("/category/daerah?page=40"))[2]
        mirror.break_markup("body")
        body = Selector(text=fetch(standard)[2].decode())
        assert body.css("div.post-text.mt-30")
        assert not body.css("div.post-text.mt-30 p")
        mirror.break_markup("challenge")
        assert b"Just a moment..." in fetch(standard)[2]
        mirror.break_markup("selectors")
        assert b'class="post-text' not in fetch(standard)[2]
        mirror.reset()
        assert fetch(mirror.url("/category/politik"))[0] == 200
        with pytest.raises(ValueError, match="unknown category"):
            mirror.remove_section("olahraga")
        mirror.fail_all(503, times=1)
        assert fetch(standard)[0] == 503
        assert fetch(standard)[0] == 200
        assert any(p == "/category/politik" for _, p, _ in mirror.request_log)
    assert not mirror.errors, mirror.errors


def test_command_line_builds_the_named_site() -> None:
    server = build(["--port", "0", "--site", "rmoljatim", "--articles", "5", "--page-size", "4"])
    try:
        assert server.base_url.startswith("http://127.0.0.1:")
        assert server.site.domain == "rmoljatim.id"
        assert server.site.page_size == 4
    finally:
        server.close()
    assert dt.datetime.now(dt.UTC)  # keep the DTZ rules honest: aware "now" only
