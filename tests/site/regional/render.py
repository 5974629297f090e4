"""Pure HTML renderers of the regional mirror: ``(site, base_url, ...) -> str``.

Head, header (breaking-news slider, clock, social links, logo, menu, search box), listing items
(``div.bussiness-post-item``), the CodeIgniter pager, the home page (gallery slider with its
``slick-cloned`` copies, TERKINI, category boxes, INDONESIA TERKINI, "See more" block), the
TERPOPULER sidebar and the JARINGAN footer keep the markup of the two real rmollampung.id pages
in ``/work/shared/regional/`` (SEEN), trimmed of injected ad code and with invented content.

Article pages are RECONSTRUCTED: the layout of the CMS theme's post page (GUESS, the
``post-layout-top-content`` template the listing classes come from) holding the 3RD-PARTY hooks
``div.post-text.mt-30 p`` and the first ``li`` with an Indonesian weekday, and the text order
SEEN on three article pages (title, caption printed twice with a photographer credit, dateline,
three unlabelled related links after the first paragraph, ``[aji]`` initials, the Google News
line). Tags (``/tag/`` links in ``div.post-tags``) and BERITA TERKAIT are GUESS.

``base`` is the origin the mirror is served at. Where a real page links the bare host
(``https://rmollampung.id/index-berita``, SEEN), the mirror does the same when ``base`` has a
``www.`` host, and uses ``base`` unchanged otherwise (``127.0.0.1``).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
from collections.abc import Callable, Sequence
from urllib.parse import quote, urlsplit, urlunsplit

from tests.site.regional import lexicon as words
from tests.site.regional.model import (
    NETWORK,
    STATIC_PAGES,
    Article,
    RegionalSite,
)
from tests.site.render import NORMAL, Faults, attr, esc
from tests.site.render import render_challenge as _rmol_challenge

FOOTER_PAGES: tuple[str, ...] = tuple(STATIC_PAGES)[:8]
"""The footer's "Pedoman kami" list (SEEN order)."""

INDONESIA_TERKINI: tuple[tuple[str, str, str], ...] = (
    (
        "https://rmol.id/politik/read/2025/07/25/674027/pks-perkuat-kaderisasi-dan-pelayanan-publik",
        "PKS Perkuat Kaderisasi dan Pelayanan Publik",
        "2025-07-25 10:22:00",
    ),
    (
        "https://rmol.id/politik/read/2025/07/25/674028/bawaslu-perkuat-patroli-pengawasan-psu-pilkada-2024-di-3-daerah",
        "Bawaslu Perkuat Patroli Pengawasan PSU Pilkada 2024 di 3 Daerah",
        "2025-07-25 10:34:00",
    ),
    (
        "https://rmol.id/dunia/read/2025/07/25/674030/bentrokan-thailand-kamboja-memburuk-100-672-orang-terpaksa-mengungsi",
        "Bentrokan Thailand-Kamboja Memburuk, 100.672 Orang Terpaksa Mengungsi",
        "2025-07-25 10:43:00",
    ),
)
"""The home page's widget of rmol.id links (SEEN URLs and titles): off-site for a regional crawl."""

GOOGLE_NEWS_URL = (
    "https://news.google.com/publications/CAAqBwgKMMfUrwswz-7GAw?hl=id&gl=ID&ceid=ID:id"
)
SELECTOR_RENAMES: tuple[tuple[str, str], ...] = (
    ('class="post-text mt-30"', 'class="article-body-text mt-30"'),
    ('class="post-author"', 'class="byline-box"'),
    ('class="author-info"', 'class="byline-info"'),
)
"""The ``selectors`` markup fault: the theme's hooks on article pages, renamed."""


# ---- small helpers ---------------------------------------------------------------------------


def bare(base: str) -> str:
    """``base`` without a leading ``www.`` in its host (SEEN: the INDEKS menu link)."""
    parts = urlsplit(base)
    if not parts.netloc.startswith("www."):
        return base
    return urlunsplit(parts._replace(netloc=parts.netloc[4:]))


def reconstruction_note(site: RegionalSite) -> str:
    """The comment every generated page carries."""
    return (
        f"RECONSTRUCTION of a {site.domain} page for offline tests (tests/site/regional), not"
        " a capture: header, menu, listings, pager, sliders and footer keep the markup of the two"
        " real rmollampung.id pages (/work/shared/regional/, SEEN); article pages follow the"
        " 3RD-PARTY selectors (div.post-text.mt-30 p, the weekday date li) and GUESSES."
        " All names and text are invented."
    )


def _comment(site: RegionalSite) -> str:
    return f"<!-- {reconstruction_note(site)} -->"


def label(category: str) -> str:
    """A category's label as printed (upper case, SEEN)."""
    return category.upper()


def _limit(text: str, n: int) -> str:
    """CodeIgniter's ``character_limiter``: whole words up to about ``n`` characters, ``...``."""
    if len(text) <= n:
        return text
    out = ""
    for word in text.split():
        out = f"{out} {word}".strip()
        if len(out) >= n:
            break
    return out + "..."


def title_html(art: Article) -> str:
    """The title as a template prints it: some carry a trailing ``&nbsp;`` (SEEN)."""
    return esc(art.title) + ("&nbsp;" if art.id % 7 == 3 else "")


def article_url(base: str, art: Article) -> str:
    return f"{base}/{art.slug}"


def _site_title(site: RegionalSite) -> str:
    return f"{site.name.upper()}.ID"


# ---- head, header, sidebar, footer ----------------------------------------------------------


