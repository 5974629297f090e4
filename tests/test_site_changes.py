"""The rmol.id mirror changes after a crawl: content edits, non-content edits and removals.

Fast checks (no crawl) of :meth:`Site.edit_content`, :meth:`Site.edit_noncontent`,
:meth:`Site.remove` and :meth:`Site.restore`: what the mirror serves, what the page classes
extract from it, and the expected items of :mod:`tests.site.expected`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from parsel import Selector

from rmolcrawler.offline import OfflineExtractor
from rmolcrawler.pages.article import ArticlePage
from rmolcrawler.regional.article import RegionalArticlePage
from rmolcrawler.regional.sites import RegionalSite as RegionalConfig
from rmolcrawler.revisions import content_hash
from rmolcrawler.urls import site_urls
from tests.site import render
from tests.site.expected import (
    expected_item,
    expected_items,
    expected_modified_at,
    expected_removal,
    seed_ids,
)
from tests.site.model import REMOVALS, VARIANTS, WIB, Site, build_site
from tests.site.regional.expected import expected_regional_item
from tests.site.regional.lexicon import tag_slug
from tests.site.regional.model import VARIANTS as REGIONAL_VARIANTS
from tests.site.regional.model import RegionalSite as RegionalModel
from tests.site.regional.model import build_regional_site
from tests.site.regional.server import route as regional_route
from tests.site.server import MirrorServer, route
from tests.test_site import fetch

BASE = "http://127.0.0.1:1"
CRAWLED_AT = "2026-01-05T03:00:00+00:00"
EDITED_AT = dt.datetime(2025, 8, 2, 3, 15, 42, 123456, tzinfo=dt.UTC)
EDITED_AT_WIB = "2025-08-02T10:15:42+07:00"
CONTENT = ("title", "body", "reporter", "tags", "image_caption", "published_at_raw")
"""The content fields as :class:`ArticlePage` extracts them (``published_at`` is parsed from
``published_at_raw`` by the timestamps stage)."""


@pytest.fixture
def site() -> Site:
    return build_site()


def _standard(site: Site, *, jsonld: bool) -> int:
    """A listed standard article, with or without JSON-LD."""
    for rid in site.variant_ids["standard"]:
        art = site.article(rid)
        if art.has_jsonld == jsonld and rid not in site.related_only_ids:
            return rid
    raise AssertionError("no such article")


def _one_per_variant(site: Site) -> list[int]:
    return [site.variant_ids[v][0] for v in VARIANTS]


def _html(site: Site, path: str) -> str:
    reply = route(site, BASE, path)
    assert reply.status == 200, path
    return reply.body.decode("cp1252" if "1252" in reply.content_type else "utf-8")


def _page(site: Site, rid: int) -> ArticlePage:
    path = site.article(rid).desktop_path
    return ArticlePage(BASE + path, _html(site, path), site_urls(BASE))


def _content(page: ArticlePage) -> dict[str, Any]:
    out = {}
    for name in CONTENT:
        found = getattr(page, name)()
        out[name] = found.value if found else None
    return out


def _related_ids(page: ArticlePage) -> list[int | None]:
    found = page.related()
    return [link["id"] for link in found.value] if found else []


def _emitted(site: Site, rid: int) -> dict[str, Any]:
    """What the crawler's extraction and pipelines make of the desktop page."""
    path = site.article(rid).desktop_path
    outcome = OfflineExtractor().run(BASE + path, _html(site, path), CRAWLED_AT)
    assert outcome.item is not None, outcome.reason
    return outcome.as_dict()


def _metas(html: str) -> dict[str, str]:
    sel = Selector(text=html)
    return {
        m.attrib["property"]: m.attrib["content"]
        for m in sel.css("meta[property][content]")
        if m.attrib["property"] in ("article:modified_time", "og:updated_time")
    }


def _jsonld(html: str) -> dict[str, Any]:
    raw = Selector(text=html).css('script[type="application/ld+json"]::text').get()
    return json.loads(raw) if raw else {}


