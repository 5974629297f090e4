"""Boilerplate patterns of :mod:`rmolcrawler.normalize.text`: each one removes its boilerplate, and
prose that looks like it survives."""

from __future__ import annotations

import dataclasses
import random
import re
from pathlib import Path

import pytest

from rmolcrawler.normalize import text
from rmolcrawler.normalize.text import (
    ADS,
    ALL_PATTERNS,
    ARTIKEL_LAINNYA,
    BACA_JUGA,
    BERITA_TERKAIT,
    DATELINE,
    EDITOR_INITIALS,
    FOLLOW_US,
    GOOGLE_NEWS_FOOTER,
    LAPORAN_ESCAPED,
    LOGO_LEADING,
    LOGO_TRAILING,
    PATTERNS,
    REGIONAL_DATELINE,
    REGIONAL_GOOGLE_NEWS,
    REGIONAL_PATTERNS,
    SCOPES,
    CleanResult,
    Pattern,
    clean_body,
    clean_inline,
    collapse_ws,
    layout,
)

# seed-article.txt: a real rmol.id article as text, captured by an earlier crawler (verbatim copy).
SEED_PAGE = (Path(__file__).parent / "fixtures" / "seed-article.txt").read_text(encoding="utf-8")
# The body as the page class hands it over: from the leading logo image text to the end.
SEED_BODY = SEED_PAGE[SEED_PAGE.index("rmol news logo Turki") :]

SEED_FIRST = (
    "Turki dan Rusia kembali menegaskan komitmen mereka untuk melakukan kerjasama baik dalam militer"
    " maupun kesehatan. Hubungan keduanya tidak akan goyah meskipun ada tekanan dari Amerika Serikat."
)
SEED_LAST = (
    '"Turki meminta lebih banyak informasi dari Rusia tentang vaksin Sputnik V," ujar Cavusoglu,'
    " seperti dikutip dari Tass. Ia menegaskan bahwa Menteri Kesehatan Fahrettin Koca memberi tahu"
    " kabinet kepresidenan pada hari Senin bahwa kerjasama untuk vaksin itu semuanya berada di"
    " jalur yang benar."
)
SEED_TITLE = "Menlu Cavusoglu: Hubungan Akrab Turki-Rusia Bukan Karena Ada Sanksi Dari NATO Dan UE"
FOOTER_FIND = (
    "Temukan berita-berita hangat terpercaya dari Kantor Berita Politik RMOL di Google News."
)
FOOTER_FOLLOW = "Untuk mengikuti silakan klik tanda bintang."
BOILERPLATE = (
    "rmol news logo",
    "temukan berita",
    "google news",
    "tanda bintang",
    "artikel lainnya",
    "follow us",
    "dimensy",
    "apollo solar",
    "laporan",
    "<a href",
)

