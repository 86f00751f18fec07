"""A plan that meets every local-content floor, made from one that does not.

When the pricing run is stopped while the floors are still held back (at national size the
transportation core alone can take the whole minute), the last master's plan is the cheapest
the engine has found for everything but the floors: capacity kept, demand met as far as it
could be. Handing over the greedy plan instead threw that away (×2.7 the optimum on the regional
synthetic). Here each order below its floor moves quantity, within its own lines, from the
cells that pull it down to cells that lift it — cheapest money per unit of local content
first, the capacity a move takes counted at its price when the LP that made the plan gave one
(by cost alone, moves into a capacity others need looked cheap and pushed them far: 2.07 %
above the optimum on the regional synthetic against 1.25 %). A target that is full is made
room in by moving units of orders without a floor out of it to their own next-cheapest cell
with room, when the two moves together cost less than leaving the unit short; failing both,
units are left short (a short unit counts neither way in the floor). Other orders' floors are
not touched: an order's row holds only its own lines.
"""

from __future__ import annotations

import numpy as np

from birlik.allocation.columns import Columns, lc_coefficients
from birlik.allocation.model import capacity_key
from birlik.allocation.problem import AllocationProblem, FloatArray, IntArray
from birlik.allocation.rates import Rates

TOLERANCE = 1e-9
"""Relative slack under which an order counts as meeting its floor (as in ``verify``)."""
PAIRS_PER_LINE = 200_000
"""Moves weighed per line and pass: a line with many sources weighs each one's best targets."""
MIN_TARGETS = 32
PAIR_BLOCK = 1_000_000
"""Source-target pairs weighed at once (memory: three floats each)."""
MAX_PASSES = 256
"""Passes over one order's moves while they lift it: a pass can leave units in a cell that is
better but still below the floor, which the next pass moves on; what is still below after
them goes short."""


class _State:
    """Quantities, capacity left and the floor account of every order, kept in step."""

    def __init__(
        self,
        problem: AllocationProblem,
        columns: Columns,
        rate: Rates,
        x: FloatArray,
        capacity_price: FloatArray | None,
    ) -> None:
        p = problem
        self.columns = columns
        arcs = columns.col_arc
        self.line = p.arc_line[arcs]
        self.order = p.line_order[self.line]
        self.coef = lc_coefficients(p, columns, p.order_lc_floor)
        self.key = capacity_key(p, p.arc_member[arcs], p.line_family[self.line], columns.col_month)
        self.use = p.arc_use[arcs]
        self.ranking_cost = rate.unit_cost
        """What a unit in each cell costs when moves are ranked: its cost, plus the capacity
        it takes at the capacity's price when one is known (moving into a full capacity is
        dear: whoever is there must go elsewhere)."""
        if capacity_price is not None:
            self.ranking_cost = rate.unit_cost - np.minimum(capacity_price, 0.0)[self.key] * self.use
        self.x = x.copy()
        load = np.bincount(self.key, self.x * self.use, p.capacity.size)
        self.remaining = p.capacity.reshape(-1) - load
        self.surplus = np.bincount(self.order, self.coef * self.x, p.n_orders)
        self.scale = np.bincount(self.order, np.abs(self.coef * self.x), p.n_orders)
        self.movable = np.ones(columns.n, dtype=bool)
        self.movable[columns.column_of(p.frozen_arc, p.frozen_month)] = False
        self.free_order = (p.order_lc_floor[self.order] <= 0) & self.movable
        # units that ``make_room`` may move out: the cells of orders without a floor that carry
        # some, by capacity key (sorting these few rather than every cell: about 0.06 s of 0.32 s
        # on the regional synthetic), and the cells such moves fill later
        self.indexed = self.free_order & (self.x > 0) & (self.use > 0)
        carrying = np.flatnonzero(self.indexed)
        self.by_key = carrying[np.argsort(self.key[carrying], kind="stable")]
        self.key_bounds = np.searchsorted(self.key[self.by_key], np.arange(p.capacity.size + 1))
        self.filled: dict[int, list[int]] = {}
        self.no_room: set[int] = set()
        """Capacity keys with no units of an order without a floor left to move out."""

    def below(self, problem: AllocationProblem) -> IntArray:
        missed = self.surplus < -TOLERANCE * (1.0 + self.scale)
        return np.flatnonzero((problem.order_lc_floor > 0) & missed)

    def room(self, col: int) -> float:
        if self.use[col] <= 0:
            return np.inf
        return max(float(self.remaining[self.key[col]]) / float(self.use[col]), 0.0)

    def rooms(self, cols: IntArray) -> FloatArray:
        use = self.use[cols]
        left = np.maximum(self.remaining[self.key[cols]], 0.0)
        rooms: FloatArray = np.divide(left, use, out=np.full(cols.shape[0], np.inf), where=use > 0)
        return rooms

    def move(self, col: int, amount: float) -> None:
        if amount > 0 and not self.indexed[col] and self.free_order[col] and self.use[col] > 0:
            self.indexed[col] = True
            self.filled.setdefault(int(self.key[col]), []).append(col)
        self.x[col] += amount
        self.remaining[self.key[col]] -= amount * self.use[col]
        self.surplus[self.order[col]] += amount * self.coef[col]
        self.scale[self.order[col]] += amount * abs(self.coef[col])

    def make_room(self, target: int, wanted: float, cost: FloatArray, worth: float) -> None:
        """Free up to ``wanted`` capacity in the target's (member, family, month) by moving
        units of orders without a floor to their line's cheapest other cell with room, while
        the move costs at most ``worth`` per unit of capacity freed."""
        key = int(self.key[target])
        here = self.by_key[self.key_bounds[key] : self.key_bounds[key + 1]]
        if key in self.filled:
            here = np.concatenate([here, np.array(self.filled[key], np.int64)])
        here = here[self.x[here] > 0]
        if here.size == 0:
            self.no_room.add(key)
            return
        moves = []
        for u in here:
            line_cols = self.columns.columns_of_arcs(self.columns.arcs_of_line(int(self.line[u])))
            ok = (self.rooms(line_cols) > 0) & (self.key[line_cols] != key) & self.movable[line_cols]
            if not ok.any():
                continue
            best = int(np.argmin(np.where(ok, cost[line_cols], np.inf)))
            per_capacity = (float(cost[line_cols[best]]) - float(cost[u])) / float(self.use[u])
            if per_capacity <= worth:
                moves.append((per_capacity, int(u), int(line_cols[best])))
        moved = False
        for _, u, v in sorted(moves):
            if wanted <= 0:
                return
            amount = min(float(self.x[u]), wanted / float(self.use[u]), self.room(v))
            if amount <= 0:
                continue
            self.move(u, -amount)
            self.move(v, amount)
            moved = True
            wanted -= amount * float(self.use[u])
        if not moved:
            self.no_room.add(key)  # not worth rescanning for every pair that wants this key


