"""The regional mirror's ground truth: a deterministic, seeded model of one RMOL network site.

Nothing here is real data of any site. A :class:`RegionalSite` (``rmollampung`` by default; any
of :data:`NETWORK`) keeps one compact :class:`Record` per article (sequence id, slug, title,
category, publish instant, reporter, tags, page variant, role); the rest of an article (body,
caption, image stamp, editor, related links ...) is generated on demand by
:meth:`RegionalSite.article` from ``random.Random`` seeded by the site's seed and the id.

The first timeline slots follow :data:`PLAN`, which places every page variant, every fault and
the off-menu article, so the default site (40 ordinary articles) holds each of them. ``daerah``
gets about half of them, as on the real site (803 pages there), so it spans two pages of 15.

Knobs: ``name`` (site), ``n_articles`` (ordinary articles; faults and the off-menu article come
on top), ``seed``, ``page_size`` (items per category / archive / tag / profile page, 15 as SEEN),
``categories`` (menu slugs, default the first five of the real rmollampung.id menu),
``rss_items`` (items in the RSS feeds).

As on the rmol.id mirror (:mod:`tests.site.model`), the newsroom can change the site after a
crawl, served from the next request on: :meth:`RegionalSite.edit_content` (a correction, the
page then prints its modification time), :meth:`RegionalSite.edit_noncontent` (BERITA TERKAIT and
the view counter only), :meth:`RegionalSite.remove` and :meth:`RegionalSite.restore`.
:meth:`RegionalSite.article` returns the article as the site now shows it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import random
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tests.site import lexicon
from tests.site.lexicon import Prose, title_case
from tests.site.model import REMOVALS
from tests.site.regional import lexicon as words

NETWORK: dict[str, tuple[str, str]] = {
    "rmolaceh": ("Aceh", "RMOLAceh"),
    "rmolsumut": ("Sumatera Utara", "RMOLSumut"),
    "rmolbengkulu": ("Bengkulu", "RMOLBengkulu"),
    "rmolsumsel": ("Sumatera Selatan", "RMOLSumsel"),
    "rmollampung": ("Lampung", "RMOLLampung"),
    "rmoljabar": ("Jawa Barat", "RMOLJabar"),
    "rmoljawatengah": ("Jawa Tengah", "RMOLJateng"),
    "rmoljatim": ("Jawa Timur", "RMOLJatim"),
    "rmolpapua": ("Papua", "RMOLPapua"),
}
"""Site name -> (region as in the SEEN "JARINGAN" footer, dateline brand). The order is the
footer's. Brands: ``RMOLBengkulu`` SEEN as a dateline; the others GUESSED the same way."""

ZONES: dict[str, int] = {"WIB": 7, "WITA": 8, "WIT": 9}
WIT_SITES = frozenset({"rmolpapua"})

MENU: tuple[str, ...] = (
    "daerah", "politik", "hukum", "ekonomi", "peristiwa", "olahraga", "opini", "kampus", "footnote",
)  # fmt: skip
"""The real rmollampung.id menu after HOME and INDEKS (SEEN, both pages); labels are upper case."""
DEFAULT_CATEGORIES: tuple[str, ...] = MENU[:5]
OFF_MENU_CATEGORY = "pemerintahan"
"""A category SEEN on article labels of the real home page but absent from its menu."""

STATIC_PAGES: dict[str, str] = {
    "tentang-kami": "Tentang Kami",
    "privacy-policy": "Privacy policy",
    "disclaimer": "Disclaimer",
    "pedoman-pemberitaan-media-siber": "Pedoman Pemberitaan Media Siber",
    "pedoman-pemberitaan-isu-keberagaman": "Pedoman Pemberitaan Isu Keberagaman",
    "pedoman-pemberitaan-ramah-anak": "Pedoman Pemberitaan Ramah Anak",
    "kode-etik-jurnalistik": "Kode Etik Jurnalistik",
    "iklan": "Iklan",
    "index-berita": "Indeks Berita",
    "rss-feeds": "RSS Feeds",
}
"""Pages at article-shaped URLs (SEEN links): the footer's "Pedoman kami" list in its order, then
INDEKS (menu) and RSS (top bar)."""

