"""Settings derived from other settings once the command line is known, and the run's id."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

BATCH_SUFFIX = "-%(batch_id)04d"


@dataclass(frozen=True)
class RunInfo:
    """Names one run: ``run_id`` like ``20261127T060000Z-3fa2``, and its UTC start date."""

    run_id: str
    started: dt.datetime

    @classmethod
    def new(cls, now: dt.datetime | None = None) -> RunInfo:
        started = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
        return cls(f"{started:%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}", started)

    def uri_params(self) -> dict[str, str]:
        return {
            "run_id": self.run_id,
            "run_year": f"{self.started:%Y}",
            "run_month": f"{self.started:%m}",
            "run_day": f"{self.started:%d}",
        }


def output_uri(settings: BaseSettings) -> str:
    """The default feed URI: ``RMOL_OUTPUT`` under ``RMOL_DATA_DIR``, batched if asked."""
    uri = str(Path(settings.get("RMOL_DATA_DIR", "data")) / settings.get("RMOL_OUTPUT"))
    if settings.getint("RMOL_BATCH_ITEMS") > 0 and "%(batch_id)" not in uri:
        stem, dot, ext = uri.rpartition(".")
        uri = f"{stem}{BATCH_SUFFIX}.{ext}" if dot else uri + BATCH_SUFFIX
    return uri


def state_dir(settings: BaseSettings) -> Path:
    return Path(
        settings.get("RMOL_STATE_DIR") or Path(settings.get("RMOL_DATA_DIR", "data"), "state")
    )


def apply_runtime_settings(settings: BaseSettings, spider_name: str = "rmol") -> None:
    """Fill settings that depend on ``RMOL_*`` values given with ``-s`` or the environment.

    ``FEEDS`` defaults to one file per run under ``RMOL_DATA_DIR`` unless the command line set
    feeds itself (``-o``/``-O``); the browser path follows ``RMOL_CHROMIUM_PATH``. A spider other
    than ``rmol`` keeps its crawl state apart (``<RMOL_DATA_DIR>/state-<spider>``) unless
    ``RMOL_STATE_DIR`` says otherwise, so that the spiders can run at the same time.
    """
    if spider_name != "rmol" and not settings.get("RMOL_STATE_DIR"):
        data = settings.get("RMOL_DATA_DIR", "data")
        settings.set("RMOL_STATE_DIR", str(Path(data, f"state-{spider_name}")), priority="spider")
    if (settings.getpriority("FEEDS") or 0) < SETTINGS_PRIORITIES["cmdline"]:
        feed = {
            "format": "jsonlines",
            "encoding": "utf-8",
            "overwrite": True,
            "item_classes": ["rmolcrawler.items.ArticleItem", "rmolcrawler.items.RemovalItem"],
        }
        settings.set("FEEDS", {output_uri(settings): feed}, priority="spider")
    batch = settings.getint("RMOL_BATCH_ITEMS")
    if batch > 0:
        settings.set("FEED_EXPORT_BATCH_ITEM_COUNT", batch, priority="spider")
    launch = dict(settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS"))
    launch["executable_path"] = settings.get("RMOL_CHROMIUM_PATH", "/usr/bin/chromium")
    settings.set(
        "PLAYWRIGHT_LAUNCH_OPTIONS",
        launch,
        priority=max(
            settings.getpriority("PLAYWRIGHT_LAUNCH_OPTIONS") or 0, SETTINGS_PRIORITIES["spider"]
        ),
    )
