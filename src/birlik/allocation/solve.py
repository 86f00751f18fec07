"""Hand the built arrays to HiGHS and bring back values, status, bound and gap.

Only this module knows HiGHS. Statuses HiGHS may add in later versions map to ``UNKNOWN``
instead of raising, so an upgrade degrades a plan's label, not the service.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from enum import StrEnum

import highspy
import numpy as np

from birlik.allocation.model import Model
from birlik.allocation.problem import EngineSettings, FloatArray


class SolveStatus(StrEnum):
    OPTIMAL = "optimal"
    TIME_LIMIT_WITH_SOLUTION = "time_limit_with_solution"
    TIME_LIMIT_NO_SOLUTION = "time_limit_no_solution"
    INFEASIBLE = "infeasible"
    UNBOUNDED = "unbounded"
    ERROR = "error"
    UNKNOWN = "unknown"
    HEURISTIC = "heuristic"
    """A plan from a heuristic — the greedy baseline (no bound), or the pieces' plans with the
    floors met by re-splitting (with a bound): feasible, not proven optimal."""

    @property
    def has_solution(self) -> bool:
        return self in (SolveStatus.OPTIMAL, SolveStatus.TIME_LIMIT_WITH_SOLUTION, SolveStatus.HEURISTIC)


_LIMITS = {
    "kTimeLimit",
    "kIterationLimit",
    "kSolutionLimit",
    "kInterrupt",
    "kHighsInterrupt",
    "kObjectiveBound",
    "kObjectiveTarget",
    "kMemoryLimit",
}
_FIXED = {
    "kOptimal": SolveStatus.OPTIMAL,
    "kModelEmpty": SolveStatus.OPTIMAL,
    "kInfeasible": SolveStatus.INFEASIBLE,
    "kUnboundedOrInfeasible": SolveStatus.INFEASIBLE,
    "kUnbounded": SolveStatus.UNBOUNDED,
    "kLoadError": SolveStatus.ERROR,
    "kModelError": SolveStatus.ERROR,
    "kPresolveError": SolveStatus.ERROR,
    "kSolveError": SolveStatus.ERROR,
    "kPostsolveError": SolveStatus.ERROR,
}


def map_status(name: str, has_feasible_point: bool) -> SolveStatus:
    """Translate a HiGHS model-status name; anything unforeseen becomes ``UNKNOWN``."""
    if name in _FIXED:
        return _FIXED[name]
    if name in _LIMITS:
        return (
            SolveStatus.TIME_LIMIT_WITH_SOLUTION if has_feasible_point else SolveStatus.TIME_LIMIT_NO_SOLUTION
        )
    return SolveStatus.UNKNOWN


@dataclass(frozen=True)
class SolveResult:
    """objective and bound in the model's money; gap relative (None when not meaningful);
    col_value / row_dual empty when there is no solution (row_dual also for a MILP)."""

    status: SolveStatus
    objective: float | None
    bound: float | None
    gap: float | None
    solve_seconds: float
    col_value: FloatArray
    row_dual: FloatArray


def _finite(value: float) -> float | None:
    return float(value) if math.isfinite(value) and abs(value) < highspy.kHighsInf else None


def solve(
    model: Model,
    settings: EngineSettings,
    *,
    time_limit: float | None = None,
    start: FloatArray | None = None,
    heuristic_effort: float | None = None,
) -> SolveResult:
    """Run HiGHS on the whole model. ``time_limit`` overrides the setting's (the engine splits
    one user limit between steps); ``start`` is a full column vector handed to a MIP as its
    first incumbent (HiGHS checks it and ignores it when infeasible); ``heuristic_effort``
    sets HiGHS's ``mip_heuristic_effort`` (its default 0.05)."""
    started = time.perf_counter()
    # highspy.Highs() prints a licence banner on construction even before options can be
    # set; the bare core class does not, and offers the same array-level API we use.
    h = highspy._Highs()  # type: ignore[attr-defined]
    h.setOptionValue("output_flag", False)
    limit = settings.time_limit_s if time_limit is None else time_limit
    h.setOptionValue("time_limit", max(float(limit), 0.01))
    h.setOptionValue("mip_rel_gap", float(settings.mip_rel_gap))
    if heuristic_effort is not None:
        h.setOptionValue("mip_heuristic_effort", float(heuristic_effort))
    matrix = model.matrix
    n_cols, n_rows = int(model.cost.shape[0]), int(model.row_lo.shape[0])
    h.passModel(
        n_cols,
        n_rows,
        int(matrix.nnz),
        highspy.MatrixFormat.kColwise,
        highspy.ObjSense.kMinimize,
        0.0,
        model.cost,
        model.lb,
        model.ub,
        model.row_lo,
        model.row_hi,
        matrix.indptr.astype(np.int32),
        matrix.indices.astype(np.int32),
        matrix.data.astype(np.float64),
        model.integrality,
    )
    if start is not None:
        n = int(start.shape[0])
        h.setSolution(n, np.arange(n, dtype=np.int32), start.astype(np.float64))
    h.run()
    info = h.getInfo()
    feasible = int(info.primal_solution_status) == int(highspy.SolutionStatus.kSolutionStatusFeasible)
    status = map_status(h.getModelStatus().name, feasible)
    is_mip = bool(np.any(model.integrality))
    objective = bound = gap = None
    col_value = row_dual = np.zeros(0)
    if status.has_solution:
        solution = h.getSolution()
        col_value = np.array(solution.col_value, dtype=np.float64)
        objective = _finite(info.objective_function_value)
        if is_mip:
            bound, gap = _finite(info.mip_dual_bound), _finite(info.mip_gap)
        else:
            row_dual = np.array(solution.row_dual, dtype=np.float64)
            if status is SolveStatus.OPTIMAL:
                bound, gap = objective, 0.0
    return SolveResult(status, objective, bound, gap, time.perf_counter() - started, col_value, row_dual)
