"""Pure extraction of one rmol.id article page (desktop or AMP).

:class:`ArticlePage` takes a URL and its HTML and returns fields; it does no I/O and knows
nothing of Scrapy. There is one method per item field. Each tries its layers in a fixed order
(:class:`~rmolcrawler.pages.layers.Layer`: site markup, structured data, text patterns, URL)
and says which layer answered. Values come out as printed: the pipelines parse the date and
remove text boilerplate. Whether the page is an article at all is decided in
:mod:`rmolcrawler.pages.classify`; related-link boxes are found in :mod:`rmolcrawler.pages.related`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urljoin, urlsplit

from parsel import Selector, SelectorList

from rmolcrawler.items import ArticleItem, RelatedLink, rmol_key
from rmolcrawler.normalize.dates import looks_like_date
from rmolcrawler.normalize.text import clean_inline, collapse_ws
from rmolcrawler.pages import classify
from rmolcrawler.pages.dom import in_chrome, paragraphs, parse, string_of, text_of
from rmolcrawler.pages.layers import Found, Layer, gather
from rmolcrawler.pages.related import in_body_boxes, labelled_box_links, link_title
from rmolcrawler.pages.structured import StructuredData, ld_text, ld_url
from rmolcrawler.urls import ArticleRef, SiteUrls

__all__ = ["ArticlePage", "Extraction", "Found", "Layer"]

# ---- site selectors (rmol-site.md, 3RD-PARTY unless noted) ---------------------------------
TITLE = ".single_post_heading h1"
ANY_H1 = "h1"
BODY = "#fontResizableText"
# The same element through the parser's id index: XPath id() takes a tenth of the time of a
# search of every element. The index also holds <a name=...>, hence the check of @id.
BODY_BY_ID = "id('fontResizableText')[@id = 'fontResizableText']"
BYLINE_ITEM = ".author li"  # the first one that holds a date
REPORTER_LINK = '.author a[href*="/about/"]'
# SEEN image path: /images/berita/normal/{YYYY}/{MM}/{n}_{stamp}_{Name}.jpg
LEAD_IMAGE = 'img[src*="/images/berita/"], amp-img[src*="/images/berita/"]'
CAPTIONS = ("figcaption", ".caption", ".photo-caption", '[class*="caption"]', ".keterangan")
TAG_LINK = 'a[href*="/tag/"]'
CANONICAL = 'link[rel="canonical"]::attr(href)'
DOC_TITLE = "title ::text"

# ---- text patterns -------------------------------------------------------------------------
# AMP, SEEN: "SENIN, 16 OKTOBER 2023 | 19:48 WIB | LAPORAN: BONFILIO MAHENDRA"
AMP_LINE = re.compile(
    r"(?P<date>[A-Za-z']+,\s*\d{1,2}\s+[A-Za-z]+\s+\d{4}\s*\|\s*\d{1,2}[:.]\d{2}\s*(?:WIB|WITA|WIT)?)"
    r"\s*(?:\|\s*LAPORAN\s*:\s*(?P<reporter>[^|\n]+?))?\s*$",
    re.I,
)
# Desktop byline, SEEN: "Rabu, 30 Desember 2020, 06:08 WIB"
BYLINE = re.compile(
    r"(?:(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Jumat|Sabtu|Minggu|Ahad),\s*)?"
    r"\d{1,2}\s+(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November"
    r"|Desember)\s+\d{4}[,|\s]+\d{1,2}[:.]\d{2}\s*(?:WIB|WITA|WIT)\b",
    re.I,
)
# "LAPORAN: NAME" printed as text, also the escaped "LAPORAN: <a href='...'>NAME</a>" (SEEN).
LAPORAN = re.compile(
    r"LAPORAN\s*:\s*(?:<a\s+href=['\"](?P<href>[^'\"]+)['\"][^>]*>)?(?P<name>[^<|\n]+?)\s*(?:</a>|\||$)",
    re.I,
)
# Byline label lines, "Reporter: NAME" and "Editor: NAME", alone or together on one line
# (GUESS: the network's app names a reporter and an editor).
_NAME = r"[^\W\d_](?:[^\W\d_]|[ .,'’-]){0,59}"
LABEL_LINE = re.compile(
    rf"(?:(?:Reporter|Penulis|Wartawan)\s*:\s*(?P<reporter>{_NAME}?))?[\s|/•·,;-]*"
    rf"(?:(?:Editor|Redaktur|Penyunting)\s*:\s*(?P<editor>{_NAME}))?",
    re.I,
)
TITLE_SUFFIX = re.compile(r"\s*[|\-–]\s*(?:RMOL(?:\.ID)?|Kantor Berita Politik RMOL)\b.*$", re.I)
MIN_DENSE_CHARS = 200


@dataclass
class Extraction:
    """The result of one page: an item, or the reason it is not an article."""

    item: ArticleItem | None
    rejected: str | None = None
    layers: dict[str, Layer] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    def stat_keys(self) -> list[str]:
        """The counters of this page's fields: ``rmol/extract/<field>/<layer or missing>``."""
        keys = [f"rmol/extract/{name}/{layer}" for name, layer in self.layers.items()]
        return keys + [f"rmol/extract/{name}/missing" for name in self.missing]


