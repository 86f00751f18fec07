"""SQLAlchemy unit of work: a session per `with` block, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from birlik.adapters.db.catalogue_repository import CatalogueRepository
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
