import dataclasses

import pytest
from jsonschema import Draft202012Validator

from rmolcrawler.items import (
    FIELD_DOCS,
    FIELD_NAMES,
    KEY_PATTERN,
    REMOVAL_FIELD_DOCS,
    SCHEMA_VERSION,
    ArticleItem,
    RemovalItem,
    regional_key,
    rmol_key,
)


def _valid_item() -> dict[str, object]:
    return {
        "key": "rmol.id/469000",
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
        "archive": None,
        "modified_at": None,
        "record": "article",
        "revision": 1,
        "content_hash": "sha256:" + "0" * 64,
    }


def _valid_regional_item() -> dict[str, object]:
    slug = "pemprov-lampung-gelar-rapat--koordinasi."
    return _valid_item() | {
        "key": f"rmollampung.id/{slug}",
        "id": None,
        "url": f"https://www.rmollampung.id/{slug}",
        "section": "daerah",
        "reporter_url": "https://www.rmollampung.id/profile/tuti",
        "published_at_raw": "Jumat, 25 Juli 2025 | 10:15",
        "related": [{"id": None, "url": "https://www.rmollampung.id/lain", "title": "Lain"}],
        "editor": "aji",
        "source": "rmollampung.id",
    }


def test_schema_and_dataclass_agree(schema_validator: Draft202012Validator) -> None:
    names = [f.name for f in dataclasses.fields(ArticleItem)]
    assert names[0] == "key"
    assert list(schema_validator.schema["properties"]) == names == list(FIELD_NAMES)
    assert sorted(schema_validator.schema["required"]) == sorted(names)
    assert all(FIELD_DOCS[name] for name in names)


def test_schema_version_is_named_alike_everywhere(
    schema_validator: Draft202012Validator,
) -> None:
    schema = schema_validator.schema
    assert SCHEMA_VERSION == "3.0"
    assert schema["$id"].endswith(f"/article/{SCHEMA_VERSION}")
    assert f"Schema version {SCHEMA_VERSION}:" in schema["description"]


def test_the_key_pattern_is_the_schemas(schema_validator: Draft202012Validator) -> None:
    key = schema_validator.schema["properties"]["key"]
    assert key["pattern"] == f"^{KEY_PATTERN.pattern}$"


def test_keys() -> None:
    assert rmol_key(674000) == "rmol.id/674000"
    assert regional_key("rmollampung.id", "pemprov-gelar") == "rmollampung.id/pemprov-gelar"
    assert regional_key("www.rmollampung.id", "a") == "rmollampung.id/a"
    assert KEY_PATTERN.fullmatch(rmol_key(674000))
    assert KEY_PATTERN.fullmatch(regional_key("rmoljatim.id", "a--b."))


def test_valid_items_pass(schema_validator: Draft202012Validator) -> None:
    schema_validator.validate(_valid_item())
    schema_validator.validate(_valid_regional_item())


def test_schema_rejects_naive_time_and_bad_body(schema_validator: Draft202012Validator) -> None:
    for field, value in [
        ("published_at", "2020-12-30T06:08:00"),
        ("body", "Satu.\n\n\nDua."),
        ("id", "469000"),
        ("editor", "[dzk]"),
        ("crawled_at", "2026-11-27T13:00:00+07:00"),
        ("modified_at", "2020-12-30T08:00:00"),
        ("record", "removal"),
        ("revision", 0),
        ("content_hash", "sha256:abc"),
    ]:
        item = _valid_item() | {field: value}
        assert not schema_validator.is_valid(item), field


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("key", "469000"),
        ("key", "rmol.id/469000/menlu"),
        ("key", "rmollampung.id/469000"),  # another site's key on an rmol.id item
        ("id", None),
        ("url", "https://rmol.id/menlu"),
        ("related", [{"id": None, "url": "https://rmol.id/read/2020/12/29/1/x", "title": "X"}]),
        ("source", "example.id"),
        ("source", "www.rmol.id"),
    ],
)
def test_schema_rejects_bad_rmol_identity(
    schema_validator: Draft202012Validator, field: str, value: object
) -> None:
    assert not schema_validator.is_valid(_valid_item() | {field: value})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("key", "rmol.id/469000"),  # rmol.id's key on a regional item
        ("key", "rmollampung.id/a b"),
        ("id", 469000),
        ("url", "https://www.rmollampung.id/read/2020/12/30/469000/menlu"),
        ("related", [{"id": 1, "url": "https://www.rmollampung.id/lain", "title": "Lain"}]),
        ("source", "www.rmollampung.id"),
    ],
)
def test_schema_rejects_bad_regional_identity(
    schema_validator: Draft202012Validator, field: str, value: object
) -> None:
    assert not schema_validator.is_valid(_valid_regional_item() | {field: value})


