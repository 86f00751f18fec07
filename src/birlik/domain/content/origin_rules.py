"""The CIS 2009 rules of origin as a dated rule table, and the operations that never confer origin.

Sources (facts.md §2): the CIS Agreement on Rules for determining the country of origin of goods, Yalta,
20 Nov 2009 (amended up to 8 Jun 2023). A good is originating if it is wholly obtained in a state or
sufficiently processed there. The general criterion of sufficient processing is a change of the HS code
at the level of any of its first four digits (the heading); for goods in the Rules' Appendix 1 a product
rule applies, which may be an ad valorem rule (foreign materials ≤ X % of the ex-works price), alone or
with other conditions.

What is NOT confirmed: the Appendix 1 lines for chapters 52, 55, 62 and 63, and whether 50 % is the usual
threshold (facts.md §2 and §7 gap 3). The product rules below for garments and bed linen are therefore
marked `confirmed=False`: they are the consortium's prudent working assumption (a value test on top of
the change of heading), applied so that a verdict is never more generous than the default rule, and every
verdict names the rule and its status. Load a confirmed table with `rule_table_from_records`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from birlik.domain.errors import InvalidValue
from birlik.domain.hs import HsCode
from birlik.domain.quantities import to_decimal

CIS_RULES_SIGNED = date(2009, 11, 20)
_CIS_SOURCE = "CIS Agreement on Rules of origin, Yalta, 20 Nov 2009, Rules (facts.md §2)"


@dataclass(frozen=True, slots=True)
class OriginRule:
    """One line of the table: for goods under `heading` (all goods when empty), from a day on."""

    heading: str  # "" for the default rule, else the first 4 or 6 digits of the product's HS code
    valid_from: date
    valid_to: date | None
    change_of_heading: bool
    max_foreign_share: Decimal | None
    text: str
    source: str
    confirmed: bool

    def __post_init__(self) -> None:
        label = f"origin rule {self.heading or 'default'} from {self.valid_from}"
        if self.heading:
            HsCode.parse(self.heading, field=f"heading of {label}")
            if len(self.heading) not in (4, 6):
                raise InvalidValue(f"heading of {label}", self.heading, "give 4 or 6 digits")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise InvalidValue(f"valid_to of {label}", self.valid_to.isoformat(), "is before valid_from")
        if self.max_foreign_share is not None and not Decimal(0) < self.max_foreign_share <= Decimal(1):
            raise InvalidValue(f"max_foreign_share of {label}", self.max_foreign_share, "must be in (0, 1]")
        if not self.change_of_heading and self.max_foreign_share is None:
            raise InvalidValue(label, self.text, "a rule needs a change of heading, a value limit or both")

    def in_force(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def label(self) -> str:
        tests = []
        if self.change_of_heading:
            tests.append("change of heading")
        if self.max_foreign_share is not None:
            tests.append(f"foreign materials ≤ {self.max_foreign_share * 100:.0f} % of the ex-works price")
        scope = f"heading {self.heading}" if self.heading else "default rule"
        status = "confirmed" if self.confirmed else "ASSUMED, not confirmed"
        return f"{scope}: {' and '.join(tests)} ({status})"


class RuleTable:
    """The rules of one agreement; the most specific rule in force on the day wins."""

    def __init__(self, name: str, rules: Iterable[OriginRule]) -> None:
        self.name = name
        self.rules = tuple(rules)

    def rule_for(self, hs_code: HsCode, on: date) -> OriginRule:
        in_force = [r for r in self.rules if r.in_force(on) and hs_code.digits.startswith(r.heading)]
        if not in_force:
            raise InvalidValue(
                "origin rule",
                f"{hs_code} on {on.isoformat()}",
                f"no rule of {self.name} is in force that day",
            )
        return max(in_force, key=lambda r: (len(r.heading), r.valid_from))


def _assumed_garment_rule(heading: str, what: str) -> OriginRule:
    return OriginRule(
        heading,
        CIS_RULES_SIGNED,
        None,
        change_of_heading=True,
        max_foreign_share=Decimal("0.50"),
        text=f"{what}: change of heading and foreign materials ≤ 50 % of the ex-works price",
        source="ASSUMED: Appendix 1 line not confirmed; 50 % threshold unverified (facts.md §2, §7 gap 3)",
        confirmed=False,
    )


CIS_2009 = RuleTable(
    "CIS rules of origin 2009",
    (
        OriginRule(
            "",
            CIS_RULES_SIGNED,
            None,
            change_of_heading=True,
            max_foreign_share=None,
            text="sufficient processing: change of the HS code at the level of any of the first four digits",
            source=_CIS_SOURCE,
            confirmed=True,
        ),
        _assumed_garment_rule("6203", "men's suits, ensembles, jackets, trousers, not knitted"),
        _assumed_garment_rule("6204", "women's suits, ensembles, dresses, not knitted"),
        _assumed_garment_rule("6205", "men's shirts, not knitted"),
        _assumed_garment_rule("6302", "bed, table, toilet and kitchen linen"),
    ),
)


def rule_table_from_records(name: str, records: Iterable[Mapping[str, object]]) -> RuleTable:
    """A rule table from plain records (a JSON file the coordinator keeps), each checked and named."""
    rules = []
    for i, record in enumerate(records, start=1):
        where = f"rule {i} of {name}"
        if not isinstance(record, Mapping):
            raise InvalidValue(where, record, 'expected an object such as {"heading": "6203", ...}')
        try:
            share = record.get("max_foreign_share")
            rules.append(
                OriginRule(
                    heading=str(record.get("heading") or "").replace(".", ""),
                    valid_from=date.fromisoformat(str(record["valid_from"])),
                    valid_to=date.fromisoformat(str(record["valid_to"])) if record.get("valid_to") else None,
                    change_of_heading=bool(record.get("change_of_heading", True)),
                    max_foreign_share=None if share is None else to_decimal(f"{where} share", share),
                    text=str(record.get("text", "")),
                    source=str(record.get("source", "")),
                    confirmed=bool(record.get("confirmed", False)),
                )
            )
        except KeyError as missing:
            raise InvalidValue(where, dict(record), f"field {missing} is required") from None
        except ValueError as bad:
            raise InvalidValue(where, dict(record), str(bad)) from None
    if not any(r.heading == "" for r in rules):
        raise InvalidValue(name, f"{len(rules)} rules", "the table needs a default rule (empty heading)")
    return RuleTable(name, rules)


class Operation(StrEnum):
    """What a member does to its inputs; the first group never confers origin on its own."""

    PRESERVATION = "preservation"
    WASHING_CLEANING = "washing_cleaning"
    PRESSING = "pressing"
    PAINTING_POLISHING = "painting_polishing"
    SORTING = "sorting"
    BOTTLING = "bottling"
    SIMPLE_PACKING = "simple_packing"
    SPLITTING_LOTS = "splitting_lots"
    SIMPLE_ASSEMBLY = "simple_assembly"
    SIMPLE_MIXING = "simple_mixing"
    SPINNING = "spinning"
    WEAVING = "weaving"
    FINISHING = "finishing"
    SEWING = "sewing"
    KNITTING = "knitting"


@dataclass(frozen=True, slots=True)
class NonConferring:
    operation: Operation
    text: str
    confirmed: bool  # named in facts.md §2 (pgplaw's summary of the Rules) or only commonly listed


_FACTS = True
_COMMON = False
NON_CONFERRING: tuple[NonConferring, ...] = (
    NonConferring(Operation.WASHING_CLEANING, "washing, cleaning", _FACTS),
    NonConferring(Operation.PRESSING, "pressing", _FACTS),
    NonConferring(Operation.PAINTING_POLISHING, "simple dyeing (painting) and polishing operations", _FACTS),
    NonConferring(Operation.SORTING, "sorting", _FACTS),
    NonConferring(Operation.BOTTLING, "bottling", _FACTS),
    NonConferring(Operation.SIMPLE_PACKING, "simple packing", _FACTS),
    NonConferring(Operation.PRESERVATION, "keeping goods in good condition in storage or transport", _COMMON),
    NonConferring(
        Operation.SPLITTING_LOTS, "splitting and consolidating lots for sale or transport", _COMMON
    ),
    NonConferring(Operation.SIMPLE_ASSEMBLY, "simple assembly", _COMMON),
    NonConferring(Operation.SIMPLE_MIXING, "mixing without changing the characteristics", _COMMON),
)
NON_CONFERRING_OPERATIONS = frozenset(n.operation for n in NON_CONFERRING)
