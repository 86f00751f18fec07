"""Multi-stage planning: where the cloth of each sewn good comes from, and what that does to its share.

One stage above sewing (finished cloth). Every arc whose product needs a member-made cloth gets two
sourcing modes: the cloth is bought (an import standing in: its price, the month it can be on hand,
an optional limit per cloth) or it is made by member mills. The sewing variables ``x[a, t]`` stay as
they are; the stage adds, all built from index arithmetic:

- ``member[c]`` per staged x column: units of ``x`` sewn with member cloth (0 ≤ member ≤ x); the rest
  is sewn with imported cloth. ``x`` carries the import price, ``member`` takes it back off.
- ``flow[s, t']`` per supply option s = (cloth, mill, sewer) and month ``t'`` the mill makes it:
  metres made by the mill for that sewer, at the mill's unit cost plus transport from the mill's city
  to the sewer's (priced like finished goods by the caller), arriving ``lead`` months later.
- balance per (cloth, sewer, month t): Σ flow[s, t − lead_s] ≥ Σ cloth-per-unit · member. Flows are
  per (mill, sewer) pair rather than pooled per mill, so transport is exact for the pair; a mill's
  production in a month is the sum of its flows, and its balance is therefore met by construction.
- mill capacity: flows load the mill's capacity for its own family (the cloth's family), in the same
  capacity row as any order line for that family at that mill, so cloth sold outright and cloth woven
  for a member compete for the same looms.
- local content: the order's row Σ price·x·(k − floor) ≥ 0 reads k = the share with imported cloth
  on ``x`` and adds price·(k_member − k_import) on ``member``, so the floor constrains sourcing as well
  as sewing. The two k's per arc come from the caller (the services layer computes them with the
  local-content roll-up); an input of Kazakh origin counts whole, so every originating member mill
  gives the same k_member. Both follow the month the units are sewn in: where the problem overrides
  an arc's share in a month (a CT-KZ that starts or lapses inside the horizon), that override is the
  share with imported cloth and ``lc_override_member`` the share with member cloth.

The stage is solved on the whole model by HiGHS (the pricing and LP-guided paths do not know it); a
consortium-size problem stays well inside that path.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from birlik.allocation.errors import AllocationInputError
from birlik.allocation.model import INF, Model, build, capacity_key
from birlik.allocation.problem import AllocationProblem, EngineSettings, FloatArray, IntArray


def _f(value: object) -> FloatArray:
    array = np.array(value, dtype=np.float64)
    array.setflags(write=False)
    return array


def _i(value: object) -> IntArray:
    array = np.array(value, dtype=np.int64)
    array.setflags(write=False)
    return array


@dataclass(frozen=True)
class ClothStage:
    """The cloth stage, as arrays. Arcs are the problem's; cloths ``c`` in ``0..C-1``; supplies ``s``.

    arc_cloth, arc_cloth_qty
        (A,) the cloth the arc's product needs (−1: none, the arc is planned as before) and how much
        of it one unit takes (e.g. 3.2 m per suit).
    arc_import_cost
        (A,) money per unit of the good for its cloth when imported (cloth per unit × import price).
        The problem's ``arc_production_cost`` must then be the sewer's cost without the cloth.
    arc_import_first
        (A,) first month in which imported cloth can be on hand at the sewer (its lead time): units
        sewn earlier need member cloth.
    arc_lc_import, arc_lc_member
        (A,) the good's local-content share with imported cloth and with member cloth; for staged arcs
        the problem's ``arc_lc_share`` must equal ``arc_lc_import`` there.
    cloth_import_limit
        (C,) most cloth that may be imported over the horizon (``inf``: no limit).
    cloth_import_group
        Optional (C,) group of each cloth for the import limit: cloths of one group (one SKU split by
        which mills may make it) count against one limit, the smallest ``cloth_import_limit`` among
        them. ``None``: every cloth is its own group.
    lc_override_member
        Optional (V,), aligned with the problem's ``lc_override_*``: the share with member cloth in
        that (arc, month), where ``lc_override_share`` is then the share with imported cloth. ``None``
        means no arc that needs cloth has month-by-month exceptions.
    supply_cloth, supply_mill, supply_sewer
        (S,) a mill (member index) able to make that cloth for that sewer (member index).
    supply_use
        (S,) the mill's capacity units per unit of cloth, charged to its family ``supply_family``.
    supply_cost, supply_transport
        (S,) money per unit of cloth: the mill's unit cost, and transport mill → sewer.
    supply_lead
        (S,) months from weaving/finishing to sewing (0: same month).
    supply_first, supply_last
        (S,) months in which the mill may make the cloth (e.g. its certificate's validity).
    cloth_labels
        Optional names of the cloths (e.g. SKU).
    """

    arc_cloth: IntArray
    arc_cloth_qty: FloatArray
    arc_import_cost: FloatArray
    arc_import_first: IntArray
    arc_lc_import: FloatArray
    arc_lc_member: FloatArray
    cloth_import_limit: FloatArray
    supply_cloth: IntArray
    supply_mill: IntArray
    supply_sewer: IntArray
    supply_family: IntArray
    supply_use: FloatArray
    supply_cost: FloatArray
    supply_transport: FloatArray
    supply_lead: IntArray
    supply_first: IntArray
    supply_last: IntArray
    cloth_labels: tuple[str, ...] | None = None
    cloth_import_group: IntArray | None = None
    lc_override_member: FloatArray | None = None

    def __post_init__(self) -> None:
        for name in ("arc_cloth", "arc_import_first", "supply_cloth", "supply_mill", "supply_sewer"):
            object.__setattr__(self, name, _i(getattr(self, name)))
        if self.cloth_import_group is not None:
            object.__setattr__(self, "cloth_import_group", _i(self.cloth_import_group))
        if self.lc_override_member is not None:
            object.__setattr__(self, "lc_override_member", _f(self.lc_override_member))
        for name in ("supply_family", "supply_lead", "supply_first", "supply_last"):
            object.__setattr__(self, name, _i(getattr(self, name)))
        for name in (
            "arc_cloth_qty",
            "arc_import_cost",
            "arc_lc_import",
            "arc_lc_member",
            "cloth_import_limit",
            "supply_use",
            "supply_cost",
            "supply_transport",
        ):
            object.__setattr__(self, name, _f(getattr(self, name)))

    @property
    def n_cloths(self) -> int:
        return int(self.cloth_import_limit.shape[0])

    @property
    def n_supplies(self) -> int:
        return int(self.supply_cloth.shape[0])

    def cloth_name(self, cloth: int) -> str:
        return self.cloth_labels[cloth] if self.cloth_labels else f"cloth {cloth}"

    @property
    def import_groups(self) -> IntArray:
        """The import-limit group of each cloth (its own index unless grouped)."""
        if self.cloth_import_group is not None:
            return self.cloth_import_group
        return np.arange(self.n_cloths, dtype=np.int64)

    @classmethod
    def none(cls, problem: AllocationProblem) -> ClothStage:
        """A stage in which no arc needs member cloth: planning is exactly single-stage."""
        a, f, n = problem.n_arcs, np.zeros(0), np.zeros(0, np.int64)
        return cls(
            arc_cloth=np.full(a, -1, np.int64),
            arc_cloth_qty=np.zeros(a),
            arc_import_cost=np.zeros(a),
            arc_import_first=np.zeros(a, np.int64),
            arc_lc_import=problem.arc_lc_share,
            arc_lc_member=problem.arc_lc_share,
            cloth_import_limit=f,
            supply_cloth=n,
            supply_mill=n,
            supply_sewer=n,
            supply_family=n,
            supply_use=f,
            supply_cost=f,
            supply_transport=f,
            supply_lead=n,
            supply_first=n,
            supply_last=n,
        )


def validate_stage(problem: AllocationProblem, stage: ClothStage) -> None:
    """Refuse a stage whose arrays do not fit the problem, naming the array and why."""
    a, s, c = problem.n_arcs, stage.n_supplies, stage.n_cloths
    shapes = {
        "arc_cloth": (stage.arc_cloth, a),
        "arc_cloth_qty": (stage.arc_cloth_qty, a),
        "arc_import_cost": (stage.arc_import_cost, a),
        "arc_import_first": (stage.arc_import_first, a),
        "arc_lc_import": (stage.arc_lc_import, a),
        "arc_lc_member": (stage.arc_lc_member, a),
        "supply_mill": (stage.supply_mill, s),
        "supply_sewer": (stage.supply_sewer, s),
        "supply_family": (stage.supply_family, s),
        "supply_use": (stage.supply_use, s),
        "supply_cost": (stage.supply_cost, s),
        "supply_transport": (stage.supply_transport, s),
        "supply_lead": (stage.supply_lead, s),
        "supply_first": (stage.supply_first, s),
        "supply_last": (stage.supply_last, s),
    }
    for name, (array, n) in shapes.items():
        if array.shape != (n,):
            raise AllocationInputError(f"stage {name}: expected {n} entries, got shape {array.shape}")
    checks = [
        ("arc_cloth", bool(np.all((stage.arc_cloth >= -1) & (stage.arc_cloth < c))), "−1 or a cloth"),
        ("supply_cloth", bool(np.all((stage.supply_cloth >= 0) & (stage.supply_cloth < c))), "a cloth"),
        ("arc_cloth_qty", bool(np.all(stage.arc_cloth_qty >= 0)), "must be zero or more"),
        ("supply_use", bool(np.all(stage.supply_use >= 0)), "must be zero or more"),
        ("supply_lead", bool(np.all(stage.supply_lead >= 0)), "must be zero or more"),
        ("cloth_import_limit", bool(np.all(stage.cloth_import_limit >= 0)), "must be zero or more"),
        (
            "arc_lc_member",
            bool(np.all((stage.arc_lc_member >= 0) & (stage.arc_lc_member <= 1))),
            "must lie in 0..1",
        ),
        (
            "arc_lc_import",
            bool(np.all((stage.arc_lc_import >= 0) & (stage.arc_lc_import <= 1))),
            "must lie in 0..1",
        ),
        (
            "supply_mill",
            bool(np.all((stage.supply_mill >= 0) & (stage.supply_mill < problem.n_members))),
            "must be a member",
        ),
        (
            "supply_sewer",
            bool(np.all((stage.supply_sewer >= 0) & (stage.supply_sewer < problem.n_members))),
            "must be a member",
        ),
        (
            "supply_family",
            bool(np.all((stage.supply_family >= 0) & (stage.supply_family < problem.n_families))),
            "must be a family",
        ),
    ]  # fmt: skip
    for name, ok, why in checks:
        if not ok:
            raise AllocationInputError(f"stage {name}: {why}")
    group = stage.cloth_import_group
    if group is not None and (group.shape != (c,) or np.any(group < 0) or np.any(group >= max(c, 1))):
        raise AllocationInputError(f"stage cloth_import_group: expected {c} group indices in 0..{c - 1}")
    staged = stage.arc_cloth >= 0
    if np.any(np.abs(stage.arc_lc_import - problem.arc_lc_share)[staged] > 1e-12):
        raise AllocationInputError(
            "stage arc_lc_import: must equal the problem's arc_lc_share on arcs that need cloth "
            "(the sewing plan counts its units with imported cloth, the stage adds the rest)"
        )
    member = stage.lc_override_member
    if member is None:
        if np.any(staged[problem.lc_override_arc]):
            raise AllocationInputError(
                "stage: an arc that needs cloth has a month-by-month local-content exception; give "
                "lc_override_member, its share with member cloth in those months"
            )
    elif member.shape != problem.lc_override_share.shape:
        raise AllocationInputError(
            f"stage lc_override_member: expected {problem.lc_override_share.shape[0]} entries, one per "
            f"local-content exception of the problem, got shape {member.shape}"
        )
    elif not np.all((member >= 0) & (member <= 1)):
        raise AllocationInputError("stage lc_override_member: must lie in 0..1")


def stage_shares(
    problem: AllocationProblem, stage: ClothStage, arcs: IntArray, months: IntArray
) -> tuple[FloatArray, FloatArray]:
    """Local-content share of each (arc, month) with imported cloth and with member cloth.

    With imported cloth it is the problem's own (the arc's share unless overridden that month); with
    member cloth the stage's, overridden in the same months by ``lc_override_member``. An arc that
    needs no cloth has one share whatever the mode.
    """
    k_import = problem.lc_share_at(arcs, months)
    staged = stage.arc_cloth[arcs] >= 0
    k_member = np.where(staged, stage.arc_lc_member[arcs], k_import)
    member = stage.lc_override_member
    if member is not None and member.size and arcs.size:
        keys = problem.lc_override_arc * problem.n_months + problem.lc_override_month
        order = np.argsort(keys, kind="stable")
        wanted = arcs * problem.n_months + months
        pos = np.clip(np.searchsorted(keys[order], wanted), 0, keys.size - 1)
        hit = (keys[order][pos] == wanted) & staged & (months >= 0) & (months < problem.n_months)
        k_member[hit] = member[order[pos[hit]]]
    return k_import, k_member


def best_shares(problem: AllocationProblem, stage: ClothStage) -> tuple[FloatArray, FloatArray]:
    """Per arc the highest share it reaches in any month, with imported and with member cloth."""
    staged = stage.arc_cloth >= 0
    k_import = problem.arc_lc_share.copy()
    k_member = np.where(staged, stage.arc_lc_member, k_import)
    arcs = problem.lc_override_arc
    np.maximum.at(k_import, arcs, problem.lc_override_share)
    member = stage.lc_override_member
    np.maximum.at(k_member, arcs, member if member is not None else problem.lc_override_share)
    return k_import, np.where(staged, k_member, k_import)


@dataclass(frozen=True)
class StageLayout:
    """Where the stage's columns sit in the extended model and what they stand for."""

    member_cols: IntArray  # x columns (positions in the x block) that need cloth
    member_start: int
    flow_supply: IntArray
    flow_month: IntArray  # month the mill makes it
    flow_start: int
    balance_keys: IntArray  # (cloth·E + sewer)·T + month per balance row
    balance_start: int


