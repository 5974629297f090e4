"""A small site of RMOL-shaped pages built from a link graph, for discovery tests.

It is not the mirror (``tests/site``): its markup, link layouts and paging styles are chosen
independently of it, its graphs are drawn at random, and what a crawl must emit comes from a
breadth-first walk over the graph (:func:`expected_ids`), never from parsing HTML. A server
answers on 127.0.0.1 with a latency per path that a test chooses, and
:class:`ShufflePriorities` (a spider middleware named with ``-s``) scrambles request priorities,
so one site can be crawled in many scheduling orders.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

from scrapy import Request

PAGING_STYLES = ("rel_next", "numbered", "ci_next")
RELATED_STYLES = ("h2_list", "cards", "in_body_box")
MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)  # fmt: skip
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
WORDS = (
    "pemerintah", "daerah", "anggaran", "rakyat", "partai", "pemilu", "dewan", "kebijakan",
    "menteri", "kota", "warga", "hukum", "jaksa", "sidang", "ekonomi", "pajak", "desa",
    "program", "bantuan", "presiden", "gubernur", "komisi", "rapat", "usulan", "laporan",
)  # fmt: skip


@dataclass
class GraphSite:
    """Sections list articles newest first; articles link related articles; some answer 404."""

    sections: dict[str, list[int]]
    related: dict[int, list[int]]
    dates: dict[int, dt.date]
    home: list[int] = field(default_factory=list)
    sidebar: list[int] = field(default_factory=list)
    gone: set[int] = field(default_factory=set)
    page_size: int = 4
    paging: str = "rel_next"
    related_style: str = "h2_list"
    sectionless: set[int] = field(default_factory=set)
    """Articles linked by their section-less ``/read/...`` URL instead of the desktop one."""

    def section_of(self, article_id: int) -> str:
        for name, ids in self.sections.items():
            if article_id in ids:
                return name
        return next(iter(self.sections))  # related-only articles live in the first section

    def pages(self, section: str) -> list[list[int]]:
        ids = self.sections[section]
        size = self.page_size
        return [ids[i : i + size] for i in range(0, len(ids), size)] or [[]]

    def articles(self) -> list[int]:
        return sorted(self.dates)

    def path(self, article_id: int, *, sectionless: bool = False) -> str:
        day = self.dates[article_id]
        tail = f"read/{day:%Y/%m/%d}/{article_id}/berita-{article_id}"
        return f"/{tail}" if sectionless else f"/{self.section_of(article_id)}/{tail}"

    def link(self, article_id: int) -> str:
        return self.path(article_id, sectionless=article_id in self.sectionless)


def random_site(seed: int, n_articles: int = 36) -> GraphSite:
    """A site drawn from ``seed``: 2-4 sections, a third of the articles on no listing (some
    reachable only through related links, some not at all), up to four related links each."""
    rng = random.Random(seed)
    ids = list(range(500_000 + seed * 1000, 500_000 + seed * 1000 + n_articles))
    start = dt.date(2025, 7, 31)
    dates = {i: start - dt.timedelta(days=(ids[-1] - i) // 3) for i in ids}
    names = rng.sample(
        ["politik", "hukum", "bisnis", "dunia", "publika", "nusantara"], rng.randint(2, 4)
    )
    listed = [i for i in ids if rng.random() < 0.66]
    sections: dict[str, list[int]] = {name: [] for name in names}
    for i in listed:
        sections[rng.choice(names)].append(i)
    for name in names:
        sections[name].sort(reverse=True)
    related = {i: rng.sample([j for j in ids if j != i], rng.randint(0, 4)) for i in ids}
    return GraphSite(
        sections=sections,
        related=related,
        dates=dates,
        home=sorted(rng.sample(listed, min(3, len(listed))), reverse=True),
        sidebar=rng.sample(ids, 2),
        gone=set(rng.sample(ids, 2)),
        page_size=rng.randint(3, 5),
        paging=rng.choice(PAGING_STYLES),
        related_style=rng.choice(RELATED_STYLES),
        sectionless=set(rng.sample(ids, len(ids) // 6)),
    )


# ---- what a crawl must emit --------------------------------------------------------------
def expected_ids(
    site: GraphSite,
    *,
    max_pages: int,
    related_depth: int,
    since: dt.date | None = None,
    until: dt.date | None = None,
    known: Iterable[int] = (),
) -> set[int]:
    """The ids a crawl emits: a breadth-first walk from every article on a listing page it
    visits (depth 0) along related links, ``related_depth`` hops at most.

    Paging follows the spider's documented rules: at most ``max_pages`` pages a section, and
    no page after one whose articles (not seen on an earlier page of the section) are all
    older than ``since``. Articles whose URL date is more than a day outside the window are
    not fetched, so their links are not followed; what is emitted is inside the window.
    Articles in ``known`` (emitted by an earlier run) are neither fetched nor followed.
    """
    slack = dt.timedelta(days=1)
    known = set(known)

    def fetched(i: int) -> bool:
        day = site.dates[i]
        return (
            i not in known
            and not (since and day < since - slack)
            and not (until and day > until + slack)
        )

    roots: set[int] = set(site.home)
    for section in site.sections:
        seen: set[int] = set()
        for number, page in enumerate(site.pages(section), start=1):
            listed = [*page, *site.sidebar]
            fresh = [i for i in listed if i not in seen]
            roots.update(listed)
            seen.update(listed)
            if not fresh or number >= max_pages:
                break
            if since and all(site.dates[i] < since for i in fresh):
                break
    depth = {i: 0 for i in roots if fetched(i)}
    frontier = sorted(depth)
    for hop in range(1, related_depth + 1):
        following: list[int] = []
        for i in frontier:
            if i in site.gone:
                continue
            for j in site.related[i]:
                if j not in depth and fetched(j):
                    depth[j] = hop
                    following.append(j)
        frontier = following
    return {
        i
        for i in depth
        if i not in site.gone
        and not (since and site.dates[i] < since)
        and not (until and site.dates[i] > until)
    }


# ---- pages -------------------------------------------------------------------------------
def _byline(day: dt.date, article_id: int) -> str:
    hour, minute = 6 + article_id % 14, article_id * 7 % 60
    return (
        f"{DAYS[day.weekday()]}, {day.day:02d} {MONTHS[day.month - 1]} {day.year}, "
        f"{hour:02d}:{minute:02d} WIB"
    )


def _title(article_id: int) -> str:
    rng = random.Random(article_id)
    return " ".join(rng.choice(WORDS) for _ in range(6)).capitalize() + f" {article_id}"


def _paragraphs(article_id: int) -> list[str]:
    rng = random.Random(article_id * 31)
    return [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(18, 30))).capitalize() + "."
        for _ in range(3)
    ]


def _related_block(site: GraphSite, article_id: int) -> tuple[str, str]:
    """The related links as (inside the body, after the body), in the site's style."""
    links = [(site.link(j), _title(j)) for j in site.related[article_id]]
    if not links:
        return "", ""
    if site.related_style == "in_body_box":
        items = "".join(f'<li><a href="{u}">{escape(t)}</a></li>' for u, t in links)
        return f'<div class="border_black"><p>BERITA TERKAIT:</p><ul>{items}</ul></div>', ""
    if site.related_style == "cards":
        cards = "".join(
            f'<div class="card"><a href="{u}"><img src="/img/{i}.jpg" alt=""></a>'
            f'<h3 class="card-title"><a href="{u}">{escape(t)}</a></h3></div>'
            for i, (u, t) in enumerate(links)
        )
        return "", (
            f'<section class="more"><div class="more-head">ARTIKEL LAINNYA</div>'
            f'<div class="cards">{cards}</div></section>'
        )
    items = "".join(f'<li><a href="{u}">{escape(t)}</a></li>' for u, t in links)
    return "", f"<h2>ARTIKEL LAINNYA</h2><ul class='list'>{items}</ul>"


