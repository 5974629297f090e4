import pytest
from scrapy.exceptions import DropItem
from scrapy.settings import Settings

from rmolcrawler.items import ArticleItem
from rmolcrawler.pipelines.boilerplate import BoilerplatePipeline
from rmolcrawler.pipelines.daterange import DateRangePipeline
from rmolcrawler.pipelines.dedup import DedupPipeline
from rmolcrawler.pipelines.timestamps import TimestampPipeline
from rmolcrawler.pipelines.validation import ValidationPipeline
from rmolcrawler.stats import CounterStats


def _item(**kwargs: object) -> ArticleItem:
    base: dict[str, object] = {
        "key": "rmol.id/469000",
        "id": 469000,
        "url": "https://rmol.id/dunia/read/2020/12/30/469000/menlu",
        "section": "dunia",
        "title": "Menlu",
        "reporter": "RENI ERINA",
        "reporter_url": None,
        "published_at": None,
        "published_at_raw": "Rabu, 30 Desember 2020, 06:08 WIB",
        "image_url": None,
        "image_caption": None,
        "body": "Satu.",
        "crawled_at": "2026-11-27T06:00:00+00:00",
    }
    base.update(kwargs)
    return ArticleItem(**base)  # type: ignore[arg-type]


def test_timestamps_keep_zone_and_count_method() -> None:
    stats = CounterStats()
    item = TimestampPipeline(stats).process_item(_item())
    assert item.published_at == "2020-12-30T06:08:00+07:00"
    assert stats.values == {"rmol/timestamps/method/indonesian": 1}


def test_timestamps_flag_url_date_disagreement() -> None:
    stats = CounterStats()
    item = TimestampPipeline(stats).process_item(
        _item(published_at_raw="Kamis, 31 Desember 2020, 06:08 WITA")
    )
    assert item.published_at == "2020-12-31T06:08:00+08:00"
    assert stats.get_value("rmol/timestamps/url_date_mismatch") == 1


def test_relative_date_anchored_to_crawl_time_not_machine() -> None:
    item = TimestampPipeline().process_item(
        _item(published_at_raw="2 jam yang lalu", crawled_at="2020-12-29T23:30:00+00:00")
    )
    assert item.published_at == "2020-12-30T04:30:00+07:00"


def test_unparseable_date_left_null() -> None:
    stats = CounterStats()
    item = TimestampPipeline(stats).process_item(_item(published_at_raw="kapan-kapan"))
    assert item.published_at is None
    assert stats.values == {"rmol/timestamps/method/none": 1}


def test_boilerplate_moves_initials_to_editor() -> None:
    stats = CounterStats()
    body = "rmol news logo Satu.\n\nDua. [dzk] rmol news logo article"
    item = BoilerplatePipeline(stats).process_item(_item(body=body, title="  Menlu \n X "))
    assert (item.body, item.editor, item.title) == ("Satu.\n\nDua.", "dzk", "Menlu X")
    assert stats.get_value("rmol/boilerplate/removed/editor_initials") == 1


@pytest.mark.parametrize("missing", ["title", "published_at", "body"])
def test_validation_drops_with_reason(missing: str) -> None:
    stats = CounterStats()
    item = _item(**({"published_at": "2020-12-30T06:08:00+07:00"} | {missing: None}))
    with pytest.raises(DropItem, match=f"missing_{missing}"):
        ValidationPipeline(stats).process_item(item)
    assert stats.values == {f"rmol/validation/dropped/missing_{missing}": 1}


def test_daterange_window() -> None:
    import datetime as dt

    class Spider:
        since = dt.date(2020, 12, 30)
        until = dt.date(2020, 12, 31)

    stage = DateRangePipeline(CounterStats(), Settings(), Spider())
    inside = _item(published_at="2020-12-30T00:10:00+07:00")
    assert stage.process_item(inside) is inside
    with pytest.raises(DropItem, match="out_of_range"):
        stage.process_item(_item(published_at="2020-12-29T23:59:00+07:00"))


def test_dedup_by_key() -> None:
    stats = CounterStats()
    stage = DedupPipeline(stats)
    stage.process_item(_item())
    with pytest.raises(DropItem, match=r"duplicate: rmol\.id/469000"):
        stage.process_item(_item(url="https://rmol.id/amp/2020/12/30/469000/menlu"))

    def regional(key: str, url: str) -> ArticleItem:
        return _item(key=key, id=None, url=url, source=key.partition("/")[0])

    stage.process_item(regional("rmollampung.id/menlu", "https://www.rmollampung.id/menlu"))
    stage.process_item(regional("rmoljatim.id/menlu", "https://www.rmoljatim.id/menlu"))
    with pytest.raises(DropItem, match=r"duplicate: rmollampung\.id/menlu"):
        stage.process_item(regional("rmollampung.id/menlu", "http://127.0.0.1:8001/menlu"))
    assert stats.values == {"rmol/dedup/dropped/duplicate": 2}


def test_other_items_pass_untouched() -> None:
    other = {"not": "an article"}
    assert ValidationPipeline().process_item(other) is other
