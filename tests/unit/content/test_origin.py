"""Origin under the CIS 2009 rules: wholly obtained, change of heading, value rules, dated rule tables."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from birlik.domain.content.origin import Criterion, OriginInput, judge
from birlik.domain.content.origin_rules import (
    CIS_2009,
    NON_CONFERRING,
    Operation,
    OriginRule,
    RuleTable,
    rule_table_from_records,
)
from birlik.domain.errors import InvalidValue
from birlik.domain.hs import HsCode
from tests.unit.content.demo_setting import AZAL_MATA, SHYMKENT_ARNAU, roll

DAY = date(2027, 3, 1)
FABRIC = HsCode.parse("5208.12")


def foreign(code: str, hs: str, value: str) -> OriginInput:
    return OriginInput(code, HsCode.parse(hs), False, False, Decimal(value))


def local(code: str, value: str, wholly: bool = False) -> OriginInput:
    return OriginInput(code, None, True, wholly, Decimal(value))


def value_rule(share: str, heading: str = "5208", change_of_heading: bool = False) -> RuleTable:
    return RuleTable(
        "test",
        (
            *CIS_2009.rules,
            OriginRule(
                heading, date(2020, 1, 1), None, change_of_heading, Decimal(share), "value rule", "test", True
            ),
        ),
    )


class TestHeadingChange:
    def test_yarn_woven_into_fabric_changes_heading_and_is_originating(self) -> None:
        verdict = judge(
            FABRIC,
            [foreign("IMPORTED-YARN", "5205.12", "200"), local("weaving", "250")],
            Decimal(450),
            DAY,
            CIS_2009,
        )
        assert verdict.originating
        assert verdict.criterion is Criterion.CHANGE_OF_HEADING
        assert verdict.rule is not None and verdict.rule.heading == "" and verdict.rule.confirmed
        assert "5205" in verdict.reason and "5208" in verdict.reason

    def test_a_foreign_input_keeping_the_heading_is_not_originating_and_is_named(self) -> None:
        verdict = judge(
            HsCode.parse("5208.32"),
            [foreign("IMPORTED-GREIGE", "5208.12", "400"), local("dyeing", "100")],
            Decimal(500),
            DAY,
            CIS_2009,
        )
        assert not verdict.originating
        assert verdict.keeping_heading == ("IMPORTED-GREIGE",)
        assert "IMPORTED-GREIGE keep heading 5208" in verdict.reason
        assert verdict.rule is not None and "default rule" in verdict.rule.label

    def test_a_value_rule_allows_a_foreign_input_in_the_same_heading(self) -> None:
        inputs = [foreign("IMPORTED-GREIGE", "5208.12", "200"), local("dyeing", "300")]
        allowed = judge(HsCode.parse("5208.32"), inputs, Decimal(500), DAY, value_rule("0.45"))
        assert allowed.originating and allowed.criterion is Criterion.AD_VALOREM
        assert allowed.foreign_share == Decimal("0.4") and "within 45 %" in allowed.reason
        refused = judge(HsCode.parse("5208.32"), inputs, Decimal(500), DAY, value_rule("0.35"))
        assert not refused.originating and "above 35 %" in refused.reason

    def test_a_product_rule_can_ask_for_both_tests(self) -> None:
        table = value_rule("0.50", heading="6203", change_of_heading=True)
        verdict = judge(
            HsCode.parse("6203.22"),
            [foreign("CLOTH", "5514.22", "3500"), local("sewing", "3000")],
            Decimal(6500),
            DAY,
            table,
        )
        assert not verdict.originating and verdict.criterion is Criterion.HEADING_AND_AD_VALOREM
        assert "every foreign input (5514) changes to heading 6203" in verdict.reason


class TestOtherCriteria:
    def test_goods_made_only_of_wholly_obtained_inputs_are_wholly_obtained(self) -> None:
        verdict = judge(
            HsCode.parse("5205.12"), [local("LINT", "380", wholly=True)], Decimal(880), DAY, CIS_2009
        )
        assert verdict.originating and verdict.criterion is Criterion.WHOLLY_OBTAINED and verdict.rule is None

    def test_operations_that_never_confer_origin_do_not_even_with_a_change_of_heading(self) -> None:
        verdict = judge(
            HsCode.parse("6302.31"),
            [foreign("IMPORTED-SHEETS", "5208.22", "3000")],
            Decimal(3200),
            DAY,
            CIS_2009,
            operations=(Operation.SIMPLE_PACKING, Operation.SORTING),
        )
        assert not verdict.originating and verdict.criterion is Criterion.NON_CONFERRING_OPERATION
        assert "simple packing" in verdict.reason

    def test_the_non_conferring_list_says_which_entries_facts_md_confirms(self) -> None:
        confirmed = {n.operation for n in NON_CONFERRING if n.confirmed}
        assert {Operation.WASHING_CLEANING, Operation.PRESSING, Operation.SIMPLE_PACKING} <= confirmed
        assert Operation.SIMPLE_ASSEMBLY not in confirmed


class TestRuleTable:
    def test_the_most_specific_rule_in_force_on_the_day_wins(self) -> None:
        assert CIS_2009.rule_for(HsCode.parse("6203.22"), DAY).heading == "6203"
        assert CIS_2009.rule_for(HsCode.parse("5208.12"), DAY).heading == ""
        with pytest.raises(InvalidValue, match="no rule of CIS rules of origin 2009 is in force"):
            CIS_2009.rule_for(FABRIC, date(2005, 1, 1))

    def test_garment_rules_are_marked_as_assumptions(self) -> None:
        rule = CIS_2009.rule_for(HsCode.parse("6203.23"), DAY)
        assert not rule.confirmed and "ASSUMED" in rule.label

    def test_a_rule_file_with_a_heading_that_does_not_exist_is_refused_naming_the_rule(self) -> None:
        records = [
            {"heading": "", "valid_from": "2009-11-20"},
            {"heading": "5299", "valid_from": "2009-11-20"},
        ]
        with pytest.raises(InvalidValue, match="heading 5299 does not exist"):
            rule_table_from_records("mine", records)

    def test_a_rule_file_needs_a_default_rule_and_dates(self) -> None:
        with pytest.raises(InvalidValue, match="needs a default rule"):
            rule_table_from_records("mine", [{"heading": "6203", "valid_from": "2009-11-20"}])
        with pytest.raises(InvalidValue, match="rule 1 of mine"):
            rule_table_from_records("mine", [{"heading": ""}])


class TestDemoVerdicts:
    def test_greige_calico_at_azal_mata_originates_by_change_of_heading(self) -> None:
        verdict = roll("CAL-GR", AZAL_MATA).origin
        assert verdict.originating and verdict.criterion is Criterion.CHANGE_OF_HEADING
        assert verdict.foreign_value == Decimal("6.90")  # the Chinese PVA size, heading 3905

    def test_field_uniforms_from_turkish_cloth_fail_the_assumed_value_rule(self) -> None:
        verdict = roll("UNI-FLD", SHYMKENT_ARNAU, sources=("UNC-DY=MAT-UNC-PC-TR",)).origin
        assert not verdict.originating
        assert verdict.foreign_value == Decimal("4708.00")  # 3.3 m × 1,280 + 484 of trims
        assert "above 50 %" in verdict.reason

    def test_field_uniforms_from_consortium_cloth_originate(self) -> None:
        verdict = roll("UNI-FLD", SHYMKENT_ARNAU).origin
        assert verdict.originating and verdict.foreign_value == Decimal("484.00")
