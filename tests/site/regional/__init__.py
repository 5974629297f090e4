"""An offline, RECONSTRUCTED mirror of one RMOL network regional site (rmollampung.id by default).

Built from the two real rmollampung.id pages in ``/work/shared/regional/`` (their markup is kept
for the header, menu, listings, pager, sliders and footer) and, for article pages, from the
3RD-PARTY selectors and SEEN text order in ``/work/shared/rmol-site.md`` ("Sister sites").
Nothing is real data of any site; every page says so in an HTML comment.

- :mod:`.model`: ``build_regional_site(name="rmollampung", n_articles=40, seed=11, page_size=15)``,
  the ground truth (variants, faults, off-menu category, ``publish(k)``).
- :mod:`.render`: pure HTML/RSS renderers.
- :mod:`.server`: ``route()`` and ``RegionalMirrorServer`` (tests.site.server's machinery).
- :mod:`.expected`: ``expected_regional_items(site, base_url)``, keyed by ``{domain}/{slug}``.
- ``python -m tests.site.regional [--port N] [--site NAME] [--articles N] [--page-size N]``.
"""
