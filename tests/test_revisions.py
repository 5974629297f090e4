"""What counts as a change of an article (`content_hash`) and when it is revisited
(`RevisitSchedule`)."""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from rmolcrawler.revisions import (
    CONTENT_FIELDS,
    DEFAULT_REVISIT_SCHEDULE,
    RevisitSchedule,
    content_hash,
)

WIB = timezone(timedelta(hours=7))
NOW = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)

ARTICLE: dict[str, Any] = {
    "key": "rmol.id/674000",
    "url": "https://rmol.id/politik/read/2026/11/27/674000/x",
    "title": "KPK Periksa Saksi",
    "body": "Paragraf satu.\n\nParagraf dua.",
    "reporter": "RENI ERINA",
    "tags": ["KPK", "Korupsi"],
    "image_caption": "Gedung KPK/Net",
    "published_at": "2026-11-27T12:00:00+07:00",
    "related": [{"id": 1, "url": "https://rmol.id/read/1", "title": "Lain"}],
    "crawled_at": "2026-11-27T06:00:00+00:00",
    "section": "politik",
    "editor": "dzk",
}


# content_hash


def test_the_hash_is_sha256_of_the_documented_canonical_json() -> None:
    canonical = (
        '{"body":"Paragraf satu. Paragraf dua.","image_caption":"Gedung KPK/Net",'
        '"published_at":"2026-11-27T12:00:00+07:00","reporter":"RENI ERINA",'
        '"tags":["KPK","Korupsi"],"title":"KPK Periksa Saksi"}'
    )
    assert content_hash(ARTICLE) == "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()
    assert CONTENT_FIELDS == ("title", "body", "reporter", "tags", "image_caption", "published_at")
    empty = (
        '{"body":null,"image_caption":null,"published_at":null,"reporter":null,"tags":[],'
        '"title":null}'
    )
    assert content_hash({}) == "sha256:" + hashlib.sha256(empty.encode()).hexdigest()


@pytest.mark.parametrize(
    "changes",
    [
        {"url": "https://rmol.id/read/2026/11/27/674000/y"},
        {"crawled_at": "2026-11-28T06:00:00+00:00"},
        {"related": []},
        {"section": None, "editor": None, "views": 1234, "ads": "<div>iklan</div>"},
        {"title": "  KPK\u00a0Periksa\n\tSaksi \u200b"},
        {"body": "Paragraf satu. Paragraf dua."},
        {"image_caption": "Gedung KPK/Net\n"},
        {"tags": ("KPK", " Korupsi ", "")},
        {"tags": ["KPK", None, "Korupsi"]},
    ],
)
def test_what_is_not_content_does_not_change_the_hash(changes: dict[str, Any]) -> None:
    assert content_hash(ARTICLE | changes) == content_hash(ARTICLE)


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "KPK Periksa Dua Saksi"},
        {"body": "Paragraf satu.\n\nParagraf dua, diperbarui."},
        {"reporter": "AGUS"},
        {"reporter": None},
        {"tags": ["Korupsi", "KPK"]},
        {"tags": ["KPK"]},
        {"image_caption": None},
        {"published_at": "2026-11-27T12:05:00+07:00"},
        {"published_at": "2026-11-27T05:00:00+00:00"},  # the same instant, another offset
    ],
)
def test_a_change_of_content_changes_the_hash(changes: dict[str, Any]) -> None:
    assert content_hash(ARTICLE | changes) != content_hash(ARTICLE)


def test_null_and_empty_are_the_same_and_text_is_compared_in_nfc() -> None:
    assert content_hash({"reporter": "", "tags": None}) == content_hash({"tags": []})
    assert content_hash({"reporter": " \n "}) == content_hash({"reporter": None})
    decomposed = {"title": "Pe\u0301ro"}  # e + combining acute
    assert content_hash(decomposed) == content_hash({"title": "P\u00e9ro"})
    assert content_hash({"published_at": datetime(2026, 11, 27, 12, tzinfo=WIB)}) == content_hash(
        {"published_at": "2026-11-27T12:00:00+07:00"}
    )


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"title": 5}, TypeError),
        ({"tags": "KPK"}, TypeError),
        ({"tags": ["KPK", 5]}, TypeError),
        ({"body": datetime(2026, 11, 27, tzinfo=UTC)}, TypeError),
        ({"published_at": datetime(2026, 11, 27)}, ValueError),  # noqa: DTZ001
    ],
)
def test_fields_of_other_types_are_refused(fields: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        content_hash(fields)


# RevisitSchedule


def test_the_default_schedule_reads_as_documented() -> None:
    schedule = RevisitSchedule.parse(DEFAULT_REVISIT_SCHEDULE)
    assert schedule.steps == (
        (timedelta(hours=3), timedelta(minutes=15)),
        (timedelta(days=1), timedelta(minutes=30)),
        (timedelta(days=7), timedelta(hours=2)),
        (timedelta(days=30), timedelta(days=1)),
    )
    assert str(schedule) == DEFAULT_REVISIT_SCHEDULE
    assert RevisitSchedule.parse(" 90s:30s,2h:90m ") == RevisitSchedule(
        ((timedelta(seconds=90), timedelta(seconds=30)), (timedelta(hours=2), timedelta(hours=1.5)))
    )
    assert str(RevisitSchedule.parse("90s:30s,2h:90m")) == "90s:30s, 2h:90m"


@pytest.mark.parametrize("text", ["", "  ", "off", "OFF"])
def test_an_empty_schedule_never_revisits(text: str) -> None:
    schedule = RevisitSchedule.parse(text)
    assert schedule == RevisitSchedule()
    assert str(schedule) == "off"
    assert schedule.next_revisit(NOW, None, NOW) is None


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("3h", "'3h'"),
        ("3h:15", "'3h:15'"),
        ("3h:15m,", "''"),
        ("3h:15m, 1w:1d", "'1w:1d'"),
        ("3h:15m; 1d:30m", "'3h:15m; 1d:30m'"),
        ("-3h:15m", "'-3h:15m'"),
        ("1.5h:15m", "'1.5h:15m'"),
        ("3h:0m", "zero duration"),
        ("0h:15m", "zero duration"),
        ("1d:30m, 3h:15m", "'3h:15m' is not greater"),
        ("3h:15m, 180m:30m", "'180m:30m' is not greater"),
        ("3 h:15m", "'3 h:15m'"),
        ("1234567d:1d", "'1234567d:1d'"),
    ],
)
def test_malformed_schedules_name_the_bad_part(text: str, bad: str) -> None:
    with pytest.raises(ValueError, match="revisit schedule") as raised:
        RevisitSchedule.parse(text)
    assert bad in str(raised.value)


