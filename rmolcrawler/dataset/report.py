"""``report``: the dataset on one self-contained HTML page.

Inline CSS and inline SVG (:mod:`.charts`), no script, no link to anything outside the file:
it opens the same from a disk, a mail attachment or a CI artifact. It shows articles per day
of publication per source, the coverage of each field, the share of each extraction layer as
the run reports count it (the records themselves do not carry a layer; the page says so when
no run report was loaded), and edits and removals per crawl day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path

from rmolcrawler.dataset import charts
from rmolcrawler.dataset.summary import COVERAGE, LAYERS, Summary, number, share

TOP_SOURCES = 7
"""Sources charted one by one; the rest are summed as "other sources"."""
COVERAGE_SOURCES = 6
LAYER_COLORS = ("#3366cc", "#2e8b57", "#b7950b", "#8e44ad", "#bbbbbb")
STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
       margin: 0; background: #f6f7f9; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
p.lead, p.note { color: #555; margin: 4px 0 12px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 10px;
        margin: 18px 0; }
.kpi { background: #fff; border: 1px solid #e2e4e8; border-radius: 8px; padding: 10px 12px; }
.kpi .v { font-size: 24px; font-weight: 600; }
.kpi .k { color: #666; font-size: 13px; }
.chart { width: 100%; height: auto; background: #fff; border: 1px solid #e2e4e8;
         border-radius: 8px; }
.chart .grid { stroke: #e5e5e5; } .chart .axis { font-size: 11px; fill: #666; }
.chart .label { font-size: 12px; fill: #333; } .chart .track { fill: #eef0f3; }
.legend { margin: 6px 0 10px; font-size: 13px; }
.legend .key { margin-right: 14px; white-space: nowrap; }
.legend .swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px;
                  margin-right: 5px; vertical-align: -1px; }
table { border-collapse: collapse; background: #fff; margin: 8px 0; font-size: 14px; }
th, td { border: 1px solid #e2e4e8; padding: 4px 9px; text-align: left; }
th { background: #f0f2f5; font-weight: 600; } td.n, th.n { text-align: right; }
footer { color: #777; font-size: 13px; margin-top: 40px; }
"""


def render(summary: Summary, database: Path, now: dt.datetime) -> str:
    """The whole page."""
    t = summary.totals
    kpis = [
        ("articles", "articles", t.articles),
        ("online", "online", t.articles - t.removed),
        ("removed", "removed", t.removed),
        ("edited", "edited (2+ revisions)", t.edited),
        ("revisions", "article revisions", t.revisions),
        ("sources", "sources", t.sources),
    ]
    body = [
        "<h1>RMOL news dataset</h1>",
        f'<p class="lead">{number(t.articles)} articles from {number(t.sources)}'
        f" source{'' if t.sources == 1 else 's'},"
        f" published {t.first_day or '-'} to {t.last_day or '-'}; built from"
        f" {number(t.output_files)} output files and {number(t.report_files)} run reports,"
        f" last loaded {_when(t.last_loaded)} UTC.</p>",
        '<div class="kpis">',
        *(
            f'<div class="kpi"><div class="v" id="kpi-{key}">{number(value)}</div>'
            f'<div class="k">{escape(label)}</div></div>'
            for key, label, value in kpis
        ),
        "</div>",
        *_per_day(summary),
        *_sources(summary),
        *_coverage(summary),
        *_layers(summary),
        *_changes(summary),
        *_revisions_and_sections(summary),
        f"<footer>Generated {now.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC from"
        f" <code>{escape(str(database))}</code> by <code>python -m rmolcrawler.dataset"
        " report</code>. Days of publication are the dates printed in each article's own"
        " offset (WIB, WITA, WIT); crawl days are UTC.</footer>",
    ]
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>RMOL dataset report</title><style>{STYLE}</style></head>"
        "<body><main>\n" + "\n".join(body) + "\n</main></body></html>\n"
    )


