"""The mirror's ground truth: a deterministic, reconstructed model of rmol.id.

Nothing here is real rmol.id data. The site keeps one compact :class:`Record` per article (id,
section, publish time, variant, role); the text of an article (title, reporter, paragraphs, tags,
caption, related links ...) is generated on demand by :meth:`Site.article` from
``random.Random(seed * 1_000_003 + id)``, so a 20 000-article site costs a few megabytes.

The timeline's first 49 slots follow :data:`PLAN`, which places every page variant, every fault
route and every related-only article, so the default ``build_site()`` (40 ordinary articles) holds
each of them. Further slots are drawn at random. Roles are listed on the site object:
``variant_ids``, ``fault_ids``, ``related_only_ids``, ``depth2_ids`` and the link-form ids.

The newsroom can change the site after a crawl, as a real one does (a server renders every
request from the site, so a change is served from the next request on):

- :meth:`Site.edit_content`: a correction (a sentence added to the body, optionally a new
  title); the page then prints its modification time;
- :meth:`Site.edit_noncontent`: only what no item field keeps changes (the ARTIKEL LAINNYA links,
  the ads around the article, a view counter);
- :meth:`Site.remove` (404, 410 or a not-found page with status 200; the article leaves every
  listing) and :meth:`Site.restore`.

:meth:`Site.article` always returns the article as the site now shows it, so the expected items
of :mod:`tests.site.expected` follow every change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import random
import threading
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

from tests.site import lexicon

BUILTIN_SECTIONS: tuple[str, ...] = ("politik", "hukum", "bisnis", "nusantara", "dunia", "publika")
MENU_ONLY_SECTION = "olahraga"
"""A section linked only from the home page's navigation menu (tests menu discovery)."""
SECTIONS: tuple[str, ...] = (*BUILTIN_SECTIONS, MENU_ONLY_SECTION)
SECTION_LABELS: dict[str, str] = {s: s.capitalize() for s in SECTIONS}

ZONES: dict[str, int] = {"WIB": 7, "WITA": 8, "WIT": 9}

VARIANTS: tuple[str, ...] = (
    "standard", "no_author_block", "no_h1", "text_only", "old_dateline", "logo_as_text",
    "footer_inside", "cp1252", "truncated", "malformed", "wita", "wit",
)  # fmt: skip
FAULTS: tuple[str, ...] = ("flaky_500", "slow", "missing_404", "not_article", "challenge")
RECOVERING_FAULTS = frozenset({"flaky_500"})

REMOVALS: tuple[str, ...] = ("404", "410", "soft")
"""How a removed article answers (:meth:`Site.remove`): ``404`` with the site's "Halaman tidak
ditemukan" page (as for any unknown URL), ``410`` with nginx's short "410 Gone" page (a takedown
done at the server; GUESS), ``soft``: the not-found page with status 200."""

# Corrections appended by Site.edit_content (RECONSTRUCTED: what an update or a correction adds).
_CORRECTIONS = (
    "Hingga berita ini diperbarui, jumlah warga terdampak bertambah menjadi {num} orang.",
    "Redaksi meralat keterangan sebelumnya: pertemuan itu berlangsung di {place}.",
    "{inst} kemudian mengoreksi angka yang disampaikan sebelumnya menjadi {num} persen.",
    "Sore harinya, {inst} menyampaikan keterangan tambahan kepada wartawan di {place}.",
)

LISTING_PAGE_SIZE = 5
"""Articles per listing page (the brief allows 5-8; 5 gives every default section two pages)."""

HOME_HEADLINES = 5
HOME_LATEST = 8
SIDEBAR_UPDATE = 6
SIDEBAR_POPULAR = 5

