"""The cloth stage: a two-member chain solved by hand, floors that cannot be met, and properties."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from _alloc_builders import Arc, Line, Shape, make_problem, random_problem, shapes, solve_checked
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from birlik.allocation import AllocationProblem, EngineSettings, SolveStatus
from birlik.allocation.errors import AllocationInputError
from birlik.allocation.stage_plan import (
    assert_staged_valid,
    floor_cost,
    plan_staged,
    verify_staged,
)
from birlik.allocation.stages import ClothStage

FLAT = EngineSettings(lateness_price_share=0.0, earliness_price_share=0.0)


def chain(
    floor: float = 0.6, lead: int = 1, mill_capacity: float = 12.0
) -> tuple[AllocationProblem, ClothStage]:
    """Member 0 is a mill (family 1, cloth), member 1 a sewer (family 0). One line: 10 suits due in
    month 1, price 100, sewn at 5 without cloth; a suit takes 2 m. Imported cloth costs 3/m (6 per
    suit) and gives k = 0.3; member cloth costs 4/m + 1/m transport and gives k = 0.9."""
    problem = make_problem(
        capacity=[[[0, 0], [mill_capacity, mill_capacity]], [[10, 10], [0, 0]]],
        lines=[Line(qty=10, due=1, price=100)],
        arcs=[Arc(0, 1, cost=5, k=0.3)],
        floors=[floor],
    )
    stage = ClothStage(
        arc_cloth=[0],
        arc_cloth_qty=[2.0],
        arc_import_cost=[6.0],
        arc_import_first=[0],
        arc_lc_import=[0.3],
        arc_lc_member=[0.9],
        cloth_import_limit=[np.inf],
        supply_cloth=[0],
        supply_mill=[0],
        supply_sewer=[1],
        supply_family=[1],
        supply_use=[1.0],
        supply_cost=[4.0],
        supply_transport=[1.0],
        supply_lead=[lead],
        supply_first=[0],
        supply_last=[1],
        cloth_labels=("TWL-DY",),
    )
    return problem, stage


def test_two_member_chain_by_hand() -> None:
    # Imported-cloth suit: 5 + 6 = 11, share 0.3; member-cloth suit: 5 + 2·(4 + 1) = 15, share 0.9.
    # Floor 60 %: Σ 100·(k − 0.6) ≥ 0 → member units ≥ imported units → 5 and 5 (cheapest).
    # Member cloth for month-1 sewing is woven in month 0 (lead 1): 10 m ≤ 12. Total 5·15 + 5·11 = 130.
    problem, stage = chain()
    staged = plan_staged(problem, stage, FLAT)
    assert_staged_valid(problem, staged)
    assert staged.status is SolveStatus.OPTIMAL
    assert staged.total == pytest.approx(130)
    assert staged.member_units.sum() == pytest.approx(5)
    assert staged.order_lc_share[0] == pytest.approx(0.6)
    assert staged.order_lc_floor_met == (True,)
    assert staged.flows.quantity.sum() == pytest.approx(10)
    assert set(staged.flows.month.tolist()) == {0}
    assert staged.imported_cloth_cost == pytest.approx(30)
    assert staged.member_cloth_cost == pytest.approx(50)
    assert staged.order_member_cloth[0] == pytest.approx(10)
    assert staged.order_imported_cloth[0] == pytest.approx(10)
    # Shadow price: each unit of local value asked more moves 1/60 of a suit to member cloth
    # (+30 value per move... member +30, import −30 → 60 per switched suit) at +4: 4/60.
    assert staged.plan.order_lc_shadow_price[0] == pytest.approx(4 / 60)


def test_five_more_points_cost_by_hand() -> None:
    # Floor 65 %: m·0.25 ≥ (10 − m)·0.35 → m = 35/6 suits with member cloth, each 4 dearer: +4·(35/6 − 5).
    problem, stage = chain()
    extra, raised = floor_cost(problem, stage, FLAT, order=0, points=0.05)
    assert_staged_valid(problem.__class__(**{**problem.__dict__, "order_lc_floor": [0.65]}), raised)
    assert extra == pytest.approx(4 * (35 / 6 - 5))
    assert raised.order_lc_share[0] == pytest.approx(0.65)


def test_floor_above_any_source_mix_is_explained() -> None:
    problem, stage = chain(floor=0.95)
    staged = plan_staged(problem, stage, FLAT)
    assert_staged_valid(problem, staged)
    assert staged.plan.short[0] == pytest.approx(10)
    assert len(staged.floor_notes) == 1
    assert "above what any source mix reaches" in staged.floor_notes[0]
    assert "90.0%" in staged.floor_notes[0]


def test_no_mill_in_time_is_explained() -> None:
    # Lead 2 months in a 2-month horizon: no member cloth can arrive; imported cloth gives 30 %.
    problem, stage = chain(lead=2)
    staged = plan_staged(problem, stage, FLAT)
    assert_staged_valid(problem, staged)
    assert staged.plan.short[0] == pytest.approx(10)
    assert staged.flows.quantity.size == 0
    assert "no member mill can make TWL-DY in time" in staged.floor_notes[0]


def test_mill_capacity_limits_member_cloth() -> None:
    # Only 6 m of looms in month 0 → 3 member suits; the floor needs m ≥ 10 − m, so at most 3 + 3
    # suits are made and 4 are short (explained by the line's shortfall, not by the stage).
    problem, stage = chain(mill_capacity=6.0)
    staged = plan_staged(problem, stage, FLAT)
    assert_staged_valid(problem, staged)
    assert staged.member_units.sum() == pytest.approx(3)
    assert staged.plan.short[0] == pytest.approx(4)


def test_imported_cloth_before_it_can_arrive_is_refused() -> None:
    # Imported cloth first on hand in month 1 and floor 0: the cheap import mode for all 10 suits in
    # month 1 (cost 110), none sewn in month 0.
    problem, stage = chain(floor=0.0)
    stage = ClothStage(**{**stage.__dict__, "arc_import_first": [1]})
    staged = plan_staged(problem, stage, FLAT)
    assert_staged_valid(problem, staged)
    assert staged.total == pytest.approx(110)
    assert np.all(staged.plan.assignments.month == 1)


@pytest.mark.parametrize(
    ("certified", "month"),
    [((False, True), 1), ((True, False), 0)],
    ids=["certificate starts in month 1", "certificate lapses after month 0"],
)
def test_each_month_counts_the_share_the_sewer_has_then(certified: tuple[bool, bool], month: int) -> None:
    # The sewer holds its CT-KZ in one of the two months only: without it a suit counts 0 whatever its
    # cloth. The mill can weave in either month (lead 0), so the floor is met by sewing in the
    # certified month alone: 5 suits with member cloth and 5 with imported, total 130 as by hand.
    problem, stage = chain(lead=0)
    k_imp, k_mem = (np.where(certified, k, 0.0) for k in (0.3, 0.9))
    other = 1 - month
    problem = replace(
        problem,
        arc_lc_share=k_imp[:1],
        lc_override_arc=np.array([0]),
        lc_override_month=np.array([1]),
        lc_override_share=k_imp[1:],
    )
    stage = replace(
        stage,
        arc_lc_import=k_imp[:1],
        arc_lc_member=k_mem[:1],
        lc_override_member=k_mem[1:],
        supply_last=np.array([1]),
    )
    staged = plan_staged(problem, stage, FLAT)
    assert_staged_valid(problem, staged)
    assert staged.total == pytest.approx(130)
    assert np.all(staged.plan.assignments.month == month), f"nothing counts in month {other}"
    assert staged.member_units.sum() == pytest.approx(5)
    assert staged.order_lc_share[0] == pytest.approx(0.6)
    # a plan that sews in the uncertified month cannot claim the certified month's share
    a = staged.plan.assignments
    moved = replace(a, month=np.full(len(a), other))
    claimed = replace(staged, plan=replace(staged.plan, assignments=moved))
    assert "local_content" in {v.kind for v in verify_staged(problem, claimed)}


def test_month_by_month_shares_need_the_member_clothes_share_too() -> None:
    problem, stage = chain()
    one = np.array([0])
    problem = replace(problem, lc_override_arc=one, lc_override_month=one + 1, lc_override_share=np.zeros(1))
    with pytest.raises(AllocationInputError, match="give lc_override_member"):
        plan_staged(problem, stage, FLAT)
    with pytest.raises(AllocationInputError, match="lc_override_member: expected 1 entries"):
        plan_staged(problem, replace(stage, lc_override_member=np.zeros(2)), FLAT)


def test_cloths_of_one_group_share_one_import_limit() -> None:
    # Two cloths (one SKU split by which mills may make it), each needed by one of two lines, and no
    # mill: every metre is imported. A shared limit of 20 m covers 10 suits; apart, 20 m each would
    # cover all 20.
    problem = make_problem(
        capacity=[[[0, 0], [0, 0]], [[20, 20], [0, 0]]],
        lines=[Line(qty=10, due=1, price=100), Line(qty=10, due=1, price=100)],
        arcs=[Arc(0, 1, cost=5, k=0.3), Arc(1, 1, cost=5, k=0.3)],
        floors=[0.0],
    )
    _, one = chain()
    no_supply = dict.fromkeys(
        ("supply_cloth", "supply_mill", "supply_sewer", "supply_family", "supply_lead", "supply_first",
         "supply_last", "supply_use", "supply_cost", "supply_transport"),
        np.zeros(0, np.int64),
    )  # fmt: skip
    two = np.ones(2)
    stage = replace(
        one,
        arc_cloth=np.array([0, 1]),
        arc_cloth_qty=2 * two,
        arc_import_cost=6 * two,
        arc_import_first=np.zeros(2, np.int64),
        arc_lc_import=0.3 * two,
        arc_lc_member=0.9 * two,
        cloth_import_limit=20 * two,
        cloth_import_group=np.zeros(2, np.int64),
        cloth_labels=("A", "A (cleared)"),
        **no_supply,
    )
    grouped = plan_staged(problem, stage, FLAT)
    assert_staged_valid(problem, grouped)
    assert grouped.plan.short.sum() == pytest.approx(10)
    apart = plan_staged(problem, replace(stage, cloth_import_group=None), FLAT)
    assert apart.plan.short.sum() == pytest.approx(0)


def test_verify_catches_a_missing_flow() -> None:
    problem, stage = chain()
    staged = plan_staged(problem, stage, FLAT)
    broken = staged.__class__(**{**staged.__dict__, "flows": staged.flows.__class__(
        supply=staged.flows.supply[:0], month=staged.flows.month[:0], quantity=staged.flows.quantity[:0],
        production_cost=staged.flows.production_cost[:0], transport_cost=staged.flows.transport_cost[:0],
    )})  # fmt: skip
    kinds = {v.kind for v in verify_staged(problem, broken)}
    assert "demand" in kinds


def test_without_cloth_the_stage_changes_nothing() -> None:
    problem = make_problem(
        capacity=[[[10]], [[100]]],
        lines=[Line(qty=15)],
        arcs=[Arc(0, 0, cost=1), Arc(0, 1, cost=3)],
    )
    single = solve_checked(problem)
    staged = plan_staged(problem, ClothStage.none(problem))
    assert_staged_valid(problem, staged)
    assert staged.total == pytest.approx(single.objective)


def random_stage(problem: AllocationProblem, seed: int) -> ClothStage:
    rng = np.random.default_rng(seed)
    a, e = problem.n_arcs, problem.n_members
    cloth = np.where(rng.random(a) < 0.6, 0, -1)
    k_imp = np.where(cloth >= 0, rng.choice([0.0, 0.2], a), problem.arc_lc_share)
    n_s = int(rng.integers(0, 2 * e + 1))
    return ClothStage(
        arc_cloth=cloth,
        arc_cloth_qty=rng.choice([1.0, 2.0], a),
        arc_import_cost=rng.integers(1, 8, a).astype(float),
        arc_import_first=rng.integers(0, problem.n_months, a),
        arc_lc_import=k_imp,
        arc_lc_member=np.where(cloth >= 0, rng.choice([0.6, 0.9, 1.0], a), k_imp),
        cloth_import_limit=[rng.choice([np.inf, 10.0])],
        supply_cloth=np.zeros(n_s, np.int64),
        supply_mill=rng.integers(0, e, n_s),
        supply_sewer=rng.integers(0, e, n_s),
        supply_family=rng.integers(0, problem.n_families, n_s),
        supply_use=rng.choice([0.5, 1.0], n_s),
        supply_cost=rng.integers(1, 5, n_s).astype(float),
        supply_transport=rng.integers(0, 3, n_s).astype(float),
        supply_lead=rng.integers(0, 2, n_s),
        supply_first=np.zeros(n_s, np.int64),
        supply_last=np.full(n_s, problem.n_months - 1),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shapes, st.integers(0, 2**32 - 1))
def test_random_staged_plans_verify_and_balance(shape: Shape, seed: int) -> None:
    problem = random_problem(shape)
    problem = problem.__class__(
        **{**problem.__dict__, "lc_override_arc": [], "lc_override_month": [], "lc_override_share": []}
    )
    stage = random_stage(problem, seed)
    problem = problem.__class__(**{**problem.__dict__, "arc_lc_share": stage.arc_lc_import})
    staged = plan_staged(problem, stage)
    assert staged.status is SolveStatus.OPTIMAL
    assert_staged_valid(problem, staged)
    assert all(staged.order_lc_floor_met)
    # Member cloth can only help: the staged optimum is never dearer than all-imported cloth.
    imported_only = ClothStage(**{**stage.__dict__, "supply_last": np.full(stage.n_supplies, -1)})
    alone = plan_staged(problem, imported_only)
    assert_staged_valid(problem, alone)
    assert staged.total <= alone.total + 1e-6 * (1 + abs(alone.total))
