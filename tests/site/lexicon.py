"""Word and sentence lists for the mirror's generated Indonesian political-news prose.

Everything here is invented: names are common Indonesian names, not real office holders, so the
generated text never attributes statements to real people. The text is plain ASCII except where a
variant asks for more (curly quotes and ``é`` in the cp1252 article).
"""

from __future__ import annotations

import datetime as dt
import random
import re

WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip

REPORTERS = (
    "RENI ERINA", "ADE MULYANA", "BONFILIO MAHENDRA", "DIKI TRIANTO", "FARAH SUMAIYAH",
    "AHMAD KIFLAN WAKIK", "JAMALUDIN AKMAL", "RAIZA ANDINI", "ALFIAN BANJARAHAN", "WIDIAN VEBRIYANTO",
    "AGUS DWI", "SARAH MEILIANA GUNAWAN", "HANI FATUNNISA", "DIMAS ADI PRASETYO",
)  # fmt: skip

EDITORS = ("dzk", "zul", "wid", "ian", "agt", "rus", "jon", "dem", "sth", "yls")

PERSONS = (
    "Bambang Suryadi", "Siti Rahmawati", "Agus Hermanto", "Dewi Lestari Putri", "Rizal Fahmi",
    "Hendra Gunawan", "Yusuf Maulana", "Nurul Hidayah", "Teguh Prasetyo", "Andi Wijaya",
    "Ratna Sari", "Fajar Nugroho", "Imam Santoso", "Lukman Hakim", "Sri Wahyuni", "Arif Setiawan",
    "Mulyadi Ramli", "Yanti Kusuma", "Doni Saputra", "Eko Haryanto", "Indah Permatasari",
    "Kurniawan Saleh", "Made Wirawan", "Ferdinand Lumban", "Syamsul Bahri", "Halimah Tusadiah",
)  # fmt: skip

ROLES = (
    "Ketua Komisi III DPR RI", "Wakil Ketua Komisi II DPR RI", "anggota Komisi XI DPR RI",
    "Direktur Eksekutif Lembaga Kajian Demokrasi Nusantara", "pengamat politik Universitas Jayabaya",
    "Juru Bicara KPK", "Sekretaris Jenderal DPP partai", "Koordinator Masyarakat Peduli Anggaran",
    "Kepala Biro Humas", "Wakil Gubernur", "Ketua DPRD", "ekonom senior INDEF",
    "Direktur Pusat Studi Hukum Tata Negara", "Ketua Umum Perhimpunan Advokat Muda",
)  # fmt: skip

INSTITUTIONS = (
    "KPK", "DPR RI", "Mahkamah Konstitusi", "KPU", "Bawaslu", "Kejaksaan Agung", "Polri",
    "Kementerian Keuangan", "Bank Indonesia", "OJK", "BPK", "Kementerian Dalam Negeri",
    "Mahkamah Agung", "Ombudsman RI", "BPS", "Kementerian Luar Negeri",
)  # fmt: skip

PLACES = (
    "Jakarta", "Surabaya", "Medan", "Makassar", "Bandar Lampung", "Denpasar", "Kupang", "Jayapura",
    "Manado", "Pontianak", "Semarang", "Bandung", "Palembang", "Banda Aceh", "Mataram", "Ambon",
)  # fmt: skip

TOPICS: dict[str, tuple[str, ...]] = {
    "politik": (
        "revisi UU Pemilu",
        "koalisi partai politik",
        "Pilkada serentak",
        "ambang batas parlemen",
        "kaderisasi partai",
        "hak angket DPR",
        "reshuffle kabinet",
        "pendanaan partai politik",
    ),
    "hukum": (
        "kasus korupsi dana hibah",
        "praperadilan tersangka",
        "putusan kasasi",
        "suap proyek jalan",
        "pencucian uang",
        "RUU Perampasan Aset",
        "pengadaan alat kesehatan",
        "gratifikasi pejabat",
    ),
    "bisnis": (
        "harga beras",
        "inflasi",
        "ekspor nikel",
        "suku bunga acuan",
        "energi terbarukan",
        "nilai tukar rupiah",
        "subsidi BBM",
        "kredit usaha rakyat",
    ),
    "nusantara": (
        "banjir bandang",
        "pembangunan jalan desa",
        "pelayanan publik daerah",
        "harga cabai",
        "dana desa",
        "sengketa lahan",
        "pariwisata daerah",
        "penanganan stunting",
    ),
    "dunia": (
        "konflik perbatasan",
        "KTT ASEAN",
        "sanksi ekonomi",
        "gencatan senjata",
        "krisis pengungsi",
        "perundingan dagang",
        "pemilu presiden",
        "keamanan maritim",
    ),
    "publika": (
        "demokrasi digital",
        "etika pejabat publik",
        "politik identitas",
        "oligarki partai",
        "kebebasan pers",
        "literasi politik",
        "meritokrasi birokrasi",
        "partisipasi pemilih muda",
    ),
    "olahraga": (
        "Timnas U-23",
        "Liga 1",
        "bulu tangkis",
        "PON",
        "SEA Games",
        "pembinaan atlet muda",
        "renovasi stadion",
        "naturalisasi pemain",
    ),
}

