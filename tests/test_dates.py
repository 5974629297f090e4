import sys
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from rmolcrawler.normalize.dates import (
    DEFAULT_ZONE,
    WIB,
    ZONES,
    date_disagrees,
    looks_like_date,
    parse_indonesian,
    parse_published,
    parse_relative,
    to_iso,
)

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=WIB)
NOW_UTC = datetime(2026, 11, 26, 20, 0, tzinfo=UTC)  # the same instant as NOW


def iso(text: str) -> str | None:
    value = parse_indonesian(text)
    return None if value is None else to_iso(value)


def test_zones_are_fixed_offsets() -> None:
    assert {name: zone.utcoffset(None) for name, zone in ZONES.items()} == {
        "WIB": timedelta(hours=7),
        "WITA": timedelta(hours=8),
        "WIT": timedelta(hours=9),
    }
    assert DEFAULT_ZONE is ZONES["WIB"]
    assert ZONES["WITA"].tzname(None) == "WITA"


def test_desktop_byline() -> None:
    value = parse_indonesian("Rabu, 30 Desember 2020, 06:08 WIB")
    assert value == datetime(2020, 12, 30, 6, 8, tzinfo=WIB)
    assert value is not None
    assert value.utcoffset() == timedelta(hours=7)
    assert to_iso(value) == "2020-12-30T06:08:00+07:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SENIN, 16 OKTOBER 2023 | 19:48 WIB", "2023-10-16T19:48:00+07:00"),
        (
            "SENIN, 16 OKTOBER 2023 | 19:48 WIB | LAPORAN: BONFILIO MAHENDRA",
            "2023-10-16T19:48:00+07:00",
        ),
        ("Jumat, 25 Juli 2025 | 14:30", "2025-07-25T14:30:00+07:00"),
        ("Jumat, 25 Juli 2025 | 14:30 WITA", "2025-07-25T14:30:00+08:00"),
        ("Jumat, 25 Juli 2025 | 14:30 WIT", "2025-07-25T14:30:00+09:00"),
        ("  • Kamis, 06 November 2014, 17:39 WIB", "2014-11-06T17:39:00+07:00"),
    ],
    ids=["amp", "amp-full-line", "regional", "regional-wita", "regional-wit", "desktop-bullet"],
)
def test_site_formats(text: str, expected: str) -> None:
    assert iso(text) == expected


@pytest.mark.parametrize(
    ("weekday", "day"),
    [
        ("Senin", 21),
        ("Selasa", 22),
        ("Rabu", 23),
        ("Kamis", 24),
        ("Jumat", 25),
        ("Jum'at", 25),
        ("Jum\u2019at", 25),
        ("JUM'AT", 25),
        ("Sabtu", 26),
        ("Minggu", 27),
        ("Ahad", 27),
    ],
)
def test_every_weekday(weekday: str, day: int) -> None:
    assert iso(f"{weekday}, {day} Juli 2025, 10:00 WIB") == f"2025-07-{day}T10:00:00+07:00"


def test_weekday_is_optional() -> None:
    assert iso("30 Desember 2020, 06:08 WIB") == "2020-12-30T06:08:00+07:00"


def test_weekday_mismatch_keeps_the_date() -> None:
    assert iso("Senin, 30 Desember 2020, 06:08 WIB") == "2020-12-30T06:08:00+07:00"