@pytest.mark.parametrize(
    ("age", "interval"),
    [
        (timedelta(0), timedelta(minutes=15)),
        (timedelta(hours=2, minutes=59), timedelta(minutes=15)),
        (timedelta(hours=3), timedelta(minutes=30)),
        (timedelta(hours=23), timedelta(minutes=30)),
        (timedelta(days=1), timedelta(hours=2)),
        (timedelta(days=6, hours=23), timedelta(hours=2)),
        (timedelta(days=7), timedelta(days=1)),
        (timedelta(days=29, hours=23), timedelta(days=1)),
        (timedelta(days=30), None),
        (timedelta(days=3000), None),
        (-timedelta(hours=1), timedelta(minutes=15)),  # published "in the future"
    ],
)
def test_the_interval_is_the_first_bound_the_age_is_under(
    age: timedelta, interval: timedelta | None
) -> None:
    schedule = RevisitSchedule.parse(DEFAULT_REVISIT_SCHEDULE)
    expected = None if interval is None else NOW + interval
    assert schedule.next_revisit(NOW, NOW - age, NOW - age) == expected
    assert schedule.next_revisit(NOW, None, NOW - age) == expected


def test_the_age_counts_from_the_later_of_publication_and_last_change() -> None:
    schedule = RevisitSchedule.parse(DEFAULT_REVISIT_SCHEDULE)
    published = (NOW - timedelta(days=40)).astimezone(WIB)
    assert schedule.next_revisit(NOW, published, published) is None  # a backfilled article
    edited = NOW - timedelta(hours=1)
    assert schedule.next_revisit(NOW, published, edited) == NOW + timedelta(minutes=15)
    assert schedule.next_revisit(NOW, NOW.astimezone(WIB), NOW - timedelta(days=40)) == (
        NOW + timedelta(minutes=15)
    )


@pytest.mark.parametrize("naive", ["now", "published_at", "last_change_at"])
def test_naive_times_are_refused(naive: str) -> None:
    times: dict[str, Any] = {"now": NOW, "published_at": NOW, "last_change_at": NOW}
    times[naive] = datetime(2026, 11, 27, 6)  # noqa: DTZ001
    with pytest.raises(ValueError, match=f"{naive} must be timezone-aware"):
        RevisitSchedule.parse("1d:1h").next_revisit(**times)


def _random_schedule(rng: random.Random) -> RevisitSchedule:
    """One to five steps with increasing ages in minutes and intervals in any unit."""
    ages = sorted(rng.sample(range(1, 50_000), rng.randint(1, 5)))
    return RevisitSchedule.parse(
        ", ".join(f"{age}m:{rng.randint(1, 999)}{rng.choice('smhd')}" for age in ages)
    )


def test_random_schedules_round_trip_and_pick_a_step_the_age_is_under() -> None:
    rng = random.Random(14)
    for _ in range(200):
        schedule = _random_schedule(rng)
        assert RevisitSchedule.parse(str(schedule)) == schedule
        last = schedule.steps[-1][0]
        age = timedelta(seconds=rng.randint(0, int(last.total_seconds() * 1.5)))
        offset = timezone(timedelta(hours=rng.choice([7, 8, 9, 0])))
        changed = (NOW - age).astimezone(offset)
        published = None if rng.random() < 0.3 else changed - timedelta(hours=rng.randint(0, 99))
        following = schedule.next_revisit(NOW, published, changed)
        if age >= last:
            assert following is None
            continue
        assert following is not None
        index = [bound > age for bound, _ in schedule.steps].index(True)
        assert following - NOW == schedule.steps[index][1]
        assert all(bound <= age for bound, _ in schedule.steps[:index])
