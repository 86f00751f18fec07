"""Single sourcing in one month per arc is the Generalized Assignment Problem: solve it as one.

When every line must go whole to one member and each (line, member) pair has a single month,
the engine's model is exactly a GAP: agents are the (member, family, month) capacities, jobs the
lines, and a job left unassigned pays its shortage penalty. HiGHS on that MIP finds plans slowly
from a few thousand arcs on (none at all in 60 s at 80 agents × 1,600 jobs), and its bound barely
moves past the LP's. The search here:

- **LP**, then its plan rounded (at most one fractional job per agent) and improved by a local
  search of shifts (one job to a cheaper agent with room) and ejection chains (a job moves to an
  agent that makes room by sending one of its jobs back or to a third agent), vectorised over all
  jobs at once;
- a **Lagrangian bound** where its knapsacks are cheap: relax "each job exactly once" with prices
  u[j]; what is left is one 0-1 knapsack per agent, solved exactly by dynamic programming over
  the integer capacity. L(u) = Σ_j u[j] + Σ_agents knapsack + Σ_j min(0, penalty[j] − u[j]) is a
  lower bound for *any* u, and at least the LP's at the LP's duals; a subgradient method raises
  it, and every better knapsack solution is repaired into a plan and improved;
- **neighbourhood MIPs** (RINS): the jobs the plan places where the LP does not, plus the jobs of
  a few random agents, re-solved by HiGHS with every other job fixed;
- **HiGHS last**, on the MIP without the arcs the Lagrangian proves cannot be in a plan better
  than the best one (knapsack penalty: L + the cost of forcing the arc in ≥ that plan's cost),
  started from the best plan; its bound, capped at that plan's cost, holds for the full problem,
  because every arc it lacks would only lead to plans no better.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from birlik.allocation.columns import Columns
from birlik.allocation.problem import AllocationProblem, EngineSettings, FloatArray, IntArray
from birlik.allocation.rates import Rates

MAX_CAPACITY = 100_000
"""Knapsack DP width: larger integer capacities leave the problem to the general search."""
MAX_DENSE = 4_000_000
"""Agents × jobs above which the dense arrays of this search would be too big."""
LP_SHARE = 0.2
"""Share of the time the LP relaxation may take (80 × 1,600 jobs: 2 s)."""
LAGRANGE_SHARE = 0.3
"""Share of the time then left for the subgradient method and the plans from its knapsacks."""
RINS_SHARE = 0.6
"""Share of the time then left for neighbourhood MIPs; HiGHS on the whole MIP gets the rest."""
RINS_MIN_ARCS = 2_000
RINS_SHARE_SMALL = 0.2
"""Up to ``RINS_MIN_ARCS`` arcs HiGHS on the whole MIP from the best plan did better than the
neighbourhood MIPs (type-D 10 × 100), so they get only this share there."""
FINAL_SHARE = 0.95
"""Share of the time left handed to HiGHS as its limit at the end (a margin for its overrun)."""
RINS_ROUND = 3.0
"""Seconds per neighbourhood MIP."""
RINS_SEED = 4
MAX_DP_WORK = 3e6
"""Knapsack table cells per subgradient step above which the Lagrangian bound is not tried:
the LP bound is then kept (on large type-D instances the two were equal to six digits)."""
STALL_STEPS = 8
"""Steps without a better bound after which the step size is halved (from the best prices)."""
MIN_STEP = 1e-4
"""Step-size factor at which the subgradient method stops."""
TARGET_ABOVE = 0.01
"""The subgradient step aims at most this far (relative) above the best bound."""
INT_TOL = 1e-9

BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class GapShape:
    """The problem as a dense GAP. cost/weight (m, n): inf / 0 where the arc does not exist;
    arc (m, n): the problem's arc there (−1 if none), column (m, n) its single column."""

    cost: FloatArray
    weight: npt.NDArray[np.int64]
    capacity: npt.NDArray[np.int64]
    penalty: FloatArray
    arc: IntArray
    column: IntArray

    @property
    def n_agents(self) -> int:
        return int(self.cost.shape[0])

    @property
    def n_jobs(self) -> int:
        return int(self.cost.shape[1])

    def assignment_cost(self, agent: IntArray) -> float:
        jobs = np.arange(self.n_jobs)
        made = agent >= 0
        return float(self.cost[agent[made], jobs[made]].sum() + self.penalty[~made].sum())


