"""Pure extraction of one article page of a regional site of the RMOL network.

:class:`RegionalArticlePage` is :class:`~rmolcrawler.pages.article.ArticlePage`'s sibling for
the network's platform: the same :class:`~rmolcrawler.pages.layers.Layer` order per field (site
markup, structured data, text patterns, then the URL and the image stamp), the same
:class:`~rmolcrawler.pages.article.Extraction` and the same item schema. Values come out as
printed, but for the zone: a printed time without a zone label gets the site's (``WIB``; ``WIT``
on rmolpapua.id), so that the timestamps pipeline reads it in the site's zone. The pipelines
parse the date and remove text boilerplate. Whether the page is an article is decided in
:mod:`rmolcrawler.regional.classify`.

No article page of the network has been seen as HTML: the site selectors are a third party's
(``div.post-text.mt-30 p``; the first ``li`` holding a weekday date) and the post page of the
theme whose listing markup the real pages show (``post-layout-top-content``, ``post-content``,
``author-info``, ``post-tags``), every one with a fallback (rmol-site.md, "Sister sites").
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel import Selector, SelectorList

from rmolcrawler.items import ArticleItem, RelatedLink
from rmolcrawler.normalize.dates import looks_like_date
from rmolcrawler.normalize.text import clean_inline, collapse_ws
from rmolcrawler.pages.article import LABEL_LINE, Extraction, without_label_lines
from rmolcrawler.pages.dom import CHROME, in_chrome, paragraphs, parse, string_of, text_of
from rmolcrawler.pages.layers import Found, Layer, gather
from rmolcrawler.pages.related import TEXT_OUTSIDE_LINKS, labelled_box_links, link_title
from rmolcrawler.pages.structured import StructuredData, ld_text, ld_url
from rmolcrawler.regional import classify
from rmolcrawler.regional.related import in_body_lists
from rmolcrawler.regional.sites import RegionalSite

__all__ = ["Extraction", "Found", "Layer", "RegionalArticlePage", "image_stamp"]

# ---- site selectors --------------------------------------------------------------------------
# The article column of the theme's post page (3RD-PARTY template; GUESS for these sites).
COLUMN = ".post-layout-top-content"
# Body: 3RD-PARTY "div.post-text.mt-30 p"; every div.post-text of the column, in order.
BODY = "div.post-text"
TITLES = (".post-content > h1", ".post-content > .title", "h1.title", "h1.post-title")
ANY_H1 = "h1"
# The post's category: its label link, else the breadcrumb's (SEEN: "ol.breadcrumb" on listings).
CATEGORY_LINKS = (
    '.post-categories a[href*="/category/"]',
    '.categories-item a[href*="/category/"]',
    '.meta-categories a[href*="/category/"]',
    'ol.breadcrumb a[href*="/category/"]',
)
REPORTER_LINK = 'a[href*="/profile/"]'  # SEEN on the listings' items
DATE_ITEM = "li"  # 3RD-PARTY: the first list item holding an Indonesian weekday date
LEAD_IMAGE = 'img[src*="/uploads/images/"], img[data-src*="/uploads/images/"]'
# SEEN: article images live in /uploads/images/{YYYY}/{MM}/; an ad's in /uploads/images/ itself.
ARTICLE_IMAGE = re.compile(r"/uploads/images/\d{4}/\d{2}/")
CAPTIONS = (
    "figcaption",
    '[class*="caption"]',
    '[class*="keterangan"]',
    ".post-content .thumb span",
    ".post-content .thumb p",
)
TAG_LINK = 'a[href*="/tag/"]'  # SEEN route
# Elements of the body that are no prose, left out with their content.
BODY_NOISE = (
    "figure, figcaption, [class*='caption'], [class*='keterangan'], .post-tags, .tags,"
    " .post-author, .author-social, .share, script, style"
)
# Items of a listing (SEEN classes): related cards and sidebars hold other articles' bylines,
# dates and thumbnails.
IN_LIST_ITEM = "ancestor::*[contains(@class, 'bussiness-post-item') or contains(@class, 'post-gallery-style-2')]"
DOC_TITLE = "title ::text"

# ---- text patterns -------------------------------------------------------------------------
_WEEKDAY = r"(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad)"
_MONTH = (
    r"(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember)"
)
_CLOCK = r"\d{1,2}[:.]\d{2}"
# 3RD-PARTY: "{Hari}, {DD} {Bulan} {YYYY} | {HH:MM}"; the zone label is unknown (GUESS: none,
# or WIB/WITA/WIT after the time).
DATE_TEXT = re.compile(
    rf"(?:{_WEEKDAY},?\s*)?\d{{1,2}}\s+{_MONTH}\s+\d{{4}}"
    rf"(?:\s*[|,]?\s*(?:pukul\s*)?{_CLOCK}(?:\s*(?P<zone>WIB|WITA|WIT)\b)?)?",
    re.I,
)
# In the page's other text, only a weekday date with a clock counts: listings print dates alone.
DATE_LINE = re.compile(
    rf"{_WEEKDAY},?\s*\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\s*[|,]?\s*(?:pukul\s*)?{_CLOCK}"
    rf"(?:\s*(?P<zone>WIB|WITA|WIT)\b)?",
    re.I,
)
# ISO 8601 with a clock and no offset (a CMS's "2025-07-25 14:30:00").
ISO_NO_OFFSET = re.compile(r"\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*")
# SEEN: /uploads/images/{YYYY}/{MM}/image_{size}_{hex13}.jpg, the hex a PHP uniqid().
IMAGE_STAMP = re.compile(
    r"/uploads/images/(?P<year>\d{4})/(?P<month>\d{2})/image_(?:\d+x\d+_)?(?P<hex>[0-9a-f]{13})"
    r"\.[a-z]+$",
    re.I,
)
# " - RMOLLAMPUNG.ID" (SEEN in <title>), " | RMOL Lampung", ...
TITLE_SUFFIX = re.compile(r"\s*[|\-–]\s*RMOL\s?[A-Z]*(?:\.ID)?\s*$", re.I)
# Site-wide metas that name no person (SEEN: <meta name="author" content="rmolnetwork">).
NOT_A_PERSON = re.compile(r"rmol\s*network|rmol\w*(?:\.id)?|admin(?:istrator)?|redaksi", re.I)
LOGO = re.compile(r"/assets/|logo", re.I)
MIN_DENSE_CHARS = 200
MAX_CAPTION_CHARS = 300
"""Text under a photo longer than this is a paragraph that holds the photo, not its caption."""
CAPTION_WINDOW = 9
"""How many lines after the title a caption printed twice may take up (byline, date, ...)."""


@dataclass(frozen=True)
class _Lists:
    """The related lists inside the body, and the elements that are photo captions there."""

    related: list[Selector]
    captions: list[etree._Element]


class RegionalArticlePage:
    """One article page of ``site``. ``html`` must already be decoded text."""

    def __init__(self, url: str, html: str, site: RegionalSite) -> None:
        self.url = url
        self.site = site
        self.page = parse(html)
        self.structured = StructuredData(self.page)
        self._slugs: dict[str, str | None] = {}

    # ---- what the page holds -----------------------------------------------------------
    @cached_property
    def slug(self) -> str | None:
        """The article slug of the page's URL; None when the URL is no article URL."""
        return self.site.article_slug(self.url)

    @cached_property
    def body_nodes(self) -> list[Selector]:
        """The body containers, ``div.post-text``: the column's, else the page's."""
        column = self.page.css(COLUMN)
        found = column.css(BODY) if column else self.page.css(BODY)
        return list(found or self.page.css(BODY))

    @property
    def body_node(self) -> Selector | None:
        """The first body container."""
        return self.body_nodes[0] if self.body_nodes else None

    @cached_property
    def headings(self) -> list[Selector]:
        """The page's ``h1`` outside menus and sidebars, but those that are a link alone
        (SEEN: a sidebar widget of ``h1`` links)."""
        return [
            h1
            for h1 in self.page.css(ANY_H1)
            if not in_chrome(h1) and collapse_ws(" ".join(h1.xpath(TEXT_OUTSIDE_LINKS).getall()))
        ]

    @cached_property
    def column(self) -> Selector:
        """The article column: ``.post-layout-top-content``; else the lowest ancestor of the
        body that holds the first ``h1``; else the whole page."""
        found = self.page.css(COLUMN)
        if found:
            return found[0]
        if self.body_node is None or not self.headings:
            return self.page
        holds_title = set(self.headings[0].root.iterancestors())
        for ancestor in self.body_node.root.iterancestors():
            if ancestor in holds_title:
                return Selector(root=ancestor)
        return self.page

    @cached_property
    def lines(self) -> list[str]:
        """The visible text of the page but its menus, sidebars and footer (whose list items
        print other articles' dates), one line per paragraph, for the text layer."""
        chrome = [
            el
            for el in self.page.root.iter(etree.Element)
            if CHROME.search(f"{el.get('class', '')} {el.get('id', '')}")
        ]
        return paragraphs(self.page, chrome)

    def linked_slug(self, href: str) -> str | None:
        """The slug of the site's article ``href`` links, resolved once per page."""
        if href not in self._slugs:
            absolute = self.site.absolute(href, self.url)
            self._slugs[href] = self.site.article_slug(absolute) if absolute else None
        return self._slugs[href]

    def _links_article(self, href: str) -> bool:
        return self.linked_slug(href) is not None

    @cached_property
    def _in_body(self) -> _Lists:
        related: list[Selector] = []
        captions: list[etree._Element] = []
        for body in self.body_nodes:
            related += in_body_lists(body, self._links_article)
            captions += _photo_captions(body)
        return _Lists(related, captions)

    @property
    def related_lists(self) -> list[Selector]:
        """The related-link lists inside the body (labelled or not)."""
        return self._in_body.related

    def _outside_lists(self, nodes: SelectorList[Selector]) -> list[Selector]:
        """``nodes`` that are in no listing item (related cards, sidebars), nor in chrome."""
        return [node for node in nodes if not node.xpath(IN_LIST_ITEM) and not in_chrome(node)]

    # ---- fields, in item order ---------------------------------------------------------
    def title(self) -> Found[str] | None:
        for css in TITLES:
            for heading in self.column.css(css):
                if text := text_of(heading):
                    return Found(text, Layer.SITE)
        for h1 in self.headings:
            if text := text_of(h1):
                return Found(text, Layer.SITE)
        structured = ld_text(self.structured.article.get("headline")) or self.structured.meta(
            "og:title", "twitter:title"
        )
        if structured:
            return Found(TITLE_SUFFIX.sub("", structured), Layer.STRUCTURED)
        doc_title = TITLE_SUFFIX.sub("", collapse_ws(" ".join(self.page.css(DOC_TITLE).getall())))
        if doc_title:
            return Found(doc_title, Layer.TEXT)
        return None

    def section(self) -> Found[str] | None:
        """The category slug: the post's category link, else the breadcrumb's; else the
        structured section, as a slug."""
        for scope in (self.column, self.page):
            for css in CATEGORY_LINKS:
                for href in scope.css(css).xpath("@href").getall():
                    absolute = self.site.absolute(href, self.url)
                    slug = self.site.category_of_listing(absolute) if absolute else None
                    if slug:
                        return Found(slug, Layer.SITE)
        structured = self.structured.meta("article:section") or ld_text(
            self.structured.article.get("articleSection")
        )
        if structured and (slug := _slugify(structured)):
            return Found(slug, Layer.STRUCTURED)
        return None

    @cached_property
    def reporter_links(self) -> list[Selector]:
        """The byline's profile links: the column's, else the page's, outside listing items
        and chrome."""
        return self._outside_lists(self.column.css(REPORTER_LINK)) or self._outside_lists(
            self.page.css(REPORTER_LINK)
        )

    def _label_reporter(self) -> str | None:
        """The name of a ``Reporter: NAME`` (``Penulis:``, ``Wartawan:``) line."""
        for line in self.lines:
            if (label := LABEL_LINE.fullmatch(line)) and label["reporter"]:
                return clean_inline(label["reporter"])
        return None

    def reporter(self) -> Found[str] | None:
        for a in self.reporter_links:
            if text := text_of(a):
                return Found(text, Layer.SITE)
        structured = ld_text(self.structured.article.get("author")) or self.structured.meta(
            "article:author", "author"
        )
        if (
            structured
            and not structured.startswith("http")
            and not NOT_A_PERSON.fullmatch(structured)
        ):
            return Found(structured, Layer.STRUCTURED)
        if printed := self._label_reporter():
            return Found(printed, Layer.TEXT)
        return None

    def reporter_url(self) -> Found[str] | None:
        for href in (a.attrib.get("href", "") for a in self.reporter_links):
            absolute = self.site.absolute(href, self.url)
            if absolute and self.site.slug_under("profile", absolute):
                return Found(absolute, Layer.SITE)
        structured = ld_url(self.structured.article.get("author"))
        absolute = self.site.absolute(structured, self.url) if structured else None
        if absolute and self.site.slug_under("profile", absolute):
            return Found(absolute, Layer.STRUCTURED)
        return None

    def _zoned(self, printed: str, zone: str | None) -> str:
        """``printed`` with the site's zone label appended when it prints none."""
        return printed if zone else f"{printed} {self.site.zone}"

    def _zoned_structured(self, value: str) -> str:
        """A structured date with the site's offset (ISO without one) or zone label (a printed
        date without one) added."""
        if ISO_NO_OFFSET.fullmatch(value):
            return value.strip() + _offset(self.site.tz)
        if match := DATE_TEXT.match(value):
            return self._zoned(value, match["zone"])
        return value

    def published_at_raw(self) -> Found[str] | None:
        """The first ``li`` holding a date; the structured date; a weekday date with a clock
        anywhere; last the upload second of the lead image's name. A time printed without a
        zone gets the site's zone label; an ISO time without an offset, the site's offset."""
        for scope in (self.column, self.page):
            for li in self._outside_lists(scope.css(DATE_ITEM)):
                match = DATE_TEXT.search(text_of(li))
                if match and looks_like_date(match[0]):
                    return Found(self._zoned(collapse_ws(match[0]), match["zone"]), Layer.SITE)
        for structured in (
            ld_text(self.structured.article.get("datePublished")),
            self.structured.meta(
                "article:published_time", "og:published_time", "datepublished", "pubdate"
            ),
        ):
            if structured and looks_like_date(structured):
                return Found(self._zoned_structured(structured), Layer.STRUCTURED)
        for line in self.lines:
            if (match := DATE_LINE.search(line)) and looks_like_date(match[0]):
                return Found(self._zoned(collapse_ws(match[0]), match["zone"]), Layer.TEXT)
        image = self.image_url()
        stamp = image_stamp(image.value) if image else None
        if stamp is not None:
            return Found(stamp.astimezone(self.site.tz).isoformat(), Layer.URL)
        return None

    def image_url(self) -> Found[str] | None:
        for img in self._outside_lists(self.column.css(LEAD_IMAGE)):
            if self._in_body_container(img):
                continue
            src = img.attrib.get("data-src") or img.attrib.get("src", "")
            if ARTICLE_IMAGE.search(src):
                return Found(_absolute_asset(src, self.url), Layer.SITE)
        structured = ld_url(self.structured.article.get("image")) or self.structured.meta(
            "og:image", "twitter:image"
        )
        if structured and not LOGO.search(urlsplit(structured).path):
            return Found(_absolute_asset(structured, self.url), Layer.STRUCTURED)
        return None

    def _in_body_container(self, node: Selector) -> bool:
        containers = {body.root for body in self.body_nodes}
        return any(el in containers for el in node.root.iterancestors())

    def image_caption(self) -> Found[str] | None:
        """The lead photo's caption with its credit, once (the page prints it twice)."""
        for css in CAPTIONS:
            for el in self._outside_lists(self.column.css(css)):
                if not self._in_body_container(el) and (text := text_of(el)):
                    return Found(text, Layer.SITE)
        image = self.structured.article.get("image")
        caption = ld_text(image.get("caption")) if isinstance(image, dict) else None
        if caption:
            return Found(caption, Layer.STRUCTURED)
        if printed := self._caption_printed_twice():
            return Found(printed, Layer.TEXT)
        return None

    def _caption_printed_twice(self) -> str | None:
        """SEEN text order: the title, then the caption twice. The first line after the
        title that the next line repeats."""
        title = self.title()
        if title is None or title.value not in self.lines:
            return None
        after = self.lines[self.lines.index(title.value) + 1 :][:CAPTION_WINDOW]
        for line, following in itertools.pairwise(after):
            if line == following and len(line) <= MAX_CAPTION_CHARS:
                return line
        return None

    @cached_property
    def _site_paragraphs(self) -> list[str]:
        """The paragraphs of the body containers: related lists, photos with their captions,
        tags and share blocks left out; a paragraph that repeats the lead caption or the
        paragraph before it dropped."""
        leave_out = [el.root for el in self.related_lists] + self._in_body.captions
        for body in self.body_nodes:
            leave_out += [el.root for el in body.css(BODY_NOISE)]
        paras: list[str] = []
        for body in self.body_nodes:
            paras += paragraphs(body, leave_out, skip_noise=True)
        caption = self.image_caption()
        repeated = {_fold(caption.value)} if caption else set()
        out: list[str] = []
        for para in paras:
            if _fold(para) in repeated or (out and _fold(out[-1]) == _fold(para)):
                continue
            out.append(para)
        return out

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
        """The body before text-level boilerplate removal (the pipeline does that)."""
        return self._body

    def tags(self) -> Found[list[str]] | None:
        site: dict[str, None] = {}
        for a in self._outside_lists(self.column.css(TAG_LINK)):
            if text := string_of(a).lstrip("#").strip():
                site.setdefault(text, None)
        if site:
            return Found(list(site), Layer.SITE)
        # Not the keywords metas: SEEN site-wide ("berita daerah lampung terbaru, ...").
        values: list[str] = []
        keywords = self.structured.article.get("keywords")
        if isinstance(keywords, str):
            values = keywords.split(",")
        elif isinstance(keywords, list):
            values = [k for k in keywords if isinstance(k, str)]
        values = values or self.structured.metas.get("article:tag", [])
        structured = list(dict.fromkeys(text for v in values if (text := collapse_ws(v))))
        if structured:
            return Found(structured, Layer.STRUCTURED)
        return None

    def related(self) -> Found[list[RelatedLink]] | None:
        """The links of the related lists in the body, then of the boxes under a BERITA
        TERKAIT or ARTIKEL LAINNYA label: in page order, each article once, never this one."""
        anchors = [a for box in self.related_lists for a in box.css("a[href]")]
        anchors += labelled_box_links(self.page, self._links_article)
        links: dict[str, RelatedLink] = {}
        for a in anchors:
            slug = self.linked_slug(a.attrib["href"])
            if slug is None or slug == self.slug:
                continue
            if slug not in links:
                links[slug] = RelatedLink(
                    id=None, url=self.site.article_url(slug), title=link_title(a)
                )
            elif not links[slug]["title"]:  # an image link came first: the next names it
                links[slug]["title"] = link_title(a)
        if links:
            return Found(list(links.values()), Layer.SITE)
        return None

    def modified_at(self) -> Found[str] | None:
        """The site's own modification time (the timestamps stage parses it like
        ``published_at_raw``): JSON-LD ``dateModified``, else ``article:modified_time``, else
        ``og:updated_time``; the first that looks like a date, with the site's offset or zone
        added when it prints none. Never counted as missing."""
        for value in self.structured.modified_values():
            if looks_like_date(value):
                return Found(self._zoned_structured(value), Layer.STRUCTURED)
        return None

    def editor(self) -> Found[str] | None:
        """The name of an ``Editor: NAME`` line of the body. Most pages print initials
        instead (``[aji]``), which the boilerplate pipeline takes."""
        for line in self._site_paragraphs or self.lines:
            if (label := LABEL_LINE.fullmatch(line)) and label["editor"]:
                return Found(clean_inline(label["editor"]), Layer.TEXT)
        return None

    # ---- assembly ----------------------------------------------------------------------
    def extract(self, crawled_at: str) -> Extraction:
        """Every field with its layer, or the reason the page is not an article."""
        reason = classify.rejection(self)
        if reason is not None or self.slug is None:
            return Extraction(item=None, rejected=reason or "not_article_url")
        values, layers, missing = gather(self)
        item = ArticleItem(
            key=self.site.key(self.slug),
            id=None,
            url=self.site.article_url(self.slug),
            published_at=None,
            source=self.site.domain,
            crawled_at=crawled_at,
            **values,
        )
        return Extraction(item=item, layers=layers, missing=missing)


