"""Who may see and do what: the one place where Birlik decides authorization.

Every use case the API calls asks this module, never its own `if role == ...`:

- `require(principal, capability)` — may this role use the feature at all? If not: `Forbidden` (403).
  The answer depends on the role only, never on a record, so a 403 reveals nothing about data.
- `Scope` — which records this principal may see, built once per use case from the current data.
  Out-of-scope records are reported exactly like missing ones (`NotFound`, 404), so a confidential
  defense order cannot be discovered by probing numbers, and lists and counts only ever hold
  records in scope.
- field rules (`sees_contract_prices`, `sees_member_costs`) — which money fields a principal reads.

The rules, in the consortium's words:
- a coordinator sees and does everything;
- a member user sees its own enterprise (profile, capacities, costs, certificates), its own
  assignments in the approved (or an earlier approved) plan, and the orders it works on — a
  confidential (defense) order only while it holds a defense clearance — without contract prices;
- a buyer user sees its own buyer record and its own orders (with their prices), nothing of members;
- an analyst reads aggregates only, never a single record;
- an aggregate counts a confidential order only for a cleared principal who may see the order (the
  coordinator), and never in a copy made for circulation (`Scope.for_circulation`): the results
  report leaves the consortium, so it leaves them out unless the coordinator asks for an internal copy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from birlik.domain.errors import DomainError, NotFound
from birlik.domain.members import Member
from birlik.domain.orders import Order
from birlik.domain.plans import PlanStatus
from birlik.domain.vocabulary import CertificateKind
from birlik.services.unit_of_work import UnitOfWork


class Role(StrEnum):
    COORDINATOR = "coordinator"
    MEMBER = "member"
    BUYER = "buyer"
    ANALYST = "analyst"


class Capability(StrEnum):
    """Features, each granted to roles as a whole (object-level rules come on top, in Scope)."""

    READ_MEMBERS = "read members"
    EDIT_MEMBER_PROFILE = "edit a member's capacities and costs"
    MANAGE_MEMBERS = "register members and their certificates"
    READ_BUYERS = "read buyers"
    MANAGE_BUYERS = "register buyers"
    READ_CATALOGUE = "read the catalogue"
    MANAGE_CATALOGUE = "change the catalogue"
    READ_ORDERS = "read orders"
    READ_CONTRACT_CONTENT = "read an order's local content (it shows contract values)"
    PLACE_ORDERS = "place orders"
    MANAGE_ORDERS = "change order status"
    READ_PLANS = "read plans"
    RUN_PLANS = "run and approve plans"
    READ_ASSIGNMENTS = "read assignments"
    ANSWER_ASSIGNMENTS = "accept or decline assignments"
    READ_REPORTS = "read consortium reports"
    MANAGE_USERS = "manage users"
    READ_AUDIT = "read the audit log"
    OWN_TOKENS = "manage one's own API tokens"


_GRANTS: dict[Role, frozenset[Capability]] = {
    Role.COORDINATOR: frozenset(Capability) - {Capability.ANSWER_ASSIGNMENTS},
    Role.MEMBER: frozenset(
        {
            Capability.READ_MEMBERS,
            Capability.EDIT_MEMBER_PROFILE,
            Capability.READ_CATALOGUE,
            Capability.READ_ORDERS,
            Capability.READ_PLANS,
            Capability.READ_ASSIGNMENTS,
            Capability.ANSWER_ASSIGNMENTS,
            Capability.OWN_TOKENS,
        }
    ),
    Role.BUYER: frozenset(
        {
            Capability.READ_BUYERS,
            Capability.READ_CATALOGUE,
            Capability.READ_ORDERS,
            Capability.READ_CONTRACT_CONTENT,
            Capability.PLACE_ORDERS,
            Capability.OWN_TOKENS,
        }
    ),
    Role.ANALYST: frozenset({Capability.READ_REPORTS, Capability.OWN_TOKENS}),
}


@dataclass(frozen=True, slots=True)
class Principal:
    """The authenticated caller: a user with one role, bound to a member or a buyer when the role says so."""

    user_id: int
    username: str
    role: Role
    member_bin: str | None = None
    buyer_code: str | None = None


class Forbidden(DomainError):
    """The caller's role may not use this feature at all (HTTP 403)."""

    def __init__(self, principal: Principal, capability: Capability) -> None:
        self.role = principal.role
        self.capability = capability
        super().__init__(f"a {principal.role.value} user may not {capability.value}")


def allowed(principal: Principal, capability: Capability) -> bool:
    return capability in _GRANTS[principal.role]


def require(principal: Principal, capability: Capability) -> None:
    if not allowed(principal, capability):
        raise Forbidden(principal, capability)