def render_article(site: GraphSite, article_id: int) -> str:
    title = escape(_title(article_id))
    inside, after = _related_block(site, article_id)
    paras = [f"<p>{escape(p)}</p>" for p in _paragraphs(article_id)]
    body = "".join(paras[:1]) + inside + "".join(paras[1:])
    canonical = site.path(article_id)
    return (
        f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        f'<title>{title} | RMOL</title><link rel="canonical" href="{canonical}"></head>'
        f'<body><main class="content"><div class="single_post_heading"><h1>{title}</h1></div>'
        f'<div class="author"><ul><li>LAPORAN: <a href="/about/tim-redaksi-1">TIM REDAKSI</a>'
        f"</li><li>{_byline(site.dates[article_id], article_id)}</li></ul></div>"
        f'<div id="fontResizableText">{body}</div>{after}</main></body></html>'
    )


def _pager(site: GraphSite, section: str, number: int, last: int) -> tuple[str, str]:
    """(in the head, in the body) paging links for page ``number`` of ``last``."""
    if number >= last:
        return "", ""
    following = f"/{section}?page={number + 1}"
    if site.paging == "rel_next":
        return f'<link rel="next" href="{following}">', ""
    if site.paging == "ci_next":
        return "", (
            f'<ul class="pagination"><li class="active">{number}</li><li><a href="{following}"'
            f' data-ci-pagination-page="{number + 1}">&rsaquo;</a></li></ul>'
        )
    links = "".join(f'<a href="/{section}?page={n}">{n}</a> ' for n in range(1, last + 1))
    return "", f'<div class="pages">{links}</div>'


