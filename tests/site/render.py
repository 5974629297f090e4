"""Pure HTML renderers for the rmol.id mirror: ``(site, base_url, ...) -> str``.

The markup is a RECONSTRUCTION. It follows ``/work/shared/rmol-site.md``: the SEEN text order of
desktop and AMP articles, the 3RD-PARTY selectors (``.single_post_heading h1``,
``#fontResizableText``, ``.author li``, ``.author a[href*="/about/"]``, ``.single_post_text a``,
``.rubrik-list-title a``) and the noise classes (``space-``, ``border_black``, ``adsbygoogle``).
Everything else (class names of the tags block, ARTIKEL LAINNYA, AMP, sidebars) is a GUESS.

Every page carries link traps: ``whatsapp:`` (absolute and the relative-looking
``whatsapp:/send`` SEEN in a real crawl), share intents, ``mailto:``, ``javascript:``, ``tel:``,
off-site and asset links.
"""

from __future__ import annotations

import html
import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from tests.site.lexicon import slugify
from tests.site.model import (
    BUILTIN_SECTIONS,
    SECTION_LABELS,
    SECTIONS,
    Article,
    Site,
)

GOOGLE_NEWS_LINE_1 = (
    "Temukan berita-berita hangat terpercaya dari Kantor Berita Politik RMOL di Google News."
)
GOOGLE_NEWS_LINE_2 = "Untuk mengikuti silakan klik tanda bintang."
AD_TEXTS = ("Dimensy.id Mobile", "Dimensy.id", "Apollo Solar Panel")
AD_CAMPAIGNS: tuple[tuple[str, str, str], ...] = (
    AD_TEXTS,
    ("Promo Tiket Mudik Lebaran", "Dimensy.id", "Asuransi Mobil Syariah"),
    ("Kredit Motor Tanpa DP", "Dimensy.id Mobile", "Paket Umrah Plus Turki"),
)
"""The texts of an article page's ad slots (above the title and inside the body), by
``Article.ads`` (:meth:`~tests.site.model.Site.edit_noncontent` moves to the next campaign).
The first is SEEN; the others are GUESSed campaigns, in ``space-*`` slots like the SEEN ones."""
LOGO_ALT = "rmol news logo"
LOGO_ARTICLE_ALT = "rmol news logo article"

MARKUP_MODES: tuple[str, ...] = ("selectors", "dates", "body", "challenge")
"""Broken article layouts (:attr:`Faults.markup`), for health-alarm tests."""


@dataclass(frozen=True)
class Faults:
    """Runtime fault modes of a served mirror; the default value is the normal site.

    - ``removed``: sections whose listing pages answer 404 and which no menu lists;
    - ``loop``: sections whose last listing page has a next link back to ``?page=1``;
    - ``endless``: sections paged forever (page N > last repeats the last page, links N+1);
      ``endless`` wins over ``loop`` for a section in both;
    - ``markup``: one of :data:`MARKUP_MODES` or None (see :func:`render_article`);
    - ``hollow``: article ids whose pages (desktop and AMP) keep their title and date but have
      an empty body, as a topic page served at an article URL: the page class accepts them and
      the validation stage drops them (``missing_body``). They stay on their listings.
    """

    removed: frozenset[str] = frozenset()
    loop: frozenset[str] = frozenset()
    endless: frozenset[str] = frozenset()
    markup: str | None = None
    hollow: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        if self.markup is not None and self.markup not in MARKUP_MODES:
            raise ValueError(f"unknown markup mode {self.markup!r}; expected one of {MARKUP_MODES}")


NORMAL = Faults()

# Which listing sections use which paging markup (GUESS, varied on purpose).
PAGING_STYLE: dict[str, str] = {
    "politik": "codeigniter",
    "hukum": "codeigniter",
    "bisnis": "head_rel_next",
    "dunia": "head_rel_next",
    "nusantara": "numbers",
    "publika": "numbers",
    "olahraga": "numbers",
}

NETWORK_SITES = (
    ("RMOL Aceh", "https://www.rmolaceh.id/"),
    ("RMOL Sumut", "https://www.rmolsumut.id/"),
    ("RMOL Bengkulu", "https://www.rmolbengkulu.id/"),
    ("RMOL Sumsel", "https://www.rmolsumsel.id/"),
    ("RMOL Lampung", "https://www.rmollampung.id/"),
    ("RMOL Jabar", "https://www.rmoljabar.id/"),
    ("RMOL Jateng", "https://www.rmoljawatengah.id/"),
    ("RMOL Jatim", "https://www.rmoljatim.id/"),
    ("RMOL Papua", "https://www.rmolpapua.id/"),
)
SOCIAL = (
    ("Facebook", "https://www.facebook.com/rmolid"),
    ("Twitter", "https://twitter.com/rmol_id"),
    ("Instagram", "https://www.instagram.com/rmol.id/"),
    ("YouTube", "https://www.youtube.com/@rmoltv"),
)
FOOTER_PAGES = (
    ("Redaksi", "redaksi"),
    ("Pedoman Media Siber", "pedoman-media-siber"),
    ("Tentang Kami", "tentang-kami"),
    ("Kontak", "kontak"),
    ("Disclaimer", "disclaimer"),
)
POPULAR_TAGS = ("KPK", "Pemilu 2024", "DPR RI", "Korupsi", "Pilkada", "Ekonomi", "ASEAN", "APBN")

_SVG_ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="18" height="18" viewBox="0 0 24 24"'
    ' fill="currentColor" aria-hidden="true"><path d="M12 2C6.48 2 2 6.48 2 12c0 5.02 3.66 9.18'
    " 8.44 9.93v-7.02H7.9V12h2.54V9.8c0-2.5 1.49-3.89 3.78-3.89 1.09 0 2.24.2 2.24.2v2.46h-1.26c-1.24"
    ' 0-1.63.77-1.63 1.56V12h2.78l-.44 2.91h-2.34v7.02C18.34 21.18 22 17.02 22 12c0-5.52-4.48-10-10-10z"'
    "/></svg>"
)


