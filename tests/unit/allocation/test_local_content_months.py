"""A member's local-content share may change inside an arc's window (a CT-KZ starts or lapses):
the sparse overrides give k per (arc, month), and every part of the engine must use them."""

from __future__ import annotations

import dataclasses

import pytest
from _alloc_builders import Arc, Line, make_problem, quantity, solve_checked

from birlik.allocation import (
    AllocationInputError,
    AllocationProblem,
    EngineSettings,
    ReasonCode,
    ViolationKind,
    assert_valid,
    greedy_plan,
    plan,
    verify,
)

NO_HOLDING = EngineSettings(earliness_price_share=0.0, lateness_price_share=0.0)


def lapsing(overrides: tuple[tuple[int, int, float], ...] = ((0, 1, 0.0),)) -> AllocationProblem:
    # 20 units of price 10 due month 1, floor 60 %. Member 0: cost 1, k = 100 %, 10 a month,
    # its CT-KZ lapses in month 1 (override k = 0). Member 1: cost 3, k = 0, plenty.
    return make_problem(
        capacity=[[[10, 10]], [[100, 100]]],
        lines=[Line(qty=20, due=1, price=10)],
        arcs=[Arc(0, 0, cost=1, k=1.0), Arc(0, 1, cost=3, k=0.0)],
        floors=[0.6],
        lc_overrides=overrides,
    )


def test_without_the_lapse_the_cheap_member_makes_everything() -> None:
    result = solve_checked(lapsing(()), NO_HOLDING)
    assert result.objective == pytest.approx(20)
    assert result.order_lc_share[0] == pytest.approx(1.0)


def test_a_lapsed_certificate_counts_zero_in_its_months_only() -> None:
    # Only month 0 at member 0 is local: 10 units, value 100. Any y further units (k = 0)
    # need 100 ≥ 0.6 (100 + 10 y), so y ≤ 20/3; the cheapest are member 0's month 1 (cost 1).
    # Made 10 + 20/3, short 10/3 — blamed on the floor.
    result = solve_checked(lapsing(), NO_HOLDING)
    assert quantity(result, 0, 0, month=0) == pytest.approx(10)
    assert quantity(result, 0, 0, month=1) == pytest.approx(20 / 3)
    assert result.short[0] == pytest.approx(10 / 3)
    assert result.order_lc_share[0] == pytest.approx(0.6)
    a = result.assignments
    assert sorted(zip(a.month.tolist(), a.lc_share.tolist(), strict=True)) == [(0, 1.0), (1, 0.0)]
    (shortfall,) = result.shortfalls
    assert shortfall.reason is ReasonCode.LC_FLOOR
    assert "member 0 0%" in shortfall.sentence


def test_a_certificate_that_starts_mid_window_is_used_from_then_on() -> None:
    # Member 0 has k = 0 until its CT-KZ starts in month 1: the mirror image of the lapse, so
    # month 1 is the local one and 20/3 non-local units go in month 0.
    problem = make_problem(
        capacity=[[[10, 10]], [[100, 100]]],
        lines=[Line(qty=20, due=1, price=10)],
        arcs=[Arc(0, 0, cost=1, k=0.0), Arc(0, 1, cost=3, k=0.0)],
        floors=[0.6],
        lc_overrides=[(0, 1, 1.0)],
    )
    result = solve_checked(problem, NO_HOLDING)
    assert quantity(result, 0, 0, month=1) == pytest.approx(10)
    assert quantity(result, 0, 0, month=0) == pytest.approx(20 / 3)
    assert result.order_lc_share[0] == pytest.approx(0.6)


def test_greedy_respects_the_share_of_each_month() -> None:
    baseline = greedy_plan(lapsing(), NO_HOLDING)
    assert_valid(lapsing(), baseline)
    # Greedy takes the cheapest cells first: member 0's local month 0 (10 units), then its
    # lapsed month 1 only as far as the order's surplus carries it (20/3), as the optimum does.
    assert quantity(baseline, 0, 0, month=0) == pytest.approx(10)
    assert quantity(baseline, 0, 0, month=1) == pytest.approx(20 / 3)
    assert baseline.order_lc_share[0] == pytest.approx(0.6)


def test_verify_catches_a_plan_that_ignores_the_lapse() -> None:
    problem = lapsing()
    blind = plan(lapsing(()), NO_HOLDING)
    kinds = {v.kind for v in verify(problem, blind)}
    assert ViolationKind.LOCAL_CONTENT in kinds
    messages = " ".join(v.message for v in verify(problem, blind))
    assert "the member's share that month is 0.00%" in messages


@pytest.mark.parametrize(
    ("overrides", "match"),
    [
        (((5, 0, 0.5),), "override 0 refers to arc 5, but there are 2"),
        (((0, 2, 0.5),), r"override 0 is for month 2, outside the horizon 0..1"),
        (((0, 0, 1.5),), "override 0 gives a share of 150%"),
        (((0, 1, 0.5), (0, 1, 0.2)), "line 0 at member 0 in month 1 is overridden more than once"),
    ],
)
def test_bad_overrides_are_refused(overrides: tuple[tuple[int, int, float], ...], match: str) -> None:
    with pytest.raises(AllocationInputError, match=match):
        plan(lapsing(overrides))


def test_override_arrays_must_be_equally_long() -> None:
    problem = dataclasses.replace(lapsing(), lc_override_share=[0.0, 0.5])  # type: ignore[arg-type]
    with pytest.raises(AllocationInputError, match="local-content override arrays must be"):
        plan(problem)
