"""Allocation engine: split order lines among members optimally and explain every shortfall.

Pure numerics (numpy, scipy.sparse, highspy); no database, web or CLI. The pipeline is
``validate → build → solve → interpret``, run end to end by ``plan``; ``verify`` re-checks a
plan independently. See ``problem`` for the array layout of the input. ``plan`` picks the solve
path by size (``engine``): the whole model on HiGHS, column generation priced over every
candidate cell (``pricing``), or an LP-guided search for integer options (``milp``); every
path reports a proven lower bound, so the gap it states is honest.
"""

from __future__ import annotations

from birlik.allocation.engine import plan
from birlik.allocation.errors import AllocationInputError
from birlik.allocation.explain import ReasonCode, Shortfall
from birlik.allocation.greedy import greedy_plan
from birlik.allocation.interpret import interpret
from birlik.allocation.model import Model, ModelSize, build
from birlik.allocation.problem import AllocationProblem, EngineSettings
from birlik.allocation.results import Assignments, CostBreakdown, Delivery, Plan, SolverInfo
from birlik.allocation.solve import SolveResult, SolveStatus, solve
from birlik.allocation.validate import validate
from birlik.allocation.verify import Violation, ViolationKind, assert_valid, verify

__all__ = [
    "AllocationInputError",
    "AllocationProblem",
    "Assignments",
    "CostBreakdown",
    "Delivery",
    "EngineSettings",
    "Model",
    "ModelSize",
    "Plan",
    "ReasonCode",
    "Shortfall",
    "SolveResult",
    "SolveStatus",
    "SolverInfo",
    "Violation",
    "ViolationKind",
    "assert_valid",
    "build",
    "greedy_plan",
    "interpret",
    "plan",
    "solve",
    "validate",
    "verify",
]