def _links_to(html: str, rid: int) -> bool:
    return any(f"/{rid}/" in href for href in Selector(text=html).css("a::attr(href)").getall())


# ---- content edits ---------------------------------------------------------------------------


def test_an_unedited_page_prints_no_modification_meta(site: Site) -> None:
    with_ld = _standard(site, jsonld=True)
    html = _html(site, site.article(with_ld).desktop_path)
    assert _metas(html) == {}
    assert _jsonld(html)["dateModified"] == site.article(with_ld).iso_time  # as before issue 14
    assert _page(site, with_ld).modified_at() is not None
    without = _standard(site, jsonld=False)
    assert _page(site, without).modified_at() is None
    assert expected_modified_at(site, without) is None


@pytest.mark.parametrize("kind", ["jsonld", "metas_only", "text_only"])
def test_edit_content_adds_a_sentence_and_prints_the_modification_time(
    site: Site, kind: str
) -> None:
    rid = {
        "jsonld": _standard(site, jsonld=True),
        "metas_only": _standard(site, jsonld=False),
        "text_only": site.variant_ids["text_only"][0],
    }[kind]
    before = site.article(rid)
    before_content = _content(_page(site, rid))
    sentence = "Hingga berita ini diperbarui, korban bertambah menjadi 12 orang."
    after = site.edit_content(rid, sentence=sentence, at=EDITED_AT)

    assert after.body == before.body + " " + sentence
    assert after.paragraphs[:-1] == before.paragraphs[:-1]
    assert after.modified is not None
    assert after.modified.isoformat() == EDITED_AT_WIB
    assert site.edited_ids == [rid]
    html = _html(site, after.desktop_path)
    assert sentence in html
    page = _page(site, rid)
    content = _content(page)
    assert sentence in content["body"]
    assert content["body"] != before_content["body"]
    assert {k: v for k, v in content.items() if k != "body"} == {
        k: v for k, v in before_content.items() if k != "body"
    }
    if kind == "text_only":  # no og:/article: metas, no JSON-LD: nothing to print it in
        assert _metas(html) == {}
        assert page.modified_at() is None
    else:
        assert _metas(html) == {
            "article:modified_time": EDITED_AT_WIB,
            "og:updated_time": EDITED_AT_WIB,
        }
        found = page.modified_at()
        assert found is not None
        assert found.value == EDITED_AT_WIB
    if kind == "jsonld":
        ld = _jsonld(html)
        assert ld["dateModified"] == EDITED_AT_WIB
        assert ld["datePublished"] == before.iso_time
    found = page.modified_at()
    assert (found.value if found else None) == expected_modified_at(site, rid)
    assert sentence in _html(site, after.amp_path)


def test_expected_item_follows_the_edit(site: Site) -> None:
    rid = _standard(site, jsonld=True)
    fields = ("url", "title", "reporter", "published_at", "image_caption", "body", "tags")
    first = _emitted(site, rid)
    assert {k: first[k] for k in fields} == {k: expected_item(site, BASE, rid)[k] for k in fields}

    site.edit_content(rid, title="Ralat: Judul Setelah Koreksi Redaksi", at=EDITED_AT)
    expected = expected_item(site, BASE, rid)
    emitted = _emitted(site, rid)
    for name in (*fields, "related", "editor"):
        assert emitted[name] == expected[name], name
    assert expected["title"] == "Ralat: Judul Setelah Koreksi Redaksi"
    assert expected["url"] == first["url"]  # the slug stays
    assert expected["body"] != first["body"]
    assert content_hash(emitted) != content_hash(first)


def test_a_new_title_shows_wherever_the_article_is_linked(site: Site) -> None:
    host = next(
        rid
        for rid in site.variant_ids["standard"]
        if rid not in site.related_only_ids and site.article(rid).lainnya_ids
    )
    target = site.article(host).lainnya_ids[0]
    rec = site.record(target)
    assert rec is not None
    site.edit_content(target, title="Judul Baru Hasil Ralat", at=EDITED_AT)
    assert "Judul Baru Hasil Ralat" in _html(site, site.article(host).desktop_path)
    related = {r["id"]: r["title"] for r in expected_item(site, BASE, host)["related"]}
    assert related[target] == "Judul Baru Hasil Ralat"
    if target in site.listing(rec.section):
        page = 1 + site.listing(rec.section).index(target) // 5
        assert "Judul Baru Hasil Ralat" in _html(site, f"/{rec.section}?page={page}")


