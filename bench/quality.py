"""Section b: extraction quality on every golden fixture case, for ours and each peer.

Scores per case: body token-F1 (lower-case word tokens, multiset F1) against the expected body;
exact title, exact ``published_at`` (time and offset included), exact reporter (and, for
information, the first listed author exact, and the reporter equal ignoring case); and the boilerplate strings that leaked into the
body. A string counts as leaked when the body holds it more often than the expected body does:
the ``boilerplate-every-pattern`` case keeps prose that mentions "Google News" on purpose.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from bench.corpus import Case
from bench.tools import EXTRACTORS, Extracted

BOILERPLATE = (
    "rmol news logo",
    "Temukan berita",
    "Google News",
    "FOLLOW US",
    "ARTIKEL LAINNYA",
    "BERITA TERKAIT",
    "Baca Juga",
    "LAPORAN:",
    "Dimensy.id",
    "Apollo Solar Panel",
)
_WORD = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


def token_f1(got: str, expected: str) -> float:
    got_tokens, expected_tokens = tokens(got), tokens(expected)
    if not got_tokens and not expected_tokens:
        return 1.0
    common = sum((got_tokens & expected_tokens).values())
    if common == 0:
        return 0.0
    precision = common / sum(got_tokens.values())
    recall = common / sum(expected_tokens.values())
    return 2 * precision * recall / (precision + recall)


def leaks(body: str, expected: dict[str, Any]) -> list[str]:
    needles = list(BOILERPLATE)
    if expected.get("editor"):
        needles.append(f"[{expected['editor']}]")
    reference = expected.get("body") or ""
    return [s for s in needles if body.count(s) > reference.count(s)]


@dataclass
class CaseScore:
    case: str
    body_f1: float
    title: bool
    published_at: bool
    reporter: bool
    first_author: bool
    reporter_ignoring_case: bool
    leaked: list[str]
    got: dict[str, Any]


@dataclass
class ToolQuality:
    tool: str
    cases: list[CaseScore] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.cases)

    @property
    def mean_f1(self) -> float:
        return statistics.fmean(c.body_f1 for c in self.cases) if self.cases else 0.0

    @property
    def min_f1(self) -> float:
        return min((c.body_f1 for c in self.cases), default=0.0)

    def count(self, column: str) -> int:
        return sum(bool(getattr(c, column)) for c in self.cases)

    @property
    def leak_cases(self) -> int:
        return self.count("leaked")

    def as_json(self) -> dict[str, Any]:
        return {
            "cases": self.n,
            "mean_body_f1": round(self.mean_f1, 4),
            "min_body_f1": round(self.min_f1, 4),
            "titles_exact": self.count("title"),
            "published_at_exact": self.count("published_at"),
            "reporter_exact": self.count("reporter"),
            "first_author_exact": self.count("first_author"),
            "reporter_ignoring_case": self.count("reporter_ignoring_case"),
            "leak_cases": self.leak_cases,
            "errors": self.errors,
            "per_case": [asdict(c) for c in self.cases],
        }


def score(case: Case, got: Extracted) -> CaseScore:
    expected = case.expected
    reporter = expected.get("reporter")
    return CaseScore(
        case=case.name,
        body_f1=round(token_f1(got.body, expected.get("body") or ""), 4),
        title=got.title == expected.get("title"),
        published_at=got.published_at == expected.get("published_at"),
        reporter=got.reporter == reporter,
        first_author=got.first_author == reporter,
        reporter_ignoring_case=(got.reporter or "").casefold() == (reporter or "").casefold(),
        leaked=leaks(got.body, expected),
        got={
            "title": got.title,
            "published_at": got.published_at,
            "reporter": got.reporter,
            "first_author": got.first_author,
        },
    )


def _run_case(extract: Callable[[str, str, str], Extracted], case: Case) -> Extracted:
    return extract(case.url, case.html, case.crawled_at)


def evaluate(cases: list[Case], tools: list[str]) -> dict[str, ToolQuality]:
    """Score each tool on each case; a tool that raises scores an empty extraction there."""
    results: dict[str, ToolQuality] = {}
    for tool in tools:
        quality = ToolQuality(tool)
        for case in cases:
            try:
                got = _run_case(EXTRACTORS[tool], case)
            except Exception as exc:  # a peer's crash is a result too
                quality.errors[case.name] = f"{type(exc).__name__}: {exc}"
                got = Extracted(None, None, None, "")
            quality.cases.append(score(case, got))
        results[tool] = quality
    return results
