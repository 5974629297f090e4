"""Inline SVG charts for the report: plain strings, no script, no external asset.

Every bar carries a ``<title>`` with its exact number, which a browser shows on hover.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from rmolcrawler.dataset.summary import number

PALETTE = (
    "#3366cc",
    "#dc7633",
    "#2e8b57",
    "#c0392b",
    "#8e44ad",
    "#16a085",
    "#b7950b",
    "#7f8c8d",
)
MAX_LABELS = 12


def color(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def ticks(top: int, most: int = 5) -> tuple[int, int]:
    """``(step, ceiling)`` of a value axis from 0 past ``top``: a step of 1, 2 or 5 times a
    power of ten, at most ``most`` steps."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if math.ceil(top / (step * factor)) <= most:
                return step * factor, step * factor * max(1, math.ceil(top / (step * factor)))
        step *= 10


def stacked_columns(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    title: str,
    width: int = 960,
    height: int = 280,
) -> str:
    """One column per label, stacked from the series' values (series ``i`` in ``color(i)``)."""
    left, right, top, bottom = 56, 8, 10, 42
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(values[i] for _, values in series) for i in range(len(labels))]
    step_value, ceiling = ticks(max(totals, default=0))
    step = plot_w / max(len(labels), 1)
    bar_w = max(step * 0.8, 1.0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img"'
        f' class="chart" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for value in range(0, ceiling + 1, step_value):
        y = top + plot_h - plot_h * value / ceiling
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="axis">'
            f"{number(value)}</text>"
        )
    every = max(1, math.ceil(len(labels) / MAX_LABELS))
    for i, label in enumerate(labels):
        x = left + i * step + (step - bar_w) / 2
        y = top + plot_h
        for s, (name, values) in enumerate(series):
            value = values[i]
            if value <= 0:
                continue
            h = plot_h * value / ceiling
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}"'
                f' fill="{color(s)}"><title>{escape(label)}, {escape(name)}: {number(value)}'
                "</title></rect>"
            )
        if i % every == 0:
            cx = left + i * step + step / 2
            parts.append(
                f'<text x="{cx:.1f}" y="{height - bottom + 16}" text-anchor="middle"'
                f' class="axis">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def share_bars(
    rows: Sequence[tuple[str, Sequence[tuple[str, int]], str]],
    *,
    title: str,
    colors: Sequence[str] = PALETTE,
    width: int = 960,
    row_height: int = 22,
) -> str:
    """One horizontal bar per row, split into the shares of its ``(name, count)`` segments
    (segment ``i`` in ``colors[i]``, ``none`` to leave it empty); the row's label on the left,
    its note on the right."""
    left, right = 150, 140
    plot_w = width - left - right
    height = row_height * len(rows) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img"'
        f' class="chart" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for r, (label, segments, note) in enumerate(rows):
        y = 2 + r * row_height
        whole = sum(count for _, count in segments)
        parts.append(
            f'<text x="{left - 8}" y="{y + row_height * 0.68:.1f}" text-anchor="end"'
            f' class="label">{escape(label)}</text>'
            f'<rect x="{left}" y="{y + 3}" width="{plot_w}" height="{row_height - 6}"'
            ' class="track"/>'
        )
        x = float(left)
        for s, (name, count) in enumerate(segments):
            if count <= 0 or whole <= 0:
                continue
            w = plot_w * count / whole
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_height - 6}"'
                f' fill="{colors[s % len(colors)]}"><title>{escape(label)}, {escape(name)}:'
                f" {number(count)} of {number(whole)}</title></rect>"
            )
            x += w
        parts.append(
            f'<text x="{width - right + 8}" y="{y + row_height * 0.68:.1f}" class="label">'
            f"{escape(note)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def legend(names: Sequence[str], colors: Sequence[str] = PALETTE) -> str:
    """An HTML legend: a swatch in ``colors[i]`` and the name, for each series."""
    items = "".join(
        f'<span class="key"><span class="swatch" style="background:{colors[i % len(colors)]}">'
        f"</span>{escape(name)}</span>"
        for i, name in enumerate(names)
    )
    return f'<div class="legend">{items}</div>'
