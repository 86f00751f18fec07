from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from birlik.domain.calendar import Month
from birlik.domain.eligibility import Exclusion, judge
from birlik.domain.errors import InvalidValue
from birlik.domain.members import Certificate
from birlik.domain.products import BomLine, Catalogue, ComponentKind
from birlik.domain.vocabulary import CertificateKind
from tests.unit.domain.builders import calico, calico_order, ct_kz, fibre, weaver


class TestMember:
    def test_refuses_a_bin_with_a_wrong_check_digit(self) -> None:
        with pytest.raises(InvalidValue, match="bin = '123456789012': the check digit"):
            weaver("123456789012")

    def test_local_content_share_comes_from_a_valid_ct_kz(self) -> None:
        member = weaver(certificates=(ct_kz("0.85", valid_to=date(2027, 6, 30)),))
        assert member.local_content_share("CALICO", Month(2027, 6)) == Decimal("0.85")
        assert member.local_content_share("CALICO", Month(2027, 7)) == 0  # expired
        assert member.local_content_share("OTHER", Month(2027, 6)) == 0  # another product

    def test_a_ct_kz_must_state_its_share(self) -> None:
        with pytest.raises(InvalidValue, match="states the local-content share"):
            Certificate(CertificateKind.CT_KZ, "X", date(2027, 1, 1), date(2027, 12, 31), "CALICO", None)


class TestCatalogue:
    def test_rolls_a_bom_down_to_purchased_materials(self) -> None:
        catalogue = Catalogue([calico()], [fibre()])
        [need] = catalogue.purchased_materials("CALICO")
        assert (need.material.code, need.quantity) == ("FIBRE-KZ", Decimal("0.16"))

    def test_refuses_a_bom_line_to_nothing(self) -> None:
        broken = replace(calico(), bom=(BomLine(ComponentKind.MATERIAL, "UNOBTAINIUM", Decimal(1)),))
        with pytest.raises(InvalidValue, match="BOM of CALICO = 'UNOBTAINIUM': no material"):
            Catalogue([broken], [fibre()])

    def test_refuses_a_product_that_contains_itself(self) -> None:
        looped = replace(calico(), bom=(BomLine(ComponentKind.PRODUCT, "CALICO", Decimal(1)),))
        with pytest.raises(InvalidValue, match="CALICO → CALICO"):
            Catalogue([looped], [fibre()])


class TestEligibility:
    def test_a_member_without_the_required_certificate_is_excluded_and_told_why(self) -> None:
        order = calico_order(required_certificates=frozenset({CertificateKind.DEFENSE_CLEARANCE}))
        verdict = judge(weaver(), calico(), order, [Month(2027, 1), Month(2027, 2)])
        assert not verdict.eligible
        assert verdict.exclusions == (Exclusion.MISSING_CERTIFICATE,)
        assert verdict.missing_certificates == (CertificateKind.DEFENSE_CLEARANCE,)

    def test_certificates_are_checked_month_by_month(self) -> None:
        order = calico_order(required_certificates=frozenset({CertificateKind.CT_KZ}))
        member = weaver(certificates=(ct_kz(valid_to=date(2027, 1, 31)),))
        verdict = judge(member, calico(), order, [Month(2027, 1), Month(2027, 2)])
        assert verdict.eligible_months == (Month(2027, 1),)
