"""Pure extraction of one rmol.id article page (desktop or AMP).

:class:`ArticlePage` takes a URL and its HTML and returns fields; it does no I/O and knows
nothing of Scrapy. Each field method tries its layers in a fixed order and says which layer
answered:

1. ``site``: the site's own markup (selectors from rmol-site.md);
2. ``structured``: JSON-LD ``NewsArticle``, ``og:`` and ``article:`` meta tags;
3. ``text``: patterns over the visible text (``LAPORAN:`` line, byline date, AMP line);
4. ``url``: what the article URL says (id, date, section).

Raw values come out as printed; the pipelines normalize dates and strip text boilerplate.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, NamedTuple, TypeVar, overload
from urllib.parse import urljoin, urlsplit

from lxml import etree

from rmolcrawler.items import ArticleItem, RelatedLink
from rmolcrawler.normalize.dates import parse_indonesian
from rmolcrawler.normalize.text import LaidOut, clean_inline, collapse_ws, contains_any
from rmolcrawler.pages.html import (
    Ancestry,
    Element,
    element_by_id,
    elements_after,
    has_class,
    holds_label,
    label_holders,
    ld_text,
    ld_url,
    meta_properties,
    news_article,
    paragraphs,
    parse_html,
    text_content,
    text_nodes,
    text_of,
    text_prefix,
)
from rmolcrawler.urls import ArticleRef, SiteUrls

T = TypeVar("T")


class Layer(StrEnum):
    SITE = "site"
    STRUCTURED = "structured"
    TEXT = "text"
    URL = "url"


class Found(NamedTuple, Generic[T]):
    """A field value and the layer that produced it (a named tuple: cheap to build)."""

    value: T
    layer: Layer


# ---- site selectors (rmol-site.md, 3RD-PARTY unless noted) ---------------------------------
# CSS selectors, matched by hand over the page's elements of one tag (ArticlePage._tagged):
# ".single_post_heading h1", then "h1".
TITLE_CLASS = "single_post_heading"
# "#fontResizableText", looked up in the parser's id table instead of walking the tree.
BODY_ID = "fontResizableText"
# ".author li" (the date) and '.author a[href*="/about/"]' (the reporter).
AUTHOR_CLASS = "author"
REPORTER_HREF = "/about/"
# figcaption, .caption, .photo-caption, [class*="caption"], .keterangan: first that has text.
CAPTION_TAG = "figcaption"
CAPTION_CLASSES = ("caption", "photo-caption")
CAPTION_CLASS_PART = "caption"
CAPTION_CLASS_LAST = "keterangan"
# SEEN image path: /images/berita/normal/{YYYY}/{MM}/{n}_{stamp}_{Name}.jpg
LEAD_IMAGE_TAGS = ("img", "amp-img")
LEAD_IMAGE_SRC = "/images/berita/"
# Text that may name a related box (case as printed); the exact label is checked after.
RELATED_HEADING_NEEDLES = ("LAINNYA", "Lainnya", "TERKAIT")
RELATED_HEADING_LABELS = frozenset({"ARTIKEL LAINNYA", "BERITA TERKAIT"})
RELATED_BLOCK_TAGS = frozenset({"p", "div", "li"})
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
IN_BODY_RELATED_LABELS = ("BERITA TERKAIT", "BACA JUGA")
# Tag links of the article column; sidebars, menus and footers hold other tags (GUESS).
CHROME_WORDS = (
    "sidebar",
    "widget",
    "populer",
    "popular",
    "trending",
    "terkini",
    "footer",
    "header",
    "menu",
    "nav",
)
CHROME_CLASS = re.compile("|".join(CHROME_WORDS), re.I)

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
TITLE_SUFFIX = re.compile(r"\s*[|\-–]\s*(?:RMOL(?:\.ID)?|Kantor Berita Politik RMOL)\b.*$", re.I)

# Pages that are not articles (rejection reasons are part of the stats contract).
CHALLENGE_MARKERS = (
    "just a moment",
    "attention required",
    "checking your browser",
    "cf-challenge",
    "cf-browser-verification",
    "challenge-platform",
    "captcha",
    "access denied",
    "ddos protection",
)
NOT_FOUND_MARKERS = (
    "tidak ditemukan",
    "page not found",
    "halaman tidak tersedia",
    "404 not found",
    "error 404",
)


class _once(Generic[T]):
    """``functools.cached_property`` without its per-class lock (Python 3.11): the value is
    computed on first access and stored on the instance, which then answers by itself. A page
    reads a dozen of these once each."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, page: None, owner: type) -> _once[T]: ...
    @overload
    def __get__(self, page: object, owner: type) -> T: ...
    def __get__(self, page: object | None, owner: type) -> T | _once[T]:
        if page is None:
            return self
        value: T = self.compute(page)
        page.__dict__[self.name] = value
        return value