def _head(
    site: RegionalSite,
    base: str,
    title: str,
    description: str,
    *,
    og_type: str = "website",
    og_image: str | None = None,
    og_url: str | None = None,
    extra: Sequence[str] = (),
) -> str:
    home = f"{base}/"
    image = og_image or f"{base}/assets/img/logo.png"
    org = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsMediaOrganization",
            "name": _site_title(site),
            "url": home,
            "logo": f"{base}/assets/img/logo.png",
            "sameAs": [f"https://facebook.com/{site.brand}", home],
        },
        indent=4,
    )
    lines = [
        "<!DOCTYPE html>",
        _comment(site),
        '<html lang="id"><head>',
        '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?'
        'client=ca-pub-0000000000000000" crossorigin="anonymous"></script>'
        "   <!-- Google tag (gtag.js) -->",
        '<script async src="https://www.googletagmanager.com/gtag/js?id=G-MIRROR0000"></script>',
        "<script>\n  window.dataLayer = window.dataLayer || [];\n  function gtag(){dataLayer.push"
        "(arguments);}\n  gtag('js', new Date());\n\n  gtag('config', 'G-MIRROR0000');\n</script>",
        "",
        f"    <title>{esc(title)}</title>",
        '    <meta charset="UTF-8">',
        '    <meta http-equiv="X-UA-Compatible" content="IE=edge">',
        '    <meta name="viewport" content="width=device-width, initial-scale=1.0">',
        f'    <meta name="title" content="{_site_title(site)}">',
        f'    <meta name="description" content="{attr(description)}" itemprop="description">',
        '    <meta name="googlebot-news" content="index, follow">',
        '    <meta name="googlebot" content="index, follow">',
        '    <meta name="author" content="rmolnetwork">',
        '    <meta name="robots" content="index,follow">',
        '    <meta name="language" content="id">',
        '    <meta name="geo.country" content="id">',
        '    <meta property="og:locale" content="id">',
        f'    <meta property="og:site_name" content="{site.name.upper()}">',
        # Listing pages point canonical and og:url at the home page (SEEN).
        f'        <link rel="canonical" href="{attr(og_url or home)}">',
        f'    <meta property="og:image" content="{attr(image)}">',
        f'    <meta property="og:type" content="{og_type}">',
        f'    <meta property="og:title" content="{attr(title)}">',
        f'    <meta property="og:description" content="{attr(description)}">',
        f'    <meta property="og:url" content="{attr(og_url or home)}">',
        '    <meta name="twitter:card" content="summary_large_image">',
        f'    <meta name="twitter:site" content="@{site.name.upper()}">',
        f'    <meta name="twitter:title" content="{attr(title)}">',
        *extra,
        f'    <script type="application/ld+json">\n    {org}\n    </script>',
        f'        <link rel="shortcut icon" href="{base}/uploads/logo/logo_6581865eaec32.jpeg"'
        ' type="image/png">',
    ]
    for css in (
        "bootstrap.min.css", "font-awesome.min.css", "magnific-popup.css", "nice-select.css",
        "slick.css", "stellarnav.css?v=1", "default.css", "style.css?v=1.3.2", "custom.css?v=1.3.2",
    ):  # fmt: skip
        lines.append(f'    <link rel="stylesheet" href="{base}/assets/polindo/css/{css}">')
    lines.append("</head>")
    return "\n".join(lines)


def _slides(ids: Sequence[int], before: int) -> list[tuple[int, int, bool]]:
    """slick's track: ``(data-slick-index, id, cloned)``; the last ``before`` items cloned in
    front, the real items, then every item cloned again (SEEN on both sliders)."""
    n = len(ids)
    front = [(i - before, ids[n - before + i], True) for i in range(min(before, n))]
    real = [(i, ids[i], False) for i in range(n)]
    back = [(n + i, ids[i], True) for i in range(n)]
    return front + real + back


def _trending(site: RegionalSite, base: str) -> str:
    items = []
    for index, rid, cloned in _slides(site.trending_ids, before=1):
        art = site.article(rid)
        classes = "trending-item slick-slide" + (" slick-cloned" if cloned else "")
        if index == 1 and not cloned:
            classes += " slick-current slick-active"
        tab = "0" if index == 1 and not cloned else "-1"
        items.append(
            f'<div class="{classes}" style="width: 380px;" data-slick-index="{index}"'
            f' aria-hidden="{"false" if tab == "0" else "true"}" tabindex="-1">\n'
            f'                                    <p><a href="{article_url(base, art)}"'
            f' style="color:white" tabindex="{tab}">{esc(_limit(art.title, 55))}</a></p>\n'
            "                                </div>"
        )
    return (
        '<div class="trending-slider slick-initialized slick-slider">\n'
        '                                                            <div class="slick-list'
        ' draggable"><div class="slick-track" style="opacity: 1; width: 1900px;">'
        + "".join(items)
        + "</div></div></div>"
    )


def _menu(site: RegionalSite, base: str, faults: Faults, active: str | None) -> str:
    def item(href: str, text: str, key: str) -> str:
        cls = "active" if key == active else ""
        return f'<li><a class="{cls}" href="{href}">{text}</a></li>'

    entries = [item(f"{base}/", "HOME", "home"), item(f"{bare(base)}/index-berita", "INDEKS", "")]
    for c in site.menu:
        if c not in faults.removed:
            entries.append(item(f"{base}/category/{c}", label(c), c))
    sep = (
        "\n                                                                                        "
    )
    return sep.join(entries)