def is_gap_shaped(problem: AllocationProblem, settings: EngineSettings, columns: Columns) -> bool:
    """Single sourcing with one month per arc, no floors, no fairness, no frozen cells, integral
    capacities and quantities × uses within the knapsack width, and no line twice on one
    capacity: then the problem is a GAP."""
    return _agents(problem, settings, columns) is not None


def _agents(
    problem: AllocationProblem, settings: EngineSettings, columns: Columns
) -> tuple[IntArray, IntArray, IntArray] | None:
    """Arcs with a month, the capacity (agent) of each, and the agents' flat capacity keys."""
    p = problem
    if not settings.single_sourcing or settings.fairness_weight > 0 or p.frozen_arc.size:
        return None
    if np.any(p.order_lc_floor > 0):
        return None
    per_arc = columns.arc_start[1:] - columns.arc_start[:-1]
    if p.n_arcs == 0 or np.any(per_arc > 1):
        return None
    arcs = np.flatnonzero(per_arc == 1)
    if arcs.size == 0:
        return None
    cols = columns.arc_start[arcs]
    weight = p.line_qty[p.arc_line[arcs]] * p.arc_use[arcs]
    family = p.line_family[p.arc_line[arcs]]
    key = (p.arc_member[arcs] * p.n_families + family) * p.n_months + columns.col_month[cols]
    keys, agent = np.unique(key, return_inverse=True)
    capacity = p.capacity.reshape(-1)[keys]
    whole = np.concatenate([weight, capacity])
    if np.any(np.abs(whole - np.round(whole)) > INT_TOL * np.maximum(np.abs(whole), 1.0)):
        return None
    if capacity.max(initial=0) > MAX_CAPACITY or keys.shape[0] * p.n_lines > MAX_DENSE:
        return None
    if np.unique(agent * p.n_lines + p.arc_line[arcs]).shape[0] != arcs.shape[0]:
        return None  # two arcs of one line on one capacity: not a GAP
    return arcs, agent.astype(np.int64), keys.astype(np.int64)


def gap_shape(
    problem: AllocationProblem, settings: EngineSettings, columns: Columns, rate: Rates
) -> GapShape | None:
    """The GAP view of the problem, or None when it is not one (``is_gap_shaped``)."""
    p = problem
    found = _agents(p, settings, columns)
    if found is None:
        return None
    arcs, agent, keys = found
    cols = columns.arc_start[arcs]
    qty = p.line_qty[p.arc_line[arcs]]
    weight = qty * p.arc_use[arcs]
    capacity = p.capacity.reshape(-1)[keys]
    m, n = keys.shape[0], p.n_lines
    cost = np.full((m, n), np.inf)
    cost[agent, p.arc_line[arcs]] = qty * rate.unit_cost[cols]
    w = np.zeros((m, n), np.int64)
    w[agent, p.arc_line[arcs]] = np.round(weight).astype(np.int64)
    arc = np.full((m, n), -1, np.int64)
    arc[agent, p.arc_line[arcs]] = arcs
    column = np.full((m, n), -1, np.int64)
    column[agent, p.arc_line[arcs]] = cols
    return GapShape(
        cost=cost,
        weight=w,
        capacity=np.round(capacity).astype(np.int64),
        penalty=p.line_qty * rate.shortage,
        arc=arc,
        column=column,
    )


# --- the Lagrangian bound -------------------------------------------------------------------


@dataclass(frozen=True)
class Knapsacks:
    """Per agent the knapsack value, the jobs taken, and the value function dp (m, C+1) over
    capacity (the least value within that capacity), for penalties."""

    value: FloatArray
    taken: BoolArray
    dp: FloatArray


