"""The HTML helpers the article page is built on, checked against their plain definitions."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lxml import etree

import rmolcrawler.pages.html as html_module
from rmolcrawler.normalize.text import collapse_ws
from rmolcrawler.pages.html import (
    Ancestry,
    _holders_by_tag,
    _occurrences,
    element_by_id,
    elements_after,
    has_class,
    label_holders,
    paragraphs,
    parse_html,
    text_content,
    text_of,
    text_prefix,
)

FIXTURES = Path(__file__).parent / "fixtures"
NEEDLES = ("LAINNYA", "Lainnya", "TERKAIT")
LABELS = frozenset({"ARTIKEL LAINNYA", "BERITA TERKAIT"})
# The definition label_holders must agree with: every text node with a needle, its parent.
CANDIDATES = etree.XPath(
    '//text()[contains(., "LAINNYA") or contains(., "Lainnya") or contains(., "TERKAIT")]/..'
)


def _reads_as_label(text: str | None) -> bool:
    return (
        text is not None and any(n in text for n in NEEDLES) and collapse_ws(text).upper() in LABELS
    )


def expected_holders(root: etree._Element) -> list[etree._Element]:
    return [
        el
        for el in CANDIDATES(root)  # type: ignore[union-attr]
        if any(_reads_as_label(t) for t in [el.text, *(c.tail for c in el)])
    ]


# Every fixture page (the two regional listings are real pages), read once.
PAGE_SOURCES = [
    p.read_bytes().decode("utf-8", "replace") for p in sorted(FIXTURES.glob("*/page.html"))
]


def _layouts(html: str) -> list[str]:
    """The same page on one line, with CRLF, and with every tag on its own line."""
    return [html, html.replace("\n", ""), html.replace("\n", "\r\n"), html.replace(">", ">\n")]


@pytest.mark.parametrize("index", range(len(PAGE_SOURCES)))
def test_label_holders_match_the_definition_on_real_layouts(index: int) -> None:
    for html in _layouts(PAGE_SOURCES[index]):
        root = parse_html(html)
        assert label_holders(root, html, NEEDLES, LABELS) == expected_holders(root)


_TAGS = ["div", "p", "span", "h3", "ul", "li", "a", "b", "table", "td", "script", "br"]
_TEXTS = [
    "ARTIKEL LAINNYA",
    "ARTIKEL&nbsp;LAINNYA",
    " ARTIKEL \n LAINNYA ",
    "&#65;RTIKEL LAINNYA",
    "x > ARTIKEL LAINNYA",
    "BERITA TERKAIT",
    "BERITA TERKAIT:",
    "Artikel Lainnya",
    "teks",
    "\n",
    "<!-- LAINNYA -->",
    "</p>",
]


def _random_markup(rng: random.Random, depth: int = 0) -> str:
    parts = []
    for _ in range(rng.randint(0, 5)):
        if rng.random() < 0.4 and depth < 6:
            tag = rng.choice(_TAGS)
            attr = ' title="ARTIKEL\nLAINNYA"' if rng.random() < 0.1 else ""
            sep = "\n" if rng.random() < 0.5 else ""
            close = f"</{tag}>" if rng.random() < 0.85 else ""  # unclosed tags too
            parts.append(f"<{tag}{attr}>{sep}{_random_markup(rng, depth + 1)}{sep}{close}")
        else:
            parts.append(rng.choice(_TEXTS) + "\n" * rng.randint(0, 2))
    return "".join(parts)


def test_label_holders_match_the_definition_on_random_markup() -> None:
    for seed in range(1500):
        rng = random.Random(seed)
        html = f"<html><body>{_random_markup(rng)}</body></html>"
        root = parse_html(html)
        assert label_holders(root, html, NEEDLES, LABELS) == expected_holders(root), seed


def test_label_holders_past_the_last_counted_line() -> None:
    # libxml2 stops counting lines at 65535; the search must still find the heading.
    rows = "\n".join(f"<p>{i}</p>" for i in range(66_000))
    html = f"<html><body>{rows}\n<div><h3>ARTIKEL LAINNYA</h3></div></body></html>"
    root = parse_html(html)
    assert [el.tag for el in label_holders(root, html, NEEDLES, LABELS)] == ["h3"]


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<!-- only a comment -->", '<?xml version="1.0" encoding="utf-8"?><p>x</p>'],
)
def test_parse_html_always_gives_a_root(html: str) -> None:
    root = parse_html(html)
    assert root.tag == "html"


def test_parse_html_keeps_text_of_a_declared_encoding_page() -> None:
    root = parse_html('<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>Rp 5 ribu</p>')
    assert paragraphs(root) == ["Rp 5 ribu"]


def test_ancestry_matches_css_descendant_semantics() -> None:
    root = parse_html(
        '<div class="author x"><ul><li>a</li></ul></div><div class="authors"><li>b</li></div>'
        "<li>c</li>"
    )
    in_author = Ancestry(has_class("author"))
    assert [li.text for li in root.iter("li") if in_author(li)] == ["a"]
    # An element is not inside itself.
    (author,) = [el for el in root.iter("div") if el.get("class") == "author x"]
    assert not in_author(author)


def test_text_prefix_reads_only_what_it_needs() -> None:
    root = parse_html("<div><b>BERITA</b> TERKAIT: <a href='/x'>judul panjang</a></div>")
    div = root.find(".//div")
    assert div is not None
    assert text_prefix(div, 14) == "BERITA TERKAIT"
    assert text_prefix(div, 1000) == "BERITA TERKAIT: judul panjang"


_STRING = etree.XPath("string()")


def test_text_content_is_xpath_string_on_every_element() -> None:
    pages = [*PAGE_SOURCES]
    pages += [f"<div>{_random_markup(random.Random(seed))}</div>" for seed in range(300)]
    pages.append("<p>a<!-- note -->b<?pi data?>c<b>d<i>e</i>f</b>g</p>")
    for html in pages:
        for el in parse_html(html).iter(etree.Element):
            content = text_content(el)
            assert content == _STRING(el) == "".join(el.itertext())
            for size in (0, 1, 14, 40, 1000):
                assert text_prefix(el, size) == content[:size]


def test_elements_after_is_document_order_past_the_element() -> None:
    pages = [*PAGE_SOURCES[:6]]
    pages += [f"<div>{_random_markup(random.Random(seed))}</div>" for seed in range(200)]
    for html in pages:
        root = parse_html(html)
        for container in [root, *root.iter("div", "ul", "td")]:
            order = list(container.iter(etree.Element))
            for at, el in enumerate(order[:60]):
                assert list(elements_after(container, el)) == order[at + 1 :]


@pytest.mark.parametrize(
    ("html", "answers"),
    [
        ('<div><h3 class="t">ARTIKEL LAINNYA</h3><a href="/x">x</a></div>', True),
        ("<div><b>x</b>BERITA TERKAIT<br>BERITA TERKAIT</div>", True),
        ("<div><!-- box -->ARTIKEL LAINNYA</div>", False),  # a comment in front
        ("<div><b>x</b>BERITA TERKAIT</div><p><b>y</b>BERITA TERKAIT</p>", False),  # two tails
        ("<h3>ARTIKEL LAINNYA</h3>\n<p>x</p>\n<h3>ARTIKEL LAINNYA</h3>", False),  # two alike
    ],
)
def test_label_holders_by_the_tag_in_front(html: str, answers: bool) -> None:
    # The equivalence tests above cover both ways; this pins which one answers.
    root = parse_html(html)
    found = sorted(_occurrences(html, NEEDLES))
    by_tag = _holders_by_tag(root, html, found, _reads_as_label)
    assert (by_tag is not None) is answers
    assert label_holders(root, html, NEEDLES, LABELS) == expected_holders(root)
    if by_tag is not None:
        assert by_tag == expected_holders(root)


def test_text_of_is_the_joined_walk_on_every_element() -> None:
    pages = [*PAGE_SOURCES]
    pages += [f"<div>{_random_markup(random.Random(seed))}</div>" for seed in range(300)]
    pages.append(
        '<p>a<ins>ad</ins><br><span class="share">x</span><!-- c --><script>s</script></p>'
    )
    for html in pages:
        for el in parse_html(html).iter():
            assert text_of(el) == " ".join(paragraphs(el, skip_noise=True))


@pytest.mark.parametrize("table", [True, False], ids=["id-table", "xpath"])
def test_element_by_id_answers_as_xpath_id(table: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not table:
        monkeypatch.setattr(html_module, "_IdTable", None)
    by_xpath = etree.XPath("id($value)")
    rng = random.Random(9)
    kinds = ["<div id='{}'>x</div>", "<a name='{}'>x</a>", "<p id='{}'><b id='{}'>y</b></p>"]
    kinds += ["<span name='{}'>z</span>", "<!-- id='{}' -->", "<div id=' {} '>w</div>"]
    pages = [*PAGE_SOURCES[:6], "", "<p>no ids</p>"]
    for _ in range(400):
        parts = [
            rng.choice(kinds).format(*[rng.choice("abc")] * 2) for _ in range(rng.randint(0, 5))
        ]
        pages.append("<html><body>" + _random_markup(rng) + "".join(parts) + "</body></html>")
    for html in pages:
        root = parse_html(html)
        for value in ("a", "b", "c", "fontResizableText", "zz"):
            found = by_xpath(root, value=value)
            expected = found[0] if isinstance(found, list) and found else None
            assert element_by_id(root, value) is expected, (html, value)


def test_paragraphs_collapse_as_each_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # Clean paragraphs are checked all at once; the result must be collapse_ws of each.
    rng = random.Random(13)
    spaces = [" ", "  ", "\n", "\t", "\xa0", "\u200b", "\u3000", ""]
    pages = [*PAGE_SOURCES]
    for _ in range(600):
        words = [rng.choice(_TEXTS + spaces) for _ in range(rng.randint(1, 8))]
        pages.append(
            f"<div><p>{''.join(words)}</p>{_random_markup(rng)}<p>{rng.choice(spaces)}x</p></div>"
        )
    for _ in range(600):  # clean but for a space at one paragraph's edge
        texts = [" ".join(rng.choices(["Isi", "kata", "“kutip”"], k=3)) for _ in range(3)]
        at = rng.randrange(3)
        texts[at] = rng.choice([" ", ""]) + texts[at] + rng.choice([" ", ""])
        pages.append("<div>" + "".join(f"<p>{text}</p>" for text in texts) + "</div>")
    roots = [parse_html(html) for html in pages]
    fast = [paragraphs(root) for root in roots]
    assert sum(len(found) > 1 for found in fast) > 600
    monkeypatch.setattr(
        html_module, "_collapsed", lambda texts: [t for t in map(collapse_ws, texts) if t]
    )
    assert [paragraphs(root) for root in roots] == fast


def _paragraphs_flushed(root: etree._Element, skip_noise: bool) -> list[str]:
    """paragraphs() as first written: each paragraph joined from its pieces at a block edge."""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = "".join(buf)
        buf.clear()
        if text.strip():
            out.append(text)

    def walk(el: etree._Element) -> None:
        tag = el.tag
        if not isinstance(tag, str) or tag in html_module.INVISIBLE_TAGS:
            return
        if skip_noise and (
            tag in html_module.NOISE_TAGS
            or html_module.NOISE_CLASS.search(el.get("class") or "") is not None
        ):
            return
        if tag in html_module.BLOCK_TAGS:
            flush()
        elif tag == "br":
            buf.append("\n")
        buf.append(el.text or "")
        for child in el:
            walk(child)
            buf.append(child.tail or "")
        if tag in html_module.BLOCK_TAGS:
            flush()

    walk(root)
    flush()
    return [t for t in map(collapse_ws, out) if t]


@pytest.mark.parametrize("skip_noise", [True, False])
def test_paragraphs_split_as_flushed_at_each_block_edge(skip_noise: bool) -> None:
    # Block edges are marked in the text and split once at the end.
    rng = random.Random(17)
    noise = ["<ins>ad</ins>", '<div class="share">s</div>', "<script>x</script>", "<br>", "<br/>"]
    pages = [*PAGE_SOURCES]
    for _ in range(800):
        pages.append(f"<div>{_random_markup(rng)}{rng.choice(noise)}{_random_markup(rng)}</div>")
    for html in pages:
        root = parse_html(html)
        for el in (root, *root.iter("div", "p", "li")):
            assert paragraphs(el, skip_noise=skip_noise) == _paragraphs_flushed(el, skip_noise)


def test_no_lxml_text_holds_the_block_edge_mark() -> None:
    # paragraphs() marks block edges with NUL because lxml text can never hold one.
    for source in ("<p>a\x00b</p>", "<p>a&#0;b</p>", "<p>a&#x0;b</p><!-- \x00 -->c"):
        root = parse_html(source)
        assert all(html_module._BLOCK_EDGE not in t for t in root.itertext()), source
        assert paragraphs(root)[0] == "a\ufffdb"
    el = etree.Element("p")
    with pytest.raises(ValueError, match="XML compatible"):
        el.text = "a\x00b"
    with pytest.raises(ValueError, match="XML compatible"):
        el.tail = "\x00"
