"""Local content through the API: the same computations as `birlik.services.content`, behind Scope.

An order's local content shows contract values, so it is for the coordinator and the order's buyer
(the buyer without the members' names); a member's computed CT-KZ share shows its costs, so it is for
the coordinator and that member.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from birlik.domain.content.contract import reaches_floor
from birlik.domain.errors import NotFound
from birlik.services import content
from birlik.services.access import (
    Capability,
    Forbidden,
    Principal,
    Role,
    require,
    scope_of,
    sees_contract_prices,
)
from birlik.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class ContentItemRecord:
    line: int
    month: str | None
    quantity: Decimal
    value: Decimal  # in the contract currency
    share: Decimal  # Ki counted for this item (with the plan's cloth when the plan was made with stages)
    member_bin: str | None  # coordinators only
    note: str
    share_on_file: Decimal | None = None  # stages only: Ki by the CT-KZ on file
    new_ct_kz: bool = False  # stages only: the share counted is stated in no CT-KZ on file


@dataclass(frozen=True)
class OrderContentRecord:
    """An order's КСт. For a plan made with stages (``basis`` "planned_cloth") the share counts each good
    with the cloth the plan chose; ``share_on_file`` is the same contract by the CT-KZ on file, and
    items flagged ``new_ct_kz`` need a new CT-KZ before the contract can count their share."""

    order: str
    plan_id: int | None
    currency: str
    value: Decimal
    share: Decimal
    floor: Decimal
    floor_met: bool
    formula: str
    items: list[ContentItemRecord]
    basis: str = "certificates_on_file"  # or "planned_cloth"
    share_on_file: Decimal | None = None
    floor_met_on_file: bool | None = None


def order_content(
    uow: UnitOfWork, principal: Principal, today: date, number: str, plan_id: int | None
) -> OrderContentRecord:
    require(principal, Capability.READ_ORDERS)
    with uow:
        scope = scope_of(uow, principal, today)
        order = scope.order_or_404(uow.orders.get(number), number)
    if not sees_contract_prices(principal, order):
        raise Forbidden(principal, Capability.READ_CONTRACT_CONTENT)
    if plan_id is not None and not scope.sees_plan(plan_id):
        raise NotFound("plan", plan_id)
    view = content.order_share(uow, number=number, plan_id=plan_id)
    names = principal.role is Role.COORDINATOR
    on_file = view.on_file
    return OrderContentRecord(
        order=order.number,
        plan_id=None if view.plan is None else view.plan.id,
        currency=order.currency.value,
        value=view.contract.total,
        share=view.contract.share,
        floor=order.min_local_content,
        floor_met=reaches_floor(view.contract.share, order.min_local_content),
        formula=view.contract.formula,
        items=[
            ContentItemRecord(
                line=i.line,
                month=None if i.month is None else str(i.month),
                quantity=i.quantity,
                value=i.item.value,
                share=i.item.share.share,
                member_bin=i.member.bin if names and i.member is not None else None,
                note=i.item.share.note if names else "",
                share_on_file=None if i.on_file is None else i.on_file.share,
                new_ct_kz=i.needs_new_ct_kz,
            )
            for i in view.items
        ],
        basis="planned_cloth" if view.staged else "certificates_on_file",
        share_on_file=None if on_file is None else on_file.share,
        floor_met_on_file=None if on_file is None else reaches_floor(on_file.share, order.min_local_content),
    )


@dataclass(frozen=True)
class ProductContentRecord:
    sku: str
    member_bin: str
    method: str
    share: Decimal  # computed from the BOM roll-up
    unit_cost: Decimal  # KZT
    foreign_cost: Decimal  # KZT per unit
    declared_share: Decimal | None  # the member's CT-KZ, if it holds one
    declared_certificate: str | None
    notes: list[str]


def product_content(
    uow: UnitOfWork, principal: Principal, today: date, bin_: str, sku: str
) -> ProductContentRecord:
    require(principal, Capability.READ_MEMBERS)
    with uow:
        scope = scope_of(uow, principal, today)
        member = scope.member_or_404(uow.members.get(bin_), bin_)
        if sku not in uow.catalogue.load().products:
            raise NotFound("product", sku)
    view = content.product_share(uow, sku=sku, member_bin=member.bin, options=content.Options(on=today))
    declared = view.declared
    return ProductContentRecord(
        sku=sku,
        member_bin=member.bin,
        method=view.share.method.value,
        share=view.share.share,
        unit_cost=view.share.cost,
        foreign_cost=view.share.foreign,
        declared_share=None if declared is None else declared.local_content_share,
        declared_certificate=None if declared is None else declared.number,
        notes=view.sourcing,
    )
