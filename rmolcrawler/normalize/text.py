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
from typing import AnyStr, Final

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
    "LaidOut",
    "Pattern",
    "clean_body",
    "clean_inline",
    "collapse_ws",
    "contains_any",
    "single_spaced",
]

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

    ``regex`` works on canonical text (single spaces, lines split by ``"\\n"``, paragraphs by
    ``"\\n\\n"``), folds case for ASCII only, and never matches the empty string. ``where`` names
    its scope as :data:`SCOPES` words joined by ``|``; the regex itself enforces it.

    ``hints`` and ``one_line`` only make :func:`clean_body` fast. ``hints`` are lower-case ASCII
    strings, one of which lies on the first line of every match; the regex then runs only from the
    line where a hint first occurs. A pattern without hints runs on the whole text.
    """

    name: str
    regex: re.Pattern[str]
    where: str
    hints: tuple[str, ...] = ()
    one_line: bool = False
    """Every match lies inside one line (and its newline) that holds a hint, so the search also
    stops at the end of the line of the last hint."""
    line_start: bool = False
    """Every match starts a line with one of the hints (after at most a ``-`` and a space), so
    hints are looked for at line starts only: for all such patterns in one pass of
    :data:`_LINE_START_HINTS`, which costs less than searching the text for each hint."""


@dataclass(frozen=True)
class CleanResult:
    """A cleaned body, the editor's initials, and how often each pattern fired."""

    body: str
    """Clean text, paragraphs separated by one blank line; empty when nothing is left."""
    editor: str | None
    """Editor initials from a trailing ``[dzk]``, without brackets; None when absent."""
    removed: dict[str, int]
    """Pattern name -> number of deletions, for the patterns that fired only."""


_ZERO_WIDTH: Final = str.maketrans({"\u200b": " ", "\ufeff": " "})


def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a pattern regex: always MULTILINE, and ASCII so that case folding and ``\\w`` match
    what :func:`_fold` sees."""
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
    ("artikel lainnya",),
    line_start=True,
)
"""The related-articles box (SEEN label ``ARTIKEL LAINNYA``): the label line and all after it.

In other cases than capitals the label counts only alone on its line or with a colon, so prose
such as "Artikel lainnya menyebutkan ..." survives.
"""

FOLLOW_US: Final = Pattern(
    "follow_us",
    _rx(r"^(?i:follow[ ]us)[ ]?:?" + _LINE_END),
    "line",
    ("follow us",),
    one_line=True,
    line_start=True,
)
"""A line that is only ``FOLLOW US`` (any case, SEEN in capitals)."""

BERITA_TERKAIT: Final = Pattern(
    "berita_terkait",
    _rx(r"^(?:(?i:berita[ ]terkait)(?:[ ]?:|$)|BERITA TERKAIT\b)[^\n]*(?:\n[^\n]+)*"),
    "paragraph",
    ("berita terkait",),
    line_start=True,
)
"""A ``BERITA TERKAIT`` label line and the link titles under it, to the end of the paragraph.

Any case with a colon or alone on its line; otherwise in capitals only, so prose such as
"Berita terkait penangkapan itu ..." survives.
"""

BACA_JUGA: Final = Pattern(
    "baca_juga",
    _rx(r"^(?:(?i:baca[ ]juga)(?:[ ]?:|$|[ ](?=[A-Z0-9\"'“‘]))|BACA JUGA\b)[^\n]*" + _LINE_END),
    "line",
    ("baca juga",),
    one_line=True,
    line_start=True,
)
"""A line that begins ``Baca juga`` (any case, optional colon): the whole line goes.

