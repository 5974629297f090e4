"""Whitespace and boilerplate cleaning for RMOL text.

Every function here is pure. :func:`clean_body` runs after the page class has left out whole blocks
by selector; it deletes what remains inside the text with the named patterns in :data:`PATTERNS`,
each a module-level constant that can be tested on its own.

Layout of a cleaned body: no empty paragraph, paragraphs separated by exactly ``"\\n\\n"``, no
newline inside a paragraph, single spaces, no leading or trailing whitespace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = [
    "ADS",
    "ALL_PATTERNS",
    "ARTIKEL_LAINNYA",
    "BACA_JUGA",
    "BERITA_TERKAIT",
    "DATELINE",
    "EDITOR_INITIALS",
    "FOLLOW_US",
    "GOOGLE_NEWS_FOOTER",
    "LAPORAN_ESCAPED",
    "LOGO_LEADING",
    "LOGO_TRAILING",
    "PATTERNS",
    "REGIONAL_DATELINE",
    "REGIONAL_GOOGLE_NEWS",
    "REGIONAL_PATTERNS",
    "SCOPES",
    "CleanResult",
    "Pattern",
    "clean_body",
    "clean_inline",
    "collapse_ws",
    "layout",
]


# ---- whitespace ----------------------------------------------------------------------------------

_ZERO_WIDTH: Final = str.maketrans({"\u200b": " ", "\ufeff": " "})


def collapse_ws(text: str) -> str:
    """Return ``text`` with every whitespace run (newlines, tabs, NBSP, zero-width space, BOM
    included) replaced by one space, stripped."""
    if "\u200b" in text or "\ufeff" in text:  # str.split() does not see these as space
        text = text.translate(_ZERO_WIDTH)
    return " ".join(text.split())


def clean_inline(text: str) -> str:
    """Clean a single-line field (title, caption, reporter): one line, single spaces, stripped."""
    return collapse_ws(text)


def layout(text: str, line_sep: str) -> str:
    """Lay ``text`` out: every line collapsed by :func:`collapse_ws`, a blank line ends a
    paragraph, empty paragraphs dropped, paragraphs joined by ``"\\n\\n"`` and the lines of a
    paragraph by ``line_sep``."""
    paragraphs: list[str] = []
    lines: list[str] = []
    for raw in text.splitlines():
        line = collapse_ws(raw)
        if line:
            lines.append(line)
        elif lines:
            paragraphs.append(line_sep.join(lines))
            lines = []
    if lines:
        paragraphs.append(line_sep.join(lines))
    return "\n\n".join(paragraphs)


# ---- patterns ------------------------------------------------------------------------------------

SCOPES: Final = frozenset(
    {"leading", "trailing", "line", "line-start", "line-end", "inline", "paragraph", "tail"}
)
"""Words used in :attr:`Pattern.where`.

``leading``/``trailing``: the start/end of the body. ``line``: a whole line that is only
boilerplate. ``line-start``/``line-end``: the start/end of a line. ``inline``: anywhere in a line.
``paragraph``: a label line and the rest of its paragraph. ``tail``: a label line and everything
after it to the end of the body.
"""


@dataclass(frozen=True)
class Pattern:
    """A named boilerplate pattern: every match of ``regex`` is deleted.

    ``regex`` works on laid-out text (single spaces, lines split by ``"\\n"``, paragraphs by
    ``"\\n\\n"``), folds case for ASCII only, and never matches the empty string. ``where`` names
    its scope as :data:`SCOPES` words joined by ``|``; the regex itself enforces it.
    """

    name: str
    regex: re.Pattern[str]
    where: str


@dataclass(frozen=True)
class CleanResult:
    """A cleaned body, the editor's initials, and how often each pattern fired."""

    body: str
    """Clean text, paragraphs separated by one blank line; empty when nothing is left."""
    editor: str | None
    """Editor initials from a trailing ``[dzk]``, without brackets; None when absent."""
    removed: dict[str, int]
    """Pattern name -> number of deletions, for the patterns that fired only."""


def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a pattern regex: always MULTILINE, and ASCII, so that case folding and ``\\w``
    concern ASCII letters only."""
    return re.compile(pattern, flags | re.M | re.A)


_LINE_END = r"$\n?"
_LINK = r"""<a[ ]href=(?:'[^'\n]*'|"[^"\n]*")[ ]?>[^<\n]*</a>"""
_NAME = r"[^\W\d_](?:[^\W\d_]|[ .,'’-]){0,60}"
_FOOTER_FIND = r"temukan[ ]berita\b[^\n]{0,160}?\bgoogle[ ]news\b\.?"
_FOOTER_FOLLOW = r"untuk[ ]mengikuti,?[ ]silah?kan[ ]klik[ ]tanda[ ]bintang\b\.?"
_FOOTER = rf"(?:{_FOOTER_FIND}(?:\s*{_FOOTER_FOLLOW})?|{_FOOTER_FOLLOW})"
_SENTENCE_END = r"""[.!?"'”’)\]]"""
_AD = (
    r"(?:dimensy\.id(?:[ ]mobile)?|apollo[ ]solar[ ]panel|-?[ ]?advertisement[ ]?-?"
    r"|scroll[ ]to[ ]continue[ ]with[ ]content)"
)