def _css() -> str:
    """A realistic-sized inline stylesheet (the real theme inlines critical CSS; GUESS)."""
    names = (
        "header-area", "header-topbar", "topbar-date", "topbar-social", "header-logo", "main-menu",
        "mobile-menu", "search-form", "single-post-area", "single_post_heading", "author",
        "reporter-raw", "single_post_image", "caption", "post-text", "border_black", "google-news",
        "follow-us", "artikel-lainnya", "list-artikel", "card-post", "tags", "sidebar", "widget",
        "most-view-box", "update-box", "tag-populer", "section-title", "title", "rubrik-list",
        "rubrik-list-item", "rubrik-list-thumb", "rubrik-list-content", "rubrik-list-title",
        "rubrik-list-meta", "pagination", "paging", "page-num", "single_post", "single_post_text",
        "single_post_thumb", "headline-area", "latest-area", "footer-area", "footer-network",
        "footer-menu", "footer-social", "copyright", "share-box", "space-top", "space-inarticle",
        "space-sidebar", "error-page", "link_network", "category", "date", "num", "zoom",
    )  # fmt: skip
    rules = []
    for i, name in enumerate(names):
        color = (i * 2654435761) % 0xFFFFFF
        rules.append(
            f".{name}{{margin:0 0 {i % 5 * 4}px;padding:{i % 3 * 5}px {i % 4 * 6}px;"
            f"font-size:{12 + i % 6}px;line-height:1.{4 + i % 5};color:#{color:06x};"
            f"border-bottom:{i % 2}px solid #e{i % 10}e{i % 10}e{i % 10};}}\n"
            f"@media (max-width:767px){{.{name}{{margin:0 0 {i % 3 * 3}px;font-size:"
            f"{11 + i % 4}px;}}}}\n"
            f".{name} a:hover{{color:#c0392b;text-decoration:underline;transition:all .3s ease;}}"
        )
    return "\n".join(rules)


_INLINE_CSS = _css()

_GTAG = """
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', 'G-RMOL0000MIRROR');
"""

_AD_SCRIPT = "(adsbygoogle = window.adsbygoogle || []).push({});"

_FONT_SCRIPT = """
  var fontSize = 16;
  function resizeText(step) {
    var el = document.getElementById('fontResizableText');
    if (!el) { return; }
    fontSize = Math.min(24, Math.max(12, fontSize + step));
    el.style.fontSize = fontSize + 'px';
  }
  function copyLink() { navigator.clipboard.writeText(window.location.href); }
"""


def esc(text: str) -> str:
    """Escape text for an element."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Escape text for a double-quoted attribute."""
    return html.escape(text, quote=True)


# ---- shared chrome ---------------------------------------------------------------------------


def _head(
    base: str, title: str, extra: Sequence[str] = (), *, charset: bool = True, jsonld: str = ""
) -> str:
    lines = ["<!DOCTYPE html>", '<html lang="id">', "<head>"]
    if charset:
        lines.append('<meta charset="utf-8">')
    lines += [
        '<meta http-equiv="X-UA-Compatible" content="IE=edge">',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
        f"<title>{esc(title)}</title>",
        '<meta name="robots" content="index,follow">',
        '<meta name="googlebot-news" content="index, follow">',
        *extra,
        f'<link rel="shortcut icon" href="{base}/favicon.ico" type="image/x-icon">',
        f'<link rel="stylesheet" href="{base}/assets/css/bootstrap.min.css">',
        f'<link rel="stylesheet" href="{base}/assets/css/style.css?v=3.2">',
        '<script async src="https://www.googletagmanager.com/gtag/js?id=G-RMOL0000MIRROR"></script>',
        f"<script>{_GTAG}</script>",
        '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?'
        'client=ca-pub-0000000000000000" crossorigin="anonymous"></script>',
    ]
    if jsonld:
        lines.append(f'<script type="application/ld+json">{jsonld}</script>')
    lines += [f"<style>{_INLINE_CSS}</style>", "</head>"]
    return "\n".join(lines)


def _share_box(page_url: str, title: str) -> str:
    """Share and scheme links (icons only, so they add no text): none may be followed."""
    text = quote(f"{title} {page_url}")
    url = quote(page_url, safe="")
    hrefs = (
        ("WhatsApp", f"whatsapp://send?text={text}"),
        ("WhatsApp", f"whatsapp:/send?text={text}"),  # the relative-looking trap SEEN in a crawl
        ("WhatsApp Web", f"https://api.whatsapp.com/send?text={text}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={url}"),
        ("Twitter", f"https://twitter.com/intent/tweet?text={quote(title)}&amp;url={url}"),
        ("Email", f"mailto:?subject={quote(title)}&amp;body={url}"),
        ("Salin tautan", "javascript:void(0)"),
        ("Hotline redaksi", "tel:+62211234567"),
    )
    links = "".join(f'<a href="{h}" title="{t}" aria-label="{t}">{_SVG_ICON}</a>' for t, h in hrefs)
    return f'<div class="share-box">{links}</div>'


def _nav(base: str, sections: Iterable[str]) -> str:
    items = "".join(f'<li><a href="{base}/{s}">{SECTION_LABELS[s]}</a></li>' for s in sections)
    mobile = "".join(f'<li><a href="/{s}">{SECTION_LABELS[s]}</a></li>' for s in sections)
    return (
        f'<nav class="main-menu"><ul><li><a href="{base}/">Home</a></li>{items}</ul></nav>'
        f'<div class="mobile-menu" style="display:none"><ul>{mobile}</ul></div>'
    )