Without a colon the next word must be capitalised like a linked title, so a line such as
"Baca juga buku ..." survives.
"""

ADS: Final = Pattern(
    "ads",
    _rx(rf"^(?i:{_AD}(?:[ ]{_AD})*){_LINE_END}"),
    "line",
    ("dimensy", "apollo solar panel", "advertisement", "scroll to continue"),
    one_line=True,
    line_start=True,
)
"""A line made only of ad labels (SEEN: ``Dimensy.id Mobile``, ``Dimensy.id``,
``Apollo Solar Panel``; also ``ADVERTISEMENT``, ``- Advertisement -``,
``SCROLL TO CONTINUE WITH CONTENT``). Sentences that mention these names survive.
"""

LAPORAN_ESCAPED: Final = Pattern(
    "laporan_escaped",
    _rx(rf"LAPORAN(?:(?<=^LAPORAN)[ ]?:[ ]?(?:{_LINK}|{_NAME}){_LINE_END}|[ ]?:[ ]?{_LINK})"),
    "line|inline",
    ("laporan:", "laporan :"),
    one_line=True,
)
"""The reporter link printed as escaped HTML (SEEN:
``LAPORAN: <a href='https://rmol.id/about/reni-erina-1'>RENI ERINA</a>``), anywhere; and a line
that is only ``LAPORAN: NAME`` with the label in capitals.
"""

GOOGLE_NEWS_FOOTER: Final = Pattern(
    "google_news_footer",
    _rx(rf"^{_FOOTER}{_LINE_END}|(?<={_SENTENCE_END})[ ]?{_FOOTER}$", re.I),
    "line|line-end",
    ("temukan berita", "tanda bintang"),
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
    ("rmol news logo",),
    one_line=True,
    line_start=True,
)
"""The ``rmol news logo`` image text that opens the body (SEEN), followed by text. It goes at the
start of any line: when more than the body is extracted, the caption line comes before it.
"""

LOGO_TRAILING: Final = Pattern(
    "logo_trailing",
    _rx(r"rmol[ ]news[ ]logo(?:[ ]article\s*\Z|(?<=^rmol[ ]news[ ]logo)(?:[ ]article)?$\n?)", re.I),
    "trailing|line",
    ("rmol news logo",),
)
"""The ``rmol news logo article`` image text that ends the body, glued to the last sentence or alone
(SEEN); and ``rmol news logo`` (or ``... article``) alone on a line anywhere.
"""

EDITOR_INITIALS: Final = Pattern(
    "editor_initials",
    _rx(r"\[([a-z]{2,5})\]\s*\Z"),
    "trailing",
    ("[",),
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
"""All patterns, in the order applied: boxes and whole lines first, then the ends of the body."""


# What splitlines() and split() treat as line breaks or spaces in ASCII, besides "\n" and " ".
_ASCII_CONTROLS: Final = ("\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")
# What str.split() splits on besides the single space, as runs a clean text never holds.
_ASCII_SPACE_RUNS: Final = ("  ", "\n", *_ASCII_CONTROLS)


def collapse_ws(text: str) -> str:
    """Return ``text`` with every whitespace run (newlines, tabs, NBSP, zero-width space, BOM
    included) replaced by one space, stripped."""
    if text and text[0] != " " and text[-1] != " " and single_spaced(text):
        return text  # most paragraphs: a few substring scans instead of a split per word
    if "\u200b" in text or "\ufeff" in text:
        text = text.translate(_ZERO_WIDTH)
    return " ".join(text.split())


def contains_any(text: str, parts: tuple[str, ...]) -> bool:
    """Whether one of ``parts`` is a substring of ``text``: a loop, where ``any()`` over a
    generator or ``map()`` takes up to twice the time."""
    for part in parts:  # noqa: SIM110 (see above)
        if part in text:
            return True
    return False


# Below this length, one isprintable() pass answers for every ASCII space but " " faster than
# a substring scan for each (titles, names, link texts); above it, the scans are faster.
_SHORT: Final = 128


def single_spaced(text: str) -> bool:
    """Whether ``text`` holds no whitespace but single spaces (so :func:`collapse_ws` of it,
    when it neither starts nor ends with one, is ``text`` itself)."""
    if text.isascii():
        if len(text) < _SHORT and text.isprintable():  # no whitespace in it but " "
            return "  " not in text
        return not contains_any(text, _ASCII_SPACE_RUNS)
    # Every whitespace character but the space, and both zero-width ones, is unprintable
    # (a test checks all of Unicode), so one pass answers for them all.
    return "  " not in text and text.isprintable()


def clean_inline(text: str) -> str:
    """Clean a single-line field (title, caption, reporter): one line, single spaces, stripped."""
    return collapse_ws(text)


def _layout(text: str, line_sep: str) -> tuple[str, bool]:
    """Canonical layout: lines collapsed by :func:`collapse_ws`, blank lines split paragraphs,
    empty paragraphs dropped; the lines of a paragraph are joined by ``line_sep``. Also says
    whether some paragraph has more than one line.

    Text is taken a blank-line-separated block at a time: a block that is one single-spaced
    line (most are) is kept as it is, without splitting it into lines.
    """
    if "\u200b" in text or "\ufeff" in text:
        text = text.translate(_ZERO_WIDTH)
    # ASCII without tabs or the line breaks of str.splitlines() other than "\n": a block of it
    # is one clean line when it holds no newline and no double space. Other text needs
    # isprintable(), false for every line break and space but " " (a test checks all Unicode).
    plain = text.isascii() and not contains_any(text, _ASCII_CONTROLS)
    paragraphs: list[str] = []
    joined = False
    for block in text.split("\n\n"):
        if "  " not in block and ("\n" not in block if plain else block.isprintable()):
            if block := block.strip():
                paragraphs.append(block)
            continue
        lines: list[str] = []
        for raw in block.splitlines():
            if line := collapse_ws(raw):
                lines.append(line)
            elif lines:
                joined = joined or len(lines) > 1
                paragraphs.append(line_sep.join(lines))
                lines = []
        if lines:
            joined = joined or len(lines) > 1
            paragraphs.append(line_sep.join(lines))
    return "\n\n".join(paragraphs), joined


class LaidOut(str):
    """Text known to be in the layout of a cleaned body already (module docstring; nor does it
    hold a zero-width space or BOM), so :func:`clean_body` skips its first layout pass.

    The page classes build their bodies this way, from paragraphs each collapsed on the way;
    any other text, a stored one included, is laid out as usual, with the same result.
    """

    __slots__ = ()


def _fold(text: str) -> bytes:
    """One byte per character, ASCII letters lower-cased: hint positions are ``text`` positions."""
    return text.encode("latin-1", "replace").lower()


_PLAN: Final = tuple((pattern, tuple(map(str.encode, pattern.hints))) for pattern in PATTERNS)
_LINE_START_PLAN: Final = tuple((p.name, hints) for p, hints in _PLAN if p.line_start)
_LINE_START_FIRST: Final = {b"-", b" "} | {h[:1] for _, hints in _LINE_START_PLAN for h in hints}
_LINE_START_HINTS: Final = re.compile(
    # The lookahead first: most lines begin with another letter, and it fails them at once.
    b"\\n(?=[%s])-?[ ]?(?:%s)"
    % (
        b"".join(map(re.escape, sorted(_LINE_START_FIRST))),
        b"|".join(
            b"(?P<%s>%s)" % (name.encode(), b"|".join(map(re.escape, hints)))
            for name, hints in _LINE_START_PLAN
        ),
    )
)
"""The hints of the ``line_start`` patterns at line starts, each in its pattern's group."""