def meet_floors(
    problem: AllocationProblem,
    columns: Columns,
    rate: Rates,
    x: FloatArray,
    capacity_price: FloatArray | None = None,
) -> FloatArray | None:
    """``x`` changed on the lines of orders below their floor (and, where room is made for them,
    on lines of orders without a floor) so that every floor is met; None when an order cannot
    get there (its frozen cells alone keep it below). ``capacity_price`` (≤ 0 per flat capacity
    key: the duals of the LP that made ``x``) ranks the moves by what they cost with the
    capacity they take priced in."""
    p = problem
    state = _State(p, columns, rate, x, capacity_price)
    below = state.below(p)
    if below.size == 0:
        return state.x
    lines_by_order = np.argsort(p.line_order, kind="stable")
    bounds = np.searchsorted(p.line_order[lines_by_order], np.arange(p.n_orders + 1))
    for order in below:
        lines = lines_by_order[bounds[order] : bounds[order + 1]]
        cols = np.sort(columns.columns_of_arcs(columns.line_arcs_of(lines)))
        cols = cols[state.movable[cols]]
        # units moved to a cell still below the floor may have to move again (or go short)
        for _ in range(MAX_PASSES):
            before = float(state.surplus[order])
            if not _lift(state, rate, cols, order) or state.surplus[order] <= before:
                break
        _go_short(state, cols, order)
    if state.below(p).size:
        return None
    return state.x


def _go_short(state: _State, cols: IntArray, order: int) -> None:
    """Whatever the moves left below the floor: units of the cells furthest below it are left
    short until the floor is met (always enough unless frozen cells hold the order down)."""
    sources = cols[(state.x[cols] > 0) & (state.coef[cols] < 0)]
    for s in sources[np.argsort(state.coef[sources], kind="stable")].tolist():
        deficit = -float(state.surplus[order])
        if deficit <= TOLERANCE * (1.0 + float(state.scale[order])):
            return
        state.move(s, -min(float(state.x[s]), deficit / -float(state.coef[s])))