def _header(
    site: Site, base: str, *, home: bool, faults: Faults = NORMAL, dates: bool = True
) -> str:
    """Header with date, social links, logo, search and the section menu.

    Only the home page's menu lists ``olahraga`` (so the crawler must read the menu there);
    removed sections (:attr:`Faults.removed`) are in no menu. ``dates=False`` drops the date.
    """
    newest = site.article(site.newest_id)
    today = newest.byline.split(",")[0] + "," + newest.byline.split(",")[1] if dates else ""
    social = "".join(
        f'<li><a href="{u}" target="_blank">{_SVG_ICON}{n}</a></li>' for n, u in SOCIAL
    )
    sections = [s for s in (SECTIONS if home else BUILTIN_SECTIONS) if s not in faults.removed]
    return (
        '<header class="header-area">'
        '<div class="header-topbar"><div class="container"><div class="row">'
        f'<div class="col-lg-6"><div class="topbar-date">{esc(today)}</div></div>'
        f'<div class="col-lg-6"><ul class="topbar-social">{social}</ul></div>'
        "</div></div></div>"
        f'<div class="header-logo"><a href="{base}/"><img src="{base}/assets/images/logo-rmol.png"'
        ' alt="Kantor Berita Politik RMOL" width="240" height="60"></a></div>'
        f"{_nav(base, sections)}"
        f'<form class="search-form" action="{base}/cari" method="get">'
        '<input type="text" name="q" placeholder="Cari berita..."><button type="submit">Cari'
        "</button></form>"
        f'<div class="header-promo"><a href="https://example.com/promo?utm_source=rmol">'
        f'<img src="{base}/assets/images/banner-promo.jpg" alt="" width="728" height="90"></a>'
        "</div></header>"
    )


def _link_list(
    site: Site, base: str, ids: Sequence[int], forms: dict[int, str], *, dates: bool = True
) -> str:
    items = []
    for i, art in enumerate(site.articles(ids), start=1):
        href = article_href(base, art, forms.get(art.id, "abs"))
        date = f'<span class="date">{esc(art.byline)}</span>' if dates else ""
        items.append(
            f'<li><span class="num">{i}</span><a href="{attr(href)}">{esc(art.title)}</a>{date}</li>'
        )
    return "".join(items)


def _sidebar(site: Site, base: str, *, malformed: bool = False, dates: bool = True) -> str:
    """TERPOPULER, UPDATE and TAG POPULER: traps for related and tag extraction."""
    read_forms = dict.fromkeys(site.all_forms_ids, "read")
    popular = _link_list(site, base, site.popular_ids, {}, dates=dates)
    update = _link_list(site, base, site.update_ids(), read_forms, dates=dates)
    if malformed:
        update = update.replace("</li>", "", 2)  # unclosed <li>, as sloppy templates do
    tags = "".join(
        f'<li><a href="{base}/tag/{slugify(t)}">#{esc(t)}</a></li>' for t in POPULAR_TAGS
    )
    return (
        '<div class="col-lg-4"><aside class="sidebar">'
        f'<div class="space-sidebar">{AD_TEXTS[2]}</div>'
        '<div class="widget most-view-box"><div class="section-title"><h3 class="title">'
        f'TERPOPULER</h3></div><ul class="widget-list">{popular}</ul></div>'
        '<div class="widget update-box"><div class="section-title"><h3 class="title">UPDATE</h3>'
        f'</div><ul class="widget-list">{update}</ul></div>'
        '<div class="widget tag-populer"><div class="section-title"><h3 class="title">TAG POPULER'
        f'</h3></div><ul class="tag-populer-list">{tags}</ul></div>'
        f'<div class="space-sidebar-bottom"><a href="{base}/assets/images/banner-apollo.jpg">'
        f'<img src="{base}/assets/images/banner-apollo.jpg" alt="Apollo"></a></div>'
        "</aside></div>"
    )


def _footer(site: Site, base: str) -> str:
    network = "".join(
        f'<li><a class="link_network" href="{u}" target="_blank">{n}</a></li>'
        for n, u in NETWORK_SITES
    )
    pages = "".join(f'<li><a href="{base}/{slug}">{n}</a></li>' for n, slug in FOOTER_PAGES)
    social = "".join(f'<a href="{u}" target="_blank">{_SVG_ICON}</a>' for _, u in SOCIAL)
    year = site.article(site.newest_id).local_time.year
    return (
        '<footer class="footer-area"><div class="container">'
        f'<div class="footer-network"><h4>RMOL NETWORK</h4><ul>{network}</ul></div>'
        f'<ul class="footer-menu">{pages}</ul>'
        f'<div class="footer-social">{social}</div>'
        '<p class="partner">Mitra: <a href="https://www.rmollampung.id/category/daerah">'
        'Berita Daerah</a> | <a href="https://example.com/media-partner">Media Partner</a></p>'
        f'<p class="copyright">Copyright \u00a9 {year} Kantor Berita Politik RMOL. All Rights'
        " Reserved</p></div></footer>"
        f'<script src="{base}/assets/js/jquery-3.6.0.min.js"></script>'
        f'<script src="{base}/assets/js/main.js?v=5"></script>'
        f"<script>{_FONT_SCRIPT}</script>"
    )


def _page(head: str, body: Sequence[str]) -> str:
    return head + "\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"


# ---- URLs ------------------------------------------------------------------------------------


def article_href(base: str, art: Article, form: str) -> str:
    """A link to ``art`` in one form: ``abs`` desktop, ``root`` (``/politik/read/...``),
    ``amp`` or ``read`` (section-less)."""
    if form == "root":
        return art.desktop_path
    if form == "amp":
        return base + art.amp_path
    if form == "read":
        return base + art.read_path
    return base + art.desktop_path


def listing_url(base: str, section: str, page: int, *, root: bool = False) -> str:
    prefix = "" if root else base
    return f"{prefix}/{section}" if page <= 1 else f"{prefix}/{section}?page={page}"


# ---- home and listings -----------------------------------------------------------------------