def _flow_cells(problem: AllocationProblem, stage: ClothStage) -> tuple[IntArray, IntArray]:
    lo = np.maximum(stage.supply_first, 0)
    hi = np.minimum(stage.supply_last, problem.n_months - 1 - stage.supply_lead)
    counts = np.maximum(hi - lo + 1, 0)
    supply = np.repeat(np.arange(stage.n_supplies, dtype=np.int64), counts)
    starts = np.cumsum(counts) - counts
    month = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(starts, counts) + lo[supply]
    return supply, month


def _balance_key(problem: AllocationProblem, cloth: IntArray, sewer: IntArray, month: IntArray) -> IntArray:
    return ((cloth * problem.n_members + sewer) * problem.n_months + month).astype(np.int64)


def build_staged(
    problem: AllocationProblem, settings: EngineSettings, stage: ClothStage
) -> tuple[Model, StageLayout]:
    """The single-stage model with the cloth stage appended (columns and rows after the base ones)."""
    started = time.perf_counter()
    base = build(problem, settings)
    cols = base.columns
    x0 = base.col_blocks["x"].start
    n_cols, n_rows = int(base.cost.shape[0]), int(base.row_lo.shape[0])
    rows: list[IntArray] = []
    colz: list[IntArray] = []
    vals: list[FloatArray] = []

    def add(r: IntArray, c: IntArray, v: FloatArray) -> None:
        rows.append(r.astype(np.int64))
        colz.append(c.astype(np.int64))
        vals.append(np.broadcast_to(v, r.shape).astype(np.float64))

    cost = [base.cost.copy()]
    lb, ub = [base.lb], [base.ub]
    row_lo, row_hi = [base.row_lo], [base.row_hi]
    arc = cols.col_arc
    cloth_of_col = stage.arc_cloth[arc]
    cost[0][x0 : x0 + cols.n] += np.where(cloth_of_col >= 0, stage.arc_import_cost[arc], 0.0)

    # member[j]: units of a staged x column sewn with member cloth.
    staged = np.flatnonzero(cloth_of_col >= 0)
    s_arc, s_month = arc[staged], cols.col_month[staged]
    m0 = n_cols
    n_m = staged.shape[0]
    cost.append(-stage.arc_import_cost[s_arc])
    lb.append(np.zeros(n_m))
    ub.append(problem.line_qty[problem.arc_line[s_arc]].astype(np.float64))
    n_cols += n_m

    # flow[s, t']: metres a mill makes for a sewer; only where some sewing could use them.
    f_supply, f_month = _flow_cells(problem, stage)
    need_keys = np.unique(_balance_key(problem, stage.arc_cloth[s_arc], problem.arc_member[s_arc], s_month))
    f_keys = _balance_key(
        problem,
        stage.supply_cloth[f_supply],
        stage.supply_sewer[f_supply],
        f_month + stage.supply_lead[f_supply],
    )
    useful = np.isin(f_keys, need_keys)
    f_supply, f_month, f_keys = f_supply[useful], f_month[useful], f_keys[useful]
    f0 = n_cols
    n_f = f_supply.shape[0]
    cost.append(stage.supply_cost[f_supply] + stage.supply_transport[f_supply])
    lb.append(np.zeros(n_f))
    ub.append(np.full(n_f, INF))
    n_cols += n_f

    # member ≤ x; and member = x where imported cloth cannot be on hand yet.
    link = n_rows
    early = (s_month < stage.arc_import_first[s_arc]).astype(np.float64)
    row_lo.append(np.where(early > 0, 0.0, -INF))  # member − x ∈ [0 or −∞, 0]
    row_hi.append(np.zeros(n_m))
    add(link + np.arange(n_m), m0 + np.arange(n_m), np.ones(n_m))
    add(link + np.arange(n_m), x0 + staged, -np.ones(n_m))
    n_rows += n_m

    # balance per (cloth, sewer, month): arriving flows − cloth per unit · member ≥ 0.
    bal = n_rows
    n_b = need_keys.shape[0]
    row_lo.append(np.zeros(n_b))
    row_hi.append(np.full(n_b, INF))
    m_keys = _balance_key(problem, stage.arc_cloth[s_arc], problem.arc_member[s_arc], s_month)
    add(bal + np.searchsorted(need_keys, m_keys), m0 + np.arange(n_m), -stage.arc_cloth_qty[s_arc])
    add(bal + np.searchsorted(need_keys, f_keys), f0 + np.arange(n_f), np.ones(n_f))
    n_rows += n_b

    # mill capacity: the base capacity row of (mill, family, month), or a new one.
    cap_keys = capacity_key(problem, stage.supply_mill[f_supply], stage.supply_family[f_supply], f_month)
    base_keys = base.capacity_keys
    if base_keys.shape[0]:
        pos = np.clip(np.searchsorted(base_keys, cap_keys), 0, base_keys.shape[0] - 1)
        in_base = base_keys[pos] == cap_keys
    else:
        pos, in_base = np.zeros(n_f, np.int64), np.zeros(n_f, bool)
    use = stage.supply_use[f_supply]
    cap_start = base.row_blocks["capacity"].start
    add(cap_start + pos[in_base], f0 + np.flatnonzero(in_base), use[in_base])
    new_keys, new_row = np.unique(cap_keys[~in_base], return_inverse=True)
    cap_new = n_rows
    row_lo.append(np.full(new_keys.shape[0], -INF))
    row_hi.append(problem.capacity.reshape(-1)[new_keys])
    add(cap_new + new_row, f0 + np.flatnonzero(~in_base), use[~in_base])
    n_rows += new_keys.shape[0]

    # import limit per cloth (or group of cloths): Σ cloth per unit · (x − member) ≤ limit.
    groups = stage.import_groups
    group_limit = np.full(max(stage.n_cloths, 1), np.inf)
    np.minimum.at(group_limit, groups, stage.cloth_import_limit)
    limited = np.flatnonzero(np.isfinite(group_limit))
    if limited.size:
        row_of = np.full(group_limit.shape[0], -1)
        row_of[limited] = np.arange(limited.size)
        lim = n_rows
        row_lo.append(np.full(limited.size, -INF))
        row_hi.append(group_limit[limited])
        r = row_of[groups[stage.arc_cloth[s_arc]]]
        keep = r >= 0
        q = stage.arc_cloth_qty[s_arc]
        add(lim + r[keep], x0 + staged[keep], q[keep])
        add(lim + r[keep], m0 + np.flatnonzero(keep), -q[keep])
        n_rows += limited.size

    # local content: member cloth raises k from k_import to k_member on the units it goes into.
    row_of_order = np.full(problem.n_orders, -1, np.int64)
    row_of_order[base.lc_orders] = base.row_blocks["local_content"].start + np.arange(base.lc_orders.size)
    order = problem.line_order[problem.arc_line[s_arc]]
    counted = row_of_order[order] >= 0
    k_import, k_member = stage_shares(problem, stage, s_arc, s_month)
    gain = problem.line_price[problem.arc_line[s_arc]] * (k_member - k_import)
    add(row_of_order[order[counted]], m0 + np.flatnonzero(counted), gain[counted])

    base_coo = base.matrix.tocoo()
    r_all = np.concatenate([base_coo.row.astype(np.int64), *rows])
    c_all = np.concatenate([base_coo.col.astype(np.int64), *colz])
    v_all = np.concatenate([base_coo.data, *vals])
    matrix = sp.coo_array((v_all, (r_all, c_all)), shape=(n_rows, n_cols)).tocsc()
    matrix.sum_duplicates()
    col_blocks = {**base.col_blocks, "member_cloth": slice(m0, m0 + n_m), "flow": slice(f0, f0 + n_f)}
    row_blocks = {
        **base.row_blocks,
        "cloth_link": slice(link, link + n_m),
        "cloth_balance": slice(bal, bal + n_b),
    }
    model = dataclasses.replace(
        base,
        cost=np.concatenate(cost),
        lb=np.concatenate(lb),
        ub=np.concatenate(ub),
        integrality=np.concatenate([base.integrality, np.zeros(n_m + n_f, np.int32)]),
        row_lo=np.concatenate(row_lo),
        row_hi=np.concatenate(row_hi),
        matrix=matrix,
        col_blocks=col_blocks,
        row_blocks=row_blocks,
        build_seconds=time.perf_counter() - started,
    )
    return model, StageLayout(staged, m0, f_supply, f_month, f0, need_keys, bal)