def knapsacks(
    reduced: FloatArray, weight: npt.NDArray[np.int64], capacity: npt.NDArray[np.int64]
) -> Knapsacks:
    """min Σ reduced·x s.t. Σ weight·x ≤ capacity, x ∈ {0,1}, for every agent at once.

    Only jobs with a negative reduced cost that fit can help; they are processed in rounds, the
    r-th candidate of every agent in one vectorised step over the (agents × capacity) table.
    """
    m, n = reduced.shape
    candidate = (reduced < 0) & (weight <= capacity[:, None])
    counts = candidate.sum(axis=1)
    rounds = int(counts.max(initial=0))
    width = int(capacity.max(initial=0)) + 1
    order = np.argsort(~candidate, axis=1, kind="stable")[:, :rounds]
    valid = np.take_along_axis(candidate, order, axis=1)
    w = np.where(valid, np.take_along_axis(weight, order, axis=1), 0)
    v = np.where(valid, np.take_along_axis(reduced, order, axis=1), 0.0)
    dp = np.zeros((m, width))
    take = np.zeros((rounds, m, width), dtype=bool)
    cap_index = np.arange(width)
    rows = np.arange(m)[:, None]
    for r in range(rounds):
        source = cap_index[None, :] - w[:, r : r + 1]
        fits = source >= 0
        option = np.where(fits, dp[rows, np.maximum(source, 0)] + v[:, r : r + 1], np.inf)
        better = option < dp
        take[r] = better
        dp = np.where(better, option, dp)
    agents = np.arange(m)
    left = capacity.copy()
    taken = np.zeros((m, n), dtype=bool)
    for r in range(rounds - 1, -1, -1):
        chosen = take[r, agents, left]
        taken[agents[chosen], order[chosen, r]] = True
        left = left - w[:, r] * chosen
    return Knapsacks(dp[agents, capacity], taken, dp)


def lagrangian(shape: GapShape, u: FloatArray) -> tuple[float, Knapsacks]:
    reduced = np.where(np.isfinite(shape.cost), shape.cost - u[None, :], np.inf)
    sacks = knapsacks(reduced, shape.weight, shape.capacity)
    value = float(u.sum() + sacks.value.sum() + np.minimum(shape.penalty - u, 0.0).sum())
    return value, sacks


def arcs_ruled_out(
    shape: GapShape, u: FloatArray, bound: float, sacks: Knapsacks, incumbent: float
) -> BoolArray:
    """Arcs that cannot be in a plan cheaper than ``incumbent``: forcing job j into agent i
    raises that agent's knapsack by at least reduced[i, j] + dp_i[cap_i − w_ij] − dp_i[cap_i]
    (dp_i may count j twice, which only makes the estimate lower), and so L(u) by as much."""
    m = shape.n_agents
    reduced = np.where(np.isfinite(shape.cost), shape.cost - u[None, :], np.inf)
    left = shape.capacity[:, None] - shape.weight
    fits = left >= 0
    rest = np.take_along_axis(sacks.dp, np.clip(left, 0, None), axis=1)
    penalty = reduced + rest - sacks.dp[np.arange(m), shape.capacity][:, None]
    out = ~fits | (bound + np.where(sacks.taken, 0.0, penalty) >= incumbent - 1e-9 * max(abs(incumbent), 1.0))
    return out & ~sacks.taken


# --- plans: repair and local search --------------------------------------------------------


class Assignment:
    """A plan under construction: agent per job (−1: short) and each agent's load."""

    def __init__(self, shape: GapShape, agent: IntArray) -> None:
        self.shape = shape
        self.agent = agent.copy()
        jobs = np.flatnonzero(agent >= 0)
        self.load = np.bincount(
            agent[jobs], weights=shape.weight[agent[jobs], jobs], minlength=shape.n_agents
        ).astype(np.int64)

    def current_cost(self) -> FloatArray:
        s, jobs = self.shape, np.arange(self.shape.n_jobs)
        made = self.agent >= 0
        cost = s.penalty.copy()
        cost[made] = s.cost[self.agent[made], jobs[made]]
        return cost

    def move(self, job: int, to: int) -> None:
        s, at = self.shape, int(self.agent[job])
        if at >= 0:
            self.load[at] -= s.weight[at, job]
        if to >= 0:
            self.load[to] += s.weight[to, job]
        self.agent[job] = to

    def fits(self, job: int, to: int) -> bool:
        s = self.shape
        return bool(np.isfinite(s.cost[to, job]) and self.load[to] + s.weight[to, job] <= s.capacity[to])

    @property
    def cost(self) -> float:
        return self.shape.assignment_cost(self.agent)


