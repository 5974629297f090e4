"""Tables (Markdown, so they paste into BENCHMARKS.md) and the verdict on issue 4's targets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.crawl import CrawlResult, ScrapyBench
from bench.extraction import ExtractionResult
from bench.quality import ToolQuality
from bench.reparse import ReparseResult
from bench.tools import OURS, TRAFILATURA

PASS, MISS, NOT_RUN = "pass", "MISS", "not run"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(h) for h in headers], *[[_cell(v) for v in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        return "| " + " | ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


# ---- section tables --------------------------------------------------------------------------
def extraction_table(result: ExtractionResult) -> str:
    rows: list[list[object]] = []
    ours = result.median_ms(OURS)
    for tool in result.tools:
        runs = result.run_medians_ms[tool]
        median = result.median_ms(tool)
        rows.append([tool, median, min(runs), max(runs), _x(median, ours)])
    headers = ["tool", "ms/page (median of run medians)", "fastest run", "slowest run", "× ours"]
    ratios = [
        [name, result.ratio(name), min(values), max(values)]
        for name, values in result.run_ratios.items()
    ]
    return "\n\n".join(
        [
            table(headers, rows),
            table(["ratio (same run)", "median over runs", "min", "max"], ratios),
        ]
    )


def _x(value: float | None, reference: float | None) -> str | None:
    if value is None or not reference:
        return None
    return f"{value / reference:.2f}×"


def quality_table(results: dict[str, ToolQuality]) -> str:
    headers = [
        "tool",
        "mean body F1",
        "min body F1",
        "titles exact",
        "published_at exact",
        "reporter exact",
        "first author exact",
        "reporter (ignoring case)",
        "cases with a leak",
    ]
    rows = []
    for tool, q in results.items():
        rows.append(
            [
                tool,
                f"{q.mean_f1:.4f}",
                f"{q.min_f1:.4f}",
                f"{q.count('title')}/{q.n}",
                f"{q.count('published_at')}/{q.n}",
                f"{q.count('reporter')}/{q.n}",
                f"{q.count('first_author')}/{q.n}",
                f"{q.count('reporter_ignoring_case')}/{q.n}",
                f"{q.leak_cases}/{q.n}",
            ]
        )
    return table(headers, rows)


def crawl_table(crawl: CrawlResult | None, bench: ScrapyBench | None) -> str:
    headers = ["run", "pages", "elapsed s", "pages/min", "CPU s", "CPU s/page", "peak RSS MB"]
    rows: list[list[object]] = []
    if crawl is not None:
        rows.append(
            [
                f"scrapy crawl rmol ({crawl.articles} articles)",
                crawl.pages,
                crawl.elapsed_s,
                crawl.pages_per_min,
                crawl.child.cpu_s,
                crawl.cpu_s_per_page,
                crawl.child.peak_rss_mb,
            ]
        )
        rows.append(["  mirror server (same machine)", "", "", "", crawl.mirror_cpu_s, "", ""])
    if bench is not None:
        rows.append(
            [
                "scrapy bench",
                bench.pages,
                bench.elapsed_s,
                bench.pages_per_min,
                bench.child.cpu_s,
                bench.child.cpu_s / bench.pages if bench.pages else None,
                bench.child.peak_rss_mb,
            ]
        )
    text = table(headers, rows)
    if crawl is not None and bench is not None and bench.pages_per_min:
        text += (
            f"\n\nours / scrapy bench (pages/min, same run): {throughput_ratio(crawl, bench):.3f}"
        )
    return text


def throughput_ratio(crawl: CrawlResult, bench: ScrapyBench) -> float:
    return crawl.pages_per_min / bench.pages_per_min if bench.pages_per_min else 0.0


def memory_table(runs: list[CrawlResult]) -> str:
    headers = ["mirror articles", "pages fetched", "items", "wall s", "peak RSS MB", "exit"]
    rows = [
        [
            r.articles,
            r.pages,
            r.stats.get("item_scraped_count"),
            r.child.wall_s,
            r.child.peak_rss_mb,
            "timeout" if r.child.timed_out else r.child.returncode,
        ]
        for r in runs
    ]
    text = table(headers, rows)
    if len(runs) >= 2 and runs[0].child.peak_rss_mb:
        text += (
            f"\n\npeak RSS {runs[-1].articles} / {runs[0].articles} articles: "
            f"{runs[-1].child.peak_rss_mb / runs[0].child.peak_rss_mb:.3f}"
        )
    return text


def per_section(result: CrawlResult) -> tuple[int, float]:
    """(most listing requests of one section, all requests / sections crawled)."""
    sections = max(len(result.section_requests), 1)
    most = max(result.section_requests.values(), default=0)
    total = int(result.stats.get("downloader/request_count", 0))
    return most, total / sections


def incremental_table(result: CrawlResult) -> str:
    most, mean = per_section(result)
    kinds = result.mirror_requests
    headers = [
        "mirror articles",
        "requests",
        "robots/home/listing/article/other",
        "sections",
        "most listing requests in one section",
        "requests / section",
        "items",
        "elapsed s",
        "wall s",
    ]
    row = [
        result.articles,
        result.stats.get("downloader/request_count"),
        "/".join(str(kinds[k]) for k in ("robots", "home", "section", "article", "other")),
        len(result.section_requests),
        most,
        mean,
        result.stats.get("item_scraped_count", 0),
        result.elapsed_s,
        result.child.wall_s,
    ]
    return table(headers, [row])


# ---- targets ---------------------------------------------------------------------------------
@dataclass
class Results:
    extraction: ExtractionResult | None = None
    quality: dict[str, ToolQuality] | None = None
    crawl: CrawlResult | None = None
    scrapy_bench: ScrapyBench | None = None
    memory: list[CrawlResult] = field(default_factory=list)
    incremental: CrawlResult | None = None
    reparse: ReparseResult | None = None


@dataclass
class Verdict:
    target: str
    measured: str
    outcome: str


def _verdict(target: str, measured: str | None, ok: bool | None) -> Verdict:
    if measured is None or ok is None:
        return Verdict(target, "-", NOT_RUN)
    return Verdict(target, measured, PASS if ok else MISS)


def targets(results: Results) -> list[Verdict]:
    return [
        _reparse_target(results.reparse),
        *_extraction_targets(results.extraction),
        *_quality_targets(results.quality),
        _throughput_target(results.crawl, results.scrapy_bench),
        *_memory_targets(results.memory),
        _incremental_target(results.incremental),
    ]


def _reparse_target(result: ReparseResult | None) -> Verdict:
    ratio = result.ratio() if result else None
    return _verdict(
        "reparse, files to JSON Lines, ≥ 3× faster per page than trafilatura.extract (issue 11)",
        None if ratio is None else f"{ratio:.2f}×",
        None if ratio is None else ratio >= 3.0,
    )


def _extraction_targets(result: ExtractionResult | None) -> list[Verdict]:
    # Ours against the lxml floor is reported in the extraction table, not gated (issue 11).
    peer = result.ratio(f"{TRAFILATURA}/ours") if result else None
    return [
        _verdict(
            "extraction + pipelines in process ≥ 3× faster than trafilatura.extract",
            None if peer is None else f"{peer:.2f}×",
            None if peer is None else peer >= 3.0,
        ),
    ]


def reparse_table(result: ReparseResult) -> str:
    peer = result.trafilatura()
    rows: list[list[object]] = [
        ["rmolcrawler.reparse, files to JSON Lines", result.ours(), min(result.ours_ms)],
    ]
    if peer is not None:
        rows.append(["trafilatura.extract, text in memory", peer, min(result.trafilatura_ms)])
    head = table(["tool", "ms/page (median of runs)", "fastest run"], rows)
    ratio = result.ratio()
    tail = [
        f"trafilatura/ours: {ratio:.2f}×" if ratio is not None else "trafilatura not installed",
        f"{result.accepted}/{result.pages} pages emitted; the command over all of them, "
        f"start-up included: {result.command_s:.1f} s",
    ]
    return head + "\n\n" + "\n".join(tail)


_COLUMNS = ("title", "published_at", "reporter")


def _quality_targets(quality: dict[str, ToolQuality] | None) -> list[Verdict]:
    ours = quality.get(OURS) if quality else None
    if quality is None or ours is None:
        names = ["body F1 ≥ 0.99 on every case", "titles, published_at, reporters exact"]
        return [_verdict(n, None, None) for n in [*names, "zero leaks", "ahead of every peer"]]
    exact = ", ".join(f"{c} {ours.count(c)}/{ours.n}" for c in _COLUMNS)
    behind = _behind(ours, [q for t, q in quality.items() if t != OURS])
    return [
        _verdict(
            "body F1 ≥ 0.99 on every case (min)", f"min {ours.min_f1:.4f}", ours.min_f1 >= 0.99
        ),
        _verdict(
            "every title, published_at and reporter exact",
            exact,
            all(ours.count(c) == ours.n for c in _COLUMNS),
        ),
        _verdict("zero boilerplate leaks", f"{ours.leak_cases} cases", ours.leak_cases == 0),
        _verdict(
            "ahead of every peer on each column (ties count as not behind)",
            "behind on: " + ", ".join(behind) if behind else "never behind",
            not behind if len(quality) > 1 else None,
        ),
    ]


def _behind(ours: ToolQuality, peers: list[ToolQuality]) -> list[str]:
    behind: list[str] = []
    for peer in peers:
        pairs = {
            "mean F1": (ours.mean_f1, peer.mean_f1),
            "min F1": (ours.min_f1, peer.min_f1),
            **{c: (ours.count(c), peer.count(c)) for c in _COLUMNS},
            "leaks": (-ours.leak_cases, -peer.leak_cases),
        }
        behind += [f"{name} vs {peer.tool}" for name, (a, b) in pairs.items() if a < b]
    return behind


def _throughput_target(crawl: CrawlResult | None, bench: ScrapyBench | None) -> Verdict:
    if crawl is None or bench is None:
        return _verdict("crawl throughput ≥ 60% of scrapy bench", None, None)
    ratio = throughput_ratio(crawl, bench)
    return _verdict("crawl throughput ≥ 60% of scrapy bench", f"{ratio:.0%}", ratio >= 0.6)


def _memory_targets(runs: list[CrawlResult]) -> list[Verdict]:
    big = next((r for r in runs if r.articles >= 20000), None)
    first = runs[0] if runs else None
    absolute = _verdict(
        "peak RSS of the 20,000-article crawl ≤ 200 MB",
        None if big is None else f"{big.child.peak_rss_mb:.0f} MB",
        None if big is None else big.child.peak_rss_mb <= 200 and not big.child.timed_out,
    )
    growth = None
    if len(runs) >= 2 and first is not None and first.child.peak_rss_mb:
        growth = runs[-1].child.peak_rss_mb / first.child.peak_rss_mb
    relative = _verdict(
        f"peak RSS ≤ 1.3× from the smaller crawl to the larger ({_sizes(runs)})",
        None if growth is None else f"{growth:.2f}×",
        None if growth is None else growth <= 1.3,
    )
    return [absolute, relative]


def _sizes(runs: list[CrawlResult]) -> str:
    return " → ".join(str(r.articles) for r in runs) or "2,000 → 20,000"


def _incremental_target(result: CrawlResult | None) -> Verdict:
    if result is None:
        return _verdict("≤ 2 requests per section when nothing is new", None, None)
    most, mean = per_section(result)
    return _verdict(
        f"≤ 2 requests per section when nothing is new ({result.articles} articles)",
        f"most in one section {most}; all requests / sections {mean:.2f}",
        most <= 2 and result.mirror_requests["article"] == 0,
    )


def targets_table(verdicts: list[Verdict]) -> str:
    return table(
        ["target (issue 4)", "measured", "verdict"],
        [[v.target, v.measured, v.outcome] for v in verdicts],
    )