def _header(
    site: RegionalSite, base: str, *, faults: Faults = NORMAL, active: str | None = None
) -> str:
    clock = words.topbar_date(site.newest_time + dt.timedelta(hours=2, minutes=13))
    social = (
        ("Facebook", f"https://www.facebook.com/{site.brand}/", "fab fa-facebook-f"),
        ("Twitter", f"https://twitter.com/{site.name}1/", "fab fa-twitter"),
        ("Instagram", f"https://www.instagram.com/{site.domain}/", "fab fa-instagram"),
        ("Youtube", "https://www.youtube.com/channel/UCmirror0000000000000000", "fab fa-youtube"),
        ("RSS", f"{base}/rss-feeds", "fa fa-rss"),
    )
    social_items = "\n".join(
        "                                    <li>\n"
        f'                                        <a href="{href}" title="{name}" target="_blank"'
        f' rel="nofollow"><i class="{icon}"></i></a>\n'
        "                                    </li>"
        for name, href, icon in social
    )
    return f""" <header class="header-area header-dark">
        <div class="header-topbar">
            <div class="container custom-container">
                <div class="row align-items-center">
                    <div class="col-lg-7">
                        <div class="topbar-trending">
                            <!-- 2 berita terpopuler minggu ini -->
                            <span>Breaking News</span>
                            {_trending(site, base)}
                            <!-- end berita terpopuler minggu ini -->
                        </div>
                    </div>
                    <div class="col-lg-5">
                        <div class="topbar-social d-flex align-items-center">
                            <p>{clock}</p>
                            <div class="social">
                                <ul>
{social_items}
                                </ul>
                            </div>
                        </div>
                    </div>
                </div>
            </div>
        </div>
        <div class="header-centerbar">
            <div class="container custom-container">
                <div class="row align-items-center">
                    <div class="col-lg-4">
                        <div class="logo">
                            <a href="{base}/">
                                <img src="{base}/uploads/logo/logo_657e3fb161050.png" alt="">
                            </a>
                        </div>
                    </div>
                    <!-- ads -->
                    <div class="col-lg-8">
                        <div class="header-centerbar-ad">
                                                <div class="ad ">
                    <a href="https://example.com/lelang"><img class="zoom" src="{base}/uploads/blocks/block_687111eadbbb1.jpg"></a>
                </div>
                                        </div>
                    </div>
                    <!-- end ads -->
                </div>
            </div>
        </div>
        <div class="header-menubar">
            <div class="container custom-container">
                <div class="row align-items-center">
                    <div class="col-lg-11 col-sm-11 col-9">
                        <div class="header-menu">
                            <div class="stellarnav right light desktop"><a href="#" class="menu-toggle"><span class="bars"><span></span><span></span><span></span></span> Menu</a>
                                <ul><a href="#" class="close-menu full"><span class="icon-close"></span>Close</a>
                                    {_menu(site, base, faults, active)}
                                                                                </ul>
                            </div>
                        </div>
                    </div>
                    <div class="col-lg-1 col-sm-1 col-3">
                        <div class="header-menu-rightbar">
                            <div class="header-menu-search">
                                <ul>
                                    <li><a href="#search"><i class="fal fa-search"></i></a></li>
                                                                    </ul>
                            </div>
                        </div>
                    </div>
            </div>
        </div>
    </div></header>
    <div id="search-box" style="opacity: 95%;">
        <div class="container">
            <a class="close" href="#close"></a>
            <div class="search-main">
                <div class="search-inner" align="center">
                    <div class="row">
                        <div class="col-lg-12">
                            <form action="{base}/cari" method="get">
                                <div class="form-group">
                                    <div class="input-group">
                                        <input type="text" id="inputSearch" name="q" pattern=".*\\S+.*" placeholder="" autocomplete="false" class="form-control">
                                        <button type="submit" class="btn btn-danger btn-sm" style="font-size:small;"><i class="fa fa-search"></i>&nbsp;&nbsp;Search News</button>
                                    </div>
                                </div>
                            </form>
                        </div>
                    </div>
                </div>
            </div>
        </div>
    </div>
<div id="myModaladss" class="modalads">
    <div class="modalads-content">
        <span class="closeads">\u00d7</span>
        <a href="{base}/cari?q=pilkada"><img src="{base}/uploads/images/iklan.jpg"></a>
    </div>
</div>"""


def _sidebar(site: RegionalSite, base: str) -> str:
    """TERPOPULER (SEEN markup: the link is on the title only) and two ad blocks."""
    items = []
    for n, art in enumerate(site.articles(site.popular_ids), start=1):
        items.append(
            f"""                        <div class="post-gallery-style-2 most-view-style-2">
                <div class="post-gallery-thumb mr-3">
                    <img src="{base}{art.thumb_path("140x98")}">
                    <span>{n}</span>
                </div>
                <div class="post-gallery-content">
                    <h5 class="title">
                        <a href="{article_url(base, art)}">{esc(art.title)}</a>
                    </h5>
                    <div class="meta-post-2-style">
                        <div class="meta-post-categores">
                            <a href="{base}/category/{art.category}">
                                {label(art.category)}                            </a>
                        </div>
                        <div class="meta-post-date">
                            <span style="font-size: 11px;">{words.day_date(art.local_time)}</span>
                        </div>
                    </div>
                </div>
            </div>"""
        )
    return f"""<div class="most-view-box mb-10">
            <div class="section-title">
            <h3 class="title">TERPOPULER</h3>
        </div>
    <div class="trending-sidebar-slider">
        <div class="post_gallery_items">
{"".join(items)}
                    </div>
    </div>
</div>                <div class="ad mb-10">
                    <a href="#"><img class="zoom" src="{base}/uploads/blocks/block_676e9cb80db15.jpg"></a>
                </div>
                                <div class="ad mb-10">
                    <a href="https://anggota.mediasiber.id/index.php?media=https://www.{site.domain}"><img class="zoom" src="{base}/uploads/blocks/block_65a0c0d27333a.png"></a>
                </div>"""


def _footer(site: RegionalSite, base: str) -> str:
    network = []
    for name, (region, _) in NETWORK.items():
        href = f"{base}/" if name == site.name else f"https://www.{name}.id/"
        rel = ' rel="dofollow"' if name == "rmoljatim" else ""
        network.append(
            f'                                            <a href="{href}" target="_blank"'
            f' class="link_network"{rel}>{region}</a>&nbsp;&nbsp;'
        )
    pages = "".join(
        "                                                <li>\n"
        f'                                                    <a href="{base}/{slug}">'
        f"{STATIC_PAGES[slug]}</a>\n"
        "                                                </li>"
        for slug in FOOTER_PAGES
    )
    year = site.newest_time.year
    return f"""<footer class="footer-area footer-dark">
    <div class="container custom-container">
        <div class="footer-widget-area">
            <div class="row">
                <div class="col-lg-12">
                    <div class="footer-widget">
                        <div class="row">
                            <div class="col-lg-12 col-md-12">
                                <div class="widget widget-list noborder">
                                    <div class="section-title section-title-2">
                                        <h3 class="title" align="center">JARINGAN</h3>
                                    </div>
                                    <div class="list d-flex dflex-column">
                                        <p align="center">
{chr(10).join(network)}
                                            <a href="https://polindo.id/" target="_blank" rel="dofollow" style="visibility: hidden;">Polindo</a>
        </p>
                                    </div>
                                </div>
                            </div>
                        </div>
                        <div class="footer-twitter-post">
                            <div class="row">
                                <div class="col-lg-4 col-md-4">
                                    <div class="widget widget-list">
                                        <div class="section-title section-title-2">
                                            <h3 class="title">Pedoman kami</h3>
                                        </div>
                                        <div class="list">
                                            <ul>
{pages}                                            </ul>
                                        </div>
                                    </div>
                                </div>
                                <div class="col-lg-8 col-md-8">
                                    <div class="widget widget-twitter-post">
                                        <div class="twitter-post">
                                            <div class="twitter-content">
                                                <p class="about-us">{site.name.upper()} adalah media online yang independent
</p>
                                                <p>
                                                    <strong>Alamat : </strong>Jalan Mirror Nomor 1, {site.region}<br>
                                                    <strong>E-mail : </strong>redaksi@{site.domain}                                                </p>
                                            </div>
                                        </div>
                                    </div>
                                    <div class="footer-download-store d-block d-md-flex align-items-center justify-content-between">
                                        <div class="store-btn">
                                            <ul>
                                                <li><a href="https://play.google.com/store/apps/details?id=id.{site.name}">
                                                        <i class="fab fa-google-play"></i>
                                                        <p>Download on the</p>
                                                        <span>GOOGLE PLAY</span>
                                                    </a></li>
                                            </ul>
                                        </div>
                                    </div>
                                </div>
                            </div>
                        </div>
                    </div>
                </div>
            </div>
        </div>
    </div>
</footer>
<div class="footer-copyright footer-copyright-dark">
    <div class="container custom-container">
        <div class="row">
            <div class="col-lg-12">
                <div class="copyright-item d-block d-md-flex justify-content-between align-items-center">
                    <p>\u00a9 Copyright {year}, All Rights Reserved</p>
                </div>
            </div>
        </div>
    </div>
</div>
<script src="{base}/assets/polindo/js/vendor/jquery-1.12.4.min.js"></script>
<script src="{base}/assets/polindo/js/bootstrap.min.js"></script>
<script src="{base}/assets/polindo/js/slick.min.js"></script>
<script src="{base}/assets/polindo/js/stellarnav.min.js"></script>
<script src="{base}/assets/polindo/js/main.js?v=1.10"></script>
<script src="{base}/assets/polindo/js/jquery.cookie-1.4.1.min.js"></script>"""