def from_knapsacks(shape: GapShape, taken: BoolArray) -> Assignment:
    """A job taken by several agents stays with the cheapest; the others are placed by insert."""
    chosen = np.where(taken, shape.cost, np.inf)
    agent = np.where(taken.any(axis=0), np.argmin(chosen, axis=0), -1).astype(np.int64)
    plan = Assignment(shape, agent)
    insert_missing(plan)
    return plan


def insert_missing(plan: Assignment) -> None:
    """Place each short job where it is cheapest and fits, the hardest to place first; when no
    agent has room, eject a job from one that does fit it after, if that job fits elsewhere."""
    s = plan.shape
    missing = np.flatnonzero(plan.agent < 0)
    if missing.size == 0:
        return
    eligible = np.isfinite(s.cost[:, missing])
    order = missing[np.lexsort((-s.weight[:, missing].min(axis=0), eligible.sum(axis=0)))]
    for job in order:
        slack = s.capacity - plan.load
        options = np.flatnonzero(np.isfinite(s.cost[:, job]) & (s.weight[:, job] <= slack))
        if options.size:
            plan.move(int(job), int(options[np.argmin(s.cost[options, job])]))
            continue
        _eject_for(plan, int(job))


def _eject_for(plan: Assignment, job: int) -> bool:
    s = plan.shape
    for to in np.argsort(s.cost[:, job]):
        if not np.isfinite(s.cost[to, job]):
            break
        need = plan.load[to] + s.weight[to, job] - s.capacity[to]
        if s.weight[to, job] > s.capacity[to]:
            continue
        residents = np.flatnonzero((plan.agent == to) & (s.weight[to] >= need))
        slack = s.capacity - plan.load
        for other in residents[np.argsort(s.cost[to, residents])[::-1]]:
            room = np.isfinite(s.cost[:, other]) & (s.weight[:, other] <= slack)
            room[to] = False
            if room.any():
                places = np.flatnonzero(room)
                plan.move(int(other), int(places[np.argmin(s.cost[places, other])]))
                plan.move(job, int(to))
                return True
    return False


def shift_pass(plan: Assignment) -> bool:
    """Move every job that can go to a cheaper agent with room; best improvements first."""
    s = plan.shape
    jobs = np.arange(s.n_jobs)
    current = plan.current_cost()
    slack = s.capacity - plan.load
    delta = np.where(s.weight <= slack[:, None], s.cost - current[None, :], np.inf)
    made = plan.agent >= 0
    delta[plan.agent[made], jobs[made]] = np.inf
    best = np.argmin(delta, axis=0)
    gain = delta[best, jobs]
    improving = np.flatnonzero(gain < -1e-9 * np.maximum(np.abs(current), 1.0))
    moved = False
    for job in improving[np.argsort(gain[improving])]:
        to = int(best[job])
        if plan.fits(int(job), to):
            plan.move(int(job), to)
            moved = True
    return moved


# --- LP, MIP and the search -----------------------------------------------------------------


def _gap_model(shape: GapShape, keep: BoolArray) -> tuple[IntArray, IntArray, sp.csc_array, FloatArray]:
    """Columns x[i, j] for kept arcs, then s[j]; rows Σ_i x + s = 1 per job, Σ_j w·x ≤ cap."""
    agents, jobs = np.nonzero(keep & np.isfinite(shape.cost))
    n, k = shape.n_jobs, agents.shape[0]
    rows = np.concatenate([jobs, n + agents, np.arange(n)])
    cols = np.concatenate([np.arange(k), np.arange(k), k + np.arange(n)])
    vals = np.concatenate([np.ones(k), shape.weight[agents, jobs].astype(np.float64), np.ones(n)])
    matrix = sp.csc_array((vals, (rows, cols)), shape=(n + shape.n_agents, k + n))
    cost = np.concatenate([shape.cost[agents, jobs], shape.penalty])
    return agents.astype(np.int64), jobs.astype(np.int64), matrix, cost


