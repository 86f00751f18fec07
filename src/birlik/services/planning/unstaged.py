"""Why some candidates of a staged product were planned single-stage: the roll-up refused them.

The cloth stage weighs a product's member cloth against its import at every candidate sewer; where the
local-content roll-up fails (most often a foreign material whose HS code is not recorded, so the origin
heading test cannot be made), that candidate keeps the single-stage terms. The planner carries on, and
these records let the plan's report say which product, cloth and record it concerns, and how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from birlik.domain.content.classification import MissingHsCode
from birlik.domain.errors import DomainError

REASON_NO_HS_CODE = "material_without_hs_code"
REASON_ROLL_UP = "roll_up_failed"


@dataclass(frozen=True)
class Unstaged:
    """Why a product's cloth was not weighed against its import for some of its candidate sewers:
    those candidates are planned single-stage (the sewer's own cost and share, cloth as registered)."""

    product: str
    cloth: str
    material: str  # the import that stands in for the cloth
    reason: str  # REASON_NO_HS_CODE (``missing_hs_code`` names the material) or REASON_ROLL_UP
    message: str  # the roll-up's own sentence, naming the record
    missing_hs_code: str | None
    orders: tuple[str, ...]
    candidates: int  # candidate (line, member) pairs left single-stage for this reason


@dataclass
class _Seen:
    error: DomainError
    material: str
    orders: set[str] = field(default_factory=set)
    candidates: int = 0


class Reasons:
    """Roll-up failures gathered once per (product, cloth, reason), with the orders they touch."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str, str], _Seen] = {}

    def add(self, product: str, cloth: str, material: str, order: str, error: DomainError) -> None:
        seen = self._seen.setdefault((product, cloth, str(error)), _Seen(error, material))
        seen.orders.add(order)
        seen.candidates += 1

    def listed(self) -> tuple[Unstaged, ...]:
        return tuple(_unstaged(*key, seen) for key, seen in sorted(self._seen.items()))


def _unstaged(product: str, cloth: str, message: str, seen: _Seen) -> Unstaged:
    missing = seen.error.material_code if isinstance(seen.error, MissingHsCode) else None
    return Unstaged(
        product,
        cloth,
        seen.material,
        REASON_ROLL_UP if missing is None else REASON_NO_HS_CODE,
        message,
        missing,
        tuple(sorted(seen.orders)),
        seen.candidates,
    )
