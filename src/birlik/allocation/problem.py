"""What the engine is asked to plan: settings and the problem, as flat numpy arrays.

Everything is indexed by position: members ``e`` in ``0..E-1``, product families ``f`` in
``0..F-1``, months ``t`` in ``0..T-1``, order lines ``l``, orders ``o`` and candidate arcs ``a``
(an arc is a (line, member) pair the caller found eligible). Arrays, not objects, so that a
national plan with millions of candidate variables costs numpy operations, not Python loops.
Quantities are in the line's product units (pieces), money in one currency (the caller's,
e.g. KZT), capacity in each member's own capacity units (e.g. machine-hours).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from birlik.allocation.errors import AllocationInputError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Int32Array = npt.NDArray[np.int32]
"""Row indices of a model (fewer than 2^31 rows): half the memory over millions of cells."""
BoolArray = npt.NDArray[np.bool_]


def sum_by(index: IntArray, weights: FloatArray, size: int) -> FloatArray:
    """Σ weights grouped by index, as float64 of length ``size`` (a typed np.bincount)."""
    return np.bincount(index, weights=weights, minlength=size).astype(np.float64)


def _floats(value: Any) -> FloatArray:
    array = np.array(value, dtype=np.float64)
    array.setflags(write=False)
    return array


def _ints(value: Any) -> IntArray:
    array = np.array(value)
    fractional = array.size > 0 and not np.issubdtype(array.dtype, np.integer)
    if fractional and (not np.all(np.isfinite(array)) or np.any(array != np.round(array))):
        raise AllocationInputError(f"expected whole numbers (indices or months), got {value!r}")
    array = array.astype(np.int64)
    array.setflags(write=False)
    return array


METHODS = ("auto", "highs", "pricing", "lp_guided")
LINE_FIELDS = ("line_qty", "line_release", "line_due", "line_price", "line_order", "line_family")
"""The problem's arrays with one entry per line."""
ARC_FIELDS = (
    "arc_line",
    "arc_member",
    "arc_production_cost",
    "arc_transport_cost",
    "arc_use",
    "arc_lc_share",
    "arc_first_month",
    "arc_last_month",
)
"""The problem's arrays with one entry per arc."""


@dataclass(frozen=True)
class EngineSettings:
    """The knobs a coordinator may turn; every weight is in money so they can be compared.

    shortage_penalty
        Money per unit left unmade. ``None`` (default) makes it automatic, per line: ten times
        the costliest way to make one unit of that line (production + transport + the largest
        lateness charge + the largest fairness charge), plus the line's unit price, plus 1. That
        way a unit is left short only when a constraint leaves no way to make it, and every
        shortfall can be explained by a constraint rather than by a price.
    lateness_cost
        Money per unit per month delivered after the due month (absolute part).
    lateness_price_share
        Further lateness charge per unit per month, as a fraction of the line's unit price
        (0.02 = 2 % of the price per month late). The two parts add up.
    earliness_price_share
        Holding charge per unit per month made before the due month, as a fraction of the
        line's unit price (0.005 = 0.5 % per month): the capital tied up in finished goods and
        their storage. Without it a line due in September could be made in January for free,
        which planners reject; 0 disables it.
    max_late_months
        Months after the due month in which a line may still be made; beyond that it is short.
    fairness_weight
        Money charged per family-month for the highest capacity utilisation (0..1) among the
        members that have capacity for that family in that month. Spreads load across members
        at the price of some cost; 0 (default) plans purely on cost.
    single_sourcing
        Each line goes whole to exactly one member (or, failing that, is left short whole):
        the Generalized Assignment Problem.
    max_members_per_line
        At most this many members share one line (``None``: no limit).
    min_lot
        Smallest quantity worth giving one member for one line, summed over months; capped
        at the line's quantity, so a small line can still be given whole (``None``: no minimum).
    time_limit_s
        Seconds the solver may run; with integer options it then returns its best plan and gap.
    mip_rel_gap
        Relative gap (objective vs best bound) at which an integer solve counts as optimal.
    method
        How to solve. ``"auto"`` (default) lets the engine choose by size: the whole model on
        HiGHS for small problems; column generation priced over all candidates
        (``"pricing"``) for large LPs; an LP-guided search (``"lp_guided"``: LP relaxation,
        then a MIP on the arcs the LP uses and the next cheapest, then HiGHS on the whole MIP
        from that incumbent) for large integer problems. ``"highs"`` forces the whole model on
        HiGHS. The plan records the method used in ``SolverInfo.method``.
    """

    shortage_penalty: float | None = None
    lateness_cost: float = 0.0
    lateness_price_share: float = 0.02
    earliness_price_share: float = 0.005
    max_late_months: int = 2
    fairness_weight: float = 0.0
    single_sourcing: bool = False
    max_members_per_line: int | None = None
    min_lot: float | None = None
    time_limit_s: float = 60.0
    mip_rel_gap: float = 1e-4
    method: str = "auto"

    def __post_init__(self) -> None:
        checks: list[tuple[str, bool, str]] = [
            (
                "shortage_penalty",
                self.shortage_penalty is None or self.shortage_penalty >= 0,
                "must be zero or more",
            ),
            ("lateness_cost", self.lateness_cost >= 0, "must be zero or more"),
            ("lateness_price_share", self.lateness_price_share >= 0, "must be zero or more"),
            ("earliness_price_share", self.earliness_price_share >= 0, "must be zero or more"),
            ("max_late_months", self.max_late_months >= 0, "must be zero or more"),
            ("fairness_weight", self.fairness_weight >= 0, "must be zero or more"),
            (
                "max_members_per_line",
                self.max_members_per_line is None or self.max_members_per_line >= 1,
                "must be at least 1",
            ),
            ("min_lot", self.min_lot is None or self.min_lot > 0, "must be more than zero"),
            ("time_limit_s", self.time_limit_s > 0, "must be more than zero"),
            ("mip_rel_gap", self.mip_rel_gap >= 0, "must be zero or more"),
            ("method", self.method in METHODS, f"must be one of {', '.join(METHODS)}"),
        ]
        for name, ok, why in checks:
            if not ok:
                raise AllocationInputError(f"setting {name} = {getattr(self, name)!r}: {why}")

    @property
    def uses_integers(self) -> bool:
        """Whether any option needs a binary "member used for line" variable (a MILP)."""
        return self.single_sourcing or self.max_members_per_line is not None or self.min_lot is not None


