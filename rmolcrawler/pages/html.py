"""Small pure helpers over parsed HTML shared by the page classes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement
from parsel import Selector

from rmolcrawler.normalize.text import collapse_ws

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


def is_noise(el: HtmlElement) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in NOISE_TAGS:
        return True
    cls = el.get("class")
    return bool(cls and NOISE_CLASS.search(cls))


def paragraphs(root: HtmlElement, *, skip_noise: bool = True) -> list[str]:
    """Visible text of ``root`` split into paragraphs at block tags and ``<br><br>``.

    Noise elements (scripts, ad slots, related boxes) are skipped but their tail text kept,
    because lxml attaches the text after an element to that element.
    """
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = collapse_ws("".join(buf))
        if text:
            out.append(text)
        buf.clear()

    def walk(el: HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in INVISIBLE_TAGS:  # comments, processing instructions, code
            return
        if skip_noise and is_noise(el):
            return
        block = tag in BLOCK_TAGS
        if block:
            flush()
        if tag == "br":
            buf.append("\n")
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                buf.append(child.tail)
        if block:
            flush()

    walk(root)
    flush()
    return out


def text_of(sel: Selector) -> str:
    """Collapsed visible text of one selected element."""
    root = sel.root
    if isinstance(root, str):
        return collapse_ws(root)
    return " ".join(paragraphs(root, skip_noise=True))


def first_text(sel: Selector, css: str) -> str | None:
    for found in sel.css(css):
        text = text_of(found)
        if text:
            return text
    return None


def json_ld_objects(sel: Selector) -> Iterator[dict[str, Any]]:
    """Every JSON object in ``<script type="application/ld+json">``, flattening ``@graph``."""
    for raw in sel.xpath('//script[@type="application/ld+json"]/text()').getall():
        try:
            data = json.loads(raw, strict=False)
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


def news_article(sel: Selector) -> dict[str, Any]:
    """The first JSON-LD object typed as a (news) article; empty when absent."""
    for obj in json_ld_objects(sel):
        types = obj.get("@type")
        names = types if isinstance(types, list) else [types]
        if any(t in NEWS_TYPES for t in names if isinstance(t, str)):
            return obj
    return {}


def meta_properties(sel: Selector) -> dict[str, list[str]]:
    """``<meta property|name=... content=...>`` values by lower-cased key, in page order."""
    out: dict[str, list[str]] = {}
    for node in sel.xpath("//meta[@content]"):
        key = node.attrib.get("property") or node.attrib.get("name") or ""
        value = node.attrib.get("content", "").strip()
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
