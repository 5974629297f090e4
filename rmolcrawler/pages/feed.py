"""Pure link discovery in an RSS 2.0 or Atom feed (GUESS: the regional sites' `/rss/...`)."""

from __future__ import annotations

from parsel import Selector

# RSS 2.0 items, then Atom entries (namespace-agnostic: feeds differ in how they declare it).
ITEM_LINKS = "//item/link/text() | //*[local-name()='entry']/*[local-name()='link']/@href"


class FeedPage:
    """A feed's article links, in feed order; none when the text is not a feed."""

    def __init__(self, url: str, text: str) -> None:
        self.url = url
        self.text = text

    def links(self) -> list[str]:
        if "<rss" not in self.text[:2000] and "<feed" not in self.text[:2000]:
            return []  # an HTML page (a 200 "not found", a redirect to the home page)
        try:
            selector = Selector(text=self.text, type="xml")
        except ValueError:
            return []
        seen: dict[str, None] = {}
        for link in selector.xpath(ITEM_LINKS).getall():
            if link.strip():
                seen.setdefault(link.strip(), None)
        return list(seen)