def image_stamp(url: str) -> dt.datetime | None:
    """The upload time in the name of an image of the platform (UTC): the first 8 hex digits of
    ``image_{size}_{hex13}`` are a PHP ``uniqid()``'s Unix second. None for any other URL, and
    when that second is not in the month of the image's folder (then it is no upload stamp)."""
    match = IMAGE_STAMP.search(urlsplit(url).path)
    if match is None:
        return None
    when = dt.datetime.fromtimestamp(int(match["hex"][:8], 16), dt.UTC)
    folder = (int(match["year"]), int(match["month"]))
    # The folder is the server's month, a few hours ahead of UTC.
    later = when + dt.timedelta(hours=9)
    if folder not in {(when.year, when.month), (later.year, later.month)}:
        return None
    return when


def _photo_captions(body: Selector) -> list[etree._Element]:
    """Photos inside the body with their captions (GUESS: the editor's markup is unknown):
    a short paragraph holding an image, and the paragraph after an image alone when all its
    text is emphasised (``<em>``, ``<i>``, ``<small>``)."""
    out: list[etree._Element] = []
    for el in body.xpath(".//*[self::p or self::div][.//img]"):
        text = text_of(el)
        if len(text) > MAX_CAPTION_CHARS:
            continue
        out.append(el.root)
        if text:
            continue
        following = el.xpath("following-sibling::*[1][self::p]")
        if following and _all_emphasised(following[0]):
            out.append(following[0].root)
    return out


def _all_emphasised(p: Selector) -> bool:
    own = collapse_ws(" ".join(p.xpath("text()").getall()))
    emphasised = collapse_ws(
        " ".join(p.xpath(".//em//text() | .//i//text() | .//small//text()").getall())
    )
    return not own and bool(emphasised) and emphasised == text_of(p)


def _offset(tz: dt.tzinfo) -> str:
    """``+07:00``: the ISO 8601 offset of a fixed zone."""
    return dt.datetime(2000, 1, 1, tzinfo=tz).isoformat()[-6:]


def _fold(text: str) -> str:
    return collapse_ws(text).casefold()


def _densest_paragraphs(page: Selector) -> list[str]:
    """The ``<p>`` texts of the element whose own ``<p>`` children hold the most text; none
    when that is under :data:`MIN_DENSE_CHARS`."""
    best: list[str] = []
    for parent in page.xpath("//*[p]"):
        if in_chrome(parent):
            continue
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