def _post_items(site: Site, base: str, ids: Sequence[int], forms: dict[int, str]) -> str:
    out = []
    for art in site.articles(ids):
        href = attr(article_href(base, art, forms.get(art.id, "abs")))
        out.append(
            '<div class="single_post">'
            f'<div class="single_post_thumb"><a href="{href}"><img src="{base}{art.thumb_path}"'
            f' alt="{attr(art.title)}"></a></div>'
            '<div class="single_post_text">'
            f'<a class="category" href="{base}/{art.section}">{SECTION_LABELS[art.section]}</a>'
            f'<h4><a href="{href}">{esc(art.title)}</a></h4>'
            f'<span class="date">{esc(art.byline)}</span></div></div>'
        )
    return "".join(out)


def render_home(site: Site, base: str, *, faults: Faults = NORMAL) -> str:
    """The home page: full menu (with ``olahraga``), headline block and TERKINI list."""
    head = _head(
        base,
        "Kantor Berita Politik RMOL - Berita Politik Terkini",
        [
            f'<link rel="canonical" href="{base}/">',
            '<meta property="og:type" content="website">',
            '<meta property="og:title" content="Kantor Berita Politik RMOL">',
            f'<meta property="og:url" content="{base}/">',
        ],
    )
    home_forms = dict.fromkeys(site.home_amp_ids, "amp")
    body = [
        _header(site, base, home=True, faults=faults),
        '<div class="container"><div class="row"><div class="col-lg-8">',
        f'<div class="space-top">{AD_TEXTS[0]}</div>',
        '<div class="headline-area"><div class="section-title"><h3 class="title">HEADLINE</h3>'
        f"</div>{_post_items(site, base, site.home_headline_ids(), {})}</div>",
        '<div class="latest-area"><div class="section-title"><h3 class="title">TERKINI</h3></div>'
        f"{_post_items(site, base, site.home_latest_ids(), home_forms)}</div>",
        _share_box(base + "/", "Kantor Berita Politik RMOL"),
        "</div>",
        _sidebar(site, base),
        "</div></div>",
        _footer(site, base),
    ]
    return _page(head, body)


def _listing_forms(site: Site, ids: Sequence[int]) -> dict[int, str]:
    forms = {i: "root" for i in ids if i % 3 == 0}
    forms.update(dict.fromkeys(site.listing_amp_ids, "amp"))
    forms.update(dict.fromkeys(site.listing_read_ids, "read"))
    return forms


def _summary(art: Article) -> str:
    text = art.paragraphs[0]
    return text if len(text) <= 150 else text[:150].rsplit(" ", 1)[0] + "..."


def _next_page(faults: Faults, section: str, page: int, pages: int) -> tuple[int | None, int]:
    """``(next page or None, last page number shown)`` under the section's paging faults."""
    if section in faults.endless:
        return page + 1, max(pages, page + 1)
    if page < pages:
        return page + 1, pages
    if section in faults.loop and page == pages:
        return 1, pages
    return None, pages


def _paged_url(base: str, section: str, n: int, current: int) -> str:
    """``listing_url``, except that a link back to page 1 from a later page says ``?page=1``."""
    return f"{base}/{section}?page=1" if n == 1 and current > 1 else listing_url(base, section, n)


def _pagination_ci(
    base: str, section: str, page: int, pages: int, next_page: int | None = None
) -> str:
    """CodeIgniter paging, the shape SEEN on rmollampung.id (window of 4 around the page).

    ``next_page`` (default ``page + 1`` while ``page < pages``) is the ``rel="next"`` target.
    """
    if next_page is None and page < pages:
        next_page = page + 1
    first, prev, nxt, last = "\u00ab", "\u2039", "\u203a", "\u00bb"

    def link(n: int, text: str, rel: str = "") -> str:
        rel_attr = f' rel="{rel}"' if rel else ""
        href = (
            _paged_url(base, section, n, page) if rel == "next" else listing_url(base, section, n)
        )
        return f'<a href="{href}" data-ci-pagination-page="{n}"{rel_attr}>{text}</a>'

    parts = ['<ul class="pagination">']
    if page > 1:
        if page - 4 > 1:
            parts.append(f'<li class="page-first">{link(1, first, "start")}</li>')
        parts.append(f'<li class="prev">{link(page - 1, prev, "prev")}</li>')
    else:
        parts.append('<li class="disabled"></li>')
    for n in range(max(1, page - 4), min(pages, page + 4) + 1):
        if n == page:
            parts.append(
                f'<li class="active page-num"><a href="#">{n}<span class="sr-only"></span></a></li>'
            )
        else:
            parts.append(f'<li class="page-num">{link(n, str(n))}</li>')
    if next_page is not None:
        parts.append(f'<li class="next">{link(next_page, nxt, "next")}</li>')
    if page + 4 < pages:
        parts.append(f'<li class="page-last">{link(pages, last)}</li>')
    parts.append("</ul>")
    return (
        '<div class="tags" style="padding-top:15px">\n<ul class="inline">\n'
        + "".join(parts)
        + "</ul>\n</div>"
    )


def _pagination_numbers(section: str, page: int, pages: int, loop: bool = False) -> str:
    """Plain numbered links, root-relative, no rel and no data attribute (GUESS).

    ``loop`` adds a ``\u203a`` link back to ``?page=1`` after the numbers (a looping CMS bug).
    """
    shown = sorted({1, *range(max(1, page - 4), min(pages, page + 4) + 1), pages})
    parts, prev = [], 0
    for n in shown:
        if n - prev > 1:
            parts.append("<span>\u2026</span>")
        if n == page:
            parts.append(f'<span class="current">{n}</span>')
        else:
            parts.append(f'<a href="/{section}?page={n}">{n}</a>')
        prev = n
    if loop:
        parts.append(f'<a class="next" href="/{section}?page=1">\u203a</a>')
    return f'<div class="paging">{" ".join(parts)}</div>'


