"""The results report as a workbook with native Excel charts (they stay editable in Excel)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, PieChart, Reference
from openpyxl.worksheet.worksheet import Worksheet

from birlik.adapters.excel.plan_writer import BOLD, MONEY, PERCENT, TITLE, sheet_title, write_table
from birlik.adapters.excel.report_view import Pivot, ReportView

_CHART_WIDTH = 22
_CHART_HEIGHT = 9


def _pivot_table(sheet: Worksheet, top: int, first_header: str, pivot: Pivot, fmt: str) -> int:
    rows: list[list[object]] = [
        [name, *values] for name, values in zip(pivot.rows, pivot.values, strict=True)
    ]
    return write_table(sheet, top, [first_header, *pivot.months], rows, [None, *([fmt] * len(pivot.months))])


def _series_by_row(chart: BarChart | LineChart, sheet: Worksheet, top: int, pivot: Pivot) -> None:
    """One series per pivot row, months as categories (the table starts at `top`)."""
    if not pivot.rows:
        return
    data = Reference(
        sheet, min_col=1, max_col=1 + len(pivot.months), min_row=top + 1, max_row=top + len(pivot.rows)
    )
    chart.add_data(data, from_rows=True, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=2, max_col=1 + len(pivot.months), min_row=top, max_row=top))


def _place(chart: BarChart | LineChart | PieChart, sheet: Worksheet, anchor: str, title: str) -> None:
    chart.title = title
    chart.width, chart.height = _CHART_WIDTH, _CHART_HEIGHT
    sheet.add_chart(chart, anchor)


class ReportWorkbook:
    def __init__(self, results: Mapping[str, Any], language: str) -> None:
        self.view = ReportView(results, language)
        self.book = Workbook()
        self.taken: set[str] = set()

    def sheet(self, title: str) -> Worksheet:
        if not self.taken:
            sheet = cast(Worksheet, self.book.active)
            sheet.title = sheet_title(title, self.taken)
            return sheet
        created: Worksheet = self.book.create_sheet(sheet_title(title, self.taken))
        return created

    def build(self) -> Workbook:
        self._summary()
        self._volumes()
        self._members()
        self._exports()
        self._local_content()
        self._utilisation()
        return self.book

    def _summary(self) -> None:
        v = self.view
        sheet = self.sheet(v.w("summary"))
        sheet.cell(row=1, column=1, value=v.title()).font = TITLE
        sheet.cell(row=2, column=1, value=v.basis())
        for i, (name, value, kind) in enumerate(v.totals(), start=4):
            sheet.cell(row=i, column=1, value=name).font = BOLD
            cell = sheet.cell(row=i, column=2, value=cast(Any, value))
            cell.number_format = {"money": MONEY, "share": PERCENT}.get(kind, "0")
        sheet.column_dimensions["A"].width = 38
        sheet.column_dimensions["B"].width = 18
        top = 12
        sheet.cell(row=top - 1, column=1, value=v.t("delivery")).font = BOLD
        write_table(sheet, top, ["", ""], [list(pair) for pair in v.delivery()], [None, "0"])
        pie = PieChart()
        pie.add_data(Reference(sheet, min_col=2, min_row=top + 1, max_row=top + 3))
        pie.set_categories(Reference(sheet, min_col=1, min_row=top + 1, max_row=top + 3))
        _place(pie, sheet, "D4", v.t("delivery"))
        headers, rows = v.delivery_rows()
        write_table(sheet, top + 6, headers, rows, [None, "0", "0", "0"])

    def _volumes(self) -> None:
        v = self.view
        sheet = self.sheet(v.w("product"))
        sheet.cell(row=1, column=1, value=v.t("volumes")).font = TITLE
        values = v.volumes()
        after = _pivot_table(sheet, 3, v.w("family"), values, MONEY)
        chart = BarChart()
        chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
        _series_by_row(chart, sheet, 3, values)
        _place(chart, sheet, f"A{after + 1}", v.t("volumes"))
        top = after + 21
        sheet.cell(row=top - 1, column=1, value=v.t("quantities")).font = TITLE
        _pivot_table(sheet, top, v.w("family"), v.volumes("quantity"), "#,##0")

    def _members(self) -> None:
        v = self.view
        sheet = self.sheet(v.t("by_member"))
        sheet.cell(row=1, column=1, value=v.t("by_member")).font = TITLE
        headers, rows = v.members()
        write_table(sheet, 3, headers, rows, [None, None, MONEY, MONEY, "0", PERCENT, PERCENT])
        if rows:
            chart = BarChart()
            chart.type = "bar"
            shown = min(len(rows), 15)
            chart.add_data(Reference(sheet, min_col=3, min_row=3, max_row=3 + shown), titles_from_data=True)
            chart.set_categories(Reference(sheet, min_col=1, min_row=4, max_row=3 + shown))
            chart.y_axis.scaling.orientation = "minMax"
            chart.x_axis.scaling.orientation = "maxMin"  # the largest member on top
            _place(chart, sheet, "I3", v.t("by_member"))

    def _exports(self) -> None:
        v = self.view
        sheet = self.sheet(v.t("by_country"))
        sheet.cell(row=1, column=1, value=v.t("by_country")).font = TITLE
        headers, rows = v.exports()
        write_table(sheet, 3, headers, rows, [None, MONEY, "0"])
        if rows:
            chart = BarChart()
            chart.add_data(
                Reference(sheet, min_col=2, min_row=3, max_row=3 + len(rows)), titles_from_data=True
            )
            chart.set_categories(Reference(sheet, min_col=1, min_row=4, max_row=3 + len(rows)))
            _place(chart, sheet, "E3", v.t("by_country"))

    def _local_content(self) -> None:
        v = self.view
        sheet = self.sheet(v.w("lc_share"))
        sheet.cell(row=1, column=1, value=v.t("contracts")).font = TITLE
        headers, rows = v.contracts()
        after = write_table(sheet, 3, headers, rows, [None, None, None, MONEY, PERCENT, PERCENT, None])
        sheet.cell(row=after, column=1, value=v.t("trend")).font = TITLE
        trend = v.trend()
        write_table(
            sheet, after + 1, [v.w("month"), v.w("lc_share")], [list(t) for t in trend], [None, PERCENT]
        )
        chart = LineChart()
        chart.add_data(
            Reference(sheet, min_col=2, min_row=after + 1, max_row=after + 1 + len(trend)),
            titles_from_data=True,
        )
        chart.set_categories(Reference(sheet, min_col=1, min_row=after + 2, max_row=after + 1 + len(trend)))
        chart.y_axis.number_format = "0%"
        _place(chart, sheet, f"D{after + 1}", v.t("trend"))

    def _utilisation(self) -> None:
        v = self.view
        sheet = self.sheet(v.w("utilisation"))
        sheet.cell(row=1, column=1, value=v.t("utilisation")).font = TITLE
        pivot = v.utilisation()
        after = _pivot_table(sheet, 3, v.w("family"), pivot, PERCENT)
        chart = LineChart()
        _series_by_row(chart, sheet, 3, pivot)
        chart.y_axis.number_format = "0%"
        _place(chart, sheet, f"A{after + 1}", v.t("utilisation"))


def report_workbook(results: Mapping[str, Any], language: str = "en") -> Workbook:
    return ReportWorkbook(results, language).build()