def _page(head: str, body: Sequence[str]) -> str:
    return head + '\n<body class="home-2-bg">\n' + "\n".join(body) + "\n</body></html>\n"


# ---- listings ----------------------------------------------------------------------------------


def post_item(site: RegionalSite, base: str, art: Article, *, more: bool = True) -> str:
    """One ``div.bussiness-post-item`` (SEEN): thumbnail, title, category, teaser, author, date.

    ``more`` adds the ``Selengkapnya`` link of category pages (the home page has none)."""
    url = article_url(base, art)
    name, user = site.reporter(art.record)
    tail = f' | <a href="{url}">Selengkapnya</a>' if more else ""
    return f"""                        <div class="bussiness-post-item">
                            <div class="bussiness-post-thumb">
                                <a href="{url}"><img src="{base}{art.thumb_path("600x460")}" alt="business" class="lazyload"></a>
                            </div>
                            <div class="bussiness-post-content">
                                <h3 class="title">
                                    <a href="{url}">{title_html(art)}</a>
                                </h3>
                                <div class="meta-date-link">
                                    <span>
                                        <a href="{base}/category/{art.category}">
                                            <i class="fal fa-bookmark"></i>&nbsp;&nbsp;{label(art.category)}                                        </a>
                                    </span>
                                </div>
                                <p>{esc(art.teaser)}</p>
                                <span style="font-size: 12px;">
                                    <a href="{base}/profile/{user}"><i class="far fa-user"></i>&nbsp;&nbsp;{esc(name)}</a>
                                     &nbsp;&nbsp; | &nbsp;&nbsp;
                                    <a href="#"><i class="far fa-clock"></i>&nbsp;&nbsp;{words.day_date(art.local_time)}</a>{tail}
                                </span>
                            </div>
                        </div>"""


_FIRST, _PREV, _NEXT, _LAST = "\u00ab", "\u2039", "\u203a", "\u00bb"


def pagination(url_for: Callable[[int], str], page: int, pages: int, next_page: int | None) -> str:
    """CodeIgniter's pager as SEEN: a window of 4 pages around the current one (``li.active``),
    ``rel="next"`` on ``li.next``, a last-page link while the last page is out of the window.
    Every link carries ``data-ci-pagination-page``."""

    def link(n: int, text: str, rel: str = "") -> str:
        rel_attr = f' rel="{rel}"' if rel else ""
        return f'<a href="{url_for(n)}" data-ci-pagination-page="{n}"{rel_attr}>{text}</a>'

    parts = ['<ul class="pagination">']
    if page > 1:
        if page - 4 > 1:
            parts.append(f'<li class="page-first">{link(1, _FIRST, "start")}</li>')
        parts.append(f'<li class="prev">{link(page - 1, _PREV, "prev")}</li>')
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
        parts.append(f'<li class="next">{link(next_page, _NEXT, "next")}</li>')
    if page + 4 < pages:
        parts.append(f'<li class="page-last">{link(pages, _LAST)}</li>')
    parts.append("</ul>")
    return "".join(parts)


def paged_url(url: str, n: int, *, explicit: bool = False) -> str:
    """``url`` at page ``n``: page 1 is ``url`` itself unless ``explicit`` (a loop back to 1)."""
    if n == 1 and not explicit:
        return url
    return f"{url}{'&' if '?' in url else '?'}page={n}"


def render_listing(
    site: RegionalSite,
    base: str,
    *,
    heading: str,
    url: str,
    ids: Sequence[int],
    page: int,
    title: str,
    active: str | None = None,
    faults: Faults = NORMAL,
    endless: bool = False,
    loop: bool = False,
) -> str:
    """A paged listing (category, ``/cari``, tag, profile, INDEKS) in the SEEN category layout.

    ``url`` is page 1's URL (``?page=N`` is added); past the last page the list is empty and has
    no pager. ``endless``: a page past the end repeats the last page and links to the next one
    forever; ``loop``: the last page links "next" back to ``?page=1`` (runtime faults).
    """
    pages = site.page_count(ids)
    shown = site.page_of(ids, page)
    next_page: int | None = page + 1 if page < pages else None
    if endless and page >= pages:
        shown = shown or site.page_of(ids, pages)
        next_page = page + 1
        pages = page + 1
    elif loop and page == pages:
        next_page = 1

    def url_for(n: int) -> str:
        return paged_url(url, n, explicit=n == 1 and page > 1 and next_page == 1)

    items = "".join(
        '\n                                        <div class="bussiness-items">\n'
        f"{post_item(site, base, art)}\n                    </div>"
        for art in site.articles(shown)
    )
    pager = ""
    if shown:
        pager = pagination(url_for, page, pages, next_page)
    head = _head(site, base, f"{title} - {_site_title(site)}", f"{title} - {site.domain}")
    body = [
        _header(site, base, faults=faults, active=active),
        f"""<section class="post-layout-1-area post-layout-3-area pb-80">
    <div class="container custom-container">
        <div class="row">
            <div class="col-lg-12">
                <div class="about-author-content">
                    <nav aria-label="breadcrumb">
                        <ol class="breadcrumb">
                            <li class="breadcrumb-item">
                                <a href="{base}/">Home</a>
                            </li>
                            <li class="breadcrumb-item active" aria-current="page">{esc(heading)}</li>
                        </ol>
                    </nav>
                </div>
            </div>
            <div class="col-lg-8">
                <div class="bussiness-box mt-20">
                    <div class="section-title">
                        <h3 class="title">{esc(heading)}</h3>
                    </div>{items}
                    <div class="bussiness-btn">
                        <!-- <a class="main-btn main-btn-2" href="#">See more</a> -->
                        <div class="tags" style="padding-top:15px">
                            <ul class="inline">
                                {pager}                            </ul>
                        </div>
                    </div>
                </div>
            </div>
            <div class="col-lg-4">
                <div class="all-post-sidebar-style-2 mt-20">
                    {_sidebar(site, base)}
                </div>
            </div>
        </div>
    </div>
</section>""",
        _footer(site, base),
    ]
    return _page(head, body)