VARIANTS: tuple[str, ...] = (
    "standard", "no_image", "no_tags", "editor_line", "zone_label", "wit", "date_jsonld",
    "date_text", "date_stamp", "body_photo",
)  # fmt: skip
"""Article page shapes (all GUESS, so that a crawl meets every extraction layer):

- ``standard``: date ``li`` without a zone label (the site's zone applies), everything present;
- ``no_image``: no lead image and no caption (og:image is the site logo, as on listings);
- ``no_tags``: no tags block;
- ``editor_line``: the body ends with ``Editor: NAME`` instead of ``[abc]`` initials;
- ``zone_label``: the date ``li`` ends with the site's zone label (``| 09:15 WIB``);
- ``wit``: the date ``li`` is printed in WIT (``| 11:15 WIT``), whatever the site's zone;
- ``date_jsonld``: no printed date; a JSON-LD ``NewsArticle`` holds ``datePublished``;
- ``date_text``: the date is printed in a ``div``, not a list item (text-pattern layer);
- ``date_stamp``: no date at all but the lead image's ``uniqid()`` stamp;
- ``body_photo``: a photo inside the body, its caption in the next ``<p>``.
"""
FAULTS: tuple[str, ...] = ("flaky_500", "slow", "missing_404", "not_article", "challenge")
RECOVERING_FAULTS = frozenset({"flaky_500"})

PAGE_SIZE = 15
"""Items per listing page on the real site (SEEN)."""
HOME_SLIDER = 10
HOME_LATEST = 6
HOME_MORE = 6
HOME_BOX_ITEMS = 3
HOME_BOX_CATEGORIES = 3
SIDEBAR_POPULAR = 5
TRENDING = 2
RSS_ITEMS = 20

FIRST_ID = 52_301
FIRST_WALL_TIME = (2025, 7, 30, 7, 5)
"""The first article's local wall time (the timeline then crosses into August)."""

# (category index into the site's categories, or -1 for the off-menu one; variant; role) per slot,
# oldest first. role: None (ordinary), a FAULTS name, or "off_menu".
PLAN: tuple[tuple[int, str, str | None], ...] = (
    (0, "standard", None),
    (1, "standard", None),
    (2, "no_image", None),
    (0, "standard", None),
    (3, "standard", None),
    (-1, "standard", "off_menu"),
    (0, "zone_label", None),
    (4, "standard", None),
    (0, "standard", "missing_404"),
    (1, "editor_line", None),
    (0, "standard", None),
    (2, "date_jsonld", None),
    (0, "no_tags", None),
    (3, "standard", "flaky_500"),
    (0, "wit", None),
    (4, "body_photo", None),
    (0, "standard", None),
    (1, "date_text", None),
    (2, "standard", "not_article"),
    (0, "standard", None),
    (3, "date_stamp", None),
    (0, "standard", None),
    (4, "standard", None),
    (0, "body_photo", None),
    (1, "standard", "challenge"),
    (2, "standard", None),
    (0, "editor_line", None),
    (3, "no_image", None),
    (0, "standard", None),
    (4, "zone_label", None),
    (0, "standard", "slow"),
    (1, "standard", None),
    (0, "no_tags", None),
    (2, "standard", None),
    (0, "standard", None),
    (3, "standard", None),
    (0, "date_jsonld", None),
    (4, "standard", None),
    (0, "standard", None),
    (1, "wit", None),
    (0, "standard", None),
    (2, "standard", None),
    (0, "standard", None),
    (3, "editor_line", None),
    (0, "standard", None),
    (4, "standard", None),
)
_CYCLE_VARIANTS = ("no_image", "editor_line", "zone_label", "no_tags", "body_photo", "date_text")


@dataclass(frozen=True, slots=True)
class Record:
    """What the site stores per article. ``published`` is the instant, in the site's zone."""

    id: int
    slot: int
    slug: str
    title: str
    category: str
    published: dt.datetime
    variant: str
    role: str | None
    reporter: int
    tags: tuple[str, ...]

    @property
    def fault(self) -> str | None:
        return self.role if self.role in FAULTS else None

    @property
    def emits(self) -> bool:
        """True when a crawl gets an article page (the flaky one after its retries)."""
        return self.fault is None or self.fault in RECOVERING_FAULTS

    @property
    def ordinary(self) -> bool:
        """No fault: may stand on the home page and be linked as related."""
        return self.fault is None


