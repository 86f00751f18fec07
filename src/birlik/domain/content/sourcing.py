"""Where a made input comes from when a member makes a product: itself, another member, or an import.

The catalogue says a workwear suit takes 3.2 m of dyed twill; it does not say whose. That choice decides
both the cost and the origin of the cloth, so it is explicit: a `Sourcing` names, per component SKU, a
member (by BIN) or an imported material standing in for it. Without a choice the maker's own production
is used when it makes the component, else the member with the lowest unit cost for it (ties by BIN).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from birlik.domain.errors import InvalidValue
from birlik.domain.identifiers import validate_bin


@dataclass(frozen=True, slots=True)
class FromMember:
    bin: str


@dataclass(frozen=True, slots=True)
class Imported:
    material_code: str


Source = FromMember | Imported


@dataclass(frozen=True, slots=True)
class Sourcing:
    choices: Mapping[str, Source] = field(default_factory=dict)

    @classmethod
    def parse(cls, pairs: Iterable[str]) -> Sourcing:
        """Read `SKU=BIN` (a member makes it) or `SKU=MATERIAL` (an import replaces it)."""
        choices: dict[str, Source] = {}
        for pair in pairs:
            sku, _, where = (part.strip() for part in pair.partition("="))
            if not sku or not where:
                raise InvalidValue(
                    "--source", pair, "write it as SKU=BIN or SKU=MATERIAL, e.g. TWL-DY=MAT-TWL-PC-CN"
                )
            if sku in choices:
                raise InvalidValue("--source", pair, f"{sku} is sourced twice")
            choices[sku] = (
                FromMember(validate_bin(where)) if where.replace(" ", "").isdigit() else Imported(where)
            )
        return cls(choices)

    def describe(self) -> list[str]:
        return [
            f"{sku} from member {s.bin}"
            if isinstance(s, FromMember)
            else f"{sku} replaced by import {s.material_code}"
            for sku, s in sorted(self.choices.items())
        ]