def render_listing(
    site: Site, base: str, section: str, page: int, *, faults: Faults = NORMAL
) -> str:
    """Section listing page ``page`` (newest first); past the end: no articles, no paging.

    Under ``faults.endless`` a page past the end repeats the last page's articles; under
    ``faults.loop`` the last page links back to page 1 (see :class:`Faults`).
    """
    real_pages = site.page_count(section)
    ids = site.listing_page(section, page)
    if not ids and section in faults.endless and page > real_pages:
        ids = site.listing_page(section, real_pages)
    next_page, pages = _next_page(faults, section, page, real_pages)
    label = SECTION_LABELS[section]
    style = PAGING_STYLE[section]
    extra = [f'<link rel="canonical" href="{listing_url(base, section, page)}">']
    if ids and style == "head_rel_next":
        if page > 1:
            extra.append(f'<link rel="prev" href="{listing_url(base, section, page - 1)}">')
        if next_page is not None:
            extra.append(f'<link rel="next" href="{_paged_url(base, section, next_page, page)}">')
    head = _head(base, f"Berita {label} Terkini Hari Ini - RMOL.ID", extra)
    forms = _listing_forms(site, ids)
    items = []
    for art in site.articles(ids):
        href = attr(article_href(base, art, forms.get(art.id, "abs")))
        items.append(
            '<div class="rubrik-list-item">'
            f'<div class="rubrik-list-thumb"><a href="{href}"><img src="{base}{art.thumb_path}"'
            f' alt="{attr(art.title)}"></a></div><div class="rubrik-list-content">'
            f'<div class="rubrik-list-title"><a href="{href}">{esc(art.title)}</a></div>'
            f'<div class="rubrik-list-meta">{esc(art.byline)}</div>'
            f'<p class="rubrik-list-summary">{esc(_summary(art))}</p></div></div>'
        )
    paging = ""
    if ids and style == "codeigniter":
        paging = _pagination_ci(base, section, page, pages, next_page)
    elif ids and style == "numbers":
        paging = _pagination_numbers(section, page, pages, loop=next_page == 1)
    listing = "".join(items) or '<p class="empty">Belum ada berita.</p>'
    body = [
        _header(site, base, home=False, faults=faults),
        '<div class="container"><div class="row"><div class="col-lg-8">',
        f'<div class="space-top">{AD_TEXTS[0]}</div>',
        f'<div class="section-title"><h1 class="title">{label}</h1></div>',
        f'<div class="rubrik-list">{listing}</div>',
        paging,
        _share_box(listing_url(base, section, page), f"Berita {label}"),
        "</div>",
        _sidebar(site, base),
        "</div></div>",
        _footer(site, base),
    ]
    return _page(head, body)


# ---- desktop article -------------------------------------------------------------------------


def _jsonld(base: str, art: Article, *, dates: bool = True) -> str:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": base + art.desktop_path},
        "headline": art.title,
        "image": [base + art.image_path],
        "datePublished": art.iso_time,
        "dateModified": art.iso_time,
        "author": {"@type": "Person", "name": art.reporter},
        "publisher": {
            "@type": "Organization",
            "name": "Kantor Berita Politik RMOL",
            "logo": {"@type": "ImageObject", "url": f"{base}/assets/images/logo-rmol.png"},
        },
        "articleSection": SECTION_LABELS[art.section],
        "keywords": ", ".join(art.tags),
        "description": _summary(art),
    }
    if art.modified is not None:
        data["dateModified"] = art.modified.isoformat()
    if not dates:
        del data["datePublished"], data["dateModified"]
    return json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")


def _article_head(base: str, art: Article, *, dates: bool = True) -> str:
    url = base + art.desktop_path
    og_title = art.title if art.variant == "malformed" else attr(art.title)
    extra = [
        f'<meta name="description" content="{attr(_summary(art))}">',
        f'<link rel="canonical" href="{url}">',
        f'<link rel="amphtml" href="{base}{art.amp_path}">',
    ]
    if art.variant != "text_only":
        extra += [
            '<meta property="og:type" content="article">',
            '<meta property="og:site_name" content="RMOL.ID">',
            # a sloppy template leaves the '&' of the malformed article's title raw
            f'<meta property="og:title" content="{og_title}">',
            f'<meta property="og:description" content="{attr(_summary(art))}">',
            f'<meta property="og:url" content="{url}">',
            f'<meta property="og:image" content="{base}{art.image_path}">',
            *(
                [f'<meta property="article:published_time" content="{art.iso_time}">']
                if dates
                else []
            ),
            *(_modified_metas(art) if dates else []),
            f'<meta property="article:section" content="{SECTION_LABELS[art.section]}">',
            *(f'<meta property="article:tag" content="{attr(t)}">' for t in art.tags),
            '<meta name="twitter:card" content="summary_large_image">',
            f'<meta name="twitter:title" content="{attr(art.title)}">',
        ]
    return _head(
        base,
        art.title,
        extra,
        charset=art.variant != "cp1252",
        jsonld=_jsonld(base, art, dates=dates) if art.has_jsonld else "",
    )


def _modified_metas(art: Article) -> list[str]:
    """The modification time of an edited article (RECONSTRUCTION: rmol-site.md knows of no
    such meta on rmol.id; news CMSs print these two after an edit, in the server's zone, WIB)."""
    if art.modified is None:
        return []
    when = art.modified.isoformat()
    return [
        f'<meta property="article:modified_time" content="{when}">',
        f'<meta property="og:updated_time" content="{when}">',
    ]


def _ad_texts(art: Article) -> tuple[str, str, str]:
    return AD_CAMPAIGNS[art.ads % len(AD_CAMPAIGNS)]


