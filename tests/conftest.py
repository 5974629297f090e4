import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "rmolcrawler" / "schema" / "article.schema.json"

# Markers that need more than this process: each implies `crawl`, so that
# `scripts/test -m "not crawl"` is the quick unit loop.
SLOW_MARKERS = ("crawl", "browser", "scrapyd")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if any(item.get_closest_marker(name) for name in SLOW_MARKERS[1:]):
            item.add_marker(pytest.mark.crawl)


class _NoSubprocess:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise AssertionError(
            "a unit test started a subprocess: mark it @pytest.mark.crawl "
            "(unit tests run in-process, in seconds)"
        )


@pytest.fixture(autouse=True)
def _unit_tests_start_no_subprocess(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    if request.node.get_closest_marker("crawl") is None:
        monkeypatch.setattr(subprocess, "Popen", _NoSubprocess)


@pytest.fixture(scope="session")
def schema_validator() -> Draft202012Validator:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="session")
def removal_validator() -> Draft202012Validator:
    schema: dict[str, Any] = json.loads(
        (SCHEMA_PATH.parent / "removal.schema.json").read_text(encoding="utf-8")
    )
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)
