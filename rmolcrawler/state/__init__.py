"""The persistent crawl state that lets scheduled runs fetch only what is new.

One SQLite database per state directory (:mod:`rmolcrawler.state.store` owns it): which
articles were emitted into finished outputs, which were rejected and why, which were found but
still pending when the last run closed, what each section's listing looked like, which pages
the validation stage dropped, and the last content and next revisit time of each article
emitted since version 3 of the state. Articles are recorded by their network-wide key
(``rmol.id/674000``, ``rmollampung.id/{slug}``). ``python -m rmolcrawler.state show|rebuild``
inspects or rebuilds it.
"""

from rmolcrawler.state.contents import ContentState
from rmolcrawler.state.sections import SectionState
from rmolcrawler.state.store import (
    DATABASE,
    SCHEMA_VERSION,
    CrawlState,
    StateError,
    StateLocked,
    key_order,
    utc_now,
)

__all__ = [
    "DATABASE",
    "SCHEMA_VERSION",
    "ContentState",
    "CrawlState",
    "SectionState",
    "StateError",
    "StateLocked",
    "key_order",
    "utc_now",
]
