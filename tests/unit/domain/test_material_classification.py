"""A material's HS code and "wholly obtained": its own record, checked when it is made."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from birlik.demo.build import demo_catalogue
from birlik.domain.content.classification import MissingHsCode, foreign_hs_code
from birlik.domain.errors import InvalidValue
from birlik.domain.hs import HsCode
from birlik.domain.products import Material, Names
from birlik.domain.quantities import Money
from birlik.domain.vocabulary import Currency, Unit
from birlik.services.records import BomRecord
from tests.unit.domain.builders import fibre


def greige_import(**changes: object) -> Material:
    material = Material(
        "MAT-UNC-GR-TR", Names("Greige uniform twill"), Unit.METRE, "TR", Money(Decimal(830), Currency.KZT)
    )
    return replace(material, **changes)


def test_a_material_records_its_hs_code_and_is_not_wholly_obtained_unless_said() -> None:
    material = greige_import(hs_code=HsCode.parse("5514.12"))
    assert str(material.hs_code) == "5514.12" and material.wholly_obtained is False
    assert fibre().hs_code is None, "the code is optional: a domestic material needs none"
    lint = replace(fibre(), hs_code=HsCode.parse("5201.00"), wholly_obtained=True)
    assert lint.wholly_obtained and foreign_hs_code(lint) == HsCode("520100")


def test_an_hs_code_that_bypassed_the_parser_is_refused_naming_the_material() -> None:
    with pytest.raises(
        InvalidValue, match=r"HS code of material MAT-UNC-GR-TR = '5299': heading 5299 does not exist"
    ):
        greige_import(hs_code=HsCode("5299"))


def test_an_hs_code_given_as_text_is_parsed_or_refused_naming_the_material() -> None:
    given: object = "5514.12"
    assert greige_import(hs_code=given).hs_code == HsCode.parse("5514.12")
    with pytest.raises(InvalidValue, match=r"HS code of material MAT-UNC-GR-TR = '55-14': an HS code has"):
        greige_import(hs_code="55-14")


def test_wholly_obtained_must_be_yes_or_no() -> None:
    with pytest.raises(InvalidValue, match=r"wholly_obtained of material MAT-UNC-GR-TR = 'yes': must be yes"):
        greige_import(wholly_obtained="yes")


def test_a_foreign_material_without_its_code_says_where_to_record_it() -> None:
    with pytest.raises(MissingHsCode) as caught:
        foreign_hs_code(greige_import())
    assert caught.value.material_code == "MAT-UNC-GR-TR"
    assert 'sheet "Materials", column "HS code"' in str(caught.value)


def test_the_apis_bill_of_materials_shows_each_materials_classification() -> None:
    record = BomRecord.of(demo_catalogue(), "WW-SUIT", with_prices=False)
    by_code = {m.code: m for m in record.purchased_materials}
    assert (by_code["MAT-CO-FIB-KZ"].hs_code, by_code["MAT-CO-FIB-KZ"].wholly_obtained) == ("5201.00", True)
    assert (by_code["MAT-ZIP-TR"].hs_code, by_code["MAT-ZIP-TR"].wholly_obtained) == ("9607.11", False)
