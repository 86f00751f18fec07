"""Buyers: who places orders, and what kind of buyer they are (it decides the procurement rules)."""

from __future__ import annotations

from dataclasses import dataclass

from birlik.domain.errors import InvalidValue
from birlik.domain.geography import City
from birlik.domain.vocabulary import BuyerKind


@dataclass(frozen=True, slots=True)
class Buyer:
    code: str
    name: str
    country: str
    kind: BuyerKind
    city: City

    def __post_init__(self) -> None:
        if not self.code.strip():
            raise InvalidValue("buyer code", self.code, "a buyer needs a short code")
        if not self.name.strip():
            raise InvalidValue("name", self.name, f"buyer {self.code} needs a name")
        if len(self.country) != 2 or not self.country.isupper():
            raise InvalidValue("country", self.country, "use the two-letter ISO code, e.g. BY")