def _line_start_hints(folded: bytes) -> dict[str, tuple[int, int]]:
    """Pattern name -> where its first and last line-start hint stand in ``folded``."""
    found: dict[str, tuple[int, int]] = {}
    for match in _LINE_START_HINTS.finditer(b"\n" + folded):
        name = match.lastgroup
        assert name is not None
        at = match.start(name) - 1  # in folded, without the newline put in front
        span = found.get(name)
        found[name] = (span[0], at) if span else (at, at)
    return found


# Where the cuts of one pass fell (a bit set; 0 when nothing fired).
_FIRED: Final = 1
_CUT_START: Final = 2
"""A cut began at the start of the text: its first paragraph may be new."""
_CUT_END: Final = 4
"""A cut reached the end of the text (but for whitespace): its last paragraph may be new."""
_CUT_INSIDE: Final = 8
"""A cut took part of a line away from the text's inside."""
_CUT_LINES: Final = 16
"""A cut took whole lines away from the text's inside: blank lines may have run together."""


def _cut(text: AnyStr, matches: list[re.Match[str]]) -> AnyStr:
    """``text`` without the spans of ``matches`` (ordered, not overlapping)."""
    if len(matches) == 1:
        return text[: matches[0].start()] + text[matches[0].end() :]
    kept: list[AnyStr] = []
    end = 0
    for match in matches:
        kept.append(text[end : match.start()])
        end = match.end()
    kept.append(text[end:])
    return text[:0].join(kept)


def _where(text: str, matches: list[re.Match[str]]) -> int:
    """The :data:`_CUT_START`, :data:`_CUT_END`, :data:`_CUT_INSIDE` and :data:`_CUT_LINES`
    bits of ``matches``."""
    where = _FIRED
    size = len(text)
    last = len(text.rstrip())
    for match in matches:
        start, end = match.span()
        if start == 0:
            where |= _CUT_START
        if end >= last:
            where |= _CUT_END
        elif start and (
            text[start - 1] != "\n" or (text[end - 1] != "\n" and end < size and text[end] != "\n")
        ):
            where |= _CUT_INSIDE  # not whole lines
        elif start:
            where |= _CUT_LINES
    return where