@dataclass
class Extraction:
    """The result of one page: an item, or the reason it is not an article."""

    item: ArticleItem | None
    rejected: str | None = None
    layers: dict[str, Layer] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    def stat_keys(self) -> list[str]:
        """The counters of this page's fields: ``rmol/extract/<field>/<layer or missing>``."""
        keys = [_extract_stat(name, layer) for name, layer in self.layers.items()]
        return keys + [_extract_stat(name, "missing") for name in self.missing]


@functools.cache
def _extract_stat(name: str, layer: str) -> str:
    return f"rmol/extract/{name}/{layer}"


class ArticlePage:
    """One article page. ``html`` must already be decoded text."""

    def __init__(self, url: str, html: str, urls: SiteUrls) -> None:
        self.url = url
        self.urls = urls
        self.html = html or ""
        self.root = parse_html(self.html)
        self._refs: dict[str, ArticleRef | None] = {}
        self._by_tag: dict[str, list[Element]] = {}

    # ---- shared views of the page ------------------------------------------------------
    @_once
    def ref(self) -> ArticleRef | None:
        return self.urls.parse_article(self.url)

    def _tagged(self, tag: str) -> list[Element]:
        """The page's ``tag`` elements in document order, listed the first time they are asked
        for: a typical page needs only its h1, links and canonical link."""
        found = self._by_tag.get(tag)
        if found is None:
            found = self._by_tag[tag] = list(self.root.iter(tag))
        return found

    @_once
    def ld(self) -> dict[str, Any]:
        return news_article(self._tagged("script"))

    @_once
    def meta(self) -> dict[str, list[str]]:
        return meta_properties(self._tagged("meta"))

    @_once
    def body_node(self) -> Element | None:
        el = element_by_id(self.root, BODY_ID)
        if el is not None and el.get("id") == BODY_ID:
            return el
        # The id table also holds <a name=...>; look again by the id attribute alone.
        for el in self.root.iter(etree.Element):
            if el.get("id") == BODY_ID:
                return el
        return None

    @_once
    def scope(self) -> Element:
        """The main article column: the lowest ancestor of the body that holds the title."""
        node = self.body_node
        h1s = self._tagged("h1")
        if node is None or not h1s:
            return self.root
        title_line = set(h1s[0].iterancestors())
        for anc in node.iterancestors():
            if anc in title_line:
                return anc
        return self.root

    @_once
    def _in_author(self) -> Ancestry:
        return Ancestry(has_class(AUTHOR_CLASS))

    @_once
    def _column_links(self) -> list[tuple[Element, str]]:
        """Every ``<a href>`` in the article column (:attr:`scope`) with its href, in order:
        a third of the page's links; menus and sidebars hold the rest."""
        anchors = self.scope.iterdescendants("a")
        return [(a, href) for a in anchors if (href := a.get("href")) is not None]

    @_once
    def _reporter_links(self) -> list[Element]:
        """Reporter links in a byline: the article column's, else the whole page's."""
        in_author = self._in_author
        links = [a for a, href in self._column_links if REPORTER_HREF in href and in_author(a)]
        if not links and self.scope is not self.root:
            anchors = self._tagged("a")
            links = [a for a in anchors if REPORTER_HREF in a.get("href", "") and in_author(a)]
        return links

    @_once
    def _bylines(self) -> list[Element]:
        """The ``.author`` blocks of the page in document order, the reporter's own first."""
        blocks: list[Element] = []
        is_author = has_class(AUTHOR_CLASS)
        for a in self._reporter_links:
            for block in a.iterancestors():
                if is_author(block) and block not in blocks:
                    blocks.append(block)
                    break
        return blocks

    @_once
    def lines(self) -> list[str]:
        """Visible text lines of the whole page, for the text-pattern layer."""
        return paragraphs(self.root, skip_noise=False)

    @_once
    def is_amp(self) -> bool:
        root = self.root
        if root.tag == "html" and ("amp" in root.attrib or "⚡" in root.attrib):
            return True
        return bool(self.ref and self.ref.amp)

    def _meta(self, *keys: str) -> str | None:
        for key in keys:
            for value in self.meta.get(key, []):
                text = collapse_ws(value)
                if text:
                    return text
        return None

    def _article_ref(self, href: str) -> ArticleRef | None:
        """The article a link points to, resolved once per distinct ``href``."""
        if href not in self._refs:
            self._refs[href] = self.urls.article_of(href, self.url)
        return self._refs[href]

    # ---- classification ----------------------------------------------------------------
    def rejection(self) -> str | None:
        """Why this page is not an article (``None`` when it is one)."""
        if self.ref is None:
            return "not_article_url"
        # A real article always has its body container; only pages without one can be
        # error or challenge pages, since headlines may well say "tidak ditemukan".
        if self.body_node is None:
            heads = self._tagged("title") + self._tagged("h1")
            head = " ".join(t for el in heads for t in text_nodes(el)).lower()
            page_text = head + " " + " ".join(self.lines[:40]).lower()
            if any(m in page_text for m in CHALLENGE_MARKERS):
                return "block_page"
            if any(m in head for m in NOT_FOUND_MARKERS):
                return "not_found"
            # A listing (or a redirect to one) at an article URL: many article links and no
            # publish date printed anywhere, where an AMP page always prints its date line.
            date = self.published_at_raw()
            if (date is None or date.layer is Layer.URL) and len(self._article_links()) >= 8:
                return "listing_page"
        if self.body() is None and self.title() is None:
            return "no_article_content"
        return None

    def _article_links(self) -> set[int]:
        ids: set[int] = set()
        for a in self._tagged("a"):
            href = a.get("href")
            ref = self._article_ref(href) if href is not None else None
            if ref is not None and (self.ref is None or ref.id != self.ref.id):
                ids.add(ref.id)
        return ids

    # ---- fields ------------------------------------------------------------------------
    def _site_title(self) -> str | None:
        h1s = self._tagged("h1")
        in_heading = Ancestry(has_class(TITLE_CLASS))
        for candidates in ([h for h in h1s if in_heading(h)], h1s):
            for h1 in candidates:
                text = text_of(h1)
                if text:
                    return text
        return None

    def title(self) -> Found[str] | None:
        site = self._site_title()
        if site:
            return Found(site, Layer.SITE)
        structured = self._meta("og:title", "twitter:title") or ld_text(self.ld.get("headline"))
        if structured:
            return Found(TITLE_SUFFIX.sub("", structured), Layer.STRUCTURED)
        doc_title = " ".join(t for el in self._tagged("title") for t in text_nodes(el))
        doc_title = TITLE_SUFFIX.sub("", collapse_ws(doc_title))
        if doc_title:
            return Found(doc_title, Layer.TEXT)
        return None

    def canonical_ref(self) -> ArticleRef | None:
        """The ``<link rel=canonical>`` article URL, when it names this same article."""
        return self._canonical

    @_once
    def _canonical(self) -> ArticleRef | None:
        for link in self._link_tags():
            href = link.get("href")
            if link.get("rel") != "canonical" or href is None:
                continue
            ref = self._article_ref(href)
            if ref and self.ref and ref.id == self.ref.id and not ref.amp:
                return ref
        return None

    def _link_tags(self) -> Iterator[Element]:
        """``<link>`` elements: the head's (where they belong) first, then the page's."""
        head = next(self.root.iterchildren("head"), None)
        if head is not None:
            yield from head.iterchildren("link")
        yield from (link for link in self._tagged("link") if link.getparent() is not head)

    def section(self) -> Found[str] | None:
        canonical = self.canonical_ref()
        if canonical and canonical.section:
            return Found(canonical.section, Layer.SITE)
        structured = self._meta("article:section") or ld_text(self.ld.get("articleSection"))
        if structured:
            return Found(_slugify(structured), Layer.STRUCTURED)
        if self.ref and self.ref.section:
            return Found(self.ref.section, Layer.URL)
        return None

    def canonical_url(self, section: str | None) -> str:
        canonical = self.canonical_ref()
        ref = canonical or self.ref
        assert ref is not None
        return self.urls.canonical_article(ref, section)

    def _text_reporter(self) -> tuple[str, str | None] | None:
        for line in self.lines:
            if "LAPORAN" not in line.upper():
                continue
            amp = AMP_LINE.search(line)
            if amp and amp["reporter"]:
                return clean_inline(amp["reporter"]), None
            match = LAPORAN.search(line)
            if match and match["name"].strip():
                return clean_inline(match["name"]), match["href"]
        return None

    def reporter(self) -> Found[str] | None:
        links = self._reporter_links
        site = text_of(links[0]) if links else None
        if site:
            return Found(site, Layer.SITE)
        structured = ld_text(self.ld.get("author")) or self._meta("author", "article:author")
        if structured and not structured.startswith("http"):
            return Found(structured, Layer.STRUCTURED)
        text = self._text_reporter()
        if text:
            return Found(text[0], Layer.TEXT)
        return None

    def reporter_url(self) -> Found[str] | None:
        for href in (a.get("href", "") for a in self._reporter_links):
            absolute = self.urls.absolute(href, self.url)
            if absolute:
                return Found(absolute, Layer.SITE)
        structured = ld_url(self.ld.get("author"))
        if structured and REPORTER_HREF in structured:
            return Found(structured, Layer.STRUCTURED)
        text = self._text_reporter()
        if text and text[1]:
            absolute = self.urls.absolute(text[1], self.url)
            if absolute:
                return Found(absolute, Layer.TEXT)
        return None

    def _byline_items(self) -> Iterator[Element]:
        """``.author li``: the byline that names the reporter first, then every other."""
        seen: set[Element] = set()
        for block in self._bylines:
            for li in block.iterdescendants("li"):
                seen.add(li)
                yield li
        for li in self._tagged("li"):
            if li not in seen and self._in_author(li):
                yield li

    def published_at_raw(self) -> Found[str] | None:
        for li in self._byline_items():
            text = text_of(li).lstrip("•· ").strip()
            if text and parse_indonesian(text) is not None:
                return Found(text, Layer.SITE)
        for value in (
            ld_text(self.ld.get("datePublished")),
            self._meta("article:published_time", "og:published_time", "datepublished", "pubdate"),
        ):
            if value and parse_indonesian(value) is not None:
                return Found(value, Layer.STRUCTURED)
        for line in self.lines:
            amp = AMP_LINE.search(line)
            if amp and parse_indonesian(amp["date"]) is not None:
                return Found(collapse_ws(amp["date"]), Layer.TEXT)
            match = BYLINE.search(line)
            if match and parse_indonesian(match[0]) is not None:
                return Found(collapse_ws(match[0]), Layer.TEXT)
        if self.ref:
            return Found(self.ref.date.isoformat(), Layer.URL)
        return None

    def image_url(self) -> Found[str] | None:
        for img in self.scope.iter(*LEAD_IMAGE_TAGS):
            src = img.get("src")
            if src is not None and LEAD_IMAGE_SRC in src:
                return Found(_absolute_asset(src, self.url), Layer.SITE)
        structured = self._meta("og:image", "twitter:image") or ld_url(self.ld.get("image"))
        if structured:
            return Found(_absolute_asset(structured, self.url), Layer.STRUCTURED)
        return None

    def image_caption(self) -> Found[str] | None:
        for el in self._caption_candidates():
            text = text_of(el)
            if text:
                return Found(text, Layer.SITE)
        image = self.ld.get("image")
        caption = ld_text(image.get("caption")) if isinstance(image, dict) else None
        if caption:
            return Found(caption, Layer.STRUCTURED)
        return None

    def _caption_candidates(self) -> Iterator[Element]:
        """Caption elements of the article column, in selector order, then document order."""
        yield from self.scope.iter(CAPTION_TAG)
        by_class: list[list[Element]] = [[], [], [], []]
        for el in self.scope.iter(etree.Element):
            cls = el.get("class")
            if not cls or (CAPTION_CLASS_PART not in cls and CAPTION_CLASS_LAST not in cls):
                continue
            tokens = cls.split()
            for slot, name in enumerate(CAPTION_CLASSES):
                if name in tokens:
                    by_class[slot].append(el)
            if CAPTION_CLASS_PART in cls:
                by_class[2].append(el)
            if CAPTION_CLASS_LAST in tokens:
                by_class[3].append(el)
        for group in by_class:
            yield from group

    @_once
    def _body(self) -> Found[str] | None:
        node = self.body_node
        if node is not None:
            paras = paragraphs(node)
            if paras:
                return Found(_laid_out(paras), Layer.SITE)
        raw_body = self.ld.get("articleBody")
        if isinstance(raw_body, str):
            paras = [line for line in map(collapse_ws, raw_body.splitlines()) if line]
            if paras:
                return Found(_laid_out(paras), Layer.STRUCTURED)
        densest = _densest_paragraphs(self.root)
        if densest:
            return Found(_laid_out(densest), Layer.TEXT)
        return None

    def body(self) -> Found[str] | None:
        """Body text before text-level boilerplate removal (the pipeline does that)."""
        return self._body

    def tags(self) -> Found[list[str]] | None:
        seen: dict[str, None] = {}
        in_chrome = Ancestry(_is_chrome)
        for a, href in self._column_links:
            if "/tag/" not in href or in_chrome(a):
                continue
            text = collapse_ws(text_content(a)).lstrip("#").strip()
            if text:
                seen.setdefault(text, None)
        if seen:
            return Found(list(seen), Layer.SITE)
        values: list[str] = []
        keywords = self.ld.get("keywords")
        if isinstance(keywords, str):
            values = keywords.split(",")
        elif isinstance(keywords, list):
            values = [k for k in keywords if isinstance(k, str)]
        values = values or self.meta.get("article:tag", [])
        if not values and self.meta.get("news_keywords"):
            values = self.meta["news_keywords"][0].split(",")
        cleaned = list(dict.fromkeys(collapse_ws(v) for v in values if collapse_ws(v)))
        if cleaned:
            return Found(cleaned, Layer.STRUCTURED)
        return None

    def related(self) -> Found[list[RelatedLink]] | None:
        """Links of the BERITA TERKAIT box, ``Baca Juga:`` lines and ARTIKEL LAINNYA, in order."""
        links: dict[int, RelatedLink] = {}
        own_id = self.ref.id if self.ref else None
        for a, ref in self._in_body_related_anchors() + self._artikel_lainnya_anchors():
            if ref.id == own_id:
                continue
            entry = links.get(ref.id)
            if entry is None:
                links[ref.id] = RelatedLink(
                    id=ref.id, url=self.urls.canonical_article(ref), title=_link_title(a)
                )
            elif not entry["title"]:  # an image link came first: the next one names it
                entry["title"] = _link_title(a)
        if links:
            return Found(list(links.values()), Layer.SITE)
        return None

    def _in_body_related_anchors(self) -> list[tuple[Element, ArticleRef]]:
        """Article links (with the article) inside body blocks (p, div, li) whose text starts
        ``BERITA TERKAIT`` or ``Baca Juga``, in document order."""
        body = self.body_node
        if body is None:
            return []
        starts: dict[Element, bool] = {}
        out: list[tuple[Element, ArticleRef]] = []
        for a in body.iter("a"):
            href = a.get("href")
            if href is None:
                continue
            node: Element | None = a.getparent()
            while node is not None:
                if node.tag in RELATED_BLOCK_TAGS:
                    if node not in starts:
                        start = collapse_ws(text_prefix(node, 40)).upper()
                        starts[node] = start.startswith(IN_BODY_RELATED_LABELS)
                    if starts[node]:
                        if (ref := self._article_ref(href)) is not None:
                            out.append((a, ref))
                        break
                if node is body:
                    break
                node = node.getparent()
        return out

    def _related_headings(self) -> list[Element]:
        """Elements that hold a related-box label, in document order: heading elements, as
        ARTIKEL LAINNYA is SEEN; any element only when no heading element holds one."""
        needles, labels = RELATED_HEADING_NEEDLES, RELATED_HEADING_LABELS
        headings = [h for h in self.root.iter(*HEADING_TAGS) if holds_label(h, needles, labels)]
        return headings or label_holders(self.root, self.html, needles, labels)

    def _artikel_lainnya_anchors(self) -> list[tuple[Element, ArticleRef]]:
        out: list[tuple[Element, ArticleRef]] = []
        for heading in self._related_headings():
            if heading.tag in ("script", "style"):
                continue
            # The box's markup is unknown (rmol-site.md): climb until a container holds
            # article links after the heading, and stop at the next heading.
            parent: Element | None = heading
            for _ in range(3):
                parent = parent.getparent() if parent is not None else None
                if parent is None:
                    break
                good = [
                    (a, ref)
                    for a, href in _links_after(parent, heading)
                    if (ref := self._linked_article(href)) is not None
                ]
                if good:
                    out.extend(good)
                    break
        return out

    def _linked_article(self, href: str) -> ArticleRef | None:
        if "/read/" not in href and "/amp/" not in href:
            return None  # every article URL form has one of these; skip resolving the rest
        return self._article_ref(href)

    # ---- assembly ----------------------------------------------------------------------
    def extract(self, crawled_at: str) -> Extraction:
        """Every field with its layer, or the rejection reason."""
        reason = self.rejection()
        if reason is not None or self.ref is None:
            return Extraction(item=None, rejected=reason or "not_article_url")
        found: dict[str, Found[Any] | None] = {
            "title": self.title(),
            "section": self.section(),
            "reporter": self.reporter(),
            "reporter_url": self.reporter_url(),
            "published_at_raw": self.published_at_raw(),
            "image_url": self.image_url(),
            "image_caption": self.image_caption(),
            "body": self.body(),
            "tags": self.tags(),
            "related": self.related(),
        }
        layers = {name: f.layer for name, f in found.items() if f is not None}
        missing = [name for name, f in found.items() if f is None]

        def value(name: str) -> Any:
            f = found[name]
            return f.value if f is not None else None

        section = value("section")
        item = ArticleItem(
            id=self.ref.id,
            url=self.canonical_url(section),
            section=section,
            title=value("title"),
            reporter=value("reporter"),
            reporter_url=value("reporter_url"),
            published_at=None,
            published_at_raw=value("published_at_raw"),
            image_url=value("image_url"),
            image_caption=value("image_caption"),
            body=value("body"),
            tags=value("tags") or [],
            related=value("related") or [],
            crawled_at=crawled_at,
        )
        return Extraction(item=item, layers=layers, missing=missing)


