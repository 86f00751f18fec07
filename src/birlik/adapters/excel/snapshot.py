"""The registry as plain domain values: what exports write and what imports are checked against."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from birlik.domain.buyers import Buyer
from birlik.domain.exchange import ExchangeRate
from birlik.domain.members import Member
from birlik.domain.orders import Order
from birlik.domain.products import Catalogue


@dataclass(frozen=True)
class RegistrySnapshot:
    members: Sequence[Member]
    catalogue: Catalogue
    buyers: Sequence[Buyer]
    orders: Sequence[Order]
    rates: Sequence[ExchangeRate]
