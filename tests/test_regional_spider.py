"""The rmol_regional spider's arguments and requests, in process (no crawl)."""

from __future__ import annotations

import json

import pytest
from scrapy.exceptions import UsageError
from scrapy.settings import Settings

from rmolcrawler.regional.sites import NETWORK, RegionalSite
from rmolcrawler.spiders.regional import RegionalArgs, RegionalSpider, base_urls


def _settings(**values: object) -> Settings:
    settings = Settings()
    settings.setmodule("rmolcrawler.settings")
    settings.setdict(values, priority="cmdline")
    return settings


def test_default_sites_are_the_nine_of_the_network() -> None:
    args = RegionalArgs.of({}, _settings())
    assert set(args.sites) == set(NETWORK)
    assert len(args.sites) == 9


def test_base_urls_given_with_s_replace_the_network() -> None:
    settings = _settings(
        RMOL_REGIONAL_BASE_URLS=json.dumps({"rmollampung": "http://127.0.0.1:8001"})
    )
    assert base_urls(settings) == {"rmollampung": "http://127.0.0.1:8001"}
    assert RegionalArgs.of({}, settings).sites == ("rmollampung",)


def test_sites_picks_among_the_configured_ones() -> None:
    args = RegionalArgs.of({"sites": "rmoljatim, rmolpapua"}, _settings())
    assert args.sites == ("rmoljatim", "rmolpapua")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"sites": "rmolbali"}, "unknown site(s) rmolbali"),
        ({"urls": "https://rmol.id/politik"}, "is not on any of the sites"),
        ({"max_pages": "0"}, "max_pages must be >= 1"),
        ({"since": "2025-08-02", "until": "2025-08-01"}, "is after until"),
    ],
)
def test_bad_arguments_are_clear_errors(raw: dict[str, str], message: str) -> None:
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        RegionalArgs.of(raw, _settings())


def test_each_site_has_its_own_download_slot() -> None:
    spider = RegionalSpider()
    spider.args = RegionalArgs(sites=("rmollampung", "rmoljatim"))
    lampung = RegionalSite("rmollampung", "http://127.0.0.1:8001")
    jatim = RegionalSite("rmoljatim", "http://127.0.0.1:8002")
    one = spider._request(lampung, lampung.home(), spider.parse_home, 20)
    two = spider._request(jatim, jatim.home(), spider.parse_home, 20)
    assert one.meta["download_slot"] == "rmollampung"
    assert two.meta["download_slot"] == "rmoljatim"
    assert one.dont_filter
