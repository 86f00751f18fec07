"""A staged candidate the local-content roll-up refuses is planned single-stage, and the reason is kept:
once per product, cloth and reason, with the record to fix."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from tests.unit.allocation.test_staged_planning_from_registry import demo_input, staged_demo

from birlik.allocation.stage_plan import assert_staged_valid, plan_staged
from birlik.demo.build import demo_catalogue
from birlik.domain.hs import HsCode
from birlik.domain.products import Catalogue
from birlik.domain.quantities import Money
from birlik.domain.vocabulary import Currency
from birlik.services.planning.unstaged import REASON_NO_HS_CODE, REASON_ROLL_UP, Unstaged


def with_greige_import(hs_code: HsCode | None) -> Catalogue:
    """The demo registry plus an imported greige for the uniform cloth, as a coordinator would add it."""
    catalogue = demo_catalogue()
    greige = replace(
        catalogue.materials["MAT-UNC-PC-TR"],
        code="MAT-UNC-GR-TR",
        price=Money(Decimal("1.6"), Currency.USD),
        substitutes_for="UNC-GR",
        hs_code=hs_code,
    )
    return Catalogue(catalogue.products.values(), [*catalogue.materials.values(), greige])


def finishing_arcs(problem, index) -> list[int]:  # type: ignore[no-untyped-def]
    return [
        a for a in range(problem.n_arcs) if index.lines[int(problem.arc_line[a])][1].product_sku == "UNC-DY"
    ]


def test_an_import_without_its_hs_code_leaves_the_finishing_single_stage_and_says_why() -> None:
    problem, stage, stage_index, index = staged_demo(demo_input(with_greige_import(None)))
    candidates = finishing_arcs(problem, index)
    assert len(candidates) >= 2, "more than one finisher: the reason is still listed once"
    assert (stage.arc_cloth[candidates] == -1).all(), "planned single-stage, as before"
    assert stage_index.unstaged == (
        Unstaged(
            product="UNC-DY",
            cloth="UNC-GR",
            material="MAT-UNC-GR-TR",
            reason=REASON_NO_HS_CODE,
            message=(
                "HS code of material MAT-UNC-GR-TR = None: no HS code is recorded for it, so the heading "
                "test of origin cannot be made; record it on the material: registry workbook, sheet "
                '"Materials", column "HS code"'
            ),
            missing_hs_code="MAT-UNC-GR-TR",
            orders=("UZ-2027-002",),
            candidates=len(candidates),
        ),
    )
    staged = plan_staged(problem, stage)
    assert_staged_valid(problem, staged)  # the rest of the chain is planned as before


def test_with_the_code_recorded_nothing_is_left_unstaged() -> None:
    problem, stage, stage_index, index = staged_demo(demo_input(with_greige_import(HsCode.parse("5514.12"))))
    assert stage_index.unstaged == ()
    assert (stage.arc_cloth[finishing_arcs(problem, index)] >= 0).all()


def test_another_refusal_is_kept_with_the_roll_ups_own_words_once_per_product_and_cloth() -> None:
    # a finisher whose unit cost for the uniform cloth is below its greige: the roll-up refuses the
    # cloth's finishing there, and every sewn good whose member cloth that finisher could make
    data = demo_input(with_greige_import(HsCode.parse("5514.12")))
    problem, _, _, index = staged_demo(data)
    finisher = index.members[int(problem.arc_member[finishing_arcs(problem, index)[0]])]
    cheap = replace(finisher, unit_costs={**finisher.unit_costs, "UNC-DY": Money(Decimal(1), Currency.KZT)})
    data = replace(data, members=[cheap if m.bin == finisher.bin else m for m in data.members])
    problem, stage, stage_index, index = staged_demo(data)
    unstaged = stage_index.unstaged
    assert {(u.product, u.cloth) for u in unstaged} == {
        ("UNC-DY", "UNC-GR"),
        ("UNI-FLD", "UNC-DY"),
        ("UNI-RW", "UNC-DY"),
    }, "one entry per product and cloth for the one reason"
    for u in unstaged:
        assert (u.reason, u.missing_hs_code) == (REASON_ROLL_UP, None)
        assert u.message.startswith(f"unit cost of UNC-DY at member {finisher.bin}")
        assert "is below the cost of its inputs" in u.message
        left = [
            a
            for a in range(problem.n_arcs)
            if index.lines[int(problem.arc_line[a])][1].product_sku == u.product and stage.arc_cloth[a] < 0
        ]
        assert u.candidates == len(left), f"{u.product}: every candidate left single-stage is counted"
    assert_staged_valid(problem, plan_staged(problem, stage))