@dataclass(frozen=True)
class AllocationProblem:
    """One planning problem. Arrays are copied, coerced to float64/int64 and made read-only.

    n_months
        T, the number of months in the horizon; months are indices ``0..T-1``.
    capacity
        (E, F, T) capacity of member e for family f in month t, in the member's capacity units.
    line_qty
        (L,) units ordered per line (> 0).
    line_release, line_due
        (L,) first month the line may be made, and the month it is due (inclusive, month index;
        ``due`` may lie beyond the horizon).
    line_price
        (L,) contract price per unit, money; weighs the line in its order's local content.
    line_order, line_family
        (L,) the order a line belongs to and its product family.
    order_lc_floor
        (O,) minimum local-content share (0..1) of the order's made value, by the contract.
    arc_line, arc_member
        (A,) the eligible (line, member) pairs; eligibility (process, family, certificates,
        hand exclusions) is decided by the caller. A line without arcs cannot be made.
    arc_production_cost, arc_transport_cost
        (A,) money per unit for the member to make the line, and to ship it to the destination.
        Kept apart so the plan reports them apart. May be negative (a profit), as the
        OR-Library maximisation benchmarks need.
    arc_use
        (A,) capacity units one unit of the line takes at that member (≥ 0).
    arc_lc_share
        (A,) local-content share k (0..1) of the member's product (its CT-KZ; 0 without one).
    lc_override_arc, lc_override_month, lc_override_share
        (V,) sparse exceptions to ``arc_lc_share``: in that month, that arc's share is
        ``lc_override_share`` instead (a CT-KZ that starts or lapses inside the arc's window).
        At most one entry per (arc, month). A list of exceptions rather than an (A, T) matrix,
        so a national problem pays only for the months that actually differ.
    arc_first_month, arc_last_month
        (A,) inclusive months in which the member may make the line, e.g. its certificates'
        validity; intersected with the line's release..due + max_late window.
    frozen_arc, frozen_month, frozen_qty
        (Z,) assignments to keep exactly: ``frozen_qty`` units of the arc's line made by its
        member in that month. At most one entry per (arc, month). A frozen cell is fixed: the
        engine neither adds to it nor takes from it (0 keeps the member out that month); the
        rest of the line is planned around it.
    member_labels, line_labels, order_labels, family_labels, month_labels
        Optional names used in the sentences of the plan (e.g. BIN, "order 12 line 3", "2025-03").
    """

    n_months: int
    capacity: FloatArray
    line_qty: FloatArray
    line_release: IntArray
    line_due: IntArray
    line_price: FloatArray
    line_order: IntArray
    line_family: IntArray
    order_lc_floor: FloatArray
    arc_line: IntArray
    arc_member: IntArray
    arc_production_cost: FloatArray
    arc_transport_cost: FloatArray
    arc_use: FloatArray
    arc_lc_share: FloatArray
    arc_first_month: IntArray
    arc_last_month: IntArray
    frozen_arc: IntArray = field(default_factory=lambda: _ints(np.zeros(0, np.int64)))
    frozen_month: IntArray = field(default_factory=lambda: _ints(np.zeros(0, np.int64)))
    frozen_qty: FloatArray = field(default_factory=lambda: _floats(np.zeros(0)))
    lc_override_arc: IntArray = field(default_factory=lambda: _ints(np.zeros(0, np.int64)))
    lc_override_month: IntArray = field(default_factory=lambda: _ints(np.zeros(0, np.int64)))
    lc_override_share: FloatArray = field(default_factory=lambda: _floats(np.zeros(0)))
    member_labels: tuple[str, ...] | None = None
    line_labels: tuple[str, ...] | None = None
    order_labels: tuple[str, ...] | None = None
    family_labels: tuple[str, ...] | None = None
    month_labels: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        coerce = {
            "capacity": _floats,
            "line_qty": _floats,
            "line_release": _ints,
            "line_due": _ints,
            "line_price": _floats,
            "line_order": _ints,
            "line_family": _ints,
            "order_lc_floor": _floats,
            "arc_line": _ints,
            "arc_member": _ints,
            "arc_production_cost": _floats,
            "arc_transport_cost": _floats,
            "arc_use": _floats,
            "arc_lc_share": _floats,
            "arc_first_month": _ints,
            "arc_last_month": _ints,
            "frozen_arc": _ints,
            "frozen_month": _ints,
            "frozen_qty": _floats,
            "lc_override_arc": _ints,
            "lc_override_month": _ints,
            "lc_override_share": _floats,
        }
        for name, convert in coerce.items():
            object.__setattr__(self, name, convert(getattr(self, name)))
        for name in ("member_labels", "line_labels", "order_labels", "family_labels", "month_labels"):
            labels = getattr(self, name)
            if labels is not None:
                object.__setattr__(self, name, tuple(str(label) for label in labels))

    @property
    def n_members(self) -> int:
        return int(self.capacity.shape[0]) if self.capacity.ndim == 3 else 0

    @property
    def n_families(self) -> int:
        return int(self.capacity.shape[1]) if self.capacity.ndim == 3 else 0

    @property
    def n_lines(self) -> int:
        return int(self.line_qty.shape[0])

    @property
    def n_orders(self) -> int:
        return int(self.order_lc_floor.shape[0])

    @property
    def n_arcs(self) -> int:
        return int(self.arc_line.shape[0])

    @property
    def arc_unit_cost(self) -> FloatArray:
        """Money per unit for each arc before lateness: production plus transport."""
        return self.arc_production_cost + self.arc_transport_cost

    def lc_share_at(self, arcs: IntArray, months: IntArray) -> FloatArray:
        """Local-content share k of each (arc, month): the arc's share unless overridden.

        A binary search in the sorted exceptions, so the cost is O(n log V) for n cells and
        V exceptions; months outside the horizon simply find no exception.
        """
        return self.lc_share_lookup()(arcs, months)

    def lc_share_lookup(self) -> Callable[[IntArray, IntArray], FloatArray]:
        """``lc_share_at`` with the exceptions sorted once, for callers that look shares up
        many times (the plan's explanations, line by line: at national size 4,400 lookups
        each sorting 400 k exceptions took 2.7 s)."""
        keys = self.lc_override_arc * self.n_months + self.lc_override_month
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]

        def share_at(arcs: IntArray, months: IntArray) -> FloatArray:
            shares = self.arc_lc_share[arcs].astype(np.float64)
            if sorted_keys.size == 0 or shares.size == 0:
                return shares
            wanted = arcs * self.n_months + months
            pos = np.clip(np.searchsorted(sorted_keys, wanted), 0, sorted_keys.size - 1)
            hit = (sorted_keys[pos] == wanted) & (months >= 0) & (months < self.n_months)
            shares[hit] = self.lc_override_share[order[pos[hit]]]
            return shares

        return share_at

    def member_name(self, member: int) -> str:
        return self.member_labels[member] if self.member_labels else f"member {member}"

    def line_name(self, line: int) -> str:
        return self.line_labels[line] if self.line_labels else f"line {line}"

    def order_name(self, order: int) -> str:
        return self.order_labels[order] if self.order_labels else f"order {order}"

    def family_name(self, family: int) -> str:
        return self.family_labels[family] if self.family_labels else f"family {family}"

    def month_name(self, month: int) -> str:
        if self.month_labels and 0 <= month < len(self.month_labels):
            return self.month_labels[month]
        return f"month {month}"
