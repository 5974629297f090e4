"""Related-link lists inside a regional article's body.

SEEN in the text of regional articles: a list of three related links after the first paragraph,
with no label. Its markup is unknown, so it is found as rmol.id's boxes are, by the links' URL
pattern and not by class: an element of the body whose text lies entirely in links to articles
of the site, or whose text outside its links is only a ``Baca Juga`` / ``Berita Terkait``
label. Boxes after the body, under a label, are :func:`rmolcrawler.pages.related.labelled_box_links`'s.
"""

from __future__ import annotations

import re

from lxml import etree
from parsel import Selector

from rmolcrawler.normalize.text import collapse_ws
from rmolcrawler.pages.related import HOLDS_LINK, IN_BODY_LABEL, TEXT_OUTSIDE_LINKS, IsArticle

# Text that may stand between the links of a list: bullets, separators and punctuation.
NO_WORDS = re.compile(r"[\W_]*")


def in_body_lists(body: Selector, is_article: IsArticle) -> list[Selector]:
    """The related lists inside ``body``, outermost only, in page order: elements linking an
    article whose text outside their links is nothing, or a related-box label alone."""
    lists: list[Selector] = []
    inside: set[etree._Element] = set()
    for el in body.xpath(HOLDS_LINK):
        if el.root in inside:
            continue
        outside = collapse_ws(" ".join(el.xpath(TEXT_OUTSIDE_LINKS).getall()))
        if not (NO_WORDS.fullmatch(outside) or IN_BODY_LABEL.fullmatch(outside)):
            continue
        links = el.css("a[href]")
        if any(is_article(a.attrib["href"]) for a in links) and any(
            collapse_ws(a.xpath("string()").get() or "") for a in links
        ):
            lists.append(el)
            inside.update(el.root.iterdescendants())
    return lists
