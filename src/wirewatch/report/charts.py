"""Small server-side SVG charts (no JavaScript, no inline styles): a figure series as points on
a time axis and a bar histogram. Every text and attribute is escaped; links are optional."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from typing import Any

from wirewatch.views.series import number_text

WIDTH, HEIGHT, PAD = 560, 200, 40


def _day(as_of: str) -> float:
    """A date on the time axis; a year sits at its middle, a month at its 15th."""
    parts = [int(p) for p in as_of.split("-")[:3] if p.isdigit()]
    if len(parts) == 1:
        return date(parts[0], 7, 1).toordinal()
    if len(parts) == 2:
        return date(parts[0], parts[1], 15).toordinal()
    return date(*parts).toordinal()


def series_svg(points: list[dict[str, Any]], *, title: str,
               link: Callable[[dict[str, Any]], str | None] = lambda p: None) -> str:
    """Values over time: a line through the points, conflicting points drawn as hollow rings."""
    dated = [p for p in points if p.get("value") is not None and p.get("as_of")]
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}"'
            f' role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>')
    if not dated:
        return head + f'<text x="{PAD}" y="{HEIGHT // 2}">no dated values</text></svg>'
    xs = [_day(p["as_of"]) for p in dated]
    ys = [max(p["value"], p.get("high") or p["value"]) for p in dated]
    x0, x1 = min(xs), max(xs)
    y1 = max(ys) or 1.0

    def x(v: float) -> float:
        return PAD + (v - x0) / ((x1 - x0) or 1) * (WIDTH - 2 * PAD) if x1 != x0 else WIDTH / 2

    def y(v: float) -> float:
        return HEIGHT - PAD - v / y1 * (HEIGHT - 2 * PAD)

    parts = [head,
             f'<line class="axis" x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}"'
             f' y2="{HEIGHT - PAD}" stroke="#888"/>',
             f'<text class="tick" x="4" y="{y(y1) + 4:.1f}">{number_text(y1)}</text>',
             f'<text class="tick" x="4" y="{HEIGHT - PAD + 4}">0</text>',
             '<polyline class="series" fill="none" stroke="#2a6fb0" stroke-width="2" points="'
             + " ".join(f"{x(a):.1f},{y(p['value']):.1f}" for a, p in zip(xs, dated, strict=True))
             + '"/>']
    for a, p in zip(xs, dated, strict=True):
        label = escape(f"{p['as_of']}: {number_text(p['value'])}" + (" (sources disagree)"
                                                          if p.get("conflict") else ""))
        fill = "#fff" if p.get("conflict") else "#2a6fb0"
        stroke = "#c0392b" if p.get("conflict") else "#2a6fb0"
        dot = (f'<circle class="point{" conflict" if p.get("conflict") else ""}"'
               f' cx="{x(a):.1f}" cy="{y(p["value"]):.1f}" r="6" fill="{fill}"'
               f' stroke="{stroke}" stroke-width="2"><title>{label}</title></circle>'
               f'<text class="tick" x="{x(a):.1f}" y="{HEIGHT - PAD + 16}"'
               f' text-anchor="middle">{escape(p["as_of"])}</text>')
        href = link(p)
        parts.append(f'<a href="{escape(href)}">{dot}</a>' if href else dot)
    parts.append("</svg>")
    return "".join(parts)


def histogram_svg(bins: list[dict[str, Any]], *, label_key: str = "month",
                  link: Callable[[dict[str, Any]], str | None] = lambda b: None) -> str:
    """Bars per bin; each bar carries data-from/data-to for the brush script."""
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="histogram" id="histogram"'
            f' viewBox="0 0 {WIDTH} 80" role="img" aria-label="documents per month">')
    if not bins:
        return head + "</svg>"
    top = max(b["n"] for b in bins) or 1
    width = (WIDTH - 2) / len(bins)
    parts = [head]
    for n, b in enumerate(bins):
        h = max(2.0, b["n"] / top * 64)
        key = escape(str(b[label_key]))
        bar = (f'<rect class="bar" x="{1 + n * width:.1f}" y="{70 - h:.1f}"'
               f' width="{max(width - 1, 1):.1f}" height="{h:.1f}" fill="#2a6fb0"'
               f' data-from="{key}" data-to="{key}"><title>{key}: {b["n"]}</title></rect>')
        href = link(b)
        parts.append(f'<a href="{escape(href)}">{bar}</a>' if href else bar)
    first, last = escape(str(bins[0][label_key])), escape(str(bins[-1][label_key]))
    parts.append(f'<text class="tick" x="1" y="80">{first}</text>'
                 f'<text class="tick" x="{WIDTH - 1}" y="80" text-anchor="end">{last}</text>')
    parts.append("</svg>")
    return "".join(parts)