# (pattern, body in, body out, times fired)
REMOVES: list[tuple[Pattern, str, str, int]] = [
    (
        LOGO_LEADING,
        "rmol news logo Komisi Pemberantasan Korupsi (KPK) harus memastikan status hukum.",
        "Komisi Pemberantasan Korupsi (KPK) harus memastikan status hukum.",
        1,
    ),
    (
        LOGO_LEADING,
        "RMOL News Logo Turki dan Rusia bekerja sama.",
        "Turki dan Rusia bekerja sama.",
        1,
    ),
    (
        LOGO_LEADING,
        "Menteri Luar Negeri Turki Mevlut Cavusoglu/Net\nrmol news logo Turki dan Rusia sepakat.",
        "Menteri Luar Negeri Turki Mevlut Cavusoglu/Net Turki dan Rusia sepakat.",
        1,
    ),
    (
        LOGO_TRAILING,
        "Semuanya berada di jalur yang benar. rmol news logo article",
        "Semuanya berada di jalur yang benar.",
        1,
    ),
    (LOGO_TRAILING, "Kalimat terakhir.\n\nRMOL NEWS LOGO ARTICLE", "Kalimat terakhir.", 1),
    (
        LOGO_TRAILING,
        "Paragraf satu.\n\nrmol news logo\n\nParagraf dua.",
        "Paragraf satu.\n\nParagraf dua.",
        1,
    ),
    (
        GOOGLE_NEWS_FOOTER,
        f"Isi berita.\n\n{FOOTER_FIND}\n{FOOTER_FOLLOW}",
        "Isi berita.",
        1,
    ),
    (
        GOOGLE_NEWS_FOOTER,
        f"Isi berita.\n\n{FOOTER_FIND}\n\n{FOOTER_FOLLOW}\n\nParagraf lain.",
        "Isi berita.\n\nParagraf lain.",
        1,
    ),
    (GOOGLE_NEWS_FOOTER, f"Isi berita.\n\n{FOOTER_FIND} {FOOTER_FOLLOW}", "Isi berita.", 1),
    (
        GOOGLE_NEWS_FOOTER,
        f"Berada di jalur yang benar. {FOOTER_FIND} {FOOTER_FOLLOW}",
        "Berada di jalur yang benar.",
        1,
    ),
    (
        GOOGLE_NEWS_FOOTER,
        "Isi berita.\n\nTemukan  berita\xa0terbaru RMOL\tdi Google  News",
        "Isi berita.",
        1,
    ),
    (
        GOOGLE_NEWS_FOOTER,
        "Isi berita.\n\nUntuk mengikuti, silahkan klik tanda bintang.",
        "Isi berita.",
        1,
    ),
    (FOLLOW_US, "Isi.\n\nFOLLOW US\n\nIsi dua.", "Isi.\n\nIsi dua.", 1),
    (FOLLOW_US, "Kalimat satu.\nFollow Us\nKalimat dua.", "Kalimat satu. Kalimat dua.", 1),
    (
        ARTIKEL_LAINNYA,
        "Isi terakhir.\n\nARTIKEL LAINNYA\nJudul Satu\n\nJudul Dua",
        "Isi terakhir.",
        1,
    ),
    (ARTIKEL_LAINNYA, "Isi terakhir.\n\nArtikel Lainnya:\nJudul Satu", "Isi terakhir.", 1),
    (
        BERITA_TERKAIT,
        "Paragraf.\n\nBERITA TERKAIT:\nJudul A\nJudul B\n\nAkhir.",
        "Paragraf.\n\nAkhir.",
        1,
    ),
    (
        BERITA_TERKAIT,
        "Paragraf.\n\nBerita Terkait\nJudul A\n\nAkhir.",
        "Paragraf.\n\nAkhir.",
        1,
    ),
    (BERITA_TERKAIT, "BERITA TERKAIT Judul A Judul B\n\nIsi.", "Isi.", 1),
    (
        BACA_JUGA,
        "Paragraf satu.\n\nBaca Juga: Judul Lain\n\nParagraf dua.",
        "Paragraf satu.\n\nParagraf dua.",
        1,
    ),
    (
        BACA_JUGA,
        "Kalimat satu.\nBACA JUGA : Judul Lain\nKalimat dua.\n\nbaca juga: judul kecil",
        "Kalimat satu. Kalimat dua.",
        2,
    ),
    (BACA_JUGA, "Isi.\n\nBaca juga Judul Artikel Lain", "Isi.", 1),
    (
        LAPORAN_ESCAPED,
        " LAPORAN: <a href='https://rmol.id/about/reni-erina-1'>RENI ERINA</a>\n"
        "LAPORAN: RENI ERINA\nTurki dan Rusia sepakat.",
        "Turki dan Rusia sepakat.",
        2,
    ),
    (
        LAPORAN_ESCAPED,
        'Oleh LAPORAN: <a href="https://rmol.id/about/ade-mulyana-1">ADE MULYANA</a> hari ini.',
        "Oleh hari ini.",
        1,
    ),
    (
        ADS,
        "Dimensy.id Mobile\nDimensy.id\nApollo Solar Panel\n\nIsi.",
        "Isi.",
        3,
    ),
    (
        ADS,
        "ADVERTISEMENT\n\nIsi.\nAdvertisement\n- Advertisement -\n\nSCROLL TO CONTINUE WITH CONTENT",
        "Isi.",
        4,
    ),
    (ADS, "Dimensy.id Mobile Dimensy.id Apollo Solar Panel\n\nIsi.", "Isi.", 1),
    (ADS, "Isi.\n\n- Advertisement -\n\nIsi dua.", "Isi.\n\nIsi dua.", 1),
    (DATELINE, "RMOL. Ketua KPK Abraham Samad datang.", "Ketua KPK Abraham Samad datang.", 1),
    (DATELINE, "RMOL.ID, Ketua KPK datang.\n\nIsi.", "Ketua KPK datang.\n\nIsi.", 1),
    (EDITOR_INITIALS, "Isi.\n\nKalimat akhir. [dzk]", "Isi.\n\nKalimat akhir.", 1),
    (EDITOR_INITIALS, "Kalimat akhir.\n\n[zul]  \n", "Kalimat akhir.", 1),
    # The regional sites (rmol-site.md, "Sister sites")
    (
        REGIONAL_GOOGLE_NEWS,
        "Isi berita.\n\nikuti terus update berita rmoljatim di google news",
        "Isi berita.",
        1,
    ),
    (
        REGIONAL_GOOGLE_NEWS,
        "Isi berita. Ikuti terus update berita RMOLPapua di Google News.",
        "Isi berita.",
        1,
    ),
    (
        REGIONAL_GOOGLE_NEWS,
        "Satu.\nIKUTI TERUS UPDATE BERITA RMOLLAMPUNG.ID DI GOOGLE NEWS\nDua.",
        "Satu. Dua.",
        1,
    ),
    (REGIONAL_DATELINE, "RMOLBengkulu. Banjir merendam rumah.", "Banjir merendam rumah.", 1),
    (REGIONAL_DATELINE, "RMOLLampung.\n\nAngka kemiskinan turun.", "Angka kemiskinan turun.", 1),
    (REGIONAL_DATELINE, "RMOLJawaTengah. Gubernur datang.\n\nIsi.", "Gubernur datang.\n\nIsi.", 1),
]