# ---- home --------------------------------------------------------------------------------------


def _gallery(site: RegionalSite, base: str) -> str:
    slides = []
    for index, rid, cloned in _slides(site.home_slider_ids(), before=2):
        art = site.article(rid)
        classes = "post_gallery_play slick-slide" + (" slick-cloned" if cloned else "")
        if index == 1 and not cloned:
            classes += " slick-current slick-active slick-center"
        tab = "0" if index == 1 and not cloned else "-1"
        slides.append(
            f"""<div class="{classes}" data-slick-index="{index}" aria-hidden="{"false" if tab == "0" else "true"}" tabindex="-1" style="width: 610px;">
<div class="bg-image">
<img src="{base}{art.thumb_path("750x500")}" width="850" height="500px" style="object-fit: cover;" class="lazyload">
</div>
<div class="post__gallery_play_content">
<div class="post-meta">
<div class="meta-categories">
<a href="{base}/category/{art.category}" tabindex="{tab}">{label(art.category)}</a>
</div>
<div class="meta-date">
<span>
{words.day_date(art.local_time)}                                    </span>
</div>
</div>
<h2 class="title">
<a href="{article_url(base, art)}" tabindex="{tab}">{title_html(art)}                                </a>
<!-- character_limiter('', 55, '...') -->
</h2>
</div>
</div>"""
        )
    return (
        '<div class="post_gallery_slider slick-initialized slick-slider">\n'
        '<div class="slick-list draggable" style="padding: 0px;"><div class="slick-track"'
        ' style="opacity: 1; width: 13420px; transform: translate3d(-1830px, 0px, 0px);">'
        + "".join(slides)
        + "</div></div>\n</div>"
    )


def _sports_box(site: RegionalSite, base: str, category: str) -> str:
    """A home category box (``post-sports-box``, SEEN): one big item, then small ones."""
    arts = site.articles(site.home_box_ids(category))
    if not arts:
        return ""
    first, rest = arts[0], arts[1:]

    def meta(art: Article) -> str:
        name, user = site.reporter(art.record)
        return f"""<ul>
<li>
<a href="{base}/profile/{user}">
<i class="far fa-user"></i>
{esc(name)}</a>
</li>
<li>
<a href="#">
<i class="far fa-clock"></i>
{words.day_date(art.local_time)}</a>
</li>
</ul>"""

    small = "".join(
        f"""                        <div class="post-gallery-style-2">
<div class="post-gallery-thumb">
<img src="{base}{art.thumb_path("140x98")}" alt="{attr(art.title)}" class="lazyload img-responsive img-post">
</div>
<div class="post-gallery-content">
<h5 class="title">
<a href="{article_url(base, art)}">
{esc(art.title)}                                    </a>
</h5>
{meta(art)}
</div>
</div>"""
        for art in rest
    )
    return f"""<!-- {category.title()} -->
<div class="col-lg-4">
<div class="post-sports-box">
<div class="section-title section-title-3">
<h3 class="title">{label(category)}</h3>
</div>
<div class="post-sports-item">
<div class="post-sports-thumb">
<a href="{article_url(base, first)}"><img src="{base}{first.thumb_path("750x500")}" alt="business" class="lazyload"></a>
</div>
<div class="post-sports-content">
<h3 class="title">
<a href="{article_url(base, first)}">
<p>{title_html(first)}</p>
</a>
</h3>
<p>{esc(first.teaser)}</p>
{meta(first)}
</div>
</div>                    <div class="post_gallery_items">{small}                    </div>                </div>
</div>"""


def _indonesia_terkini() -> str:
    items = "".join(
        f"""<div class="post-gallery-style-2 most-view-style-2">
<div class="post-gallery-content">
<h5 class="title">
<a href="{url}" style="color:red;">{esc(title)}</a>
</h5>
<div class="meta-post-2-style">
<div class="meta-post-category">
<span style="font-size: small;">
Pada {when}                            </span>
</div>
</div>
</div>
</div>
"""
        for url, title, when in INDONESIA_TERKINI
    )
    return f"""<div class="most-view-box mb-10">
<div class="section-title">
<h3 class="title">INDONESIA TERKINI</h3>
</div>
<div class="trending-sidebar-slider">
<div class="post_gallery_items">
{items}</div>
</div>
</div>"""


def _pinned(site: RegionalSite, base: str) -> str:
    cols = []
    for art in site.articles(site.home_pinned_ids()):
        name, user = site.reporter(art.record)
        cols.append(
            f"""<div class="col-lg-6">
<div class="post-sports-box">
<div class="post-sports-item">
<div class="post-sports-thumb">
<img src="{base}{art.thumb_path("750x500")}" data-src="{base}{art.thumb_path("750x500")}" alt="{attr(art.title)}" class="lazyload img-responsive img-post">
</div>
<div class="post-sports-content">
<h3 class="title">
<a href="{article_url(base, art)}">
<p>{esc(art.title)}</p>
</a>
</h3>
<p></p>
<ul>
<li>
<a href="{base}/category/{art.category}">
<i class="fal fa-bookmark"></i>&nbsp;&nbsp;{label(art.category)}                                    </a>
</li>
<li>
<a href="{base}/profile/{user}">
<i class="far fa-user"></i>
{esc(name)}</a>
</li>
<li>
<a href="#">
<i class="far fa-clock"></i>
{words.day_date(art.local_time)}</a>
</li>
</ul>
</div>
</div>
</div>
</div>"""
        )
    return (
        '<section class="post-news-2-area mt-20">\n<div class="container custom-container">\n'
        f'<div class="row">\n{chr(10).join(cols)}\n</div>\n</div>\n</section>'
    )


