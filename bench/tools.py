"""The extractors under test, behind two small interfaces.

* a *timer* is ``(url, html) -> object``: exactly the work a user of that tool would pay for;
* an *extractor* is ``(url, html, crawled_at) -> Extracted``: the fields the quality section scores.

Peers are optional imports: without ``bench/requirements-bench.txt`` they are reported missing.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import importlib.metadata
import json
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import lxml.html

from rmolcrawler.offline import OfflineExtractor

OURS = "rmolcrawler"
FLOOR = "lxml floor"
TRAFILATURA = "trafilatura"
NEWSPAPER = "newspaper4k"
PEERS = (TRAFILATURA, NEWSPAPER)
DISTRIBUTIONS = {TRAFILATURA: "trafilatura", NEWSPAPER: "newspaper4k"}
MODULES = {TRAFILATURA: "trafilatura", NEWSPAPER: "newspaper"}

Timer = Callable[[str, str], object]


@dataclass(frozen=True)
class Extracted:
    title: str | None
    published_at: str | None
    reporter: str | None
    body: str
    first_author: str | None = None
    """A peer's first listed author (newspaper4k lists several, trafilatura joins with "; ")."""


Extractor = Callable[[str, str, str], Extracted]


def version_of(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def available_peers() -> list[str]:
    """The peers whose packages are installed, in :data:`PEERS` order."""
    return [name for name in PEERS if version_of(DISTRIBUTIONS[name]) is not None]


# ---- normalising peer output ---------------------------------------------------------------
def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def iso_or_raw(value: Any) -> str | None:
    """A peer's date as ISO 8601 with offset when it carries one; otherwise as given.

    A naive datetime keeps no offset and a bare date keeps no time, so neither can equal an
    expected ``published_at`` such as ``2020-12-30T06:08:00+07:00``.
    """
    if isinstance(value, dt.datetime):
        return value.isoformat()
    text = _text(value)
    if text is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    return parsed.isoformat() if parsed.tzinfo is not None else text


# ---- rmolcrawler -----------------------------------------------------------------------------
def ours_timer(extractor: OfflineExtractor, crawled_at: str) -> Timer:
    """Page class plus pipelines. The dedup stage drops a repeated id: one pass per extractor."""

    def run(url: str, html: str) -> object:
        return extractor.run(url, html, crawled_at)

    return run


def ours_extract(url: str, html: str, crawled_at: str) -> Extracted:
    outcome = OfflineExtractor().run(url, html, crawled_at)
    if outcome.item is None:
        return Extracted(None, None, None, "")
    item = outcome.as_dict()
    reporter = item["reporter"]
    return Extracted(item["title"], item["published_at"], reporter, item["body"] or "", reporter)


# ---- the floor -------------------------------------------------------------------------------
def floor_timer(url: str, html: str) -> object:
    return lxml.html.fromstring(html)


# ---- peers -----------------------------------------------------------------------------------
@functools.cache
def _module(name: str) -> Any:
    """Import a peer once, outside any timed call."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # newspaper4k: "nltk is not installed" (NLP unused)
        return importlib.import_module(name)


def load_peers(names: list[str]) -> None:
    for name in names:
        _module(MODULES[name])


# ---- trafilatura -----------------------------------------------------------------------------
def _trafilatura_json(url: str, html: str) -> str | None:
    result: str | None = _module("trafilatura").extract(
        html, url=url, with_metadata=True, output_format="json"
    )
    return result


def trafilatura_timer(url: str, html: str) -> object:
    return _trafilatura_json(url, html)


def trafilatura_extract(url: str, html: str, crawled_at: str) -> Extracted:
    raw = _trafilatura_json(url, html)
    data: dict[str, Any] = json.loads(raw) if raw else {}
    return Extracted(
        _text(data.get("title")),
        iso_or_raw(data.get("date")),
        _text(data.get("author")),
        data.get("text") or "",
        _text((data.get("author") or "").split(";")[0]),
    )


# ---- newspaper4k -----------------------------------------------------------------------------
def _newspaper_article(url: str, html: str) -> Any:
    # fetch_images=False: by default parse() downloads the images to rank them (network).
    article = _module("newspaper").Article(url, fetch_images=False)
    article.download(input_html=html)
    article.parse()
    return article


def newspaper_timer(url: str, html: str) -> object:
    return _newspaper_article(url, html)


def newspaper_extract(url: str, html: str, crawled_at: str) -> Extracted:
    article = _newspaper_article(url, html)
    authors = [a for a in (article.authors or []) if a]
    return Extracted(
        _text(article.title),
        iso_or_raw(article.publish_date),
        "; ".join(authors) or None,
        article.text or "",
        authors[0] if authors else None,
    )


PEER_TIMERS: dict[str, Timer] = {TRAFILATURA: trafilatura_timer, NEWSPAPER: newspaper_timer}
EXTRACTORS: dict[str, Extractor] = {
    OURS: ours_extract,
    TRAFILATURA: trafilatura_extract,
    NEWSPAPER: newspaper_extract,
}
