"""Golden fixture cases: page.html + meta.json in, the complete expected.json out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

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
    assert got.pop("crawled_at") == meta["crawled_at"]
    for name in expected:
        assert got[name] == expected[name], name
    assert set(got) == set(expected)
