"""What a crawl emits is a function of the site and the arguments, never of scheduling order.

Each site here is crawled in several orders: one request at a time with Scrapy's LIFO and
FIFO queues, with request priorities scrambled by a seeded middleware, and concurrently with
slow listing pages or random latencies. Every order must emit exactly the ids of a
breadth-first walk over the site's link graph (``tests.graphsite.expected_ids``).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.crawl import CrawlResult, run_crawl
from tests.graphsite import GraphServer, GraphSite, expected_ids, random_site
from tests.site.expected import expected_items
from tests.site.server import MirrorServer

pytestmark = pytest.mark.crawl

SERIAL = {"CONCURRENT_REQUESTS": "1", "CONCURRENT_REQUESTS_PER_DOMAIN": "1"}
PARALLEL = {"CONCURRENT_REQUESTS": "8", "CONCURRENT_REQUESTS_PER_DOMAIN": "8"}


def _shuffled(seed: int) -> dict[str, str]:
    return SERIAL | {
        "SPIDER_MIDDLEWARES": json.dumps({"tests.graphsite.ShufflePriorities": 10}),
        "GRAPHSITE_SHUFFLE_SEED": str(seed),
    }


def _no_delay(path: str) -> float:
    return 0.0


def _slow_listings(path: str) -> float:
    return 0.25 if "/read/" not in path and path != "/robots.txt" else 0.0


def _random_latency(path: str) -> float:
    return (zlib.crc32(path.encode()) % 100) / 600  # up to about 0.17 s, fixed per path


Order = tuple[dict[str, str], Callable[[str], float]]
ORDERS: dict[str, Order] = {
    "serial-lifo": (SERIAL, _no_delay),
    "serial-fifo": (
        SERIAL | {"SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue"},
        _no_delay,
    ),
    "shuffled-1": (_shuffled(1), _no_delay),
    "shuffled-2": (_shuffled(2), _no_delay),
    "slow-listings": (PARALLEL, _slow_listings),
    "random-latency": (PARALLEL, _random_latency),
}


def _crawl(
    site: GraphSite,
    order: str,
    tmp: Path,
    *args: str,
    state: bool = False,
    before: Callable[[str], None] | None = None,
) -> CrawlResult:
    """Crawl ``site`` in ``order``; ``before(origin)`` runs once the server is up."""
    settings, delay = ORDERS[order]
    with GraphServer(site, delay) as server:
        if before is not None:
            before(server.base)
        return run_crawl(
            server.base,
            tmp,
            *args,
            settings={
                **settings,
                "RMOL_SECTIONS": ",".join(site.sections),
                "RMOL_STATE_ENABLED": str(state),
            },
            output=not state,
        )


def _ids(result: CrawlResult) -> set[int]:
    ids = [item["id"] for item in result.items]
    assert len(ids) == len(set(ids)), "an article was emitted twice"
    return set(ids)


def bug_site() -> GraphSite:
    """The layout that showed the bug: 103 is on page 2 of its section and is also a related
    link of 101 on page 1; only 103 links 201, and only 201 links 202."""
    days = {i: dt.date(2025, 7, 20) for i in (101, 102, 103, 104, 105, 201, 202)}
    return GraphSite(
        sections={"politik": [101, 102, 103, 104], "hukum": [105]},
        related={101: [103], 102: [], 103: [201], 104: [], 105: [101], 201: [202], 202: []},
        dates=days,
        page_size=2,
    )


@pytest.mark.parametrize("order", list(ORDERS))
def test_an_article_listed_later_follows_its_related_links_in_every_order(
    order: str, tmp_path: Path
) -> None:
    site = bug_site()
    result = _crawl(site, order, tmp_path, "-a", "related_depth=1")
    assert _ids(result) == expected_ids(site, max_pages=5, related_depth=1)
    assert 201 in _ids(result)
    assert 202 not in _ids(result)  # two hops from any listing


@pytest.mark.parametrize("order", ["serial-lifo", "shuffled-1", "random-latency"])
def test_depth_two_chain_in_every_order(order: str, tmp_path: Path) -> None:
    site = bug_site()
    result = _crawl(site, order, tmp_path, "-a", "related_depth=2")
    assert _ids(result) == expected_ids(site, max_pages=5, related_depth=2)
    assert {201, 202} <= _ids(result)


RANDOM_CASES = [
    (seed, order)
    for seed in (11, 12, 13)
    for order in random.Random(seed).sample(sorted(ORDERS), 2)
]


@pytest.mark.parametrize(("seed", "order"), RANDOM_CASES)
def test_random_sites_emit_every_reachable_article_once(
    seed: int, order: str, tmp_path: Path
) -> None:
    site = random_site(seed)
    depth = 1 + seed % 2
    result = _crawl(site, order, tmp_path, "-a", f"related_depth={depth}", "-a", "max_pages=3")
    assert _ids(result) == expected_ids(site, max_pages=3, related_depth=depth)


@pytest.mark.parametrize("order", ["serial-fifo", "shuffled-2", "slow-listings"])
def test_date_window_is_order_independent(order: str, tmp_path: Path) -> None:
    site = random_site(21, n_articles=45)
    days = sorted(site.dates.values())
    since, until = days[len(days) // 3], days[2 * len(days) // 3]
    result = _crawl(
        site,
        order,
        tmp_path,
        "-a",
        f"since={since}",
        "-a",
        f"until={until}",
        "-a",
        "related_depth=2",
    )
    assert _ids(result) == expected_ids(
        site, max_pages=5, related_depth=2, since=since, until=until
    )


def test_scheduled_run_is_order_independent(tmp_path: Path) -> None:
    """A scheduled run after new articles appeared. 301 fails (404) and is listed on page 1 of
    politik and on page 2 of hukum beside a known article: whether 301 was already fetched
    when hukum's page 2 arrives must not decide whether hukum's page 3 (new 303) is read."""
    days = dict.fromkeys(range(101, 108), dt.date(2025, 7, 20))
    before = GraphSite(
        sections={"politik": [101, 102, 103, 104], "hukum": [105, 106, 107]},
        related={i: [] for i in days},
        dates=days,
        page_size=2,
    )
    base = tmp_path / "first"
    first = _crawl(before, "serial-lifo", base, state=True)
    assert _ids(first) == set(days)
    new_day = dt.date(2025, 7, 21)
    after = GraphSite(
        sections={
            "politik": [302, 301, 101, 102, 103, 104],
            "hukum": [304, 105, 301, 106, 303, 107],
        },
        related={i: [] for i in [*days, 301, 302, 303, 304]},
        dates={**days, **dict.fromkeys([301, 302, 303, 304], new_day)},
        gone={301},
        page_size=2,
    )
    results = {}
    for order in ("serial-lifo", "serial-fifo", "shuffled-1", "slow-listings"):
        run_dir = tmp_path / order
        shutil.copytree(base, run_dir)
        results[order] = _ids(_crawl(after, order, run_dir, state=True))
    assert all(ids == {302, 303, 304} for ids in results.values()), results


@pytest.mark.parametrize("order", ["serial-lifo", "shuffled-2"])
def test_pending_articles_keep_their_depth(order: str, tmp_path: Path) -> None:
    """An article left pending by a run that died was found at depth 1; the next run fetches it
    first, at that depth, so it emits what an uninterrupted crawl would: not 202, two hops
    from any listing."""
    from rmolcrawler.items import rmol_key
    from rmolcrawler.state import CrawlState

    site = bug_site()

    def died_with_201_pending(origin: str) -> None:
        with CrawlState(tmp_path / "data" / "state") as state:
            state.commit_emitted(map(rmol_key, [101, 102, 103, 104, 105]))
            state.save(pending={rmol_key(201): (origin + site.path(201), 1)})

    result = _crawl(
        site, order, tmp_path, "-a", "related_depth=1", state=True, before=died_with_201_pending
    )
    assert _ids(result) == {201}
    assert result.stat("rmol/state/pending_resumed") == 1


@pytest.mark.parametrize("order", ["serial-lifo", "serial-fifo", "shuffled-1", "shuffled-2"])
def test_the_bundled_mirror_emits_the_same_ids_in_every_order(order: str, tmp_path: Path) -> None:
    """The full crawl of the reconstructed mirror (tests/site), as in test_crawl_e2e, in other
    scheduling orders: the same ids as its model says, each once."""
    settings, _ = ORDERS[order]
    # The mirror brings latencies of its own: its slow article takes twice the timeout.
    with MirrorServer(slow_seconds=1.0) as mirror:
        result = run_crawl(
            mirror.base_url,
            tmp_path,
            "-a",
            "related_depth=2",
            "-a",
            "max_pages=10",
            settings={**settings, "DOWNLOAD_TIMEOUT": "0.5"},
        )
        expected = set(expected_items(mirror.site, mirror.base_url))
    assert _ids(result) == expected