def _is_chrome(el: Element) -> bool:
    """Whether ``el`` is a sidebar, menu, header or footer block (by class or id)."""
    names = (el.get("class") or "") + " " + (el.get("id") or "")
    if not names.isascii():
        return CHROME_CLASS.search(names) is not None
    # ASCII: the same test as the regex, by substrings of the lower-cased names (7x faster).
    return contains_any(names.lower(), CHROME_WORDS)


def _link_title(a: Element) -> str:
    """A related link's title: its text, else its ``title`` attribute."""
    return collapse_ws(text_content(a)) or collapse_ws(a.get("title", ""))


def _links_after(container: Element, heading: Element) -> list[tuple[Element, str]]:
    """Links (with their href) inside ``container`` that follow ``heading``, up to the next
    heading element."""
    out: list[tuple[Element, str]] = []
    for el in elements_after(container, heading):
        tag = el.tag
        # The next box's label ends the region; headings that are card titles hold links.
        if tag in HEADING_TAGS and not _holds_link(el):
            break
        if tag == "a" and (href := el.get("href")):
            out.append((el, href))
    return out


def _holds_link(el: Element) -> bool:
    """Whether an ``<a>`` lies below ``el``: a card title's is most often its first child."""
    for child in el:
        if child.tag == "a":
            return True
    return len(el) > 0 and next(el.iterdescendants("a"), None) is not None


def _densest_paragraphs(root: Element) -> list[str]:
    """The ``<p>`` texts of the element whose direct ``<p>`` children hold the most text."""
    parents: dict[Element, None] = {}
    for p in root.iter("p"):
        parent = p.getparent()
        if parent is not None:
            parents.setdefault(parent, None)
    best: list[str] = []
    best_len = 0
    for parent in parents:
        texts = [t for p in parent.findall("p") for t in paragraphs(p)]
        total = sum(len(t) for t in texts)
        if total > best_len:
            best, best_len = texts, total
    return best if best_len >= 200 else []


def _laid_out(paras: list[str]) -> LaidOut:
    """A body from collapsed, non-empty paragraphs: in the cleaned layout already."""
    return LaidOut("\n\n".join(paras))


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _absolute_asset(src: str, page_url: str) -> str:
    src = src.strip()
    if src.startswith(("https://", "http://")) and not any(c in src for c in "?#; \t\n"):
        return src  # what urljoin would give back, without parsing it twice
    url = urljoin(page_url, src)
    return url if urlsplit(url).scheme in ("http", "https") else src
