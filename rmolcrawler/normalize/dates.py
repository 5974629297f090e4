"""Turn RMOL date strings into timezone-aware datetimes.

Every function here is pure and every datetime it returns carries its zone. Indonesian zones are
fixed offsets (WIB +07:00, WITA +08:00, WIT +09:00); text without a zone is read as WIB.
:func:`parse_indonesian` and :func:`parse_relative` are regex and tables only;
:func:`parse_published` falls back to dateparser, which is imported only when it is needed.

The grammar of a printed date lives here alone: the page classes ask :func:`looks_like_date`
which text holds one, and the timestamps pipeline parses it, once, with :func:`parse_published`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Final, Literal

__all__ = [
    "DEFAULT_ZONE",
    "WIB",
    "WIT",
    "WITA",
    "ZONES",
    "ParseMethod",
    "date_disagrees",
    "looks_like_date",
    "parse_indonesian",
    "parse_published",
    "parse_relative",
    "to_iso",
]

WIB: Final = timezone(timedelta(hours=7), "WIB")
WITA: Final = timezone(timedelta(hours=8), "WITA")
WIT: Final = timezone(timedelta(hours=9), "WIT")
ZONES: Final[dict[str, timezone]] = {"WIB": WIB, "WITA": WITA, "WIT": WIT}
DEFAULT_ZONE: Final = WIB

ParseMethod = Literal["indonesian", "relative", "dateparser", "none"]

_MONTH_NAMES: Final = (
    ("januari", "jan", "january"),
    ("februari", "pebruari", "feb", "peb", "february"),
    ("maret", "mar", "march"),
    ("april", "apr"),
    ("mei", "may"),
    ("juni", "jun", "june"),
    ("juli", "jul", "july"),
    ("agustus", "agu", "agt", "ags", "agust", "august", "aug"),
    ("september", "sep", "sept"),
    ("oktober", "okt", "october", "oct"),
    ("november", "nopember", "nov", "nop"),
    ("desember", "des", "december", "dec"),
)
_MONTHS: Final[dict[str, int]] = {
    name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names
}

_WEEKDAY = (
    r"senin|selasa|rabu|kamis|jum['\u2019\u2018`]?at|sabtu|minggu|ahad"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
_TIME_SEP = r"[\s,|\-\u2013\u2014]*(?:(?:pukul|pkl\.?|jam)\s*)?"
_TIME = r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?(?!\d)"
# A date followed by a broken clock ("6:0", "06:089") is rejected rather than read as 00:00.
_TIME_OR_NO_CLOCK = rf"(?:{_TIME_SEP}{_TIME}|(?!{_TIME_SEP}\d+[:.]\d))"
_ZONE = r"(?:\s*(?P<zone>WITA|WIB|WIT)\b)?"

_INDONESIAN_RE: Final = re.compile(
    rf"""
    [\W_]*
    (?:(?:{_WEEKDAY})[\s,]+)?
    (?P<day>\d{{1,2}})[\s\-/.]+
    (?P<month>[^\W\d_]+)\.?[\s\-/,]+
    (?P<year>\d{{4}})(?!\d)
    {_TIME_OR_NO_CLOCK}
    {_ZONE}
    """,
    re.IGNORECASE | re.VERBOSE,
)
# What is read as ISO 8601 (datetime.fromisoformat then reads it): a date, and optionally a time
# with minutes followed by an offset (Z, +07, +0700, +07:00). An offset needs a time.
_ISO_RE: Final = re.compile(
    r"\s*\d{4}-\d{2}-\d{2}"
    r"(?:[T\s]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?\s*",
    re.IGNORECASE,
)
_AGO_RE: Final = re.compile(
    r"[\W_]*(?P<count>\d+|se)\s*(?P<unit>detik|menit|jam|hari|minggu)\s+(?:yang\s+)?lalu\b",
    re.IGNORECASE,
)
_JUST_NOW_RE: Final = re.compile(r"[\W_]*(?:baru\s+saja|barusan)\b", re.IGNORECASE)
_DAY_RE: Final = re.compile(
    rf"[\W_]*(?P<day>kemarin|hari\s+ini)\b{_TIME_OR_NO_CLOCK}{_ZONE}",
    re.IGNORECASE,
)
_UNITS: Final[dict[str, timedelta]] = {
    "detik": timedelta(seconds=1),
    "menit": timedelta(minutes=1),
    "jam": timedelta(hours=1),
    "hari": timedelta(days=1),
    "minggu": timedelta(weeks=1),
}

# REQUIRE_PARTS stops dateparser from turning a bare weekday ("Rabu"), a year or a day number into
# a guess anchored on RELATIVE_BASE; relative phrases ("2 bulan yang lalu") still parse.
_DATEPARSER_LANGUAGES: Final = ["id"]
_DATEPARSER_SETTINGS: Final[Mapping[str, Any]] = {
    "TIMEZONE": "Asia/Jakarta",
    "TO_TIMEZONE": "Asia/Jakarta",
    "RETURN_AS_TIMEZONE_AWARE": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
}


def looks_like_date(text: str) -> bool:
    """Whether ``text`` is written as :func:`parse_indonesian` reads dates: an Indonesian date
    with a known month name, or ISO 8601. The shape only: the calendar is checked when the date
    is parsed (so ``31 Februari 2020`` looks like a date and parses to None).
    """
    match = _INDONESIAN_RE.match(text)
    if match is not None:
        return match["month"].lower() in _MONTHS
    return _ISO_RE.fullmatch(text) is not None


def parse_indonesian(text: str) -> datetime | None:
    """Parse an RMOL byline date or an ISO 8601 timestamp; never raise.

    Accepted: ``[Hari,] DD Bulan YYYY[, | ][pukul ]HH:MM[:SS] [WIB|WITA|WIT]`` in any case, with
    ``:`` or ``.`` in the time, Indonesian or English month names or abbreviations, optional
    leading bullets or punctuation, any Unicode whitespace (NBSP included) and ignored trailing
    text (e.g. ``| LAPORAN: NAME``). A missing time means 00:00; a missing zone means WIB. The
    weekday is not checked against the date: the date is what matters, and a wrong weekday is a
    site typo, not a reason to lose the date. ISO 8601 (``2020-12-30T06:08:00+07:00``, ``...Z``,
    ``... +0700``) keeps its offset; without an offset it is read as WIB.

    Returns None for empty or unrecognized text, unknown month names, impossible dates and
    out-of-range clock values.
    """
    match = _INDONESIAN_RE.match(text)
    if match is not None:
        month = _MONTHS.get(match["month"].lower())
        if month is None:
            return None
        clock = _clock(match)
        if clock is None:
            return None
        zone = ZONES[match["zone"].upper()] if match["zone"] else DEFAULT_ZONE
        try:
            day = date(int(match["year"]), month, int(match["day"]))
        except ValueError:
            return None
        return datetime.combine(day, clock, tzinfo=zone)
    if _ISO_RE.fullmatch(text) is not None:
        try:
            value = datetime.fromisoformat(text.strip().upper())
        except ValueError:  # an impossible date, clock or offset
            return None
        return value if value.tzinfo is not None else value.replace(tzinfo=DEFAULT_ZONE)
    return None


def parse_relative(text: str, now: datetime) -> datetime | None:
    """Parse an Indonesian relative time anchored on ``now``; the result is in WIB.

    Accepted: ``N detik|menit|jam|hari|minggu [yang] lalu`` (``se`` for one, e.g. ``sejam
    lalu``), ``baru saja``/``barusan`` (= now), and ``kemarin``/``hari ini`` with an optional
    ``HH:MM`` and zone. Calendar words count days in WIB (or in the stated zone): ``kemarin`` is
    the previous calendar day there, at 00:00 when no time is given. Months and years are left to
    dateparser.

    Raises ValueError when ``now`` is naive; otherwise returns None for text it does not know.
    """
    now_wib = _to_wib(now)
    match = _AGO_RE.match(text)
    if match is not None:
        count = 1 if match["count"].lower() == "se" else int(match["count"])
        try:
            return now_wib - count * _UNITS[match["unit"].lower()]
        except OverflowError:
            return None
    if _JUST_NOW_RE.match(text) is not None:
        return now_wib
    match = _DAY_RE.match(text)
    if match is not None:
        clock = _clock(match)
        if clock is None:
            return None
        zone = ZONES[match["zone"].upper()] if match["zone"] else DEFAULT_ZONE
        day = now_wib.astimezone(zone).date()
        try:
            if match["day"].lower() == "kemarin":
                day -= timedelta(days=1)
            return datetime.combine(day, clock, tzinfo=zone).astimezone(WIB)
        except OverflowError:
            return None
    return None


def parse_published(text: str, now: datetime) -> tuple[datetime | None, ParseMethod]:
    """Parse a published date with the full chain and say which step succeeded.

    Order: :func:`parse_indonesian`, :func:`parse_relative` (anchored on ``now``), then dateparser
    (Indonesian, relative to ``now`` in WIB). A dateparser result is returned with the fixed WIB
    offset. Returns ``(None, "none")`` when every step fails. Raises ValueError when ``now`` is
    naive, whichever step would have answered.
    """
    now_wib = _to_wib(now)
    value = parse_indonesian(text)
    if value is not None:
        return value, "indonesian"
    value = parse_relative(text, now_wib)
    if value is not None:
        return value, "relative"
    if text.strip():
        value = _parse_with_dateparser(text, now_wib)
        if value is not None:
            return value, "dateparser"
    return None, "none"


def to_iso(value: datetime) -> str:
    """Format an aware datetime as ISO 8601 with seconds, e.g. ``2020-12-30T06:08:00+07:00``.

    Raises ValueError when ``value`` is naive.
    """
    _require_aware(value, "value")
    return value.isoformat(timespec="seconds")


def date_disagrees(value: datetime, url_date: date) -> bool:
    """Return True when ``value``'s calendar date in its own zone differs from ``url_date``.

    Raises ValueError when ``value`` is naive.
    """
    _require_aware(value, "value")
    return value.date() != url_date


def _clock(match: re.Match[str]) -> time | None:
    if match["hour"] is None:
        return time()
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"]) if match["second"] else 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def _parse_with_dateparser(text: str, now_wib: datetime) -> datetime | None:
    import dateparser

    # dateparser fills missing date parts from RELATIVE_BASE's wall clock, so it gets WIB wall
    # time; TIMEZONE tells it which zone that naive value is in.
    settings = {**_DATEPARSER_SETTINGS, "RELATIVE_BASE": now_wib.replace(tzinfo=None)}
    # dateparser raises assorted errors on odd input; a missed date must not fail the item.
    try:
        value = dateparser.parse(text, languages=_DATEPARSER_LANGUAGES, settings=settings)
    except Exception:
        return None
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=WIB)
    return value.astimezone(WIB)


def _to_wib(now: datetime) -> datetime:
    _require_aware(now, "now")
    return now.astimezone(WIB)


def _require_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {value!r}")