def _views(art: Article) -> list[str]:
    """The view counter (GUESS; printed only once :attr:`Article.views` is set)."""
    if art.views is None:
        return []
    count = f"{art.views:,}".replace(",", ".")  # Indonesian thousands separator
    return [f'<div class="post-views">Dibaca {count} kali</div>']


def _related_anchor(site: Site, base: str, rid: int) -> str:
    target = site.article(rid)
    return f'<a href="{base}{target.desktop_path}">{esc(target.title)}</a>'


def _printed_paragraphs(art: Article) -> list[str]:
    """The paragraphs as printed: dateline, initials and text logos added back."""
    paras = [esc(p) for p in art.paragraphs]
    if art.variant == "malformed":
        paras = list(art.paragraphs)  # unescaped '&', as a sloppy CMS prints it
    if art.dateline:
        paras[0] = "RMOL. " + paras[0]
    if art.editor:
        paras[-1] = f"{paras[-1]} [{art.editor}]"
    if art.variant == "logo_as_text":
        paras[0] = f"{LOGO_ALT} {paras[0]}"
        paras[-1] = f"{paras[-1]} {LOGO_ARTICLE_ALT}"
    if art.id % 2 == 0 and art.variant != "malformed":
        first_word, _, rest = paras[0].partition(" ")
        paras[0] = f"<strong>{first_word}</strong> {rest}"
    return paras


def _google_news(*, inside: bool = False) -> str:
    cls = "google-news-inline" if inside else "google-news"
    return (
        f'<p class="{cls}">Temukan berita-berita hangat terpercaya dari <a href='
        '"https://news.google.com/publications/CAAqBwgKMKfJmAsw8tOwAw?hl=id&amp;gl=ID"'
        ' target="_blank">Kantor Berita Politik RMOL di Google News</a>.<br>'
        f"{GOOGLE_NEWS_LINE_2}</p>"
    )


def _body(site: Site, base: str, art: Article, *, empty: bool = False) -> str:
    """``#fontResizableText``: logo, paragraphs, ads, BERITA TERKAIT, Baca Juga, logo.

    ``empty``: the container only (the ``body`` markup fault).
    """
    if empty:
        return '<div id="fontResizableText" class="post-text"></div>'
    paras = _printed_paragraphs(art)
    unclosed = {4, 8} if art.variant == "malformed" else set()
    out = ['<div id="fontResizableText" class="post-text">']
    if art.variant != "logo_as_text":
        out.append(
            f'<img src="{base}/assets/images/rmol-news-logo.png" alt="{LOGO_ALT}" class="logo-in">'
        )
    for i, para in enumerate(paras):
        out.append(f"<p>{para}" if i in unclosed else f"<p>{para}</p>")
        if i == 1 and art.terkait_ids:
            links = " ".join(_related_anchor(site, base, r) for r in art.terkait_ids)
            out.append(f'<div class="border_black">BERITA TERKAIT: {links}</div>')
        elif i == 3:
            out.append(
                '<ins class="adsbygoogle" style="display:block; text-align:center;"'
                ' data-ad-layout="in-article" data-ad-format="fluid"'
                ' data-ad-client="ca-pub-0000000000000000" data-ad-slot="1234567890"></ins>'
                f"<script>{_AD_SCRIPT}</script>"
            )
        elif i == 5 and art.baca_ids:
            links = " ".join(_related_anchor(site, base, r) for r in art.baca_ids)
            out.append(f"<p>Baca Juga: {links}</p>")
        elif i == 7 and i < len(paras) - 1:
            out.append(f'<div class="space-inarticle">{_ad_texts(art)[2]}</div>')
    if art.variant != "logo_as_text":
        out.append(
            f'<img src="{base}/assets/images/rmol-news-logo-article.png" alt="{LOGO_ARTICLE_ALT}"'
            ' class="logo-in">'
        )
    if art.variant == "footer_inside":
        out.append(_google_news(inside=True))
    out.append("</div>")
    return "\n".join(out)


def _artikel_lainnya(site: Site, base: str, art: Article) -> str:
    """ARTIKEL LAINNYA (SEEN as a heading; markup unknown, so two GUESSed forms)."""
    targets = site.articles(art.lainnya_ids)
    if art.lainnya_form == 1:
        items = "".join(
            f'<li><a href="{base}{t.desktop_path}">{esc(t.title)}</a></li>' for t in targets
        )
        return (
            '<div class="artikel-lainnya"><h3 class="title">ARTIKEL LAINNYA</h3>'
            f'<ul class="list-artikel">{items}</ul></div>'
        )
    cards = "".join(
        '<div class="col-md-4"><div class="card-post">'
        f'<a href="{base}{t.desktop_path}"><img src="{base}{t.thumb_path}" alt=""></a>'
        f'<h4><a href="{base}{t.desktop_path}">{esc(t.title)}</a></h4></div></div>'
        for t in targets
    )
    return (
        '<div class="section-title"><h3 class="title">ARTIKEL LAINNYA</h3></div>'
        f'<div class="row artikel-lainnya-cards">{cards}</div>'
    )


def _author_block(base: str, art: Article, *, dates: bool = True) -> list[str]:
    about = f"{base}/about/{art.reporter_slug}"
    if art.variant == "no_author_block":
        return []
    if art.variant == "text_only":
        printed = [f"<div>LAPORAN: {esc(art.reporter)}</div>", f"<div>{esc(art.byline)}</div>"]
        return printed if dates else printed[:1]
    raw = esc(f"<a href='{about}'>{art.reporter}</a>")
    byline = f"<ul><li>{esc(art.byline)}</li></ul>" if dates else ""
    return [
        f'<div class="reporter-raw"> LAPORAN: {raw}</div>',
        f'<div class="author"><span>LAPORAN: <a href="{about}">{esc(art.reporter)}</a></span>'
        f"{byline}</div>",
    ]


