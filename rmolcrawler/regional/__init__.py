"""The RMOL network's regional sites: URLs and pure extraction; no I/O, no Scrapy.

- :mod:`.sites`: :data:`~.sites.NETWORK`, :class:`~.sites.RegionalSite` (a site's URL grammar on
  the origin it is crawled from), :func:`~.sites.regional_site_for`;
- :mod:`.listing`: :class:`~.listing.RegionalListingPage`, the article, next-page and category
  links of home, category and archive pages;
- :mod:`.article`: :class:`~.article.RegionalArticlePage`, one method per item field, layered as
  rmol.id's :class:`~rmolcrawler.pages.article.ArticlePage`;
- :mod:`.classify`: whether a page at a slug URL is an article, and if not, why;
- :mod:`.related`: the related-link lists inside a body.
"""
