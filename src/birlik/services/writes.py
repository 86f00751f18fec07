"""Write use cases for one caller, run inside `commands.execute` (one transaction, audited).

Each one: checks the role (`require`), finds the record through the caller's Scope (out of scope is
"not found"), locks it, compares If-Match with the record's current ETag, changes it through the
domain, and appends the audit entry — in that order, so a stale or foreign request changes nothing
and a 412 is never given for a record the caller may not see.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from birlik.adapters.db.accounts_repository import TokenRecord, UserRecord
from birlik.domain.buyers import Buyer
from birlik.domain.errors import InvalidValue, NotFound
from birlik.domain.members import Capacity, Certificate, Member
from birlik.domain.orders import Order, OrderStatus
from birlik.domain.plans import Plan
from birlik.domain.products import Catalogue, Product
from birlik.domain.quantities import Money
from birlik.services import accounts
from birlik.services.access import Capability, Principal, Role, require, scope_of
from birlik.services.commands import audit, check_if_match, now
from birlik.services.planning.run import approve_in
from birlik.services.reads_plans import plan_state
from birlik.services.records import UserView
from birlik.services.registry import check_member, check_order
from birlik.services.unit_of_work import UnitOfWork


def register_member(uow: UnitOfWork, principal: Principal, member: Member) -> Member:
    require(principal, Capability.MANAGE_MEMBERS)
    uow.locks.acquire(f"member:{member.bin}")
    if uow.members.get(member.bin) is not None:
        raise InvalidValue("bin", member.bin, "a member with this BIN is already registered")
    check_member(member, uow.catalogue.load())
    uow.members.save(member)
    audit(uow, principal, "member.create", "member", member.bin, None, member, now())
    return member


@dataclass(frozen=True)
class MemberChanges:
    """A PATCH of a member: None leaves a field as it is."""

    name: str | None = None
    active: bool | None = None
    capacities: tuple[Capacity, ...] | None = None
    unit_costs: Mapping[str, Money] | None = None


def change_member(
    uow: UnitOfWork,
    principal: Principal,
    today: date,
    bin_: str,
    changes: MemberChanges,
    if_match: str | None,
) -> Member:
    require(principal, Capability.EDIT_MEMBER_PROFILE)
    uow.locks.acquire(f"member:{bin_}")
    scope = scope_of(uow, principal, today)
    current = scope.member_or_404(uow.members.get(bin_), bin_)
    if changes.name is not None or changes.active is not None:
        require(principal, Capability.MANAGE_MEMBERS)
    check_if_match(if_match, current, "member")
    changed = replace(
        current,
        name=current.name if changes.name is None else changes.name,
        active=current.active if changes.active is None else changes.active,
        capacities=current.capacities if changes.capacities is None else changes.capacities,
        unit_costs=current.unit_costs if changes.unit_costs is None else dict(changes.unit_costs),
    )
    check_member(changed, uow.catalogue.load())
    uow.members.save(changed)
    audit(uow, principal, "member.update", "member", bin_, current, changed, now())
    return changed


def add_certificate(
    uow: UnitOfWork, principal: Principal, today: date, bin_: str, certificate: Certificate
) -> Member:
    require(principal, Capability.MANAGE_MEMBERS)
    uow.locks.acquire(f"member:{bin_}")
    scope = scope_of(uow, principal, today)
    current = scope.member_or_404(uow.members.get(bin_), bin_)
    if any(c.kind is certificate.kind and c.number == certificate.number for c in current.certificates):
        raise InvalidValue("certificate number", certificate.number, f"member {bin_} already holds it")
    changed = replace(current, certificates=(*current.certificates, certificate))
    check_member(changed, uow.catalogue.load())
    uow.members.save(changed)
    audit(uow, principal, "certificate.add", "member", bin_, current, changed, now())
    return changed


def register_buyer(uow: UnitOfWork, principal: Principal, buyer: Buyer) -> Buyer:
    require(principal, Capability.MANAGE_BUYERS)
    uow.locks.acquire(f"buyer:{buyer.code}")
    if uow.buyers.get(buyer.code) is not None:
        raise InvalidValue("code", buyer.code, "a buyer with this code is already registered")
    uow.buyers.save(buyer)
    audit(uow, principal, "buyer.create", "buyer", buyer.code, None, buyer, now())
    return buyer


def add_product(uow: UnitOfWork, principal: Principal, product: Product) -> Product:
    require(principal, Capability.MANAGE_CATALOGUE)
    uow.locks.acquire("catalogue")
    catalogue = uow.catalogue.load()
    if product.sku in catalogue.products:
        raise InvalidValue("sku", product.sku, "a product with this SKU is already in the catalogue")
    Catalogue([*catalogue.products.values(), product], catalogue.materials.values())  # BOM resolves
    uow.catalogue.save_product(product)
    audit(uow, principal, "product.create", "product", product.sku, None, product, now())
    return product


def place_order(uow: UnitOfWork, principal: Principal, today: date, order: Order) -> Order:
    """Coordinators place any order; a buyer user only its own, which starts as a draft."""
    require(principal, Capability.PLACE_ORDERS)
    scope = scope_of(uow, principal, today)
    if not scope.sees_buyer(order.buyer_code):
        raise NotFound("buyer", order.buyer_code)
    if principal.role is Role.BUYER:
        if order.status is not OrderStatus.DRAFT:
            raise InvalidValue("status", order.status.value, "a buyer's order starts as a draft")
        # Numbers are unique across buyers: "already exists" for another buyer's order would tell
        # that it exists. A buyer numbers within its own code, where only its own orders live.
        if not order.number.startswith(f"{order.buyer_code}-"):
            raise InvalidValue(
                "number", order.number, f"a buyer's order number starts with {order.buyer_code}-"
            )
    uow.locks.acquire(f"order:{order.number}")
    if uow.orders.get(order.number) is not None:
        raise InvalidValue("number", order.number, "an order with this number already exists")
    check_order(order, uow.catalogue.load(), uow.members.list(), uow.buyers.get(order.buyer_code))
    uow.orders.save(order)
    audit(uow, principal, "order.create", "order", order.number, None, order, now())
    return order


def change_order_status(
    uow: UnitOfWork, principal: Principal, today: date, number: str, status: OrderStatus, if_match: str | None
) -> Order:
    require(principal, Capability.READ_ORDERS)
    uow.locks.acquire(f"order:{number}")
    scope = scope_of(uow, principal, today)
    current = scope.order_or_404(uow.orders.get(number), number)
    require(principal, Capability.MANAGE_ORDERS)
    check_if_match(if_match, current, "order")
    moved = current.moved_to(status)
    uow.orders.save(moved)
    audit(uow, principal, "order.status", "order", number, current, moved, now())
    return moved


def approve_plan(
    uow: UnitOfWork, principal: Principal, today: date, plan_id: int, if_match: str | None
) -> Plan:
    """As `birlik plans approve`, audited and guarded by If-Match: the previous approved plan is
    superseded and the plan's open orders become planned."""
    require(principal, Capability.READ_PLANS)
    uow.locks.acquire("plans")
    scope = scope_of(uow, principal, today)
    current = uow.plans.get(plan_id)
    if current is None or not scope.sees_plan(plan_id):
        raise NotFound("plan", plan_id)
    require(principal, Capability.RUN_PLANS)
    check_if_match(if_match, plan_state(current), "plan")
    approved, previous = approve_in(uow, current)
    state = {"plan": plan_id, "previous_approved": None if previous is None else previous.id}
    audit(
        uow,
        principal,
        "plan.approve",
        "plan",
        plan_id,
        {**state, "status": "draft"},
        {**state, "status": "approved"},
        now(),
    )
    return approved


