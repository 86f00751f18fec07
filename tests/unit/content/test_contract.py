"""Contract local content: the methodology's worked example, Ki from certificates, and the works form."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from birlik.domain.calendar import Month
from birlik.domain.content.contract import (
    GOODS_FORMULA,
    WORKS_FORMULA,
    CertifiedShare,
    GoodsItem,
    WorksItem,
    certified_share,
    contract_share,
    reaches_floor,
    share_of_certificate,
)
from birlik.domain.errors import InvalidValue
from tests.unit.domain.builders import ct_kz, weaver


def k(share: str) -> CertifiedShare:
    return CertifiedShare(Decimal(share), None, "test")


class TestGoodsFormula:
    def test_the_methodology_worked_example_gives_eighty_percent(self) -> None:
        # smetka.kz (facts.md §1.2): 10 m² of tile, S = 10 × 5,000; CT = 10 × 4,000 from a producer with K = 1
        result = contract_share(Decimal(50_000), [GoodsItem("tile", Decimal(40_000), k("1"))])
        assert result.share == Decimal("0.8")
        assert result.formula == GOODS_FORMULA

    def test_unassigned_value_stays_in_s_and_counts_zero(self) -> None:
        result = contract_share(
            Decimal(1000),
            [GoodsItem("made", Decimal(600), k("0.9")), GoodsItem("open", Decimal(400), k("0"))],
        )
        assert result.share == Decimal("0.54")

    @pytest.mark.parametrize(
        ("total", "items", "message"),
        [
            (Decimal(0), [], "must be greater than zero"),
            (
                Decimal(100),
                [GoodsItem("too much", Decimal(150), CertifiedShare(Decimal(1), None, ""))],
                "more than S",
            ),
            (
                Decimal(100),
                [GoodsItem("negative", Decimal(-1), CertifiedShare(Decimal(1), None, ""))],
                "negative",
            ),
        ],
    )
    def test_bad_contracts_are_refused_with_a_clear_message(
        self, total: Decimal, items: list[GoodsItem], message: str
    ) -> None:
        with pytest.raises(InvalidValue, match=message):
            contract_share(total, items)

    @given(
        st.lists(
            st.tuples(
                st.decimals(min_value=1, max_value=10**9, places=2),
                st.decimals(min_value=0, max_value=1, places=4),
            ),
            min_size=1,
            max_size=12,
        )
    )
    def test_goods_from_their_own_producers_give_the_value_weighted_mean_share(
        self, goods: list[tuple[Decimal, Decimal]]
    ) -> None:
        total = sum(value for value, _ in goods)
        result = contract_share(total, [GoodsItem(f"g{i}", v, k(str(s))) for i, (v, s) in enumerate(goods)])
        mean = sum(v * s for v, s in goods) / total
        assert abs(result.share - mean) < Decimal("1e-20")
        assert Decimal(0) <= result.share <= Decimal(1)


class TestKiFromCertificates:
    def test_a_valid_ct_kz_gives_its_share_and_names_itself(self) -> None:
        member = weaver(certificates=(ct_kz("0.85"),))
        ki = certified_share(member, "CALICO", Month(2027, 3))
        assert ki.share == Decimal("0.85") and ki.certificate is not None and "KZ-001" in ki.note

    def test_an_expired_ct_kz_counts_zero_and_says_when_it_expired(self) -> None:
        member = weaver(certificates=(ct_kz("0.85", valid_to=date(2027, 2, 28)),))
        ki = certified_share(member, "CALICO", Month(2027, 3))
        assert ki.share == 0
        assert "CT-KZ KZ-001 expired on 2027-02-28" in ki.note

    def test_no_ct_kz_counts_zero(self) -> None:
        assert certified_share(weaver(), "CALICO", Month(2027, 3)).share == 0

    def test_a_certificate_named_explicitly_is_refused_when_expired(self) -> None:
        with pytest.raises(InvalidValue, match=r"certificate KZ-001.*not valid on 2028-01-05"):
            share_of_certificate(ct_kz("0.85"), date(2028, 1, 5))
        assert share_of_certificate(ct_kz("0.85"), date(2027, 6, 1)) == Decimal("0.85")


class TestWorksForm:
    def test_works_are_weighted_by_the_kazakhstani_share_of_the_wage_fund(self) -> None:
        # S = 1,000,000 of sewing: trims 200,000 without CT-KZ, works 800,000 with R = 0.97
        result = contract_share(
            Decimal(1_000_000),
            [GoodsItem("trims", Decimal(200_000), k("0"))],
            [WorksItem("sewing", Decimal(800_000), Decimal("0.97"), "stated by the member")],
        )
        assert result.share == Decimal("0.776")
        assert result.formula == WORKS_FORMULA and "UNCONFIRMED" in result.formula

    def test_a_wage_share_outside_zero_to_one_is_refused(self) -> None:
        with pytest.raises(InvalidValue, match="wage-fund share of sewing"):
            WorksItem("sewing", Decimal(1), Decimal("1.2"), "")


@pytest.mark.parametrize(
    ("share", "met"), [("0.5999999971929824", True), ("0.60", True), ("0.59994", False), ("0.59995", True)]
)
def test_a_floor_is_reached_as_the_share_is_stated_to_a_hundredth_of_a_percent(share: str, met: bool) -> None:
    assert reaches_floor(Decimal(share), Decimal("0.60")) is met
