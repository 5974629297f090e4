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
    SCOPES,
    CleanResult,
    Pattern,
    clean_body,
    clean_inline,
    collapse_ws,
    single_spaced,
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


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.name)
def test_pattern_is_well_formed(pattern: Pattern) -> None:
    assert set(pattern.where.split("|")) <= SCOPES
    assert pattern.regex.search("") is None
    assert all(h == h.lower() and h.isascii() for h in pattern.hints)
    # The speed filter searches from a line start, and one_line stops at a line end.
    assert not (pattern.hints and "\\A" in pattern.regex.pattern)
    assert not (pattern.one_line and ("\\Z" in pattern.regex.pattern or not pattern.hints))
    assert getattr(text, pattern.name.upper()) is pattern


@pytest.mark.parametrize(
    ("pattern", "body"),
    [(p, body) for p, body, *_ in REMOVES if p.line_start],
    ids=_ids([case for case in REMOVES if case[0].line_start]),
)
def test_line_start_patterns_match_where_a_hint_begins_a_line(pattern: Pattern, body: str) -> None:
    laid = text._layout(body, "\n")[0]
    heads = text._line_start_hints(text._fold(laid))
    matches = list(pattern.regex.finditer(laid))
    assert matches
    for match in matches:
        start = match.start()
        assert start == 0 or laid[start - 1] == "\n"
        head = laid[start : start + 40].lower().lstrip("- ")
        assert head.startswith(pattern.hints)
        first, last = heads[pattern.name]
        assert laid.rfind("\n", 0, first) < start <= last + 2


def test_every_pattern_has_cases_both_ways() -> None:
    assert {p.name for p, *_ in REMOVES} == {p.name for p in PATTERNS}
    assert {p.name for p, _ in KEEPS} == {p.name for p in PATTERNS}


@pytest.mark.parametrize(("pattern", "body", "cleaned", "times"), REMOVES, ids=_ids(REMOVES))
def test_pattern_removes_its_boilerplate(
    pattern: Pattern, body: str, cleaned: str, times: int
) -> None:
    assert pattern.regex.search(text._layout(body, "\n")[0]) is not None
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


