"""Benchmarks of rmolcrawler against the lxml floor, its peers and ``scrapy bench``.

Run ``bench/run`` from the repository root; see ``BENCHMARKS.md``.
"""
