"""Integer options at scale: an LP-guided search with an honest gap.

HiGHS on the whole MILP (a binary per arc, minimum lots, members per line, single sourcing)
finds poor incumbents slowly — on the synthetic consortium with minimum lots it was still 81 %
above its bound after 10 s. But the integer rules only bite on the few lines the LP splits
into small pieces. So:

1. solve the LP relaxation (the plain LP: with the binaries free, every lot row is slack), whose
   optimum is a valid lower bound for the MILP;
2. settle what the LP already does right — arcs whose LP quantity meets the lot (the whole line,
   for single sourcing) — by fixing their binary to 1, and restrict the rest of each line to the
   arcs the LP uses plus its next-cheapest ones: a small MIP that HiGHS solves fast;
3. with the time left, run HiGHS on the whole MILP from that incumbent, which may improve it and
   usually raises the bound above the LP's.

The gap reported is the incumbent against the best *valid* bound (the LP's, or the whole MILP's),
never against the restricted MIP's own bound, which says nothing about the arcs it left out.

Two structures get their own search instead: a problem that falls apart into pieces sharing no
capacity (no piece above ``MAX_PIECE_ARCS``) is solved piece by piece with a Lagrangian bound
(``pieces``); single sourcing shaped as a Generalized Assignment Problem is solved as one
(``gap_search``). Steps 1-3 remain for the rest (one large connected piece).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass

import highspy
import numpy as np

from birlik.allocation.columns import Columns, candidate_columns
from birlik.allocation.gap_search import GapShape, solve_gap
from birlik.allocation.model import Model, build
from birlik.allocation.pieces import MAX_PIECE_ARCS, largest_piece, search_by_pieces
from birlik.allocation.problem import (
    ARC_FIELDS,
    AllocationProblem,
    EngineSettings,
    FloatArray,
    IntArray,
    sum_by,
)
from birlik.allocation.rates import Rates
from birlik.allocation.solve import SolveResult, SolveStatus, solve

EXTRA_ARCS_PER_LINE = 2
"""Cheapest arcs per line added to those the LP uses, so the MIP can move a split line whole."""
LP_SHARE_OF_TIME = 0.4
"""Share of the user's time limit the LP relaxation may use."""
RESTRICTED_SHARE_OF_TIME = 0.5
"""Share of the time then left that the restricted MIP may use (the dive gets at most 30 %)."""
POLISH_MAX_COLUMNS = 2_000_000
"""The whole MILP is handed to HiGHS for polishing only up to this many columns."""
HEURISTIC_EFFORT = 0.3
"""HiGHS's share of MIP effort on primal heuristics (default 0.05): the point here is a good
plan fast; on the synthetic consortium with minimum lots, 0.3 found a 12 % cheaper restricted
plan in the same 5 s."""


def restrict_arcs(problem: AllocationProblem, arcs: IntArray) -> AllocationProblem:
    """The same problem with only ``arcs`` (sorted, and including every frozen arc) eligible."""
    new_index = np.full(problem.n_arcs, -1, np.int64)
    new_index[arcs] = np.arange(arcs.shape[0])
    keep_override = new_index[problem.lc_override_arc] >= 0
    per_arc = {name: getattr(problem, name)[arcs] for name in ARC_FIELDS}
    return dataclasses.replace(
        problem,
        **per_arc,
        frozen_arc=new_index[problem.frozen_arc],
        lc_override_arc=new_index[problem.lc_override_arc[keep_override]],
        lc_override_month=problem.lc_override_month[keep_override],
        lc_override_share=problem.lc_override_share[keep_override],
    )


def cheapest_arcs(problem: AllocationProblem, columns: Columns, rate: Rates, per_line: int) -> IntArray:
    """Per line, its ``per_line`` arcs with the cheapest column."""
    has_columns = np.flatnonzero(columns.arc_start[1:] > columns.arc_start[:-1])
    if has_columns.size == 0 or per_line <= 0:
        return np.zeros(0, np.int64)
    best = np.minimum.reduceat(rate.unit_cost, columns.arc_start[has_columns])
    order = np.lexsort((best, problem.arc_line[has_columns]))
    ranked = has_columns[order]
    line = problem.arc_line[ranked]
    rank = np.arange(ranked.shape[0]) - np.searchsorted(line, line)
    return np.sort(ranked[rank < per_line]).astype(np.int64)