@dataclass(frozen=True)
class Article:
    """One article's full truth; everything its page shows is rendered from this."""

    record: Record
    site_zone: str
    paragraphs: tuple[str, ...]
    caption: str | None
    image_stamp: str | None
    editor: str | None
    editor_line: bool
    initials_glued: bool
    dateline: bool
    google_news: bool
    inline_ids: tuple[int, ...]
    inline_form: str
    terkait_ids: tuple[int, ...]
    photo_stamp: str | None
    photo_caption: str | None
    views: int
    modified: dt.datetime | None = None
    """When the newsroom last edited the content (the site's zone, whole seconds); None:
    never edited."""

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def slug(self) -> str:
        return self.record.slug

    @property
    def title(self) -> str:
        return self.record.title

    @property
    def category(self) -> str:
        return self.record.category

    @property
    def variant(self) -> str:
        return self.record.variant

    @property
    def path(self) -> str:
        return f"/{self.slug}"

    @property
    def zone(self) -> str:
        """The zone the article's time is printed in."""
        return "WIT" if self.variant == "wit" else self.site_zone

    @property
    def local_time(self) -> dt.datetime:
        return self.record.published.astimezone(_tz(self.zone))

    @property
    def printed_date(self) -> str | None:
        """The date as printed on the page (``li`` or ``div``); None when the page prints none."""
        if self.variant in ("date_jsonld", "date_stamp"):
            return None
        labelled = self.variant in ("zone_label", "wit")
        return words.article_date(self.local_time, self.zone if labelled else None)

    @property
    def iso_time(self) -> str:
        return self.local_time.isoformat()

    @property
    def modified_at_raw(self) -> str | None:
        """The modification time the page prints first (the order of
        ``RegionalArticlePage.modified_at``): JSON-LD ``dateModified`` (``date_jsonld`` pages
        only; the publish time until an edit), else the ``article:modified_time`` meta of an
        edited page, else None. ISO 8601 with its offset: also the normalized value."""
        if self.variant == "date_jsonld":
            return self.modified.isoformat() if self.modified else self.iso_time
        return self.modified.isoformat() if self.modified else None

    @property
    def image_path(self) -> str | None:
        return image_path(self.image_stamp, "750x500", self.site_zone)

    def thumb_path(self, size: str) -> str:
        """A listing thumbnail (``600x460``, ``140x98``); the CMS's placeholder without image."""
        return image_path(self.image_stamp, size, self.site_zone) or NO_IMAGE_PATH

    @property
    def photo_path(self) -> str | None:
        return image_path(self.photo_stamp, "750x500", self.site_zone)

    @property
    def body(self) -> str:
        """The body truth: paragraphs joined by a blank line, without any boilerplate."""
        return "\n\n".join(self.paragraphs)

    @property
    def teaser(self) -> str:
        """The listing teaser: the first paragraph, cut at a word with ``…`` (SEEN)."""
        text = self.paragraphs[0]
        return text if len(text) <= 180 else text[:180].rsplit(" ", 1)[0] + "\u2026"

    def page_related_ids(self) -> list[int]:
        """Related ids in page order (inline list, then BERITA TERKAIT), each once, never self."""
        return list(dict.fromkeys(i for i in (*self.inline_ids, *self.terkait_ids) if i != self.id))


NO_IMAGE_PATH = "/assets/polindo/images/no-image.jpg"

# Corrections appended by RegionalSite.edit_content (RECONSTRUCTED).
_CORRECTIONS = (
    "Hingga berita ini diperbarui, jumlah warga terdampak bertambah menjadi {num} orang.",
    "Redaksi meralat keterangan sebelumnya: kegiatan itu berlangsung di {place}.",
    "Pemerintah daerah kemudian mengoreksi angka yang disampaikan sebelumnya menjadi {num} persen.",
)


@dataclass(frozen=True)
class Edit:
    """What the newsroom changed on one article since it was published (a new title lives in
    the record)."""

    sentences: tuple[str, ...] = ()
    modified: dt.datetime | None = None
    terkait: tuple[int, ...] | None = None
    """The BERITA TERKAIT links, when re-picked."""
    views: int = 0
    """Views added to the generated counter."""


def image_path(stamp: str | None, size: str, zone: str) -> str | None:
    """``/uploads/images/{YYYY}/{MM}/image_{size}_{stamp}.jpg``; the folder is the stamp's month."""
    if stamp is None:
        return None
    when = dt.datetime.fromtimestamp(int(stamp[:8], 16), _tz(zone))
    return f"/uploads/images/{when:%Y}/{when:%m}/image_{size}_{stamp}.jpg"


def _tz(zone: str) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=ZONES[zone]), zone)