def _apply(text: str, removed: dict[str, int], editor: str | None) -> tuple[str, str | None, int]:
    """One pass of :data:`PATTERNS`, counted into ``removed``; the first initials captured win.
    Also says where its cuts fell (:data:`_FIRED` and the ``_CUT_`` bits; 0 when none fired).

    A pattern with hints runs from the start of the line of its first hint (to the end of the line
    of its last hint if ``one_line``), looked up in a folded copy cut in step with ``text``.
    """
    where = 0
    folded = _fold(text)
    heads: dict[str, tuple[int, int]] | None = None  # _line_start_hints(folded), when asked
    for pattern, hints in _PLAN:
        start, end = 0, len(text)
        if hints and pattern.line_start:
            if heads is None:
                heads = _line_start_hints(folded)
            if pattern.name not in heads:
                continue
            first, last = heads[pattern.name]
        elif hints:
            first = -1
            for hint in hints:
                at = folded.find(hint)
                if at >= 0 and (first < 0 or at < first):
                    first = at
            if first < 0:
                continue
            last = max(map(folded.rfind, hints)) if pattern.one_line else first
        if hints:
            start = text.rfind("\n", 0, first) + 1
            if pattern.one_line:
                end = text.find("\n", last) + 1 or end
        matches = list(pattern.regex.finditer(text, start, end))
        if not matches:
            continue
        if pattern is EDITOR_INITIALS:
            editor = editor or matches[-1][1]
        where |= _where(text, matches)
        text = _cut(text, matches)
        folded = _cut(folded, matches)
        heads = None  # its positions moved
        removed[pattern.name] = removed.get(pattern.name, 0) + len(matches)
    return text, editor, where


def _edges_fire(body: str, where: int) -> bool:
    """Whether a pass would fire on the paragraphs at the edges of ``body`` that ``where`` says
    are new: the first after a cut at the start, the last after one at the end.

    Each is checked with an inert stand-in ("X") for the rest of the body, so that ``\\A`` and
    ``\\Z`` hold where they hold in ``body``.
    """
    head_end = body.find("\n\n")
    if head_end < 0:
        probe = body
    else:
        head = body[:head_end] if where & _CUT_START else "X"
        tail = body[body.rfind("\n\n") + 2 :] if where & _CUT_END else "X"
        probe = f"{head}\n\n{tail}"
    return _may_fire(probe) and bool(_apply(probe, {}, None)[2])


_ALL_HINTS: Final = tuple(sorted({hint for pattern in PATTERNS for hint in pattern.hints}))
_HINTLESS: Final = tuple(pattern for pattern in PATTERNS if not pattern.hints)


def _may_fire(text: str) -> bool:
    """Whether a pass over ``text`` can fire: a pattern's hint lies in it, or a pattern without
    hints matches. A few substring tests, where a pass costs about four times as much on a
    paragraph. (``str.lower`` keeps every ASCII letter that :func:`_fold` lower-cases.)"""
    return contains_any(text.lower(), _ALL_HINTS) or any(
        pattern.regex.search(text) for pattern in _HINTLESS
    )


def clean_body(text: str) -> CleanResult:
    """Remove boilerplate from an article body whose paragraphs are split by blank lines.

    The first pass sees the source lines, so line patterns match whole lines. The text is then
    joined to the output layout and passed over again until no pattern fires, so the result is a
    fixed point: ``clean_body(result.body)`` returns the same body and removes nothing. Every firing
    deletes text, so the loop ends. Prose that only mentions "Google News", "logo", "RMOL" or
    "Dimensy" is kept.

    The usual body has one line per paragraph, and the first pass cuts whole lines or the ends
    (initials, datelines). Then no pattern can fire anew but at the two edges, so only those
    are passed over again; the loop runs when they fire or when anything else was cut.
    """
    removed: dict[str, int] = {}
    # Laid out already: the page class checked its paragraphs when it joined them.
    laid, joined = (str(text), False) if isinstance(text, LaidOut) else _layout(text, "\n")
    body, editor, where = _apply(laid, removed, None)
    if not joined and not where & _CUT_INSIDE:
        if not where:
            return CleanResult(body=body, editor=editor, removed=removed)
        # Whole lines and edges went: what is left is canonical but for the whitespace a cut
        # left at either end, and the blank lines that run together where lines went.
        body = body.strip()
        while where & _CUT_LINES and "\n\n\n" in body:
            body = body.replace("\n\n\n", "\n\n")
        if not body or not _edges_fire(body, where):
            return CleanResult(body=body, editor=editor, removed=removed)
    while True:
        body = _layout(body, " ")[0]
        body, editor, where = _apply(body, removed, editor)
        if not where:
            return CleanResult(body=body, editor=editor, removed=removed)
