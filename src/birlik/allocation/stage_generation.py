"""The two-stage model at scale: column generation over the staged model, split by cloth source.

``build_staged`` writes the cloth stage as ``member ≤ x`` per sewing cell: one link row for every
cell that could take member cloth — hundreds of thousands at regional size, and each a row the
master would carry whether or not its cell is in. Substituting ``x = imported + member`` removes
them: a cell becomes two columns, *sewn with imported cloth* (``x``'s column and cost, plus its
import-limit entry) and *sewn with member cloth* (``x``'s column plus ``member``'s: the balance row
and the local-content gain), each with at most five entries, and both priced like any cell.
Where imported cloth cannot be on hand yet (the link row was ``member = x``) the imported column is
fixed at 0; a frozen cell keeps its total with one row ``imported + member = quantity``.

The result is mapped back to ``build_staged``'s columns (``x = imported + member``) and rows (the
link rows' duals are 0), so ``plan_staged`` reads it exactly as it reads HiGHS on the whole model.
"""

from __future__ import annotations

import time

import numpy as np
import scipy.sparse as sp

from birlik.allocation.generation import GenerationResult, LinearProgram, solve_by_generation
from birlik.allocation.model import Model
from birlik.allocation.problem import AllocationProblem, IntArray
from birlik.allocation.solve import SolveResult
from birlik.allocation.stages import StageLayout

INITIAL_CELLS_PER_LINE = 4
"""Cheapest cells per line and per cloth source in the first master."""


def _split(model: Model, layout: StageLayout) -> tuple[LinearProgram, IntArray, IntArray, IntArray]:
    """The split LP; the old row of each of its rows (−1: added) and the new row of each old one (−1:
    dropped); and the staged x columns (model positions)."""
    x0 = model.col_blocks["x"].start
    m0, n_m = layout.member_start, int(layout.member_cols.shape[0])
    staged_x = (x0 + layout.member_cols).astype(np.int64)
    link = model.row_blocks["cloth_link"]
    a = model.matrix
    member_block = a[:, m0 : m0 + n_m] + a[:, staged_x]
    matrix = sp.hstack([a[:, :m0], member_block, a[:, m0 + n_m :]], format="csc")
    keep = np.ones(model.row_lo.shape[0], dtype=bool)
    keep[link] = False
    old_row = np.flatnonzero(keep)
    matrix = sp.csc_array(matrix[old_row, :])
    cost, lb, ub = model.cost.copy(), model.lb.copy(), model.ub.copy()
    cost[m0 : m0 + n_m] += model.cost[staged_x]
    early = model.row_lo[link] == 0.0  # member = x: no imported cloth on hand in that month
    frozen = model.lb[staged_x] > 0
    lb[m0 : m0 + n_m] = 0.0
    ub[m0 : m0 + n_m] = model.ub[staged_x]
    lb[staged_x[frozen]] = 0.0
    ub[staged_x[early]] = 0.0
    row_lo, row_hi = model.row_lo[old_row], model.row_hi[old_row]
    if frozen.any():
        # imported + member = the frozen quantity, one row per frozen staged cell
        n_fz = int(frozen.sum())
        rows = matrix.shape[0] + np.arange(n_fz)
        entries = sp.csc_array(
            (
                np.ones(2 * n_fz),
                (np.r_[rows, rows], np.r_[staged_x[frozen], m0 + np.flatnonzero(frozen)]),
            ),
            shape=(matrix.shape[0] + n_fz, matrix.shape[1]),
        )
        matrix = sp.csc_array(sp.vstack([matrix, sp.csc_array((n_fz, matrix.shape[1]))]) + entries)
        qty = model.lb[staged_x[frozen]]
        row_lo, row_hi = np.r_[row_lo, qty], np.r_[row_hi, qty]
        old_row = np.r_[old_row, np.full(n_fz, -1, np.int64)]
    new_row = np.full(model.row_lo.shape[0], -1, np.int64)
    new_row[old_row[old_row >= 0]] = np.flatnonzero(old_row >= 0)
    demand = new_row[np.arange(model.row_blocks["demand"].start, model.row_blocks["demand"].stop)]
    lp = LinearProgram(cost, lb, ub, row_lo, row_hi, matrix, demand)
    return lp, old_row, new_row, staged_x


def _initial(problem: AllocationProblem, model: Model, layout: StageLayout, lp: LinearProgram) -> IntArray:
    """Per line, its cheapest cells with imported cloth (or none needed) and with member cloth."""
    x0, n_x = model.col_blocks["x"].start, model.columns.n
    m0, n_m = layout.member_start, int(layout.member_cols.shape[0])
    x_line = problem.arc_line[model.columns.col_arc]
    picked = []
    for cols, line in (
        (x0 + np.arange(n_x), x_line),
        (m0 + np.arange(n_m), x_line[layout.member_cols]),
    ):
        usable = lp.ub[cols] > 0
        cols, line = cols[usable], line[usable]
        order = np.lexsort((lp.cost[cols], line))
        ranked, ranked_line = cols[order], line[order]
        rank = np.arange(ranked.shape[0]) - np.searchsorted(ranked_line, ranked_line)
        picked.append(ranked[rank < INITIAL_CELLS_PER_LINE])
    return np.concatenate(picked).astype(np.int64)


def solve_staged_by_generation(
    problem: AllocationProblem, model: Model, layout: StageLayout, deadline: float
) -> tuple[SolveResult, GenerationResult]:
    """Solve the staged model by column generation; the result is in ``model``'s columns and rows."""
    started = time.perf_counter()
    lp, old_row, new_row, staged_x = _split(model, layout)
    x0, n_x = model.col_blocks["x"].start, model.columns.n
    m0, n_m = layout.member_start, int(layout.member_cols.shape[0])
    priced = np.zeros(lp.n_cols, dtype=bool)
    priced[x0 : x0 + n_x] = True
    priced[m0 : m0 + n_m] = True
    lc = model.row_blocks["local_content"]
    held = new_row[np.arange(lc.start, lc.stop)]
    frozen = np.flatnonzero(model.lb[staged_x] > 0)  # both halves of a frozen cell start in the master
    initial = np.concatenate([_initial(problem, model, layout, lp), staged_x[frozen], m0 + frozen])
    generated = solve_by_generation(lp, priced, initial, deadline, held)
    solved = generated.result
    if not solved.status.has_solution:
        return solved, generated
    values = solved.col_value.copy()
    values[staged_x] += values[m0 : m0 + n_m]
    row_dual = np.zeros(model.row_lo.shape[0])
    mapped = old_row >= 0
    row_dual[old_row[mapped]] = solved.row_dual[mapped]
    back = SolveResult(
        status=solved.status,
        objective=solved.objective,
        bound=solved.bound,
        gap=solved.gap,
        solve_seconds=time.perf_counter() - started,
        col_value=values,
        row_dual=row_dual,
    )
    return back, generated
