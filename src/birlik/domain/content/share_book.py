"""A good's CT-KZ share with one made input from a chosen source: the one place such a share is computed.

The cloth stage of a plan weighs, per sewer, a good sewn with member-made cloth against the same good
sewn with an imported stand-in, and counts each at its share; the contract's local content of that
plan counts the same goods as planned. Both read the share here, so the share a plan counts and the
share the contract computes cannot drift apart: it is the roll-up (``rollup``) of the good at its maker
with that one sourcing choice, by the CT-KZ rule of the day (``goods``). Every other made input keeps the
roll-up's default source. Each (input, source) has one roller, so each roll-up is computed once.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from birlik.domain.content.goods import good_share
from birlik.domain.content.rollup import InputKind, Roller, Setting
from birlik.domain.content.sourcing import Imported, Source, Sourcing
from birlik.domain.exchange import ExchangeRates
from birlik.domain.members import Member
from birlik.domain.products import Catalogue


class ShareBook:
    """Roll-ups of a good at a maker with one of its made inputs (the cloth) from a given source."""

    def __init__(
        self, catalogue: Catalogue, members: Mapping[str, Member], rates: ExchangeRates, day: date
    ) -> None:
        self.catalogue, self.members, self.rates, self.day = catalogue, members, rates, day
        self._rollers: dict[tuple[str, Source], Roller] = {}

    def roller(self, cloth: str, source: Source) -> Roller:
        key = (cloth, source)
        if key not in self._rollers:
            setting = Setting(self.catalogue, self.members, self.rates, self.day, Sourcing({cloth: source}))
            self._rollers[key] = Roller(setting)
        return self._rollers[key]

    def share(self, sku: str, maker_bin: str, cloth: str, source: Source) -> Decimal:
        return good_share(self.roller(cloth, source).roll_up(sku, maker_bin)).share

    def cloth_cost(self, sku: str, maker_bin: str, cloth: str, source: Source) -> Decimal:
        """Money per unit of the good for its cloth from that source, as the roll-up prices it."""
        rollup = self.roller(cloth, source).roll_up(sku, maker_bin)
        kinds = (InputKind.MADE, InputKind.IMPORTED)
        return sum(
            (x.cost for x in rollup.inputs if x.kind in kinds and _is_cloth(x.code, cloth, source)),
            Decimal(0),
        )


def _is_cloth(code: str, cloth: str, source: Source) -> bool:
    return code == cloth or (isinstance(source, Imported) and code == source.material_code)
