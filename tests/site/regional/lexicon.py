"""Names and words of the regional mirror (invented; the prose itself comes from tests.site.lexicon).

Reporters are invented people with profile user names in the three shapes SEEN on rmollampung.id
(``tutinurkhomariyah`` glued, ``faiza`` first name, ``kusmawati-aris`` hyphenated), plus the two
desk accounts SEEN there (``RMOL Lampung`` as ``/profile/rmollampung``, ``Admin RMOLLampung`` as
``/profile/admin``), named after the site.
"""

from __future__ import annotations

import datetime as dt
import re

from tests.site.lexicon import MONTHS, WEEKDAYS

# (printed name, profile user name)
REPORTERS: tuple[tuple[str, str], ...] = (
    ("Rina Kartikasari", "rinakartikasari"),
    ("Dedi Firmansyah", "dedi"),
    ("Wulan Anggraini", "wulan-anggraini"),
    ("Bayu Pratama", "bayupratama"),
    ("Sigit Purnomo", "sigit"),
    ("Meli Oktaviani", "meli-oktaviani"),
)

INITIALS: tuple[str, ...] = ("aji", "ryn", "dwi", "fik", "hen", "lia")
"""Editor initials closing a body (SEEN shape: ``[aji]``)."""

EDITORS: tuple[str, ...] = ("Adi Saputra", "Nur Hasanah", "Yoga Prasetya")
"""Editors named by an ``Editor: NAME`` line (the ``editor_line`` variant; GUESS)."""

TAGS: tuple[str, ...] = (
    "Pemprov {region}", "DPRD {region}", "Polda {region}", "Pilkada 2024", "Korupsi", "Inflasi",
    "Banjir", "Pendidikan", "Kesehatan", "UMKM", "Infrastruktur", "Bawaslu", "KPU", "Dana Desa",
)  # fmt: skip

CAPTION_SUBJECTS: tuple[str, ...] = (
    "{role} {person} saat memberikan keterangan kepada wartawan",
    "Suasana rapat pembahasan {topic} di {place}",
    "{person} meninjau lokasi di {place}",
    "Ilustrasi {topic}",
    "Warga mengikuti kegiatan sosialisasi {topic}",
)

STATIC_TEXT: tuple[str, ...] = (
    "{brand} adalah media siber yang menyajikan berita politik, pemerintahan, hukum dan"
    " peristiwa di {region}.",
    "Redaksi berpegang pada Kode Etik Jurnalistik dan Pedoman Pemberitaan Media Siber yang"
    " ditetapkan Dewan Pers.",
    "Setiap koreksi, hak jawab dan pengaduan dapat disampaikan kepada redaksi melalui surel"
    " yang tercantum di bagian bawah halaman ini.",
)

ENGLISH_MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def regional_slug(title: str) -> str:
    """The slug the network's CMS makes of a title (shapes SEEN in real URLs).

    Words are lower-cased and stripped of punctuation (``100.672`` -> ``100672``); a spaced dash
    (``" - "`` or ``" \u2013 "``) leaves an empty word, so it prints as ``--``; a title ending in a
    full stop keeps a trailing ``.``.
    """
    parts: list[str] = []
    for word in title.lower().split():
        if word in ("-", "\u2013", "\u2014"):
            parts.append("")
            continue
        cleaned = re.sub(r"[^a-z0-9-]", "", word).strip("-")
        if cleaned:
            parts.append(cleaned)
    slug = "-".join(parts)
    return slug + "." if title.rstrip().endswith(".") else slug


def tag_slug(tag: str) -> str:
    """``/tag/{slug}`` of a tag: lowercase words joined by ``-`` (GUESS)."""
    return re.sub(r"[^a-z0-9]+", "-", tag.lower()).strip("-")


def day_date(when: dt.datetime) -> str:
    """``Jumat, 1 Agustus 2025``: the date of listings (SEEN, day not zero-padded)."""
    return f"{WEEKDAYS[when.weekday()]}, {when.day} {MONTHS[when.month - 1]} {when.year}"


def article_date(when: dt.datetime, zone: str | None) -> str:
    """``Jumat, 1 Agustus 2025 | 09:15`` (3RD-PARTY shape), with `` WIB`` when ``zone`` is given.

    The day is not zero-padded, as in the listings SEEN on the same CMS.
    """
    label = f" {zone}" if zone else ""
    return f"{day_date(when)} | {when:%H:%M}{label}"


def topbar_date(when: dt.datetime) -> str:
    """``25 July 2025 04:28 PM``: the header clock (SEEN, English, locale-independent here)."""
    hour = when.hour % 12 or 12
    half = "AM" if when.hour < 12 else "PM"
    return (
        f"{when.day:02d} {ENGLISH_MONTHS[when.month - 1]} {when.year} {hour:02d}:{when:%M} {half}"
    )