ARTIKEL_LAINNYA: Final = Pattern(
    "artikel_lainnya",
    _rx(r"^(?:(?i:artikel[ ]lainnya)(?:[ ]?:|$)|ARTIKEL LAINNYA\b).*", re.S),
    "tail",
)
"""The related-articles box (SEEN label ``ARTIKEL LAINNYA``): the label line and all after it.

In other cases than capitals the label counts only alone on its line or with a colon, so prose
such as "Artikel lainnya menyebutkan ..." survives.
"""

FOLLOW_US: Final = Pattern(
    "follow_us",
    _rx(r"^(?i:follow[ ]us)[ ]?:?" + _LINE_END),
    "line",
)
"""A line that is only ``FOLLOW US`` (any case, SEEN in capitals)."""

BERITA_TERKAIT: Final = Pattern(
    "berita_terkait",
    _rx(r"^(?:(?i:berita[ ]terkait)(?:[ ]?:|$)|BERITA TERKAIT\b)[^\n]*(?:\n[^\n]+)*"),
    "paragraph",
)
"""A ``BERITA TERKAIT`` label line and the link titles under it, to the end of the paragraph.

Any case with a colon or alone on its line; otherwise in capitals only, so prose such as
"Berita terkait penangkapan itu ..." survives.
"""

BACA_JUGA: Final = Pattern(
    "baca_juga",
    _rx(r"^(?:(?i:baca[ ]juga)(?:[ ]?:|$|[ ](?=[A-Z0-9\"'“‘]))|BACA JUGA\b)[^\n]*" + _LINE_END),
    "line",
)
"""A line that begins ``Baca juga`` (any case, optional colon): the whole line goes.

Without a colon the next word must be capitalised like a linked title, so a line such as
"Baca juga buku ..." survives.
"""

ADS: Final = Pattern(
    "ads",
    _rx(rf"^(?i:{_AD}(?:[ ]{_AD})*){_LINE_END}"),
    "line",
)
"""A line made only of ad labels (SEEN: ``Dimensy.id Mobile``, ``Dimensy.id``,
``Apollo Solar Panel``; also ``ADVERTISEMENT``, ``- Advertisement -``,
``SCROLL TO CONTINUE WITH CONTENT``). Sentences that mention these names survive.
"""

LAPORAN_ESCAPED: Final = Pattern(
    "laporan_escaped",
    _rx(rf"LAPORAN(?:(?<=^LAPORAN)[ ]?:[ ]?(?:{_LINK}|{_NAME}){_LINE_END}|[ ]?:[ ]?{_LINK})"),
    "line|inline",
)
"""The reporter link printed as escaped HTML (SEEN:
``LAPORAN: <a href='https://rmol.id/about/reni-erina-1'>RENI ERINA</a>``), anywhere; and a line
that is only ``LAPORAN: NAME`` with the label in capitals.
"""

GOOGLE_NEWS_FOOTER: Final = Pattern(
    "google_news_footer",
    _rx(rf"^{_FOOTER}{_LINE_END}|(?<={_SENTENCE_END})[ ]?{_FOOTER}$", re.I),
    "line|line-end",
)
"""The Google News footer (SEEN: "Temukan berita-berita hangat terpercaya dari Kantor Berita
Politik RMOL di Google News." and "Untuk mengikuti silakan klik tanda bintang."), either or both:
on their own lines or paragraphs, or glued after the last sentence of a line. Up to 160 characters
of any words may stand between "Temukan berita" and "Google News". The footer must reach the end of
its line, so a sentence that goes on after "Google News" survives.
"""

LOGO_LEADING: Final = Pattern(
    "logo_leading",
    _rx(r"^rmol[ ]news[ ]logo[ ](?!article\b)", re.I),
    "leading|line-start",
)
"""The ``rmol news logo`` image text that opens the body (SEEN), followed by text. It goes at the
start of any line: when more than the body is extracted, the caption line comes before it.
"""

LOGO_TRAILING: Final = Pattern(
    "logo_trailing",
    _rx(r"rmol[ ]news[ ]logo(?:[ ]article\s*\Z|(?<=^rmol[ ]news[ ]logo)(?:[ ]article)?$\n?)", re.I),
    "trailing|line",
)
"""The ``rmol news logo article`` image text that ends the body, glued to the last sentence or alone
(SEEN); and ``rmol news logo`` (or ``... article``) alone on a line anywhere.
"""

