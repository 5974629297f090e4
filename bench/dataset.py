"""``python -m bench.dataset``: the cost of ``python -m rmolcrawler.dataset`` (issue 14).

Writes synthetic run outputs as the crawler lays them out: N articles (default 100,000) of
rmol.id and nine regional sites, published over 200 days in order, spread over one file per
spider and run (default 400 runs, 800 files); later runs carry new revisions of 5% of the
articles (a third of those a third revision), removals of 1%, and the same line again for 0.5%
(a crawl that re-emitted after a crash); every tenth run has its run report. Bodies are about
2,500 characters, drawn from 2,000 distinct paragraphs.

Then each command runs as its own process, timed with its CPU time and its peak RSS
(``VmHWM``, as :func:`bench.crawl.run_child` reads it): ``build`` from nothing, ``build`` with
nothing new, ``build`` after one more run, ``export`` to Parquet (current articles, then every
revision), to JSON Lines, ``stats`` and ``report``. Tables on stdout, progress on stderr,
everything in ``bench/results/dataset.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import os
import random
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import ROOT
from bench.crawl import ChildRun, run_child
from bench.main import machine
from bench.tools import version_of

RESULTS = ROOT / "bench" / "results" / "dataset.json"
SOURCES = (
    "rmol.id",
    "rmollampung.id",
    "rmoljatim.id",
    "rmoljabar.id",
    "rmolsumut.id",
    "rmolaceh.id",
    "rmolbengkulu.id",
    "rmolsumsel.id",
    "rmolpapua.id",
    "rmoljawatengah.id",
)
SECTIONS = ("politik", "hukum", "bisnis", "nusantara", "dunia", "publika", "olahraga")
OFFSETS = {"rmolpapua.id": 9}
FIRST_DAY = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
DAYS = 200
VOCABULARY = (
    "pemerintah daerah menegaskan anggaran program masyarakat kebijakan rapat komisi dewan"
    " perwakilan rakyat warga kota kabupaten provinsi menteri presiden partai pemilu kampanye"
    " penyidik komisi pemberantasan korupsi saksi pengadilan hakim jaksa tersangka laporan"
    " pembangunan jalan jembatan sekolah rumah sakit harga beras minyak subsidi bantuan sosial"
)
WORDS = VOCABULARY.split()


@dataclass
class Step:
    name: str
    run: ChildRun
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"step": self.name, "note": self.note, **dataclasses.asdict(self.run)}


@dataclass
class Corpus:
    articles: int = 0
    """Articles written, the one more run's included."""
    revisions: int = 0
    removals: int = 0
    duplicates: int = 0
    files: int = 0
    reports: int = 0
    bytes: int = 0
    extra_run_articles: int = 0
    first_build_files: int = 0
    first_build_bytes: int = 0
    steps: list[Step] = field(default_factory=list)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Writer:
    """Synthetic records for ``n`` articles and the run files that carry them."""

    def __init__(self, data: Path, articles: int, runs: int, seed: int = 14) -> None:
        self.data = data
        self.articles = articles
        self.runs = runs
        self.random = random.Random(seed)
        self.paragraphs = [self._sentences(self.random.randint(3, 6)) for _ in range(2000)]
        self.corpus = Corpus()

    def _sentences(self, count: int) -> str:
        pick = self.random.choices
        return " ".join(
            " ".join(pick(WORDS, k=self.random.randint(8, 16))).capitalize() + "."
            for _ in range(count)
        )

    def _article(self, n: int, revision: int, run: int) -> dict[str, Any]:
        source = SOURCES[0] if n % 5 < 3 else SOURCES[1 + n % (len(SOURCES) - 1)]
        published = FIRST_DAY + dt.timedelta(minutes=DAYS * 24 * 60 * n // self.articles)
        local = published.astimezone(dt.timezone(dt.timedelta(hours=OFFSETS.get(source, 7))))
        crawled = FIRST_DAY + dt.timedelta(minutes=DAYS * 24 * 60 * run // self.runs + 30)
        body = "\n\n".join(
            [f"Berita nomor {n}, versi {revision}.", *self.random.sample(self.paragraphs, 5)]
        )
        title = f"Judul berita {n} " + " ".join(WORDS[(n + i) % len(WORDS)] for i in range(6))
        slug = f"berita-{n}"
        rmol = source == "rmol.id"
        section = SECTIONS[n % len(SECTIONS)]
        return {
            "key": f"rmol.id/{n}" if rmol else f"{source}/{slug}",
            "id": n if rmol else None,
            "url": f"https://{source}/{section}/read/{local:%Y/%m/%d}/{n}/{slug}"
            if rmol
            else f"https://www.{source}/{slug}",
            "section": section,
            "title": title,
            "reporter": "RENI ERINA" if n % 4 else None,
            "reporter_url": "https://rmol.id/about/reni-erina-1" if n % 4 else None,
            "published_at": local.replace(second=0, microsecond=0).isoformat(),
            "published_at_raw": f"{local:%d %m %Y, %H:%M} WIB",
            "image_url": f"https://{source}/images/{n}.jpg" if n % 3 else None,
            "image_caption": f"Ilustrasi {n}/RMOL" if n % 6 == 1 else None,
            "body": body,
            "tags": [WORDS[n % len(WORDS)], WORDS[(n * 7) % len(WORDS)]] if n % 2 else [],
            "related": [
                {"id": n - k if rmol else None, "url": f"https://{source}/r/{n - k}", "title": "X"}
                for k in range(1, 5)
            ],
            "editor": "dzk" if n % 5 else None,
            "source": source,
            "language": "id",
            "crawled_at": crawled.isoformat(),
            "archive": None,
            "record": "article",
            "revision": revision,
            "modified_at": None if revision == 1 else crawled.isoformat(),
            "content_hash": "sha256:" + hashlib.sha256(f"{title}\n{body}".encode()).hexdigest(),
        }

    def _removal(self, n: int, revision: int, run: int) -> dict[str, Any]:
        record = self._article(n, revision, run)
        return {
            "record": "removal",
            "key": record["key"],
            "id": record["id"],
            "url": record["url"],
            "source": record["source"],
            "revision": revision,
            "removed_at": record["crawled_at"],
            "status": 404,
            "reason": "http_404",
            "crawled_at": record["crawled_at"],
        }

    def write(self, first: int, count: int, runs: range) -> None:
        """Articles ``first`` .. ``first + count - 1`` spread over ``runs``."""
        per_run: dict[int, list[dict[str, Any]]] = {run: [] for run in runs}
        span = len(runs)
        for n in range(first, first + count):
            run = runs[(n - first) * span // count]
            per_run[run].append(line := self._article(n, 1, run))
            self.corpus.articles += 1
            later = [r for r in range(run + 1, run + 4) if r in per_run]
            if not later:
                continue
            if n % 40 in (7, 9):
                per_run[later[0]].append(self._article(n, 2, later[0]))
                self.corpus.revisions += 1
                if n % 120 in (7, 9) and len(later) > 1:
                    per_run[later[1]].append(self._article(n, 3, later[1]))
                    self.corpus.revisions += 1
            elif n % 200 in (1, 3):
                per_run[later[-1]].append(self._removal(n, 1, later[-1]))
                self.corpus.removals += 1
            elif n % 200 == 11:
                per_run[later[0]].append(line)
                self.corpus.duplicates += 1
        for run, records in per_run.items():
            self._files(run, records)

    def _files(self, run: int, records: list[dict[str, Any]]) -> None:
        started = FIRST_DAY + dt.timedelta(minutes=DAYS * 24 * 60 * run // self.runs)
        run_id = f"{started:%Y%m%dT%H%M%SZ}-{run:04x}"
        for spider, regional in (("rmol", False), ("rmol_regional", True)):
            lines = [r for r in records if (r["source"] != "rmol.id") == regional]
            if not lines:
                continue
            path = self.data / spider / f"{started:%Y/%m/%d}" / f"{spider}-{run_id}.jsonl"
            path.parent.mkdir(parents=True, exist_ok=True)
            text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines)
            path.write_text(text, encoding="utf-8")
            self.corpus.files += 1
            self.corpus.bytes += len(text.encode())
            if run % 10 == 0:
                self._report(path, run_id, spider, len(lines))

    def _report(self, output: Path, run_id: str, spider: str, items: int) -> None:
        layers = {
            "title": {"site": items - 2, "structured": 2},
            "body": {"site": items - 1, "text": 1},
            "reporter": {"site": items * 3 // 4, "missing": items - items * 3 // 4},
            "published_at_raw": {"site": items - 3, "structured": 2, "url": 1},
            "image_caption": {"site": items // 6, "missing": items - items // 6},
        }
        report = {"run_id": run_id, "spider": spider, "items": items, "finish_reason": "finished",
                  "extraction": {"layers": layers}, "health": {"healthy": True}}  # fmt: skip
        output.with_name(output.stem + ".report.json").write_text(json.dumps(report))
        self.corpus.reports += 1


def command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "rmolcrawler.dataset", *map(str, args)]


def measure(work: Path, name: str, argv: list[str], note: str = "") -> Step:
    say(f"  {name} ...")
    log = work / f"{name.replace(' ', '-')}.log"
    result = run_child(argv, ROOT, log, 3600.0, say=say)
    if result.returncode != 0:
        say(log.read_text(encoding="utf-8", errors="replace")[-2000:])
        raise SystemExit(f"{name} exited {result.returncode}; see above")
    say(f"    {result.wall_s:.2f} s, peak RSS {result.peak_rss_mb:.0f} MB")
    return Step(name, result, note)


def run(articles: int, runs: int, work: Path) -> Corpus:
    data, db = work / "data", work / "data" / "rmol.duckdb"
    say(f"writing {articles:,} synthetic articles over {runs} runs into {data} ...")
    writer = Writer(data, articles, runs + 1)
    writer.write(0, articles, range(runs))
    corpus = writer.corpus
    corpus.first_build_files, corpus.first_build_bytes = corpus.files, corpus.bytes
    say(f"  {corpus.files} files, {corpus.bytes / 2**20:.0f} MiB of JSON Lines")
    steps = corpus.steps
    steps.append(measure(work, "build", command("build", "--data-dir", data)))
    steps.append(measure(work, "build again", command("build", "--data-dir", data)))
    extra = max(1, articles // runs)
    writer.write(articles, extra, range(runs, runs + 1))
    corpus.extra_run_articles = extra
    steps.append(
        measure(work, "build one more run", command("build", "--data-dir", data), f"{extra}")
    )
    out = work / "export"
    for name, args in (
        ("export parquet", ("--format", "parquet", "-o", out / "current" / "rmol.parquet")),
        (
            "export parquet --revisions",
            ("--format", "parquet", "--revisions", "-o", out / "revisions" / "rmol.parquet"),
        ),
        ("export jsonl", ("--format", "jsonl", "-o", out / "jsonl" / "rmol.jsonl")),
    ):
        path = Path(args[-1])
        step = measure(work, name, command("export", "--db", db, *args))
        step.note = f"{path.stat().st_size / 2**20:.0f} MiB"
        steps.append(step)
    steps.append(measure(work, "stats", command("stats", "--db", db)))
    steps.append(measure(work, "report", command("report", "--db", db, "-o", work / "r.html")))
    say(f"  database {db.stat().st_size / 2**20:.0f} MiB")
    return corpus


def table(corpus: Corpus) -> str:
    lines = [
        "| step | wall s | CPU s | peak RSS MB | note |",
        "|---|---:|---:|---:|---|",
    ]
    for step in corpus.steps:
        r = step.run
        lines.append(
            f"| `{step.name}` | {r.wall_s:.2f} | {r.cpu_s:.2f} | {r.peak_rss_mb:.0f} |"
            f" {step.note} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dataset", description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=400, help="runs (two files each)")
    parser.add_argument("--keep", type=Path, help="write here and keep it (default: a temp dir)")
    args = parser.parse_args(argv)
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
    load = os.getloadavg()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        corpus = run(args.articles, args.runs, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-dataset-") as tmp:
            corpus = run(args.articles, args.runs, Path(tmp))
    print(
        f"\n## Dataset ({corpus.articles - corpus.extra_run_articles:,} articles,"
        f" {corpus.revisions:,} later revisions,"
        f" {corpus.removals:,} removals, {corpus.duplicates:,} duplicate lines;"
        f" {corpus.first_build_files} files, {corpus.first_build_bytes / 2**20:.0f} MiB;"
        " then one more run of"
        f" {corpus.extra_run_articles} articles)\n\n{table(corpus)}"
    )
    record = {
        "command": "python -m bench.dataset " + " ".join(argv or sys.argv[1:]),
        "started_utc": started.isoformat(),
        "machine": machine(),
        "duckdb": version_of("duckdb"),
        "loadavg_at_start": load,
        "loadavg_at_end": os.getloadavg(),
        "corpus": {k: v for k, v in dataclasses.asdict(corpus).items() if k != "steps"},
        "steps": [step.as_json() for step in corpus.steps],
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    say(f"results: {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
