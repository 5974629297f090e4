"""``python -m tests.site.write_fixtures``: write the mirror's golden fixture cases.

One case per page variant plus one AMP page, as ``tests/fixtures/mirror-<variant>-<id>/`` with
``page.html`` (the exact bytes the mirror serves, cp1252 bytes for that case), ``meta.json`` and
``expected.json`` (the model's truth, never parsed from the HTML). The base URL is
``https://rmol.id`` so the pages look like the real site, but every case is a RECONSTRUCTION.
Existing ``mirror-*`` cases are replaced; other fixture folders are left alone.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

from tests.site.expected import expected_amp_item, expected_item
from tests.site.model import VARIANTS, Article, Site, build_site
from tests.site.server import route

FIXTURES_DIR = Path(__file__).resolve().parents[1] / "fixtures"
BASE_URL = "https://rmol.id"
CRAWLED_AT = "2026-11-27T06:00:00+00:00"
SOURCE_NOTE = "tests/site mirror generator, from rmol-site.md (SEEN/3RD-PARTY/GUESS)"

COMMON_NOTES = (
    "Reconstructed page, not a capture of rmol.id. SEEN: URL shapes, text order (ads above the"
    " title, escaped LAPORAN line, real LAPORAN link, byline date in a list item, image, caption"
    " with credit, body between the two logo images, Google News footer, FOLLOW US, ARTIKEL"
    " LAINNYA). 3RD-PARTY: .single_post_heading h1, #fontResizableText, first .author li,"
    " .author a[href*='/about/'], noise classes space-/border_black/adsbygoogle. GUESS:"
    " div.reporter-raw for the escaped line, figure>figcaption for the caption, div.border_black"
    " for BERITA TERKAIT inside the body, <p>Baca Juga: <a></p>, the ARTIKEL LAINNYA markup,"
    " the tags block (div.tags after ARTIKEL LAINNYA, because SEEN dumps show no text between"
    " the Google News footer and ARTIKEL LAINNYA), og:/article:/JSON-LD presence, sidebars."
    " Expected related = BERITA TERKAIT, then Baca Juga, then ARTIKEL LAINNYA, each id once."
)

VARIANT_NOTES: dict[str, str] = {
    "standard": "Full desktop page; og:/article: metas; JSON-LD present on about half the pages.",
    "no_author_block": (
        "No .author and no escaped LAPORAN line: reporter only in JSON-LD author.name (no link,"
        " so reporter_url null); date only in JSON-LD datePublished and article:published_time"
        " (same string, which is published_at_raw). GUESS."
    ),
    "no_h1": "No h1 anywhere: title only in og:title, JSON-LD headline and <title>. GUESS.",
    "text_only": (
        "No .author, no og:/article: metas, no JSON-LD: 'LAPORAN: NAME' and the byline date are"
        " plain text in unclassed divs after the h1 (reporter_url null). GUESS."
    ),
    "old_dateline": (
        "2011 article, id 18861 (the id SEEN in a real trap URL); body printed with the pre-2012"
        " 'RMOL. ' dateline (SEEN), which the expected body drops. No editor initials."
    ),
    "logo_as_text": (
        "The logos are text inside the first and last paragraphs ('rmol news logo ...',"
        " '... rmol news logo article'), as in seed-article.txt; no editor initials."
    ),
    "footer_inside": "Google News footer paragraph inside #fontResizableText. GUESS.",
    "cp1252": (
        "Served as text/html; charset=windows-1252 with cp1252 bytes and no meta charset;"
        " curly quotes and e-acute in title, body and caption. GUESS."
    ),
    "truncated": (
        "HTML cut right after the closing tag of #fontResizableText: no footer, no ARTIKEL"
        " LAINNYA, no tags block, no </html>. The head is intact, so tags come from the"
        " article:tag metas; related holds only the in-body BERITA TERKAIT / Baca Juga links."
    ),
    "malformed": (
        "Unclosed <p> (paragraphs 5 and 9), a stray </div> after the author block, raw '&' in"
        " the title, og:title and a paragraph, an unclosed <li> in the sidebar."
    ),
    "wita": "Regional desk byline printed in WITA (+08:00). GUESS (rmol-site.md: WITA/WIT).",
    "wit": "Regional desk byline printed in WIT (+09:00). GUESS.",
}

AMP_NOTES = (
    "Reconstructed AMP page; SEEN text order: Berita, caption, section label, title, 'DAY, DD"
    " MONTH YYYY | HH:MM WIB | LAPORAN: NAME', body ending [initials], Populer/UPDATE lists."
    " GUESS: markup/classes, no tags block, no related box (Populer/UPDATE are not related), no"
    " reporter link. Expected url is the desktop canonical (<link rel=canonical>); reporter_url"
    " null; published_at_raw is the date part of the AMP line; tags and related empty."
)


def _pick(site: Site, variant: str) -> Article:
    """A representative listed article of ``variant`` (standard: one with every box)."""
    ids = [i for i in site.variant_ids[variant] if i not in site.related_only_ids]
    if variant == "standard":
        rich = [i for i in ids if site.article(i).terkait_ids and site.article(i).baca_ids]
        ids = rich or ids
    return site.article(ids[0])


def _pick_amp(site: Site) -> Article:
    """A listed standard article whose caption ends in ``/RMOL`` (as on SEEN AMP pages)."""
    for i in site.variant_ids["standard"]:
        art = site.article(i)
        if i not in site.related_only_ids and art.caption.endswith("/RMOL") and art.editor:
            return art
    return _pick(site, "standard")


def _dump(path: Path, data: Any) -> None:
    path.write_text(
        json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def _write_case(
    site: Site, out_dir: Path, *, name: str, target: str, expected: dict[str, Any], notes: str
) -> Path:
    reply = route(site, BASE_URL, target)
    if reply.status != 200:
        raise RuntimeError(f"{target} answered {reply.status}")
    case = out_dir / name
    case.mkdir(parents=True)
    (case / "page.html").write_bytes(reply.body)
    meta: dict[str, Any] = {
        "url": BASE_URL + target,
        "crawled_at": CRAWLED_AT,
        "reconstructed": True,
        "source": SOURCE_NOTE,
        "notes": notes,
    }
    if not reply.content_type.endswith("utf-8"):
        meta["headers"] = {"Content-Type": reply.content_type}
    _dump(case / "meta.json", meta)
    _dump(case / "expected.json", expected)
    return case


def write_fixtures(out_dir: Path = FIXTURES_DIR, site: Site | None = None) -> list[Path]:
    """Write every ``mirror-*`` case into ``out_dir``; return the case folders."""
    site = site if site is not None else build_site()
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("mirror-*"):
        shutil.rmtree(old)
    cases = []
    for variant in VARIANTS:
        art = _pick(site, variant)
        cases.append(
            _write_case(
                site,
                out_dir,
                name=f"mirror-{variant}-{art.id}",
                target=art.desktop_path,
                expected=expected_item(site, BASE_URL, art.id),
                notes=f"{VARIANT_NOTES[variant]} {COMMON_NOTES}",
            )
        )
    amp = _pick_amp(site)
    cases.append(
        _write_case(
            site,
            out_dir,
            name=f"mirror-amp-{amp.id}",
            target=amp.amp_path,
            expected=expected_amp_item(site, BASE_URL, amp.id),
            notes=AMP_NOTES,
        )
    )
    return cases


def main() -> int:
    for case in write_fixtures():
        print(case.relative_to(FIXTURES_DIR.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