def settled_arcs(problem: AllocationProblem, settings: EngineSettings, arc_amount: FloatArray) -> IntArray:
    """Arcs where the LP already obeys the integer rules, so their binary can be fixed to 1."""
    qty = problem.line_qty[problem.arc_line]
    tol = 1e-9 * np.maximum(qty, 1.0)
    used = arc_amount > tol
    if settings.single_sourcing:
        ok = arc_amount >= qty - tol
    elif settings.min_lot is not None:
        ok = used & (arc_amount >= np.minimum(settings.min_lot, qty) - tol)
    else:
        ok = used
    limit = 1 if settings.single_sourcing else settings.max_members_per_line
    if limit is not None:
        members = np.bincount(problem.arc_line[used], minlength=problem.n_lines)
        ok &= members[problem.arc_line] <= limit
    return np.flatnonzero(ok).astype(np.int64)


def _lot_and_limit(problem: AllocationProblem, settings: EngineSettings) -> tuple[FloatArray, int | None]:
    """Per arc, the least quantity it may carry if used; and the most members per line."""
    qty = problem.line_qty[problem.arc_line]
    if settings.single_sourcing:
        return qty, 1
    lot = np.minimum(settings.min_lot, qty) if settings.min_lot is not None else np.zeros_like(qty)
    return lot, settings.max_members_per_line