# ---- time axes ----------------------------------------------------------------------------
def bucketing(first: dt.date, last: dt.date) -> tuple[str, Callable[[dt.date], dt.date]]:
    """Days for up to three months, weeks (from Monday) up to three years, else months."""
    span = (last - first).days
    if span <= 92:
        return "day", lambda day: day
    if span <= 3 * 366:
        return "week", lambda day: day - dt.timedelta(days=day.weekday())
    return "month", lambda day: day.replace(day=1)


def axis(first: dt.date, last: dt.date, unit: str) -> list[dt.date]:
    """Every bucket start from ``first``'s to ``last``'s, gaps included."""
    points = [first]
    while points[-1] < last:
        current = points[-1]
        if unit == "month":
            year, month = divmod(current.month, 12)
            points.append(current.replace(year=current.year + year, month=month + 1))
        else:
            points.append(current + dt.timedelta(days=7 if unit == "week" else 1))
    return points


def _label(day: dt.date, unit: str) -> str:
    return f"{day:%Y-%m}" if unit == "month" else day.isoformat()


def _timeline(
    rows: Sequence[tuple[dt.date, str, int]],
) -> tuple[str, list[str], dict[str, list[int]]]:
    """``(unit, bucket labels, name -> count per bucket)`` of ``(day, name, count)`` rows."""
    if not rows:
        return "day", [], {}
    unit, bucket = bucketing(min(r[0] for r in rows), max(r[0] for r in rows))
    points = axis(bucket(min(r[0] for r in rows)), bucket(max(r[0] for r in rows)), unit)
    index = {point: i for i, point in enumerate(points)}
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(points))
    for day, name, n in rows:
        counts[name][index[bucket(day)]] += n
    return unit, [_label(p, unit) for p in points], counts


# ---- sections -----------------------------------------------------------------------------
def _per_day(summary: Summary) -> list[str]:
    ranked = [s.source for s in summary.sources]
    named = ranked[:TOP_SOURCES]
    rows = [
        (day, source if source in named else "other sources", n) for day, source, n in summary.days
    ]
    unit, labels, counts = _timeline(rows)
    names = [name for name in [*named, "other sources"] if name in counts]
    out = ["<h2>Articles per day of publication, per source</h2>"]
    if not labels:
        return [*out, '<p class="note">No article has a publication date.</p>']
    if unit != "day":
        out.append(f'<p class="note">One column per {unit} (the dates span too long for days).</p>')
    out.append(
        charts.stacked_columns(
            labels,
            [(name, counts[name]) for name in names],
            title=f"Articles per {unit} of publication, per source",
        )
    )
    out.append(charts.legend(names))
    return out


def _sources(summary: Summary) -> list[str]:
    rows = "".join(
        f'<tr data-source="{escape(s.source)}"><td>{escape(s.source)}</td>'
        f'<td class="n articles">{number(s.articles)}</td>'
        f'<td class="n removed">{number(s.removed)}</td>'
        f'<td class="n edited">{number(s.edited)}</td>'
        f'<td class="n revisions">{number(s.revisions)}</td>'
        f"<td>{s.first_day or '-'}</td><td>{s.last_day or '-'}</td></tr>"
        for s in summary.sources
    )
    return [
        "<h2>Sources</h2>",
        '<table id="sources"><tr><th>source</th><th class="n">articles</th>'
        '<th class="n">removed</th><th class="n">edited</th><th class="n">revisions</th>'
        f"<th>first day</th><th>last day</th></tr>{rows}</table>",
    ]


def _coverage(summary: Summary) -> list[str]:
    total = summary.totals.articles
    covered = summary.field_coverage()
    out = [
        "<h2>Field coverage</h2>",
        '<p class="note">The share of articles (current versions) that have each field.'
        " Some fields are empty by design: <code>modified_at</code> when the site prints no"
        " change time, <code>archive</code> for pages fetched from the site itself.</p>",
        charts.share_bars(
            [
                (name, [("has it", n), ("missing", total - n)], f"{share(n, total)} ({number(n)})")
                for name, n in covered
            ],
            title="Field coverage",
            colors=(charts.PALETTE[0], "none"),
        ),
    ]
    ranked = summary.sources[:COVERAGE_SOURCES]
    if len(summary.sources) > 1:
        head = "".join(f'<th class="n">{escape(s.source)}</th>' for s in ranked)
        lines = []
        for name, _ in COVERAGE:
            cells = "".join(
                _share_cell(summary.coverage[s.source][name], s.articles) for s in ranked
            )
            lines.append(f"<tr><td>{escape(name)}</td>{cells}</tr>")
        out.append(f'<table id="coverage"><tr><th>field</th>{head}</tr>{"".join(lines)}</table>')
    return out


