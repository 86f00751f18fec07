"""Charts for the PDF results report, drawn by matplotlib (Agg, no display) into PNG bytes.

matplotlib is imported when a chart is drawn, not at import, so commands that make no PDF stay quick.
Its bundled DejaVu Sans covers Cyrillic and the Kazakh letters.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

_SIZE = (7.2, 3.2)
_DPI = 150
_COLOURS = ("#2F5597", "#C55A11", "#548235", "#BF9000", "#7030A0", "#2E75B6", "#A9D18E", "#F4B183", "#8FAADC")


def _figure(size: tuple[float, float] = _SIZE) -> tuple[Figure, Axes]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=size, dpi=_DPI)
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=7)
    return figure, axes


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=_DPI)
    return buffer.getvalue()


def stacked_columns(
    categories: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], ylabel: str
) -> bytes:
    figure, axes = _figure()
    bottom = [0.0] * len(categories)
    for i, (name, values) in enumerate(series):
        heights = [v or 0.0 for v in values]
        axes.bar(categories, heights, bottom=bottom, label=name, color=_COLOURS[i % len(_COLOURS)])
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    axes.set_ylabel(ylabel, fontsize=7)
    axes.tick_params(axis="x", rotation=45)
    if series:
        axes.legend(fontsize=6, frameon=False, ncols=3)
    return _png(figure)


def horizontal_bars(labels: Sequence[str], values: Sequence[float], xlabel: str) -> bytes:
    figure, axes = _figure((7.2, max(2.0, 0.22 * len(labels) + 0.8)))
    axes.barh(list(reversed(labels)), list(reversed(values)), color=_COLOURS[0])
    axes.set_xlabel(xlabel, fontsize=7)
    return _png(figure)


def columns(labels: Sequence[str], values: Sequence[float], ylabel: str) -> bytes:
    figure, axes = _figure((7.2, 2.6))
    axes.bar(labels, values, color=_COLOURS[1])
    axes.set_ylabel(ylabel, fontsize=7)
    return _png(figure)


def lines(
    categories: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], percent: bool = True
) -> bytes:
    from matplotlib.ticker import PercentFormatter

    figure, axes = _figure()
    for i, (name, values) in enumerate(series):
        points = [(c, v) for c, v in zip(categories, values, strict=True) if v is not None]
        if points:
            xs, ys = zip(*points, strict=True)
            axes.plot(xs, ys, marker="o", markersize=3, label=name, color=_COLOURS[i % len(_COLOURS)])
    if percent:
        axes.yaxis.set_major_formatter(PercentFormatter(1.0))
    axes.tick_params(axis="x", rotation=45)
    if len(series) > 1:
        axes.legend(fontsize=6, frameon=False, ncols=3)
    return _png(figure)


def pie(labels: Sequence[str], values: Sequence[int]) -> bytes:
    figure, axes = _figure((4.0, 2.6))
    shown = [(label, value) for label, value in zip(labels, values, strict=True) if value]
    if shown:
        names, sizes = zip(*shown, strict=True)
        axes.pie(sizes, labels=[f"{n} ({s})" for n, s in shown], colors=_COLOURS[2 : 2 + len(sizes)],
                 textprops={"fontsize": 7})  # fmt: skip
        del names
    axes.set_aspect("equal")
    return _png(figure)