# The ``selectors`` markup fault: every spelling of the three 3RD-PARTY hooks (class or id
# attribute, inline CSS rule, font-resize script) renamed; nothing else changes.
_SELECTOR_RENAMES = (
    ("single_post_heading", "post-title-heading"),
    ("fontResizableText", "articleBodyText"),
    ('class="author"', 'class="byline-box"'),
    (".author{", ".byline-box{"),
    (".author a:hover{", ".byline-box a:hover{"),
)


def _rename_selectors(page: str) -> str:
    for old, new in _SELECTOR_RENAMES:
        page = page.replace(old, new)
    return page


def render_article(site: Site, base: str, article_id: int, *, faults: Faults = NORMAL) -> str:
    """The desktop article page, with the variant's quirks (see ``model.VARIANTS``).

    ``faults.markup`` breaks the layout: ``selectors`` renames ``.single_post_heading``,
    ``#fontResizableText`` and ``.author``; ``dates`` prints no date at all (byline, JSON-LD,
    ``article:published_time``, header date, sidebar dates); ``body`` leaves
    ``#fontResizableText`` empty. (``challenge`` is served by the router, not rendered here.)
    """
    page = _render_article(site, base, article_id, faults)
    return _rename_selectors(page) if faults.markup == "selectors" else page


def _render_article(site: Site, base: str, article_id: int, faults: Faults) -> str:
    art = site.article(article_id)
    url = base + art.desktop_path
    malformed = art.variant == "malformed"
    dates = faults.markup != "dates"
    top = [
        _header(site, base, home=False, faults=faults, dates=dates),
        '<div class="container"><div class="row"><div class="col-lg-8">'
        '<div class="single-post-area">',
        f'<div class="post-category"><a href="{base}/{art.section}">'
        f"{SECTION_LABELS[art.section]}</a></div>",
        f'<div class="space-top">{_ad_texts(art)[0]}</div>',
        f'<div class="space-top-desktop">{_ad_texts(art)[1]}</div>',
        f'<div class="space-header">{_ad_texts(art)[2]}</div>',
    ]
    if art.variant != "no_h1":
        title = art.title if malformed else esc(art.title)
        top.append(f'<div class="single_post_heading"><h1>{title}</h1></div>')
    top += _author_block(base, art, dates=dates)
    top += _views(art)
    if malformed:
        top.append("</div>")  # stray close tag
    top += [
        _share_box(url, art.title),
        f'<figure class="single_post_image"><a class="zoom" href="{base}{art.image_path}">'
        f'<img src="{base}{art.image_path}" alt="{attr(art.title)}" width="700" height="393">'
        f'</a><figcaption class="caption">{esc(art.caption)}</figcaption></figure>',
        '<div class="space-afterimage"><ins class="adsbygoogle" style="display:block"'
        ' data-ad-client="ca-pub-0000000000000000" data-ad-slot="2345678901"'
        f' data-ad-format="auto"></ins><script>{_AD_SCRIPT}</script></div>',
        _body(site, base, art, empty=faults.markup == "body"),
    ]
    head = _article_head(base, art, dates=dates)
    if art.truncated:
        return head + "\n<body>\n" + "\n".join(top)
    tags = "".join(f'<a href="{base}/tag/{slugify(t)}">{esc(t)}</a> ' for t in art.tags)
    follow = "".join(
        f'<a href="{u}" title="{n}" target="_blank">{_SVG_ICON}</a>' for n, u in SOCIAL
    )
    rest = [
        "" if art.variant == "footer_inside" else _google_news(),
        f'<div class="follow-us"><h4>FOLLOW US</h4>{follow}</div>',
        _artikel_lainnya(site, base, art),
        f'<div class="tags"><span class="tags-label">TAGS</span> {tags}</div>',
        "</div></div>",
        _sidebar(site, base, malformed=malformed, dates=dates),
        "</div></div>",
        _footer(site, base),
    ]
    return _page(head, [*top, *rest])


# ---- AMP article -----------------------------------------------------------------------------

_AMP_BOILERPLATE = (
    "<style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;"
    "-moz-animation:-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s"
    " steps(1,end) 0s 1 normal both}@-webkit-keyframes -amp-start{from{visibility:hidden}to"
    "{visibility:visible}}@keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}"
    "</style><noscript><style amp-boilerplate>body{-webkit-animation:none;-moz-animation:none;"
    "animation:none}</style></noscript>"
)