def create_user(
    uow: UnitOfWork, principal: Principal, passwords: accounts.Passwords, new: accounts.NewUser
) -> UserRecord:
    require(principal, Capability.MANAGE_USERS)
    uow.locks.acquire(f"user:{new.username.strip().lower()}")
    user = accounts.create_user_in(uow, passwords, new, now())
    audit(uow, principal, "user.create", "user", user.username, None, _public(user), now())
    return user


def set_user_active(
    uow: UnitOfWork, principal: Principal, user_id: int, active: bool, if_match: str | None
) -> UserRecord:
    require(principal, Capability.MANAGE_USERS)
    uow.locks.acquire(f"user-id:{user_id}")
    current = uow.accounts.by_id(user_id)
    if current is None:
        raise NotFound("user", user_id)
    check_if_match(if_match, UserView.of(current), "user")
    if current.id == principal.user_id and not active:
        raise InvalidValue("active", active, "a coordinator cannot disable their own account")
    changed = accounts.set_active_in(uow, user_id, active, now())
    audit(uow, principal, "user.update", "user", current.username, _public(current), _public(changed), now())
    return changed


def _public(user: UserRecord) -> dict[str, object]:
    """A user as the audit log keeps it: never the password hash."""
    return {
        "username": user.username,
        "role": user.role,
        "member_bin": user.member_bin,
        "buyer_code": user.buyer_code,
        "active": user.active,
    }


def create_api_token(
    uow: UnitOfWork, principal: Principal, name: str, lifetime_days: int | None
) -> accounts.ApiToken:
    require(principal, Capability.OWN_TOKENS)
    created = accounts.create_api_token_in(uow, principal, name, lifetime_days, now())
    audit(
        uow,
        principal,
        "token.create",
        "api_token",
        created.record.id,
        None,
        {"name": created.record.name},
        now(),
    )
    return created


def revoke_api_token(uow: UnitOfWork, principal: Principal, token_id: int) -> TokenRecord:
    require(principal, Capability.OWN_TOKENS)
    revoked = accounts.revoke_api_token_in(uow, principal, token_id, now())
    audit(uow, principal, "token.revoke", "api_token", token_id, {"name": revoked.name}, None, now())
    return revoked