def render_home(site: RegionalSite, base: str, *, faults: Faults = NORMAL) -> str:
    """The home page in the SEEN layout: gallery slider (with ``slick-cloned`` copies), TERKINI,
    TERPOPULER, three category boxes, INDONESIA TERKINI (rmol.id links), the "See more" block and
    a two-column block that always holds the off-menu article."""
    title = f"Portal Berita  Politik {site.region} Terkini - {_site_title(site)}"
    description = (
        f"{site.domain.capitalize()} - Portal Berita Politik {site.region} Terkini, Kabar Harian"
        f" {site.region} Seputar Politik, Berita Daerah, Berita Hukum, dan Peristiwa."
    )
    latest = "".join(
        post_item(site, base, a, more=False) for a in site.articles(site.home_latest_ids())
    )
    more = "".join(
        post_item(site, base, a, more=False) for a in site.articles(site.home_more_ids())
    )
    boxes = "\n".join(_sports_box(site, base, c) for c in site.home_box_categories())
    body = [
        _header(site, base, faults=faults, active="home"),
        f"""<div class="post__gallery__area pt-3" style="height: auto !important;">
<div class="container custom-container" style="height: auto !important;">
<div class="row" style="height: auto !important;">
<div class="col-lg-8">
{_gallery(site, base)}
<div class="row" style="margin-top: -30px;">
<div class="col-lg-12">
<div class="bussiness-box mt-40">
<div class="section-title">
<h3 class="title">TERKINI</h3>
</div>
<div class="bussiness-items">
<!-- berita terkini -->
{latest}                            </div>
</div>
</div>
</div>
</div>
<div class="col-lg-4" style="height: auto !important;">
<div class="all-post-sidebar-style-2 mt-20">
{_sidebar(site, base)}
</div>
</div>
</div>
</div>
</div>
<section class="post-news-2-area mt-20">
<div class="container custom-container">
<div class="row">
{boxes}
</div>
</div>
</section>
<section class="all-post-style-2-area">
<div class="container custom-container">
<div class="row">
<!-- Widget -->
<div class="col-lg-4">
<div class="all-post-sidebar-style-2 mt-20">
{_indonesia_terkini()}                </div>
</div>
<!-- end widget -->
<div class="col-lg-8">
<div class="bussiness-box mt-20">
<div class="bussiness-items" id="content-item">
<input type="hidden" id="load_more_posts_lang_id" value="1">
{more}                        <input type="hidden" id="load_more_posts_last_id" value="1">
<input type="hidden" id="load_more_posts_offset" value="{len(site.home_more_ids()) + 19}">
</div>
<div class="bussiness-btn">
<span class="main-btn main-btn-2" onclick="load_more_posts()">See more</span>
</div>
</div>
</div>
</div>
</div>
</section>
{_pinned(site, base)}""",
        _footer(site, base),
        _LOAD_MORE_SCRIPT.replace("{base}", base),
    ]
    return _page(_head(site, base, title, description), body)


_LOAD_MORE_SCRIPT = """<script>
function load_more_posts() {
    var csrf_token_name = "rmolnetwork_csrf_token";
    var base_url = "{base}/";
    var csfr_cookie_name = 'rmolnetwork_csrf_cookie';
    var a = {
        load_more_posts_last_id: parseInt($("#load_more_posts_last_id").val()),
        load_more_posts_lang_id: parseInt($("#load_more_posts_lang_id").val()),
        offset: parseInt($("#load_more_posts_offset").val())
    };
    a[csrf_token_name] = $.cookie(csfr_cookie_name);
    $.ajax({type: "POST", url: base_url + "home_controller/load_more_posts", data: a,
        success: function(e) { var d = JSON.parse(e); $("#content-item").append(d.html_content); }});
}
</script>"""


# ---- article -----------------------------------------------------------------------------------


def _share(url: str, title: str) -> str:
    text = quote(f"{title} {url}")
    hrefs = (
        (
            "fab fa-facebook-f",
            f"https://www.facebook.com/sharer/sharer.php?u={quote(url, safe='')}",
        ),
        ("fab fa-twitter", f"https://twitter.com/intent/tweet?text={quote(title)}&amp;url={url}"),
        ("fab fa-whatsapp", f"https://api.whatsapp.com/send?text={text}"),
        ("fab fa-whatsapp", f"whatsapp://send?text={text}"),
        ("fal fa-link", "javascript:void(0)"),
    )
    items = "".join(
        f'<li><a href="{href}" target="_blank" rel="nofollow"><i class="{icon}"></i></a></li>'
        for icon, href in hrefs
    )
    return f'<div class="author-social">\n<ul>{items}</ul>\n</div>'


def _related_anchor(base: str, art: Article) -> str:
    return f'<a href="{article_url(base, art)}">{esc(art.title)}</a>'


def _inline_list(site: RegionalSite, base: str, art: Article) -> list[str]:
    """The unlabelled list of three related links after the first paragraph (SEEN as text):
    a ``<ul>`` of links, or three paragraphs that are only a link (GUESS: both forms)."""
    targets = site.articles(art.inline_ids)
    if not targets:
        return []
    if art.inline_form == "ul":
        items = "".join(f"<li>{_related_anchor(base, t)}</li>" for t in targets)
        return [f"<ul>{items}</ul>"]
    return [f"<p><strong>{_related_anchor(base, t)}</strong></p>" for t in targets]