# (pattern, prose that must survive as it is)
KEEPS: list[tuple[Pattern, str]] = [
    (LOGO_LEADING, "Desain logo baru RMOL News diperkenalkan kepada publik."),
    (LOGO_LEADING, "Ia menunjukkan rmol news logo di layar."),
    (LOGO_TRAILING, "Kata rmol news logo article muncul di tengah kalimat ini."),
    (LOGO_TRAILING, "Logo article itu dimuat di halaman depan, kata dia."),
    (GOOGLE_NEWS_FOOTER, "Warga dapat menemukan berita di Google News dengan mudah."),
    (GOOGLE_NEWS_FOOTER, "Temukan berita terbaru di Google News, kata Budi, adalah slogan itu."),
    (GOOGLE_NEWS_FOOTER, "Google News Initiative melatih 100 jurnalis di Jakarta."),
    (
        GOOGLE_NEWS_FOOTER,
        "Ia ingin untuk mengikuti pemilu, silakan klik tanda bintang katanya lagi.",
    ),
    (FOLLOW_US, "Follow us on Instagram, ujar sang artis."),
    (ARTIKEL_LAINNYA, "Artikel lainnya menyebutkan hal serupa.\n\nPenutup."),
    (BERITA_TERKAIT, "Berita terkait penangkapan itu sempat viral di media sosial."),
    (BACA_JUGA, "Baca juga buku panduan itu, kata dia."),
    (BACA_JUGA, "Ia meminta warga membaca juga aturan itu."),
    (LAPORAN_ESCAPED, "Laporan: kerugian negara mencapai Rp 5 triliun."),
    (LAPORAN_ESCAPED, "BPK menerbitkan LAPORAN: hasil audit menunjukkan kerugian."),
    (ADS, "Dimensy.id adalah platform iklan milik perusahaan itu."),
    (ADS, "Advertisement budget naik 20 persen tahun ini."),
    (ADS, "Panel Apollo Solar Panel dipasang di atap sekolah."),
    (DATELINE, "Menurut RMOL. Ketua KPK datang."),
    (DATELINE, "RMOL.ID adalah situs berita politik."),
    (EDITOR_INITIALS, "[dzk] di awal kalimat tetap ada."),
    (EDITOR_INITIALS, "Kalimat akhir. [DZK]"),
    (EDITOR_INITIALS, "Kalimat akhir. [abcdef]"),
    (REGIONAL_GOOGLE_NEWS, "Warga bisa ikuti terus update berita rmoljatim di google news."),
    (
        REGIONAL_GOOGLE_NEWS,
        "Ikuti terus update berita RMOLJatim di Google News, katanya, setiap pagi.",
    ),
    (REGIONAL_GOOGLE_NEWS, "Ikuti terus update berita banjir di Google News."),
    (REGIONAL_DATELINE, "RMOLLampung.id memberitakan hal itu sejak pagi."),
    (REGIONAL_DATELINE, "Menurut RMOLBengkulu. Banjir datang."),
    (REGIONAL_DATELINE, "RMOL Lampung. Laporan tahunan terbit."),
]