# (section, variant, role) for the first timeline slots, oldest first. role: None (ordinary,
# listed), a FAULTS name (listed, misbehaves), "related_only" or "depth2" (on no listing).
PLAN: tuple[tuple[str, str, str | None], ...] = (
    ("nusantara", "standard", "depth2"),  # 0: linked only from slot 8
    ("politik", "standard", None),
    ("hukum", "standard", None),
    ("bisnis", "standard", None),
    ("nusantara", "wita", None),
    ("dunia", "standard", None),
    ("publika", "standard", None),
    ("olahraga", "standard", None),
    ("dunia", "standard", "related_only"),  # 8: linked from slot 39, links slot 0
    ("politik", "text_only", None),
    ("hukum", "standard", None),
    ("bisnis", "cp1252", None),
    ("nusantara", "standard", None),
    ("dunia", "logo_as_text", None),
    ("publika", "malformed", None),
    ("olahraga", "standard", None),
    ("politik", "standard", "related_only"),  # 16: linked from slot 31
    ("hukum", "no_author_block", None),
    ("bisnis", "standard", "not_article"),
    ("nusantara", "wit", None),
    ("dunia", "standard", None),  # 20: listed by its section-less /read/ URL
    ("publika", "standard", None),
    ("olahraga", "standard", None),
    ("politik", "standard", None),  # 23: listed by its AMP URL only
    ("hukum", "standard", "related_only"),  # 24: linked from slot 41's BERITA TERKAIT
    ("bisnis", "no_h1", None),
    ("dunia", "standard", "challenge"),
    ("nusantara", "standard", None),
    ("hukum", "truncated", None),
    ("publika", "standard", "missing_404"),
    ("olahraga", "standard", None),
    ("politik", "standard", None),
    ("dunia", "footer_inside", None),
    ("bisnis", "standard", None),
    ("hukum", "standard", "slow"),
    ("nusantara", "wita", None),
    ("publika", "standard", None),
    ("olahraga", "standard", None),
    ("politik", "standard", "flaky_500"),
    ("dunia", "standard", None),
    ("bisnis", "standard", None),  # 40: linked by AMP URL from the home page
    ("hukum", "standard", None),
    ("nusantara", "standard", None),
    ("publika", "standard", None),
    ("olahraga", "standard", None),
    ("politik", "standard", None),  # 45: linked in all three URL forms
    ("dunia", "standard", None),
    ("bisnis", "standard", None),
    ("hukum", "standard", None),
)

# Related-link injections by plan slot: host slot -> (box, target slot). Box is "terkait"
# (in-body BERITA TERKAIT), "lainnya" (ARTIKEL LAINNYA) or "baca" (Baca Juga line).
_INJECT: dict[int, tuple[str, int]] = {
    31: ("lainnya", 16),
    41: ("terkait", 24),
    39: ("lainnya", 8),
    8: ("lainnya", 0),
}
_OLD_HOST_SLOT = 1  # its ARTIKEL LAINNYA links the 2011 article
_LISTING_AMP_SLOTS = (23, 45)
_LISTING_READ_SLOTS = (20,)
_HOME_AMP_SLOTS = (40,)
_ALL_FORMS_SLOT = 45

OLD_ARTICLE_ID = 18861
"""The 2011 article (SEEN in a stored crawl's trap URL ``/amp/2011/02/21/18861/whatsapp:/...``)."""
_OLD_ARTICLE_TIME = dt.datetime(2011, 2, 21, 14, 25, tzinfo=dt.timezone(dt.timedelta(hours=7)))

FIRST_ID = 673990
FIRST_TIME = dt.datetime(2025, 7, 24, 7, 12, tzinfo=dt.timezone(dt.timedelta(hours=7)))

_RANDOM_SECTION_WEIGHTS = (25, 15, 15, 15, 12, 8, 10)  # aligned with SECTIONS
_CYCLE_VARIANTS = (
    "no_author_block",
    "no_h1",
    "text_only",
    "logo_as_text",
    "footer_inside",
    "cp1252",
    "truncated",
    "malformed",
)

WIB = dt.timezone(dt.timedelta(hours=7))