def render_listing(site: GraphSite, section: str, number: int) -> str | None:
    pages = site.pages(section)
    if not 1 <= number <= len(pages):
        return None
    head, pager = _pager(site, section, number, len(pages))
    posts = "".join(
        f'<div class="post"><h3 class="title"><a href="{site.link(i)}">{escape(_title(i))}</a>'
        f"</h3><span>{site.dates[i]:%d/%m/%Y}</span></div>"
        for i in pages[number - 1]
    )
    sidebar = "".join(
        f'<li><a href="{site.link(i)}">{escape(_title(i))}</a></li>' for i in site.sidebar
    )
    return (
        f"<!DOCTYPE html><html><head><title>{section}</title>{head}</head><body>{_nav(site)}"
        f'<div class="list">{posts}</div>{pager}<aside class="populer"><ul>{sidebar}</ul></aside>'
        "</body></html>"
    )


def _nav(site: GraphSite) -> str:
    return "<nav>" + "".join(f'<a href="/{s}">{s.title()}</a>' for s in site.sections) + "</nav>"


def render_home(site: GraphSite) -> str:
    posts = "".join(f'<p><a href="{site.link(i)}">{escape(_title(i))}</a></p>' for i in site.home)
    return f"<!DOCTYPE html><html><head><title>RMOL</title></head><body>{_nav(site)}{posts}</body></html>"


# ---- the server --------------------------------------------------------------------------
_ARTICLE = re.compile(r"^/(?:[a-z]+/)?read/\d{4}/\d{2}/\d{2}/(?P<id>\d+)(?:/[^/]*)?/?$")


class GraphServer:
    """Serves a :class:`GraphSite` on 127.0.0.1 with ``delay(path)`` seconds before each answer."""

    def __init__(self, site: GraphSite, delay: Callable[[str], float] | None = None) -> None:
        self.site = site
        self.delay = delay or (lambda path: 0.0)
        self.requests: list[str] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server._serve(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _answer(self, target: str) -> tuple[int, str]:
        parts = urlsplit(target)
        path = parts.path
        if path == "/robots.txt":
            return 200, "User-agent: *\nAllow: /\n"
        if path == "/":
            return 200, render_home(self.site)
        if (match := _ARTICLE.match(path)) is not None:
            article_id = int(match["id"])
            if article_id not in self.site.dates or article_id in self.site.gone:
                return 404, "<html><body><h1>404</h1></body></html>"
            return 200, render_article(self.site, article_id)
        section = path.strip("/")
        if section in self.site.sections:
            page = parse_qs(parts.query).get("page", ["1"])[0]
            html = render_listing(self.site, section, int(page) if page.isdigit() else 1)
            if html is not None:
                return 200, html
        return 404, "<html><body>tidak ditemukan</body></html>"

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.requests.append(handler.path)
        time.sleep(self.delay(handler.path))
        status, text = self._answer(handler.path)
        data = text.encode("utf-8")
        ctype = "text/plain" if handler.path == "/robots.txt" else "text/html; charset=utf-8"
        handler.send_response(status)
        handler.send_header("Content-Type", ctype)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)


# ---- scheduling orders -------------------------------------------------------------------
class ShufflePriorities:
    """Spider middleware for tests: gives every request the spider yields a random priority
    drawn from ``GRAPHSITE_SHUFFLE_SEED``, so requests leave the scheduler in a scrambled
    order (listing pages after related articles, page 2 before page 1's articles, ...)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> Self:
        return cls(crawler.settings.getint("GRAPHSITE_SHUFFLE_SEED"))

    def _shuffle(self, result: Any) -> Any:
        if isinstance(result, Request):
            return result.replace(priority=self.rng.randint(-100, 100))
        return result

    def process_spider_output(self, response: Any, result: Iterable[Any]) -> Iterator[Any]:
        for r in result:
            yield self._shuffle(r)

    async def process_spider_output_async(
        self, response: Any, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for r in result:
            yield self._shuffle(r)
