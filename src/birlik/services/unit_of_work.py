"""The unit of work: one transaction per use case, rolled back unless the use case commits.

Services declare what they need (this Protocol); the SQLAlchemy implementation lives with the other
database adapters. Leaving the `with` block without `commit()` undoes everything, so an error half way
through an import or a plan leaves the database exactly as it was.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from birlik.adapters.db.accounts_repository import AccountRepository
from birlik.adapters.db.assignment_repository import AssignmentRepository
from birlik.adapters.db.audit_repository import AuditRepository
from birlik.adapters.db.catalogue_repository import CatalogueRepository
from birlik.adapters.db.idempotency_repository import IdempotencyRepository
from birlik.adapters.db.job_repository import JobRepository
from birlik.adapters.db.locks import LockRepository
from birlik.adapters.db.member_repository import MemberRepository
from birlik.adapters.db.order_repository import BuyerRepository, OrderRepository
from birlik.adapters.db.plan_repository import PlanRepository
from birlik.adapters.db.rate_repository import RateRepository


class UnitOfWork(Protocol):
    members: MemberRepository
    catalogue: CatalogueRepository
    buyers: BuyerRepository
    orders: OrderRepository
    plans: PlanRepository
    rates: RateRepository
    accounts: AccountRepository
    assignments: AssignmentRepository
    audit: AuditRepository
    idempotency: IdempotencyRepository
    jobs: JobRepository
    locks: LockRepository

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
