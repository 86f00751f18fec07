"""Money rates derived from problem and settings, shared by model, greedy, plan and verifier.

They live in one place because the verifier must charge exactly what the model charges; the
verifier recomputes every total from these rates and the plan's quantities, not from the solver.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from birlik.allocation.columns import Columns
from birlik.allocation.problem import AllocationProblem, EngineSettings, FloatArray, IntArray

AUTO_SHORTAGE_FACTOR = 10.0


@dataclass(frozen=True)
class Rates:
    """late_per_month / early_per_month (L,): money per unit per month late / made before the
    due month; shortage (L,): money per unit short; months_late, months_early and unit_cost
    (n,): per candidate column, unit_cost including lateness and holding."""

    late_per_month: FloatArray
    early_per_month: FloatArray
    shortage: FloatArray
    months_late: IntArray
    months_early: IntArray
    unit_cost: FloatArray


def lateness_rate(problem: AllocationProblem, settings: EngineSettings) -> FloatArray:
    return settings.lateness_cost + settings.lateness_price_share * problem.line_price


def earliness_rate(problem: AllocationProblem, settings: EngineSettings) -> FloatArray:
    """Holding charge per unit per month made before the due month."""
    return settings.earliness_price_share * problem.line_price


def min_positive_capacity(problem: AllocationProblem) -> FloatArray:
    """(E, F) smallest positive monthly capacity; inf where a member never has any."""
    positive = np.where(problem.capacity > 0, problem.capacity, np.inf)
    return positive.min(axis=2) if problem.n_months else positive[..., 0]


def shortage_rate(problem: AllocationProblem, settings: EngineSettings) -> FloatArray:
    if settings.shortage_penalty is not None:
        return np.full(problem.n_lines, float(settings.shortage_penalty))
    late = lateness_rate(problem, settings)
    line = problem.arc_line
    first = np.maximum(np.maximum(problem.arc_first_month, problem.line_release[line]), 0)
    most_early = np.maximum(problem.line_due[line] - first, 0)
    worst = problem.arc_unit_cost + late[line] * settings.max_late_months
    worst = worst + earliness_rate(problem, settings)[line] * most_early
    if settings.fairness_weight > 0 and problem.n_arcs:
        cap = min_positive_capacity(problem)[problem.arc_member, problem.line_family[line]]
        worst = worst + np.where(np.isfinite(cap), settings.fairness_weight * problem.arc_use / cap, 0.0)
    costliest = np.zeros(problem.n_lines)
    np.maximum.at(costliest, line, worst)
    return AUTO_SHORTAGE_FACTOR * costliest + problem.line_price + 1.0


def rates(problem: AllocationProblem, settings: EngineSettings, columns: Columns) -> Rates:
    late = lateness_rate(problem, settings)
    early = earliness_rate(problem, settings)
    line = problem.arc_line[columns.col_arc]
    months_late = np.maximum(columns.col_month - problem.line_due[line], 0)
    months_early = np.maximum(problem.line_due[line] - columns.col_month, 0)
    unit_cost = problem.arc_unit_cost[columns.col_arc] + late[line] * months_late + early[line] * months_early
    return Rates(late, early, shortage_rate(problem, settings), months_late, months_early, unit_cost)
