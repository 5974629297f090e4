"""The Common Crawl and Wayback Machine stand-ins: API shapes, paging, filters, ranges, faults."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import itertools
import json
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]

from tests.site.archives import CRAWLS, IA_FIELDS, ArchiveStandins, Capture
from tests.site.server import route

JULY = "CC-MAIN-2025-30"


@pytest.fixture(scope="module")
def archives() -> Iterator[ArchiveStandins]:
    with ArchiveStandins() as server:
        yield server


@pytest.fixture(autouse=True)
def _no_failures(archives: ArchiveStandins) -> Iterator[None]:
    yield
    for endpoint in ("index", "data", "cdx", "wayback"):
        archives.fail_first(endpoint, 0)


class Reply:
    def __init__(self, status: int, headers: Any, body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    def json(self) -> Any:
        return json.loads(self.body)

    def lines(self) -> list[dict[str, str]]:
        return [json.loads(line) for line in self.body.decode().splitlines()]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def get(address: str, /, headers: dict[str, str] | None = None, **params: Any) -> Reply:
    if params:
        address += "?" + urlencode(params, doseq=True)
    request = urllib.request.Request(address, headers=headers or {})
    try:
        with _OPENER.open(request, timeout=10) as response:
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.headers, error.read())


def cc_index(archives: ArchiveStandins, crawl: str = JULY, **params: Any) -> Reply:
    query = {"url": "rmol.id/*", "output": "json"} | params
    return get(f"{archives.index_url}/{crawl}-index", **query)


def cc_all(archives: ArchiveStandins, crawl: str = JULY, **params: Any) -> list[dict[str, str]]:
    pages = cc_index(archives, crawl, showNumPages="true").json()["pages"]
    rows: list[dict[str, str]] = []
    for page in range(pages):
        reply = cc_index(archives, crawl, page=page, **params)
        if reply.status == 200:
            rows += reply.lines()
        else:
            assert reply.status == 404
    return rows


def fetch_record(archives: ArchiveStandins, row: dict[str, str]) -> Reply:
    start, length = int(row["offset"]), int(row["length"])
    return get(
        f"{archives.data_url}/{row['filename']}",
        headers={"Range": f"bytes={start}-{start + length - 1}"},
    )


def read_record(body: bytes) -> Any:
    return next(iter(ArchiveIterator(io.BytesIO(body))))


def row_of(archives: ArchiveStandins, article_id: int, **params: Any) -> dict[str, str]:
    rows = [r for r in cc_all(archives, **params) if f"/{article_id}/" in r["url"]]
    return next(r for r in rows if "/amp/" not in r["url"] and r["status"] == "200")


# ---- Common Crawl index ----------------------------------------------------------------------


def test_collinfo_lists_crawls_with_their_api_and_dates(archives: ArchiveStandins) -> None:
    crawls = get(f"{archives.index_url}/collinfo.json").json()
    assert [c["id"] for c in crawls] == [c.id for c in CRAWLS]
    for entry in crawls:
        assert entry["cdx-api"] == f"{archives.index_url}/{entry['id']}-index"
        assert set(entry) == {"id", "name", "timegate", "cdx-api", "from", "to"}
        assert dt.datetime.fromisoformat(entry["from"]) < dt.datetime.fromisoformat(entry["to"])
    assert len({(c["from"], c["to"]) for c in crawls}) == len(crawls)


def test_index_lines_have_the_cdx_fields(archives: ArchiveStandins) -> None:
    rows = cc_all(archives)
    fields = {"urlkey", "timestamp", "url", "mime", "mime-detected", "status", "digest"}
    assert all(fields | {"length", "offset", "filename"} <= set(r) for r in rows)
    assert all(r["urlkey"].startswith("id,rmol)/") and len(r["timestamp"]) == 14 for r in rows)
    assert [(r["urlkey"], r["timestamp"]) for r in rows] == sorted(
        (r["urlkey"], r["timestamp"]) for r in rows
    )
    assert {r["status"] for r in rows} >= {"200", "302", "404"}


def test_index_pages_cover_every_line_once(archives: ArchiveStandins) -> None:
    info = cc_index(archives, showNumPages="true").json()
    assert set(info) == {"pages", "pageSize", "blocks"}
    assert info["pages"] >= 3
    whole = cc_index(archives).lines()
    assert cc_all(archives) == whole
    assert cc_index(archives, page=info["pages"]).status == 400


def test_filters_and_time_bounds(archives: ArchiveStandins) -> None:
    ok = cc_all(archives, filter=["status:200", "mime:text/html"])
    assert ok
    assert all(r["status"] == "200" and r["mime"] == "text/html" for r in ok)
    not_ok = cc_all(archives, filter="!status:200")
    assert not_ok
    assert all(r["status"] != "200" for r in not_ok)
    other = cc_all(archives, filter=["status:200", "!mime:text/html"])
    assert other
    assert all(r["mime"] != "text/html" for r in other)
    assert len(ok) + len(not_ok) + len(other) == len(cc_all(archives))
    bounded = cc_all(archives, **{"from": "20250724000000", "to": "20250724235959"})
    assert bounded
    assert all(r["timestamp"].startswith("20250724") for r in bounded)


def test_a_filtered_page_can_be_empty_and_answers_404(archives: ArchiveStandins) -> None:
    reply = cc_index(archives, filter="status:599")
    assert reply.status == 404
    assert reply.json() == {"message": "No Captures found for: rmol.id/*"}


def test_an_exact_url_query(archives: ArchiveStandins) -> None:
    art = archives.site.article(archives.site.ids[1])
    reply = get(
        f"{archives.index_url}/{JULY}-index", url="rmol.id" + art.desktop_path, output="json"
    )
    assert [r["url"] for r in reply.lines()] == ["https://rmol.id" + art.desktop_path]


# ---- Common Crawl data -----------------------------------------------------------------------


def test_a_range_decodes_to_the_indexed_record(archives: ArchiveStandins) -> None:
    rid = archives.site.ids[1]
    row = row_of(archives, rid)
    reply = fetch_record(archives, row)
    assert reply.status == 206
    assert len(reply.body) == int(row["length"])
    assert reply.headers["Content-Range"].startswith(f"bytes {row['offset']}-")
    record = read_record(reply.body)
    assert record.rec_type == "response"
    assert record.rec_headers.get_header("WARC-Target-URI") == row["url"]
    assert record.http_headers.get_statuscode() == "200"
    body = record.content_stream().read()
    assert body == route(archives.site, "https://rmol.id", row["url"][15:]).body
    assert record.rec_headers.get_header("WARC-Payload-Digest") == "sha1:" + row["digest"]


def test_every_range_but_the_faults_decodes(archives: ArchiveStandins) -> None:
    broken = {c.url + c.timestamp for c in archives.data.cc if c.fault and c.fault[:3] == "cc_"}
    for crawl in CRAWLS:
        for row in cc_all(archives, crawl.id):
            if row["url"] + row["timestamp"] in broken:
                continue
            record = read_record(fetch_record(archives, row).body)
            assert record.rec_headers.get_header("WARC-Target-URI") == row["url"]


def test_the_whole_file_and_bad_ranges(archives: ArchiveStandins) -> None:
    name = CRAWLS[1].filename
    whole = get(f"{archives.data_url}/{name}")
    assert whole.status == 200
    assert whole.body == archives.data.files[name]
    size = len(whole.body)
    bad = get(f"{archives.data_url}/{name}", headers={"Range": f"bytes={size}-{size + 9}"})
    assert bad.status == 416
    assert bad.headers["Content-Range"] == f"bytes */{size}"
    assert get(f"{archives.data_url}/crawl-data/nothing.warc.gz").status == 404
    for crawl in (CRAWLS[0], CRAWLS[2]):  # the July file holds the truncated member
        records = list(ArchiveIterator(io.BytesIO(archives.data.files[crawl.filename])))
        assert [r.rec_type for r in records[:3]] == ["warcinfo", "request", "response"]


# ---- Wayback CDX -----------------------------------------------------------------------------


def cdx(archives: ArchiveStandins, **params: Any) -> Reply:
    return get(archives.cdx_url, **({"url": "rmol.id/*", "output": "json"} | params))


def test_cdx_json_starts_with_the_field_names(archives: ArchiveStandins) -> None:
    rows = cdx(archives).json()
    assert rows[0] == list(IA_FIELDS)
    assert len(rows) > 50
    assert all(len(r) == len(IA_FIELDS) for r in rows[1:])


def test_cdx_filter_collapse_and_dates(archives: ArchiveStandins) -> None:
    every = cdx(archives, filter="statuscode:200").json()[1:]
    collapsed = cdx(archives, filter="statuscode:200", collapse="digest").json()[1:]
    assert all(r[4] == "200" for r in every)
    assert len(collapsed) < len(every)
    assert all(a[5] != b[5] for a, b in itertools.pairwise(collapsed))
    dated = cdx(archives, **{"from": "20250724", "to": "20250724"}).json()[1:]
    assert dated
    assert all(r[1].startswith("20250724") for r in dated)
    assert cdx(archives, **{"from": "2030"}).json() == []


def test_cdx_pages_and_resume_keys_cover_the_same_rows(archives: ArchiveStandins) -> None:
    everything = cdx(archives, filter="statuscode:200").json()[1:]
    pages = int(get(archives.cdx_url, url="rmol.id/*", showNumPages="true").body)
    assert pages >= 3
    paged: list[list[str]] = []
    for page in range(pages):
        paged += cdx(archives, filter="statuscode:200", page=page).json()[1:]
    assert paged == everything
    resumed: list[list[str]] = []
    key = None
    while True:
        extra = {"resumeKey": key} if key else {}
        rows = cdx(archives, filter="statuscode:200", limit=7, showResumeKey="true", **extra)
        body = rows.json()
        if body and body[-2:-1] == [[]]:
            resumed += body[1:-2]
            key = body[-1][0]
        else:
            resumed += body[1:]
            break
    assert resumed == everything


# ---- Wayback replay --------------------------------------------------------------------------


def test_replay_returns_the_original_bytes(archives: ArchiveStandins) -> None:
    art = archives.site.article(archives.site.ids[1])
    url = "https://rmol.id" + art.desktop_path
    row = next(r for r in cdx(archives, url=url).json()[1:])
    reply = get(f"{archives.wayback_url}/{row[1]}id_/{row[2]}")
    assert reply.status == 200
    assert reply.body == route(archives.site, "https://rmol.id", art.desktop_path).body
    assert reply.headers["Content-Type"].startswith("text/html")
    assert reply.headers["Memento-Datetime"].endswith("GMT")


def test_replay_of_another_timestamp_redirects_to_the_nearest(archives: ArchiveStandins) -> None:
    art = archives.site.article(archives.site.ids[1])
    url = "https://rmol.id" + art.desktop_path
    reply = get(f"{archives.wayback_url}/20250101000000id_/{url}")
    assert reply.status == 302
    first = cdx(archives, url=url).json()[1]
    assert reply.headers["Location"] == f"{archives.wayback_url}/{first[1]}id_/{url}"
    assert get(f"{archives.wayback_url}/20250101000000id_/https://rmol.id/nope").status == 404


# ---- faults ----------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["index", "data", "cdx", "wayback"])
def test_503_with_retry_after_for_the_first_requests(
    archives: ArchiveStandins, endpoint: str
) -> None:
    urls = {
        "index": f"{archives.index_url}/collinfo.json",
        "data": f"{archives.data_url}/{CRAWLS[0].filename}",
        "cdx": f"{archives.cdx_url}?url=rmol.id/*&output=json",
        "wayback": f"{archives.wayback_url}/2025id_/https://rmol.id/",
    }
    before = archives.request_count(endpoint)
    archives.fail_first(endpoint, 2, retry_after="3")
    first, second, third = (get(urls[endpoint]) for _ in range(3))
    assert (first.status, second.status) == (503, 503)
    assert first.headers["Retry-After"] == "3"
    assert third.status in (200, 302)
    assert archives.request_count(endpoint) == before + 3
    assert archives.request_log[-1][2] == third.status


def _fault_row(archives: ArchiveStandins, fault: str) -> tuple[Capture, dict[str, str]]:
    cap = next(c for c in archives.data.cc if c.fault == fault)
    row = next(
        r
        for r in cc_all(archives, cap.crawl or "")
        if r["url"] == cap.url and r["timestamp"] == cap.timestamp
    )
    return cap, row


def test_a_range_off_by_some_bytes_is_garbage(archives: ArchiveStandins) -> None:
    _, row = _fault_row(archives, "cc_range_garbage")
    body = fetch_record(archives, row).body
    with pytest.raises((OSError, zlib.error, EOFError)):
        gzip.decompress(body)


def test_a_range_of_another_record(archives: ArchiveStandins) -> None:
    cap, row = _fault_row(archives, "cc_wrong_record")
    record = read_record(fetch_record(archives, row).body)
    assert record.rec_headers.get_header("WARC-Target-URI") != cap.url


def test_a_truncated_gzip_member(archives: ArchiveStandins) -> None:
    _, row = _fault_row(archives, "cc_truncated")
    body = fetch_record(archives, row).body
    with pytest.raises(EOFError):
        gzip.decompress(body)


def test_redirect_captures(archives: ArchiveStandins) -> None:
    rid = archives.data.fault_ids["redirect"]
    art = archives.site.article(rid)
    read_url = "https://rmol.id" + art.read_path
    _, row = _fault_row(archives, "redirect")
    assert (row["status"], row["redirect"]) == ("302", "https://rmol.id" + art.desktop_path)
    record = read_record(fetch_record(archives, row).body)
    assert record.http_headers.get_statuscode() == "302"
    ia = cdx(archives, url=read_url).json()[1]
    assert ia[4] == "302"
    reply = get(f"{archives.wayback_url}/{ia[1]}id_/{read_url}")
    assert reply.status == 302
    target = f"{archives.wayback_url}/{ia[1]}id_/https://rmol.id{art.desktop_path}"
    assert reply.headers["Location"] == target


def test_not_found_captures(archives: ArchiveStandins) -> None:
    site = archives.site
    soft = site.article(archives.data.fault_ids["soft_404"])
    rows = cdx(archives, url="https://rmol.id" + soft.desktop_path).json()[1:]
    assert rows[0][4] == "200"
    assert rows[0][1] < f"{soft.record.published.astimezone(dt.UTC):%Y%m%d%H%M%S}"
    page = get(f"{archives.wayback_url}/{rows[0][1]}id_/{rows[0][2]}")
    assert b"Halaman tidak ditemukan" in page.body
    missing = site.article(site.fault_ids["missing_404"])
    assert cdx(archives, url="https://rmol.id" + missing.desktop_path).json()[1][4] == "404"


def test_expected_ids_leave_out_the_faults(archives: ArchiveStandins) -> None:
    site, faults = archives.site, archives.data.fault_ids
    bad = {site.fault_ids[f] for f in ("missing_404", "not_article", "challenge")}
    cc = set(archives.expected_ids("cc"))
    ia = set(archives.expected_ids("ia"))
    assert ia == set(site.ids) - bad
    cc_bad = {faults["cc_truncated"], faults["cc_range_garbage"], faults["cc_wrong_record"]}
    assert cc == set(site.ids) - bad - cc_bad
    assert {faults["redirect"], faults["soft_404"]} <= cc & ia


def test_expected_ids_follow_the_dates_and_crawls(archives: ArchiveStandins) -> None:
    old = 18861
    assert old in archives.expected_ids("cc")
    assert archives.expected_ids("cc", until=dt.date(2011, 12, 31)) == []
    assert archives.expected_ids("ia", until=dt.date(2011, 12, 31)) == [old]
    july = archives.expected_ids("cc", since=dt.date(2025, 7, 1))
    assert old not in july
    assert archives.default_crawls(dt.date(2025, 7, 24), dt.date(2025, 7, 25)) == [JULY]
