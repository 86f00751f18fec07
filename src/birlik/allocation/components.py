"""Split an integer problem into the pieces that share no capacity, and cut one piece out.

Lines compete only where their arcs draw on the same capacity (member, family): weaving lines
never touch a sewing member's capacity. So an integer problem falls apart into independent
pieces — on the synthetic consortium, one per product family — except for the local-content
rows, which span an order's lines across families, and the fairness peaks, which span a
family's members. The search by pieces (``pieces``) prices the local-content rows away with
their LP duals and keeps each fairness family in one piece; then every piece is a small MIP that
HiGHS can solve or bound on its own, and the sum of the pieces' bounds is a bound for the whole
(a Lagrangian bound), stronger than what one search over the whole tree proves in the same time.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import scipy.sparse as sp

from birlik.allocation.problem import ARC_FIELDS, LINE_FIELDS, AllocationProblem, EngineSettings, IntArray


def line_components(problem: AllocationProblem, settings: EngineSettings) -> IntArray:
    """Per line, the label (0..K-1) of its piece: lines sharing a (member, family) capacity, or,
    with fairness on, a family, are in one piece. Labels are ordered by each piece's first line."""
    p = problem
    n_keys = p.n_members * p.n_families
    family = p.line_family[p.arc_line]
    key = p.arc_member * p.n_families + family
    if settings.fairness_weight > 0:
        key = n_keys + family  # the family's peak ties all its members' capacity together
        n_keys += p.n_families
    size = p.n_lines + n_keys
    # csgraph pulls in scipy.linalg (60 ms at every start); only integer options need it
    from scipy.sparse.csgraph import connected_components

    graph = sp.coo_array((np.ones(p.n_arcs), (p.arc_line, p.n_lines + key)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    lines = labels[: p.n_lines]
    _, first, relabel = np.unique(lines, return_index=True, return_inverse=True)
    order = np.argsort(np.argsort(first))
    return order[relabel].astype(np.int64)


def restrict_lines(problem: AllocationProblem, lines: IntArray) -> tuple[AllocationProblem, IntArray]:
    """The problem on ``lines`` (sorted) only, with their arcs, frozen cells and LC exceptions;
    orders keep their numbering, their floors are dropped (the caller prices them). Returns the
    piece and, per arc of the piece, its arc in ``problem``."""
    p = problem
    keep_line = np.zeros(p.n_lines, dtype=bool)
    keep_line[lines] = True
    new_line = np.cumsum(keep_line) - 1
    arcs = np.flatnonzero(keep_line[p.arc_line]).astype(np.int64)
    new_arc = np.full(p.n_arcs, -1, np.int64)
    new_arc[arcs] = np.arange(arcs.shape[0])
    frozen = new_arc[p.frozen_arc] >= 0
    override = new_arc[p.lc_override_arc] >= 0
    piece = dataclasses.replace(
        p,
        **{name: getattr(p, name)[lines] for name in LINE_FIELDS},
        **{name: getattr(p, name)[arcs] for name in ARC_FIELDS if name != "arc_line"},
        arc_line=new_line[p.arc_line[arcs]],  # renumbered
        order_lc_floor=np.zeros(p.n_orders),
        frozen_arc=new_arc[p.frozen_arc[frozen]],
        frozen_month=p.frozen_month[frozen],
        frozen_qty=p.frozen_qty[frozen],
        lc_override_arc=new_arc[p.lc_override_arc[override]],
        lc_override_month=p.lc_override_month[override],
        lc_override_share=p.lc_override_share[override],
        line_labels=None,
    )
    return piece, arcs
