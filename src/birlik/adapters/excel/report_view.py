"""The results report (schema "birlik.results/1") arranged as the tables both the xlsx and PDF show.

Keeping the arrangement in one place means the two documents always carry the same figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from birlik.adapters.excel.choices import label
from birlik.adapters.excel.countries import country_name
from birlik.adapters.excel.labels import REPORT, WORDS
from birlik.domain.vocabulary import Family


def family_label(value: str, language: str) -> str:
    try:
        return label(Family(value), language)
    except ValueError:
        return value


@dataclass(frozen=True)
class Pivot:
    """Rows × months, for a chart with one series per row."""

    rows: list[str]
    months: list[str]
    values: list[list[float | None]]


class ReportView:
    def __init__(self, results: Mapping[str, Any], language: str) -> None:
        self.r = results
        self.lang = language
        self.months: list[str] = list(results["period"]["months"])

    def t(self, key: str, **fields: object) -> str:
        return REPORT(key, self.lang, **fields)

    def w(self, key: str, **fields: object) -> str:
        return WORDS(key, self.lang, **fields)

    def title(self) -> str:
        p = self.r["period"]
        return self.t("title", first=p["from"], last=p["to"])

    def basis(self) -> str:
        b = self.r["basis"]
        key = "basis_approved" if b["approved"] else "basis_latest"
        return self.t(key, plan=b["plan_id"], status=b["status"], date=b["created_at"][:10])

    def totals(self) -> list[tuple[str, object, str]]:
        """(label, value, kind) with kind "money", "share" or "count"."""
        t = self.r["totals"]
        return [
            (self.t("value"), t["value_kzt"], "money"),
            (self.t("exports"), t["export_value_kzt"], "money"),
            (self.t("export_share"), t["export_share"], "share"),
            (self.t("lc_share"), t["lc_share"], "share"),
            (self.t("members_involved"), t["members_involved"], "count"),
            (self.t("lines_due"), t["lines_due"], "count"),
        ]

    def volumes(self, field: str = "value_kzt") -> Pivot:
        grid: dict[str, dict[str, float]] = defaultdict(dict)
        for v in self.r["volumes"]:
            name = family_label(v["family"], self.lang)
            if field == "quantity":
                name = f"{name}, {v['unit']}"
            grid[name][v["month"]] = float(v[field])
        rows = sorted(grid)
        return Pivot(rows, self.months, [[grid[row].get(m) for m in self.months] for row in rows])

    def utilisation(self) -> Pivot:
        grid: dict[str, dict[str, float | None]] = defaultdict(dict)
        for u in self.r["utilisation"]:
            grid[f"{family_label(u['family'], self.lang)}, {u['unit']}"][u["month"]] = u["utilisation"]
        rows = sorted(grid)
        return Pivot(rows, self.months, [[grid[row].get(m) for m in self.months] for row in rows])

    def members(self) -> tuple[list[str], list[list[object]]]:
        headers = [self.w("member"), self.w("bin"), self.w("value"), self.w("cost"), self.t("assignments"),
                   self.w("lc_share"), self.t("share_of_total")]  # fmt: skip
        rows: list[list[object]] = [
            [
                m["name"],
                m["bin"],
                m["value_kzt"],
                m["cost_kzt"],
                m["assignments"],
                m["lc_share"],
                m["share_of_total"],
            ]
            for m in self.r["members"]
        ]
        return headers, rows

    def exports(self) -> tuple[list[str], list[list[object]]]:
        headers = [self.t("country"), self.w("value"), self.t("orders_count")]
        rows: list[list[object]] = [
            [country_name(e["country"], self.lang), e["value_kzt"], e["orders"]] for e in self.r["exports"]
        ]
        return headers, rows

    def contracts(self) -> tuple[list[str], list[list[object]]]:
        headers = [self.w("order"), self.t("buyer"), self.t("country"), self.w("value"), self.w("lc_share"),
                   self.w("lc_floor"), self.w("floor_met")]  # fmt: skip
        rows: list[list[object]] = [
            [
                c["order"] or self.w("confidential_order"),
                c["buyer"] or "—",
                country_name(c["country"], self.lang) if c["country"] else "—",
                c["value_kzt"],
                c["lc_share"],
                c["lc_floor"] or None,
                self.w("yes" if c["lc_floor_met"] else "no") if c["lc_floor"] else "—",
            ]
            for c in self.r["contracts"]
        ]
        return headers, rows

    def trend(self) -> list[tuple[str, float | None]]:
        return [(t["month"], t["lc_share"]) for t in self.r["lc_trend"]]

    def delivery(self) -> list[tuple[str, int]]:
        d = self.r["delivery"]
        return [(self.t(k), int(d[k])) for k in ("on_time", "late", "short")]

    def delivery_rows(self) -> tuple[list[str], list[list[object]]]:
        headers = [self.w("order"), self.t("on_time"), self.t("late"), self.t("short")]
        rows: list[list[object]] = [
            [d["order"] or self.w("confidential_order"), d["on_time"], d["late"], d["short"]]
            for d in self.r["delivery"]["by_order"]
        ]
        return headers, rows