@pytest.mark.parametrize(
    ("name", "month"),
    [
        ("Januari", 1),
        ("Februari", 2),
        ("Maret", 3),
        ("April", 4),
        ("Mei", 5),
        ("Juni", 6),
        ("Juli", 7),
        ("Agustus", 8),
        ("September", 9),
        ("Oktober", 10),
        ("November", 11),
        ("Desember", 12),
        ("Jan", 1),
        ("Feb", 2),
        ("Mar", 3),
        ("Apr", 4),
        ("Jun", 6),
        ("Jul", 7),
        ("Agu", 8),
        ("Agt", 8),
        ("Ags", 8),
        ("Sep", 9),
        ("Sept", 9),
        ("Okt", 10),
        ("Nov", 11),
        ("Des", 12),
        ("Des.", 12),
        ("Pebruari", 2),
        ("Nopember", 11),
        ("August", 8),
        ("Oct", 10),
        ("May", 5),
        ("December", 12),
    ],
)
def test_every_month(name: str, month: int) -> None:
    assert iso(f"15 {name} 2024") == f"2024-{month:02}-15T00:00:00+07:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rabu, 30 Desember 2020, 06:08 WIB", "2020-12-30T06:08:00+07:00"),
        ("Rabu, 30 Desember 2020, 06:08 WITA", "2020-12-30T06:08:00+08:00"),
        ("Rabu, 30 Desember 2020, 06:08 WIT", "2020-12-30T06:08:00+09:00"),
        ("Rabu, 30 Desember 2020, 06:08 wita", "2020-12-30T06:08:00+08:00"),
        ("Rabu, 30 Desember 2020 WIT", "2020-12-30T00:00:00+09:00"),
        ("Rabu, 30 Desember 2020, 06:08", "2020-12-30T06:08:00+07:00"),
    ],
)
def test_zones(text: str, expected: str) -> None:
    assert iso(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rabu, 30 desember 2020, 06:08 wib", "2020-12-30T06:08:00+07:00"),
        ("RABU, 30 DESEMBER 2020, 06:08 WIB", "2020-12-30T06:08:00+07:00"),
        ("rAbU, 30 dEsEmBeR 2020, 06:08 WiB", "2020-12-30T06:08:00+07:00"),
        ("Rabu,\u00a030\u00a0Desember\u00a02020,\u00a006:08\u00a0WIB", "2020-12-30T06:08:00+07:00"),
        ("\u00a0\u2022\u00a0Rabu, 30 Desember 2020, 06:08 WIB", "2020-12-30T06:08:00+07:00"),
        ("  Rabu ,  30   Desember\t2020 ,\n 06:08   WIB  ", "2020-12-30T06:08:00+07:00"),
        ("Rabu, 30 Desember 2020, 06:08 WIB Dibaca 1.234 kali", "2020-12-30T06:08:00+07:00"),
        ("30 Desember 2020 | 2 komentar", "2020-12-30T00:00:00+07:00"),
        ("Rabu, 30 Desember 2020, 06.08 WIB", "2020-12-30T06:08:00+07:00"),
        ("Rabu, 30 Desember 2020, 6:08 WIB", "2020-12-30T06:08:00+07:00"),
        ("Rabu, 30 Desember 2020, 06:08:45 WIB", "2020-12-30T06:08:45+07:00"),
        ("Rabu, 30 Desember 2020 pukul 06.08 WIB", "2020-12-30T06:08:00+07:00"),
        ("Rabu, 30 Desember 2020", "2020-12-30T00:00:00+07:00"),
        ("1 Januari 2021, 00:00 WIB", "2021-01-01T00:00:00+07:00"),
        ("29 Februari 2024", "2024-02-29T00:00:00+07:00"),
    ],
    ids=[
        "lower",
        "upper",
        "mixed-case",
        "nbsp",
        "bullet",
        "extra-whitespace",
        "trailing-text",
        "trailing-number",
        "dot-time",
        "one-digit-hour",
        "seconds",
        "pukul",
        "no-time",
        "midnight",
        "leap-day",
    ],
)
def test_text_variants(text: str, expected: str) -> None:
    assert iso(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-12-30T06:08:00+07:00", "2020-12-30T06:08:00+07:00"),
        ("2020-12-30T06:08:00Z", "2020-12-30T06:08:00+00:00"),
        ("2020-12-30 06:08:00+0700", "2020-12-30T06:08:00+07:00"),
        ("2020-12-30T06:08:00+08:00", "2020-12-30T06:08:00+08:00"),
        ("2020-12-29T23:08:00-05:30", "2020-12-29T23:08:00-05:30"),
        ("2020-12-30T06:08:00.123456+07:00", "2020-12-30T06:08:00+07:00"),
        ("2020-12-30T06:08+07", "2020-12-30T06:08:00+07:00"),
        ("2020-12-30T06:08:00", "2020-12-30T06:08:00+07:00"),
        ("2020-12-30", "2020-12-30T00:00:00+07:00"),
        (" 2020-12-30T06:08:00+07:00 ", "2020-12-30T06:08:00+07:00"),
    ],
)
def test_iso(text: str, expected: str) -> None:
    assert iso(text) == expected


