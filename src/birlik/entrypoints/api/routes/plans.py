"""Plans: run (as a background job), read, approve."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from birlik.adapters.db.job_repository import JobRecord
from birlik.domain.plans import Plan, PlanStatus
from birlik.entrypoints.api.deps import Ctx, IdempotencyDep, IfMatch, Me, PageDep, Today
from birlik.entrypoints.api.respond import ERRORS, location, reply, run
from birlik.entrypoints.api.schemas import Page, PlanRunIn
from birlik.services import jobs, reads_plans, writes
from birlik.services.commands import Reply
from birlik.services.records import JobView, PlanRecord, PlanReport

router = APIRouter(tags=["plans"], responses=ERRORS)
Id = Annotated[int, Path(ge=1, le=2_147_483_647)]


@router.get("/plans", response_model=Page[PlanRecord])
def list_plans(
    principal: Me, context: Ctx, today: Today, paging: PageDep, status: PlanStatus | None = None
) -> Page[PlanRecord]:
    """Plans, newest first: all for coordinators; for a member, the approved plans it has work in."""
    items, total = reads_plans.plans(
        context.birlik.uow(), principal, today, paging, status=None if status is None else status.value
    )
    return Page.of(items, total, paging)


@router.post("/plans", status_code=202, response_model=JobView)
def run_plan(body: PlanRunIn, principal: Me, context: Ctx, idempotency: IdempotencyDep) -> Response:
    """Queue an allocation run; poll the job at the Location given until it has succeeded or failed."""
    request = jobs.AllocationRequest(**body.model_dump())

    def render(job: JobRecord) -> Reply:
        return reply(202, JobView.of(job), JobView, {"Location": location("jobs", job.id)})

    response = run(
        context, principal, lambda uow: jobs.submit_allocation(uow, principal, request), render, idempotency
    )
    context.wake()
    return response


@router.get("/plans/{plan_id}", response_model=PlanReport)
def get_plan(plan_id: Id, principal: Me, context: Ctx, today: Today, response: Response) -> PlanReport:
    """The plan and its birlik.plan/1 report; a member receives only its own rows of it."""
    report, etag = reads_plans.plan(context.birlik.uow(), principal, today, plan_id)
    response.headers["ETag"] = etag
    return report


@router.post("/plans/{plan_id}/approve", response_model=PlanRecord)
def approve_plan(
    plan_id: Id,
    principal: Me,
    context: Ctx,
    today: Today,
    idempotency: IdempotencyDep,
    if_match: IfMatch = None,
) -> Response:
    """Make a draft the consortium's plan (send If-Match with the plan's ETag)."""

    def render(plan: Plan) -> Reply:
        record = PlanRecord.of(plan, visible_assignments=len(plan.assignments), with_cost=True)
        return reply(200, record, PlanRecord, {"ETag": reads_plans.plan_etag(plan)})

    return run(
        context,
        principal,
        lambda uow: writes.approve_plan(uow, principal, today, plan_id, if_match),
        render,
        idempotency,
    )


@router.get("/jobs/{job_id}", response_model=JobView)
def get_job(job_id: Id, principal: Me, context: Ctx) -> JobView:
    return JobView.of(jobs.job(context.birlik.uow(), principal, job_id))