def _ids(cases: list[tuple[Pattern, str]] | list[tuple[Pattern, str, str, int]]) -> list[str]:
    return [f"{case[0].name}-{n}" for n, case in enumerate(cases)]


def test_pattern_names_in_application_order() -> None:
    assert [p.name for p in PATTERNS] == [
        "artikel_lainnya",
        "follow_us",
        "berita_terkait",
        "baca_juga",
        "ads",
        "laporan_escaped",
        "google_news_footer",
        "logo_leading",
        "logo_trailing",
        "editor_initials",
        "dateline",
    ]


def test_regional_patterns_apply_after_rmol_ids() -> None:
    assert [p.name for p in REGIONAL_PATTERNS] == ["regional_google_news", "regional_dateline"]
    assert ALL_PATTERNS == PATTERNS + REGIONAL_PATTERNS


@pytest.mark.parametrize("pattern", ALL_PATTERNS, ids=lambda p: p.name)
def test_pattern_is_well_formed(pattern: Pattern) -> None:
    assert set(pattern.where.split("|")) <= SCOPES
    assert pattern.regex.search("") is None
    assert getattr(text, pattern.name.upper()) is pattern


def test_every_pattern_has_cases_both_ways() -> None:
    assert {p.name for p, *_ in REMOVES} == {p.name for p in ALL_PATTERNS}
    assert {p.name for p, _ in KEEPS} == {p.name for p in ALL_PATTERNS}


@pytest.mark.parametrize(("pattern", "body", "cleaned", "times"), REMOVES, ids=_ids(REMOVES))
def test_pattern_removes_its_boilerplate(
    pattern: Pattern, body: str, cleaned: str, times: int
) -> None:
    assert pattern.regex.search(layout(body, "\n")) is not None
    result = clean_body(body)
    assert result.body == cleaned
    assert result.removed == {pattern.name: times}


@pytest.mark.parametrize(("pattern", "prose"), KEEPS, ids=_ids(KEEPS))
def test_pattern_keeps_similar_prose(pattern: Pattern, prose: str) -> None:
    assert pattern.regex.search(prose) is None
    assert clean_body(prose) == CleanResult(body=prose, editor=None, removed={})


def test_editor_initials_are_captured() -> None:
    result = clean_body("Paragraf satu.\n\nKPK akan memanggil saksi pekan depan. [dzk]")
    assert result == CleanResult(
        body="Paragraf satu.\n\nKPK akan memanggil saksi pekan depan.",
        editor="dzk",
        removed={"editor_initials": 1},
    )


def test_stacked_initials_keep_the_last_as_editor() -> None:
    result = clean_body("Isi akhir. [zul] [dzk]")
    assert (result.body, result.editor) == ("Isi akhir.", "dzk")
    assert result.removed == {"editor_initials": 2}


