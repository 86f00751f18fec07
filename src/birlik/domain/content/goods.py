"""The local-content share of a good as the CT-KZ method states it, by the rule in force on the day.

    share = 1 − C_foreign_materials / C_good                                   (facts.md §1.4)

- Since 28 Apr 2024 (Order 169-НҚ of 9 Apr 2024 amending Order 454-НҚ): C_good is the cost of the good
  without VAT and profit; here, the member's unit cost.
- Before that (annex 10 of the 2009 rules, and the 2021 rules before the change): C_good is the
  ex-works (EXW) price, which included profit and VAT; here, cost × (1 + profit margin) × (1 + VAT rate
  of the day). The profit margin is an input (0 unless given): Birlik records costs, not prices.
C_foreign_materials is the cost of the inputs of foreign origin, as the roll-up decides it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from birlik.domain.content.rollup import InputLine, Rollup
from birlik.domain.content.vat import standard_rate
from birlik.domain.errors import InvalidValue

RULE_2024_IN_FORCE = date(2024, 4, 28)


class Method(StrEnum):
    COST_2024 = "cost_2024"
    EX_WORKS = "ex_works"


METHOD_BASIS = {
    Method.COST_2024: "1 − foreign materials / cost of the good without VAT and profit"
    " (Order 454-НҚ as amended by 169-НҚ of 9 Apr 2024, in force 28 Apr 2024)",
    Method.EX_WORKS: "1 − foreign materials / ex-works price of the good (with profit and VAT)"
    " (annex 10 of the 2009 rules; the 2021 rules before 28 Apr 2024)",
}


def method_on(day: date) -> Method:
    """Certificates issued before 28 Apr 2024 were computed on the ex-works price."""
    return Method.COST_2024 if day >= RULE_2024_IN_FORCE else Method.EX_WORKS


@dataclass(frozen=True, slots=True)
class GoodShare:
    rollup: Rollup
    method: Method
    cost: Decimal  # KZT per unit: the member's unit cost
    profit: Decimal  # KZT per unit, only in the ex-works price
    vat_rate: Decimal
    vat: Decimal
    foreign: Decimal

    @property
    def denominator(self) -> Decimal:
        return self.cost + self.profit + self.vat

    @property
    def share(self) -> Decimal:
        return 1 - self.foreign / self.denominator

    def contribution(self, line: InputLine) -> Decimal:
        """How much this input takes off the share (its foreign cost over the denominator)."""
        return line.foreign_cost / self.denominator


def good_share(
    rollup: Rollup, method: Method | None = None, profit_margin: Decimal = Decimal(0)
) -> GoodShare:
    if profit_margin < 0:
        raise InvalidValue("profit margin", profit_margin, "cannot be negative")
    method = method or method_on(rollup.on)
    cost = rollup.unit_cost
    if method is Method.COST_2024:
        return GoodShare(rollup, method, cost, Decimal(0), Decimal(0), Decimal(0), rollup.foreign_cost)
    profit = cost * profit_margin
    rate = standard_rate("KZ", rollup.on).rate
    return GoodShare(rollup, method, cost, profit, rate, (cost + profit) * rate, rollup.foreign_cost)
