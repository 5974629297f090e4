import dataclasses

from jsonschema import Draft202012Validator

from rmolcrawler.items import FIELD_DOCS, ArticleItem


def _valid_item() -> dict[str, object]:
    return {
        "id": 469000,
        "url": "https://rmol.id/dunia/read/2020/12/30/469000/menlu",
        "section": "dunia",
        "title": "Menlu",
        "reporter": "RENI ERINA",
        "reporter_url": "https://rmol.id/about/reni-erina-1",
        "published_at": "2020-12-30T06:08:00+07:00",
        "published_at_raw": "Rabu, 30 Desember 2020, 06:08 WIB",
        "image_url": None,
        "image_caption": None,
        "body": "Satu.\n\nDua.",
        "tags": ["Turki"],
        "related": [{"id": 1, "url": "https://rmol.id/read/2020/12/29/1/x", "title": "X"}],
        "editor": "dzk",
        "source": "rmol.id",
        "language": "id",
        "crawled_at": "2026-11-27T06:00:00+00:00",
    }


def test_schema_and_dataclass_agree(schema_validator: Draft202012Validator) -> None:
    names = [f.name for f in dataclasses.fields(ArticleItem)]
    assert list(schema_validator.schema["properties"]) == names
    assert sorted(schema_validator.schema["required"]) == sorted(names)
    assert all(FIELD_DOCS[name] for name in names)


def test_valid_item_passes(schema_validator: Draft202012Validator) -> None:
    schema_validator.validate(_valid_item())


def test_schema_rejects_naive_time_and_bad_body(schema_validator: Draft202012Validator) -> None:
    for field, value in [
        ("published_at", "2020-12-30T06:08:00"),
        ("body", "Satu.\n\n\nDua."),
        ("id", "469000"),
        ("editor", "[dzk]"),
        ("crawled_at", "2026-11-27T13:00:00+07:00"),
    ]:
        item = _valid_item() | {field: value}
        assert not schema_validator.is_valid(item), field