def sees_contract_prices(principal: Principal, order: Order) -> bool:
    """Unit prices and order values: the coordinator and the order's own buyer."""
    return principal.role is Role.COORDINATOR or (
        principal.role is Role.BUYER and principal.buyer_code == order.buyer_code
    )


def sees_member_costs(principal: Principal, member_bin: str) -> bool:
    """A member's unit costs, capacities and assignment costs: the coordinator and the member itself."""
    return principal.role is Role.COORDINATOR or (
        principal.role is Role.MEMBER and principal.member_bin == member_bin
    )


def is_cleared(member: Member, today: date) -> bool:
    """Holds a defense clearance that has not expired."""
    return any(
        c.kind is CertificateKind.DEFENSE_CLEARANCE and c.valid_from <= today <= c.valid_to
        for c in member.certificates
    )


VISIBLE_PLAN_STATUSES = frozenset({PlanStatus.APPROVED, PlanStatus.SUPERSEDED})


@dataclass(frozen=True)
class Scope:
    """The records one principal may see, computed from the data as it is now.

    `None` in a field means "all of them" (the coordinator). Members see orders they have an
    assignment on in an approved or superseded plan; plan ids likewise. `circulated`: the scope of
    a document that leaves the consortium, which counts no confidential order whoever makes it.
    """

    principal: Principal
    member_bins: frozenset[str] | None
    buyer_codes: frozenset[str] | None
    assigned_orders: frozenset[str] | None
    plan_ids: frozenset[int] | None
    cleared: bool
    circulated: bool = False

    @property
    def role(self) -> Role:
        return self.principal.role

    def sees_member(self, bin_: str) -> bool:
        return self.member_bins is None or bin_ in self.member_bins

    def sees_buyer(self, code: str) -> bool:
        return self.buyer_codes is None or code in self.buyer_codes

    def sees_order(self, order: Order) -> bool:
        match self.role:
            case Role.COORDINATOR:
                return True
            case Role.BUYER:
                return order.buyer_code == self.principal.buyer_code
            case Role.MEMBER:
                assigned = self.assigned_orders is not None and order.number in self.assigned_orders
                return assigned and (not order.confidential or self.cleared)
            case _:
                return False

    def counts_in_aggregates(self, order: Order) -> bool:
        """Whether the order adds to figures summed over orders (value, exports, load, shares).

        A confidential order counts only for a cleared principal who sees it, and never when
        circulated: its country and value alone identify it, so leaving out its name is not enough."""
        if not order.confidential:
            return True
        return self.cleared and not self.circulated and self.sees_order(order)

    def for_circulation(self) -> Scope:
        """This scope for a document that leaves the consortium (a circulated report)."""
        return replace(self, circulated=True)

    def sees_plan(self, plan_id: int) -> bool:
        return self.plan_ids is None or plan_id in self.plan_ids

    def sees_assignment(self, member_bin: str, plan_id: int, order: Order) -> bool:
        if self.role is Role.COORDINATOR:
            return True
        return (
            self.role is Role.MEMBER
            and member_bin == self.principal.member_bin
            and self.sees_plan(plan_id)
            and self.sees_order(order)
        )

    # The `*_or_404` forms raise exactly what a missing record raises, so the two cannot be told apart.
    def member_or_404(self, member: Member | None, bin_: str) -> Member:
        if member is None or not self.sees_member(member.bin):
            raise NotFound("member", bin_)
        return member

    def order_or_404(self, order: Order | None, number: str) -> Order:
        if order is None or not self.sees_order(order):
            raise NotFound("order", number)
        return order


def scope_of(uow: UnitOfWork, principal: Principal, today: date) -> Scope:
    """Build the principal's scope inside an open unit of work."""
    if principal.role is Role.COORDINATOR:
        return Scope(principal, None, None, None, None, cleared=True)
    if principal.role is Role.MEMBER and principal.member_bin is not None:
        member = uow.members.get(principal.member_bin)
        cleared = member is not None and is_cleared(member, today)
        assigned = [
            (number, plan_id)
            for number, plan_id, confidential in uow.assignments.orders_and_plans_of(
                principal.member_bin, sorted(s.value for s in VISIBLE_PLAN_STATUSES)
            )
            if cleared or not confidential  # a lapsed clearance hides the work it covered
        ]
        return Scope(
            principal,
            member_bins=frozenset({principal.member_bin}),
            buyer_codes=frozenset(),
            assigned_orders=frozenset(number for number, _ in assigned),
            plan_ids=frozenset(plan_id for _, plan_id in assigned),
            cleared=cleared,
        )
    if principal.role is Role.BUYER and principal.buyer_code is not None:
        return Scope(principal, frozenset(), frozenset({principal.buyer_code}), None, frozenset(), False)
    return Scope(principal, frozenset(), frozenset(), frozenset(), frozenset(), cleared=False)