@dataclass(frozen=True, slots=True)
class Record:
    """What the site stores per article. ``published`` is the instant, in WIB."""

    id: int
    slot: int
    section: str
    published: dt.datetime
    variant: str
    role: str | None = None

    @property
    def zone(self) -> str:
        """The zone the byline is printed in: ``WIB``, ``WITA`` or ``WIT``."""
        return {"wita": "WITA", "wit": "WIT"}.get(self.variant, "WIB")

    @property
    def local_time(self) -> dt.datetime:
        """The publish time in the zone it is printed in."""
        return self.published.astimezone(dt.timezone(dt.timedelta(hours=ZONES[self.zone])))

    @property
    def fault(self) -> str | None:
        return self.role if self.role in FAULTS else None

    @property
    def listed(self) -> bool:
        """True when the article appears on its section's listing pages."""
        return self.role not in ("related_only", "depth2")


@dataclass(frozen=True)
class Article:
    """One article's full truth; everything a page shows is rendered from this."""

    record: Record
    title: str
    slug: str
    reporter: str
    paragraphs: tuple[str, ...]
    editor: str | None
    tags: tuple[str, ...]
    caption: str
    image_number: int
    image_name: str
    image_time: dt.datetime
    terkait_ids: tuple[int, ...]
    baca_ids: tuple[int, ...]
    lainnya_ids: tuple[int, ...]
    lainnya_form: int
    has_jsonld: bool
    modified: dt.datetime | None = None
    """When the newsroom last edited the content (WIB, whole seconds); None: never edited."""
    views: int | None = None
    """The view counter printed under the byline; None (the default): the page prints none."""
    ads: int = 0
    """The ad campaign of the slots around the article (0: the SEEN ad texts)."""

    # ---- identity and URLs (paths; prefix the server's base URL) ---------------------------
    @property
    def id(self) -> int:
        return self.record.id

    @property
    def section(self) -> str:
        return self.record.section

    @property
    def variant(self) -> str:
        return self.record.variant

    @property
    def local_time(self) -> dt.datetime:
        return self.record.local_time

    @property
    def zone(self) -> str:
        return self.record.zone

    @property
    def date_path(self) -> str:
        return f"{self.local_time:%Y/%m/%d}"

    @property
    def desktop_path(self) -> str:
        return f"/{self.section}/read/{self.date_path}/{self.id}/{self.slug}"

    @property
    def read_path(self) -> str:
        return f"/read/{self.date_path}/{self.id}/{self.slug}"

    @property
    def amp_path(self) -> str:
        return f"/amp/{self.date_path}/{self.id}/{self.slug}"

    @property
    def image_path(self) -> str:
        t = self.image_time
        return (
            f"/images/berita/normal/{t:%Y}/{t:%m}/{self.image_number}_"
            f"{t:%H%M%S%d%m%Y}_{self.image_name}.jpg"
        )

    @property
    def thumb_path(self) -> str:
        return self.image_path.replace("/normal/", "/thumb/")

    @property
    def reporter_slug(self) -> str:
        return f"{lexicon.slugify(self.reporter)}-1"

    # ---- printed forms ----------------------------------------------------------------------
    @property
    def byline(self) -> str:
        return lexicon.byline_date(self.local_time, self.zone)

    @property
    def amp_dateline(self) -> str:
        return lexicon.amp_date(self.local_time, self.zone)

    @property
    def iso_time(self) -> str:
        return self.local_time.isoformat()

    @property
    def modified_at_raw(self) -> str | None:
        """The modification time the desktop page prints first (the order of
        ``ArticlePage.modified_at``): JSON-LD ``dateModified``, which is the publish time until
        an edit; else, on an edited page with ``og:`` metas, ``article:modified_time``; else
        None. It is ISO 8601 with its offset, so it is also the normalized ``modified_at``.
        (Normal markup: the ``dates`` markup fault prints none.)"""
        if self.has_jsonld:
            return self.modified.isoformat() if self.modified else self.iso_time
        if self.modified is not None and self.variant != "text_only":
            return self.modified.isoformat()
        return None

    @property
    def dateline(self) -> bool:
        """True when the body is printed with the pre-2012 ``RMOL.`` dateline."""
        return self.local_time.year < 2012

    @property
    def truncated(self) -> bool:
        return self.variant == "truncated"

    @property
    def body(self) -> str:
        """The body truth: paragraphs joined by a blank line, without dateline or initials."""
        return "\n\n".join(self.paragraphs)

    def page_related_ids(self) -> list[int]:
        """Related ids as linked on the desktop page, in page order, each once."""
        boxes: Iterable[int] = (*self.terkait_ids, *self.baca_ids)
        if not self.truncated:
            boxes = (*boxes, *self.lainnya_ids)
        return list(dict.fromkeys(i for i in boxes if i != self.id))


