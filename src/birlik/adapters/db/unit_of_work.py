"""SQLAlchemy unit of work: a session per `with` block, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker

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


class SqlAlchemyUnitOfWork:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self.session_factory = session_factory

    def __enter__(self) -> Self:
        self.session = self.session_factory()
        self.members = MemberRepository(self.session)
        self.catalogue = CatalogueRepository(self.session)
        self.buyers = BuyerRepository(self.session)
        self.orders = OrderRepository(self.session)
        self.plans = PlanRepository(self.session)
        self.rates = RateRepository(self.session)
        self.accounts = AccountRepository(self.session)
        self.assignments = AssignmentRepository(self.session)
        self.audit = AuditRepository(self.session)
        self.idempotency = IdempotencyRepository(self.session)
        self.jobs = JobRepository(self.session)
        self.locks = LockRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
