"""The persistent crawl state that lets scheduled runs fetch only what is new.

One SQLite database per state directory (:mod:`rmolcrawler.state.store` owns it): which ids
were emitted into finished outputs, which were rejected and why, which were found but still
pending when the last run closed, what each section's listing looked like, and which pages the
validation stage dropped. ``python -m rmolcrawler.state show|rebuild`` inspects or rebuilds it.
"""

from rmolcrawler.state.sections import SectionState
from rmolcrawler.state.store import (
    DATABASE,
    MAX_ID,
    SCHEMA_VERSION,
    CrawlState,
    StateError,
    StateLocked,
    utc_now,
)

__all__ = [
    "DATABASE",
    "MAX_ID",
    "SCHEMA_VERSION",
    "CrawlState",
    "SectionState",
    "StateError",
    "StateLocked",
    "utc_now",
]
