"""The cloth stage built from the registry, on the demo consortium in memory: which imports a run weighs,
each month's share of a staged good, and who may make a defense order's cloth."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import numpy as np
import pytest

from birlik.allocation.stage_plan import assert_staged_valid, plan_staged
from birlik.allocation.stages import stage_shares
from birlik.demo.build import demo_catalogue, demo_members, demo_orders, demo_rates
from birlik.domain.content.goods import good_share
from birlik.domain.content.rollup import Roller, Setting
from birlik.domain.content.sourcing import Imported, Sourcing
from birlik.domain.errors import InvalidValue
from birlik.domain.exchange import ExchangeRates
from birlik.domain.hs import HsCode
from birlik.domain.products import Catalogue
from birlik.domain.quantities import Money
from birlik.domain.vocabulary import CertificateKind, Currency
from birlik.services.planning import PlanningOptions
from birlik.services.planning.problem import PlanningInput, build_problem
from birlik.services.planning.stages import add_cloth_stage
from birlik.services.planning.substitutes import decide_stages

REGISTRY = {"CAL-BL": "MAT-CAL-BL-UZ", "TWL-DY": "MAT-TWL-PC-CN", "UNC-DY": "MAT-UNC-PC-TR"}


def demo_input(catalogue: Catalogue | None = None, *, oil_needs_ct_kz: bool = True) -> PlanningInput:
    catalogue = catalogue or demo_catalogue()
    orders = demo_orders(catalogue)
    if not oil_needs_ct_kz:  # then members whose CT-KZ starts or lapses mid-horizon stay eligible
        orders = [
            replace(o, required_certificates=frozenset({CertificateKind.ISO_9001}))
            if o.number == "OIL-2027-003"
            else o
            for o in orders
        ]
    return PlanningInput(demo_members(), catalogue, orders, ExchangeRates(demo_rates()))


class TestWhichImports:
    def test_the_registry_names_the_imports_and_the_run_is_multi_stage(self) -> None:
        options = decide_stages(PlanningOptions(), demo_input())
        assert options.stages is True and dict(options.cloth_imports) == REGISTRY

    def test_the_runs_own_import_replaces_the_registrys_for_that_cloth(self) -> None:
        chosen = {"TWL-DY": "MAT-UNC-PC-TR"}
        options = decide_stages(PlanningOptions(cloth_imports=chosen), demo_input())
        assert dict(options.cloth_imports) == {**REGISTRY, **chosen}

    def test_single_stage_when_asked_or_when_the_registry_knows_no_import(self) -> None:
        assert decide_stages(PlanningOptions(stages=False), demo_input()).stages is False
        catalogue = demo_catalogue()
        bare = Catalogue(
            catalogue.products.values(),
            [replace(m, substitutes_for=None) for m in catalogue.materials.values()],
        )
        assert decide_stages(PlanningOptions(), demo_input(bare)).stages is False
        asked = decide_stages(PlanningOptions(stages=True), demo_input(bare))
        assert asked.stages is True and dict(asked.cloth_imports) == {}

    def test_of_several_imports_the_cheapest_in_tenge_is_weighed(self) -> None:
        catalogue = demo_catalogue()
        twill = catalogue.materials["MAT-TWL-PC-CN"]
        dearer = replace(twill, code="MAT-TWL-A", price=Money(Decimal(2), Currency.USD))  # 1,040 KZT
        cheaper = replace(twill, code="MAT-TWL-Z", price=Money(Decimal("1.8"), Currency.USD))  # 936 KZT
        more = Catalogue(catalogue.products.values(), [*catalogue.materials.values(), dearer, cheaper])
        options = decide_stages(PlanningOptions(), demo_input(more))
        assert options.cloth_imports["TWL-DY"] == "MAT-TWL-Z"

    def test_an_import_in_another_unit_is_refused_naming_the_option(self) -> None:
        with pytest.raises(
            InvalidValue, match="--import-cloth = 'TWL-DY=MAT-CO-FIB-KZ': TWL-DY is counted in m"
        ):
            decide_stages(PlanningOptions(cloth_imports={"TWL-DY": "MAT-CO-FIB-KZ"}), demo_input())


def staged_demo(data: PlanningInput):  # type: ignore[no-untyped-def]
    options = decide_stages(PlanningOptions(), data)
    problem, index = build_problem(data, options)
    return (*add_cloth_stage(problem, index, data, options), index)


def test_a_staged_good_counts_its_share_only_in_months_its_sewer_holds_a_ct_kz() -> None:
    # OIL-2027-003 without a CT-KZ requirement: Saryarka Kiim (CT-KZ to 31 May 2027) and the holder of
    # CTKZ-26-TRK-00190 (to 28 Feb 2027) may sew it all year, their suits counting 0 once it lapsed.
    data = demo_input(oil_needs_ct_kz=False)
    problem, stage, stage_index, index = staged_demo(data)
    members = {m.bin: m for m in data.members}
    day = index.months[0].first_day()
    changing = 0
    for arc in np.flatnonzero(stage.arc_cloth >= 0):
        sewer = index.members[int(problem.arc_member[arc])]
        _, line = index.lines[int(problem.arc_line[arc])]
        cloth, code = (
            stage_index.cloths[int(stage.arc_cloth[arc])],
            stage_index.imports[int(stage.arc_cloth[arc])],
        )
        months = np.arange(problem.arc_first_month[arc], problem.arc_last_month[arc] + 1)
        k_import, _ = stage_shares(problem, stage, np.full(months.shape, arc), months)
        roller = Roller(Setting(data.catalogue, members, data.rates, day, Sourcing({cloth: Imported(code)})))
        share = float(good_share(roller.roll_up(line.product_sku, sewer.bin)).share)
        held = [sewer.holds(CertificateKind.CT_KZ, index.month_of(int(t)), line.product_sku) for t in months]
        assert k_import.tolist() == pytest.approx([share if h else 0.0 for h in held])
        changing += len(set(held)) > 1
    assert changing >= 2, "the demo has sewers whose certificate lapses inside the window"
    staged = plan_staged(problem, stage)
    assert_staged_valid(problem, staged)
    a = staged.plan.assignments
    for i in range(len(a)):
        sewer = index.members[int(a.member[i])]
        _, line = index.lines[int(a.line[i])]
        if not sewer.holds(CertificateKind.CT_KZ, index.month_of(int(a.month[i])), line.product_sku):
            assert staged.lc_share[i] == 0, f"{sewer.name} holds no CT-KZ in month {a.month[i]}"


def test_a_defense_orders_cloth_is_made_only_by_cleared_mills_in_cleared_months() -> None:
    data = demo_input()
    problem, stage, _, index = staged_demo(data)
    defense = {
        int(stage.arc_cloth[a])
        for a in np.flatnonzero(stage.arc_cloth >= 0)
        if index.lines[int(problem.arc_line[a])][0].confidential
    }
    assert defense, "the defense order's field uniforms take staged cloth"
    assert all("(cleared mills)" in stage.cloth_name(c) for c in defense)
    cleared = np.isin(stage.supply_cloth, list(defense))
    assert cleared.any()
    for s in np.flatnonzero(cleared):
        mill = index.members[int(stage.supply_mill[s])]
        for t in range(int(stage.supply_first[s]), int(stage.supply_last[s]) + 1):
            assert mill.holds(CertificateKind.DEFENSE_CLEARANCE, index.month_of(t)), mill.name
    staged = plan_staged(problem, stage)
    assert_staged_valid(problem, staged)
    made = staged.flows.supply[np.isin(stage.supply_cloth[staged.flows.supply], list(defense))]
    assert made.size, "the cleared mills weave for the field uniforms"


def test_a_finishing_assignment_takes_member_greige_or_an_import_the_same_way() -> None:
    # The defense order also buys the uniform cloth itself (UNC-DY, finished from UNC-GR greige). Once the
    # registry names an import for the greige, those finishing assignments are staged like sewing ones:
    # greige woven by (cleared) member mills or imported, at the mills' capacity and with its share.
    catalogue = demo_catalogue()
    cloth = catalogue.materials["MAT-UNC-PC-TR"]
    greige = replace(
        cloth,
        code="MAT-UNC-GR-TR",
        price=Money(Decimal("1.6"), Currency.USD),
        substitutes_for="UNC-GR",
        hs_code=HsCode.parse("5514.12"),  # greige poly/cotton twill, recorded on the material itself
    )
    data = demo_input(Catalogue(catalogue.products.values(), [*catalogue.materials.values(), greige]))
    problem, stage, stage_index, index = staged_demo(data)
    finishing = [
        a
        for a in np.flatnonzero(stage.arc_cloth >= 0)
        if index.lines[int(problem.arc_line[a])][1].product_sku == "UNC-DY"
    ]
    assert finishing, "the uniform cloth lines are staged on their greige"
    assert {stage_index.cloths[int(stage.arc_cloth[a])] for a in finishing} == {"UNC-GR"}
    weavers = {
        int(stage.supply_mill[s])
        for s in range(stage.n_supplies)
        if stage_index.cloths[int(stage.supply_cloth[s])] == "UNC-GR"
    }
    assert weavers, "member mills can weave the greige"
    staged = plan_staged(problem, stage)
    assert_staged_valid(problem, staged)