IA_PROVENANCE = {
    "source": "ia",
    "captured_at": "2021-01-02T03:04:05+00:00",
    "url": "https://rmol.id/amp/2020/12/30/469000/menlu",
    "replay_url": "https://web.archive.org/web/20210102030405id_/https://rmol.id/amp/2020/12/30/469000/menlu",
    "warc": None,
    "digest": "3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ",
}
CC_PROVENANCE = IA_PROVENANCE | {
    "source": "cc",
    "replay_url": None,
    "warc": {"filename": "crawl-data/CC-MAIN-2021-04/a.warc.gz", "offset": 120, "length": 4000},
}


def test_archive_provenance_passes(schema_validator: Draft202012Validator) -> None:
    for provenance in (IA_PROVENANCE, CC_PROVENANCE, IA_PROVENANCE | {"digest": None}):
        schema_validator.validate(_valid_item() | {"archive": provenance})


@pytest.mark.parametrize(
    "provenance",
    [
        IA_PROVENANCE | {"warc": CC_PROVENANCE["warc"]},  # a Wayback capture has no CC record
        IA_PROVENANCE | {"replay_url": None},
        CC_PROVENANCE | {"warc": None},
        CC_PROVENANCE | {"source": "archive.today"},
        IA_PROVENANCE | {"captured_at": "2021-01-02T10:04:05+07:00"},
        {k: v for k, v in IA_PROVENANCE.items() if k != "digest"},
        CC_PROVENANCE | {"warc": {"filename": "a.warc.gz", "offset": -1, "length": 10}},
        "ia",
    ],
)
def test_schema_rejects_bad_provenance(
    schema_validator: Draft202012Validator, provenance: object
) -> None:
    assert not schema_validator.is_valid(_valid_item() | {"archive": provenance})


def _valid_removal() -> dict[str, object]:
    return {
        "key": "rmol.id/469000",
        "id": 469000,
        "url": "https://rmol.id/dunia/read/2020/12/30/469000/menlu",
        "source": "rmol.id",
        "revision": 2,
        "removed_at": "2026-11-28T06:00:00+00:00",
        "status": 404,
        "reason": "http_404",
        "crawled_at": "2026-11-28T06:00:00+00:00",
        "record": "removal",
    }


def test_removal_schema_and_dataclass_agree(removal_validator: Draft202012Validator) -> None:
    names = [f.name for f in dataclasses.fields(RemovalItem)]
    assert list(removal_validator.schema["properties"]) == names == list(REMOVAL_FIELD_DOCS)
    assert sorted(removal_validator.schema["required"]) == sorted(names)
    assert removal_validator.schema["$id"].endswith(f"/removal/{SCHEMA_VERSION}")
    removal_validator.validate(
        dataclasses.asdict(
            RemovalItem(**{k: v for k, v in _valid_removal().items() if k != "record"})
        )
    )


def test_removals_pass_and_bad_ones_fail(removal_validator: Draft202012Validator) -> None:
    removal_validator.validate(_valid_removal())
    regional = _valid_removal() | {"key": "rmollampung.id/a-b", "id": None}
    removal_validator.validate(
        regional | {"source": "rmollampung.id", "status": 200, "reason": "not_found_page"}
    )
    for field, value in [
        ("record", "article"),
        ("status", 500),
        ("reason", "timeout"),
        ("id", None),
        ("removed_at", "2026-11-28T13:00:00+07:00"),
        ("revision", 0),
    ]:
        assert not removal_validator.is_valid(_valid_removal() | {field: value}), field
    # An article is no removal, and a removal no article.
    assert not removal_validator.is_valid(_valid_item())
