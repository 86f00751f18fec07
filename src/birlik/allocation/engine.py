"""The pipeline the services call: validate → build → solve → interpret.

Kept as separate steps so each can be tested, timed and replaced (issue 4 swaps the solve path
at scale) without touching the others; ``verify`` is deliberately not part of it so that the
caller checks the plan with code that shares nothing with its making.
"""

from __future__ import annotations

from birlik.allocation.errors import AllocationInputError
from birlik.allocation.interpret import interpret
from birlik.allocation.model import build
from birlik.allocation.problem import AllocationProblem, EngineSettings
from birlik.allocation.results import Plan
from birlik.allocation.solve import SolveStatus, solve
from birlik.allocation.validate import validate


def plan(problem: AllocationProblem, settings: EngineSettings | None = None) -> Plan:
    """Plan the problem optimally (or as well as the time limit allows) and explain it.

    Raises AllocationInputError for bad input, and when the frozen assignments cannot be kept:
    with shortage always allowed, only frozen cells can make the model infeasible.
    """
    settings = settings or EngineSettings()
    validate(problem, settings)
    model = build(problem, settings)
    result = solve(model, settings)
    if result.status is SolveStatus.INFEASIBLE and problem.frozen_arc.size:
        raise AllocationInputError(
            "the frozen assignments cannot all be kept: together with the local-content "
            "floors, the minimum lot or single sourcing they leave no feasible plan; unfreeze "
            "some of them or relax those settings"
        )
    return interpret(problem, settings, model, result)