def _share_cell(part: int, whole: int) -> str:
    tint = 100 - round(40 * part / whole) if whole else 100
    return f'<td class="n" style="background:hsl(215,70%,{tint}%)">{share(part, whole)}</td>'


def _layers(summary: Summary) -> list[str]:
    out = ["<h2>Extraction layers</h2>"]
    if not summary.layers:
        return [
            *out,
            '<p class="note" id="no-layers">The output records do not say which extraction'
            " layer (site markup, structured data, text patterns, the URL) gave a field; only"
            " each run's report (<code>*.report.json</code> beside its output) counts them,"
            " and no run report was loaded. Nothing is shown rather than a guess.</p>",
        ]
    rows = []
    for name, counts in summary.layers.items():
        pages = sum(counts.values())
        found = pages - counts.get("missing", 0)
        rows.append(
            (
                name,
                [(layer, counts.get(layer, 0)) for layer in LAYERS],
                f"found {share(found, pages)}",
            )
        )
    return [
        *out,
        f'<p class="note">Which layer gave each field, in pages, summed over'
        f" {number(summary.runs)} run reports. These count the pages extracted in those"
        " runs, including pages whose item a later stage dropped, not the dataset's rows.</p>",
        charts.share_bars(rows, title="Extraction layers", colors=LAYER_COLORS),
        charts.legend(LAYERS, LAYER_COLORS),
    ]


def _changes(summary: Summary) -> list[str]:
    edits = sum(row[2] for row in summary.changes)
    removals = sum(row[3] for row in summary.changes)
    out = [
        "<h2>Edits and removals over time</h2>",
        f'<p class="note">Per UTC day of the crawl that saw them: <span id="edits">'
        f"{number(edits)}</span> new revisions of articles already in the dataset, and"
        f' <span id="removals">{number(removals)}</span> removals.</p>',
    ]
    if not edits and not removals:
        return [*out, '<p class="note">No edit or removal has been seen yet.</p>']
    rows = [(day, "edits", e) for day, _, e, _ in summary.changes] + [
        (day, "removals", r) for day, _, _, r in summary.changes
    ]
    unit, labels, counts = _timeline(rows)
    out.append(
        charts.stacked_columns(
            labels,
            [("edits", counts["edits"]), ("removals", counts["removals"])],
            title=f"Edits and removals per {unit} of the crawl",
            height=220,
        )
    )
    out.append(charts.legend(["edits", "removals"]))
    return out


def _revisions_and_sections(summary: Summary) -> list[str]:
    revisions = "".join(
        f'<tr><td class="n">{n}</td><td class="n">{number(keys)}</td></tr>'
        for n, keys in summary.revision_counts
    )
    sections = "".join(
        f'<tr><td>{escape(name)}</td><td class="n">{number(n)}</td>'
        f'<td class="n">{number(removed)}</td></tr>'
        for name, n, removed in summary.sections[:30]
    )
    more = len(summary.sections) - 30
    return [
        "<h2>Revisions per article</h2>",
        '<table id="revisions"><tr><th class="n">revisions</th><th class="n">articles</th></tr>'
        f"{revisions}</table>",
        "<h2>Sections</h2>",
        '<table id="sections"><tr><th>section</th><th class="n">articles</th>'
        f'<th class="n">removed</th></tr>{sections}</table>',
        *([f'<p class="note">and {more} more sections.</p>'] if more > 0 else []),
    ]


def _when(value: dt.datetime | None) -> str:
    return "-" if value is None else f"{value.astimezone(dt.UTC):%Y-%m-%d %H:%M}"
