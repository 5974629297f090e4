"""Health checks over a finished crawl's stats: pure functions, one threshold setting each.

An unhealthy verdict makes ``scrapy crawl`` exit non-zero (see ``rmolcrawler.commands.crawl``)
so that cron and Scrapyd notice; the reasons go to the log and to the run report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from scrapy.settings import BaseSettings

REQUIRED_FIELDS = ("title", "published_at", "body")
# Fields whose URL fallback loses information (the time of day): when only the URL fills them
# for many pages, the markup changed. (A section from the URL is as good as the page's.)
URL_FILLABLE = ("published_at_raw",)


@dataclass(frozen=True)
class Thresholds:
    finish_reasons: tuple[str, ...] = ("finished",)
    min_items: int = 1
    max_missing_share: float = 0.05
    max_url_fallback_share: float = 0.2
    max_error_share: float = 0.2
    max_blocked_share: float = 0.1
    max_sections_gone: int = 0
    min_sample: int = 10
    min_new_links: int = 3

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Thresholds:
        return cls(
            finish_reasons=tuple(settings.getlist("RMOL_HEALTH_FINISH_REASONS", ["finished"])),
            min_items=settings.getint("RMOL_HEALTH_MIN_ITEMS", 1),
            max_missing_share=settings.getfloat("RMOL_HEALTH_MAX_MISSING_SHARE", 0.05),
            max_url_fallback_share=settings.getfloat("RMOL_HEALTH_MAX_URL_FALLBACK_SHARE", 0.2),
            max_error_share=settings.getfloat("RMOL_HEALTH_MAX_ERROR_SHARE", 0.2),
            max_blocked_share=settings.getfloat("RMOL_HEALTH_MAX_BLOCKED_SHARE", 0.1),
            max_sections_gone=settings.getint("RMOL_HEALTH_MAX_SECTIONS_GONE", 0),
            min_sample=settings.getint("RMOL_HEALTH_MIN_SAMPLE", 10),
            min_new_links=settings.getint("RMOL_HEALTH_MIN_NEW_LINKS", 3),
        )


@dataclass
class Verdict:
    healthy: bool
    failures: list[str] = field(default_factory=list)
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"healthy": self.healthy, "failures": self.failures, "checks": self.checks}


def _sum(stats: Mapping[str, Any], prefix: str) -> int:
    return sum(int(v) for k, v in stats.items() if k.startswith(prefix) and isinstance(v, int))


def _share(part: float, whole: float) -> float:
    return round(part / whole, 4) if whole else 0.0


def evaluate(stats: Mapping[str, Any], t: Thresholds) -> Verdict:
    """Every check with its value, threshold and outcome; failures as sentences."""
    checks: dict[str, dict[str, Any]] = {}
    failures: list[str] = []

    def check(name: str, value: Any, threshold: Any, ok: bool, why: str) -> None:
        checks[name] = {"value": value, "threshold": threshold, "ok": ok}
        if not ok:
            failures.append(f"{name}: {why}")

    def share_check(name: str, part: int, whole: int, limit: float, why: str) -> None:
        """A share is judged on a sample of at least ``min_sample``, or when it is 100%."""
        share = _share(part, whole)
        if whole < t.min_sample and not (whole and part == whole):
            checks[name] = {
                "value": share,
                "threshold": limit,
                "ok": True,
                "note": f"sample of {whole} below {t.min_sample}: not judged",
            }
            return
        check(name, share, limit, share <= limit, why)

    reason = str(stats.get("finish_reason", "unknown"))
    check(
        "finish_reason",
        reason,
        list(t.finish_reasons),
        reason in t.finish_reasons,
        f"the crawl ended with {reason!r}",
    )

    items = int(stats.get("item_scraped_count", 0))
    listings = int(stats.get("rmol/discovery/listing_pages", 0))
    new_links = int(stats.get("rmol/discovery/new_links", 0))
    links = int(stats.get("rmol/discovery/article_links", 0))
    if listings:
        check(
            "article_links",
            links,
            ">0",
            links > 0,
            f"{listings} listing pages linked no article URL (URL pattern or markup changed?)",
        )
    if new_links >= t.min_new_links:
        check(
            "min_items",
            items,
            t.min_items,
            items >= t.min_items,
            f"{items} items from {new_links} new article links (minimum {t.min_items})",
        )

    articles = int(stats.get("rmol/page/articles", 0))
    # A page dropped for the same missing field at its last fetch too (then rejected for
    # good) is a re-check of a known page, not news of a markup change: it is left out.
    rechecked = _sum(stats, "rmol/state/rejected_repeat/missing_")
    missing = _sum(stats, "rmol/validation/dropped/missing_") - rechecked
    share_check(
        "missing_required_share",
        missing,
        articles - rechecked,
        t.max_missing_share,
        f"{missing} of {articles - rechecked} article pages lacked title, published_at or body",
    )
    if rechecked:
        checks["missing_required_share"]["rechecks_left_out"] = rechecked

    for name in URL_FILLABLE:
        from_url = int(stats.get(f"rmol/extract/{name}/url", 0))
        share_check(
            f"url_fallback_share/{name}",
            from_url,
            articles,
            t.max_url_fallback_share,
            f"only the URL gave {name} for {from_url} of {articles} article pages "
            "(site markup changed?)",
        )

    # Final outcomes: a page retried into success is one answered request, not an error.
    failed = _sum(stats, "rmol/fetch/failed/")
    attempts = int(stats.get("rmol/fetch/answered", 0)) + failed
    share_check(
        "error_share",
        failed,
        attempts,
        t.max_error_share,
        f"{failed} of {attempts} requests failed after retries",
    )

    blocked = (
        int(stats.get("rmol/fetch/failed/http_403", 0))
        + int(stats.get("rmol/fetch/failed/http_429", 0))
        + int(stats.get("rmol/page/rejected/block_page", 0))
    )
    share_check(
        "blocked_share",
        blocked,
        attempts,
        t.max_blocked_share,
        f"{blocked} of {attempts} pages were 403, 429 or challenge pages: "
        "the site may be blocking us",
    )

    # Per site of the regional network (rmol/site/<name>/...): one site down or empty among
    # several healthy ones would hide in the shares above.
    for site in sorted({k.split("/")[2] for k in stats if k.startswith("rmol/site/")}):
        answered = int(stats.get(f"rmol/site/{site}/answered", 0))
        site_failed = int(stats.get(f"rmol/site/{site}/failed", 0))
        share_check(
            f"site_error_share/{site}",
            site_failed,
            answered + site_failed,
            t.max_error_share,
            f"{site}: {site_failed} of {answered + site_failed} requests failed after retries",
        )
        site_new = int(stats.get(f"rmol/site/{site}/new_links", 0))
        site_articles = int(stats.get(f"rmol/site/{site}/articles", 0))
        if site_new >= t.min_new_links:
            check(
                f"site_min_items/{site}",
                site_articles,
                t.min_items,
                site_articles >= t.min_items,
                f"{site}: {site_articles} articles from {site_new} new article links",
            )

    gone = int(stats.get("rmol/discovery/sections_gone", 0))
    check(
        "sections_gone",
        gone,
        t.max_sections_gone,
        gone <= t.max_sections_gone,
        f"{gone} section(s) that had articles before now fail",
    )

    output_failed = _sum(stats, "feedexport/failed_count/") + int(
        stats.get("rmol/output/write_failed", 0)
    )
    check(
        "output",
        output_failed,
        0,
        output_failed == 0,
        "writing or storing an output file failed; nothing of it was marked done",
    )

    if "rmol/archive/index_requests" in stats:  # a backfill from a public web archive
        lost = int(stats.get("rmol/archive/index_failed", 0)) + int(
            stats.get("rmol/archive/index_unreadable", 0)
        )
        check(
            "archive_index",
            lost,
            0,
            lost == 0,
            f"{lost} archive index answers failed after retries or could not be read: the"
            " backfill missed their captures; run it again (what was emitted stays done)",
        )

    if any(k.startswith("rmol/warc/") for k in stats):  # archiving was on
        warc_failed = int(stats.get("rmol/warc/failed", 0))
        check(
            "warc",
            warc_failed,
            0,
            warc_failed == 0,
            f"archiving stopped: {stats.get('rmol/warc/error', 'a WARC write failed')}; "
            f"{int(stats.get('rmol/warc/not_archived', 0))} fetches were not archived "
            "(the items were still written)",
        )

    return Verdict(healthy=not failures, failures=failures, checks=checks)