def test_editor_initials_behind_the_trailing_logo_and_footer() -> None:
    body = f"Isi akhir. [wid] rmol news logo article\n\n{FOOTER_FIND}\n{FOOTER_FOLLOW}"
    result = clean_body(body)
    assert (result.body, result.editor) == ("Isi akhir.", "wid")
    assert result.removed == {"google_news_footer": 1, "logo_trailing": 1, "editor_initials": 1}


def test_editor_initials_before_the_trailing_logo() -> None:
    result = clean_body("Isi akhir. rmol news logo article [zul]")
    assert (result.body, result.editor) == ("Isi akhir.", "zul")
    assert result.removed == {"editor_initials": 1, "logo_trailing": 1}


def test_old_dateline_after_the_leading_logo() -> None:
    result = clean_body("rmol news logo RMOL. Ketua KPK Abraham Samad datang ke DPR.\n\nIsi.")
    assert result.body == "Ketua KPK Abraham Samad datang ke DPR.\n\nIsi."
    assert result.removed == {"logo_leading": 1, "dateline": 1}


NETWORK_NAMES = (
    "RMOLAceh",
    "RMOLSumut",
    "RMOLBengkulu",
    "RMOLSumsel",
    "RMOLLampung",
    "RMOLJabar",
    "RMOLJateng",
    "RMOLJawaTengah",
    "RMOLJatim",
    "RMOLPapua",
)


@pytest.mark.parametrize("name", NETWORK_NAMES)
def test_every_sites_google_news_line_and_dateline(name: str) -> None:
    body = f"{name}. Isi berita pertama.\n\nIsi akhir. [aji]\n\nikuti terus update berita {name.lower()} di google news"
    result = clean_body(body)
    assert result == CleanResult(
        body="Isi berita pertama.\n\nIsi akhir.",
        editor="aji",
        removed={"regional_google_news": 1, "regional_dateline": 1, "editor_initials": 1},
    )


def test_regional_patterns_leave_the_seed_body_alone() -> None:
    for pattern in REGIONAL_PATTERNS:
        assert pattern.regex.search(layout(SEED_PAGE, "\n")) is None


def test_seed_body() -> None:
    result = clean_body(SEED_BODY)
    paragraphs = result.body.split("\n\n")
    assert paragraphs[0] == SEED_FIRST
    assert paragraphs[-1] == SEED_LAST
    assert len(paragraphs) == 12
    assert paragraphs[1:-1] == SEED_BODY.split("\n\n")[1:11]
    assert result.editor is None
    assert result.removed == {
        "artikel_lainnya": 1,
        "google_news_footer": 1,
        "logo_leading": 1,
        "logo_trailing": 1,
    }
    lowered = result.body.lower()
    assert [s for s in BOILERPLATE if s in lowered] == []


def test_seed_whole_page_text() -> None:
    """Given more than the body, the patterns still strip the boilerplate; the header lines that are
    not boilerplate (title, byline date, caption) are the page class's job and stay."""
    result = clean_body(SEED_PAGE)
    paragraphs = result.body.split("\n\n")
    body = clean_body(SEED_BODY).body.split("\n\n")
    assert paragraphs[0] == SEED_TITLE
    assert paragraphs[1] == (
        f"• Rabu, 30 Desember 2020, 06:08 WIB {SEED_TITLE}"
        f" Menteri Luar Negeri Turki Mevlut Cavusoglu/Net {SEED_FIRST}"
    )
    assert paragraphs[2:] == body[1:]
    assert result.removed == {
        "artikel_lainnya": 1,
        "ads": 3,
        "laporan_escaped": 2,
        "google_news_footer": 1,
        "logo_leading": 1,
        "logo_trailing": 1,
    }
    lowered = result.body.lower()
    assert [s for s in BOILERPLATE if s in lowered] == []


@pytest.mark.parametrize(
    "body", [SEED_BODY, SEED_PAGE, *(case[1] for case in REMOVES), *(case[1] for case in KEEPS)]
)
def test_clean_body_is_idempotent(body: str) -> None:
    once = clean_body(body)
    twice = clean_body(once.body)
    assert twice.body == once.body
    assert twice.removed == {}


