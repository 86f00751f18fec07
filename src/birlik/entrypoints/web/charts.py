"""Charts as inline SVG, drawn on the server: the web UI works offline and needs no chart library.

Each function returns a complete <svg> element sized by its viewBox, so the page scales it with CSS.
Text is escaped; numbers are formatted for people (thousands separators, percentages).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

_PALETTE = ("#2f6690", "#3a7ca5", "#81c3d7", "#d9a441", "#c0504d", "#6b8f71", "#8064a2", "#4bacc6")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]


def _number(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:,.1f} M"
    if abs(value) >= 10_000:
        return f"{value / 1_000:,.0f} k"
    return f"{value:,.0f}"


def bar_chart(title: str, labels: Sequence[str], series: Sequence[Series], *, width: int = 720) -> str:
    """Grouped vertical bars, one group per label, one colour per series, with a legend."""
    left, top, plot_h, legend_w = 76, 36, 216, 150
    per_row = max((width - left) // legend_w, 1)
    legend_rows = -(-len(series) // per_row)  # the legend wraps instead of running off the edge
    height = top + plot_h + 28 + 18 * legend_rows
    plot_w = width - left - 16
    peak = max((v for s in series for v in s.values), default=0.0) or 1.0
    group_w = plot_w / max(len(labels), 1)
    bar_w = max(group_w * 0.8 / max(len(series), 1), 1.0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
        f'<text x="{left}" y="20" class="chart-title">{escape(title)}</text>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#888"/>',
    ]
    for tick in range(5):
        value = peak * tick / 4
        y = top + plot_h - plot_h * tick / 4
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">{_number(value)}</text>'
        )
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#eee"/>')
    for g, label in enumerate(labels):
        x0 = left + g * group_w + group_w * 0.1
        for k, s in enumerate(series):
            value = s.values[g] if g < len(s.values) else 0.0
            h = plot_h * value / peak
            parts.append(
                f'<rect x="{x0 + k * bar_w:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{_PALETTE[k % len(_PALETTE)]}" class="bar">'
                f"<title>{escape(s.name)} · {escape(label)}: {_number(value)}</title></rect>"
            )
        parts.append(
            f'<text x="{left + (g + 0.5) * group_w:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
            f'class="tick">{escape(label)}</text>'
        )
    for k, s in enumerate(series):
        x = left + (k % per_row) * legend_w
        y = top + plot_h + 28 + 18 * (k // per_row)
        parts.append(f'<rect x="{x}" y="{y}" width="10" height="10" fill="{_PALETTE[k % len(_PALETTE)]}"/>')
        parts.append(f'<text x="{x + 14}" y="{y + 9}" class="tick">{escape(s.name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def heat_map(
    title: str, rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[float | None]]
) -> str:
    """A grid of shares 0..1 (utilisation): white at 0, deep blue at 1, red above 1; blank for None."""
    # room for the longest row label at ~6.5 px a character (11 px sans), and for "2027-01" per column
    cell_w, cell_h, top = 54, 20, 40
    left = max(120, int(6.5 * max((len(r) for r in rows), default=0)) + 12)
    width, height = left + cell_w * len(columns) + 8, top + cell_h * len(rows) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
        f'<text x="4" y="16" class="chart-title">{escape(title)}</text>',
    ]
    for c, column in enumerate(columns):
        parts.append(
            f'<text x="{left + c * cell_w + cell_w / 2:.1f}" y="{top - 6}" text-anchor="middle" '
            f'class="tick">{escape(column)}</text>'
        )
    for r, row in enumerate(rows):
        y = top + r * cell_h
        parts.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end" class="tick">{escape(row)}</text>')
        for c, value in enumerate(values[r]):
            if value is None:
                continue
            parts.append(
                f'<rect x="{left + c * cell_w}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" '
                f'fill="{_heat(value)}" class="cell"><title>{escape(row)} · {escape(columns[c])}: '
                f"{value * 100:.0f} %</title></rect>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _heat(share: float) -> str:
    if share > 1.0 + 1e-9:
        return "#c0504d"
    level = max(0.0, min(share, 1.0))
    r, g, b = (int(255 - (255 - target) * level) for target in (47, 102, 144))
    return f"#{r:02x}{g:02x}{b:02x}"


@dataclass(frozen=True)
class ShareBar:
    label: str
    share: float | None  # None: nothing made yet
    floor: float


def share_bars(title: str, bars: Sequence[ShareBar], *, floor_label: str, width: int = 720) -> str:
    """Horizontal bars of shares 0..1, each with its floor as a dark tick: green at or above, red below."""
    left, top, row_h, right = 180, 36, 24, 64
    plot_w = width - left - right
    height = top + row_h * len(bars) + 28
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
        f'<text x="4" y="20" class="chart-title">{escape(title)}</text>',
    ]
    for tick in range(0, 101, 25):
        x = left + plot_w * tick / 100
        parts.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 24}" stroke="#eee"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 10}" text-anchor="middle" class="tick">{tick} %</text>')
    for r, bar in enumerate(bars):
        y = top + r * row_h
        share = bar.share or 0.0
        met = bar.share is not None and bar.share + 1e-9 >= bar.floor
        colour = "#6b8f71" if met else "#c0504d"
        shown = "—" if bar.share is None else f"{share * 100:.1f} %"
        parts.append(
            f'<text x="{left - 6}" y="{y + 15}" text-anchor="end" class="tick">{escape(bar.label)}</text>'
        )
        parts.append(
            f'<rect x="{left}" y="{y + 3}" width="{plot_w * min(share, 1.0):.1f}" height="{row_h - 8}" '
            f'fill="{colour}" class="bar"><title>{escape(bar.label)}: {shown} '
            f"({escape(floor_label)} {bar.floor * 100:.0f} %)</title></rect>"
        )
        fx = left + plot_w * min(bar.floor, 1.0)
        parts.append(
            f'<line x1="{fx:.1f}" y1="{y}" x2="{fx:.1f}" y2="{y + row_h - 2}" stroke="#222" '
            f'stroke-width="2" class="floor"/>'
        )
        parts.append(f'<text x="{left + plot_w + 6}" y="{y + 15}" class="tick">{shown}</text>')
    parts.append("</svg>")
    return "".join(parts)