@dataclass(frozen=True)
class Edit:
    """What the newsroom changed on one article since it was published, applied over the
    generated article by :meth:`Site.article`."""

    title: str | None = None
    sentences: tuple[str, ...] = ()
    """Sentences appended to the last paragraph, in order."""
    modified: dt.datetime | None = None
    lainnya: tuple[int, ...] | None = None
    """The ARTIKEL LAINNYA links, when re-picked."""
    views: int | None = None
    ads: int = 0


class Site:
    """The whole mirror: records, listings, home/sidebar choices and article generation."""

    def __init__(self, n_articles: int = 40, seed: int = 7) -> None:
        if n_articles < 1:
            raise ValueError("n_articles must be >= 1")
        self.seed = seed
        self._lock = threading.Lock()
        self._records: dict[int, Record] = {}
        self._slots: list[int] = []  # ids in timeline order (the old article is not a slot)
        self._published = 0
        self._edits: dict[int, Edit] = {}
        self._removed: dict[int, str] = {}
        # Generation only ever depends on the records, never on edits or removals, so a cached
        # article and a fresh one are the same.
        self._generated = functools.lru_cache(maxsize=2048)(self._make_article)

        self._add_old_article()
        rng = random.Random(seed)
        next_id, when = FIRST_ID, FIRST_TIME
        for slot in range(n_articles + _extras_before(n_articles)):
            section, variant, role = self._slot_plan(slot, rng)
            self._append(Record(next_id, slot, section, when, variant, role))
            next_id += rng.randint(1, 4)
            when += dt.timedelta(minutes=rng.randint(9, 47))
        self._planned = min(len(self._slots), len(PLAN))
        self._rebuild_listings()

    # ---- construction ---------------------------------------------------------------------
    def _add_old_article(self) -> None:
        self._records[OLD_ARTICLE_ID] = Record(
            OLD_ARTICLE_ID, -1, "politik", _OLD_ARTICLE_TIME, "old_dateline"
        )

    def _slot_plan(self, slot: int, rng: random.Random) -> tuple[str, str, str | None]:
        if slot < len(PLAN):
            return PLAN[slot]
        section = rng.choices(SECTIONS, weights=_RANDOM_SECTION_WEIGHTS)[0]
        variant = "standard"
        if slot % 17 == 0:
            variant = _CYCLE_VARIANTS[(slot // 17) % len(_CYCLE_VARIANTS)]
        elif section == "nusantara" and slot % 13 == 0:
            variant = "wita"
        return section, variant, None

    def _append(self, record: Record) -> None:
        self._records[record.id] = record
        self._slots.append(record.id)

    def _rebuild_listings(self) -> None:
        self._listings = _listings_of(self._records, self._slots, self._removed)

    def publish(self, k: int) -> list[int]:
        """Add ``k`` newer articles (standard, spread over all sections); return their ids.

        Safe while a server renders from this site: the new records, timeline and listings are
        built aside and swapped in (records first), so a reader sees the old site or the new
        one, never a half-built listing. Each new article tops page 1 of its section; those
        outside ``olahraga`` (menu-only) also top the home page and the UPDATE sidebar.
        """
        with self._lock:
            records, slots = dict(self._records), list(self._slots)
            last = records[slots[-1]]
            rng = random.Random(self.seed * 7919 + self._published)
            next_id, when = last.id + rng.randint(1, 4), last.published
            new: list[int] = []
            for i in range(k):
                when += dt.timedelta(minutes=rng.randint(9, 47))
                section = SECTIONS[(self._published + i) % len(SECTIONS)]
                records[next_id] = Record(next_id, len(slots), section, when, "standard")
                slots.append(next_id)
                new.append(next_id)
                next_id += rng.randint(1, 4)
            listings = _listings_of(records, slots, self._removed)
            self._records = records
            self._slots = slots
            self._listings = listings
            self._published += k
        return new

    # ---- changes after publication --------------------------------------------------------
    def _require(self, article_id: int) -> Record:
        rec = self._records.get(article_id)
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
        the number of earlier edits) to its last paragraph and, when given, give it ``title``.
        The slug and URLs stay. Return the article as now shown.

        The page then prints ``at`` (default: now), in WIB to the second, as its modification
        time: JSON-LD ``dateModified`` (pages with JSON-LD) and the ``article:modified_time``
        and ``og:updated_time`` metas (pages with ``og:`` metas; ``text_only`` has none). See
        :attr:`Article.modified_at_raw`. Raises ValueError for an unknown id, a naive or
        pre-publication ``at``, or a blank sentence or title.
        """
        with self._lock:
            rec = self._require(article_id)
            old = self._edits.get(article_id, Edit())
            when = dt.datetime.now(WIB) if at is None else at
            if when.utcoffset() is None:
                raise ValueError(f"at must be timezone-aware, got naive {when!r}")
            when = when.astimezone(WIB).replace(microsecond=0)
            if when < rec.published:
                raise ValueError(f"at {when.isoformat()} is before the article was published")
            if sentence is None:
                sentence = self._correction(rec, len(old.sentences))
            if not sentence.strip() or (title is not None and not title.strip()):
                raise ValueError("sentence and title must not be blank")
            new = dataclasses.replace(
                old,
                title=title.strip() if title is not None else old.title,
                sentences=(*old.sentences, " ".join(sentence.split())),
                modified=when,
            )
            self._edits = {**self._edits, article_id: new}
        return self.article(article_id)

    def _correction(self, rec: Record, n: int) -> str:
        rng = random.Random(self.seed * 15_485_863 + rec.id * 101 + n)
        template = _CORRECTIONS[(rec.id + n) % len(_CORRECTIONS)]
        return template.format(
            num=rng.randint(3, 97),
            place=rng.choice(lexicon.PLACES),
            inst=rng.choice(lexicon.INSTITUTIONS),
        )

    def edit_noncontent(self, article_id: int) -> Article:
        """Change only what no content field keeps: ARTIKEL LAINNYA gets one more article (an
        ordinary one not linked yet, when there is one) on top and its other links in reverse
        order; the ad slots around the article show another campaign; the page prints a view
        counter (``Dibaca 1.234 kali``), higher on each call. No modification time is printed:
        the content did not change. Title, body, reporter, tags, caption and dates stay, and
        so does every article the related links reached before. Return the article as now
        shown. (A ``truncated`` page has no ARTIKEL LAINNYA: only its ads change.)
        """
        with self._lock:
            rec = self._require(article_id)
            old = self._edits.get(article_id, Edit())
            linked = (
                old.lainnya if old.lainnya is not None else self._generated(article_id).lainnya_ids
            )
            rng = random.Random(self.seed * 104_729 + article_id * 31 + old.ads)
            pool = [
                i
                for i in self._related_pool(rec)
                if i not in linked and i not in self._removed and i != article_id
            ]
            added = (rng.choice(pool),) if pool else ()
            views = (old.views or rng.randint(800, 20_000)) + rng.randint(40, 900)
            new = dataclasses.replace(
                old, lainnya=(*added, *reversed(linked)), views=views, ads=old.ads + 1
            )
            self._edits = {**self._edits, article_id: new}
        return self.article(article_id)

    def remove(self, article_id: int, how: str = "404") -> None:
        """Take an article down: its URLs (desktop, ``/read/``, AMP) answer as ``how`` says
        (see :data:`REMOVALS`), and it leaves the listings, the home page, the sidebars and
        other articles' ARTIKEL LAINNYA boxes. Links written into other bodies (BERITA TERKAIT,
        Baca Juga) stay, dead, as on a real site. Raises ValueError for an unknown id or
        ``how``."""
        if how not in REMOVALS:
            raise ValueError(f"unknown removal {how!r}; expected one of {REMOVALS}")
        with self._lock:
            self._require(article_id)
            removed = {**self._removed, article_id: how}
            listings = _listings_of(self._records, self._slots, removed)
            self._removed = removed
            self._listings = listings

    def restore(self, article_id: int) -> None:
        """Undo :meth:`remove`: the article is served and listed again, with its edits."""
        with self._lock:
            removed = {i: how for i, how in self._removed.items() if i != article_id}
            listings = _listings_of(self._records, self._slots, removed)
            self._removed = removed
            self._listings = listings

    def removal(self, article_id: int) -> str | None:
        """How a removed article answers (one of :data:`REMOVALS`); None when it is not removed."""
        return self._removed.get(article_id)

    @property
    def removed_ids(self) -> list[int]:
        """The removed articles, ascending."""
        return sorted(self._removed)

    @property
    def edited_ids(self) -> list[int]:
        """The articles whose content was edited (:meth:`edit_content`), ascending."""
        return sorted(i for i, e in self._edits.items() if e.modified is not None)

    # ---- lookups ----------------------------------------------------------------------------
    def record(self, article_id: int) -> Record | None:
        return self._records.get(article_id)

    @property
    def ids(self) -> list[int]:
        """Every article id (faults and the 2011 article included), ascending."""
        return [OLD_ARTICLE_ID, *self._slots]

    @property
    def newest_id(self) -> int:
        return self._slots[-1]

    def __len__(self) -> int:
        return len(self._records)

    def _slot_id(self, slot: int) -> int | None:
        """The id at a PLAN slot, if the site was built that far."""
        return self._slots[slot] if 0 <= slot < self._planned else None

    def _slot_ids(self, slots: Iterable[int]) -> list[int]:
        return [i for i in (self._slot_id(s) for s in slots) if i is not None]

    @property
    def variant_ids(self) -> dict[str, list[int]]:
        """Ids per page variant (non-fault articles only), ascending."""
        out: dict[str, list[int]] = {v: [] for v in VARIANTS}
        for rid in self.ids:
            rec = self._records[rid]
            if rec.fault is None:
                out[rec.variant].append(rid)
        return out

    @property
    def fault_ids(self) -> dict[str, int]:
        """``{fault name: id}``; see :data:`FAULTS`."""
        return {r.fault: r.id for r in self._records.values() if r.fault is not None}

    @property
    def related_only_ids(self) -> list[int]:
        """Articles on no listing, home or sidebar list; reachable only by related links."""
        return [r.id for r in self._records.values() if not r.listed]

    @property
    def depth2_ids(self) -> list[int]:
        """Related-only articles linked only from another related-only article (depth 2)."""
        return [r.id for r in self._records.values() if r.role == "depth2"]

    @property
    def listing_amp_ids(self) -> list[int]:
        """Articles whose listing entry links the AMP URL."""
        return self._slot_ids(_LISTING_AMP_SLOTS)

    @property
    def listing_read_ids(self) -> list[int]:
        """Articles whose listing entry links the section-less ``/read/`` URL."""
        return self._slot_ids(_LISTING_READ_SLOTS)

    @property
    def home_amp_ids(self) -> list[int]:
        """Articles the home page links by AMP URL."""
        return self._slot_ids(_HOME_AMP_SLOTS)

    @property
    def all_forms_ids(self) -> list[int]:
        """Linked as desktop (home headline), AMP (listing) and ``/read/`` (UPDATE sidebar)."""
        return self._slot_ids([_ALL_FORMS_SLOT])

    # ---- listings, home, sidebar ------------------------------------------------------------
    def listing(self, section: str) -> list[int]:
        """All ids on a section's listing, newest first (empty for an unknown section)."""
        return self._listings.get(section, [])

    def page_count(self, section: str) -> int:
        return max(1, -(-len(self.listing(section)) // LISTING_PAGE_SIZE))

    def listing_page(self, section: str, page: int) -> list[int]:
        """The ids on page ``page`` (1-based); empty past the end."""
        start = (page - 1) * LISTING_PAGE_SIZE
        return self.listing(section)[start : start + LISTING_PAGE_SIZE] if page >= 1 else []

    def _front_page_pool(self) -> list[int]:
        """Newest-first ordinary ids allowed on home and sidebar lists (no faults, no olahraga,
        nothing removed)."""
        out = []
        removed = self._removed
        for rid in reversed(self._slots):
            rec = self._records[rid]
            if rec.role is None and rec.section != MENU_ONLY_SECTION and rid not in removed:
                out.append(rid)
                if len(out) >= HOME_HEADLINES + HOME_LATEST + SIDEBAR_UPDATE:
                    break
        return out

    def home_headline_ids(self) -> list[int]:
        return self._front_page_pool()[:HOME_HEADLINES]

    def home_latest_ids(self) -> list[int]:
        return self._front_page_pool()[HOME_HEADLINES : HOME_HEADLINES + HOME_LATEST]

    def update_ids(self) -> list[int]:
        """The UPDATE sidebar list: the newest articles."""
        return self._front_page_pool()[:SIDEBAR_UPDATE]

    @property
    def popular_ids(self) -> list[int]:
        """The TERPOPULER sidebar list: fixed picks among older ordinary articles, but those
        removed."""
        return [rid for rid in self._popular_picks if rid not in self._removed]

    @functools.cached_property
    def _popular_picks(self) -> list[int]:
        pool = [rid for rid in self._slots[: self._planned] if self._eligible(rid, olahraga=False)]
        return random.Random(self.seed * 31).sample(pool, min(SIDEBAR_POPULAR, len(pool)))

    def _eligible(self, rid: int, *, olahraga: bool) -> bool:
        rec = self._records[rid]
        return rec.role is None and (olahraga or rec.section != MENU_ONLY_SECTION)

    # ---- article generation ---------------------------------------------------------------
    def article(self, article_id: int) -> Article:
        """The article as the site now shows it: generated on demand (cached), with its edits
        applied and removed articles left out of its ARTIKEL LAINNYA box. Raises KeyError for
        an unknown id."""
        art = self._generated(article_id)
        edit = self._edits.get(article_id)
        removed = self._removed
        if edit is not None:
            paragraphs = art.paragraphs
            if edit.sentences:
                last = " ".join((paragraphs[-1], *edit.sentences))
                paragraphs = (*paragraphs[:-1], last)
            art = dataclasses.replace(
                art,
                title=edit.title or art.title,
                paragraphs=paragraphs,
                lainnya_ids=art.lainnya_ids if edit.lainnya is None else edit.lainnya,
                modified=edit.modified,
                views=edit.views,
                ads=edit.ads,
            )
        if removed and any(i in removed for i in art.lainnya_ids):
            lainnya = tuple(i for i in art.lainnya_ids if i not in removed)
            art = dataclasses.replace(art, lainnya_ids=lainnya)
        return art

    def _related_pool(self, rec: Record) -> list[int]:
        """Candidate related ids: nearby older ordinary articles (newer ones for the oldest)."""
        olahraga = rec.section == MENU_ONLY_SECTION
        pool: list[int] = []
        if rec.slot < 0:
            start, back = self._planned, len(PLAN)
        else:
            start, back = rec.slot, 80
        for s in range(start - 1, max(-1, start - 1 - back), -1):
            rid = self._slots[s]
            if self._eligible(rid, olahraga=olahraga) and rid != rec.id:
                pool.append(rid)
                if len(pool) >= 12:
                    return pool
        limit = self._planned
        for s in range(max(rec.slot + 1, 0), limit):
            rid = self._slots[s]
            if self._eligible(rid, olahraga=olahraga) and rid != rec.id and len(pool) < 12:
                pool.append(rid)
        return pool

    def _make_article(self, article_id: int) -> Article:
        rec = self._records[article_id]
        rng = random.Random(self.seed * 1_000_003 + article_id)
        prose = lexicon.Prose(rng, rec.section, rec.local_time)
        title = prose.title()
        if rec.variant == "malformed":
            title = f"{prose.inst} & {lexicon.title_case(prose.topic)}: Sepakat Tunda Pembahasan"
        elif rec.variant == "cp1252":
            title = (
                f"Soal \u201c{lexicon.title_case(prose.topic)}\u201d, {prose.person} Angkat Bicara"
            )
        paragraphs = [prose.paragraph() for _ in range(rng.randint(10, 40))]
        if rec.variant == "cp1252":
            for i in range(3):
                paragraphs.insert(2 + 3 * i, prose.cp1252_paragraph(i))
        if rec.variant == "malformed":
            paragraphs[1] = f"Rapat melibatkan PT Sumber Makmur & Rekan serta {prose.inst}."
        editor = rng.choice(lexicon.EDITORS) if rng.random() < 0.85 else None
        if rec.variant in ("logo_as_text", "old_dateline"):
            editor = None
        tags = list(dict.fromkeys(prose.tags()))
        caption = prose.caption()
        if rec.variant == "cp1252":
            caption = "Fr\u00e9d\u00e9ric Moreau dalam diskusi daring/Net"
        image_time = rec.local_time - dt.timedelta(minutes=rng.randint(3, 90))
        image_name = "-".join(w.capitalize() for w in prose.person.split())
        if rec.variant == "cp1252":
            image_name = "Frederic-Moreau"

        pool = self._related_pool(rec)
        lainnya = rng.sample(pool, min(rng.randint(3, 6), len(pool)))
        terkait: list[int] = []
        if pool and (rng.random() < 0.35 or rec.variant == "truncated"):
            terkait = rng.sample(pool, min(rng.randint(2, 3), len(pool)))
        baca: list[int] = []
        if pool and rng.random() < 0.3:
            baca = [lainnya[0] if lainnya and rng.random() < 0.5 else rng.choice(pool)]
        inject = _INJECT.get(rec.slot) if rec.slot < self._planned else None
        if inject is not None:
            target = self._slot_id(inject[1])
            box = {"lainnya": lainnya, "terkait": terkait, "baca": baca}[inject[0]]
            if target is not None and target not in box:
                box.insert(0, target)
        if rec.slot == _OLD_HOST_SLOT:
            lainnya.append(OLD_ARTICLE_ID)

        return Article(
            record=rec,
            title=title,
            slug=lexicon.slugify(title),
            reporter=rng.choice(lexicon.REPORTERS),
            paragraphs=tuple(paragraphs),
            editor=editor,
            tags=tuple(tags),
            caption=caption,
            image_number=rng.randint(10000, 999999),
            image_name=image_name,
            image_time=image_time,
            terkait_ids=tuple(terkait),
            baca_ids=tuple(baca),
            lainnya_ids=tuple(lainnya),
            lainnya_form=1 + rng.randint(0, 1),
            has_jsonld=rec.variant in ("no_author_block", "no_h1")
            or (rec.variant != "text_only" and rng.random() < 0.5),
        )

    def articles(self, ids: Sequence[int]) -> list[Article]:
        return [self.article(i) for i in ids]


def _listings_of(
    records: dict[int, Record], slots: Sequence[int], removed: Container[int] = ()
) -> dict[str, list[int]]:
    """Every section's listing, newest first (the 2011 article closes politik's), without the
    ``removed`` articles."""
    listings: dict[str, list[int]] = {s: [] for s in SECTIONS}
    for rid in reversed(slots):
        rec = records[rid]
        if rec.listed and rid not in removed:
            listings[rec.section].append(rid)
    if OLD_ARTICLE_ID not in removed:
        listings["politik"].append(OLD_ARTICLE_ID)
    return listings


def _extras_before(n_articles: int) -> int:
    """How many PLAN extras fall before the ``n_articles``-th ordinary slot."""
    seen = extras = 0
    for *_, role in PLAN:
        if role is None:
            if seen >= n_articles:
                break
            seen += 1
        else:
            extras += 1
    return extras


def build_site(n_articles: int = 40, seed: int = 7) -> Site:
    """Build the mirror's model: ``n_articles`` ordinary articles plus the extra roles."""
    return Site(n_articles, seed)