def _stamp(when: dt.datetime, rng: random.Random) -> str:
    """A PHP ``uniqid()``: 8 hex digits of the Unix second, then 5 of the microseconds."""
    return f"{int(when.timestamp()):08x}{rng.randrange(1_000_000):05x}"


# The prose lexicon has topics per rmol.id section; map each regional category to one.
_PROSE_SECTION = {
    "daerah": "nusantara", "politik": "politik", "hukum": "hukum", "ekonomi": "bisnis",
    "peristiwa": "nusantara", "olahraga": "olahraga", "opini": "publika", "kampus": "publika",
    "footnote": "publika", OFF_MENU_CATEGORY: "nusantara",
}  # fmt: skip


class RegionalSite:
    """One regional site: records, listings, home choices and article generation."""

    def __init__(
        self,
        name: str = "rmollampung",
        n_articles: int = 40,
        seed: int = 11,
        *,
        page_size: int = PAGE_SIZE,
        categories: Sequence[str] = DEFAULT_CATEGORIES,
        rss_items: int = RSS_ITEMS,
    ) -> None:
        if name not in NETWORK:
            raise ValueError(f"unknown site {name!r}; expected one of {sorted(NETWORK)}")
        if n_articles < 1 or page_size < 1:
            raise ValueError("n_articles and page_size must be >= 1")
        unknown = [c for c in categories if c not in MENU]
        if not categories or unknown:
            raise ValueError(f"categories must be menu slugs {MENU}, got {unknown or 'none'}")
        self.name = name
        self.domain = f"{name}.id"
        self.region, self.brand = NETWORK[name]
        self.zone = "WIT" if name in WIT_SITES else "WIB"
        self.tz = _tz(self.zone)
        self.seed = seed
        self.page_size = page_size
        self.categories: tuple[str, ...] = tuple(dict.fromkeys(categories))
        self.rss_items = rss_items
        self._lock = threading.Lock()
        self._published = 0
        self._edits: dict[int, Edit] = {}
        self._removed: dict[int, str] = {}
        # Generation never depends on edits or removals: a cached article and a fresh one agree.
        self._generated = functools.lru_cache(maxsize=4096)(self._make_article)

        rng = random.Random(seed)
        records: list[Record] = []
        taken: set[str] = set()
        when = dt.datetime(*FIRST_WALL_TIME, tzinfo=self.tz)
        next_id = FIRST_ID
        for slot in range(n_articles + _extras_before(n_articles)):
            category, variant, role = self._slot_plan(slot, rng)
            records.append(
                self._new_record(
                    next_id,
                    slot,
                    category=category,
                    when=when,
                    variant=variant,
                    role=role,
                    taken=taken,
                )
            )
            next_id += rng.randint(1, 3)
            when += dt.timedelta(minutes=rng.randint(25, 150))
        self._set_records(records)
        self._built = len(records)

    # ---- construction ---------------------------------------------------------------------
    def _slot_plan(self, slot: int, rng: random.Random) -> tuple[str, str, str | None]:
        cats = self.categories
        if slot < len(PLAN):
            index, variant, role = PLAN[slot]
            category = OFF_MENU_CATEGORY if index < 0 else cats[index % len(cats)]
            return category, variant, role
        weights = [4 if i == 0 else 1 for i in range(len(cats))]
        category = rng.choices(cats, weights=weights)[0]
        variant = (
            _CYCLE_VARIANTS[(slot // 7) % len(_CYCLE_VARIANTS)] if slot % 7 == 0 else "standard"
        )
        return category, variant, None

    def _new_record(
        self,
        rid: int,
        slot: int,
        *,
        category: str,
        when: dt.datetime,
        variant: str,
        role: str | None,
        taken: set[str],
    ) -> Record:
        rng = random.Random(self.seed * 1_000_003 + rid)
        prose = Prose(rng, _PROSE_SECTION[category], when)
        shape = rid % 9
        for _ in range(100):
            title = prose.title()
            if shape == 4:  # a spaced dash: the slug holds "--" (SEEN shape)
                title = f"{title} \u2013 {prose.place}"
            elif shape == 7:  # a closing full stop: the slug ends in "." (SEEN shape)
                title = f"{title}."
            slug = words.regional_slug(title)
            if slug not in taken and slug not in STATIC_PAGES:
                break
        else:  # pragma: no cover - a hundred clashing titles in a row
            raise RuntimeError(f"no unique slug for article {rid}")
        taken.add(slug)
        region = {"region": self.region}
        tags: list[str] = []
        if variant != "no_tags":
            pool = [t.format(**region) for t in words.TAGS]
            tags = [title_case(prose.topic), *rng.sample(pool, rng.randint(1, 3))]
        return Record(
            id=rid,
            slot=slot,
            slug=slug,
            title=title,
            category=category,
            published=when,
            variant=variant,
            role=role,
            reporter=rng.randrange(len(words.REPORTERS) + 2),
            tags=tuple(dict.fromkeys(tags)),
        )

    def _set_records(self, records: list[Record]) -> None:
        """Swap in a new timeline and every index built from it (readers see old or new)."""
        by_slug = {r.slug: r for r in records}
        by_id = {r.id: r for r in records}
        self._by_slug, self._by_id = by_slug, by_id  # lookups first: listings read _records
        self._records = records

    def publish(self, k: int) -> list[int]:
        """Add ``k`` newer ordinary ``standard`` articles, over the menu categories; their ids.

        Safe while a server renders from this site: the new timeline is built aside and swapped
        in. Each new article tops page 1 of its category, the archive, the feeds and the home.
        """
        with self._lock:
            records = list(self._records)
            taken = set(self._by_slug)
            rng = random.Random(self.seed * 7919 + self._published)
            last = records[-1]
            rid, when = last.id, last.published
            new: list[int] = []
            for i in range(k):
                rid += rng.randint(1, 3)
                when += dt.timedelta(minutes=rng.randint(25, 150))
                category = self.categories[(self._published + i) % len(self.categories)]
                slot = len(records)
                records.append(
                    self._new_record(
                        rid,
                        slot,
                        category=category,
                        when=when,
                        variant="standard",
                        role=None,
                        taken=taken,
                    )
                )
                new.append(rid)
            self._set_records(records)
            self._published += k
        return new

    # ---- changes after publication --------------------------------------------------------
    def _require(self, article_id: int) -> Record:
        rec = self._by_id.get(article_id)
        if rec is None:
            raise ValueError(f"no article {article_id} on the mirror")
        return rec

    def edit_content(
        self,
        article_id: int,
        *,
        sentence: str | None = None,
        title: str | None = None,
        at: dt.datetime | None = None,
    ) -> Article:
        """Correct an article: append ``sentence`` (default: a correction drawn from the id and
        the number of earlier edits) to its last paragraph and, when given, give it ``title``
        (its slug, hence its URL and key, stay). The page then prints ``at`` (default: now), in
        the site's zone to the second, as ``article:modified_time`` and ``og:updated_time``
        (and JSON-LD ``dateModified`` on ``date_jsonld`` pages). Return the article as now
        shown. Raises ValueError for an unknown id, a naive or pre-publication ``at``, or a
        blank sentence or title."""
        with self._lock:
            rec = self._require(article_id)
            old = self._edits.get(article_id, Edit())
            when = dt.datetime.now(self.tz) if at is None else at
            if when.utcoffset() is None:
                raise ValueError(f"at must be timezone-aware, got naive {when!r}")
            when = when.astimezone(self.tz).replace(microsecond=0)
            if when < rec.published:
                raise ValueError(f"at {when.isoformat()} is before the article was published")
            if sentence is None:
                rng = random.Random(self.seed * 15_485_863 + article_id * 101 + len(old.sentences))
                template = _CORRECTIONS[(article_id + len(old.sentences)) % len(_CORRECTIONS)]
                sentence = template.format(num=rng.randint(3, 97), place=rng.choice(lexicon.PLACES))
            if not sentence.strip() or (title is not None and not title.strip()):
                raise ValueError("sentence and title must not be blank")
            if title is not None:
                new_rec = dataclasses.replace(rec, title=title.strip())
                self._set_records([new_rec if r is rec else r for r in self._records])
            edit = dataclasses.replace(
                old, sentences=(*old.sentences, " ".join(sentence.split())), modified=when
            )
            self._edits = {**self._edits, article_id: edit}
        return self.article(article_id)

    def edit_noncontent(self, article_id: int) -> Article:
        """Change only what no content field keeps: BERITA TERKAIT gets one more ordinary
        article on top (one not linked yet, when there is one) and its other links in reverse
        order, and the view counter goes up. No modification time is printed. Every article the
        related links reached before is still linked. Return the article as now shown."""
        with self._lock:
            rec = self._require(article_id)
            old = self._edits.get(article_id, Edit())
            base = self._generated(article_id)
            linked = old.terkait if old.terkait is not None else base.terkait_ids
            rng = random.Random(self.seed * 104_729 + article_id * 31 + old.views)
            pool = [
                i
                for i in self._related_pool(rec)
                if i not in linked and i not in self._removed and i != article_id
            ]
            added = (rng.choice(pool),) if pool else ()
            edit = dataclasses.replace(
                old, terkait=(*added, *reversed(linked)), views=old.views + rng.randint(40, 900)
            )
            self._edits = {**self._edits, article_id: edit}
        return self.article(article_id)

    def remove(self, article_id: int, how: str = "404") -> None:
        """Take an article down: its URL answers as ``how`` says (``404``: the theme's not-found
        page; ``410``: nginx's "410 Gone"; ``soft``: the not-found page with status 200), and
        it leaves every listing (categories, archive, tags, profiles, search, feeds, home,
        sidebars) and other articles' BERITA TERKAIT. The inline lists written into other bodies
        keep their dead links. Raises ValueError for an unknown id or ``how``."""
        if how not in REMOVALS:
            raise ValueError(f"unknown removal {how!r}; expected one of {REMOVALS}")
        with self._lock:
            self._require(article_id)
            self._removed = {**self._removed, article_id: how}

    def restore(self, article_id: int) -> None:
        """Undo :meth:`remove`: the article is served and listed again, with its edits."""
        with self._lock:
            self._removed = {i: how for i, how in self._removed.items() if i != article_id}

    def removal(self, article_id: int) -> str | None:
        """How a removed article answers (``404``, ``410``, ``soft``); None when not removed."""
        return self._removed.get(article_id)

    @property
    def removed_ids(self) -> list[int]:
        return sorted(self._removed)

    @property
    def edited_ids(self) -> list[int]:
        """The articles whose content was edited (:meth:`edit_content`), ascending."""
        return sorted(i for i, e in self._edits.items() if e.modified is not None)

    def _shown(self) -> list[Record]:
        """The timeline without the removed articles, oldest first (what listings show)."""
        removed = self._removed
        return [r for r in self._records if r.id not in removed]

    # ---- lookups ----------------------------------------------------------------------------
    def record(self, article_id: int) -> Record | None:
        return self._by_id.get(article_id)

    def by_slug(self, slug: str) -> Record | None:
        return self._by_slug.get(slug)

    @property
    def ids(self) -> list[int]:
        """Every article id, oldest first (faults included)."""
        return [r.id for r in self._records]

    def __len__(self) -> int:
        return len(self._records)

    def key(self, article_id: int) -> str:
        """The article's network-wide key: ``{domain}/{slug}``."""
        return f"{self.domain}/{self._by_id[article_id].slug}"

    @property
    def menu(self) -> tuple[str, ...]:
        """Category slugs in the menu, in menu order."""
        return self.categories

    @property
    def all_categories(self) -> tuple[str, ...]:
        """Every category with a listing page: the menu's, then the off-menu one if used."""
        off = any(r.category == OFF_MENU_CATEGORY for r in self._records)
        return (*self.categories, OFF_MENU_CATEGORY) if off else self.categories

    @property
    def variant_ids(self) -> dict[str, list[int]]:
        """Ids per page variant (fault-free articles only), oldest first."""
        out: dict[str, list[int]] = {v: [] for v in VARIANTS}
        for r in self._records:
            if r.fault is None:
                out[r.variant].append(r.id)
        return out

    @property
    def fault_ids(self) -> dict[str, int]:
        """``{fault name: id}``; see :data:`FAULTS`."""
        return {r.role: r.id for r in self._records if r.role in FAULTS}

    @property
    def off_menu_ids(self) -> list[int]:
        return [r.id for r in self._records if r.role == "off_menu"]

    @property
    def dash_slug_ids(self) -> list[int]:
        """Articles whose slug holds ``--``."""
        return [r.id for r in self._records if "--" in r.slug]

    @property
    def dot_slug_ids(self) -> list[int]:
        """Articles whose slug ends in ``.``."""
        return [r.id for r in self._records if r.slug.endswith(".")]

    def reporter(self, rec: Record) -> tuple[str, str]:
        """``(printed name, profile user)``; the last two choices are the desk accounts (SEEN)."""
        if rec.reporter < len(words.REPORTERS):
            return words.REPORTERS[rec.reporter]
        if rec.reporter == len(words.REPORTERS):
            return f"RMOL {self.region}", self.name
        return f"Admin {self.brand}", "admin"

    # ---- listings (ids, newest first) ---------------------------------------------------------
    def archive(self) -> list[int]:
        """Every article, newest first: ``/cari`` without a query (SEEN on rmoljatim.id)."""
        return [r.id for r in reversed(self._shown())]

    def category_listing(self, category: str) -> list[int]:
        return [r.id for r in reversed(self._shown()) if r.category == category]

    def tag_listing(self, slug: str) -> list[int]:
        return [
            r.id for r in reversed(self._shown()) if slug in {words.tag_slug(t) for t in r.tags}
        ]

    def profile_listing(self, user: str) -> list[int]:
        return [r.id for r in reversed(self._shown()) if self.reporter(r)[1] == user]

    def tag_name(self, slug: str) -> str | None:
        for r in self._records:
            for t in r.tags:
                if words.tag_slug(t) == slug:
                    return t
        return None

    def search(self, query: str) -> list[int]:
        """``/cari?q=``: titles holding every word of ``query`` (any case), newest first."""
        terms = query.lower().split()
        return [r.id for r in reversed(self._shown()) if all(t in r.title.lower() for t in terms)]

    def page_count(self, ids: Sequence[int]) -> int:
        return max(1, -(-len(ids) // self.page_size))

    def page_of(self, ids: Sequence[int], page: int) -> list[int]:
        """The ids on page ``page`` (1-based); empty past the end."""
        if page < 1:
            return []
        start = (page - 1) * self.page_size
        return list(ids[start : start + self.page_size])

    # ---- home, header and sidebar choices ----------------------------------------------------
    def _front_pool(self) -> list[int]:
        """Ordinary articles newest first (faults never stand on the home page or sidebars)."""
        return [r.id for r in reversed(self._shown()) if r.ordinary]

    def home_slider_ids(self) -> list[int]:
        return self._front_pool()[:HOME_SLIDER]

    def home_latest_ids(self) -> list[int]:
        """TERKINI: the newest, overlapping the slider as on the real home page."""
        return self._front_pool()[:HOME_LATEST]

    def home_more_ids(self) -> list[int]:
        """The "See more" block (``#content-item``) under INDONESIA TERKINI."""
        return self._front_pool()[HOME_LATEST : HOME_LATEST + HOME_MORE]

    def home_box_ids(self, category: str) -> list[int]:
        return [i for i in self._front_pool() if self._by_id[i].category == category][
            :HOME_BOX_ITEMS
        ]

    def home_box_categories(self) -> tuple[str, ...]:
        """The three category boxes (POLITIK, HUKUM, EKONOMI on the real page)."""
        rest = self.categories[1:] or self.categories
        return rest[:HOME_BOX_CATEGORIES]

    def home_pinned_ids(self) -> list[int]:
        """The two-column block at the bottom of the home page: the off-menu article (so that it
        is reachable from the home page whatever gets published) and the oldest ordinary one."""
        pool = [r.id for r in self._shown() if r.ordinary]
        off_menu = [i for i in self.off_menu_ids if i not in self._removed]
        return list(dict.fromkeys([*off_menu, *pool[:1]]))[:2]

    @property
    def popular_ids(self) -> list[int]:
        """TERPOPULER: fixed picks among ordinary articles (the sidebar of every page), but
        those removed."""
        return [i for i in self._popular_picks if i not in self._removed]

    @functools.cached_property
    def _popular_picks(self) -> list[int]:
        pool = [r.id for r in self._records if r.ordinary]
        return random.Random(self.seed * 31).sample(pool, min(SIDEBAR_POPULAR, len(pool)))

    @property
    def trending_ids(self) -> list[int]:
        """The header's "Breaking News" slider: two of the popular picks (SEEN: two items)."""
        return self.popular_ids[:TRENDING]

    @property
    def newest_time(self) -> dt.datetime:
        return self._records[-1].published

    # ---- article generation -------------------------------------------------------------------
    def article(self, article_id: int) -> Article:
        """The article as the site now shows it: generated on demand (cached), with its record
        (a new title), its edits and the removals applied (removed articles leave its BERITA
        TERKAIT). Raises KeyError for an unknown id."""
        art = self._generated(article_id)
        rec = self._by_id[article_id]
        edit = self._edits.get(article_id)
        removed = self._removed
        if rec is not art.record:
            art = dataclasses.replace(art, record=rec)
        if edit is not None:
            paragraphs = art.paragraphs
            if edit.sentences:
                paragraphs = (*paragraphs[:-1], " ".join((paragraphs[-1], *edit.sentences)))
            art = dataclasses.replace(
                art,
                paragraphs=paragraphs,
                terkait_ids=art.terkait_ids if edit.terkait is None else edit.terkait,
                views=art.views + edit.views,
                modified=edit.modified,
            )
        if removed and any(i in removed for i in art.terkait_ids):
            terkait = tuple(i for i in art.terkait_ids if i not in removed)
            art = dataclasses.replace(art, terkait_ids=terkait)
        return art

    def _related_pool(self, rec: Record) -> list[int]:
        """Up to 12 ordinary articles near ``rec``: older ones first, newer ones to fill up."""
        index = rec.slot  # slots number the timeline from 0, in order
        older = [r.id for r in reversed(self._records[:index]) if r.ordinary]
        # Newer ones only from the first build, so that publish() changes no existing page.
        newer = [r.id for r in self._records[index + 1 : self._built] if r.ordinary]
        return (older + newer)[:12]

    def _make_article(self, article_id: int) -> Article:
        rec = self._by_id[article_id]
        # The record's Prose draws (person, place, topic ...) again, so the body speaks of the
        # title's topic; the body's own draws then come from a second stream.
        prose = Prose(
            random.Random(self.seed * 1_000_003 + article_id),
            _PROSE_SECTION[rec.category],
            rec.published,
        )
        rng = prose.rng = random.Random(self.seed * 7_000_001 + article_id)
        paragraphs = tuple(prose.paragraph() for _ in range(rng.randint(6, 14)))
        name, _ = self.reporter(rec)
        caption = image_stamp = None
        if rec.variant != "no_image":
            image_stamp = _stamp(rec.published, rng)
            credit = rng.choice((name, name, self.brand, "Ist"))
            subject = rng.choice(words.CAPTION_SUBJECTS).format(
                role=title_case(prose.role),
                person=prose.person,
                topic=prose.topic,
                place=prose.place,
            )
            caption = f"{subject}/{credit}"
        editor: str | None = None
        if rec.variant == "editor_line":
            editor = rng.choice(words.EDITORS)
        elif rng.random() < 0.85:
            editor = rng.choice(words.INITIALS)
        photo_stamp = photo_caption = None
        if rec.variant == "body_photo":
            photo_stamp = _stamp(rec.published - dt.timedelta(minutes=rng.randint(5, 90)), rng)
            photo_caption = f"{prose.person} di {prose.place}/{name}"
        pool = self._related_pool(rec)
        inline: list[int] = []
        if len(pool) >= 3 and rng.random() < 0.8:
            inline = rng.sample(pool, 3)
        terkait: list[int] = []
        if pool and rng.random() < 0.85:
            terkait = rng.sample(pool, min(rng.randint(3, 4), len(pool)))
        return Article(
            record=rec,
            site_zone=self.zone,
            paragraphs=paragraphs,
            caption=caption,
            image_stamp=image_stamp,
            editor=editor,
            editor_line=rec.variant == "editor_line",
            initials_glued=rec.id % 3 == 0,
            dateline=rng.random() < 0.8,
            google_news=rng.random() < 0.85,
            inline_ids=tuple(inline),
            inline_form="ul" if rec.id % 2 == 0 else "p",
            terkait_ids=tuple(terkait),
            photo_stamp=photo_stamp,
            photo_caption=photo_caption,
            views=rng.randint(40, 4000),
        )

    def articles(self, ids: Iterable[int]) -> list[Article]:
        return [self.article(i) for i in ids]


def _extras_before(n_articles: int) -> int:
    """How many PLAN slots that are not ordinary fall before the ``n_articles``-th ordinary one."""
    seen = extras = 0
    for *_, role in PLAN:
        if role is None:
            if seen >= n_articles:
                break
            seen += 1
        else:
            extras += 1
    return extras


def build_regional_site(
    name: str = "rmollampung",
    n_articles: int = 40,
    seed: int = 11,
    *,
    page_size: int = PAGE_SIZE,
    categories: Sequence[str] = DEFAULT_CATEGORIES,
    rss_items: int = RSS_ITEMS,
) -> RegionalSite:
    """Build one regional site's model: ``n_articles`` ordinary articles plus the extra roles."""
    return RegionalSite(
        name, n_articles, seed, page_size=page_size, categories=categories, rss_items=rss_items
    )
