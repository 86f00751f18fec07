"""Bad input is refused with a message naming the record (the roll-up writes nothing anywhere)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from birlik.domain.content.goods import good_share
from birlik.domain.errors import InvalidValue
from birlik.domain.hs import HsCode
from birlik.domain.products import Catalogue
from birlik.domain.vocabulary import Process
from tests.unit.content.builders import BIN_A, BIN_B, catalogue, material, mill, product, roller

WEAVER = {"YARN": "900", "CLOTH": "500", "SUIT": "3000"}


def test_a_material_priced_at_zero_is_named() -> None:
    cat = catalogue(
        material("FREE-DYE", "DE", "0"),
        extra=(
            product(
                "DYED",
                "5208.32",
                Process.FINISHING,
                ("product", "CLOTH", "1"),
                ("material", "FREE-DYE", "0.01"),
            ),
        ),
    )
    with pytest.raises(InvalidValue, match=r"price of material FREE-DYE .*zero price would hide its share"):
        roller(cat, mill(DYED="700", **WEAVER)).roll_up("DYED", BIN_A)


def test_a_material_of_unknown_origin_is_named() -> None:
    cat = catalogue(
        material("MYSTERY", "XX", "10"),
        extra=(product("ODD", "5208.19", Process.WEAVING, ("material", "MYSTERY", "1")),),
    )
    with pytest.raises(InvalidValue, match=r"origin of material MYSTERY = 'XX': unknown origin"):
        roller(cat, mill(ODD="100")).roll_up("ODD", BIN_A)


def test_a_foreign_material_without_an_hs_code_is_named() -> None:
    cat = catalogue(
        material("NEW-DYE", "IN", "10"),
        extra=(product("ODD", "5208.19", Process.WEAVING, ("material", "NEW-DYE", "1")),),
    )
    with pytest.raises(
        InvalidValue,
        match=r'HS code of material NEW-DYE.*heading test.*sheet "Materials", column "HS code"',
    ):
        roller(cat, mill(ODD="100")).roll_up("ODD", BIN_A)


def test_a_domestic_material_needs_no_hs_code_and_a_foreign_one_is_judged_by_its_own() -> None:
    odd = product("ODD", "5208.19", Process.WEAVING, ("material", "NEW-DYE", "1"))
    local = roller(catalogue(material("NEW-DYE", "KZ", "10"), extra=(odd,)), mill(ODD="100"))
    assert local.roll_up("ODD", BIN_A).origin.originating
    same_heading = material("NEW-DYE", "IN", "10", hs="5208.11")  # cloth of the product's own heading
    foreign = roller(catalogue(same_heading, extra=(odd,)), mill(ODD="100")).roll_up("ODD", BIN_A)
    assert not foreign.origin.originating and "NEW-DYE" in foreign.origin.reason


def test_a_cycle_in_a_bom_is_refused_naming_the_path() -> None:
    loop = product("LOOP", "5208.19", Process.WEAVING, ("product", "KNOT", "1"))
    knot = product("KNOT", "5208.19", Process.WEAVING, ("product", "LOOP", "1"))
    with pytest.raises(InvalidValue, match="LOOP → KNOT → LOOP"):
        Catalogue([loop, knot], [])


def test_an_hs_code_that_does_not_exist_is_refused() -> None:
    with pytest.raises(InvalidValue, match="heading 5299 does not exist"):
        HsCode.parse("5299.10")


def test_a_unit_cost_below_the_inputs_is_refused_naming_member_and_product() -> None:
    with pytest.raises(InvalidValue, match=r"unit cost of CLOTH at member .*is below the cost of its inputs"):
        roller(catalogue(), mill(YARN="900", CLOTH="100")).roll_up("CLOTH", BIN_A)


def test_a_supplier_that_does_not_make_the_input_is_refused() -> None:
    with pytest.raises(InvalidValue, match=r"has no unit cost for it"):
        roller(catalogue(), mill(**WEAVER), mill(BIN_B, SUIT="3000"), sources=(f"CLOTH={BIN_B}",)).roll_up(
            "SUIT", BIN_A
        )


def test_an_import_in_another_unit_is_refused() -> None:
    cat = catalogue(material("BALE", "CN", "100"))
    with pytest.raises(InvalidValue, match=r"source of CLOTH = 'BALE': is counted in kg, CLOTH in m"):
        roller(cat, mill(**WEAVER), sources=("CLOTH=BALE",)).roll_up("SUIT", BIN_A)


def test_a_made_input_nobody_makes_is_refused() -> None:
    with pytest.raises(InvalidValue, match=r"BOM of SUIT = 'CLOTH': no member makes it"):
        roller(catalogue(), mill(SUIT="3000")).roll_up("SUIT", BIN_A)


def test_a_bad_source_spec_is_refused() -> None:
    with pytest.raises(InvalidValue, match="SKU=BIN or SKU=MATERIAL"):
        roller(catalogue(), mill(**WEAVER), sources=("CLOTH",))


def test_a_good_share_needs_no_negative_margin() -> None:
    rollup = roller(catalogue(), mill(**WEAVER)).roll_up("CLOTH", BIN_A)
    with pytest.raises(InvalidValue, match="profit margin"):
        good_share(rollup, profit_margin=Decimal("-0.1"))