def test_iso_keeps_fraction() -> None:
    assert parse_indonesian("2020-12-30T06:08:00.5Z") == datetime(
        2020, 12, 30, 6, 8, 0, 500000, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Rabu",
        "abc",
        "31 Februari 2020",
        "29 Februari 2021",
        "0 Januari 2020",
        "32 Januari 2020",
        "30 Desember 2020, 25:00 WIB",
        "30 Desember 2020, 24:00 WIB",
        "30 Desember 2020, 06:60 WIB",
        "30 Desember 2020, 06:08:60 WIB",
        "30 Desember 2020, 6:0 WIB",
        "30 Desember 2020, 06:089 WIB",
        "30 Foo 2020",
        "Foo, 30 Desember 2020",
        "30 Desember",
        "Desember 2020",
        "30 Desember 20",
        "30 Desember 20201",
        "30/12/2020",
        "2020-13-01",
        "2020-02-30",
        "2020-12-30T25:00:00",
        "2020-12-30T06:08:00+24:00",
        "2020-12-30T06:08:00+07:00 trailing",
        "2 jam yang lalu",
        "\u2022",
    ],
)
def test_malformed_gives_none(text: str) -> None:
    assert parse_indonesian(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Rabu, 30 Desember 2020, 06:08 WIB",
        "  \u2022 Kamis, 06 November 2014, 17:39 WIB",
        "SENIN, 16 OKTOBER 2023 | 19:48 WIB | LAPORAN: BONFILIO MAHENDRA",
        "15 Des. 2024",
        "2020-12-30T06:08:00+07:00",
        "2020-12-30 06:08:00 +0700",
        "2020-12-30",
        "31 Februari 2020",  # the shape of a date: parsing it tells it is impossible
    ],
)
def test_looks_like_date(text: str) -> None:
    assert looks_like_date(text)


@pytest.mark.parametrize(
    "text",
    ["", "Rabu", "30 Foo 2020", "LAPORAN: ADE MULYANA", "2 jam yang lalu", "30/12/2020", "2020"],
)
def test_does_not_look_like_date(text: str) -> None:
    assert not looks_like_date(text)


def test_what_parses_looks_like_a_date() -> None:
    samples = ["Rabu, 30 Desember 2020, 06:08 WIB", "2020-12-30T06:08:00Z", "29 Februari 2024"]
    samples += ["30 Desember 2020, 25:00 WIB", "2020-02-30", "Foo, 30 Desember 2020", "abc"]
    for text in samples:
        assert looks_like_date(text) or parse_indonesian(text) is None, text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 jam yang lalu", "2026-11-27T01:00:00+07:00"),
        ("5 menit lalu", "2026-11-27T02:55:00+07:00"),
        ("3 detik yang lalu", "2026-11-27T02:59:57+07:00"),
        ("1 hari yang lalu", "2026-11-26T03:00:00+07:00"),
        ("2 minggu yang lalu", "2026-11-13T03:00:00+07:00"),
        ("sejam lalu", "2026-11-27T02:00:00+07:00"),
        ("2 JAM YANG LALU", "2026-11-27T01:00:00+07:00"),
        ("\u2022 2\u00a0jam yang lalu", "2026-11-27T01:00:00+07:00"),
        ("baru saja", "2026-11-27T03:00:00+07:00"),
        ("Barusan", "2026-11-27T03:00:00+07:00"),
        ("kemarin 14:30", "2026-11-26T14:30:00+07:00"),
        ("Kemarin, pukul 14.30 WIB", "2026-11-26T14:30:00+07:00"),
        ("kemarin", "2026-11-26T00:00:00+07:00"),
        ("kemarin 14:30 WITA", "2026-11-26T13:30:00+07:00"),
        ("hari ini 01:15", "2026-11-27T01:15:00+07:00"),
    ],
)
@pytest.mark.parametrize("now", [NOW, NOW_UTC], ids=["now-wib", "now-utc"])
def test_relative(text: str, expected: str, now: datetime) -> None:
    value = parse_relative(text, now)
    assert value is not None
    assert to_iso(value) == expected


