"""Run outputs and the run report.

:class:`OutputGuard` checks before the crawl that every local output directory is writable
(else the crawl closes at once as ``output_unwritable``), reports ``.partial`` files that
interrupted runs left behind, and removes this run's unused empty batch files.

:class:`RunReport`, once the crawl has fully stopped (feeds stored), runs the health checks,
writes ``<output>.report.json`` beside the first output, writes ``RMOL_STATS_FILE`` if set,
and logs a summary for people. ``scrapy crawl`` exits non-zero when the verdict is unhealthy.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urlparse

from scrapy import signals

from rmolcrawler.archive.warc import warc_archive
from rmolcrawler.context import run_context
from rmolcrawler.health import Thresholds, Verdict, evaluate
from rmolcrawler.items import ArticleItem, RemovalItem
from rmolcrawler.storage import PARTIAL_SUFFIX, AtomicFileFeedStorage

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

REPORT_SUFFIX = ".report.json"
_BATCH = re.compile(r"-\d{4}$")


def local_feed_paths(crawler: Crawler) -> list[Path]:
    """The local file paths of ``FEEDS`` (URI templates filled with the run's fields)."""
    paths: list[Path] = []
    params = run_context(crawler).info.uri_params()
    for uri in crawler.settings.getdict("FEEDS"):
        parsed = urlparse(str(uri))
        if parsed.scheme not in ("", "file"):
            continue
        raw = parsed.path if parsed.scheme == "file" else str(uri)
        with contextlib.suppress(KeyError, ValueError, TypeError):
            raw = raw % params
        paths.append(Path(raw))
    return paths


def _writable(directory: Path) -> str | None:
    """None when files can be created in ``directory`` (created if missing), else why not."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".rmol-probe-"):
            pass
    except OSError as exc:
        return f"{exc.strerror or exc} ({directory})"
    return None


def template_root(uri: str) -> Path:
    """The deepest directory of a feed URI template that holds no ``%(...)`` field."""
    parsed = urlparse(uri)
    path = Path(parsed.path if parsed.scheme == "file" else uri)
    fixed = list(path.parent.parts)
    for i, part in enumerate(fixed):
        if "%(" in part:
            fixed = fixed[:i]
            break
    return Path(*fixed) if fixed else Path(".")


def stale_partials(feeds: dict[str, Any], spider_name: str = "rmol") -> list[str]:
    """``.partial`` files of earlier runs: under a templated feed's fixed root (the default
    ``<data>/rmol/...`` tree; ``%(name)s`` is the spider's), or beside a plain feed path
    (``-O file.jsonl``)."""
    found: list[str] = []
    for uri in feeds:
        if urlparse(str(uri)).scheme not in ("", "file"):
            continue
        if "%(" in str(uri):
            root = template_root(str(uri).replace("%(name)s", spider_name))
            if root.is_dir():
                found += sorted(str(p) for p in root.rglob("*" + PARTIAL_SUFFIX))
        else:
            path = Path(urlparse(str(uri)).path if str(uri).startswith("file:") else str(uri))
            partial = path.with_name(path.name + PARTIAL_SUFFIX)
            if partial.exists():
                found.append(str(partial))
    return list(dict.fromkeys(found))


class OutputGuard:
    """Checks outputs before the crawl and reports what interrupted runs left behind."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.problem: str | None = None
        self.stale: list[str] = []
        self.storages: list[AtomicFileFeedStorage] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        ext = cls(crawler)
        for uri in crawler.settings.getdict("FEEDS"):
            if urlparse(str(uri)).scheme in ("", "file"):
                why = _writable(template_root(str(uri)))
                if why:
                    ext.problem = f"output directory is not writable: {why}"
                    logger.error("%s; the crawl fetches nothing", ext.problem)
                    break
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.feed_slot_closed, signal=signals.feed_slot_closed)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        run_context(crawler).outputs = ext
        return ext

    def spider_opened(self, spider: Spider) -> None:
        stats = self.crawler.stats
        assert stats is not None
        if self.problem:
            stats.set_value("rmol/output/unwritable", 1)
        self.stale = stale_partials(
            self.crawler.settings.getdict("FEEDS"), getattr(self.crawler.spidercls, "name", "rmol")
        )
        for stale in self.stale:
            logger.warning(
                "Found %s, left by an interrupted run: it is not a complete output and its "
                "articles were not marked done (they will be crawled again)",
                stale,
            )
        stats.set_value("rmol/output/stale_partials", len(self.stale))

    def feed_slot_closed(self, slot: Any) -> None:
        storage = slot.storage
        if isinstance(storage, AtomicFileFeedStorage):
            self.storages.append(storage)

    def spider_closed(self, spider: Spider) -> None:
        for storage in self.storages:
            storage.discard_if_empty()

    def stored(self) -> list[str]:
        return [str(s.final) for s in self.storages if s.stored]


