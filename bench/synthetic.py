"""Deterministic synthetic allocation scenarios for the benchmarks (issue 4).

The shape follows the measurements in shared/research/performance.md §3: E members and L order
lines over 12 months, 8 product families, 20 destinations on a 2,000 km square; each line
eligible at ~40 members that have its family (fewer at consortium size), inside a window from
three months before its due month to two after; capacity in each member's own units (a use rate
per member and family), 15 % more than demand overall; CT-KZ shares at ~40 % of members, some
lapsing mid-horizon; local-content floors on ~30 % of the orders. Everything comes from one
seeded generator, so a scale always yields the same problem.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from birlik.allocation import AllocationProblem

MONTHS = 12
FAMILIES = 8
DESTINATIONS = 20
SIDE_KM = 2000.0


@dataclass(frozen=True)
class Scale:
    members: int
    lines: int
    members_per_line: int


SCALES = {
    "consortium": Scale(44, 300, 8),
    "regional": Scale(200, 5_000, 40),
    "national": Scale(2_000, 50_000, 40),
}


def _eligible(
    rng: np.random.Generator, holders: list[np.ndarray], family: np.ndarray, k: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per family: its lines, and (lines, k') members for each drawn without replacement
    among the members having that family."""
    chosen = []
    for f in range(FAMILIES):
        lines = np.flatnonzero(family == f)
        pool = holders[f]
        take = min(k, pool.size)
        # argsort of random keys: k distinct members per line, vectorised over the lines
        keys = rng.random((lines.size, pool.size))
        picked = pool[np.argpartition(keys, take - 1, axis=1)[:, :take]] if take else pool[:0]
        chosen.append((lines, picked))
    return chosen


def generate(scale: Scale, seed: int = 20270101) -> AllocationProblem:
    rng = np.random.default_rng(seed)
    n_e, n_l = scale.members, scale.lines
    member_xy = rng.random((n_e, 2)) * SIDE_KM
    dest_xy = rng.random((DESTINATIONS, 2)) * SIDE_KM
    # each member works in 1–3 families; every family has at least two members
    has = rng.random((n_e, FAMILIES)) < 0.25
    has[np.arange(n_e), rng.integers(0, FAMILIES, n_e)] = True
    for f in range(FAMILIES):
        if has[:, f].sum() < 2:
            has[rng.choice(n_e, 2, replace=False), f] = True
    holders = [np.flatnonzero(has[:, f]) for f in range(FAMILIES)]
    production = rng.uniform(3.0, 6.0, (n_e, FAMILIES))
    use_rate = rng.choice([1.0, 1.25, 1.5, 2.0], (n_e, FAMILIES))

    family = rng.integers(0, FAMILIES, n_l)
    seasonal = np.array([0.6, 0.7, 0.9, 1.1, 1.2, 1.0, 0.8, 0.9, 1.2, 1.3, 1.2, 1.0])
    due = rng.choice(MONTHS, n_l, p=seasonal / seasonal.sum())
    release = np.maximum(due - 3, 0)
    qty = np.round(np.exp(rng.normal(np.log(400.0), 0.8, n_l))) + 1.0
    price = rng.uniform(8.0, 15.0, n_l)
    destination = rng.integers(0, DESTINATIONS, n_l)
    lines_per_order = 10
    n_o = (n_l + lines_per_order - 1) // lines_per_order
    order = rng.permutation(np.arange(n_l) % n_o)
    floor = np.where(rng.random(n_o) < 0.3, rng.choice([0.3, 0.4, 0.5], n_o), 0.0)

    parts = _eligible(rng, holders, family, scale.members_per_line)
    arc_line = np.concatenate([np.repeat(lines, picked.shape[1]) for lines, picked in parts])
    arc_member = np.concatenate([picked.reshape(-1) for _, picked in parts])
    sort = np.argsort(arc_line, kind="stable")
    arc_line, arc_member = arc_line[sort], arc_member[sort]
    n_a = arc_line.size
    arc_family = family[arc_line]
    km = np.hypot(*(member_xy[arc_member] - dest_xy[destination[arc_line]]).T)

    # capacity: 1.15 × each family's demand, spread over its members and months in own units
    capacity = np.zeros((n_e, FAMILIES, MONTHS))
    weight = rng.uniform(0.5, 1.5, (n_e, FAMILIES)) * has
    monthly = np.array([np.bincount(family[due >= 0], weights=qty, minlength=FAMILIES)])[0] / MONTHS
    share = weight / np.maximum(weight.sum(axis=0, keepdims=True), 1e-12)
    capacity[:] = (1.15 * monthly[None, :] * share * use_rate)[:, :, None]
    capacity = np.round(capacity * rng.uniform(0.8, 1.2, capacity.shape))

    certified = rng.random(n_e) < 0.4
    member_k = np.where(certified, rng.uniform(0.3, 0.95, n_e), 0.0)
    arc_k = np.round(member_k[arc_member], 2)
    # ~5 % of the certified arcs see their CT-KZ lapse from some month on
    lapsing = np.flatnonzero((arc_k > 0) & (rng.random(n_a) < 0.05))
    lapse_month = rng.integers(1, MONTHS, lapsing.size)
    months_left = MONTHS - lapse_month
    over_arc = np.repeat(lapsing, months_left)
    over_month = np.concatenate([np.arange(m, MONTHS) for m in lapse_month]) if lapsing.size else over_arc

    return AllocationProblem(
        n_months=MONTHS,
        capacity=capacity,
        line_qty=qty,
        line_release=release,
        line_due=due,
        line_price=price,
        line_order=order,
        line_family=family,
        order_lc_floor=floor,
        arc_line=arc_line,
        arc_member=arc_member,
        arc_production_cost=np.round(production[arc_member, arc_family], 3),
        arc_transport_cost=np.round(0.002 * km, 3),
        arc_use=use_rate[arc_member, arc_family],
        arc_lc_share=arc_k,
        arc_first_month=np.zeros(n_a, np.int64),
        arc_last_month=np.full(n_a, MONTHS - 1, np.int64),
        lc_override_arc=over_arc,
        lc_override_month=over_month,
        lc_override_share=np.zeros(over_arc.size),
    )