def _run(
    shape: GapShape,
    keep: BoolArray,
    *,
    integer: bool,
    time_limit: float,
    start: IntArray | None = None,
    gap: float = 0.0,
) -> tuple[str, FloatArray | None, float | None, IntArray | None, FloatArray]:
    """HiGHS on the GAP over the kept arcs. Returns status name, row duals of the job rows (LP),
    the bound (MIP: its dual bound; LP: the optimum), the plan found (MIP) and its columns."""
    agents, jobs, matrix, cost = _gap_model(shape, keep)
    n, k = shape.n_jobs, agents.shape[0]
    h = highspy._Highs()  # type: ignore[attr-defined]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", max(float(time_limit), 0.01))
    h.setOptionValue("mip_rel_gap", float(gap))
    integrality = np.full(k + n, 1 if integer else 0, np.int32)
    h.passModel(
        k + n, n + shape.n_agents, int(matrix.nnz), highspy.MatrixFormat.kColwise,
        highspy.ObjSense.kMinimize, 0.0, cost, np.zeros(k + n), np.ones(k + n),
        np.concatenate([np.ones(n), np.full(shape.n_agents, -np.inf)]),
        np.concatenate([np.ones(n), shape.capacity.astype(np.float64)]),
        matrix.indptr.astype(np.int32), matrix.indices.astype(np.int32), matrix.data, integrality,
    )  # fmt: skip
    if start is not None:
        value = np.zeros(k + n)
        index = np.full((shape.n_agents, n), -1, np.int64)
        index[agents, jobs] = np.arange(k)
        made = start >= 0
        value[index[start[made], np.flatnonzero(made)]] = 1.0
        value[k + np.flatnonzero(~made)] = 1.0
        h.setSolution(k + n, np.arange(k + n, dtype=np.int32), value)
    h.run()
    status = h.getModelStatus().name
    info = h.getInfo()
    has_point = int(info.primal_solution_status) == int(highspy.SolutionStatus.kSolutionStatusFeasible)
    duals, bound, plan = None, None, None
    if integer:
        if np.isfinite(info.mip_dual_bound) and abs(info.mip_dual_bound) < highspy.kHighsInf:
            bound = float(info.mip_dual_bound)
        if has_point:
            x = np.array(h.getSolution().col_value)
            plan = np.full(n, -1, np.int64)
            on = np.flatnonzero(x[:k] > 0.5)
            plan[jobs[on]] = agents[on]
    elif status == "kOptimal":
        solution = h.getSolution()
        duals = np.array(solution.row_dual)[:n]
        bound = float(info.objective_function_value)
        x = np.array(solution.col_value)
        plan = np.full(n, -1, np.int64)
        on = np.flatnonzero(x[:k] > 1.0 - 1e-6)
        plan[jobs[on]] = agents[on]
    return status, duals, bound, plan, cost


def chain_pass(plan: Assignment, deadline: float) -> bool:
    """Ejection chains of length two, which contain the swaps: job j1 leaves agent i1 for i2,
    making room there by moving one of i2's jobs j2 to i1 (a swap) or to a third agent with
    room. For each j1 all (i2, j2) are priced at once; the best improving chain is applied."""
    s = plan.shape
    jobs = np.arange(s.n_jobs)
    moved = False
    for first in np.flatnonzero(plan.agent >= 0):
        if time.perf_counter() > deadline:
            break
        i1 = int(plan.agent[first])
        at = plan.agent
        assigned = at >= 0
        at0 = np.where(assigned, at, 0)
        slack = s.capacity - plan.load
        # best third agent for every job j2, given today's loads (not its own, not i1)
        room = s.weight <= slack[:, None]
        alt = np.where(room & np.isfinite(s.cost), s.cost, np.inf)
        alt[at0[assigned], jobs[assigned]] = np.inf
        alt[i1] = np.inf
        third = np.argmin(alt, axis=0)
        third_cost = alt[third, jobs]
        # or back to i1, once j1 has left it
        to_i1 = plan.load[i1] - s.weight[i1, first] + s.weight[i1] <= s.capacity[i1]
        back_cost = np.where(to_i1 & np.isfinite(s.cost[i1]), s.cost[i1], np.inf)
        second_cost = np.minimum(third_cost, back_cost)
        here = s.cost[at0, jobs]
        fits = plan.load[at0] + s.weight[at0, first] - s.weight[at0, jobs] <= s.capacity[at0]
        ok = assigned & (at != i1) & fits & np.isfinite(s.cost[at0, first])
        with np.errstate(invalid="ignore"):  # inf − inf where no arc: masked by ``ok``
            delta = np.where(ok, s.cost[at0, first] - s.cost[i1, first] + second_cost - here, np.inf)
        second = int(np.argmin(delta))
        if delta[second] < -1e-9 * max(abs(float(s.cost[i1, first])), 1.0):
            i2 = int(at[second])
            target = i1 if back_cost[second] <= third_cost[second] else int(third[second])
            plan.move(int(first), i2)
            plan.move(second, target)
            if plan.load[i2] > s.capacity[i2] or plan.load[target] > s.capacity[target]:
                plan.move(second, i2)  # undo: should not happen
                plan.move(int(first), i1)
                continue
            moved = True
    return moved


