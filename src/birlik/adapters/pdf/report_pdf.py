"""The results report as a PDF: the same figures as the workbook, with charts drawn by matplotlib.

Text is set in the bundled DejaVu Sans (fonts/, licence in fonts/LICENSE-DejaVu.txt), which has the
Cyrillic and Kazakh letters; the document reads the same in Russian, Kazakh or English.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from importlib.resources import as_file, files
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

from birlik.adapters.excel.report_view import Pivot, ReportView
from birlik.adapters.pdf import report_charts

_FONT = "DejaVu"
_MARGIN = 14.0
_MILLION = 1_000_000


def _money(value: object) -> str:
    return "—" if value is None else f"{float(str(value)):,.0f}".replace(",", " ")


def _millions(value: float | None) -> str:
    return "" if value is None else f"{value / _MILLION:,.1f}".replace(",", " ")


def _share(value: object) -> str:
    return "—" if value is None else f"{float(str(value)) * 100:.1f} %"


class ReportPdf:
    def __init__(self, results: Mapping[str, Any], language: str) -> None:
        self.view = ReportView(results, language)
        self.pdf = FPDF(orientation="P", unit="mm", format="A4")
        fonts = files("birlik.adapters.pdf") / "fonts"
        for style, name in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf")):
            with as_file(fonts / name) as path:
                self.pdf.add_font(_FONT, style, str(path))
        self.pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
        self.pdf.set_auto_page_break(True, margin=_MARGIN)
        self.pdf.set_title(self.view.title())
        self.width = self.pdf.w - 2 * _MARGIN

    def heading(self, text: str, size: float = 12) -> None:
        self.pdf.set_font(_FONT, "B", size)
        self.pdf.multi_cell(self.width, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1.5)

    def text(self, text: str, size: float = 9) -> None:
        self.pdf.set_font(_FONT, "", size)
        self.pdf.multi_cell(self.width, size * 0.45, text, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1)

    def image(self, png: bytes, width: float | None = None) -> None:
        self.pdf.image(io.BytesIO(png), w=width or self.width)
        self.pdf.ln(2)

    def table(
        self,
        headers: Sequence[str] | None,
        rows: Sequence[Sequence[str]],
        size: float = 7.5,
        widths: Sequence[float] | None = None,
    ) -> None:
        if not rows:
            self.text(self.view.t("none"))
            return
        self.pdf.set_font(_FONT, "", size)
        with self.pdf.table(
            headings_style=FontFace(emphasis="BOLD", fill_color=(221, 235, 247)),
            line_height=size * 0.5,
            text_align="LEFT",
            first_row_as_headings=headers is not None,
            col_widths=tuple(widths) if widths else None,
        ) as table:
            for values in [*([headers] if headers is not None else []), *rows]:
                row = table.row()
                for value in values:
                    row.cell(str(value))
        self.pdf.ln(3)

    def build(self) -> bytes:
        self._summary()
        self._volumes()
        self._members()
        self._exports_and_content()
        self._utilisation()
        return bytes(self.pdf.output())

    def _summary(self) -> None:
        v = self.view
        self.pdf.add_page()
        self.heading(v.title(), 15)
        self.text(v.basis())
        rows = [
            [name, _money(value) if kind == "money" else _share(value) if kind == "share" else str(value)]
            for name, value, kind in v.totals()
        ]
        self.table(None, rows, 9)
        self.heading(v.t("delivery"), 11)
        delivery = v.delivery()
        self.image(report_charts.pie([d[0] for d in delivery], [d[1] for d in delivery]), self.width * 0.6)
        headers, by_order = v.delivery_rows()
        self.table(headers, [[str(x) for x in r] for r in by_order])

    def _pivot(self, first: str, pivot: Pivot, fmt: str) -> None:
        headers = [first, *(m[2:] for m in pivot.months)]
        render = _millions if fmt == "millions" else _share
        rows = [
            [name, *(render(x) for x in values)]
            for name, values in zip(pivot.rows, pivot.values, strict=True)
        ]
        self.table(headers, rows, 6.5, [3.0] + [1.0] * len(pivot.months))

    def _volumes(self) -> None:
        v = self.view
        self.pdf.add_page()
        title = f"{v.t('volumes')} ({v.t('mln')})"
        self.heading(title)
        pivot = v.volumes()
        series = [
            (name, [(x or 0) / _MILLION for x in values])
            for name, values in zip(pivot.rows, pivot.values, strict=True)
        ]
        self.image(report_charts.stacked_columns(pivot.months, series, v.t("mln_kzt")))
        self._pivot(v.w("family"), pivot, "millions")

    def _members(self) -> None:
        v = self.view
        self.pdf.add_page()
        self.heading(v.t("by_member"))
        headers, rows = v.members()
        top = rows[:15]
        if top:
            self.image(
                report_charts.horizontal_bars(
                    [str(r[0]) for r in top], [float(str(r[2])) / _MILLION for r in top], v.t("mln_kzt")
                )
            )
        self.table(
            headers,
            [
                [str(r[0]), str(r[1]), _money(r[2]), _money(r[3]), str(r[4]), _share(r[5]), _share(r[6])]
                for r in rows
            ],
            6.5,
        )

    def _exports_and_content(self) -> None:
        v = self.view
        self.pdf.add_page()
        self.heading(v.t("by_country"))
        headers, rows = v.exports()
        if rows:
            self.image(
                report_charts.columns(
                    [str(r[0]) for r in rows], [float(str(r[1])) / _MILLION for r in rows], v.t("mln_kzt")
                )
            )
        self.table(headers, [[str(r[0]), _money(r[1]), str(r[2])] for r in rows])
        self.heading(v.t("contracts"))
        headers, rows = v.contracts()
        self.table(
            headers,
            [
                [str(r[0]), str(r[1]), str(r[2]), _money(r[3]), _share(r[4]), _share(r[5]), str(r[6])]
                for r in rows
            ],
            6.5,
        )
        self.heading(v.t("trend"), 11)
        trend = v.trend()
        self.image(report_charts.lines([m for m, _ in trend], [(v.w("lc_share"), [s for _, s in trend])]))

    def _utilisation(self) -> None:
        v = self.view
        self.pdf.add_page()
        self.heading(v.t("utilisation"))
        pivot = v.utilisation()
        self.image(report_charts.lines(pivot.months, list(zip(pivot.rows, pivot.values, strict=True))))
        self._pivot(v.w("family"), pivot, "share")


def report_pdf(results: Mapping[str, Any], language: str = "en") -> bytes:
    return ReportPdf(results, language).build()
