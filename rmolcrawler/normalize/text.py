"""Whitespace and boilerplate cleaning for RMOL text.

Every function here is pure. :func:`clean_body` runs after the page class has left out whole blocks
by selector; it removes what remains inside the text with the named patterns in :data:`PATTERNS`,
each a module-level constant that is tested on its own.

Layout contract of a cleaned body: no empty paragraph, paragraphs separated by exactly ``"\\n\\n"``,
no newline inside a paragraph, single spaces, no leading or trailing whitespace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = [
    "ADS",
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
    "SCOPES",
    "CleanResult",
    "Pattern",
    "clean_body",
    "clean_inline",
    "collapse_ws",
]

SCOPES: Final = frozenset(
    {"leading", "trailing", "line", "line-start", "line-end", "inline", "paragraph", "tail"}
)
"""Words used in :attr:`Pattern.where`.

``leading``/``trailing``: the start/end of the body. ``line``: a whole line that is only the
boilerplate. ``line-start``/``line-end``: the start/end of a line. ``inline``: anywhere inside a
line. ``paragraph``: the label line and the rest of its paragraph. ``tail``: the label line and
everything after it to the end of the body.
"""


@dataclass(frozen=True)
class Pattern:
    """A named boilerplate pattern; every match of ``regex`` is deleted.

    ``where`` is one or more :data:`SCOPES` words joined by ``|``. It documents where the regex
    matches; the regex itself enforces it. No regex matches the empty string.
    """

    name: str
    regex: re.Pattern[str]
    where: str


@dataclass(frozen=True)
class CleanResult:
    """A cleaned body, the captured editor initials, and how often each pattern fired."""

    body: str
    """Clean text, paragraphs separated by one blank line; may be empty."""
    editor: str | None
    """Editor initials from a trailing ``[dzk]``, without brackets; None when absent."""
    removed: dict[str, int]
    """Pattern name -> number of deletions; only names that fired."""


_WS_RUN = re.compile(r"[\s\u200b\ufeff]+")
_LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029]")
_SPACE_RUN = re.compile(r"(?:[^\S\n]|[\u200b\ufeff])+")
_LINE_EDGE = re.compile(r" ?\n ?")
_PARAGRAPH_BREAK = re.compile(r"\n{3,}")
_SOFT_BREAK = re.compile(r"(?<!\n)\n(?!\n)")

# Canonical text has single spaces, so "[ ]" below means "any run of whitespace".
_LINE_END = r"$\n?"
_ESCAPED_LINK = r"""(?i:LAPORAN[ ]?:[ ]?<a[ ]href=(?:'[^'\n]*'|"[^"\n]*")[ ]?>[^<\n]*</a>)"""
_NAME = r"[^\W\d_](?:[^\W\d_]|[ .,'’-]){0,60}"
_FOOTER_FIND = r"temukan\s+berita\b(?:[^\n]|\n(?!\n)){0,160}?\bgoogle\s+news\b\.?"
_FOOTER_FOLLOW = r"untuk\s+mengikuti,?\s+silah?kan\s+klik\s+tanda\s+bintang\b\.?"
_FOOTER = rf"(?:{_FOOTER_FIND}(?:\s*{_FOOTER_FOLLOW})?|{_FOOTER_FOLLOW})"

ARTIKEL_LAINNYA: Final = Pattern(
    "artikel_lainnya",
    re.compile(r"^(?:(?i:artikel[ ]lainnya)(?:[ ]?:|$)|ARTIKEL LAINNYA\b).*", re.M | re.S),
    "tail",
)
"""The related-articles box: an ``ARTIKEL LAINNYA`` label line and all that follows it.

A lower-case label counts only alone on its line or with a colon, so prose such as
"Artikel lainnya menyebutkan ..." survives.
"""

FOLLOW_US: Final = Pattern(
    "follow_us",
    re.compile(r"^(?i:follow[ ]us)[ ]?:?" + _LINE_END, re.M),
    "line",
)
"""A line that is only ``FOLLOW US`` (any case)."""

BERITA_TERKAIT: Final = Pattern(
    "berita_terkait",
    re.compile(r"^(?:(?i:berita[ ]terkait)(?:[ ]?:|$)|BERITA TERKAIT\b)[^\n]*(?:\n[^\n]+)*", re.M),
    "paragraph",
)
"""A ``BERITA TERKAIT`` label line and the link titles under it, to the end of the paragraph.

Any case with a colon or alone on its line; without a colon only in capitals, so prose such as
"Berita terkait penangkapan itu ..." survives.
"""

BACA_JUGA: Final = Pattern(
    "baca_juga",
    re.compile(
        r"^(?:(?i:baca[ ]juga)(?:[ ]?:|$|[ ](?=[A-Z0-9\"'“‘]))|BACA JUGA\b)[^\n]*" + _LINE_END,
        re.M,
    ),
    "line",
)
"""A line beginning ``Baca juga`` (any case, optional colon): the whole line goes.

Without a colon the next word must be capitalised, as a linked title is; "Baca juga buku ..." survives.
"""

ADS: Final = Pattern(
    "ads",
    re.compile(
        r"^(?i:dimensy\.id(?:[ ]mobile)?|apollo[ ]solar[ ]panel|-?[ ]?advertisement[ ]?-?"
        r"|scroll[ ]to[ ]continue[ ]with[ ]content)" + _LINE_END,
        re.M,
    ),
    "line",
)
"""A line that is exactly an ad label (SEEN: ``Dimensy.id Mobile``, ``Dimensy.id``,
``Apollo Solar Panel``; also ``ADVERTISEMENT``, ``- Advertisement -``,
``SCROLL TO CONTINUE WITH CONTENT``). Sentences that mention these names survive.
"""

LAPORAN_ESCAPED: Final = Pattern(
    "laporan_escaped",
    re.compile(
        rf"^(?:{_ESCAPED_LINK}|LAPORAN[ ]?:[ ]?{_NAME}){_LINE_END}|[ ]?{_ESCAPED_LINK}", re.M
    ),
    "line|inline",
)
"""The reporter link printed as escaped HTML (SEEN:
``LAPORAN: <a href='https://rmol.id/about/reni-erina-1'>RENI ERINA</a>``), anywhere; and a line
that is only ``LAPORAN: NAME`` (label in capitals).
"""

GOOGLE_NEWS_FOOTER: Final = Pattern(
    "google_news_footer",
    re.compile(
        rf"^{_FOOTER}{_LINE_END}|(?<=[.!?\"'”’)\]])[ ]?{_FOOTER}$",
        re.M | re.I,
    ),
    "line|line-end",
)
"""The Google News footer (SEEN: "Temukan berita-berita hangat terpercaya dari Kantor Berita
Politik RMOL di Google News." and "Untuk mengikuti silakan klik tanda bintang."), either or both,
on their own lines or paragraphs, or glued after the last sentence of a line. It must reach the
end of its line, so a sentence that goes on after "Google News" survives.
"""

LOGO_TRAILING: Final = Pattern(
    "logo_trailing",
    re.compile(
        r"\s*\brmol[ ]news[ ]logo[ ]article\s*\Z|^rmol[ ]news[ ]logo(?:[ ]article)?" + _LINE_END,
        re.M | re.I,
    ),
    "trailing|line",
)
"""The ``rmol news logo article`` image text ending the body, glued or alone (SEEN); and a stray
``rmol news logo`` (or ``... article``) alone on a line anywhere.
"""

EDITOR_INITIALS: Final = Pattern(
    "editor_initials",
    re.compile(r"\s*\[([a-z]{2,5})\]\s*\Z"),
    "trailing",
)
"""The editor's initials ending the body (SEEN: ``[dzk]``, ``[zul]``, ``[wid]``); group 1 is captured
as :attr:`CleanResult.editor`.
"""

LOGO_LEADING: Final = Pattern(
    "logo_leading",
    re.compile(r"^rmol[ ]news[ ]logo\b[ ]?", re.M | re.I),
    "leading|line-start",
)
"""The ``rmol news logo`` image text opening the body (SEEN). It also goes at the start of any
other line: when more than the body is extracted, the caption line comes before it.
"""

DATELINE: Final = Pattern(
    "dateline",
    re.compile(r"\A\s*RMOL\.(?:ID,)?\s+"),
    "leading",
)
"""The ``RMOL.`` dateline opening pre-2012 bodies (SEEN), or ``RMOL.ID,``. Capitals only, at the very
start only; "RMOL.ID adalah ..." keeps its words.
"""

PATTERNS: Final[tuple[Pattern, ...]] = (
    ARTIKEL_LAINNYA,
    FOLLOW_US,
    BERITA_TERKAIT,
    BACA_JUGA,
    ADS,
    LAPORAN_ESCAPED,
    GOOGLE_NEWS_FOOTER,
    LOGO_TRAILING,
    EDITOR_INITIALS,
    LOGO_LEADING,
    DATELINE,
)
"""All patterns, in application order: boxes and whole lines first, then the ends of the body."""


def collapse_ws(text: str) -> str:
    """Return ``text`` with every whitespace run (newlines, tabs, NBSP, zero-width space, BOM)
    replaced by one space, stripped."""
    return _WS_RUN.sub(" ", text).strip()


def clean_inline(text: str) -> str:
    """Clean a single-line field (title, caption, reporter): one line, single spaces, stripped."""
    return collapse_ws(text)


def _layout(text: str, *, join_lines: bool) -> str:
    """Canonical layout: stripped lines with single spaces, paragraphs split by one blank line.

    With ``join_lines`` the lines of a paragraph are joined by a space (the output contract).
    """
    text = _LINE_BREAK.sub("\n", text)
    text = _SPACE_RUN.sub(" ", text)
    text = _LINE_EDGE.sub("\n", text)
    text = _PARAGRAPH_BREAK.sub("\n\n", text)
    if join_lines:
        text = _SOFT_BREAK.sub(" ", text)
    return text.strip()


def _apply(text: str, removed: dict[str, int], editor: str | None) -> tuple[str, str | None, bool]:
    """One pass of :data:`PATTERNS`; counts into ``removed``; the first initials captured win."""
    fired = False
    for pattern in PATTERNS:
        if pattern is EDITOR_INITIALS:
            match = pattern.regex.search(text)
            if match is None:
                continue
            editor = editor or match[1]
            text = text[: match.start()]
            count = 1
        else:
            text, count = pattern.regex.subn("", text)
            if not count:
                continue
        removed[pattern.name] = removed.get(pattern.name, 0) + count
        fired = True
    return text, editor, fired


def clean_body(text: str) -> CleanResult:
    """Remove boilerplate from an article body (paragraphs split by blank lines).

    Lines keep their identity for the first pass, so line patterns see the source lines; the result
    is then joined to the output layout and passed over again until no pattern fires. Hence the
    result is idempotent: ``clean_body(clean_body(x).body)`` returns the same body, with no
    removals. Each firing deletes text, so the loop ends.
    """
    removed: dict[str, int] = {}
    body, editor, _ = _apply(_layout(text, join_lines=False), removed, None)
    while True:
        body = _layout(body, join_lines=True)
        body, editor, fired = _apply(body, removed, editor)
        if not fired:
            return CleanResult(body=body, editor=editor, removed=removed)
