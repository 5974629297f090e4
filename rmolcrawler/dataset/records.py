"""One line of an output file as one row of the ``revisions`` table, and a run report as rows
of ``runs`` and ``run_layers``: pure functions, no I/O.

A line is judged here and only here. It must be a JSON object whose fields have the types of
the record contract (schemas 1.x to 3.0); a field that is missing is null, a field this module
does not know is ignored (a later schema may add some). A line that breaks the contract raises
:class:`BadRecord` with the reason, and the build reports it and skips the line.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from rmolcrawler.items import KEY_PATTERN, rmol_key
from rmolcrawler.revisions import content_hash

RELATED_TYPE = "STRUCT(id BIGINT, url VARCHAR, title VARCHAR)[]"
ARCHIVE_TYPE = (
    "STRUCT(source VARCHAR, captured_at VARCHAR, url VARCHAR, replay_url VARCHAR,"
    ' warc STRUCT(filename VARCHAR, "offset" BIGINT, length BIGINT), digest VARCHAR)'
)

COLUMNS: dict[str, str] = {
    "key": "VARCHAR NOT NULL",
    "record": "VARCHAR NOT NULL",
    "revision": "INTEGER NOT NULL",
    "id": "BIGINT",
    "url": "VARCHAR",
    "source": "VARCHAR",
    "section": "VARCHAR",
    "title": "VARCHAR",
    "reporter": "VARCHAR",
    "reporter_url": "VARCHAR",
    "published_at": "VARCHAR",
    "published_at_utc": "TIMESTAMPTZ",
    "published_date": "DATE",
    "published_at_raw": "VARCHAR",
    "modified_at": "VARCHAR",
    "modified_at_utc": "TIMESTAMPTZ",
    "image_url": "VARCHAR",
    "image_caption": "VARCHAR",
    "body": "VARCHAR",
    "tags": "VARCHAR[]",
    "related": RELATED_TYPE,
    "editor": "VARCHAR",
    "language": "VARCHAR",
    "crawled_at": "TIMESTAMPTZ NOT NULL",
    "archive": ARCHIVE_TYPE,
    "content_hash": "VARCHAR",
    "removed_at": "TIMESTAMPTZ",
    "status": "INTEGER",
    "reason": "VARCHAR",
    "schema": "VARCHAR NOT NULL",
    "file": "VARCHAR NOT NULL",
    "line": "INTEGER NOT NULL",
}
"""The ``revisions`` table, column by column, in order: name -> DuckDB type."""

TEXT_FIELDS = (
    "url",
    "section",
    "title",
    "reporter",
    "reporter_url",
    "published_at_raw",
    "image_url",
    "image_caption",
    "body",
    "editor",
    "language",
    "content_hash",
)


class BadRecord(ValueError):
    """A line that is not a record of the contract; the message says why."""


def parse_line(raw: bytes, file: str, line: int) -> dict[str, Any]:
    """The ``revisions`` row of one output line (``file`` relative to the data folder).

    Times in the row are ISO 8601 strings in UTC, ready to be read as ``TIMESTAMPTZ``.
    """
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BadRecord(f"not UTF-8 ({exc.reason} at byte {exc.start + 1})") from None
    except json.JSONDecodeError as exc:
        raise BadRecord(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise BadRecord(f"not a JSON object but {type(obj).__name__}")
    record = obj.get("record", "article")
    if record == "article":
        row = _article(obj)
    elif record == "removal":
        row = _removal(obj)
    else:
        raise BadRecord(f"unknown record {record!r}")
    row["file"], row["line"] = file, line
    return row


def schema_of(obj: dict[str, Any]) -> str:
    """The schema a line was written with, as far as its fields tell: 3.0, 2.1, 2.0 or 1.x."""
    if "record" in obj:
        return "3.0"
    if "archive" in obj:
        return "2.1"
    return "2.0" if "key" in obj else "1.x"


def _empty(obj: dict[str, Any], record: str) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row["key"] = _key(obj)
    row["record"] = record
    row["id"] = _int(obj, "id")
    row["url"] = _text(obj, "url")
    row["source"] = _text(obj, "source") or row["key"].partition("/")[0]
    row["schema"] = schema_of(obj)
    return row


def _article(obj: dict[str, Any]) -> dict[str, Any]:
    row = _empty(obj, "article")
    for name in TEXT_FIELDS:
        row[name] = _text(obj, name)
    revision = _int(obj, "revision")
    row["revision"] = 1 if revision is None else _positive(revision, "revision")
    row["published_at"] = _text(obj, "published_at")
    row["published_at_utc"], row["published_date"] = _parse_time(row["published_at"])
    row["modified_at"] = _text(obj, "modified_at")
    row["modified_at_utc"], _ = _parse_time(row["modified_at"])
    row["tags"] = _tags(obj.get("tags"))
    row["related"] = _related(obj.get("related"))
    row["archive"] = _archive(obj.get("archive"))
    row["crawled_at"] = _utc(obj, "crawled_at")
    if row["content_hash"] is None:  # written before schema 3.0: the crawler's definition
        row["content_hash"] = content_hash(obj)
    return row


def _removal(obj: dict[str, Any]) -> dict[str, Any]:
    row = _empty(obj, "removal")
    revision = _int(obj, "revision")
    if revision is None:
        raise BadRecord("a removal without its revision")
    row["revision"] = _positive(revision, "revision")
    row["removed_at"] = _utc(obj, "removed_at")
    row["crawled_at"] = _utc(obj, "crawled_at") if obj.get("crawled_at") else row["removed_at"]
    row["status"] = _int(obj, "status")
    row["reason"] = _text(obj, "reason")
    return row


# ---- fields -------------------------------------------------------------------------------
def _key(obj: dict[str, Any]) -> str:
    key = obj.get("key")
    if key is None:
        article_id = _int(obj, "id")
        if article_id is None:
            raise BadRecord("neither a key nor an id")
        return rmol_key(article_id)
    if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
        raise BadRecord(f"key {key!r} is not a key like rmol.id/674000 or rmollampung.id/slug")
    return key


def _text(obj: dict[str, Any], name: str) -> str | None:
    value = obj.get(name)
    if value is None or isinstance(value, str):
        return value
    raise BadRecord(f"{name} is {type(value).__name__}, not a string")


def _int(obj: dict[str, Any], name: str) -> int | None:
    value = obj.get(name)
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise BadRecord(f"{name} is {type(value).__name__}, not an integer")


def _positive(value: int, name: str) -> int:
    if value < 1:
        raise BadRecord(f"{name} is {value}, not 1 or more")
    return value


def _tags(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise BadRecord("tags is not a list of strings")
    return value


def _related(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadRecord("related is not a list")
    links = []
    for entry in value:
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            raise BadRecord("an entry of related is not an object with a url")
        links.append({"id": _int(entry, "id"), "url": entry["url"], "title": _text(entry, "title")})
    return links


def _archive(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise BadRecord("archive is neither null nor an object")
    warc = value.get("warc")
    if warc is not None:
        if not isinstance(warc, dict):
            raise BadRecord("archive.warc is neither null nor an object")
        warc = {name: _int(warc, name) for name in ("offset", "length")} | {
            "filename": _text(warc, "filename")
        }
    return {
        "source": _text(value, "source"),
        "captured_at": _text(value, "captured_at"),
        "url": _text(value, "url"),
        "replay_url": _text(value, "replay_url"),
        "warc": warc,
        "digest": _text(value, "digest"),
    }


def _parse_time(text: str | None) -> tuple[str | None, str | None]:
    """``(UTC instant, date as printed)`` of an ISO 8601 time; ``(None, None)`` when it has
    no offset or is no ISO time: a zone is never guessed."""
    if text is None:
        return None, None
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None, None
    if parsed.tzinfo is None:
        return None, None
    return parsed.astimezone(dt.UTC).isoformat(), parsed.date().isoformat()


def _utc(obj: dict[str, Any], name: str) -> str:
    text = _text(obj, name)
    utc, _ = _parse_time(text)
    if utc is None:
        raise BadRecord(f"{name} {text!r} is not an ISO 8601 time with an offset")
    return utc


# ---- run reports --------------------------------------------------------------------------
def parse_run_report(raw: bytes, file: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The ``runs`` row and ``run_layers`` rows of a run's ``*.report.json``."""
    try:
        report = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRecord(f"not valid JSON ({exc})") from None
    if not isinstance(report, dict):
        raise BadRecord("not a JSON object")
    health = report.get("health")
    run = {
        "file": file,
        "run_id": _text(report, "run_id"),
        "spider": _text(report, "spider"),
        "started_at": _parse_time(_text(report, "started_at"))[0],
        "finished_at": _parse_time(_text(report, "finished_at"))[0],
        "finish_reason": _text(report, "finish_reason"),
        "items": _int(report, "items"),
        "healthy": health.get("healthy") is True if isinstance(health, dict) else None,
    }
    extraction = report.get("extraction")
    layers = extraction.get("layers") if isinstance(extraction, dict) else None
    rows: list[dict[str, Any]] = []
    for field, counts in (layers or {}).items():
        if not isinstance(counts, dict):
            raise BadRecord(f"extraction.layers.{field} is not an object")
        for layer, pages in counts.items():
            if not isinstance(pages, int):
                raise BadRecord(f"extraction.layers.{field}.{layer} is not an integer")
            rows.append({"file": file, "field": field, "layer": layer, "pages": pages})
    return run, rows
