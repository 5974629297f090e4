"""Related-link boxes: which links of a page point to related articles.

Two kinds (rmol-site.md), whose markup is unknown, so both are found by their label and by the
article-URL pattern of their links, not by class:

- boxes inside the body, between paragraphs: a ``BERITA TERKAIT`` (SEEN as a label) or
  ``Baca Juga`` line or card block. Its text outside its links is the label alone. The body
  leaves such a box out, and its links are related articles;
- boxes after the body, under a label such as ``ARTIKEL LAINNYA`` (SEEN as a heading).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, cast

from lxml import etree
from parsel import Selector

from rmolcrawler.normalize.text import collapse_ws

IsArticle = Callable[[str], bool]
"""Whether an ``href`` of the page links an article."""

# Elements of the body holding a link: the candidates for an in-body box.
HOLDS_LINK = ".//*[.//a[@href]]"
# The text of an element outside its links (and outside scripts and styles).
TEXT_OUTSIDE_LINKS = ".//text()[not(ancestor::a or ancestor::script or ancestor::style)]"
IN_BODY_LABEL = re.compile(r"[\W_]*(?:BERITA\s+TERKAIT|BACA\s+JUGA)[\W_]*", re.I)
IN_BODY_LABEL_WORDS = re.compile(r"BERITA\s+TERKAIT|BACA\s+JUGA", re.I)

# Labels of the boxes after the body, in any case once spaces are collapsed.
BOX_LABELS = frozenset({"ARTIKEL LAINNYA", "BERITA TERKAIT"})
# Text nodes that may hold such a label: printed in capitals, title case or lower case.
LABEL_CANDIDATES = etree.XPath(
    "//text()[contains(., 'LAINNYA') or contains(., 'Lainnya') or contains(., 'lainnya')"
    " or contains(., 'TERKAIT') or contains(., 'Terkait') or contains(., 'terkait')]"
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# How far above its label a box may start (its markup is unknown).
LABEL_CLIMB = 3


def in_body_boxes(body: Selector, is_article: IsArticle) -> list[Selector]:
    """The related boxes inside the body, outermost only, in page order: elements whose text
    outside their links is only a ``BERITA TERKAIT`` or ``Baca Juga`` label, linking an article.
    """
    boxes: list[Selector] = []
    if not IN_BODY_LABEL_WORDS.search(body.xpath("string()").get() or ""):
        return boxes  # no label anywhere in the body, so no box
    inside: set[etree._Element] = set()
    for el in body.xpath(HOLDS_LINK):
        if el.root in inside:
            continue
        label = collapse_ws(" ".join(el.xpath(TEXT_OUTSIDE_LINKS).getall()))
        if IN_BODY_LABEL.fullmatch(label) and any(
            map(is_article, el.css("a::attr(href)").getall())
        ):
            boxes.append(el)
            inside.update(el.root.iterdescendants())
    return boxes


def labelled_box_links(page: Selector, is_article: IsArticle) -> list[Selector]:
    """Article links of the boxes under an ``ARTIKEL LAINNYA`` or ``BERITA TERKAIT`` label.

    Labels in heading elements (as ARTIKEL LAINNYA is SEEN) count; labels in other elements
    only when no heading holds one. From each label, climb until a container holds article
    links after the label, up to the next heading that is not a link itself.
    """
    out: list[Selector] = []
    for label in _label_holders(page):
        for container in label.xpath(f"ancestor::*[position() <= {LABEL_CLIMB}]")[::-1]:
            links = [a for a in _links_after(container, label) if is_article(a.attrib["href"])]
            if links:
                out.extend(links)
                break
    return out


def _label_holders(page: Selector) -> list[Selector]:
    """Elements with a text node of their own (their text, or a child's tail) that reads as a
    box label, in page order: the headings that do, or any element when no heading does."""
    headings = [h for h in page.root.iter(*HEADING_TAGS) if _reads_as_label(h)]
    if headings:
        return [Selector(root=h) for h in headings]
    holders: list[etree._Element] = []
    for text in cast("list[Any]", LABEL_CANDIDATES(page.root)):
        holder = text.getparent().getparent() if text.is_tail else text.getparent()
        if holder is None or holder.tag in ("script", "style") or holder in holders:
            continue
        if collapse_ws(text).upper() in BOX_LABELS:
            holders.append(holder)
    return [Selector(root=el) for el in holders]


def _reads_as_label(el: etree._Element) -> bool:
    own_texts = [el.text, *(child.tail for child in el)]
    return any(text and collapse_ws(text).upper() in BOX_LABELS for text in own_texts)


def _links_after(container: Selector, label: Selector) -> Iterator[Selector]:
    """The ``<a href>`` of ``container`` after ``label`` in page order, up to the next heading
    element without a link (the next box's label; card titles are headings holding a link)."""
    started = False
    for el in container.root.iter(etree.Element):
        if el is label.root:
            started = True
        elif started:
            if el.tag in HEADING_TAGS and next(el.iter("a"), None) is None:
                return
            if el.tag == "a" and el.get("href"):
                yield Selector(root=el)


def link_title(a: Selector) -> str:
    """A related link's title: its text, else its ``title`` attribute."""
    return collapse_ws(a.xpath("string()").get() or "") or collapse_ws(a.attrib.get("title", ""))