def _moves(
    state: _State, rate: Rates, cols: IntArray
) -> tuple[IntArray, IntArray, FloatArray, FloatArray, FloatArray]:
    """The candidate moves of one order: source, target (−1: short), gain, extra cost per unit
    and the extra cost by which moves are ranked (capacity priced in). A line with many sources
    weighs only each source's cheapest targets per unit gained (``PAIRS_PER_LINE`` pairs in all;
    sources of one line mostly rank targets alike)."""
    cost, ranking = rate.unit_cost, state.ranking_cost
    parts: list[tuple[IntArray, IntArray, FloatArray, FloatArray, FloatArray]] = []
    by_line = cols[np.argsort(state.line[cols], kind="stable")]
    starts = np.flatnonzero(np.r_[True, np.diff(state.line[by_line]) != 0])
    for here in np.split(by_line, starts[1:]):
        sources = here[state.x[here] > 0]
        if sources.size == 0:
            continue
        block = max(1, PAIR_BLOCK // here.size)
        for first in range(0, sources.size, block):
            chunk = sources[first : first + block]
            gain = state.coef[here][None, :] - state.coef[chunk][:, None]
            extra = ranking[here][None, :] - ranking[chunk][:, None]
            ratio = np.where(gain > 0, extra / np.where(gain > 0, gain, 1.0), np.inf)
            k = min(max(MIN_TARGETS, PAIRS_PER_LINE // sources.size), here.size)
            best = np.argpartition(ratio, k - 1, axis=1)[:, :k]
            rows = np.repeat(np.arange(chunk.size), k)
            picked = best.reshape(-1)
            keep = np.isfinite(ratio[rows, picked])
            rows, picked = rows[keep], picked[keep]
            real = cost[here[picked]] - cost[chunk[rows]]
            parts.append((chunk[rows], here[picked], gain[rows, picked], real, extra[rows, picked]))
        parts.append(
            (
                sources,
                np.full(sources.size, -1, np.int64),
                -state.coef[sources],
                rate.shortage[state.line[sources]] - cost[sources],
                rate.shortage[state.line[sources]] - ranking[sources],
            )
        )
    if not parts:
        empty = np.zeros(0, np.int64)
        return empty, empty, np.zeros(0), np.zeros(0), np.zeros(0)
    src, tgt, gain, extra, ranked = (np.concatenate([part[k] for part in parts]) for k in range(5))
    useful = gain > 0
    return src[useful], tgt[useful], gain[useful], extra[useful], ranked[useful]


def _lift(state: _State, rate: Rates, cols: IntArray, order: int) -> bool:
    """Raise one order's floor account to zero by the cheapest moves per unit gained.

    A move takes units from a source cell (carrying some) to a target cell of the same line
    with a higher share, or to "short" (target −1: gains the source's shortfall below the
    floor, costs the shortage rate instead of the cell's cost). False when it is met or no
    move is left."""
    cost = rate.unit_cost
    src, tgt, per_unit_gain, extra, ranking_extra = _moves(state, rate, cols)
    if src.size == 0:
        return False
    ranked = np.argsort(ranking_extra / per_unit_gain, kind="stable")
    for s, t, gain, more in zip(
        src[ranked].tolist(), tgt[ranked].tolist(), per_unit_gain[ranked].tolist(), extra[ranked].tolist(),
        strict=True,
    ):  # fmt: skip
        if state.x[s] <= 0:
            continue  # emptied by an earlier move
        deficit = -float(state.surplus[order])
        if deficit <= TOLERANCE * (1.0 + float(state.scale[order])):
            return False
        amount = min(float(state.x[s]), deficit / gain)
        if t >= 0:
            room = state.room(t)
            if room < amount and state.coef[s] < 0 and state.key[t] not in state.no_room:
                # making room pays while the two moves cost less per unit of local content
                # than leaving the source's units short
                short_ratio = (rate.shortage[state.line[s]] - cost[s]) / -state.coef[s]
                worth = (short_ratio * gain - more) / state.use[t]
                if worth > 0:
                    state.make_room(t, (amount - room) * float(state.use[t]), cost, float(worth))
                room = state.room(t)
            amount = min(amount, room)
        if amount <= 0:
            continue
        state.move(s, -amount)
        if t >= 0:
            state.move(t, amount)
    return True
