"""The demo consortium as domain objects (no database), for hand-computed local-content cases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

from birlik.demo.build import demo_catalogue, demo_members, demo_rates
from birlik.domain.content.goods import GoodShare, Method, good_share
from birlik.domain.content.rollup import Roller, Rollup, Setting
from birlik.domain.content.sourcing import Sourcing
from birlik.domain.exchange import ExchangeRates
from birlik.domain.members import Member
from birlik.domain.products import Catalogue

AZAL_MATA = "120340010438"  # full cycle: spins, weaves, finishes, sews bedding
MELANZH = "050840022177"  # spins, weaves, finishes workwear twill
SHYMKENT_ARNAU = "110240044100"  # sews workwear and uniforms
ALATAU = "160340028903"  # sews workwear from imported Chinese cloth (so its CT-KZ says)
SHYMKENT_MODA = "150540027336"  # fashion studio
MARCH_2027 = date(2027, 3, 1)


@cache
def records() -> tuple[Catalogue, dict[str, Member], ExchangeRates]:
    return demo_catalogue(), {m.bin: m for m in demo_members()}, ExchangeRates(demo_rates())


def roll(sku: str, member: str, on: date = MARCH_2027, sources: tuple[str, ...] = ()) -> Rollup:
    catalogue, members, rates = records()
    return Roller(Setting(catalogue, members, rates, on, Sourcing.parse(sources))).roll_up(sku, member)


def share(
    sku: str,
    member: str,
    on: date = MARCH_2027,
    sources: tuple[str, ...] = (),
    method: Method | None = None,
    profit_margin: Decimal = Decimal(0),
) -> GoodShare:
    return good_share(roll(sku, member, on, sources), method, profit_margin)
