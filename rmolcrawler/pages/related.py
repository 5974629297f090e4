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

# An element with a text node of its own that reads as a box label, in any case.
_UPPER = "translate(., 'abcdefghijklmnopqrstuvwxyz\u00a0', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ')"
_LABEL_TEXT = (
    f"text()[normalize-space({_UPPER}) = 'ARTIKEL LAINNYA'"
    f" or normalize-space({_UPPER}) = 'BERITA TERKAIT']"
)
LABELLED_HEADING = " | ".join(f"//h{n}[{_LABEL_TEXT}]" for n in range(1, 7))
LABELLED_ELEMENT = f"//*[not(self::script or self::style)][{_LABEL_TEXT}]"
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# How far above its label a box may start (its markup is unknown).
LABEL_CLIMB = 3


def in_body_boxes(body: Selector, is_article: IsArticle) -> list[Selector]:
    """The related boxes inside the body, outermost only, in page order: elements whose text
    outside their links is only a ``BERITA TERKAIT`` or ``Baca Juga`` label, linking an article.
    """
    boxes: list[Selector] = []
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
    for label in page.xpath(LABELLED_HEADING) or page.xpath(LABELLED_ELEMENT):
        for container in label.xpath(f"ancestor::*[position() <= {LABEL_CLIMB}]")[::-1]:
            links = [a for a in _links_after(container, label) if is_article(a.attrib["href"])]
            if links:
                out.extend(links)
                break
    return out


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