def test_kemarin_uses_the_wib_calendar_day() -> None:
    # 20:00 UTC on the 26th is already 03:00 WIB on the 27th.
    value = parse_relative("kemarin 14:30", datetime(2026, 11, 26, 20, 0, tzinfo=UTC))
    assert value is not None
    assert to_iso(value) == "2026-11-26T14:30:00+07:00"
    value = parse_relative("kemarin 14:30", datetime(2026, 11, 26, 16, 59, tzinfo=UTC))
    assert value is not None
    assert to_iso(value) == "2026-11-25T14:30:00+07:00"


@pytest.mark.parametrize(
    "text",
    ["", "abc", "2 jam", "jam yang lalu", "2 bulan yang lalu", "kemarin 25:00", "besok 14:30"],
)
def test_relative_unknown_gives_none(text: str) -> None:
    assert parse_relative(text, NOW) is None


def test_relative_rejects_naive_now() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        parse_relative("2 jam yang lalu", NOW.replace(tzinfo=None))


def test_published_rejects_naive_now() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        parse_published("Rabu, 30 Desember 2020, 06:08 WIB", NOW.replace(tzinfo=None))


@pytest.mark.parametrize(
    ("text", "expected", "method"),
    [
        ("Rabu, 30 Desember 2020, 06:08 WIB", "2020-12-30T06:08:00+07:00", "indonesian"),
        ("2020-12-30T06:08:00Z", "2020-12-30T06:08:00+00:00", "indonesian"),
        ("2 jam yang lalu", "2026-11-27T01:00:00+07:00", "relative"),
        ("30/12/2020 06:08", "2020-12-30T06:08:00+07:00", "dateparser"),
        ("Desember 30, 2020", "2020-12-30T00:00:00+07:00", "dateparser"),
        ("2 bulan yang lalu", "2026-09-27T03:00:00+07:00", "dateparser"),
    ],
)
@pytest.mark.parametrize("now", [NOW, NOW_UTC], ids=["now-wib", "now-utc"])
def test_published_chain(text: str, expected: str, method: str, now: datetime) -> None:
    value, used = parse_published(text, now)
    assert used == method
    assert value is not None
    assert to_iso(value) == expected


def test_dateparser_result_has_fixed_wib_offset() -> None:
    value, method = parse_published("30/12/2020 06:08", NOW_UTC)
    assert method == "dateparser"
    assert value is not None
    assert value.tzinfo == timezone(timedelta(hours=7))
    assert value.tzname() == "WIB"


@pytest.mark.parametrize(
    "text", ["", "   ", "abc", "Rabu", "2020", "31 Februari 2020", "30 Desember 2020, 25:00 WIB"]
)
def test_published_none(text: str) -> None:
    assert parse_published(text, NOW) == (None, "none")


def test_fast_path_does_not_import_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dateparser", None)  # importing it now raises ImportError
    assert parse_published("Rabu, 30 Desember 2020, 06:08 WIB", NOW_UTC)[1] == "indonesian"
    assert parse_published("2020-12-30T06:08:00Z", NOW_UTC)[1] == "indonesian"
    assert parse_published("2 jam yang lalu", NOW_UTC)[1] == "relative"


def test_to_iso() -> None:
    assert to_iso(datetime(2020, 12, 30, 6, 8, tzinfo=WIB)) == "2020-12-30T06:08:00+07:00"
    assert to_iso(datetime(2020, 12, 30, 6, 8, 5, 999, tzinfo=UTC)) == "2020-12-30T06:08:05+00:00"


def test_to_iso_rejects_naive() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        to_iso(datetime(2020, 12, 30, 6, 8))  # noqa: DTZ001


def test_date_disagrees() -> None:
    byline = datetime(2020, 12, 30, 6, 8, tzinfo=WIB)
    assert date_disagrees(byline, date(2020, 12, 30)) is False
    assert date_disagrees(byline, date(2020, 12, 29)) is True


def test_date_disagrees_uses_the_values_own_zone() -> None:
    late_utc = datetime(2020, 12, 29, 23, 30, tzinfo=UTC)
    assert date_disagrees(late_utc, date(2020, 12, 29)) is False
    assert date_disagrees(late_utc.astimezone(WIB), date(2020, 12, 29)) is True


def test_date_disagrees_rejects_naive() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        date_disagrees(datetime(2020, 12, 30, 6, 8), date(2020, 12, 30))  # noqa: DTZ001