_TITLE_TEMPLATES = (
    "{Person} Minta {Inst} Tuntaskan {Topic}",
    "{Inst} Didesak Transparan Soal {Topic}",
    "Soal {Topic}, {Person}: Jangan Ada Kepentingan Politik",
    "{Topic}, {Inst} Periksa {num} Saksi di {place}",
    "Pengamat: {Topic} Jadi Ujian Bagi {Inst}",
    "{Person} Ingatkan Bahaya {Topic} Jelang Tahun Politik",
    "Bahas {Topic}, {Inst} Gelar Rapat Tertutup di {place}",
    "{num} Catatan Kritis untuk {Inst} Soal {Topic}",
    "Warga {place} Keluhkan Dampak {Topic}",
    "{Inst} Pastikan {Topic} Tak Ganggu Pelayanan Publik",
)

_SENTENCES = (
    "{role} {person} mengatakan pihaknya akan terus mengawal {topic} agar berjalan sesuai aturan.",
    "Hal itu disampaikan {person} kepada wartawan di {place}, {daydate}.",
    '"Kami meminta semua pihak menahan diri dan menghormati proses yang sedang berjalan," kata'
    " {person}.",
    "Menurutnya, {topic} harus dibahas secara terbuka dengan melibatkan masyarakat sipil.",
    "Data {inst} menunjukkan terdapat {num} laporan yang masuk sepanjang tahun ini.",
    "Sebelumnya, {inst} telah memanggil sejumlah pihak untuk dimintai keterangan terkait {topic}.",
    "Ia menambahkan, evaluasi menyeluruh diperlukan agar kebijakan tersebut tepat sasaran.",
    "{person} juga mengingatkan bahwa {inst} memiliki kewenangan penuh untuk menindaklanjuti temuan"
    " tersebut.",
    "Rapat kerja bersama {inst} dijadwalkan berlangsung pekan depan di Gedung Nusantara II, Senayan.",
    "Sementara itu, {role} {person2} menilai langkah tersebut sudah tepat namun perlu pengawasan"
    " ketat.",
    "Publik, kata dia, berhak mengetahui perkembangan {topic} secara utuh.",
    '"Kalau memang ada pelanggaran, silakan diproses. Jangan sampai ada tebang pilih," tegas'
    " {person2}.",
    "Dalam catatan redaksi, persoalan {topic} sudah beberapa kali menjadi sorotan di {place}.",
    "Sejauh ini, sedikitnya {num} orang telah dimintai keterangan oleh penyidik {inst}.",
    "Ia berharap pemerintah pusat dan daerah dapat bersinergi agar persoalan serupa tidak terulang.",
    "Menanggapi hal itu, {inst} menyatakan siap memberikan penjelasan dalam waktu dekat.",
    "Anggaran yang disiapkan untuk program tersebut mencapai Rp {num} miliar.",
    "Sejumlah elemen masyarakat di {place} juga menggelar diskusi publik untuk membahas {topic}.",
    "{person} menilai komunikasi publik pemerintah terkait {topic} masih perlu diperbaiki.",
    "Keputusan akhir, lanjutnya, akan diambil setelah seluruh masukan dari daerah terkumpul.",
    "Menurut dia, momentum ini harus dimanfaatkan untuk memperbaiki tata kelola kelembagaan.",
    "Kebijakan itu dinilai berdampak langsung pada {num} ribu warga di sejumlah kabupaten.",
    "Hingga berita ini diturunkan, pihak {inst} belum memberikan tanggapan resmi.",
    "{person} menegaskan, pihaknya tidak akan ragu menempuh jalur hukum bila diperlukan.",
    "Diskusi itu juga menghadirkan akademisi, tokoh agama, dan perwakilan mahasiswa dari {place}.",
    "Ia menyebut {topic} bukan sekadar isu teknis, melainkan menyangkut kepercayaan publik.",
)

