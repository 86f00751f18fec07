"""`birlik plan` and `birlik plans ...`: run the allocation, read and approve plans."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from birlik.allocation import EngineSettings
from birlik.domain.errors import InvalidValue, NotFound
from birlik.domain.identifiers import validate_bin
from birlik.entrypoints.cli import render_plan
from birlik.entrypoints.cli.app import DatabaseOption, app, console, opened, user_errors
from birlik.services.planning import PlanningOptions, approve_plan, run_allocation

plans_app = typer.Typer(help="Stored plans: list, show, approve.", no_args_is_help=True)
app.add_typer(plans_app, name="plans")


def _exclusions(pairs: list[str]) -> frozenset[tuple[str, str]]:
    result = set()
    for pair in pairs:
        order, _, bin_ = pair.partition(":")
        if not order or not bin_:
            raise InvalidValue(
                "--exclude-from", pair, "write it as ORDER:BIN, e.g. OIL-2027-003:120340010438"
            )
        result.add((order, validate_bin(bin_)))
    return frozenset(result)


def _cloth_imports(pairs: list[str]) -> dict[str, str]:
    result: dict[str, str] = {}
    for pair in pairs:
        sku, _, material = (part.strip() for part in pair.partition("="))
        if not sku or not material:
            raise InvalidValue("--import-cloth", pair, "write it as SKU=MATERIAL, e.g. TWL-DY=MAT-TWL-PC-CN")
        if sku in result:
            raise InvalidValue("--import-cloth", pair, f"{sku} is given twice")
        result[sku] = material
    return result


def _write_json(report: dict[str, Any], target: Path) -> None:
    text = json.dumps(report, ensure_ascii=False, indent=2)
    if str(target) == "-":
        sys.stdout.write(text + "\n")
    else:
        target.write_text(text + "\n", encoding="utf-8")
        console.print(f"Plan written to {target} (schema {report['schema']}).")


def run_plan(database_url: str | None, options: PlanningOptions, json_out: Path | None) -> None:
    quiet = json_out is not None and str(json_out) == "-"
    with opened(database_url) as birlik, console.status("Planning…") as status:
        outcome = run_allocation(birlik.uow, options, lambda step: status.update(f"{step}…"))
    if not quiet:
        render_plan.plan(console, outcome.report)
    if json_out is not None:
        _write_json(outcome.report, json_out)


@app.command("plan")
@user_errors
def plan(
    database_url: DatabaseOption = None,
    fairness: Annotated[
        float,
        typer.Option(help="KZT per family-month for the peak utilisation; spreads load (0 = cost only)"),
    ] = 0.0,
    max_late: Annotated[int, typer.Option(help="months a line may be late before it counts as short")] = 2,
    lateness_share: Annotated[
        float, typer.Option(help="lateness charge per unit-month, as a share of the unit price")
    ] = 0.02,
    single_sourcing: Annotated[bool, typer.Option(help="each line to exactly one member")] = False,
    max_members: Annotated[int | None, typer.Option(help="at most this many members per line")] = None,
    min_lot: Annotated[float | None, typer.Option(help="smallest quantity per member and line")] = None,
    time_limit: Annotated[float, typer.Option(help="seconds the solver may run")] = 60.0,
    exclude: Annotated[list[str] | None, typer.Option(help="keep this member (BIN) out of the plan")] = None,
    exclude_from: Annotated[
        list[str] | None, typer.Option(help="keep a member out of one order: ORDER:BIN")
    ] = None,
    freeze: Annotated[bool, typer.Option(help="keep accepted assignments exactly as they are")] = True,
    stages: Annotated[
        bool | None,
        typer.Option(
            "--stages/--single-stage",
            help="plan the cloth of sewn goods too: member mills or an import standing in for it "
            "[default: on when the registry names an import for any cloth]",
            show_default=False,
        ),
    ] = None,
    import_cloth: Annotated[
        list[str] | None,
        typer.Option(
            help="an import that can replace a member cloth, instead of the registry's: SKU=MATERIAL, "
            "e.g. TWL-DY=MAT-TWL-PC-CN"
        ),
    ] = None,
    cloth_lead: Annotated[int, typer.Option(help="months from finishing the cloth to sewing it")] = 1,
    import_lead: Annotated[
        int, typer.Option(help="months from an order's release until imported cloth is at the sewer")
    ] = 2,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="write the plan as JSON to a file, or - for stdout")
    ] = None,
) -> None:
    """Split every open order among members: lowest cost within capacity, certificates and LC floors."""
    options = PlanningOptions(
        engine=EngineSettings(
            fairness_weight=fairness,
            max_late_months=max_late,
            lateness_price_share=lateness_share,
            single_sourcing=single_sourcing,
            max_members_per_line=max_members,
            min_lot=min_lot,
            time_limit_s=time_limit,
        ),
        excluded_members=frozenset(validate_bin(b) for b in exclude or []),
        excluded_per_order=_exclusions(exclude_from or []),
        freeze_accepted=freeze,
        stages=stages,
        cloth_imports=_cloth_imports(import_cloth or []),
        cloth_lead_months=cloth_lead,
        import_lead_months=import_lead,
    )
    run_plan(database_url, options, json_out)


@plans_app.command("show")
@user_errors
def plans_show(
    plan_id: Annotated[int, typer.Argument(help="plan id")],
    database_url: DatabaseOption = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="write the plan as JSON to a file, or - for stdout")
    ] = None,
) -> None:
    """A stored plan, as it was reported when it was made."""
    with opened(database_url) as birlik, birlik.uow() as uow:
        stored = uow.plans.get(plan_id)
    if stored is None:
        raise NotFound("plan", plan_id)
    if not stored.summary:
        raise InvalidValue("plan", plan_id, "has no stored report to show")
    report = json.loads(stored.summary)
    report["plan"]["status"] = stored.status.value
    if json_out is None or str(json_out) != "-":
        render_plan.plan(console, report)
    if json_out is not None:
        _write_json(report, json_out)


@plans_app.command("list")
@user_errors
def plans_list(database_url: DatabaseOption = None) -> None:
    """Plans, newest first, with status, objective and solver status."""
    with opened(database_url) as birlik, birlik.uow() as uow:
        plans = uow.plans.newest_first()
    render_plan.plan_list(console, plans)


@plans_app.command("approve")
@user_errors
def plans_approve(
    plan_id: Annotated[int, typer.Argument(help="plan id")], database_url: DatabaseOption = None
) -> None:
    """Make a draft the consortium's plan; the previous approved plan is superseded."""
    with opened(database_url) as birlik:
        approved = approve_plan(birlik.uow(), plan_id)
    console.print(f"Plan {approved.id} approved; members can now accept or decline their assignments.")
