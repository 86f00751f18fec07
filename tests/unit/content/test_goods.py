"""CT-KZ share of a good, hand-computed on the demo catalogue to the tenge (prices: demo/data.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from birlik.domain.content.goods import Method, method_on
from birlik.domain.content.rollup import InputKind
from tests.unit.content.demo_setting import (
    ALATAU,
    AZAL_MATA,
    MELANZH,
    SHYMKENT_ARNAU,
    SHYMKENT_MODA,
    roll,
    share,
)

# Workwear suit trims per set: thread 220 m × 0.32 (TR) + 9 buttons × 6.50 (CN) + zip 140 (TR)
# + reflective tape 1.5 m × 260 (CN) + elastic 0.3 m × 95 (CN) = 687.40 KZT of foreign materials.
SUIT_TRIMS_FOREIGN = Decimal("70.40") + Decimal("58.50") + Decimal("140") + Decimal("390") + Decimal("28.50")


class TestHandComputedDemoGoods:
    def test_greige_calico_from_kazakh_cotton_is_near_one_hundred_percent(self) -> None:
        # Azal Mata spins its own yarn from Kazakh lint; only the PVA size (0.006 kg × 1,150) is foreign.
        result = share("CAL-GR", AZAL_MATA)
        assert result.foreign == Decimal("6.90")
        assert result.cost == Decimal("455.00")
        assert result.share == 1 - Decimal("6.90") / Decimal("455.00")  # 98.48 %
        assert round(result.share * 100, 2) == Decimal("98.48")

    def test_workwear_from_a_member_mills_cloth_is_high(self) -> None:
        result = share("WW-SUIT", SHYMKENT_ARNAU, sources=("TWL-DY=" + MELANZH,))
        assert result.foreign == SUIT_TRIMS_FOREIGN
        assert round(result.share * 100, 2) == Decimal("91.77")  # 1 − 687.40 / 8,350

    def test_the_same_workwear_from_imported_poly_cotton_cloth_is_low(self) -> None:
        # 3.2 m of Chinese twill at 980 KZT = 3,136 KZT more foreign material
        result = share("WW-SUIT", SHYMKENT_ARNAU, sources=("TWL-DY=MAT-TWL-PC-CN",))
        assert result.foreign == Decimal("3136.00") + SUIT_TRIMS_FOREIGN
        assert round(result.share * 100, 2) == Decimal("54.21")  # 1 − 3,823.40 / 8,350

    def test_a_fashion_dress_with_imported_trims(self) -> None:
        # thread 150 m × 0.32 (TR) + zip 140 (TR) + interlining 0.2 m × 380 (CN) = 264 KZT
        result = share("FSH-DRS", SHYMKENT_MODA)
        assert result.foreign == Decimal("264.00")
        assert round(result.share * 100, 2) == Decimal("95.02")  # 1 − 264 / 5,300

    def test_the_breakdown_lists_every_input_with_quantity_cost_origin_and_contribution(self) -> None:
        result = share("WW-SUIT", ALATAU, sources=("TWL-DY=MAT-TWL-PC-CN",))
        lines = {line.code: line for line in result.rollup.inputs}
        cloth = lines["MAT-TWL-PC-CN"]
        assert (cloth.kind, cloth.quantity, cloth.cost, cloth.origin_country) == (
            InputKind.IMPORTED,
            Decimal("3.2"),
            Decimal("3136.00"),
            "CN",
        )
        assert result.contribution(cloth) == Decimal("3136.00") / Decimal("7600.00")
        own = lines["sewing"]
        assert own.kind is InputKind.OWN_WORK and own.foreign_cost == 0
        assert sum(line.cost for line in result.rollup.inputs) == Decimal("7600.00")
        taken_off = sum(result.contribution(line) for line in result.rollup.inputs)
        assert abs(taken_off - (1 - result.share)) < Decimal("1e-20")


class TestMadeInputs:
    def test_a_made_input_is_kazakh_when_its_roll_up_says_it_originates_in_kazakhstan(self) -> None:
        rollup = roll("WW-SUIT", SHYMKENT_ARNAU, sources=("TWL-DY=" + MELANZH,))
        [cloth] = [line for line in rollup.inputs if line.code == "TWL-DY"]
        assert cloth.kind is InputKind.MADE and cloth.supplier_bin == MELANZH
        assert cloth.originating and cloth.cost == Decimal("3.2") * Decimal("1090.00")
        assert cloth.detail is not None and cloth.detail.origin.originating

    def test_without_a_choice_the_maker_uses_its_own_production(self) -> None:
        rollup = roll("CAL-GR", AZAL_MATA)
        [yarn] = [line for line in rollup.inputs if line.code == "YRN-CO"]
        assert yarn.supplier_bin == AZAL_MATA and yarn.unit_cost == Decimal("880.00")

    def test_without_a_choice_a_sewing_member_buys_from_the_cheapest_maker(self) -> None:
        rollup = roll("WW-SUIT", SHYMKENT_ARNAU)
        [cloth] = [line for line in rollup.inputs if line.code == "TWL-DY"]
        assert cloth.supplier_bin == MELANZH  # 1,090 KZT/m, below Utek 1,120 and Ontustik Arsenal 1,130


class TestRuleByDate:
    @pytest.mark.parametrize(
        ("day", "method"),
        [(date(2024, 4, 27), Method.EX_WORKS), (date(2024, 4, 28), Method.COST_2024)],
    )
    def test_the_2024_rule_applies_from_28_april_2024(self, day: date, method: Method) -> None:
        assert method_on(day) is method

    def test_the_older_rule_divides_by_the_ex_works_price_with_profit_and_vat(self) -> None:
        result = share("CAL-GR", AZAL_MATA, on=date(2024, 1, 15), profit_margin=Decimal("0.10"))
        assert result.method is Method.EX_WORKS
        assert result.denominator == Decimal("455.00") * Decimal("1.10") * Decimal("1.12")
        assert result.share == 1 - Decimal("6.90") / result.denominator
        assert result.share > share("CAL-GR", AZAL_MATA).share  # the old rule inflated the share

    def test_either_rule_can_be_forced(self) -> None:
        forced = share("CAL-GR", AZAL_MATA, method=Method.EX_WORKS)
        assert forced.vat_rate == Decimal("0.16")  # KZ VAT in March 2027