def lp_dive(problem: AllocationProblem, settings: EngineSettings, deadline: float) -> FloatArray | None:
    """Round the LP by re-solving it until every used arc meets its lot (the whole line, for
    single sourcing) and no line has more members than allowed.

    Each round: arcs that meet their lot are settled — a row Σ_t x ≥ lot keeps them there, which
    the current plan obeys, so it never clashes. On each line that still breaks a rule, its
    largest small piece is forced up to the lot (a row as above, where the member's capacity over
    its months allows) when the line is short, has no settled arc, or its small pieces add up to a
    lot; otherwise its small pieces are banned (their columns fixed at 0), as are pieces beyond
    the member limit. A round whose forced rows make the LP infeasible is undone and those arcs
    banned instead. Units moved find the next best place in the re-solve, shortage included.
    Returns the quantities per column of ``problem``, or None if the LP could not be solved in
    time or became infeasible (settled low-content arcs can leave a floor unreachable).
    Measured on the synthetic consortium with minimum lots: 0.1–0.3 s, but a plan well above
    the restricted MIP's — it serves as a quick first incumbent and a fallback.
    """
    p = problem
    relaxed = dataclasses.replace(settings, single_sourcing=False, max_members_per_line=None, min_lot=None)
    model = build(p, relaxed)
    columns = model.columns
    h = highspy._Highs()  # type: ignore[attr-defined]
    h.setOptionValue("output_flag", False)
    created = time.perf_counter()
    m = model.matrix
    h.passModel(
        int(model.cost.shape[0]), int(model.row_lo.shape[0]), int(m.nnz),
        highspy.MatrixFormat.kColwise, highspy.ObjSense.kMinimize, 0.0,
        model.cost, model.lb, model.ub, model.row_lo, model.row_hi,
        m.indptr.astype(np.int32), m.indices.astype(np.int32), m.data.astype(np.float64), model.integrality,
    )  # fmt: skip
    lot, limit = _lot_and_limit(p, settings)
    qty = p.line_qty[p.arc_line]
    tol = 1e-7 * np.maximum(qty, 1.0)
    kept = np.zeros(p.n_arcs, dtype=bool)
    kept[p.frozen_arc[p.frozen_qty > 0]] = True
    cell_room = np.full(columns.n, np.inf)
    use = p.arc_use[columns.col_arc]
    loaded = use > 0
    family = p.line_family[p.arc_line[columns.col_arc[loaded]]]
    flat = (p.arc_member[columns.col_arc[loaded]] * p.n_families + family) * p.n_months + columns.col_month[
        loaded
    ]
    cell_room[loaded] = p.capacity.reshape(-1)[flat] / use[loaded]
    arc_room = sum_by(columns.col_arc, np.minimum(cell_room, qty[columns.col_arc]), p.n_arcs)
    x0 = model.col_blocks["x"].start
    n_rows = int(model.row_lo.shape[0])
    last_forced = np.zeros(0, np.int64)

    def ban(arcs: IntArray) -> None:
        cols = columns.columns_of_arcs(arcs)
        zero = np.zeros(cols.shape[0])
        h.changeColsBounds(int(cols.shape[0]), (x0 + cols).astype(np.int32), zero, zero)

    def add_lot_rows(arcs: IntArray) -> None:
        kept[arcs] = True
        cols = columns.columns_of_arcs(arcs)
        counts = columns.arc_start[arcs + 1] - columns.arc_start[arcs]
        row_starts = np.zeros(arcs.shape[0], np.int32)
        np.cumsum(counts[:-1], out=row_starts[1:])
        h.addRows(
            arcs.shape[0], lot[arcs], np.full(arcs.shape[0], np.inf), int(cols.shape[0]),
            row_starts, (x0 + cols).astype(np.int32), np.ones(cols.shape[0]),
        )  # fmt: skip

    for _ in range(200):
        h.setOptionValue("time_limit", max(deadline - created, 0.01))
        h.run()
        status = h.getModelStatus().name
        if status == "kInfeasible" and last_forced.size:
            # the lots forced last round clash (capacity or a floor): ban those arcs instead
            h.deleteRows(
                last_forced.shape[0], np.arange(n_rows, n_rows + last_forced.shape[0], dtype=np.int32)
            )
            kept[last_forced] = False
            ban(last_forced)
            last_forced = np.zeros(0, np.int64)
            continue
        if status != "kOptimal":
            return None
        x = np.array(h.getSolution().col_value, dtype=np.float64)[model.col_blocks["x"]]
        amount = sum_by(columns.col_arc, x, p.n_arcs)
        used = amount > tol
        small = used & ~kept & (amount < lot - tol)
        members = np.bincount(p.arc_line[used], minlength=p.n_lines)
        crowded = members > (limit if limit is not None else np.inf)
        bad_lines = np.unique(np.concatenate([p.arc_line[small], np.flatnonzero(crowded)]))
        if bad_lines.size == 0:
            return x
        # arcs that meet their lot are settled: a row keeps them at or above it from now on
        within = members[p.arc_line] <= (limit if limit is not None else np.inf)
        settle = np.flatnonzero(used & ~kept & (amount >= lot - tol) & (lot > 0) & within)
        if settle.size:
            add_lot_rows(settle)  # the current plan obeys them, so they never clash
        new_force: list[int] = []
        new_ban: list[int] = []
        arcs_by_line = np.argsort(p.arc_line, kind="stable")
        starts = np.searchsorted(p.arc_line[arcs_by_line], bad_lines)
        ends = np.searchsorted(p.arc_line[arcs_by_line], bad_lines, side="right")
        made = sum_by(p.arc_line, amount, p.n_lines)
        for begin, end in zip(starts, ends, strict=True):
            arcs = arcs_by_line[begin:end]
            arcs = arcs[used[arcs]]
            arcs = arcs[np.lexsort((-amount[arcs], ~kept[arcs]))]  # kept first, then largest
            line = int(p.arc_line[arcs[0]])
            room = limit if limit is not None else arcs.shape[0]
            fine = kept[arcs] | (amount[arcs] >= lot[arcs] - tol[arcs])
            keep = [int(a) for a in arcs[fine][:room]]
            rest = [int(a) for a in arcs if int(a) not in keep and not kept[a]]
            short = made[line] < p.line_qty[line] - 1e-7 * max(float(p.line_qty[line]), 1.0)
            pieces = float(amount[rest].sum()) if rest else 0.0
            if rest and len(keep) < room and (short or not keep or pieces >= lot[rest[0]] - tol[rest[0]]):
                # the line still needs more: raise its largest small piece to the lot
                candidate = next((a for a in rest if arc_room[a] >= lot[a] - tol[a]), None)
                if candidate is not None:
                    new_force.append(candidate)
                    continue
            new_ban += rest
        if not new_force and not new_ban:
            return None  # no progress possible (should not happen)
        n_rows = h.getNumRow()
        last_forced = np.array(new_force, np.int64)
        if new_force:
            add_lot_rows(last_forced)
        if new_ban:
            ban(np.array(new_ban, np.int64))
    return None


@dataclass(frozen=True)
class SearchResult:
    status: SolveStatus
    x: FloatArray
    objective: float | None
    bound: float | None
    gap: float | None
    model: Model | None
    build_seconds: float
    solve_seconds: float
    steps: str