# Sentences used only where a variant needs non-ASCII text (cp1252 article).
CP1252_SENTENCES = (
    "\u201cKami tidak ingin ada kesan tebang pilih,\u201d ujar {person} dengan nada tegas.",
    "Hal senada disampaikan ekonom asal Prancis, Fr\u00e9d\u00e9ric Moreau, dalam diskusi daring"
    " bersama {inst}.",
    "Menurut Moreau, kebijakan soal {topic} di Indonesia kerap \u201cterlambat satu langkah\u201d"
    " dibanding negara tetangga.",
)

TAG_POOL = (
    "KPK", "DPR RI", "Pemilu 2024", "Pilkada", "Korupsi", "Ekonomi", "Inflasi", "Prabowo Subianto",
    "Partai Politik", "Mahkamah Konstitusi", "Demokrasi", "ASEAN", "Timnas Indonesia", "Bawaslu",
    "Kejaksaan Agung", "APBN", "Banjir", "Hukum", "Rusia", "Amerika Serikat",
)  # fmt: skip


def _sentence(text: str) -> str:
    """Capitalise a sentence's first letter (templates may start with a lowercase role)."""
    return text[:1].upper() + text[1:]


def title_case(text: str) -> str:
    """Capitalise each word's first letter, keeping acronyms such as ``KPK`` and ``U-23``."""
    return " ".join(
        w if w.isupper() or not w[:1].isalpha() else w[:1].upper() + w[1:] for w in text.split(" ")
    )


def slugify(text: str) -> str:
    """A URL slug as rmol.id prints them: lowercase words joined by ``-``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def byline_date(when: dt.datetime, zone: str) -> str:
    """``Rabu, 30 Desember 2020, 06:08 WIB`` (desktop byline, SEEN)."""
    return (
        f"{WEEKDAYS[when.weekday()]}, {when.day:02d} {MONTHS[when.month - 1]} {when.year},"
        f" {when:%H:%M} {zone}"
    )


def amp_date(when: dt.datetime, zone: str) -> str:
    """``SENIN, 16 OKTOBER 2023 | 19:48 WIB`` (AMP meta line, SEEN)."""
    return (
        f"{WEEKDAYS[when.weekday()].upper()}, {when.day:02d} {MONTHS[when.month - 1].upper()}"
        f" {when.year} | {when:%H:%M} {zone}"
    )


class Prose:
    """Draws titles, paragraphs and captions for one article from one seeded ``Random``."""

    def __init__(self, rng: random.Random, section: str, when: dt.datetime) -> None:
        self.rng = rng
        self.section = section
        self.when = when
        self.person, self.person2 = rng.sample(PERSONS, 2)
        self.role = rng.choice(ROLES)
        self.inst = rng.choice(INSTITUTIONS)
        self.place = rng.choice(PLACES)
        self.topic = rng.choice(TOPICS[section])
        self._deck: list[str] = []

    def _fill(self, template: str) -> str:
        rng = self.rng
        before = self.when - dt.timedelta(days=rng.choice((0, 0, 1)))
        return template.format(
            person=self.person,
            person2=self.person2,
            Person=self.person,
            role=self.role,
            inst=self.inst,
            Inst=self.inst,
            place=self.place,
            topic=self.topic,
            Topic=title_case(self.topic),
            num=rng.randint(2, 48),
            daydate=f"{WEEKDAYS[before.weekday()]} ({before.day}/{before.month})",
        )

    def title(self) -> str:
        return self._fill(self.rng.choice(_TITLE_TEMPLATES))

    def paragraph(self) -> str:
        count = self.rng.choice((1, 2, 2, 3))
        return " ".join(_sentence(self._fill(self._draw())) for _ in range(count))

    def _draw(self) -> str:
        """Deal sentence templates from a shuffled deck, so repeats are rare and never close."""
        if not self._deck:
            self._deck = list(_SENTENCES)
            self.rng.shuffle(self._deck)
        return self._deck.pop()

    def cp1252_paragraph(self, index: int) -> str:
        return self._fill(CP1252_SENTENCES[index % len(CP1252_SENTENCES)])

    def caption(self) -> str:
        """A caption ending in a credit: ``.../RMOL``, ``.../Net`` or the bare ``net`` (SEEN)."""
        roll = self.rng.random()
        what = self.rng.choice(
            (
                f"{title_case(self.role)} {self.person}",
                f"Gedung {self.inst}",
                f"Suasana diskusi publik di {self.place}",
                f"Ilustrasi {self.topic}",
            )
        )
        if roll < 0.5:
            return f"{what}/RMOL"
        if roll < 0.85:
            return f"{what}/Net"
        return "net"

    def tags(self) -> list[str]:
        picks = self.rng.sample(TAG_POOL, self.rng.randint(2, 4))
        return [title_case(self.topic), *picks] if self.rng.random() < 0.6 else picks
