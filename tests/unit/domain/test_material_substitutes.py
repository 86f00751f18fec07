"""A material's "substitutes for": the registry's record of which import can replace which made product."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from birlik.domain.errors import InvalidValue
from birlik.domain.products import Catalogue, Material, Names
from birlik.domain.quantities import Money
from birlik.domain.vocabulary import Currency, Unit
from tests.unit.domain.builders import calico, fibre


def imported_calico(substitutes_for: str | None = "CALICO", unit: Unit = Unit.METRE) -> Material:
    return Material(
        "CAL-UZ", Names("Imported calico"), unit, "UZ", Money(Decimal(300), Currency.KZT), substitutes_for
    )


def test_a_material_names_the_product_it_stands_in_for() -> None:
    cheaper = replace(imported_calico(), code="CAL-CN", price=Money(Decimal(250), Currency.KZT))
    catalogue = Catalogue([calico()], [fibre(), imported_calico(), cheaper])
    assert [m.code for m in catalogue.substitutes("CALICO")] == ["CAL-CN", "CAL-UZ"]
    assert catalogue.substitutes("FIBRE-KZ") == []


def test_an_empty_reference_is_refused_rather_than_kept_blank() -> None:
    with pytest.raises(InvalidValue, match="substitutes_for = ' ': name the SKU of a product"):
        imported_calico(" ")


def test_a_substitute_for_a_product_the_catalogue_does_not_have_is_refused() -> None:
    with pytest.raises(
        InvalidValue,
        match="substitutes_for of material CAL-UZ = 'TWILL': no product with this SKU in the catalogue",
    ):
        Catalogue([calico()], [fibre(), imported_calico("TWILL")])


def test_a_material_cannot_stand_in_for_another_material() -> None:
    with pytest.raises(InvalidValue, match="'FIBRE-KZ': is a purchased material: only a product members"):
        Catalogue([calico()], [fibre(), imported_calico("FIBRE-KZ")])


def test_a_substitute_counted_in_another_unit_is_refused() -> None:
    with pytest.raises(InvalidValue, match="CALICO is counted in m, CAL-UZ in kg"):
        Catalogue([calico()], [fibre(), imported_calico(unit=Unit.KILOGRAM)])
