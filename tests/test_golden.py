"""Golden fixture cases: page.html + meta.json in, the complete expected.json out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from rmolcrawler.items import rmol_key
from rmolcrawler.offline import OfflineExtractor, decode_html

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p.parent.name for p in FIXTURES.glob("*/expected.json"))


def _load(case: str) -> tuple[dict[str, Any], str, Any]:
    folder = FIXTURES / case
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    headers = {k.lower(): v for k, v in (meta.get("headers") or {}).items()}
    html = decode_html((folder / "page.html").read_bytes(), headers.get("content-type"))
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return meta, html, expected


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES)
def test_case(case: str, schema_validator: Draft202012Validator) -> None:
    meta, html, expected = _load(case)
    assert "reconstructed" in meta, "every case says whether it is reconstructed"
    outcome = OfflineExtractor().run(meta["url"], html, meta["crawled_at"])
    if "rejected" in expected:
        assert outcome.item is None
        assert outcome.reason == expected["rejected"]
        return
    assert outcome.item is not None, outcome.reason
    got = outcome.as_dict()
    schema_validator.validate(got)
    assert got["key"].partition("/")[0] == got["source"]
    if got["source"] == "rmol.id":
        assert got["key"] == rmol_key(got["id"])
    assert got.pop("crawled_at") == meta["crawled_at"]
    for name in expected:
        assert got[name] == expected[name], name
    assert set(got) == set(expected)


def test_every_boilerplate_pattern_fires_on_its_case() -> None:
    from rmolcrawler.normalize.text import PATTERNS

    meta, html, _ = _load("boilerplate-every-pattern")
    extractor = OfflineExtractor()
    assert extractor.run(meta["url"], html, meta["crawled_at"]).item is not None
    fired = {
        key.rsplit("/", 1)[1]
        for key in extractor.stats.values
        if key.startswith("rmol/boilerplate/removed/")
    }
    assert fired == {p.name for p in PATTERNS}


LAYER_CASES = {
    "layer-structured-jsonld": {
        "title": "structured",
        "published_at_raw": "structured",
        "reporter": "structured",
        "body": "structured",
        "tags": "structured",
        "section": "structured",
    },
    "layer-structured-og-text-body": {
        "title": "structured",
        "published_at_raw": "structured",
        "reporter": "text",
        "body": "text",
        "image_url": "structured",
        "tags": "structured",
    },
    "layer-text-patterns": {
        "title": "text",
        "published_at_raw": "text",
        "reporter": "text",
        "section": "url",
    },
    "layer-url-only": {"published_at_raw": "url", "section": "url"},
    "byline-label-line-inline-674204": {
        "title": "site",
        "published_at_raw": "text",
        "reporter": "text",
        "editor": "text",
        "body": "site",
    },
    "related-baca-juga-cards-674201": {"body": "site", "related": "site", "reporter": "site"},
    "seed-desktop-469120": {
        "title": "site",
        "published_at_raw": "site",
        "reporter": "site",
        "reporter_url": "site",
        "body": "site",
        "section": "site",
        "image_url": "site",
        "image_caption": "site",
        "related": "site",
    },
}


@pytest.mark.parametrize("case", sorted(LAYER_CASES))
def test_fields_come_from_the_expected_layer(case: str) -> None:
    meta, html, _ = _load(case)
    extractor = OfflineExtractor()
    extractor.run(meta["url"], html, meta["crawled_at"])
    for field, layer in LAYER_CASES[case].items():
        assert extractor.stats.get_value(f"rmol/extract/{field}/{layer}") == 1, field