class ArticlePage:
    """One article page. ``html`` must already be decoded text."""

    def __init__(self, url: str, html: str, urls: SiteUrls) -> None:
        self.url = url
        self.urls = urls
        self.page = parse(html)
        self.structured = StructuredData(self.page)
        self._articles: dict[str, ArticleRef | None] = {}

    # ---- what the page holds -----------------------------------------------------------
    @cached_property
    def ref(self) -> ArticleRef | None:
        """What this page's URL says; None when it is no article URL."""
        return self.urls.parse_article(self.url)

    @cached_property
    def body_node(self) -> Selector | None:
        """The body container, ``#fontResizableText``."""
        found = self.page.xpath(BODY_BY_ID) or self.page.css(BODY)
        return found[0] if found else None

    @cached_property
    def headings(self) -> SelectorList[Selector]:
        """Every ``h1`` of the page."""
        return self.page.css(ANY_H1)

    @cached_property
    def column(self) -> Selector:
        """The article column: the lowest ancestor of the body that holds the first ``h1``
        (the whole page when either is missing)."""
        h1 = self.headings
        if self.body_node is None or not h1:
            return self.page
        holds_title = set(h1[0].root.iterancestors())
        for ancestor in self.body_node.root.iterancestors():
            if ancestor in holds_title:
                return Selector(root=ancestor)
        return self.page

    @cached_property
    def lines(self) -> list[str]:
        """The visible text of the whole page, one line per paragraph, for the text layer."""
        return paragraphs(self.page)

    @cached_property
    def related_boxes(self) -> list[Selector]:
        """The related boxes between the body's paragraphs."""
        return [] if self.body_node is None else in_body_boxes(self.body_node, self._links_article)

    def linked_article(self, href: str) -> ArticleRef | None:
        """The article ``href`` links, resolved once per page."""
        if href not in self._articles:
            self._articles[href] = self.urls.article_of(href, self.url)
        return self._articles[href]

    def _links_article(self, href: str) -> bool:
        return self.linked_article(href) is not None

    # ---- fields, in item order ---------------------------------------------------------
    def title(self) -> Found[str] | None:
        for candidates in (self.page.css(TITLE), self.headings):
            for h1 in candidates:
                if text := text_of(h1):
                    return Found(text, Layer.SITE)
        structured = self.structured.meta("og:title", "twitter:title") or ld_text(
            self.structured.article.get("headline")
        )
        if structured:
            return Found(TITLE_SUFFIX.sub("", structured), Layer.STRUCTURED)
        doc_title = TITLE_SUFFIX.sub("", collapse_ws(" ".join(self.page.css(DOC_TITLE).getall())))
        if doc_title:
            return Found(doc_title, Layer.TEXT)
        return None

    def canonical_ref(self) -> ArticleRef | None:
        """The ``<link rel=canonical>`` article, when it is this article's desktop URL."""
        for href in self.page.css(CANONICAL).getall():
            ref = self.linked_article(href)
            if ref and self.ref and ref.id == self.ref.id and not ref.amp:
                return ref
        return None

    def section(self) -> Found[str] | None:
        canonical = self.canonical_ref()
        if canonical and canonical.section:
            return Found(canonical.section, Layer.SITE)
        structured = self.structured.meta("article:section") or ld_text(
            self.structured.article.get("articleSection")
        )
        if structured:
            return Found(_slugify(structured), Layer.STRUCTURED)
        if self.ref and self.ref.section:
            return Found(self.ref.section, Layer.URL)
        return None

    @cached_property
    def reporter_links(self) -> SelectorList[Selector]:
        """The byline's reporter links: the article column's, else the whole page's."""
        return self.column.css(REPORTER_LINK) or self.page.css(REPORTER_LINK)

    def _text_reporter(self) -> tuple[str, str | None] | None:
        """The reporter (and profile link) printed as text: the AMP line, a ``LAPORAN:`` line
        (also escaped HTML) or a ``Reporter:`` label line; the first line that has one."""
        for line in self.lines:
            if "LAPORAN" in line.upper():
                amp = AMP_LINE.search(line)
                if amp and amp["reporter"]:
                    return clean_inline(amp["reporter"]), None
                laporan = LAPORAN.search(line)
                if laporan and laporan["name"].strip():
                    return clean_inline(laporan["name"]), laporan["href"]
            elif (label := LABEL_LINE.fullmatch(line)) and label["reporter"]:
                return clean_inline(label["reporter"]), None
        return None

    def reporter(self) -> Found[str] | None:
        for a in self.reporter_links:
            if text := text_of(a):
                return Found(text, Layer.SITE)
        author = self.structured.article.get("author")
        structured = ld_text(author) or self.structured.meta("author", "article:author")
        if structured and not structured.startswith("http"):
            return Found(structured, Layer.STRUCTURED)
        if text_reporter := self._text_reporter():
            return Found(text_reporter[0], Layer.TEXT)
        return None

    def reporter_url(self) -> Found[str] | None:
        for href in self.reporter_links.xpath("@href").getall():
            if absolute := self.urls.absolute(href, self.url):
                return Found(absolute, Layer.SITE)
        structured = ld_url(self.structured.article.get("author"))
        if structured and "/about/" in structured:
            return Found(structured, Layer.STRUCTURED)
        printed = self._text_reporter()
        if printed and printed[1] and (absolute := self.urls.absolute(printed[1], self.url)):
            return Found(absolute, Layer.TEXT)
        return None

    def published_at_raw(self) -> Found[str] | None:
        for scope in (self.column, self.page):
            for li in scope.css(BYLINE_ITEM):
                text = text_of(li).lstrip("•· ").strip()
                if looks_like_date(text):
                    return Found(text, Layer.SITE)
        for value in (
            ld_text(self.structured.article.get("datePublished")),
            self.structured.meta(
                "article:published_time", "og:published_time", "datepublished", "pubdate"
            ),
        ):
            if value and looks_like_date(value):
                return Found(value, Layer.STRUCTURED)
        for line in self.lines:
            amp = AMP_LINE.search(line)
            if amp and looks_like_date(amp["date"]):
                return Found(collapse_ws(amp["date"]), Layer.TEXT)
            byline = BYLINE.search(line)
            if byline and looks_like_date(byline[0]):
                return Found(collapse_ws(byline[0]), Layer.TEXT)
        if self.ref:
            return Found(self.ref.date.isoformat(), Layer.URL)
        return None

    def image_url(self) -> Found[str] | None:
        if src := self.column.css(LEAD_IMAGE).attrib.get("src"):
            return Found(_absolute_asset(src, self.url), Layer.SITE)
        structured = self.structured.meta("og:image", "twitter:image") or ld_url(
            self.structured.article.get("image")
        )
        if structured:
            return Found(_absolute_asset(structured, self.url), Layer.STRUCTURED)
        return None

    def image_caption(self) -> Found[str] | None:
        for css in CAPTIONS:
            for el in self.column.css(css):
                if text := text_of(el):
                    return Found(text, Layer.SITE)
        image = self.structured.article.get("image")
        caption = ld_text(image.get("caption")) if isinstance(image, dict) else None
        if caption:
            return Found(caption, Layer.STRUCTURED)
        return None

    @cached_property
    def _site_paragraphs(self) -> list[str]:
        """The paragraphs of the body container, noise and related boxes left out."""
        if self.body_node is None:
            return []
        boxes = [box.root for box in self.related_boxes]
        return paragraphs(self.body_node, boxes, skip_noise=True)

    @cached_property
    def _body(self) -> Found[str] | None:
        if paras := without_label_lines(self._site_paragraphs):
            return Found("\n\n".join(paras), Layer.SITE)
        article_body = self.structured.article.get("articleBody")
        if isinstance(article_body, str):
            lines = [line for line in map(collapse_ws, article_body.splitlines()) if line]
            if paras := without_label_lines(lines):
                return Found("\n\n".join(paras), Layer.STRUCTURED)
        if paras := without_label_lines(_densest_paragraphs(self.page)):
            return Found("\n\n".join(paras), Layer.TEXT)
        return None

    def body(self) -> Found[str] | None:
        """The body before text-level boilerplate removal (the pipeline does that): related
        boxes and byline label lines left out, paragraphs separated by a blank line."""
        return self._body

    def tags(self) -> Found[list[str]] | None:
        site: dict[str, None] = {}
        for a in self.column.css(TAG_LINK):
            if not in_chrome(a) and (text := string_of(a).lstrip("#").strip()):
                site.setdefault(text, None)
        if site:
            return Found(list(site), Layer.SITE)
        values: list[str] = []
        keywords = self.structured.article.get("keywords")
        if isinstance(keywords, str):
            values = keywords.split(",")
        elif isinstance(keywords, list):
            values = [k for k in keywords if isinstance(k, str)]
        values = values or self.structured.metas.get("article:tag", [])
        if not values and (news_keywords := self.structured.meta("news_keywords")):
            values = news_keywords.split(",")
        structured = list(dict.fromkeys(text for v in values if (text := collapse_ws(v))))
        if structured:
            return Found(structured, Layer.STRUCTURED)
        return None

    def related(self) -> Found[list[RelatedLink]] | None:
        """The links of the related boxes in the body, then of the boxes under an ARTIKEL
        LAINNYA or BERITA TERKAIT label: in page order, each article once, never this one."""
        anchors = [a for box in self.related_boxes for a in box.css("a[href]")]
        anchors += labelled_box_links(self.page, self._links_article)
        links: dict[int, RelatedLink] = {}
        for a in anchors:
            ref = self.linked_article(a.attrib["href"])
            if ref is None or (self.ref and ref.id == self.ref.id):
                continue
            if ref.id not in links:
                url = self.urls.canonical_article(ref)
                links[ref.id] = RelatedLink(id=ref.id, url=url, title=link_title(a))
            elif not links[ref.id]["title"]:  # an image link came first: the next names it
                links[ref.id]["title"] = link_title(a)
        if links:
            return Found(list(links.values()), Layer.SITE)
        return None

    def modified_at(self) -> Found[str] | None:
        """The site's own modification time as printed (the timestamps stage parses it like
        ``published_at_raw``): JSON-LD ``dateModified``, else ``article:modified_time``, else
        ``og:updated_time``; the first that looks like a date. Most pages print none, so it is
        never counted as missing."""
        for value in self.structured.modified_values():
            if looks_like_date(value):
                return Found(value, Layer.STRUCTURED)
        return None

    def editor(self) -> Found[str] | None:
        """The editor of an ``Editor: NAME`` line. Most pages print none: the boilerplate
        pipeline then takes the initials that end the body (``[dzk]``)."""
        # A label-line byline stands instead of the site's byline block; on a page with that
        # block, only the body may end with an Editor line.
        lines = self._site_paragraphs if self.reporter_links else self.lines
        for line in lines:
            if (label := LABEL_LINE.fullmatch(line)) and label["editor"]:
                return Found(clean_inline(label["editor"]), Layer.TEXT)
        return None

    # ---- assembly ----------------------------------------------------------------------
    def extract(self, crawled_at: str) -> Extraction:
        """Every field with its layer, or the reason the page is not an article."""
        reason = classify.rejection(self)
        if reason is not None or self.ref is None:
            return Extraction(item=None, rejected=reason or "not_article_url")
        values, layers, missing = gather(self)
        canonical = self.canonical_ref() or self.ref
        item = ArticleItem(
            key=rmol_key(self.ref.id),
            id=self.ref.id,
            url=self.urls.canonical_article(canonical, values["section"]),
            published_at=None,
            crawled_at=crawled_at,
            **values,
        )
        return Extraction(item=item, layers=layers, missing=missing)


def without_label_lines(paras: list[str]) -> list[str]:
    """``paras`` without byline label lines (``Reporter: NAME``, ``Editor: NAME``)."""
    return [
        p for p in paras if not ((m := LABEL_LINE.fullmatch(p)) and (m["reporter"] or m["editor"]))
    ]


def _densest_paragraphs(page: Selector) -> list[str]:
    """The ``<p>`` texts of the element whose own ``<p>`` children hold the most text; none
    when that is under :data:`MIN_DENSE_CHARS`."""
    best: list[str] = []
    for parent in page.xpath("//*[p]"):
        texts = [text for p in parent.xpath("p") for text in paragraphs(p, skip_noise=True)]
        if sum(map(len, texts)) > sum(map(len, best)):
            best = texts
    return best if sum(map(len, best)) >= MIN_DENSE_CHARS else []


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _absolute_asset(src: str, page_url: str) -> str:
    """``src`` resolved against the page; as given when that is no http(s) URL."""
    src = src.strip()
    url = urljoin(page_url, src)
    return url if urlsplit(url).scheme in ("http", "https") else src