def improve(plan: Assignment, deadline: float) -> Assignment:
    """Shifts, then ejection chains, until neither finds anything."""
    while time.perf_counter() < deadline:
        insert_missing(plan)
        while shift_pass(plan):
            pass
        if not chain_pass(plan, deadline):
            break
    return plan


def rins(
    shape: GapShape, plan: Assignment, lp_plan: IntArray, deadline: float, rng: np.random.Generator
) -> tuple[Assignment, int, bool]:
    """Neighbourhood MIPs around the LP: the jobs the plan places where the LP did not (or the LP
    split), plus every job of a few random agents, go to HiGHS with the others fixed; each
    better plan is improved by the local search before the next round. The agents per round
    grow while HiGHS proves its sub-MIPs and shrink when it does not. Returns the best plan,
    the rounds, and whether a round freed every job and was proven (the plan is then optimal)."""
    everything = np.isfinite(shape.cost)
    agents, rounds = 2, 0
    while time.perf_counter() < deadline - 0.05:
        chosen = rng.choice(shape.n_agents, size=min(agents, shape.n_agents), replace=False)
        free = (plan.agent != lp_plan) | (lp_plan < 0) | np.isin(plan.agent, chosen)
        fixed = np.flatnonzero(~free)
        keep = everything.copy()
        keep[:, fixed] = False
        keep[plan.agent[fixed], fixed] = True  # a fixed job keeps its agent (or stays short)
        limit = min(RINS_ROUND, deadline - time.perf_counter())
        status, _, _, found, _ = _run(shape, keep, integer=True, time_limit=limit, start=plan.agent)
        rounds += 1
        if found is not None and shape.assignment_cost(found) < plan.cost - 1e-9 * max(abs(plan.cost), 1.0):
            plan = improve(Assignment(shape, found), deadline)
        if status == "kOptimal" and fixed.size == 0:
            return plan, rounds, True
        agents = agents + 1 if status == "kOptimal" else max(1, agents - 1)
    return plan, rounds, False


@dataclass(frozen=True)
class GapResult:
    """Agent per job (−1: short), its cost, a proven bound, whether the gap asked is met, and a
    line on what was done."""

    agent: IntArray
    objective: float
    bound: float
    optimal: bool
    detail: str


def _dp_work(shape: GapShape, u: FloatArray) -> float:
    """Cells one knapsack round over every agent touches: candidates × capacity width."""
    candidates = (shape.cost - u[None, :] < 0) & (shape.weight <= shape.capacity[:, None])
    return float(candidates.sum(axis=1).max(initial=0) * shape.n_agents * (shape.capacity.max(initial=0) + 1))