@pytest.mark.parametrize("body", [SEED_BODY, SEED_PAGE, *(case[1] for case in REMOVES)])
def test_hints_only_speed_things_up(body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = clean_body(body)
    monkeypatch.setattr(text, "_PLAN", tuple((p, ()) for p in PATTERNS))
    assert clean_body(body) == expected


def test_hints_change_nothing_on_random_mixes(monkeypatch: pytest.MonkeyPatch) -> None:
    # Bodies glued from every case, prose and initials in random layouts, so that passes cascade.
    pieces = [case[1] for case in REMOVES] + [case[1] for case in KEEPS]
    pieces += [SEED_FIRST, "[dzk]", "[zul] [dzk]", "RMOL.", FOOTER_FIND, FOOTER_FOLLOW]
    # Boilerplate that only the second pass sees: a footer whose lines the first pass keeps apart.
    pieces += [FOOTER_FIND.replace(" terpercaya", "\nterpercaya"), "Ya [wid] [zul] [dzk]"]
    rng = random.Random(11)
    bodies = [
        "".join(rng.choice(pieces) + rng.choice(["\n", "\n\n", " ", ""]) for _ in range(7))
        for _ in range(3000)
    ]
    fast = [clean_body(body) for body in bodies]
    assert sum(len(result.removed) > 1 for result in fast) > 1000  # the mixes do cascade
    monkeypatch.setattr(text, "_PLAN", tuple((p, ()) for p in PATTERNS))
    assert [clean_body(body) for body in bodies] == fast


def _passes_until_nothing_fires(body: str) -> CleanResult:
    """clean_body without its shortcuts: after the first pass, the whole text is passed over
    again until no pattern fires."""
    removed: dict[str, int] = {}
    out, editor, where = text._apply(text._layout(body, "\n")[0], removed, None)
    if not where and "\n" not in out.replace("\n\n", ""):
        return CleanResult(body=out, editor=editor, removed=removed)
    while True:
        out, editor, where = text._apply(text._layout(out, " ")[0], removed, editor)
        if not where:
            return CleanResult(body=out, editor=editor, removed=removed)


@pytest.mark.parametrize("glue", [["\n", "\n\n", " ", ""], ["\n\n"], ["\n\n", " "]])
def test_edge_passes_give_the_full_fixed_point(
    glue: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Paragraphs of one line each take the short way whenever only whole lines and edges were
    # cut; every mix must still come out as passing over the whole text would leave it.
    pieces = [case[1] for case in REMOVES] + [case[1] for case in KEEPS]
    pieces += [SEED_FIRST, SEED_LAST, "[dzk]", "[zul] [dzk]", "RMOL.", "RMOL. RMOL.ID,"]
    pieces += [FOOTER_FIND, FOOTER_FOLLOW, f"Isi. {FOOTER_FIND}", f"{FOOTER_FOLLOW} [dzk]"]
    pieces += ["rmol news logo", "rmol news logo article", "Isi. rmol news logo article"]
    pieces += ["Dimensy.id [dzk]", "FOLLOW US [dzk]", "LAPORAN: RENI ERINA [dzk]", "BACA JUGA: X"]
    rng = random.Random(7)
    bodies = [
        "".join(rng.choice(pieces) + rng.choice(glue) for _ in range(rng.randint(1, 6)))
        for _ in range(4000)
    ]
    edge_checks: list[bool] = []
    check = text._edges_fire

    def counted(body: str, where: int) -> bool:
        edge_checks.append(check(body, where))
        return edge_checks[-1]

    monkeypatch.setattr(text, "_edges_fire", counted)
    for body in bodies:
        assert clean_body(body) == _passes_until_nothing_fires(body), body
    if glue == ["\n\n"]:  # the short way is taken often, and its check fires sometimes
        assert edge_checks.count(False) > 1000
        assert edge_checks.count(True) > 100


def test_prose_mentioning_boilerplate_words_survives() -> None:
    prose = (
        "Google News dan RMOL bekerja sama; logo baru Dimensy dipasang di panel surya. "
        "Baca juga laporan itu, kata Ketua KPK, sebab artikel lainnya belum terbit. "
        "Follow us, tulisnya di akun resmi [dzk] sebelum rapat."
    )
    assert clean_body(prose) == CleanResult(body=prose, editor=None, removed={})


def _layout_line_by_line(body: str, line_sep: str) -> tuple[str, bool]:
    """The layout rule read literally: every line collapsed, blank lines between paragraphs."""
    paragraphs: list[list[str]] = [[]]
    for raw in body.translate({0x200B: " ", 0xFEFF: " "}).splitlines():
        line = " ".join(raw.split())
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    laid = [line_sep.join(lines) for lines in paragraphs if lines]
    return "\n\n".join(laid), any(len(lines) > 1 for lines in paragraphs)


def test_layout_follows_its_rule_on_random_text() -> None:
    # Blocks that are one clean line skip the line walk; every other mix takes it.
    pieces = ["Isi.", "kata", " ", "  ", "\n", "\n\n", "\n\n\n", "\t", "\r", "\r\n", "\x0b", "\x0c"]
    pieces += ["\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\u2028", "\u2029", "\xa0", "\u200b"]
    pieces += ["\ufeff", "\u3000", "“kutip”", "Menü", " \n ", "-"]
    rng = random.Random(3)
    for _ in range(5000):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        for line_sep in ("\n", " "):
            assert text._layout(body, line_sep) == _layout_line_by_line(body, line_sep), body


def test_layout_contract() -> None:
    body = (
        "\ufeff  Baris satu\xa0 dengan\u200bspasi\t aneh.\r\nBaris dua.\r\n \r\n\n\n"
        "Paragraf   dua.\n\t\n\n  \n"
    )
    result = clean_body(body)
    assert result.body == "Baris satu dengan spasi aneh. Baris dua.\n\nParagraf dua."
    assert result.removed == {}


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


def test_every_space_but_the_space_is_unprintable() -> None:
    # collapse_ws's fast path takes printable non-ASCII text as already collapsed.
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace() and c != 0x20]
    assert [hex(ord(ch)) for ch in [*spaces, "\u200b", "\ufeff"] if ch.isprintable()] == []


def test_single_spaced_is_its_definition_on_ascii() -> None:
    # Short printable text takes one isprintable() pass; the rest, a scan per space character.
    rng = random.Random(5)
    alphabet = ["a", "b", " ", "  ", *map(chr, range(0x20)), "\x7f"]
    for size in (0, 1, 5, 60, 127, 128, 129, 400):
        for _ in range(600):
            text = "".join(rng.choice(alphabet) for _ in range(size))[:size]
            if rng.random() < 0.5:  # mostly printable, as titles and names are
                text = text.translate({c: "a" for c in range(0x20) if c != 0x20})
            expected = "  " not in text and not any(c.isspace() and c != " " for c in text)
            assert single_spaced(text) is expected, repr(text)


def test_collapse_ws_fast_path_agrees_with_split_join() -> None:
    rng = random.Random(7)
    alphabet = "ab “” \u00a0\u2009\u3000\u200b\ufeff\n\t\x1f\x85é"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        expected = " ".join(text.replace("\u200b", " ").replace("\ufeff", " ").split())
        assert collapse_ws(text) == expected, repr(text)
