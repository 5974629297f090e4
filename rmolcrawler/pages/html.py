"""Small pure helpers over parsed HTML shared by the page classes.

Article pages are parsed with lxml's plain HTML parser: its elements skip the per-element
class lookup that ``lxml.html`` (and so parsel) pays each time Python touches a node, which
was a third of the extraction time (BENCHMARKS.md).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from html import unescape
from typing import Any, Final, cast

from lxml import etree

from rmolcrawler.normalize.text import collapse_ws, single_spaced

Element = etree._Element

_PARSER = etree.HTMLParser()
# lxml's mapping over a document's id table (what etree.XMLDTDID returns; not exported by name).
_IdTable: Callable[[Element], Mapping[str, Element]] | None = getattr(etree, "_IDDict", None)
_BYTES_PARSER = etree.HTMLParser(encoding="utf-8")
_EMPTY = b"<html></html>"

# Tags that start a new paragraph when walking text.
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
# Whole elements that never hold article text: code, embeds, ad containers (rmol-site.md).
NOISE_TAGS = frozenset(
    {
        "iframe",
        "ins",
        "button",
        "form",
        "select",
        "amp-ad",
        "amp-analytics",
        "amp-sticky-ad",
        "amp-iframe",
        "object",
        "embed",
    }
)
# Elements whose content is never visible text.
INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})
NOISE_CLASS = re.compile(r"space-|border_black|adsbygoogle|\bads?\b|advert|share|sosmed|social")


def parse_html(html: str) -> Element:
    """The root element of ``html``; an empty ``<html>`` when there is nothing to parse."""
    root: Element | None = None
    try:
        # isspace() rather than strip(): no copy of the page when it ends in a newline.
        root = etree.fromstring(html, _PARSER) if html and not html.isspace() else None
    except ValueError:  # text that declares its encoding (<?xml ... encoding=...?>)
        root = _parse_bytes(html.encode("utf-8", "replace"))
    except etree.XMLSyntaxError:
        root = None
    return root if root is not None else etree.fromstring(_EMPTY, _BYTES_PARSER)


def _parse_bytes(data: bytes) -> Element | None:
    try:
        return etree.fromstring(data, _BYTES_PARSER)
    except etree.XMLSyntaxError:
        return None


_BY_ID = etree.XPath("id($value)")


def element_by_id(root: Element, value: str) -> Element | None:
    """The element libxml2's id table holds for ``value`` in ``root``'s document, as XPath
    ``id()`` answers: the first with that ``id`` attribute, or an ``<a name>``.

    lxml's mapping over that table (what ``etree.XMLDTDID`` returns) answers in about 3 us,
    where an XPath evaluation costs 20 us or more on a freshly parsed page. XPath answers when
    this lxml has no such mapping.
    """
    if _IdTable is None:
        found = _BY_ID(root, value=value)
        return found[0] if isinstance(found, list) and found else None  # type: ignore[return-value]
    try:
        return _IdTable(root)[value]
    except (KeyError, ValueError):  # not in the table; a document without one
        return None


# What paragraphs() puts into the text at a block's edges (see there).
_BLOCK_EDGE: Final = "\x00"


def paragraphs(root: Element, *, skip_noise: bool = True) -> list[str]:
    """Visible text of ``root`` split into paragraphs at block tags and ``<br><br>``.

    Noise elements (scripts, ad slots, related boxes) are skipped but their tail text kept,
    because lxml attaches the text after an element to that element.
    """
    # Block edges go into the text as NUL, which no lxml text or tail can hold (libxml2 reads
    # it as U+FFFD; lxml refuses it in values it is given), so one split at the end finds the
    # paragraphs: cheaper than joining each paragraph's pieces at both edges of every block.
    pieces: list[str] = []
    add = pieces.append

    def walk(el: Element) -> None:
        tag = el.tag
        if not isinstance(tag, str) or tag in INVISIBLE_TAGS:  # comments, code
            return
        if skip_noise:
            if tag in NOISE_TAGS:
                return
            cls = el.get("class")
            if cls and NOISE_CLASS.search(cls):
                return
        block = tag in BLOCK_TAGS
        if block:
            add(_BLOCK_EDGE)
        elif tag == "br":
            add("\n")
        text = el.text
        if text:
            add(text)
        if len(el):
            for child in el:
                walk(child)
                tail = child.tail
                if tail:
                    add(tail)
        if block:
            add(_BLOCK_EDGE)

    walk(root)
    # Most often what lies between two blocks is the newline of the source: not a paragraph.
    texts = [t for t in "".join(pieces).split(_BLOCK_EDGE) if t and not t.isspace()]
    return _collapsed(texts)


def _collapsed(texts: list[str]) -> list[str]:
    """``texts`` through :func:`collapse_ws`, empty results dropped. A body's paragraphs are
    mostly clean already: with none starting or ending in a space, one check of them all
    joined answers for each (no run of spaces can form where two meet)."""
    for text in texts:
        if text[0] == " " or text[-1] == " ":
            break
    else:
        if single_spaced("".join(texts)):
            return texts
    return [text for text in map(collapse_ws, texts) if text]


def text_of(el: Element) -> str:
    """Collapsed visible text of one element."""
    if len(el):
        return " ".join(paragraphs(el, skip_noise=True))
    # A heading, link or list item with text only: what the walk would give, without it.
    tag = el.tag
    if not isinstance(tag, str) or tag in INVISIBLE_TAGS or tag in NOISE_TAGS:
        return ""
    cls = el.get("class")
    return "" if cls and NOISE_CLASS.search(cls) else collapse_ws(el.text or "")


def text_nodes(el: Element) -> Iterator[str]:
    """The text nodes under ``el`` in document order (an HTML tree holds no bytes)."""
    return cast("Iterator[str]", el.itertext())


def text_content(el: Element) -> str:
    """Every text node under ``el``, script text included, as XPath ``string()`` gives it."""
    if not len(el):  # most links: one text node, read without a walk
        return el.text or ""
    parts: list[str] = []
    _text_until(el, parts, sys.maxsize)
    return "".join(parts)


def text_prefix(el: Element, size: int) -> str:
    """The first ``size`` characters of :func:`text_content`, without reading the rest."""
    parts: list[str] = []
    _text_until(el, parts, size)
    return "".join(parts)[:size]


def _text_until(el: Element, parts: list[str], size: int) -> int:
    """Add ``el``'s text content to ``parts`` until ``size`` characters; say how many are
    still wanted (a walk costs less than setting up ``itertext()`` for a short prefix)."""
    if el.text:
        parts.append(el.text)
        size -= len(el.text)
    for child in el:
        if size <= 0:
            break
        if isinstance(child.tag, str):  # a comment's or PI's own text is not text content
            size = _text_until(child, parts, size)
        if child.tail and size > 0:
            parts.append(child.tail)
            size -= len(child.tail)
    return size


def elements_after(container: Element, el: Element) -> Iterator[Element]:
    """The elements of ``container`` after ``el`` in document order, ``el``'s own descendants
    first, without walking what comes before it."""
    below = el.iter(etree.Element)
    next(below)  # el itself
    yield from below
    node: Element | None = el
    while node is not None and node is not container:
        for sibling in node.itersiblings(etree.Element):
            yield from sibling.iter(etree.Element)
        node = node.getparent()


def has_class(token: str) -> Callable[[Element], bool]:
    """A test for the CSS class selector ``.token``."""

    def test(el: Element) -> bool:
        cls = el.get("class")
        return cls is not None and token in cls and token in cls.split()

    return test


class Ancestry:
    """Whether an element sits inside one that passes ``test``, remembered per ancestor.

    Elements of one page share most ancestors (menus, columns), so each ancestor is tested
    once however many links or list items sit below it.
    """

    def __init__(self, test: Callable[[Element], bool]) -> None:
        self.test = test
        self.known: dict[Element, bool] = {}

    def __call__(self, el: Element) -> bool:
        """Whether a proper ancestor of ``el`` passes the test."""
        path: list[Element] = []
        node = el.getparent()
        result = False
        while node is not None:
            known = self.known.get(node)
            if known is None and self.test(node):
                known = self.known[node] = True
            if known is not None:
                result = known
                break
            path.append(node)
            node = node.getparent()
        for seen in path:
            self.known[seen] = result
        return result


# HTML elements that never hold text of their own: text after one is its tail.
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
# The tag that ends right before a stretch of text: its name, and whether it closes.
_TAG_IN_FRONT = re.compile(r"(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9:-]*)[^<>]*>")


def reads_as_label(text: str | None, needles: tuple[str, ...], labels: frozenset[str]) -> bool:
    """Whether ``text`` holds a needle and reads as one of ``labels`` once whitespace is
    collapsed and letters upper-cased."""
    if text:
        for needle in needles:
            if needle in text:
                return collapse_ws(text).upper() in labels
    return False


def holds_label(el: Element, needles: tuple[str, ...], labels: frozenset[str]) -> bool:
    """Whether a text node of ``el``'s own (its text or a child's tail) reads as a label."""
    if reads_as_label(el.text, needles, labels):
        return True
    if len(el):
        for child in el:  # a loop: any() over a generator takes half again the time
            if reads_as_label(child.tail, needles, labels):
                return True
    return False


# libxml2 stops counting source lines here (lxml does not ask for big line numbers).
_LAST_LINE = 65535


def label_holders(
    root: Element, html: str, needles: tuple[str, ...], labels: frozenset[str]
) -> list[Element]:
    """Elements, in document order, with a text node of their own that holds a needle and
    reads as one of ``labels`` once whitespace is collapsed and letters upper-cased.

    ``html`` is the source of ``root``. The needles are found in it first, and only those whose
    stretch of source text reads as a label are kept. Then, level by level, only children
    whose source lines can hold one are entered: a child's text lies between its start tag's
    line and the next sibling's, and siblings start in line order. So the page is not walked
    node by node in Python to find a heading. A needle spelled with character references in
    the source is not seen.
    """

    def is_label(text: str | None) -> bool:
        return reads_as_label(text, needles, labels)

    found = [
        at for at in sorted(_occurrences(html, needles)) if is_label(_source_text_around(html, at))
    ]
    if not found:
        return []
    by_tag = _holders_by_tag(root, html, found, is_label)
    if by_tag is not None:
        return by_tag
    lines: list[int] = []
    line, counted = 1, 0
    for at in found:
        line += html.count("\n", counted, at)  # one pass over the source, however many
        counted = at
        if not lines or lines[-1] != line:
            lines.append(line)
    if lines[-1] >= _LAST_LINE:
        return [el for el in root.iter(etree.Element) if any(map(is_label, _own_texts(el)))]
    out: list[Element] = []
    stack: list[tuple[Element, list[int]]] = [(root, lines)]
    while stack:
        el, wanted = stack.pop()
        count = len(el)
        picked: dict[int, list[int]] = {}
        own_text = False
        for line in wanted:
            first = _first_starting(el, count, line, after=False)
            stop = _first_starting(el, count, line, after=True)
            own_text = own_text or first == 0
            for index in range(max(first - 1, 0), stop):
                picked.setdefault(index, []).append(line)
        children = [(el[index], picked[index]) for index in sorted(picked)]
        if (own_text and is_label(el.text)) or any(is_label(c.tail) for c, _ in children):
            out.append(el)
        # Siblings sharing a line are told apart by whether their text holds a needle at all.
        inner = [(c, ls) for c, ls in children if isinstance(c.tag, str)]
        if len(inner) > 1:
            inner = [(c, ls) for c, ls in inner if _holds(_subtree_text(c), needles)]
        stack.extend(reversed(inner))
    return out


def _holders_by_tag(
    root: Element, html: str, found: list[int], is_label: Callable[[str | None], bool]
) -> list[Element] | None:
    """The holders of the labels at positions ``found``, told by the tag in front of each:
    text after ``<h3 ...>`` is the ``.text`` of an ``h3``, text after ``</b>`` or ``<br>`` the
    ``.tail`` of a ``b`` or ``br``. None unless every label maps to exactly one text node of
    its tag that reads as a label, and no two labels to the same one (two alike headings, a
    parser repair, a comment in front): :func:`label_holders` then walks the lines instead.
    """
    by_tag: dict[str, list[Element]] = {}
    nodes: set[tuple[Element, bool]] = set()
    for at in found:
        opened = html.rfind("<", 0, at)
        match = _TAG_IN_FRONT.match(html, opened + 1)
        if match is None:
            return None
        closing, name = bool(match["close"]), match["name"].lower()
        if name not in by_tag:
            by_tag[name] = list(root.iter(name))
        if closing or name in VOID_TAGS:
            hits = [(el, True) for el in by_tag[name] if is_label(el.tail)]
        else:
            hits = [(el, False) for el in by_tag[name] if is_label(el.text)]
        if len(hits) != 1 or hits[0] in nodes:
            return None
        nodes.add(hits[0])
    holders: set[Element] = set()
    for el, is_tail in nodes:
        holder = el.getparent() if is_tail else el
        if holder is None:
            return None
        holders.add(holder)
    if len(holders) == 1:
        return list(holders)
    return [el for el in root.iter(etree.Element) if el in holders]  # in document order


def _subtree_text(el: Element) -> str:
    text: str = etree.tostring(el, method="text", encoding=str, with_tail=False)
    return text


def _holds(text: str, needles: tuple[str, ...]) -> bool:
    return any(needle in text for needle in needles)


def _source_text_around(html: str, at: int) -> str | None:
    """The stretch of text between two tags that holds position ``at`` of ``html``, entities
    decoded; None when ``at`` is inside a tag."""
    start = html.rfind(">", 0, at) + 1
    if html.rfind("<", 0, at) >= start:
        return None
    end = html.find("<", at)
    text = html[start : end if end >= 0 else len(html)]
    return unescape(text) if "&" in text else text


def _own_texts(el: Element) -> list[str | None]:
    return [el.text, *(child.tail for child in el)]


def _first_starting(el: Element, count: int, line: int, *, after: bool) -> int:
    """Index of the first child of ``el`` starting at or after ``line`` (after it: ``after``)."""
    low, high = 0, count
    while low < high:
        mid = (low + high) // 2
        start = _line(el[mid])
        if start < line or (after and start == line):
            low = mid + 1
        else:
            high = mid
    return low


def _line(el: Element) -> int:
    """The source line of ``el``'s start tag; 0 when unknown."""
    line = el.sourceline
    return line if isinstance(line, int) else 0