def test_edits_accumulate_and_are_deterministic() -> None:
    a, b = build_site(), build_site()
    rid = _standard(a, jsonld=True)
    for s in (a, b):
        s.edit_content(rid, at=EDITED_AT)
        s.edit_content(rid, at=EDITED_AT + dt.timedelta(hours=1))
    assert a.article(rid) == b.article(rid)
    art = a.article(rid)
    base = build_site().article(rid)
    assert art.body.startswith(base.body + " ")
    added = art.body[len(base.body) + 1 :]
    assert added.count(".") >= 2  # two correction sentences
    assert art.modified == (EDITED_AT + dt.timedelta(hours=1)).astimezone(WIB).replace(
        microsecond=0
    )


def test_edit_content_rejects_bad_arguments(site: Site) -> None:
    rid = _standard(site, jsonld=True)
    with pytest.raises(ValueError, match="no article"):
        site.edit_content(1)
    with pytest.raises(ValueError, match="naive"):
        site.edit_content(rid, at=dt.datetime(2025, 8, 1, 9, 0))  # noqa: DTZ001
    with pytest.raises(ValueError, match="before the article was published"):
        site.edit_content(rid, at=dt.datetime(2001, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(ValueError, match="blank"):
        site.edit_content(rid, sentence="  ", at=EDITED_AT)
    assert site.edited_ids == []


# ---- non-content edits -----------------------------------------------------------------------


def test_edit_noncontent_changes_related_ads_and_counter_but_no_content_field(site: Site) -> None:
    for rid in _one_per_variant(site):
        before_art = site.article(rid)
        before_html = _html(site, before_art.desktop_path)
        before = _page(site, rid)
        before_expected = expected_item(site, BASE, rid)
        after_art = site.edit_noncontent(rid)
        html = _html(site, after_art.desktop_path)
        after = _page(site, rid)
        variant = after_art.variant

        assert html != before_html, variant
        assert _content(after) == _content(before), variant
        assert after.editor() == before.editor(), variant
        assert after.modified_at() == before.modified_at(), variant  # no modification time
        assert _metas(html) == {}, variant
        assert "Dibaca " in html, variant
        assert "Dibaca " not in before_html, variant
        assert render.AD_CAMPAIGNS[1][0] in html, variant
        assert render.AD_CAMPAIGNS[1][0] not in before_html, variant
        assert after_art.modified is None
        expected = expected_item(site, BASE, rid)
        changed = {k for k in expected if expected[k] != before_expected[k]}
        if variant == "truncated":  # no ARTIKEL LAINNYA on the page: only the ads change
            assert changed == set(), variant
            assert _related_ids(after) == _related_ids(before)
        else:
            assert changed == {"related"}, variant
            assert _related_ids(after) != _related_ids(before), variant
            assert set(_related_ids(before)) <= set(_related_ids(after)), variant
            assert _related_ids(after) == [r["id"] for r in expected["related"]], variant
    assert site.edited_ids == []


def test_edit_noncontent_keeps_the_content_hash_and_what_a_crawl_reaches(site: Site) -> None:
    rid = _standard(site, jsonld=True)
    reached = set(expected_items(site, BASE))
    first = _emitted(site, rid)
    site.edit_noncontent(rid)
    second = site.edit_noncontent(rid)  # a second call moves on again
    emitted = _emitted(site, rid)
    assert content_hash(emitted) == content_hash(first)
    assert emitted["related"] != first["related"]
    assert second.ads == 2
    assert render.AD_CAMPAIGNS[2][0] in _html(site, second.desktop_path)
    assert set(expected_items(site, BASE)) == reached


# ---- removals --------------------------------------------------------------------------------


def _linked_in_a_lainnya_box(site: Site) -> tuple[int, int]:
    """``(host, target)``: a listed standard target that the host's ARTIKEL LAINNYA links."""
    for host in site.variant_ids["standard"]:
        art = site.article(host)
        for target in art.lainnya_ids:
            rec = site.record(target)
            if (
                rec is not None
                and rec.role is None
                and target not in (*art.terkait_ids, *art.baca_ids)
            ):
                return host, target
    raise AssertionError("no lainnya link")


@pytest.mark.parametrize("how", REMOVALS)
def test_remove_answers_as_chosen_and_leaves_every_listing(site: Site, how: str) -> None:
    host, rid = _linked_in_a_lainnya_box(site)
    art = site.article(rid)
    rec = site.record(rid)
    assert rec is not None
    assert rid in site.listing(rec.section)
    assert rid in expected_items(site, BASE)
    site.remove(rid, how=how)

    assert site.removal(rid) == how
    assert site.removed_ids == [rid]
    status = {"404": 404, "410": 410, "soft": 200}[how]
    for path in (art.desktop_path, art.read_path, art.amp_path):
        reply = route(site, BASE, path)
        assert reply.status == status, path
        assert art.title.encode() not in reply.body
    body = route(site, BASE, art.desktop_path).body.decode()
    if how == "410":
        assert "410 Gone" in body
    else:  # the site's not-found page, which the classifier knows
        extraction = ArticlePage(BASE + art.desktop_path, body, site_urls(BASE)).extract(CRAWLED_AT)
        assert extraction.item is None
        assert extraction.rejected == "not_found"

    assert rid not in site.listing(rec.section)
    for page in range(1, site.page_count(rec.section) + 2):
        assert not _links_to(_html(site, f"/{rec.section}?page={page}"), rid)
    assert not _links_to(_html(site, "/"), rid)
    assert rid not in seed_ids(site)
    assert rid not in site.popular_ids
    assert rid not in site.update_ids()
    assert rid not in site.article(host).lainnya_ids
    assert rid not in _related_ids(_page(site, host))
    assert rid not in expected_items(site, BASE)
    assert expected_removal(site, BASE, rid) == {
        "record": "removal",
        "key": f"rmol.id/{rid}",
        "id": rid,
        "url": BASE + art.desktop_path,
        "source": "rmol.id",
        "status": status,
        "reason": {"404": "http_404", "410": "http_410", "soft": "not_found_page"}[how],
    }


def test_restore_brings_a_removed_article_back(site: Site) -> None:
    _, rid = _linked_in_a_lainnya_box(site)
    rec = site.record(rid)
    assert rec is not None
    listing = site.listing(rec.section)
    before = route(site, BASE, site.article(rid).desktop_path).body
    site.remove(rid)
    site.restore(rid)
    assert site.removal(rid) is None
    assert site.listing(rec.section) == listing
    assert route(site, BASE, site.article(rid).desktop_path).body == before
    with pytest.raises(ValueError, match="unknown removal"):
        site.remove(rid, how="gone")
    with pytest.raises(ValueError, match="no article"):
        site.remove(1)


def test_publish_after_a_removal_keeps_it_out_of_the_listings(site: Site) -> None:
    _, rid = _linked_in_a_lainnya_box(site)
    rec = site.record(rid)
    assert rec is not None
    site.remove(rid)
    new = site.publish(len(REMOVALS) * 3)
    assert rid not in site.listing(rec.section)
    assert set(new) <= set(expected_items(site, BASE))


# ---- on a running server ---------------------------------------------------------------------


def test_a_running_mirror_serves_every_change_at_once() -> None:
    with MirrorServer(slow_seconds=0.1) as mirror:
        site = mirror.site
        edited = _standard(site, jsonld=True)
        _, removed = _linked_in_a_lainnya_box(site)
        touched = next(
            rid
            for rid in site.variant_ids["standard"]
            if rid not in (edited, removed) and site.article(rid).lainnya_ids
        )
        before = {
            rid: fetch(mirror.url(site.article(rid).desktop_path)) for rid in (edited, touched)
        }
        assert fetch(mirror.url(site.article(removed).desktop_path))[0] == 200

        art = site.edit_content(edited, at=EDITED_AT)
        site.edit_noncontent(touched)
        site.remove(removed, how="410")

        status, _, body = fetch(mirror.url(art.desktop_path))
        assert status == 200
        assert body != before[edited][2]
        assert art.paragraphs[-1].encode() in body
        assert EDITED_AT_WIB.encode() in body
        status, _, body = fetch(mirror.url(site.article(touched).desktop_path))
        assert status == 200
        assert body != before[touched][2]
        assert fetch(mirror.url(site.article(removed).desktop_path))[0] == 410
        section = site.article(removed).section
        assert f"/{removed}/".encode() not in fetch(mirror.url(f"/{section}"))[2]
    assert not mirror.errors, mirror.errors


# ---- the regional mirror ---------------------------------------------------------------------

REGIONAL_CONTENT = ("title", "body", "reporter", "tags", "image_caption", "published_at_raw")


@pytest.fixture
def regional() -> RegionalModel:
    return build_regional_site()


def _regional_html(site: RegionalModel, rid: int) -> str:
    reply = regional_route(site, BASE, site.article(rid).path)
    assert reply.status == 200, rid
    return reply.body.decode("utf-8")


def _regional_page(site: RegionalModel, rid: int) -> RegionalArticlePage:
    return RegionalArticlePage(
        BASE + site.article(rid).path,
        _regional_html(site, rid),
        RegionalConfig(site.name, BASE),
    )


def _regional_content(page: RegionalArticlePage) -> dict[str, Any]:
    out = {}
    for name in REGIONAL_CONTENT:
        found = getattr(page, name)()
        out[name] = found.value if found else None
    return out


def _regional_standard(site: RegionalModel) -> int:
    """The newest ordinary standard article (on page 1 of its listings)."""
    return next(
        rid
        for rid in reversed(site.variant_ids["standard"])
        if (rec := site.record(rid)) is not None and rec.role is None
    )


@pytest.mark.parametrize("variant", ["standard", "date_jsonld"])
def test_regional_edit_content(regional: RegionalModel, variant: str) -> None:
    rid = regional.variant_ids[variant][0]
    before = _regional_content(_regional_page(regional, rid))
    key = regional.key(rid)
    sentence = "Hingga berita ini diperbarui, korban bertambah menjadi 12 orang."
    art = regional.edit_content(
        rid, sentence=sentence, title="Judul Baru Setelah Ralat", at=EDITED_AT
    )

    assert regional.key(rid) == key  # the slug, URL and key stay
    assert regional.edited_ids == [rid]
    html = _regional_html(regional, rid)
    page = _regional_page(regional, rid)
    content = _regional_content(page)
    assert content["title"] == "Judul Baru Setelah Ralat"
    assert sentence in content["body"]
    for name in ("reporter", "tags", "image_caption", "published_at_raw"):
        assert content[name] == before[name], name
    assert _metas(html) == {
        "article:modified_time": EDITED_AT_WIB,
        "og:updated_time": EDITED_AT_WIB,
    }
    found = page.modified_at()
    assert found is not None
    assert found.value == EDITED_AT_WIB == art.modified_at_raw
    if variant == "date_jsonld":
        assert '"dateModified": "2025-08-02T10:15:42+07:00"' in html
    expected = expected_regional_item(regional, BASE, rid)
    assert expected["title"] == "Judul Baru Setelah Ralat"
    assert expected["body"].endswith(sentence)
    found_by_title = regional_route(regional, BASE, "/cari?q=judul+baru+setelah+ralat").body
    assert b"Judul Baru Setelah Ralat" in found_by_title


def test_regional_unedited_modification_time(regional: RegionalModel) -> None:
    jsonld = regional.variant_ids["date_jsonld"][0]
    found = _regional_page(regional, jsonld).modified_at()
    assert found is not None
    assert (
        found.value == regional.article(jsonld).modified_at_raw == regional.article(jsonld).iso_time
    )
    standard = _regional_standard(regional)
    assert _regional_page(regional, standard).modified_at() is None
    assert regional.article(standard).modified_at_raw is None


def test_regional_edit_noncontent_keeps_every_content_field(regional: RegionalModel) -> None:
    for variant in REGIONAL_VARIANTS:
        rid = regional.variant_ids[variant][0]
        before_html = _regional_html(regional, rid)
        before = _regional_page(regional, rid)
        before_related = before.related()
        art = regional.edit_noncontent(rid)
        html = _regional_html(regional, rid)
        after = _regional_page(regional, rid)
        assert html != before_html, variant
        assert _regional_content(after) == _regional_content(before), variant
        assert after.editor() == before.editor(), variant
        assert after.modified_at() == before.modified_at(), variant
        assert _metas(html) == {}, variant
        assert f"{art.views} kali dibaca" in html, variant
        after_related = after.related()
        assert after_related is not None, variant
        ids_before = [r["url"] for r in before_related.value] if before_related else []
        ids_after = [r["url"] for r in after_related.value]
        assert ids_after != ids_before, variant
        assert set(ids_before) <= set(ids_after), variant
        assert ids_after == [
            r["url"] for r in expected_regional_item(regional, BASE, rid)["related"]
        ]
    assert regional.edited_ids == []


def _names(body: str, slug: str) -> bool:
    """Whether a page or feed links the article ``slug`` (in an ``href`` or an RSS ``link``)."""
    return f'/{slug}"' in body or f"/{slug}<" in body


def _listing_pages(site: RegionalModel, path: str, ids: list[int]) -> list[str]:
    """Every page of a listing, as served."""
    pages = range(1, site.page_count(ids) + 1)
    return [regional_route(site, BASE, f"{path}?page={n}").body.decode() for n in pages]


@pytest.mark.parametrize("how", REMOVALS)
def test_regional_remove(regional: RegionalModel, how: str) -> None:
    host, rid = next(
        (host, rid)
        for host in reversed(regional.variant_ids["standard"])
        for rid in regional.article(host).terkait_ids
        if (rec := regional.record(rid)) is not None and rec.ordinary
    )
    art = regional.article(rid)
    user = regional.reporter(art.record)[1]
    listings = {
        f"/category/{art.category}": regional.category_listing(art.category),
        "/cari": regional.archive(),
        f"/profile/{user}": regional.profile_listing(user),
        **{f"/tag/{tag_slug(t)}": regional.tag_listing(tag_slug(t)) for t in art.record.tags},
    }
    for path, ids in listings.items():
        assert rid in ids, path
        assert any(_names(body, art.slug) for body in _listing_pages(regional, path, ids)), path
    regional.remove(rid, how=how)

    assert regional.removal(rid) == how
    assert regional.removed_ids == [rid]
    reply = regional_route(regional, BASE, art.path)
    assert reply.status == {"404": 404, "410": 410, "soft": 200}[how]
    if how != "410":
        page = RegionalArticlePage(
            BASE + art.path, reply.body.decode(), RegionalConfig(regional.name, BASE)
        )
        extraction = page.extract(CRAWLED_AT)
        assert extraction.item is None
        assert extraction.rejected == "not_found"
    for path, ids in listings.items():
        assert not any(_names(body, art.slug) for body in _listing_pages(regional, path, ids))
    for path in ("/", "/rss/latest-posts", f"/rss/category/{art.category}"):
        assert not _names(regional_route(regional, BASE, path).body.decode(), art.slug), path
    assert rid not in regional.archive()
    assert rid not in regional.search(art.title)
    assert rid not in regional.popular_ids
    assert rid not in regional.article(host).terkait_ids
    regional.restore(rid)
    assert regional.removal(rid) is None
    assert rid in regional.category_listing(art.category)
    assert regional_route(regional, BASE, art.path).status == 200
