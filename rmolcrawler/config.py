"""Settings derived from other settings once the command line is known."""

from __future__ import annotations

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

DEFAULT_FEED_FORMAT = {
    "format": "jsonlines",
    "encoding": "utf-8",
    "item_classes": ["rmolcrawler.items.ArticleItem"],
}


def feed_uri(data_dir: str) -> str:
    """The default output: one dated JSON Lines file per run under ``RMOL_DATA_DIR``."""
    return f"{data_dir.rstrip('/')}/%(name)s/%(time)s.jsonl"


def apply_runtime_settings(settings: BaseSettings) -> None:
    """Fill settings that depend on ``RMOL_*`` values given with ``-s`` or the environment.

    ``FEEDS`` defaults to a dated file under ``RMOL_DATA_DIR`` unless the command line set
    feeds itself (``-o``/``-O``); the browser path follows ``RMOL_CHROMIUM_PATH``.
    """
    if (settings.getpriority("FEEDS") or 0) < SETTINGS_PRIORITIES["cmdline"]:
        uri = feed_uri(settings.get("RMOL_DATA_DIR", "data"))
        settings.set("FEEDS", {uri: dict(DEFAULT_FEED_FORMAT)}, priority="spider")
    launch = dict(settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS"))
    launch["executable_path"] = settings.get("RMOL_CHROMIUM_PATH", "/usr/bin/chromium")
    settings.set(
        "PLAYWRIGHT_LAUNCH_OPTIONS",
        launch,
        priority=max(
            settings.getpriority("PLAYWRIGHT_LAUNCH_OPTIONS") or 0, SETTINGS_PRIORITIES["spider"]
        ),
    )