def _body(site: RegionalSite, base: str, art: Article, *, empty: bool = False) -> str:
    """``div.post-text.mt-30``: the caption again, the dateline, the inline list after the first
    paragraph, a photo with its caption (``body_photo``), initials or an editor line, and the
    Google News line. ``empty``: the container only (the ``body`` fault, hollow articles)."""
    if empty:
        return '<div class="post-text mt-30">\n</div>'
    out = ['<div class="post-text mt-30">']
    if art.caption:
        out.append(f"<p><em>{esc(art.caption)}</em></p>")  # the caption printed twice (SEEN)
    paras = [esc(p) for p in art.paragraphs]
    if art.dateline:
        paras[0] = f"<strong>{site.brand}.</strong> {paras[0]}"
    closing: list[str] = []
    if art.editor_line and art.editor:
        closing.append(f"<p>Editor: {esc(art.editor)}</p>")
    elif art.editor and art.initials_glued:
        paras[-1] = f"{paras[-1]} [{art.editor}]"
    elif art.editor:
        closing.append(f"<p>[{art.editor}]</p>")
    for i, para in enumerate(paras):
        out.append(f"<p>{para}</p>")
        if i == 0:
            out += _inline_list(site, base, art)
        if i == 2 and art.photo_path and art.photo_caption:
            out.append(
                f'<p style="text-align:center"><img alt="" src="{base}{art.photo_path}"'
                ' style="width: 100%;"></p>'
            )
            out.append(f'<p style="text-align:center"><em>{esc(art.photo_caption)}</em></p>')
    out += closing
    if art.google_news:
        out.append(
            f'<p><strong><a href="{attr(GOOGLE_NEWS_URL)}" target="_blank">ikuti terus update'
            f" berita {site.name} di google news</a></strong></p>"
        )
    out.append("</div>")
    return "\n".join(out)


def _terkait(site: RegionalSite, base: str, art: Article) -> str:
    """BERITA TERKAIT (GUESS markup): cards with an image link, then the title link; the date in
    a ``span`` without time, so that no list item there holds a weekday."""
    targets = site.articles(art.terkait_ids)
    if not targets:
        return ""
    cards = "".join(
        f"""
<div class="col-lg-6 col-md-6">
<div class="trending-news-item mb-30">
<div class="trending-news-thumb">
<a href="{article_url(base, t)}"><img src="{base}{t.thumb_path("600x460")}" alt=""></a>
</div>
<div class="trending-news-content">
<div class="post-meta">
<div class="meta-categories"><a href="{base}/category/{t.category}">{label(t.category)}</a></div>
<div class="meta-date"><span>{words.day_date(t.local_time)}</span></div>
</div>
<h3 class="title">{_related_anchor(base, t)}</h3>
</div>
</div>
</div>"""
        for t in targets
    )
    return (
        '<div class="post-related mt-40">\n<div class="section-title">\n'
        f'<h3 class="title">BERITA TERKAIT</h3>\n</div>\n<div class="row">{cards}\n</div>\n</div>'
    )


def _jsonld_article(site: RegionalSite, base: str, art: Article) -> str:
    name, user = site.reporter(art.record)
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": article_url(base, art)},
        "headline": art.title,
        "datePublished": art.iso_time,
        "dateModified": art.modified.isoformat() if art.modified else art.iso_time,
        "author": {"@type": "Person", "name": name, "url": f"{base}/profile/{user}"},
        "publisher": {"@type": "Organization", "name": _site_title(site)},
    }
    if art.image_path:
        data["image"] = [base + art.image_path]
    text = json.dumps(data, ensure_ascii=False, indent=4).replace("</", "<\\/")
    return f'    <script type="application/ld+json">\n    {text}\n    </script>'


def render_article(
    site: RegionalSite, base: str, article_id: int, *, faults: Faults = NORMAL
) -> str:
    """An article page (RECONSTRUCTED; see the module docstring and ``model.VARIANTS``).

    ``faults.markup``: ``selectors`` renames ``post-text``, ``post-author`` and ``author-info``;
    ``dates`` prints no date (and no JSON-LD), leaving the image stamp; ``body`` empties
    ``div.post-text``. Ids in ``faults.hollow`` also get an empty body.
    """
    page = _render_article(site, base, article_id, faults)
    if faults.markup == "selectors":
        for old, new in SELECTOR_RENAMES:
            page = page.replace(old, new)
    return page


def _render_article(site: RegionalSite, base: str, article_id: int, faults: Faults) -> str:
    art = site.article(article_id)
    url = article_url(base, art)
    name, user = site.reporter(art.record)
    dates = faults.markup != "dates"
    extra = []
    if art.modified is not None and dates:
        # RECONSTRUCTION: no page of the network was seen printing a modification time; news
        # CMSs print these two after an edit, in the server's zone.
        when = art.modified.isoformat()
        extra += [
            f'    <meta property="article:modified_time" content="{when}">',
            f'    <meta property="og:updated_time" content="{when}">',
        ]
    if art.variant == "date_jsonld" and dates:
        extra.append(_jsonld_article(site, base, art))
    head = _head(
        site,
        base,
        f"{art.title} - {_site_title(site)}",
        art.teaser,
        og_type="article",
        og_image=base + art.image_path if art.image_path else None,
        og_url=url,
        extra=extra,
    )
    date_li = date_div = ""
    if art.printed_date and dates:
        if art.variant == "date_text":
            date_div = f'\n<div class="post-date">{esc(art.printed_date)}</div>'
        else:
            date_li = f"<li>{esc(art.printed_date)}</li>"
    thumb = ""
    if art.image_path and art.caption:
        thumb = (
            f'\n<div class="thumb">\n<img src="{base}{art.image_path}" alt="{attr(art.title)}">\n'
            f'<span class="caption-img">{esc(art.caption)}</span>\n</div>'
        )
    tags = ""
    if art.record.tags:
        links = "".join(
            f'<li><a href="{base}/tag/{words.tag_slug(t)}">{esc(t)}</a></li>'
            for t in art.record.tags
        )
        tags = (
            '\n<div class="post-tags">\n<ul>\n<li><a href="#"><i class="fas fa-tag"></i> Tags</a>'
            f"</li>{links}\n</ul>\n</div>"
        )
    empty = faults.markup == "body" or art.id in faults.hollow
    section = f"""<section class="post-layout-1-area post-layout-3-area pb-80">
<div class="container custom-container">
<div class="row">
<div class="col-lg-12">
<div class="about-author-content">
<nav aria-label="breadcrumb">
<ol class="breadcrumb">
<li class="breadcrumb-item"><a href="{base}/">Home</a></li>
<li class="breadcrumb-item"><a href="{base}/category/{art.category}">{label(art.category)}</a></li>
</ol>
</nav>
</div>
</div>
<div class="col-lg-8">
<div class="post-layout-top-content post-layout-top-content-3">
<div class="post-categories d-flex justify-content-between align-content-center">
<div class="categories-item">
<span><a href="{base}/category/{art.category}">{label(art.category)}</a></span>
</div>
<div class="categories-share">
<ul><li><i class="fas fa-eye"></i>{art.views}</li></ul>
</div>
</div>
<div class="post-content">
<h3 class="title">{title_html(art)}</h3>
<div class="post-author">
<div class="author-info">
<div class="thumb"><img src="{base}/assets/img/user.png" alt=""></div>
<h5 class="title"><a href="{base}/profile/{user}">{esc(name)}</a></h5>{date_div}
<ul>{date_li}<li><i class="far fa-eye"></i> {art.views} kali dibaca</li></ul>
</div>
{_share(url, art.title)}
</div>{thumb}
</div>
{_body(site, base, art, empty=empty)}{tags}
</div>
{_terkait(site, base, art)}
</div>
<div class="col-lg-4">
<div class="all-post-sidebar-style-2 mt-20">
{_sidebar(site, base)}
</div>
</div>
</div>
</div>
</section>"""
    return _page(head, [_header(site, base, faults=faults), section, _footer(site, base)])


