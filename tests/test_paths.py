"""ShortestPaths on its own: random link graphs crawled in random orders, in process.

A tiny simulated crawl pops pending requests in an order drawn at random; every order must
parse exactly the articles of a breadth-first walk bounded by ``related_depth``.
"""

from __future__ import annotations

import random
from collections import deque

import pytest

from rmolcrawler.spiders.paths import ShortestPaths

Graph = dict[str, list[str]]


def _bfs(roots: list[str], graph: Graph, related_depth: int) -> set[str]:
    depth = dict.fromkeys(roots, 0)
    queue = deque(roots)
    while queue:
        url = queue.popleft()
        if depth[url] >= related_depth:
            continue
        for link in graph[url]:
            if link not in depth:
                depth[link] = depth[url] + 1
                queue.append(link)
    return set(depth)


def _crawl(roots: list[str], graph: Graph, related_depth: int, rng: random.Random) -> list[str]:
    """Parse pages in a random order: listings (the roots) and articles interleave."""
    pending: list[tuple[str, int]] = []
    parsed: list[str] = []
    paths: ShortestPaths[str, tuple[str, int]] = ShortestPaths(
        related_depth,
        key_of=lambda url: url,
        schedule=lambda url, key, depth: (url, depth),
    )
    listings = list(roots)
    while listings or pending:
        if listings and (not pending or rng.random() < 0.3):
            pending.extend(paths.reach(listings.pop(rng.randrange(len(listings))), 0))
            continue
        url, depth = pending.pop(rng.randrange(len(pending)))
        parsed.append(url)
        pending.extend(paths.parsed(url, graph[url], depth))
    return parsed


def _random_graph(rng: random.Random, n: int) -> tuple[list[str], Graph]:
    urls = [f"a{i}" for i in range(n)]
    graph = {url: rng.sample(urls, rng.randint(0, 4)) for url in urls}
    return rng.sample(urls, n // 3), graph


@pytest.mark.parametrize("seed", range(40))
def test_every_order_parses_the_breadth_first_set_once(seed: int) -> None:
    rng = random.Random(seed)
    roots, graph = _random_graph(rng, rng.randint(5, 40))
    related_depth = rng.randint(0, 3)
    expected = _bfs(roots, graph, related_depth)
    for _ in range(5):
        parsed = _crawl(roots, graph, related_depth, rng)
        assert len(parsed) == len(set(parsed))
        assert set(parsed) == expected


def test_a_listed_article_first_reached_as_a_related_link_follows_its_links() -> None:
    """b is a related link of a (listed first) and is listed itself later: its link c counts."""
    graph = {"a": ["b"], "b": ["c"], "c": ["d"], "d": []}
    paths: ShortestPaths[str, tuple[str, int]] = ShortestPaths(
        1, key_of=lambda url: url, schedule=lambda url, key, depth: (url, depth)
    )
    assert list(paths.reach("a", 0)) == [("a", 0)]
    assert list(paths.parsed("a", graph["a"], 0)) == [("b", 1)]
    assert list(paths.parsed("b", graph["b"], 1)) == []  # too deep to follow c
    assert list(paths.reach("b", 0)) == [("c", 1)]  # listed: now it is
    assert list(paths.parsed("c", graph["c"], 1)) == []


def test_a_declined_article_can_be_scheduled_by_a_later_path() -> None:
    declined = {"x"}
    paths: ShortestPaths[str, str] = ShortestPaths(
        2,
        key_of=lambda url: url,
        schedule=lambda url, key, depth: None if url in declined else url,
    )
    assert list(paths.reach("x", 0)) == []
    assert "x" not in paths
    declined.clear()
    assert list(paths.reach("x", 1)) == ["x"]
