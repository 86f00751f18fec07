"""Planning use cases: turn the registry into an allocation problem, solve it, keep the plan."""

from birlik.services.planning.options import PlanningOptions, TransportRates
from birlik.services.planning.run import PlanOutcome, approve_plan, run_allocation

__all__ = ["PlanOutcome", "PlanningOptions", "TransportRates", "approve_plan", "run_allocation"]
