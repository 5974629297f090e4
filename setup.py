"""Packaging for Scrapyd only: ``scrapyd-deploy`` builds an egg with ``setup.py bdist_egg``.

The crawler itself runs from the checkout (``scripts/crawl``); pyproject.toml holds tool
configuration only. See README.md, "Scrapyd".
"""

from setuptools import find_packages, setup

setup(
    name="rmolcrawler",
    version="0.1.0",
    description="Scrapy crawler for Kantor Berita Politik RMOL (rmol.id)",
    python_requires=">=3.11",
    packages=find_packages(include=["rmolcrawler", "rmolcrawler.*"]),
    package_data={"rmolcrawler": ["schema/*.json"]},
    include_package_data=False,
    zip_safe=False,
    entry_points={"scrapy": ["settings = rmolcrawler.settings"]},
)
