"""Pure extraction of rmol.id pages: URL and HTML in, fields out; no I/O, no Scrapy.

- :mod:`.article`: :class:`~.article.ArticlePage`, one method per item field;
- :mod:`.classify`: whether a page at an article URL is an article, and if not, why;
- :mod:`.related`: related-link boxes (in the body, and under ARTIKEL LAINNYA);
- :mod:`.listing`: article, next-page and section links of home, section and tag pages;
- :mod:`.dom`, :mod:`.structured`, :mod:`.layers`: visible text, JSON-LD and metas, layers.
"""