EDITOR_INITIALS: Final = Pattern(
    "editor_initials",
    _rx(r"\[([a-z]{2,5})\]\s*\Z"),
    "trailing",
)
"""The editor's initials that end the body (SEEN: ``[dzk]``, ``[zul]``, ``[wid]``); group 1 becomes
:attr:`CleanResult.editor`. Stacked groups (``[zul] [dzk]``) all go; the last one is the editor.
"""

DATELINE: Final = Pattern(
    "dateline",
    _rx(r"\A\s*RMOL\.(?:ID,)?\s+"),
    "leading",
)
"""The ``RMOL.`` dateline that opens pre-2012 bodies (SEEN), or ``RMOL.ID,``. In capitals and at the
very start only; "RMOL.ID adalah ..." keeps its words.
"""

PATTERNS: Final[tuple[Pattern, ...]] = (
    ARTIKEL_LAINNYA,
    FOLLOW_US,
    BERITA_TERKAIT,
    BACA_JUGA,
    ADS,
    LAPORAN_ESCAPED,
    GOOGLE_NEWS_FOOTER,
    LOGO_LEADING,
    LOGO_TRAILING,
    EDITOR_INITIALS,
    DATELINE,
)
"""rmol.id's patterns, in the order applied: boxes and whole lines first, then the ends of the
body. :func:`clean_body` applies them, then :data:`REGIONAL_PATTERNS`."""

# ---- patterns of the regional sites (rmol-site.md, "Sister sites") --------------------------------

_REGIONAL_GOOGLE_NEWS = (
    r"ikuti[ ]terus[ ]update[ ]berita[ ]rmol[a-z]*(?:\.id)?[ ]di[ ]google[ ]news\b\.?"
)

REGIONAL_GOOGLE_NEWS: Final = Pattern(
    "regional_google_news",
    _rx(
        rf"^{_REGIONAL_GOOGLE_NEWS}{_LINE_END}|(?<={_SENTENCE_END})[ ]?{_REGIONAL_GOOGLE_NEWS}$",
        re.I,
    ),
    "line|line-end",
)
"""The regional sites' Google News line (SEEN: ``ikuti terus update berita rmoljatim di google
news``), with any site's name and in any case: on its own line, or glued after the last sentence
of a line. Prose about following the news on Google News keeps its words.
"""

REGIONAL_DATELINE: Final = Pattern(
    "regional_dateline",
    _rx(r"\ARMOL[A-Z][A-Za-z]{2,20}\.[ \n]+"),
    "leading",
)
"""A regional site's dateline that opens the body (SEEN: ``RMOLBengkulu.``), as ``RMOL.`` does on
rmol.id: ``RMOL`` and the site's name, in capitals where SEEN, a dot and a space, at the very start
only. ``RMOLLampung.id memberitakan ...`` keeps its words.
"""

REGIONAL_PATTERNS: Final[tuple[Pattern, ...]] = (REGIONAL_GOOGLE_NEWS, REGIONAL_DATELINE)
"""The regional sites' patterns, applied after :data:`PATTERNS`. They match no text of rmol.id's
pages, whose outputs they leave as they were."""

ALL_PATTERNS: Final[tuple[Pattern, ...]] = PATTERNS + REGIONAL_PATTERNS
"""What :func:`clean_body` applies to every body, in order."""


# ---- the cleaning loop ---------------------------------------------------------------------------


def clean_body(text: str, patterns: tuple[Pattern, ...] = ALL_PATTERNS) -> CleanResult:
    """Remove boilerplate from an article body whose paragraphs are split by blank lines.

    The text is laid out with its source lines kept, so that line patterns match whole lines, and
    every one of ``patterns`` (all of them by default; the pipeline gives rmol.id bodies
    :data:`PATTERNS` only) deletes its matches, in order. Then the lines of each
    paragraph are joined (:func:`layout` with ``" "``) and the patterns run again, until a pass
    changes nothing. So the result is a fixed point: ``clean_body(result.body)`` returns the same
    body and removes nothing. Every match deletes text, so the loop ends. Prose that only mentions
    "Google News", "logo", "RMOL" or "Dimensy" is kept.
    """
    removed: dict[str, int] = {}
    editor: str | None = None
    body = layout(text, "\n")
    joined = False  # whether the lines of each paragraph are joined already
    while True:
        cleaned = body
        fired = False
        for pattern in patterns:
            matches = list(pattern.regex.finditer(cleaned))
            if not matches:
                continue
            if pattern is EDITOR_INITIALS and editor is None:
                editor = matches[-1][1]  # initials taken off first were the last ones
            cleaned = pattern.regex.sub("", cleaned)
            removed[pattern.name] = removed.get(pattern.name, 0) + len(matches)
            fired = True
        if joined and not fired:
            return CleanResult(body=body, editor=editor, removed=removed)
        cleaned = layout(cleaned, " ")
        if cleaned == body:
            return CleanResult(body=body, editor=editor, removed=removed)
        body, joined = cleaned, True