# ---- static pages, errors, challenge, feeds ----------------------------------------------------


def render_static(
    site: RegionalSite, base: str, slug: str, *, page: int = 1, faults: Faults = NORMAL
) -> str:
    """A page at an article-shaped URL that is no article: the post layout with a title and
    text, but no category, author, date, image or tags (GUESS). ``index-berita`` is a paged
    listing of every article, newest first; ``rss-feeds`` lists the feeds."""
    heading = STATIC_PAGES[slug]
    if slug == "index-berita":
        return render_listing(
            site,
            base,
            heading="INDEKS BERITA",
            url=f"{base}/index-berita",
            ids=site.archive(),
            page=page,
            title="Indeks Berita",
            faults=faults,
        )
    if slug == "rss-feeds":
        feeds = [("Berita Terbaru", f"{base}/rss/latest-posts")] + [
            (label(c), f"{base}/rss/category/{c}") for c in site.menu
        ]
        text = "\n".join(f'<p>{esc(n)}: <a href="{u}">{u}</a></p>' for n, u in feeds)
    else:
        text = "\n".join(
            f"<p>{esc(t.format(brand=site.name.upper(), region=site.region))}</p>"
            for t in words.STATIC_TEXT
        )
    section = f"""<section class="post-layout-1-area post-layout-3-area pb-80">
<div class="container custom-container">
<div class="row">
<div class="col-lg-12">
<div class="about-author-content">
<nav aria-label="breadcrumb">
<ol class="breadcrumb">
<li class="breadcrumb-item"><a href="{base}/">Home</a></li>
<li class="breadcrumb-item active" aria-current="page">{esc(heading)}</li>
</ol>
</nav>
</div>
</div>
<div class="col-lg-8">
<div class="post-layout-top-content">
<div class="post-content">
<h3 class="title">{esc(heading)}</h3>
</div>
<div class="post-text mt-30">
{text}
</div>
</div>
</div>
<div class="col-lg-4">
<div class="all-post-sidebar-style-2 mt-20">
{_sidebar(site, base)}
</div>
</div>
</div>
</div>
</section>"""
    head = _head(
        site,
        base,
        f"{heading} - {_site_title(site)}",
        f"{heading} - {site.domain}",
        og_url=f"{base}/{slug}",
    )
    return _page(head, [_header(site, base, faults=faults), section, _footer(site, base)])


def render_not_found(site: RegionalSite, base: str, *, faults: Faults = NORMAL) -> str:
    """The theme's "not found" page (served 404, or 200 at an article URL: a fault)."""
    section = f"""<section class="post-layout-1-area pb-80">
<div class="container custom-container">
<div class="row">
<div class="col-lg-12">
<div class="error-content text-center mt-50">
<h1 class="title">404</h1>
<h3 class="title">Halaman tidak ditemukan</h3>
<p>Maaf, halaman yang Anda cari tidak tersedia atau telah dipindahkan.</p>
<a class="main-btn" href="{base}/">Kembali ke beranda</a>
</div>
</div>
</div>
</div>
</section>"""
    head = _head(
        site, base, f"404 Halaman tidak ditemukan - {_site_title(site)}", "Halaman tidak ditemukan"
    )
    return _page(head, [_header(site, base, faults=faults), section, _footer(site, base)])


def render_challenge(site: RegionalSite, path: str) -> str:
    """The Cloudflare "Just a moment..." interstitial of the rmol.id mirror, for this domain."""
    page = _rmol_challenge(path).replace("rmol.id", site.domain)
    return page.replace("<!DOCTYPE html>", f"<!DOCTYPE html>{_comment(site)}", 1)


def render_rss(site: RegionalSite, base: str, ids: Sequence[int], title: str, self_url: str) -> str:
    """An RSS 2.0 feed of ``ids`` (GUESS: the platform's ``/rss/latest-posts`` route)."""
    items = []
    for art in site.articles(ids):
        name, _ = site.reporter(art.record)
        url = article_url(base, art)
        enclosure = (
            f'\n<enclosure url="{base}{art.image_path}" length="0" type="image/jpeg"/>'
            if art.image_path
            else ""
        )
        items.append(
            f"""<item>
<title>{esc(art.title)}</title>
<link>{url}</link>
<guid isPermaLink="true">{url}</guid>
<description><![CDATA[{art.teaser}]]></description>
<pubDate>{email.utils.format_datetime(art.local_time)}</pubDate>
<dc:creator><![CDATA[{name}]]></dc:creator>
<category>{label(art.category)}</category>{enclosure}
</item>"""
        )
    built = email.utils.format_datetime(site.newest_time)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
{_comment(site)}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>{esc(title)}</title>
<link>{base}/</link>
<atom:link href="{self_url}" rel="self" type="application/rss+xml"/>
<description>{esc(_site_title(site))} - Berita {esc(site.region)} Terkini</description>
<language>id</language>
<lastBuildDate>{built}</lastBuildDate>
{chr(10).join(items)}
</channel>
</rss>
"""


def robots_txt(site: RegionalSite) -> str:
    """GUESS: search queries and the AJAX controller are closed; ``/cari?page=N`` stays open."""
    return (
        f"# {reconstruction_note(site)}\n"
        "User-agent: *\nDisallow: /cari?q=\nDisallow: /home_controller/\nDisallow: /auth/\n"
    )
