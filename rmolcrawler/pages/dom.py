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
# (Scripts and styles are invisible anyway: INVISIBLE_TAGS.)
NOISE_TAGS = frozenset(
    {
        "iframe",
        "ins",
        "button",
        "form",
        "select",
        "object",
        "embed",
        "amp-ad",
        "amp-analytics",
        "amp-sticky-ad",
        "amp-iframe",
    }
)
NOISE_CLASS = re.compile(r"space-|border_black|adsbygoogle|\bads?\b|advert|share|sosmed|social")
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


# libxml2's HTML parser, as parsel's own but with lxml's plain elements: lxml.html's element
# classes cost a lookup each time Python touches a node, about a tenth of the extraction time.
PARSER = etree.HTMLParser(recover=True, encoding="utf-8")
EMPTY = b"<html/>"


def parse(html: str) -> Selector:
    """The page as a selector; an empty ``<html>`` when there is nothing to parse."""
    # As parsel does: NUL characters dropped, the text given to libxml2 as UTF-8 (a lone
    # surrogate, from text decoded with errors="surrogateescape", becomes "?").
    data = html.strip().replace("\x00", "").encode("utf-8", "replace") or EMPTY
    root = etree.fromstring(data, parser=PARSER)
    if root is None:
        root = etree.fromstring(EMPTY, parser=PARSER)
    return Selector(root=root, type="html")


def is_noise(el: etree._Element) -> bool:
    """Whether ``el`` is inline noise: :data:`NOISE_TAGS`, or a :data:`NOISE_CLASS` class."""
    return el.tag in NOISE_TAGS or NOISE_CLASS.search(el.get("class") or "") is not None


def paragraphs(
    node: Selector, leave_out: Iterable[etree._Element] = (), *, skip_noise: bool = False
) -> list[str]:
    """The visible text of ``node`` split at block elements, each paragraph with its whitespace
    collapsed, empty ones dropped. Elements in ``leave_out``, and noise with ``skip_noise``
    (:func:`is_noise`), are skipped with their content; the text that follows one (lxml's
    ``tail``) is kept."""
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
        if skip_noise and is_noise(el):
            return
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
    return " ".join(paragraphs(node, skip_noise=True))


def string_of(node: Selector) -> str:
    """Every text node under ``node``, collapsed: XPath ``string()``, script text included."""
    return collapse_ws(node.xpath("string()").get() or "")


def in_chrome(node: Selector) -> bool:
    """Whether ``node`` sits in a sidebar, menu, header or footer (:data:`CHROME`)."""
    return any(
        CHROME.search(f"{el.get('class', '')} {el.get('id', '')}")
        for el in node.root.iterancestors()
    )
