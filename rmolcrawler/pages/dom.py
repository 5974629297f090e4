"""The visible text of a parsed page: what a reader sees of a node, split into paragraphs.

Pages are parsed once, by :func:`parse`, into a parsel :class:`~parsel.Selector`. The page
classes select nodes with CSS and XPath, and read their text with :func:`paragraphs` or
:func:`text_of`, which leave out invisible elements and, on request, the page's noise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree
from parsel import Selector

from rmolcrawler.normalize.text import collapse_ws

# Inline noise (rmol-site.md): "script, style, iframe, ins and elements whose class contains
# space-, border_black or adsbygoogle"; also other embeds, forms, and ad, share and social blocks.
NOISE = etree.XPath(
    "descendant-or-self::*[self::iframe or self::ins or self::button or self::form"
    " or self::select or self::object or self::embed or self::amp-ad or self::amp-analytics"
    " or self::amp-sticky-ad or self::amp-iframe"
    r" or re:test(@class, 'space-|border_black|adsbygoogle|\bads?\b|advert|share|sosmed|social')]",
    namespaces={"re": "http://exslt.org/regular-expressions"},
)
# Sidebars, menus, headers and footers, by class or id (GUESS): what they hold (tags, photos,
# players) is not the article's.
CHROME = re.compile("sidebar|widget|populer|popular|trending|terkini|footer|header|menu|nav", re.I)
# Elements whose content is never visible text.
INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})
# Elements that start a new paragraph.
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "ul",
        "ol",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "figure",
        "figcaption",
        "table",
        "tr",
        "td",
        "th",
        "pre",
        "dl",
        "dt",
        "dd",
        "form",
        "main",
        "center",
        "hr",
    }
)


def parse(html: str) -> Selector:
    """The page as a selector; an empty ``<html>`` when there is nothing to parse."""
    try:
        return Selector(text=html or "<html/>", type="html")
    except UnicodeEncodeError:  # a lone surrogate: text decoded with errors="surrogateescape"
        return Selector(text=html.encode("utf-8", "replace").decode("utf-8"), type="html")


def noise(node: Selector) -> list[etree._Element]:
    """The noise elements in ``node``, ``node`` itself included."""
    found = NOISE(node.root)
    return found if isinstance(found, list) else []  # type: ignore[return-value]


def paragraphs(node: Selector, leave_out: Iterable[etree._Element] = ()) -> list[str]:
    """The visible text of ``node`` split at block elements, each paragraph with its whitespace
    collapsed, empty ones dropped. Elements in ``leave_out`` are skipped with their content;
    the text that follows one (lxml's ``tail``) is kept."""
    skipped = set(leave_out)
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = collapse_ws("".join(buf))
        if text:
            out.append(text)
        buf.clear()

    def walk(el: etree._Element) -> None:
        tag = el.tag
        if not isinstance(tag, str) or tag in INVISIBLE_TAGS or el in skipped:
            return  # comments and processing instructions, invisible and left-out elements
        block = tag in BLOCK_TAGS
        if block:
            flush()
        elif tag == "br":
            buf.append("\n")
        buf.append(el.text or "")
        for child in el:
            walk(child)
            buf.append(child.tail or "")
        if block:
            flush()

    if isinstance(node.root, etree._Element):
        walk(node.root)
    flush()
    return out


def text_of(node: Selector) -> str:
    """The visible text of one element on one line, noise left out."""
    return " ".join(paragraphs(node, noise(node)))


def string_of(node: Selector) -> str:
    """Every text node under ``node``, collapsed: XPath ``string()``, script text included."""
    return collapse_ws(node.xpath("string()").get() or "")


def in_chrome(node: Selector) -> bool:
    """Whether ``node`` sits in a sidebar, menu, header or footer (:data:`CHROME`)."""
    return any(
        CHROME.search(f"{el.get('class', '')} {el.get('id', '')}")
        for el in node.root.iterancestors()
    )
