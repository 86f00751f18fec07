"""The unit of work: one transaction per use case, rolled back unless the use case commits.

Services declare what they need (this Protocol); the SQLAlchemy implementation lives with the other
database adapters. Leaving the `with` block without `commit()` undoes everything, so an error half way
through an import or a plan leaves the database exactly as it was.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from birlik.adapters.db.catalogue_repository import CatalogueRepository
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

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
