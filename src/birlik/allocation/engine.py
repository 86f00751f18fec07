"""The pipeline the services call: validate → build → solve → interpret, by the best method.

Kept as separate steps so each can be tested, timed and replaced without touching the others;
``verify`` is deliberately not part of it so that the caller checks the plan with code that
shares nothing with its making.

Which solve path runs is the engine's choice (``EngineSettings.method`` = "auto"), by size:

- ``highs``: the whole model on HiGHS. Best for consortium-size problems, and for small
  integer problems, where HiGHS proves the optimum (e.g. every OR-Library GAP instance).
- ``pricing``: LPs with many candidate cells: column generation over all of them
  (``pricing``), which keeps the full model — floors, fairness, frozen cells, lateness,
  holding — and proves its optimum with a dual bound.
- ``lp_guided``: integer options on larger problems: LP relaxation, then a search by pieces that
  share no capacity, with a Lagrangian bound (``pieces``), or, for one large piece, a restricted
  MIP and the whole MIP from that incumbent (``milp``); single sourcing shaped as a GAP above
  ``DIRECT_GAP_MAX_ARCS`` is solved as one (``gap_search``). The gap is against a valid bound.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

import numpy as np

from birlik.allocation.columns import Columns, candidate_columns
from birlik.allocation.errors import AllocationInputError
from birlik.allocation.floor_repair import meet_floors
from birlik.allocation.gap_search import gap_shape, is_gap_shaped
from birlik.allocation.greedy import greedy_quantities
from birlik.allocation.interpret import assemble_plan, clean_quantities, interpret, plan_cost
from birlik.allocation.milp import LP_SHARE_OF_TIME, SearchResult, gap_search, lp_guided_search
from birlik.allocation.model import ModelSize, build
from birlik.allocation.pieces import orders_below_floor
from birlik.allocation.pricing import solve_by_pricing
from birlik.allocation.problem import AllocationProblem, EngineSettings, FloatArray, IntArray
from birlik.allocation.rates import Rates, rates
from birlik.allocation.results import Plan, SolverInfo
from birlik.allocation.solve import SolveStatus, solve
from birlik.allocation.split_pricing import (
    SplitCore,
    floor_prices,
    floors_bound,
    piece_lines,
    price_pieces,
    replan_around_floors,
    replan_free_lines,
    stepped_floor_prices,
    subgradient_floor_prices,
)
from birlik.allocation.validate import validate

GREEDY_WORTH_GAP = 0.1
"""A plan stopped by the time limit further than this from the bound is also compared with
the greedy plan (which can only save that much when it is within it)."""
SPLIT_MIN_COLUMNS = 2_000_000
"""Candidate cells from which the LP is first priced piece by piece without the floors, which
are then priced in and met by re-splitting, the orders without a floor re-planned around them
(``split_pricing``), the whole model getting the time left when at least as much is left as
the pieces took. Measured on the synthetic plans with a 60 s limit on the 2-core Xeon: national
(10.8 M) 0.030-0.077 % from the bound in 55-56 s (three to five pricings with the floors), where
the whole model did not reach the floors; 3.2 M (600 members, 15,000 lines) 0.003 % in 23 s,
where the whole model alone ended 0.28 % from its bound in the minute (on the EPYC); regional
(1.1 M): the whole model optimal in 9-15 s, the pieces 0.006-0.013 % in 4.5 s."""
SPLIT_CLOSE_ENOUGH = 1e-4
"""A split plan this close to its bound (relative, HiGHS's own default for a MIP's optimum) is
handed over without the whole model: at 3.2 M cells the pieces ended 0.003 % from their bound
in 22 s, and the whole model then spent the other 40 s of the minute without a cheaper plan."""
SECOND_PRICING_SHARE = 0.5
"""The pieces are priced again with the floors priced in when this share of the time their first
pricing took is left: ``REPLAN_SHARE`` for the re-split and the re-plan, and a little for one
pricing from the pieces' own masters (national, 60 s, on the 2-core Xeon: 26-29 s first, 2 s
for the prices, 7-8 s again, 10-11 s re-split and re-plan). Cut short, that pricing leaves the plan
priced without the floors, whose re-split and re-plan cost far more (regional, 3.4 s, with the
first pricing slowed to 2 s by the machine: 1.25 % above the optimum)."""
FIRST_PRICING_GAP = 1e-3
"""With floors to meet, the pieces' first pricing (without them) stops this close to its bound:
its plan and capacity prices only start the pricings with the floors, which go on from the
same masters. Each piece's last rounds from 0.1 % to its optimum took a fifth of its time on
the national synthetic (4 of 12-13 rounds); on the regional one 15 of 102 masters went, for
the same plan after fifteen pricings with the floors (0.0057 % above the optimum, 0.0066 %
with the first pricing exact)."""
FIRST_PRICING_GAP_MIN_COLUMNS = 200_000
"""Candidate cells from which the first pricing stops at ``FIRST_PRICING_GAP``: below, it takes
milliseconds to the optimum, and its plan, re-split, is the fallback when the pricings with the
floors do worse (on a small random plan a first plan stopped 0.1 % from its bound ended 4.8 %
dearer after the re-split than the exact one)."""
FLOOR_PRICINGS = 30
"""Pricings with the floors priced in at most (``_priced_with_floors``), time allowing. On the
regional synthetic the plan, re-split and re-planned, ends 0.0106 % above the optimum after ten,
0.0045 % after twenty (the bound by then 0.0003 % below the optimum); national time on the
2-core Xeon holds three to five."""
FLOOR_PRICING_MASTERS = 1
"""Masters each piece solves in a pricing with the floors after the first (which goes to the
optimum: its prices are the first estimate's, far from the last plan's): the plan of the first
master at the new prices, the columns that then price out kept for the next pricing. On the
regional synthetic, pricing each piece to its optimum took 2.2 masters per pricing and ended
0.0104 % above the optimum after ten pricings (178 masters in all); with one after the first,
twenty pricings took 183 masters and ended 0.0045 % above. The subgradient steps want a near
plan at many prices more than the exact plan at a few."""
AVERAGE_POWER = 2
"""The k-th pricing's plan weighs k**AVERAGE_POWER in the average that is re-split: on the
regional synthetic after 20 pricings the plan ended 0.0049 % above the optimum with weights k,
0.0048 % with k², 0.0041 % with k³; with the plain average of the last 10 0.0043 %, of all
from the second 0.0078 %; after 8, 0.0131 %, 0.0109 %, 0.0115 %."""
NEXT_STEP_MARGIN = 1.2
"""Another pricing with the floors starts only when this many times the last one's time is
left besides the re-split's and re-plan's."""
ONE_MASTER_SHARE = 0.4
"""What a pricing with one master per piece (``FLOOR_PRICING_MASTERS``) takes, as a share of the
first pricing with the floors, which goes to the optimum (on the 2-core Xeon: regional 0.08-0.15
s against 0.3-0.45 s, national 2.0-2.5 s against 6.7-7.2 s). Judged by the first's whole time,
a national run stopped after it with 19.7 s left, 9 s of them unused at the end (0.121 % from
its bound; 0.055 % with the two more pricings that time then held)."""
LATER_START_SHARE = 2.5
"""A later start of ``_floors_met`` goes ahead with this many times the first one's time left:
without the first's runs its re-plan starts new masters (regional 0.5 s against 0.23 s, national
13.4 s against 4.3 s besides the re-split, 4-6 s either way)."""
REPLAN_SHARE = 0.45
"""Time kept for the re-split and the re-plan after the pieces' pricings with the floors, as a
share of what their first took (on the 2-core Xeon: national 10-11 s of 28-31 s, regional
0.5-0.7 s of 1.5-2 s, the bound and the plan's assembly after them)."""
REPLAN_MIN_SHARE = 0.1
"""The re-plan, and after the plan the bound from prices, start only with this share of the
pieces' first pricing time left (at national size each takes seconds just to set up)."""
WHOLE_SECONDS_PER_COLUMN = 14e-6
"""About what column generation on the whole model takes per candidate cell (regional, 1.1 M
cells: 8.6 s on the 2-core EPYC, 14.0 s on the 2-core Xeon). A time limit shorter than that goes
to the pieces first whatever the size: at regional with 3 s the whole model stopped 1.3 % from
its bound, the pieces were 0.27 % from theirs in 2.5 s; with 12 s on the Xeon (at 8 µs per
cell the whole model's) 0.147 %. The slower machine's figure: on a faster one a limit below it
costs little, the pieces' plan coming first and the whole model getting the rest."""
PRICING_MIN_COLUMNS = 20_000
"""Candidate cells from which column generation beats handing HiGHS the whole LP (measured:
equal at the synthetic consortium's 13 k cells, 5× faster at the regional 1.1 M)."""
DIRECT_MIP_MAX_ARCS = 1_000
"""Integer problems up to this many arcs go whole to HiGHS, which proves their optimum."""
DIRECT_GAP_MAX_ARCS = 600
"""Single sourcing shaped as a GAP goes whole to HiGHS only up to this many arcs (the largest
OR-Library problems, proven in about a second); above, to the GAP search (``gap_search``): on a
tight 10 × 100 type-D instance HiGHS was still 0.4 % from its bound after 60 s."""

_INFEASIBLE_FROZEN = (
    "the frozen assignments cannot all be kept: together with the local-content "
    "floors, the minimum lot or single sourcing they leave no feasible plan; unfreeze "
    "some of them or relax those settings"
)


def choose_method(problem: AllocationProblem, settings: EngineSettings, columns: Columns) -> str:
    if settings.method != "auto":
        return settings.method
    if settings.uses_integers:
        if problem.n_arcs > DIRECT_GAP_MAX_ARCS and is_gap_shaped(problem, settings, columns):
            return "lp_guided"  # solved as a GAP (``gap_search``)
        return "highs" if problem.n_arcs <= DIRECT_MIP_MAX_ARCS else "lp_guided"
    return "pricing" if columns.n >= PRICING_MIN_COLUMNS else "highs"


def plan(problem: AllocationProblem, settings: EngineSettings | None = None) -> Plan:
    """Plan the problem optimally (or as well as the time limit allows) and explain it.

    Raises AllocationInputError for bad input, and when the frozen assignments cannot be kept:
    with shortage always allowed, only frozen cells can make the model infeasible.
    """
    settings = settings or EngineSettings()
    validate(problem, settings)
    columns = candidate_columns(problem, settings)
    method = choose_method(problem, settings, columns)
    if method == "pricing" and settings.uses_integers:
        method = "lp_guided"
    if method == "pricing":
        return _plan_by_pricing(problem, settings, columns)
    if method == "lp_guided" and settings.uses_integers:
        return _plan_lp_guided(problem, settings, columns)
    return _plan_whole(problem, settings)


def _plan_whole(problem: AllocationProblem, settings: EngineSettings) -> Plan:
    model = build(problem, settings)
    result = solve(model, settings)
    if result.status is SolveStatus.INFEASIBLE and problem.frozen_arc.size:
        raise AllocationInputError(_INFEASIBLE_FROZEN)
    return interpret(problem, settings, model, result)


@dataclass(frozen=True)
class _Start:
    """A plan of the pieces to meet the floors from: its quantities, the capacity prices it was
    priced at, whether the floors were priced in, and the pieces' column generation that made
    it when the re-plan can go on from there (``split_pricing.replan_around_floors``)."""

    x: FloatArray
    capacity_price: FloatArray
    priced: bool
    runs: SplitCore | None = None


@dataclass(frozen=True)
class _Candidate:
    """A plan's quantities before assembly (None: no plan), how it was found, its LC duals."""

    x: FloatArray | None
    solver: SolverInfo
    lc_dual: FloatArray | None = None

    @property
    def cost(self) -> float:
        return np.inf if self.x is None or self.solver.objective is None else self.solver.objective


def _plan_by_pricing(problem: AllocationProblem, settings: EngineSettings, columns: Columns) -> Plan:
    """Column generation on the whole model; above ``SPLIT_MIN_COLUMNS``, or with a time limit
    short for the whole model, first piece by piece without the floors (``split_pricing``), the
    whole model then getting the rest of the time when at least as much is left as the pieces
    took and their plan is not within ``SPLIT_CLOSE_ENOUGH`` of its bound. The cheaper plan is
    handed over with the better of the two bounds."""
    started = time.perf_counter()
    deadline = started + settings.time_limit_s
    rate = rates(problem, settings, columns)
    split: _Candidate | None = None
    if columns.n >= SPLIT_MIN_COLUMNS or settings.time_limit_s < WHOLE_SECONDS_PER_COLUMN * columns.n:
        pieces = piece_lines(problem, settings)
        if len(pieces) > 1:
            split = _split_candidate(problem, settings, columns, rate, pieces, started)
            now = time.perf_counter()
            if (
                split is not None
                and split.x is not None
                and (
                    split.solver.status is SolveStatus.OPTIMAL
                    or (split.solver.gap is not None and split.solver.gap <= SPLIT_CLOSE_ENOUGH)
                    or deadline - now < now - started
                )
            ):
                return assemble_plan(problem, settings, columns, rate, split.x, split.solver)
    whole = _whole_candidate(problem, settings, columns, rate, started, greedy=split is None)
    if whole is None:
        if split is not None and split.x is not None:
            return assemble_plan(problem, settings, columns, rate, split.x, split.solver)
        # The master's first columns may not be able to keep the frozen cells and the floors
        # together; the whole model decides (and raises when it truly cannot).
        return _plan_whole(problem, settings)
    best = whole if split is None or whole.cost <= split.cost else split
    bound = _better_bound(*(c.solver.bound for c in (whole, split) if c is not None))
    if bound is not None and best.solver.status is SolveStatus.OPTIMAL:
        bound = min(bound, best.cost)  # equal up to the solvers' tolerances
    solver = best.solver
    if split is not None:
        other = split if best is whole else whole
        solver = dataclasses.replace(
            solver,
            bound=bound,
            gap=_gap(best.cost, bound),
            solve_seconds=time.perf_counter() - started,
            detail=f"{solver.detail}; the other way ({other.solver.method}): {other.solver.detail}",
        )
    assert best.x is not None  # the split plan or the greedy plan is always there
    return assemble_plan(problem, settings, columns, rate, best.x, solver, best.lc_dual)


def _whole_candidate(
    problem: AllocationProblem,
    settings: EngineSettings,
    columns: Columns,
    rate: Rates,
    started: float,
    *,
    greedy: bool,
) -> _Candidate | None:
    """Column generation on the whole model until the time limit; None when its master proves
    infeasible. Without ``greedy`` (another plan is at hand) a stopped run may have no plan."""
    result = solve_by_pricing(problem, settings, columns, rate, deadline=started + settings.time_limit_s)
    if result.status is SolveStatus.INFEASIBLE:
        return None
    detail = f"{result.rounds} pricing rounds over {columns.n} candidate cells"
    size: ModelSize | None = ModelSize(result.master_columns, result.master_rows, result.master_nonzeros, 0)
    x = clean_quantities(problem, columns, result.x)
    if result.status is SolveStatus.OPTIMAL:
        solver = SolverInfo(
            method="pricing",
            status=result.status,
            objective=result.objective,
            bound=result.bound,
            gap=result.gap,
            build_seconds=result.build_seconds,
            solve_seconds=result.solve_seconds,
            size=size,
            detail=detail,
        )
        return _Candidate(x, solver, result.lc_dual)
    # Stopped by the time limit. With the floors still held back, the last master's plan gets
    # every floor met by moves inside the orders below it (``floor_repair``).
    best: FloatArray | None = x if result.status.has_solution else None
    if best is None and result.master_solved:
        best = meet_floors(problem, columns, rate, x, result.capacity_dual)
        if best is not None:
            detail += "; the floors were still held back: the orders below theirs re-split"
    cost = np.inf if best is None else plan_cost(problem, settings, columns, rate, best)
    lc_dual = result.lc_dual if result.status.has_solution else None
    gap = _gap(cost, result.bound)
    # The greedy plan (×2-3 the optimum on the synthetic plans, seconds at national size) is
    # tried only when it could be the cheaper: without a plan, or with one far from the bound.
    if greedy and (best is None or gap is None or gap > GREEDY_WORTH_GAP):
        cheaper = _greedy_if_cheaper(problem, settings, columns, rate, cost)
        if cheaper is not None:
            (best, cost), lc_dual, size = cheaper, None, None
            detail += "; the greedy plan the cheaper"
    solver = SolverInfo(
        method="pricing",
        status=SolveStatus.TIME_LIMIT_WITH_SOLUTION
        if best is not None
        else SolveStatus.TIME_LIMIT_NO_SOLUTION,
        objective=None if best is None else cost,
        bound=result.bound,
        gap=None if best is None else _gap(cost, result.bound),
        build_seconds=result.build_seconds,
        solve_seconds=time.perf_counter() - started - result.build_seconds,
        size=size,
        detail=f"{detail}; stopped by the time limit",
    )
    return _Candidate(best, solver, lc_dual)


def _split_candidate(
    problem: AllocationProblem,
    settings: EngineSettings,
    columns: Columns,
    rate: Rates,
    pieces: list[IntArray],
    started: float,
) -> _Candidate | None:
    """The transportation core priced piece by piece, then the floors met (``split_pricing``);
    None when a floor cannot be met that way (frozen cells), for the whole model to decide."""
    deadline = started + settings.time_limit_s
    floors = bool((problem.order_lc_floor > 0).any())
    close_enough = FIRST_PRICING_GAP if floors and columns.n >= FIRST_PRICING_GAP_MIN_COLUMNS else None
    core = price_pieces(problem, settings, columns, rate, pieces, deadline, close_enough=close_enough)
    first = clean_quantities(problem, columns, core.x)
    now = time.perf_counter()
    took = now - started
    below = orders_below_floor(problem, columns, first).size > 0
    bound = core.bound
    if (
        close_enough is not None
        and not below
        and not core.unsolved
        and core.optimal < core.pieces
        and now < deadline
    ):
        # every floor met after all: the pieces go on to their optimum, the plan's own (with
        # time kept to re-split, should that optimum miss a floor)
        resumed = price_pieces(
            problem, settings, columns, rate, pieces, deadline - REPLAN_SHARE * took, resume=core
        )
        if not resumed.unsolved:  # else a piece stopped mid-master: the stopped plan stands
            core = resumed
            first = clean_quantities(problem, columns, core.x)
            below = orders_below_floor(problem, columns, first).size > 0
            # both bounds hold at these costs; a resumed run starts its own from the zero prices
            bound = _better_bound(bound, core.bound)
        now = time.perf_counter()
    # plans to meet the floors from, with the capacity prices they were priced at
    starts: list[_Start] = []
    second = not core.unsolved and below and deadline - now >= SECOND_PRICING_SHARE * took
    least: FloatArray | None = None
    steps = 0
    if second:
        least = floor_prices(problem, columns, rate, core.capacity_price)
        priced_start, priced_bound, steps = _priced_with_floors(
            problem, settings, columns, rate, core, least, first, deadline, took
        )
        bound = _better_bound(bound, priced_bound)  # a piece stopped early still bounds its share
        if priced_start is not None:
            starts.append(priced_start)
    # The estimated prices can be far off on small problems and overshoot the floors; the
    # plan priced without them is re-split too when the time it takes is left.
    starts.append(_Start(first, core.capacity_price, priced=False))
    best = _floors_met(problem, settings, columns, rate, starts, deadline, took)
    if best is None:
        return None
    cost, repaired, priced, replanned = best
    from_prices = False
    if below and deadline - time.perf_counter() >= REPLAN_MIN_SHARE * took:
        # the floors count in a bound from prices alone too (one pass over the cells, after
        # the plan so as not to take its time): at the first pricing's capacity prices it beat
        # the second pricing's bound on 29 % of small random problems
        if least is None:
            least = floor_prices(problem, columns, rate, core.capacity_price)
        priced_bound = floors_bound(problem, settings, columns, rate, core.capacity_price, least)
        from_prices = bound is None or priced_bound > bound
        bound = _better_bound(bound, priced_bound)
    proven = core.optimal == core.pieces and not second and np.array_equal(repaired, first)
    if proven:
        status = SolveStatus.OPTIMAL
    elif time.perf_counter() >= deadline:
        status = SolveStatus.TIME_LIMIT_WITH_SOLUTION
    else:
        status = SolveStatus.HEURISTIC
    if proven and bound is not None:
        bound = min(bound, cost)
    detail = (
        f"{core.optimal} of {core.pieces} pieces without shared capacity priced to their optimum "
        f"({core.rounds} pricing rounds, {core.master_columns} master columns)"
    )
    if close_enough is not None and core.optimal + core.unsolved < core.pieces:
        detail += f", the others stopped {close_enough * 100:g} % from their bound or by the time limit"
    if second:
        detail += "; priced again with the floors at estimated prices"
        if steps > 1:
            detail += f" ({steps} times)"
        if len(starts) == 1:
            detail += " (stopped before a plan)"
        elif not priced:
            detail += " (the plan priced without them the cheaper)"
    detail += "; orders below their floor re-split"
    if replanned:
        detail += "; orders without a floor re-planned around them"
    if from_prices:
        detail += "; the bound from the capacity and floor prices"
    if core.unsolved:
        detail += f"; {core.unsolved} pieces stopped before a first plan"
    gap = _gap(cost, bound)
    if core.unsolved or gap is None or gap > GREEDY_WORTH_GAP:
        cheaper = _greedy_if_cheaper(problem, settings, columns, rate, cost)
        if cheaper is not None:
            (repaired, cost), detail = cheaper, detail + "; the greedy plan the cheaper"
    solver = SolverInfo(
        method="split_pricing",
        status=status,
        objective=cost,
        bound=bound,
        gap=_gap(cost, bound),
        build_seconds=0.0,
        solve_seconds=time.perf_counter() - started,
        size=None,
        detail=detail,
    )
    return _Candidate(repaired, solver)


def _priced_with_floors(
    problem: AllocationProblem,
    settings: EngineSettings,
    columns: Columns,
    rate: Rates,
    core: SplitCore,
    least: FloatArray,
    first: FloatArray,
    deadline: float,
    took: float,
) -> tuple[_Start | None, float | None, int]:
    """The pieces priced again with the floors priced in, each piece going on from its own
    master: first at the least prices stepped along the shortfalls of their plan
    (``stepped_floor_prices``), then, while ``FLOOR_PRICINGS`` allow and the time for
    another such pricing is left besides the re-split's and re-plan's, at prices moved along
    the floors' rows in the last plan (``subgradient_floor_prices``). Returns the plans'
    weighted average (``AVERAGE_POWER``) with the last capacity prices (None when a piece
    stopped before a plan), the best of their bounds (each the Lagrangian bound at its prices,
    which counts the floors) and the number of pricings.

    Why the average: each plan is the cheapest at its prices, and a step's prices overshoot
    some floors and miss others; the average of plans that keep capacity and demand keeps
    them too, and lands nearer every floor at a cost near the bound (primal recovery in the
    subgradient method). On the regional synthetic, re-split and re-planned, the last plan
    ended 0.031 %, 0.016 %, 0.015 % above the optimum after 4, 8 and 20 pricings, the average
    0.031 %, 0.011 %, 0.005 %."""
    floor_price = stepped_floor_prices(problem, columns, least, first)
    last: SplitCore | None = None
    bound: float | None = None
    steps = 0
    share = 1.0  # of the subgradient step, halved whenever a step did not raise the bound
    weighted, weights = np.zeros(columns.n), 0.0  # the plans' average, the later ones weigh more
    while True:
        begun = time.perf_counter()
        again = price_pieces(
            problem, settings, columns, rate, [piece.lines for piece in core.runs],
            deadline - REPLAN_SHARE * took, floor_price=floor_price, resume=core,
            masters=None if steps == 0 else FLOOR_PRICING_MASTERS,
        )  # fmt: skip
        steps += 1
        if again.bound is not None:
            if bound is not None and again.bound <= bound:
                share /= 2.0
            bound = _better_bound(bound, again.bound)
        if again.unsolved:
            break
        last = again
        weighted += steps**AVERAGE_POWER * again.x
        weights += steps**AVERAGE_POWER
        now = time.perf_counter()
        spent = now - begun
        if steps == 1:  # that one went to the optimum, the next solve one master each
            spent *= ONE_MASTER_SHARE
        needed = REPLAN_SHARE * took + NEXT_STEP_MARGIN * spent
        if steps >= FLOOR_PRICINGS or deadline - now < needed:
            break
        moved = subgradient_floor_prices(problem, columns, floor_price, again.x, share)
        if np.array_equal(moved, floor_price):
            break  # every floor met at these prices: no step to take, the next plan the same
        floor_price = moved
    if last is None:
        return None, bound, steps
    average = clean_quantities(problem, columns, weighted / weights)
    return _Start(average, last.capacity_price, priced=True, runs=last), bound, steps


def _floors_met(
    problem: AllocationProblem,
    settings: EngineSettings,
    columns: Columns,
    rate: Rates,
    starts: list[_Start],
    deadline: float,
    took: float,
) -> tuple[float, FloatArray, bool, bool] | None:
    """The cheapest plan with every floor met from the pieces' plans in ``starts``: each
    re-split (``floor_repair``), then its orders without a floor re-planned (from the pieces'
    own runs when the start has them, ``replan_around_floors``, else ``replan_free_lines``)
    when ``REPLAN_MIN_SHARE`` of the pieces' time ``took`` is left; a later start only when
    ``LATER_START_SHARE`` of the time the first took is left. Returns the cost, the plan,
    whether it came from the priced start and whether the re-plan was kept; None when frozen
    cells hold an order below its floor."""
    best: tuple[float, FloatArray, bool, bool] | None = None
    spent = 0.0
    for start in starts:
        x, priced = start.x, start.priced
        begun = time.perf_counter()
        if best is not None and deadline - begun < LATER_START_SHARE * spent:
            break
        repaired = meet_floors(problem, columns, rate, x, start.capacity_price)
        if repaired is None:
            return None
        cost = plan_cost(problem, settings, columns, rate, repaired)
        untouched = np.array_equal(repaired, x)
        replanned = False
        if not (untouched and not priced) and deadline - time.perf_counter() >= REPLAN_MIN_SHARE * took:
            if start.runs is not None:
                replan = replan_around_floors(problem, start.runs, repaired, deadline)
            else:
                replan = replan_free_lines(problem, settings, columns, repaired, deadline)
            if replan is not None:
                replan = clean_quantities(problem, columns, replan)
                # held cells come back at their values up to HiGHS's tolerances: checked
                below = orders_below_floor(problem, columns, replan).size > 0
                replan_cost = plan_cost(problem, settings, columns, rate, replan)
                if not below and replan_cost < cost:
                    repaired, cost, replanned = replan, replan_cost, True
        spent = time.perf_counter() - begun
        if best is None or cost < best[0]:
            best = (cost, repaired, priced, replanned)
        if untouched and not priced:
            break  # the pieces' own plan meets every floor
    return best


def _greedy_if_cheaper(
    problem: AllocationProblem, settings: EngineSettings, columns: Columns, rate: Rates, cost: float
) -> tuple[FloatArray, float] | None:
    """The greedy plan and its cost when it costs less than ``cost`` (seconds at national size:
    callers try it only when their own plan is missing or far from its bound)."""
    greedy_x: FloatArray | None = greedy_quantities(problem, settings, columns, rate)
    if greedy_x is not None and orders_below_floor(problem, columns, greedy_x).size:
        # frozen cells below a floor start the greedy's account in the red: its plan then
        # misses that floor, and only a re-split makes it a plan of the model
        greedy_x = meet_floors(problem, columns, rate, greedy_x)
    if greedy_x is None:
        return None
    greedy_cost = plan_cost(problem, settings, columns, rate, greedy_x)
    return (greedy_x, greedy_cost) if greedy_cost < cost else None


def _better_bound(*bounds: float | None) -> float | None:
    """The highest of the lower bounds that are there (every one holds)."""
    held = [bound for bound in bounds if bound is not None]
    return max(held) if held else None


def _gap(objective: float, bound: float | None) -> float | None:
    return None if bound is None else max(objective - bound, 0.0) / max(abs(objective), 1.0)


def _plan_lp_guided(problem: AllocationProblem, settings: EngineSettings, columns: Columns) -> Plan:
    started = time.perf_counter()
    deadline = started + settings.time_limit_s
    rate = rates(problem, settings, columns)

    def cost_of(x: FloatArray) -> float:
        return plan_cost(problem, settings, columns, rate, clean_quantities(problem, columns, x))

    shape = gap_shape(problem, settings, columns, rate)
    if shape is not None:
        search = gap_search(problem, settings, columns, shape, deadline, cost_of)
        return _lp_guided_plan(problem, settings, columns, rate, search, 0.0)
    relaxed = dataclasses.replace(settings, single_sourcing=False, max_members_per_line=None, min_lot=None)
    lp_deadline = started + LP_SHARE_OF_TIME * settings.time_limit_s
    lc_price = np.zeros(problem.n_orders)
    if columns.n >= PRICING_MIN_COLUMNS:
        lp = solve_by_pricing(problem, relaxed, columns, rate, deadline=lp_deadline)
        lp_x, lp_bound = lp.x, lp.bound
        lp_ok = lp.status is not SolveStatus.INFEASIBLE
        lc_price = np.nan_to_num(lp.lc_dual)
    else:
        model = build(problem, relaxed)
        lp_result = solve(model, relaxed, time_limit=lp_deadline - time.perf_counter())
        lp_ok = lp_result.status.has_solution
        lp_x = lp_result.col_value[model.col_blocks["x"]] if lp_ok else np.zeros(columns.n)
        lp_bound = lp_result.bound if lp_result.status is SolveStatus.OPTIMAL else None
        if lp_result.row_dual.size:
            lc_price[model.lc_orders] = np.abs(lp_result.row_dual[model.row_blocks["local_content"]])
    if not lp_ok:
        return _plan_whole(problem, settings)
    lp_seconds = time.perf_counter() - started
    search = lp_guided_search(problem, settings, columns, rate, lp_x, lp_bound, deadline, cost_of, lc_price)
    return _lp_guided_plan(problem, settings, columns, rate, search, lp_seconds)


def _lp_guided_plan(
    problem: AllocationProblem,
    settings: EngineSettings,
    columns: Columns,
    rate: Rates,
    search: SearchResult,
    lp_seconds: float,
) -> Plan:
    if not search.status.has_solution and problem.frozen_arc.size:
        return _plan_whole(problem, settings)
    size = search.model.size if search.model is not None else None
    solver = SolverInfo(
        method="lp_guided",
        status=search.status,
        objective=search.objective,
        bound=search.bound,
        gap=search.gap,
        build_seconds=search.build_seconds,
        solve_seconds=lp_seconds + search.solve_seconds,
        size=size,
        detail=f"LP relaxation {lp_seconds:.2f} s; {search.steps}" if lp_seconds else search.steps,
    )
    return assemble_plan(
        problem, settings, columns, rate, clean_quantities(problem, columns, search.x), solver
    )
