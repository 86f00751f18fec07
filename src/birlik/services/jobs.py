"""Allocation as a background job: submitted by a coordinator, run by a worker, polled by id.

The job's record is the hand-over: `submit_allocation` queues it in the caller's transaction (so an
idempotent replay cannot queue a second run), `run_next` claims the oldest queued job — a conditional
update, so two workers never take the same one — runs `run_allocation`, and records the plan or the
error. `recover` marks jobs a stopped process left running as failed: they would never finish.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass

from birlik.adapters.db.job_repository import JobRecord
from birlik.allocation import EngineSettings
from birlik.domain.errors import DomainError, InvalidValue, NotFound
from birlik.services.access import Capability, Principal, Role, require
from birlik.services.commands import audit, now
from birlik.services.planning import PlanningOptions, run_allocation
from birlik.services.unit_of_work import UnitOfWork

ALLOCATION = "allocation"


@dataclass(frozen=True)
class AllocationRequest:
    """What a coordinator may set for a run through the API (the CLI offers more)."""

    fairness: float = 0.0
    max_late_months: int = 2
    single_sourcing: bool = False
    time_limit_s: float = 60.0
    freeze_accepted: bool = True

    def __post_init__(self) -> None:
        if not 0 <= self.fairness <= 1e9:
            raise InvalidValue("fairness", self.fairness, "between 0 and 1e9 KZT")
        if not 0 <= self.max_late_months <= 12:
            raise InvalidValue("max_late_months", self.max_late_months, "between 0 and 12")
        if not 1 <= self.time_limit_s <= 600:
            raise InvalidValue("time_limit_s", self.time_limit_s, "between 1 and 600 seconds")

    def options(self) -> PlanningOptions:
        return PlanningOptions(
            engine=EngineSettings(
                fairness_weight=self.fairness,
                max_late_months=self.max_late_months,
                single_sourcing=self.single_sourcing,
                time_limit_s=self.time_limit_s,
            ),
            freeze_accepted=self.freeze_accepted,
        )


def submit_allocation(uow: UnitOfWork, principal: Principal, request: AllocationRequest) -> JobRecord:
    require(principal, Capability.RUN_PLANS)
    parameters = json.dumps(request.__dict__, sort_keys=True)
    job = uow.jobs.add(kind=ALLOCATION, created_by=principal.user_id, created_at=now(), parameters=parameters)
    audit(
        uow, principal, "job.submit", "job", job.id, None, {"kind": ALLOCATION, "parameters": request}, now()
    )
    return job


def job(uow: UnitOfWork, principal: Principal, job_id: int) -> JobRecord:
    require(principal, Capability.RUN_PLANS)
    with uow:
        found = uow.jobs.get(job_id)
    if found is None:
        raise NotFound("job", job_id)
    return found


def recover(uow: UnitOfWork) -> int:
    with uow:
        failed = uow.jobs.fail_running(now(), "interrupted: the server stopped while the job was running")
        uow.commit()
        return failed


def run_next(uow_factory: Callable[[], UnitOfWork]) -> JobRecord | None:
    """Claim and run the oldest queued job; None when there is none."""
    with uow_factory() as uow:
        claimed = uow.jobs.claim_next(now())
        uow.commit()
    if claimed is None:
        return None
    plan_id: int | None = None
    error = ""
    try:
        request = AllocationRequest(**json.loads(claimed.parameters))
        plan_id = run_allocation(uow_factory, request.options()).plan_id
    except DomainError as failure:
        error = str(failure)
    except Exception as failure:  # a bug: the job says so, the worker lives on to run the next one
        logging.getLogger(__name__).exception("allocation job %s failed", claimed.id)
        error = f"internal error ({type(failure).__name__}); see the server log"
    with uow_factory() as uow:
        uow.jobs.finish(
            claimed.id, status="failed" if error else "succeeded", at=now(), plan_id=plan_id, error=error
        )
        creator = uow.accounts.by_id(claimed.created_by)
        actor = Principal(claimed.created_by, creator.username if creator else "?", Role.COORDINATOR)
        audit(uow, actor, "plan.run", "job", claimed.id, None, {"plan_id": plan_id, "error": error}, now())
        uow.commit()
        return uow.jobs.get(claimed.id)
