"""Plans: the list, one plan, running a new one as a background job, approving a draft."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Path, Query, Request, Response
from fastapi.responses import RedirectResponse

from birlik.entrypoints.web.rendering import is_htmx, render, web_of
from birlik.entrypoints.web.routing import WebRoute, get_caller
from birlik.entrypoints.web.session import WebCaller, check_csrf
from birlik.services import jobs, reads_plans, writes
from birlik.services.commands import Reply, execute
from birlik.services.planning.report import staged_chains
from birlik.services.reads import PageRequest

router = APIRouter(route_class=WebRoute, include_in_schema=False)
Who = Annotated[WebCaller, Depends(get_caller)]
Id = Annotated[int, Path(ge=1, le=2_147_483_647)]
Token = Annotated[str, Form(max_length=200)]
PAGE = 50
FINISHED = frozenset({"succeeded", "failed"})


def _today() -> datetime:
    return datetime.now(UTC)


@router.get("/plans")
def plans(request: Request, who: Who, offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Response:
    items, total = reads_plans.plans(
        web_of(request).birlik.uow(), who.principal, _today().date(), PageRequest(offset, PAGE)
    )
    return render(request, "plans.html", who, plans=items, total=total, offset=offset, page=PAGE)


@router.post("/plans")
def run_plan(
    request: Request,
    who: Who,
    csrf: Token = "",
    max_late_months: Annotated[int, Form(ge=0, le=12)] = 2,
    single_sourcing: Annotated[bool, Form()] = False,
) -> Response:
    """Queue an allocation run through the jobs service, exactly as POST /api/v1/plans does."""
    check_csrf(who.csrf, csrf)
    web = web_of(request)
    wanted = jobs.AllocationRequest(max_late_months=max_late_months, single_sourcing=single_sourcing)
    queued = execute(
        web.birlik.uow,
        who.principal,
        lambda uow: jobs.submit_allocation(uow, who.principal, wanted),
        lambda job: Reply(202, str(job.id)),
        None,
    )
    web.wake()
    return RedirectResponse(f"/jobs/{int(queued.body)}", status_code=303)


@router.get("/jobs/{job_id}")
def job(request: Request, who: Who, job_id: Id) -> Response:
    """The run's state; while it runs, htmx polls this page's fragment (without JavaScript: a refresh)."""
    found = jobs.job(web_of(request).birlik.uow(), who.principal, job_id)
    done = found.status in FINISHED
    template = "job_status.html" if is_htmx(request) else "job.html"
    return render(request, template, who, job=found, done=done)


@router.get("/plans/{plan_id}")
def plan(request: Request, who: Who, plan_id: Id) -> Response:
    found, etag = reads_plans.plan(web_of(request).birlik.uow(), who.principal, _today().date(), plan_id)
    report = found.report
    return render(
        request,
        "plan.html",
        who,
        plan=found.plan,
        etag=etag,
        cost=report.get("plan", {}).get("cost", {}),
        assignments=report.get("assignments", []),
        shortfalls=report.get("shortfalls", []),
        orders=report.get("orders", []),
        chains=staged_chains(report),
        stage_notes=report.get("stages", {}).get("notes", []),
        unstaged=report.get("stages", {}).get("unstaged", []),
    )


@router.post("/plans/{plan_id}/approve")
def approve(request: Request, who: Who, plan_id: Id, csrf: Token = "", etag: Token = "") -> Response:
    """Approve a draft with the ETag the page was rendered with: a plan changed meanwhile is refused."""
    check_csrf(who.csrf, csrf)
    execute(
        web_of(request).birlik.uow,
        who.principal,
        lambda uow: writes.approve_plan(uow, who.principal, _today().date(), plan_id, etag),
        lambda _: Reply(200, ""),
        None,
    )
    return RedirectResponse(f"/plans/{plan_id}", status_code=303)
