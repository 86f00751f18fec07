"""Origin of a good made in Kazakhstan: wholly obtained, or sufficiently processed under a dated rule.

judge() takes the product's HS code, its direct inputs (each already known as originating or not, with
its value at the maker) and the ex-works price, and returns a verdict that names the criterion, the rule
and the figures behind it. Which rule applies is the rule table's business (origin_rules); where the
inputs' origins come from is the roll-up's (rollup). An input that acquired origin counts as originating
whole: its own foreign contents are not looked through (the usual absorption principle of origin rules).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from birlik.domain.content.origin_rules import (
    NON_CONFERRING,
    NON_CONFERRING_OPERATIONS,
    Operation,
    OriginRule,
    RuleTable,
)
from birlik.domain.errors import InvalidValue
from birlik.domain.hs import HsCode


class Criterion(StrEnum):
    WHOLLY_OBTAINED = "wholly_obtained"
    ORIGINATING_MATERIALS = "originating_materials"  # sufficient processing of originating inputs only
    CHANGE_OF_HEADING = "change_of_heading"
    AD_VALOREM = "ad_valorem"
    HEADING_AND_AD_VALOREM = "heading_and_ad_valorem"
    NON_CONFERRING_OPERATION = "non_conferring_operation"


@dataclass(frozen=True, slots=True)
class OriginInput:
    code: str
    hs_code: HsCode | None  # needed for a non-originating input (the heading test)
    originating: bool
    wholly_obtained: bool
    value: Decimal  # KZT, per unit of the product


@dataclass(frozen=True, slots=True)
class OriginVerdict:
    country: str
    hs_code: HsCode
    originating: bool
    criterion: Criterion
    rule: OriginRule | None
    ex_works_price: Decimal
    foreign_value: Decimal
    keeping_heading: tuple[str, ...]  # non-originating inputs that do not change heading
    reason: str

    @property
    def foreign_share(self) -> Decimal:
        return self.foreign_value / self.ex_works_price if self.ex_works_price else Decimal(0)


def judge(
    hs_code: HsCode,
    inputs: Sequence[OriginInput],
    ex_works_price: Decimal,
    on: date,
    table: RuleTable,
    operations: Iterable[Operation] = (),
    country: str = "KZ",
) -> OriginVerdict:
    """The origin verdict for one good at one maker; the reason is a sentence a chamber expert can check."""
    if ex_works_price <= 0:
        raise InvalidValue(f"ex-works price of {hs_code}", ex_works_price, "must be greater than zero")
    foreign = [i for i in inputs if not i.originating]
    foreign_value = sum((i.value for i in foreign), Decimal(0))

    def verdict(
        ok: bool, criterion: Criterion, rule: OriginRule | None, keeping: tuple[str, ...], why: str
    ) -> OriginVerdict:
        return OriginVerdict(
            country, hs_code, ok, criterion, rule, ex_works_price, foreign_value, keeping, why
        )

    if inputs and all(i.wholly_obtained for i in inputs):
        return verdict(
            True, Criterion.WHOLLY_OBTAINED, None, (), f"every input is wholly obtained in {country}"
        )
    if not foreign:
        return verdict(
            True, Criterion.ORIGINATING_MATERIALS, None, (), f"made in {country} from originating inputs only"
        )
    done = frozenset(operations)
    if done and done <= NON_CONFERRING_OPERATIONS:
        names = ", ".join(n.text for n in NON_CONFERRING if n.operation in done)
        return verdict(
            False,
            Criterion.NON_CONFERRING_OPERATION,
            None,
            (),
            f"{names} never confer origin on foreign inputs",
        )
    rule = table.rule_for(hs_code, on)
    keeping = _keeping_heading(rule, hs_code, foreign)
    reasons = []
    if rule.change_of_heading:
        if keeping:
            reasons.append(f"{', '.join(keeping)} keep heading {hs_code.heading}")
        else:
            headings = ", ".join(sorted({i.hs_code.heading for i in foreign if i.hs_code is not None}))
            reasons.append(f"every foreign input ({headings}) changes to heading {hs_code.heading}")
    within = True
    if rule.max_foreign_share is not None:
        share = foreign_value / ex_works_price
        within = share <= rule.max_foreign_share
        reasons.append(
            f"foreign materials {foreign_value:,.2f} KZT are {share * 100:.2f} % of the ex-works price"
            f" {ex_works_price:,.2f} KZT: {'within' if within else 'above'}"
            f" {rule.max_foreign_share * 100:.0f} %"
        )
    return verdict(not keeping and within, _criterion(rule), rule, keeping, "; ".join(reasons))


def _keeping_heading(rule: OriginRule, hs_code: HsCode, foreign: list[OriginInput]) -> tuple[str, ...]:
    """Foreign inputs that stay in the product's heading (none when the rule has no heading test)."""
    if not rule.change_of_heading:
        return ()
    for item in foreign:
        if item.hs_code is None:
            raise InvalidValue(
                f"HS code of {item.code}", None, "a foreign input needs one for the heading test"
            )
    return tuple(i.code for i in foreign if i.hs_code is not None and i.hs_code.heading == hs_code.heading)


def _criterion(rule: OriginRule) -> Criterion:
    if rule.change_of_heading and rule.max_foreign_share is not None:
        return Criterion.HEADING_AND_AD_VALOREM
    return Criterion.CHANGE_OF_HEADING if rule.change_of_heading else Criterion.AD_VALOREM