def _full_x(columns: Columns, arcs: IntArray, model: Model, result: SolveResult) -> FloatArray:
    """The restricted MIP's quantities on the whole problem's columns."""
    x = np.zeros(columns.n)
    if not result.status.has_solution:
        return x
    raw = result.col_value[model.col_blocks["x"]]
    used = np.round(result.col_value[model.col_blocks["used"]]) > 0
    raw = np.where(used[model.columns.col_arc], raw, 0.0)
    x[columns.column_of(arcs[model.columns.col_arc], model.columns.col_month)] = raw
    return x


def _start_vector(problem: AllocationProblem, model: Model, x: FloatArray) -> FloatArray:
    """A whole-model column vector for HiGHS from quantities: shortage, peaks and binaries."""
    columns = model.columns
    start = np.zeros(model.cost.shape[0])
    start[model.col_blocks["x"]] = x
    made = sum_by(problem.arc_line[columns.col_arc], x, problem.n_lines)
    start[model.col_blocks["short"]] = np.maximum(problem.line_qty - made, 0.0)
    if "peak" in model.col_blocks:
        keys = model.capacity_keys
        load = np.zeros(problem.capacity.size)
        arcs = columns.col_arc
        family = problem.line_family[problem.arc_line[arcs]]
        flat = (problem.arc_member[arcs] * problem.n_families + family) * problem.n_months + columns.col_month
        np.add.at(load, flat, x * problem.arc_use[arcs])
        cap = problem.capacity.reshape(-1)
        ratio = np.divide(load, cap, out=np.zeros_like(load), where=cap > 0)[keys]
        family_month = (
            keys // problem.n_months
        ) % problem.n_families * problem.n_months + keys % problem.n_months
        peak = np.zeros(problem.n_families * problem.n_months)
        np.maximum.at(peak, family_month, ratio)
        start[model.col_blocks["peak"]] = np.minimum(peak, 1.0)
    arc_amount = sum_by(columns.col_arc, x, problem.n_arcs)
    start[model.col_blocks["used"]] = (arc_amount > 0).astype(np.float64)
    return start


