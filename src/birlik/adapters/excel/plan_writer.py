"""A plan as a workbook: a summary, a sheet per order, a sheet per member (only its own assignments, so it
can be sent to that member) and the capacity utilisation as a heat map.

It reads the stored plan report (schema "birlik.plan/1"), so the workbook shows the plan as it was made.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from birlik.adapters.excel.labels import WORDS
from birlik.allocation.phrases import shortfall_sentence

MONEY = "#,##0"
QUANTITY = "#,##0.###"
PERCENT = "0.0%"
TITLE = Font(bold=True, size=13)
BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_title(text: str, taken: set[str]) -> str:
    """A valid, unique sheet title (31 characters, none of []:*?/\\)."""
    base = _FORBIDDEN.sub("-", text).strip("'")[:31] or "-"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def write_table(
    sheet: Worksheet,
    top: int,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    formats: Sequence[str | None],
) -> int:
    """Headers at row `top`, rows below; returns the next free row."""
    for col, header in enumerate(headers, start=1):
        cell = sheet.cell(row=top, column=col, value=header)
        cell.font, cell.fill = BOLD, HEAD_FILL
    for r, values in enumerate(rows, start=top + 1):
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=col, value=cast(Any, value))
            fmt = formats[col - 1] if col - 1 < len(formats) else None
            if fmt:
                cell.number_format = fmt
    for col, header in enumerate(headers, start=1):
        letter = get_column_letter(col)
        width = max([len(str(header))] + [len(str(r[col - 1])) for r in rows[:200] if col - 1 < len(r)])
        sheet.column_dimensions[letter].width = min(max(10, width + 2), 60)
    return top + len(rows) + 2


class PlanWorkbook:
    def __init__(
        self, report: Mapping[str, Any], status: str, created: str, names: Mapping[str, str], language: str
    ) -> None:
        self.report = report
        self.status = status
        self.created = created
        self.names = names
        self.lang = language
        self.book = Workbook()
        self.taken: set[str] = set()
        self.units = {(line["order"], line["line"]): line["unit"] for line in report["lines"]}

    def w(self, key: str, **fields: object) -> str:
        return WORDS(key, self.lang, **fields)

    def build(self) -> Workbook:
        self._summary()
        by_order: dict[str, list[dict[str, Any]]] = defaultdict(list)
        by_member: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for a in self.report["assignments"]:
            by_order[a["order"]].append(a)
            by_member[a["member_bin"]].append(a)
        for order in self.report["orders"]:
            self._order(order, by_order.get(order["order"], []))
        for bin_, assignments in sorted(by_member.items(), key=lambda kv: self.names.get(kv[0], kv[0])):
            self._member(bin_, assignments)
        self._utilisation()
        return self.book

    def _summary(self) -> None:
        sheet = self.book.active
        assert isinstance(sheet, Worksheet)
        sheet.title = sheet_title(self.w("summary"), self.taken)
        p = self.report["plan"]
        sheet.cell(row=1, column=1, value=f"{self.w('plan')} {p['id']}").font = TITLE
        facts = [
            (self.w("status"), self.status),
            (self.w("created"), self.created),
            (self.w("solver"), f"{p['solver']['method']} · {p['solver']['status']}"),
            (self.w("objective"), p["objective"]),
            (self.w("horizon"), f"{p['horizon'][0]} … {p['horizon'][1]}"),
        ]
        facts += [(f"{self.w('cost_terms')}: {self.w(k)}", v) for k, v in p["cost"].items() if k in WORDS]
        row = write_table(sheet, 3, ["", ""], facts, [None, MONEY])
        made: dict[str, float] = defaultdict(float)
        ordered: dict[str, float] = defaultdict(float)
        for line in self.report["lines"]:
            made[line["order"]] += line["made"]
            ordered[line["order"]] += line["quantity"]
        sheet.cell(row=row, column=1, value=self.w("orders")).font = TITLE
        headers = [self.w(k) for k in ("order", "value", "cost", "lc_share", "lc_floor", "floor_met", "made")]
        rows = [
            [
                o["order"],
                o["value_kzt"],
                o["cost"],
                o["lc_share"],
                o["lc_floor"],
                self.w("yes" if o["lc_floor_met"] else "no"),
                made[o["order"]] / ordered[o["order"]] if ordered[o["order"]] else None,
            ]
            for o in self.report["orders"]
        ]
        row = write_table(
            sheet, row + 1, headers, rows, [None, MONEY, MONEY, PERCENT, PERCENT, None, PERCENT]
        )
        if self.report["shortfalls"]:
            sheet.cell(row=row, column=1, value=self.w("shortfalls")).font = TITLE
            headers = [self.w(k) for k in ("order", "line", "product", "quantity", "months_late", "reason")]
            rows = [
                [
                    s["order"],
                    s["line"],
                    s["product"],
                    s["quantity"],
                    s["months_late"],
                    shortfall_sentence(s, self.lang),
                ]
                for s in self.report["shortfalls"]
            ]
            write_table(sheet, row + 1, headers, rows, [None, None, None, QUANTITY, None, None])

    def _assignment_rows(
        self, assignments: Sequence[dict[str, Any]], with_member: bool
    ) -> list[list[object]]:
        rows: list[list[object]] = []
        for a in sorted(assignments, key=lambda a: (a["order"], a["line"], a["month"], a["member"])):
            who = [a["member"], a["member_bin"]] if with_member else [a["order"]]
            rows.append(
                [
                    *who,
                    a["line"],
                    a["product"],
                    a["month"],
                    a["quantity"],
                    self.units.get((a["order"], a["line"]), ""),
                    a["production_cost"],
                    a["transport_cost"],
                    a["lateness_cost"],
                    a["cost"],
                    a["lc_share"],
                    a["months_late"],
                ]
            )
        return rows

    _TAIL = ("line", "product", "month", "quantity", "unit", "production_cost", "transport_cost")
    _TAIL2 = ("lateness_cost", "cost", "lc_share", "months_late")
    _FORMATS: tuple[str | None, ...] = (
        None,
        None,
        None,
        QUANTITY,
        None,
        MONEY,
        MONEY,
        MONEY,
        MONEY,
        PERCENT,
        None,
    )

    def _order(self, order: Mapping[str, Any], assignments: Sequence[dict[str, Any]]) -> None:
        sheet = self.book.create_sheet(sheet_title(order["order"], self.taken))
        title = self.w("order_sheet", order=order["order"], plan=self.report["plan"]["id"])
        if order.get("confidential"):
            title += f" — {self.w('confidential')}"
        sheet.cell(row=1, column=1, value=title).font = TITLE
        headers = [self.w(k) for k in ("member", "bin", *self._TAIL, *self._TAIL2)]
        write_table(sheet, 3, headers, self._assignment_rows(assignments, True), [None, None, *self._FORMATS])
        sheet.freeze_panes = "A4"

    def _member(self, bin_: str, assignments: Sequence[dict[str, Any]]) -> None:
        name = self.names.get(bin_) or assignments[0]["member"]
        sheet = self.book.create_sheet(sheet_title(f"{name} {bin_[-4:]}", self.taken))
        title = self.w("assignments_of", member=name, bin=bin_, plan=self.report["plan"]["id"])
        sheet.cell(row=1, column=1, value=title).font = TITLE
        headers = [self.w(k) for k in ("order", *self._TAIL, *self._TAIL2)]
        write_table(sheet, 3, headers, self._assignment_rows(assignments, False), [None, *self._FORMATS])
        sheet.freeze_panes = "A4"

    def _utilisation(self) -> None:
        sheet = self.book.create_sheet(sheet_title(self.w("utilisation"), self.taken))
        months = sorted({c["month"] for c in self.report["capacity"]})
        grid: dict[tuple[str, str], dict[str, float | None]] = defaultdict(dict)
        for c in self.report["capacity"]:
            grid[(c["member_bin"], c["family"])][c["month"]] = c["utilisation"]
        headers = [self.w("member"), self.w("bin"), self.w("family"), *months]
        rows = [
            [self.names.get(bin_, bin_), bin_, family, *(values.get(m) for m in months)]
            for (bin_, family), values in sorted(
                grid.items(), key=lambda kv: (self.names.get(kv[0][0], ""), kv[0])
            )
        ]
        sheet.cell(row=1, column=1, value=self.w("utilisation")).font = TITLE
        write_table(sheet, 3, headers, rows, [None, None, None, *([PERCENT] * len(months))])
        if rows and months:
            first, last = get_column_letter(4), get_column_letter(3 + len(months))
            sheet.conditional_formatting.add(
                f"{first}4:{last}{3 + len(rows)}",
                ColorScaleRule(  # type: ignore[no-untyped-call]
                    start_type="num",
                    start_value=0,
                    start_color="F8F8F8",
                    mid_type="num",
                    mid_value=0.6,
                    mid_color="FFE699",
                    end_type="num",
                    end_value=1,
                    end_color="F8696B",
                ),
            )
        sheet.freeze_panes = "D4"


def plan_workbook(
    report: Mapping[str, Any], status: str, created: str, names: Mapping[str, str], language: str = "en"
) -> Workbook:
    return PlanWorkbook(report, status, created, names, language).build()