def _occurrences(text: str, needles: tuple[str, ...]) -> Iterator[int]:
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            yield at
            at = text.find(needle, at + len(needle))


def json_ld_objects(scripts: Iterable[Element]) -> Iterator[dict[str, Any]]:
    """Every JSON object in ``<script type="application/ld+json">``, flattening ``@graph``."""
    for script in scripts:
        if script.get("type") != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except ValueError:
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [])
                yield item


NEWS_TYPES = frozenset(
    {
        "NewsArticle",
        "Article",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BlogPosting",
    }
)


def news_article(scripts: Iterable[Element]) -> dict[str, Any]:
    """The first JSON-LD object typed as a (news) article; empty when absent."""
    for obj in json_ld_objects(scripts):
        types = obj.get("@type")
        names = types if isinstance(types, list) else [types]
        if any(t in NEWS_TYPES for t in names if isinstance(t, str)):
            return obj
    return {}


def meta_properties(metas: Iterable[Element]) -> dict[str, list[str]]:
    """``<meta property|name=... content=...>`` values by lower-cased key, in page order."""
    out: dict[str, list[str]] = {}
    for node in metas:
        content = node.get("content")
        if content is None:
            continue
        key = node.get("property") or node.get("name") or ""
        value = content.strip()
        if key and value:
            out.setdefault(key.strip().lower(), []).append(value)
    return out


def ld_text(value: Any) -> str | None:
    """A JSON-LD value reduced to text: strings, ``{"name": ...}`` and first list items."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("url") or value.get("@id")
    if isinstance(value, str | int | float):
        text = collapse_ws(str(value))
        return text or None
    return None


def ld_url(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id")
    return value.strip() if isinstance(value, str) and value.strip() else None