def test_clean_body_is_a_fixed_point_on_random_mixes() -> None:
    # Bodies glued from every case, prose and initials in random layouts, so that one pass
    # uncovers boilerplate for the next (initials behind a footer, lines joined into a label).
    pieces = [case[1] for case in REMOVES] + [case[1] for case in KEEPS]
    pieces += [SEED_FIRST, "[dzk]", "[zul] [dzk]", "RMOL.", FOOTER_FIND, FOOTER_FOLLOW]
    pieces += [FOOTER_FIND.replace(" terpercaya", "\nterpercaya"), "Ya [wid] [zul] [dzk]"]
    rng = random.Random(11)
    cascades = 0
    for _ in range(500):
        body = "".join(rng.choice(pieces) + rng.choice(["\n", "\n\n", " ", ""]) for _ in range(7))
        once = clean_body(body)
        assert clean_body(once.body) == CleanResult(body=once.body, editor=None, removed={}), body
        cascades += len(once.removed) > 1
    assert cascades > 100


def test_a_footer_split_over_source_lines_goes_once_they_are_joined() -> None:
    footer = FOOTER_FIND.replace(" terpercaya", "\nterpercaya")
    result = clean_body(f"Isi berita.\n\n{footer}")
    assert result == CleanResult(body="Isi berita.", editor=None, removed={"google_news_footer": 1})


def test_prose_mentioning_boilerplate_words_survives() -> None:
    prose = (
        "Google News dan RMOL bekerja sama; logo baru Dimensy dipasang di panel surya. "
        "Baca juga laporan itu, kata Ketua KPK, sebab artikel lainnya belum terbit. "
        "Follow us, tulisnya di akun resmi [dzk] sebelum rapat."
    )
    assert clean_body(prose) == CleanResult(body=prose, editor=None, removed={})


def test_layout_contract() -> None:
    body = (
        "\ufeff  Baris satu\xa0 dengan\u200bspasi\t aneh.\r\nBaris dua.\r\n \r\n\n\n"
        "Paragraf   dua.\n\t\n\n  \n"
    )
    result = clean_body(body)
    assert result.body == "Baris satu dengan spasi aneh. Baris dua.\n\nParagraf dua."
    assert result.removed == {}


@pytest.mark.parametrize(
    ("raw", "by_line", "joined"),
    [
        ("a\nb\n\n\nc", "a\nb\n\nc", "a b\n\nc"),
        ("  a  \n \t \n b\r\nc ", "a\n\nb\nc", "a\n\nb c"),
        ("a\u2028b\x85c\u2029\u2029d", "a\nb\nc\n\nd", "a b c\n\nd"),
        ("\n\n\xa0\u200b\ufeff\n", "", ""),
    ],
)
def test_layout_rule(raw: str, by_line: str, joined: str) -> None:
    # Every line collapsed, a blank line ends a paragraph, the lines of a paragraph joined.
    assert layout(raw, "\n") == by_line
    assert layout(raw, " ") == joined


def test_nothing_left() -> None:
    assert clean_body("") == CleanResult(body="", editor=None, removed={})
    assert clean_body(f"  \n\n{FOOTER_FIND}\n\nFOLLOW US\n\nARTIKEL LAINNYA\n").body == ""


def test_clean_result_is_frozen() -> None:
    result = clean_body("Isi.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.body = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Menlu\xa0Cavusoglu:\tHubungan\n Akrab ", "Menlu Cavusoglu: Hubungan Akrab"),
        ("RENI\u200bERINA", "RENI ERINA"),
        ("\ufeffnet", "net"),
        (" \n\t\xa0", ""),
    ],
)
def test_collapse_ws_and_clean_inline(raw: str, clean: str) -> None:
    assert collapse_ws(raw) == clean
    assert clean_inline(raw) == clean
    assert re.search(r"\s\s|\n", clean_inline(raw)) is None