def solve_gap(shape: GapShape, deadline: float, rel_gap: float) -> GapResult:
    """LP → a plan from its rounding, improved → Lagrangian bound and plans from its knapsacks
    (when the knapsacks are cheap enough) → HiGHS on the arcs left, from the best plan."""
    started = time.perf_counter()
    everything = np.isfinite(shape.cost)
    steps = []
    _, u, lp_bound, lp_plan, _ = _run(
        shape, everything, integer=False, time_limit=LP_SHARE * (deadline - started)
    )
    bound = lp_bound if lp_bound is not None else -np.inf
    if u is None or lp_plan is None:
        u = np.where(everything, shape.cost, np.inf).min(axis=0)
        u = np.where(np.isfinite(u), u, shape.penalty)
        lp_plan = np.full(shape.n_jobs, -1, np.int64)
    else:
        steps.append(f"LP bound {lp_bound:.6g}")
    best = improve(Assignment(shape, lp_plan), deadline)
    steps.append(f"LP rounded and improved {best.cost:.6g}")

    def settled() -> bool:
        return best.cost - bound <= max(rel_gap, 1e-9) * max(abs(best.cost), 1.0)

    best_u, best_sacks, best_value = u, None, -np.inf
    if _dp_work(shape, u) <= MAX_DP_WORK and not settled():
        lagrange_end = time.perf_counter() + LAGRANGE_SHARE * max(deadline - time.perf_counter(), 0.0)
        theta, stall, iterations = 1.0, 0, 0
        while time.perf_counter() < lagrange_end and not settled():
            value, sacks = lagrangian(shape, u)
            iterations += 1
            if best_sacks is None or value > bound:
                bound = max(bound, value)
                best_u, best_sacks, best_value, stall = u.copy(), sacks, value, 0
                plan = improve(from_knapsacks(shape, sacks.taken), lagrange_end)
                if plan.cost < best.cost:
                    best = plan
            else:
                stall += 1
                if stall >= STALL_STEPS:
                    theta, stall, u = theta / 2, 0, best_u.copy()
                    continue
            g = 1.0 - sacks.taken.sum(axis=0) - (shape.penalty < u)
            norm = float(g @ g)
            if norm == 0 or theta < MIN_STEP:
                break  # every job taken exactly once (then L is the optimum), or converged
            target = min(best.cost, bound + max(TARGET_ABOVE * abs(bound), 1.0))
            u = u + theta * max(target - value, 1e-9 * max(abs(value), 1.0)) / norm * g
        steps.append(f"Lagrangian bound {bound:.6g} after {iterations} steps, plans {best.cost:.6g}")
    if settled() or time.perf_counter() >= deadline - 0.05:
        return GapResult(best.agent, best.cost, min(bound, best.cost), settled(), "; ".join(steps))
    share = RINS_SHARE if everything.sum() > RINS_MIN_ARCS else RINS_SHARE_SMALL
    rins_end = time.perf_counter() + share * max(deadline - time.perf_counter(), 0.0)
    best, rounds, proven = rins(shape, best, lp_plan, rins_end, np.random.default_rng(RINS_SEED))
    steps.append(f"{rounds} neighbourhood MIPs: {best.cost:.6g}" + (", proven optimal" if proven else ""))
    if proven:
        bound = max(bound, best.cost)
    if settled() or time.perf_counter() >= deadline - 0.05:
        return GapResult(best.agent, best.cost, min(bound, best.cost), settled(), "; ".join(steps))
    keep = everything
    if best_sacks is not None:
        # penalties are increases of L(best_u) itself, not of the best bound (maybe the LP's)
        keep = everything & ~arcs_ruled_out(shape, best_u, best_value, best_sacks, best.cost)
    cutoff = best.cost
    limit = FINAL_SHARE * (deadline - time.perf_counter())  # HiGHS overran its limit on big GAPs
    status, _, mip_bound, mip_plan, _ = _run(
        shape, keep, integer=True, time_limit=limit, start=best.agent, gap=rel_gap
    )
    if mip_plan is not None and shape.assignment_cost(mip_plan) < best.cost:
        best = Assignment(shape, mip_plan)
    if mip_bound is not None:
        # a plan using a ruled-out arc costs at least the cutoff: the bound holds for all plans
        bound = max(bound, min(mip_bound, cutoff) if keep is not everything else mip_bound)
    steps.append(f"HiGHS on {int(keep.sum())} of {int(everything.sum())} arcs: {best.cost:.6g} ({status})")
    bound = min(bound, best.cost)
    return GapResult(best.agent, best.cost, bound, settled(), "; ".join(steps))
