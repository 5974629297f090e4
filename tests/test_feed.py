"""FeedPage: article links of RSS 2.0 and Atom feeds, nothing from other text."""

from __future__ import annotations

from rmolcrawler.pages.feed import FeedPage

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>RMOL Lampung</title>
<item><title>Satu</title><link>https://www.rmollampung.id/satu</link></item>
<item><title>Dua</title><link> https://www.rmollampung.id/dua </link></item>
<item><title>Satu lagi</title><link>https://www.rmollampung.id/satu</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>
<entry><title>Satu</title><link href="https://www.rmoljatim.id/satu"/></entry>
</feed>"""


def test_rss_links_in_order_each_once() -> None:
    assert FeedPage("u", RSS).links() == [
        "https://www.rmollampung.id/satu",
        "https://www.rmollampung.id/dua",
    ]


def test_atom_links() -> None:
    assert FeedPage("u", ATOM).links() == ["https://www.rmoljatim.id/satu"]


def test_an_html_page_or_garbage_is_no_feed() -> None:
    assert FeedPage("u", "<html><body><a href='/x'>x</a></body></html>").links() == []
    assert FeedPage("u", "").links() == []