class RunReport:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.thresholds = Thresholds.from_settings(crawler.settings)
        self.sections: Counter[str] = Counter()
        self.sources: Counter[str] = Counter()
        self.removals = 0
        self.spider: Spider | None = None
        self.verdict: Verdict | None = None
        self.report_path: Path | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        run_context(crawler).report = ext
        return ext

    def spider_opened(self, spider: Spider) -> None:
        self.spider = spider

    def item_scraped(self, item: Any) -> None:
        if isinstance(item, ArticleItem):
            self.sections[item.section or "(none)"] += 1
            self.sources[item.source] += 1
        elif isinstance(item, RemovalItem):
            self.removals += 1

    def engine_stopped(self) -> None:
        stats_collector = self.crawler.stats
        assert stats_collector is not None
        stats = dict(stats_collector.get_stats())
        self.verdict = evaluate(stats, self.thresholds)
        stats_collector.set_value("rmol/health/healthy", int(self.verdict.healthy))
        report = self.build(stats, self.verdict)
        self.report_path = self.path_for_report()
        if self.report_path is not None:
            _write_json(self.report_path, report)
        stats_file = self.crawler.settings.get("RMOL_STATS_FILE")
        if stats_file:
            _write_json(Path(stats_file), {k: _jsonable(v) for k, v in stats.items()})
        self.log_summary(report)

    def path_for_report(self) -> Path | None:
        explicit = self.crawler.settings.get("RMOL_REPORT_FILE")
        if explicit:
            return Path(explicit)
        outputs = run_context(self.crawler).outputs
        stored = outputs.stored() if outputs else []
        candidates = [Path(p) for p in stored] or local_feed_paths(self.crawler)
        if not candidates:
            return None
        first = candidates[0]
        stem = first.name.removesuffix(".jsonl").removesuffix(".jl")
        if self.crawler.settings.getint("FEED_EXPORT_BATCH_ITEM_COUNT") > 0:
            stem = _BATCH.sub("", stem)  # one report for all batch files of the run
        return first.with_name(stem + REPORT_SUFFIX)

    def build(self, stats: dict[str, Any], verdict: Verdict) -> dict[str, Any]:
        def group(prefix: str) -> dict[str, int]:
            return {
                k[len(prefix) :]: int(v)
                for k, v in sorted(stats.items())
                if k.startswith(prefix) and isinstance(v, int)
            }

        layers: dict[str, dict[str, int]] = {}
        for key, value in group("rmol/extract/").items():
            name, _, layer = key.partition("/")
            layers.setdefault(name, {})[layer] = value
        articles = int(stats.get("rmol/page/articles", 0))
        coverage = {
            name: round(1 - counts.get("missing", 0) / articles, 4) if articles else None
            for name, counts in layers.items()
        }
        context = run_context(self.crawler)
        outputs = context.outputs
        archive = warc_archive(self.crawler)
        return {
            "run_id": context.run_id,
            "spider": getattr(self.spider, "name", None),
            "started_at": _jsonable(stats.get("start_time")),
            "finished_at": _jsonable(stats.get("finish_time")),
            "finish_reason": stats.get("finish_reason"),
            "outputs": outputs.stored() if outputs else [],
            "stale_partial_outputs": sorted(set(outputs.stale)) if outputs else [],
            "items": int(stats.get("item_scraped_count", 0)),
            "articles": sum(self.sections.values()),
            "removals": self.removals,
            "items_per_section": dict(sorted(self.sections.items())),
            "items_per_site": dict(sorted(self.sources.items())),
            "drops": {
                "pages_rejected": group("rmol/page/rejected/"),
                "items_dropped": {
                    **group("rmol/validation/dropped/"),
                    **group("rmol/daterange/dropped/"),
                    **group("rmol/dedup/dropped/"),
                },
                "requests_failed": group("rmol/fetch/failed/"),
            },
            "extraction": {"layers": layers, "coverage": coverage},
            "discovery": group("rmol/discovery/"),
            "revisits": {
                "requested": int(stats.get("rmol/revisit/requested", 0)),
                "unchanged": int(stats.get("rmol/revisions/unchanged", 0)),
                "changed": int(stats.get("rmol/revisions/changed", 0)),
                "removed": self.removals,
                "not_article": group("rmol/revisit/not_article/"),
            },
            "revisions": group("rmol/revisions/"),
            "http": {
                "requests": int(stats.get("downloader/request_count", 0)),
                "responses": int(stats.get("response_received_count", 0)),
                "status_counts": group("downloader/response_status_count/"),
                "retries": int(stats.get("retry/count", 0)),
                "exceptions": group("downloader/exception_type_count/"),
            },
            "warc": {
                "files": archive.published() if archive else [],
                "fetches": int(stats.get("rmol/warc/fetches", 0)),
                "not_archived": int(stats.get("rmol/warc/not_archived", 0)),
                "error": stats.get("rmol/warc/error"),
            },
            "errors_logged": int(stats.get("log_count/ERROR", 0)),
            "state": {
                "error": context.state.error if context.state else None,
                **({k: int(v) for k, v in group("rmol/state/").items()}),
            },
            "health": verdict.as_dict(),
        }

    def log_summary(self, report: dict[str, Any]) -> None:
        per_section = ", ".join(f"{s} {n}" for s, n in report["items_per_section"].items())
        if len(report["items_per_site"]) > 1:  # the regional network: say which site gave what
            per_section = ", ".join(f"{s} {n}" for s, n in report["items_per_site"].items())
        drops = report["drops"]
        dropped = {**drops["pages_rejected"], **drops["items_dropped"], **drops["requests_failed"]}
        verdict = report["health"]
        revisits = report["revisits"]
        lines = [
            f"{report['spider'] or 'rmol'} run {report['run_id']} {report['finish_reason']}: "
            f"{report['articles']} articles" + (f" ({per_section})" if per_section else ""),
            f"  revisits {revisits['requested']}: unchanged {revisits['unchanged']}, "
            f"changed {revisits['changed']}, removed {revisits['removed']}",
            f"  requests {report['http']['requests']}, retries {report['http']['retries']}, "
            f"not emitted: {', '.join(f'{k} {v}' for k, v in dropped.items()) or 'none'}",
            f"  outputs: {', '.join(report['outputs']) or 'none'}",
            f"  warc: {', '.join(report['warc']['files']) or 'none'}",
            f"  report: {self.report_path or 'not written'}",
            "  health: "
            + ("OK" if verdict["healthy"] else "UNHEALTHY - " + "; ".join(verdict["failures"])),
        ]
        log = logger.info if verdict["healthy"] else logger.error
        log("\n".join(lines))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return aware.isoformat()
    if isinstance(value, dt.timedelta | dt.date):
        return str(value)
    return value


def _write_json(path: Path, data: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(
            json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8"
        )
        os.replace(tmp, path)
    except OSError as exc:
        logger.error("Could not write %s: %s", path, exc)