def render_amp(site: Site, base: str, article_id: int, *, faults: Faults = NORMAL) -> str:
    """The AMP page (SEEN text order): Berita, caption, section, title, meta line, body,
    Populer/UPDATE lists. No tags block, no related box, no reporter link (GUESS).

    ``faults.markup``: ``dates`` drops the date from the meta line, ``body`` empties
    ``.amp-content``; ``selectors`` does not touch AMP (it has none of those hooks)."""
    art = site.article(article_id)
    paras = [esc(p) for p in art.paragraphs]
    if art.dateline:
        paras[0] = "RMOL. " + paras[0]
    if art.editor:
        paras[-1] = f"{paras[-1]} [{art.editor}]"
    body = "" if faults.markup == "body" else "".join(f"<p>{p}</p>" for p in paras)
    meta = f"LAPORAN: {esc(art.reporter)}"
    if faults.markup != "dates":
        meta = f"{esc(art.amp_dateline)} | {meta}"

    def amp_list(ids: Sequence[int]) -> str:
        return "".join(
            f'<li><a href="{base}{a.amp_path}">{esc(a.title)}</a></li>' for a in site.articles(ids)
        )

    nav = "".join(
        f'<li><a href="{base}/{s}">{SECTION_LABELS[s]}</a></li>'
        for s in BUILTIN_SECTIONS
        if s not in faults.removed
    )
    url = base + art.desktop_path
    return (
        '<!doctype html>\n<html \u26a1 lang="id">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(art.title)}</title>\n"
        f'<link rel="canonical" href="{url}">\n'
        '<meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">\n'
        '<script async src="https://cdn.ampproject.org/v0.js"></script>\n'
        '<script async custom-element="amp-ad" src="https://cdn.ampproject.org/v0/amp-ad-0.1.js">'
        "</script>\n"
        '<script async custom-element="amp-sidebar"'
        ' src="https://cdn.ampproject.org/v0/amp-sidebar-0.1.js"></script>\n'
        f"{_AMP_BOILERPLATE}\n<style amp-custom>{_INLINE_CSS[:6000]}</style>\n</head>\n<body>\n"
        f'<header class="amp-header"><a href="{base}/"><amp-img src="{base}/assets/images/'
        'logo-rmol.png" width="160" height="40" alt=""></amp-img></a>'
        '<button on="tap:sidebar.toggle" class="amp-burger"></button></header>\n'
        '<div class="amp-kanal">Berita</div>\n'
        f'<figure class="amp-figure"><amp-img src="{base}{art.image_path}" width="640"'
        ' height="360" layout="responsive" alt=""></amp-img>'
        f'<figcaption class="amp-caption">{esc(art.caption)}</figcaption></figure>\n'
        f'<div class="amp-rubrik"><a href="{base}/{art.section}">{SECTION_LABELS[art.section]}'
        "</a></div>\n"
        f'<h1 class="amp-title">{esc(art.title)}</h1>\n'
        f'<div class="amp-meta">{meta}</div>\n'
        f'<div class="amp-content">{body}</div>\n'
        '<amp-ad width="300" height="250" type="adsense" data-ad-client="ca-pub-0000000000000000"'
        ' data-ad-slot="3456789012"></amp-ad>\n'
        f"{_share_box(base + art.amp_path, art.title)}\n"
        '<div class="amp-populer"><h3 class="amp-list-title">Populer</h3>'
        f"<ul>{amp_list(site.popular_ids)}</ul></div>\n"
        '<div class="amp-update"><h3 class="amp-list-title">UPDATE</h3>'
        f"<ul>{amp_list(site.update_ids())}</ul></div>\n"
        '<footer class="amp-footer"><p>Copyright \u00a9 Kantor Berita Politik RMOL</p></footer>\n'
        f'<amp-sidebar id="sidebar" layout="nodisplay" side="right"><ul>{nav}</ul></amp-sidebar>\n'
        "</body>\n</html>\n"
    )


# ---- error, not-found and challenge pages ----------------------------------------------------


def render_not_found(site: Site, base: str, *, faults: Faults = NORMAL) -> str:
    """The site's "Halaman tidak ditemukan" page (served as 404, or with 200 at an article URL)."""
    head = _head(
        base, "Halaman tidak ditemukan - RMOL.ID", ['<meta name="robots" content="noindex">']
    )
    body = [
        _header(site, base, home=False, faults=faults),
        '<div class="container"><div class="row"><div class="col-lg-8">',
        '<div class="error-page"><h2>404</h2><h3>Halaman tidak ditemukan</h3>'
        "<p>Maaf, halaman yang Anda cari tidak tersedia atau telah dipindahkan.</p>"
        f'<a href="{base}/">Kembali ke beranda</a></div>',
        "</div>",
        _sidebar(site, base),
        "</div></div>",
        _footer(site, base),
    ]
    return _page(head, body)


def render_challenge(path: str) -> str:
    """A Cloudflare-like "Just a moment..." interstitial (served with 200)."""
    token = zlib.crc32(path.encode()) * 7919
    return f"""<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta http-equiv="X-UA-Compatible" content="IE=Edge">
<meta name="robots" content="noindex,nofollow">
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>*{{box-sizing:border-box;margin:0;padding:0}}html{{line-height:1.15;color:#313131;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial}}body{{display:flex;
flex-direction:column;height:100vh;min-height:100vh}}.main-content{{margin:8rem auto;
max-width:60rem;padding-left:1.5rem}}</style>
<meta http-equiv="refresh" content="390"></head><body class="no-js">
<div class="main-wrapper" role="main"><div class="main-content">
<h1 class="zone-name-title h1">rmol.id</h1>
<h2 class="h2" id="challenge-running">Checking if the site connection is secure</h2>
<noscript><div id="challenge-error-title"><div class="h2"><span class="icon-wrapper">
</span><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div>
</div></noscript>
<div id="challenge-body-text" class="core-msg spacer">rmol.id needs to review the security of
your connection before proceeding.</div>
<form id="challenge-form" action="{attr(path)}?__cf_chl_f_tk={token}" method="POST"
enctype="application/x-www-form-urlencoded"><input type="hidden" name="md" value="{token}">
</form></div></div>
<script>(function(){{window._cf_chl_opt={{cvId: '3',cZone: "rmol.id",cType: 'managed',
cNounce: '{token % 100000}',cRay: '8a{token:x}',cHash: '{token:x}'}};}}());</script>
<div class="footer" role="contentinfo"><div class="footer-inner">
<div class="clearfix diagnostic-wrapper"><div class="ray-id">Ray ID: <code>8a{token:x}</code>
</div></div><div class="text-center" id="footer-text">Performance &amp; security by
<a rel="noopener noreferrer" href="https://www.cloudflare.com?utm_source=challenge&amp;utm_campaign=m"
target="_blank">Cloudflare</a></div></div></div></body></html>
"""


ROBOTS_TXT = "User-agent: *\nDisallow: /cari\nDisallow: /search\n"


def render_simple(
    site: Site, base: str, heading: str, text: str, *, faults: Faults = NORMAL
) -> str:
    """A small themed page (search results, reporter profile ...)."""
    head = _head(base, f"{heading} - RMOL.ID")
    body = [
        _header(site, base, home=False, faults=faults),
        f'<div class="container"><h2>{esc(heading)}</h2><p>{esc(text)}</p></div>',
        _footer(site, base),
    ]
    return _page(head, body)
