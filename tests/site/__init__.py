"""An offline, RECONSTRUCTED mirror of rmol.id for end-to-end tests and the offline demo.

Built from ``/work/shared/rmol-site.md`` (SEEN / 3RD-PARTY / GUESS); nothing is real rmol.id data.

- :mod:`tests.site.model`: ``build_site(n_articles=40, seed=7) -> Site``, the ground truth.
- :mod:`tests.site.render`: pure HTML renderers (home, listings, desktop/AMP article, 404, challenge).
- :mod:`tests.site.server`: ``route()`` and ``MirrorServer`` (127.0.0.1, random port), with
  runtime fault modes (``fail_all``, ``loop_paging``, ``endless_paging``, ``remove_section``,
  ``break_markup``; ``reset()``) switchable while it serves.
- :mod:`tests.site.expected`: ``expected_items(site, base_url)``, the items a full crawl must emit.
- :mod:`tests.site.write_fixtures`: ``python -m tests.site.write_fixtures`` writes golden cases.
- ``python -m tests.site [--port N] [--articles N] [--slow-seconds S]`` serves the mirror.
"""
