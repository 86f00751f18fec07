"""Documents out of the registry: templates, the registry as filled templates, a plan, the results report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from birlik.adapters.excel.plan_writer import plan_workbook
from birlik.adapters.excel.registry_writer import write_registry
from birlik.adapters.excel.report_writer import report_workbook
from birlik.adapters.excel.snapshot import RegistrySnapshot
from birlik.adapters.excel.template import write_template
from birlik.domain.calendar import Month
from birlik.domain.errors import InvalidValue, NotFound
from birlik.services.results import period_results
from birlik.services.unit_of_work import UnitOfWork

TEMPLATE_KINDS = ("members", "capacities", "products", "orders")


def _xlsx(target: Path, what: str) -> None:
    if target.suffix.lower() != ".xlsx":
        raise InvalidValue("--out", str(target), f"{what} is written as an .xlsx workbook")


def export_template(kind: str, target: Path, language: str = "ru") -> Path:
    _xlsx(target, "a template")
    write_template(kind, target, language)
    return target


def registry_snapshot(uow: UnitOfWork) -> RegistrySnapshot:
    with uow:
        return RegistrySnapshot(
            members=uow.members.list(),
            catalogue=uow.catalogue.load(),
            buyers=uow.buyers.list(),
            orders=uow.orders.list(),
            rates=list(uow.rates.load()),
        )


def export_registry(uow: UnitOfWork, target: Path, language: str = "ru") -> list[Path]:
    """The whole registry in the templates' format: one workbook (.xlsx) or a folder of four."""
    return write_registry(registry_snapshot(uow), target, language)


def export_plan(uow: UnitOfWork, plan_id: int, target: Path, language: str = "en") -> Path:
    _xlsx(target, "a plan")
    with uow:
        plan = uow.plans.get(plan_id)
        names = {m.bin: m.name for m in uow.members.list()}
    if plan is None:
        raise NotFound("plan", plan_id)
    if not plan.summary:
        raise InvalidValue("plan", plan_id, "the plan has no stored report; plan again")
    report: dict[str, Any] = json.loads(plan.summary)
    created = plan.created_at.strftime("%Y-%m-%d %H:%M")
    plan_workbook(report, plan.status.value, created, names, language).save(target)
    return target


def export_report(
    uow: UnitOfWork,
    first: Month,
    last: Month,
    target: Path,
    language: str = "en",
    *,
    include_confidential: bool = False,
) -> dict[str, Any]:
    """The results report for first..last as .xlsx (native charts) or .pdf; returns its figures.

    Confidential orders are left out unless `include_confidential` (an internal copy)."""
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise InvalidValue("--out", str(target), "the report is written as .pdf or .xlsx")
    results = period_results(uow, first, last, include_confidential=include_confidential)
    if suffix == ".xlsx":
        report_workbook(results, language).save(target)
    else:
        from birlik.adapters.pdf.report_pdf import report_pdf  # matplotlib loads only for a PDF

        target.write_bytes(report_pdf(results, language))
    return results