def lp_guided_search(
    problem: AllocationProblem,
    settings: EngineSettings,
    columns: Columns,
    rate: Rates,
    lp_x: FloatArray,
    lp_bound: float | None,
    deadline: float,
    cost_of: Callable[[FloatArray], float],
    lc_price: FloatArray | None = None,
) -> SearchResult:
    """Steps 2 and 3 above, given the LP relaxation's quantities and bound — or, when the
    problem falls apart into pieces that share no capacity (none larger than
    ``MAX_PIECE_ARCS``), the search by pieces (``pieces``) with the LP's local-content duals
    ``lc_price`` (per order; zeros if None) as prices.

    ``cost_of(x) -> float`` prices a plan on the full objective (the engine passes the
    plan assembler's total, so incumbents are compared exactly as the plan reports them).
    """
    p = problem
    started = time.perf_counter()
    if largest_piece(p, settings) <= MAX_PIECE_ARCS:
        price = np.zeros(p.n_orders) if lc_price is None else np.nan_to_num(np.maximum(lc_price, 0.0))
        found = search_by_pieces(p, settings, columns, price, deadline, cost_of)
        if found.x is not None:
            bound = found.bound if lp_bound is None or found.bound is None else max(found.bound, lp_bound)
            return _result(found.x, cost_of(found.x), bound, settings, started, found.detail)
    arc_amount = sum_by(columns.col_arc, lp_x, p.n_arcs)
    settled = settled_arcs(p, settings, arc_amount)
    candidates = np.unique(
        np.concatenate(
            [
                np.flatnonzero(arc_amount > 0),
                cheapest_arcs(p, columns, rate, EXTRA_ARCS_PER_LINE),
                p.frozen_arc,
            ]
        )
    ).astype(np.int64)
    sub = restrict_arcs(p, candidates)
    new_index = np.full(p.n_arcs, -1, np.int64)
    new_index[candidates] = np.arange(candidates.shape[0])
    steps = []
    x = np.zeros(columns.n)
    incumbent: float | None = None
    model: Model | None = None
    build_seconds = 0.0  # model assembly only; the rest of the time is solving
    dive_started = time.perf_counter()
    dived = lp_dive(sub, settings, started + 0.3 * max(deadline - started, 0.0))
    sub_columns = candidate_columns(sub, settings)
    sub_cols_in_full = columns.column_of(candidates[sub_columns.col_arc], sub_columns.col_month)
    if dived is not None:
        x = np.zeros(columns.n)
        x[sub_cols_in_full] = dived
        x = np.where(x > 1e-9 * np.maximum(p.line_qty[p.arc_line[columns.col_arc]], 1.0), x, 0.0)
        incumbent = cost_of(x)
        steps.append(f"LP dive on {candidates.size} arcs ({time.perf_counter() - dive_started:.2f} s)")
    for force in (new_index[settled], None):
        budget = RESTRICTED_SHARE_OF_TIME * max(deadline - time.perf_counter(), 0.0)
        model = build(sub, settings, force_used=force)
        build_seconds += model.build_seconds
        result = solve(model, settings, time_limit=budget, heuristic_effort=HEURISTIC_EFFORT)
        if result.status.has_solution:
            candidate_x = _full_x(columns, candidates, model, result)
            candidate = cost_of(candidate_x)
            steps.append(
                f"restricted MIP ({model.size.n_integer} binaries, {settled.size} settled, "
                f"{result.status}, {result.solve_seconds:.2f} s)"
            )
            if incumbent is None or candidate < incumbent:
                x, incumbent = candidate_x, candidate
            break
        steps.append("restricted MIP with settled arcs found no plan" if force is not None else "")
    bound = lp_bound
    status = (
        SolveStatus.TIME_LIMIT_WITH_SOLUTION if incumbent is not None else SolveStatus.TIME_LIMIT_NO_SOLUTION
    )

    def gap_of(objective: float | None, low: float | None) -> float | None:
        if objective is None or low is None:
            return None
        return max(objective - low, 0.0) / max(abs(objective), 1.0)

    gap = gap_of(incumbent, bound)
    remaining = deadline - time.perf_counter()
    whole_columns = columns.n + p.n_lines + p.n_arcs
    if (
        (gap is None or gap > settings.mip_rel_gap)
        and remaining > 0.05
        and whole_columns <= POLISH_MAX_COLUMNS
    ):
        whole = build(p, settings)
        build_seconds += whole.build_seconds
        start = _start_vector(p, whole, x) if incumbent is not None else None
        result = solve(whole, settings, time_limit=remaining, start=start, heuristic_effort=HEURISTIC_EFFORT)
        steps.append(f"whole MIP from the incumbent ({result.status})")
        if result.bound is not None:
            bound = result.bound if bound is None else max(bound, result.bound)
        if result.status.has_solution:
            candidate_x = _full_x(columns, np.arange(p.n_arcs), whole, result)
            candidate = cost_of(candidate_x)
            if incumbent is None or candidate < incumbent:
                x, incumbent, model = candidate_x, candidate, whole
        gap = gap_of(incumbent, bound)
    if incumbent is not None and gap is not None and gap <= settings.mip_rel_gap:
        status = SolveStatus.OPTIMAL
    if bound is not None and incumbent is not None:
        bound = min(bound, incumbent)
    return SearchResult(
        status=status,
        x=x,
        objective=incumbent,
        bound=bound,
        gap=gap,
        model=model,
        build_seconds=build_seconds,
        solve_seconds=time.perf_counter() - started - build_seconds,
        steps="; ".join(step for step in steps if step),
    )


def _result(
    x: FloatArray, objective: float, bound: float | None, settings: EngineSettings, started: float, steps: str
) -> SearchResult:
    """A search result for a plan of cost ``objective`` with a proven ``bound`` (or none)."""
    gap = None if bound is None else max(objective - bound, 0.0) / max(abs(objective), 1.0)
    optimal = gap is not None and gap <= settings.mip_rel_gap
    return SearchResult(
        status=SolveStatus.OPTIMAL if optimal else SolveStatus.TIME_LIMIT_WITH_SOLUTION,
        x=x,
        objective=objective,
        bound=None if bound is None else min(bound, objective),
        gap=gap,
        model=None,
        build_seconds=0.0,
        solve_seconds=time.perf_counter() - started,
        steps=steps,
    )


def gap_search(
    problem: AllocationProblem,
    settings: EngineSettings,
    columns: Columns,
    shape: GapShape,
    deadline: float,
    cost_of: Callable[[FloatArray], float],
) -> SearchResult:
    """Single sourcing that is a Generalized Assignment Problem, solved as one (``gap_search``)."""
    started = time.perf_counter()
    found = solve_gap(shape, deadline, settings.mip_rel_gap)
    x = np.zeros(columns.n)
    jobs = np.flatnonzero(found.agent >= 0)
    x[shape.column[found.agent[jobs], jobs]] = problem.line_qty[jobs]
    objective = cost_of(x)
    return _result(x, objective, found.bound, settings, started, found.detail)
