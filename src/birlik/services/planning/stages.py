"""The cloth stage from the registry: which sewn goods can take member cloth, at what cost and share.

For each candidate arc whose product's BOM has a made cloth with an imported stand-in
(``PlanningOptions.cloth_imports``, which ``birlik.services.planning.substitutes`` fills from the
registry, e.g. TWL-DY → MAT-TWL-PC-CN), the engine gets two sourcing modes. Both shares come from the
local-content roll-up of the good at that sewer with that source (``birlik.domain.content.share_book``,
which the contract's local content of the plan, ``birlik.services.content``, reads too), so the plan's
shares are the module's own: the engine never computes a share. With member cloth the share is
the lowest over the mills able to make it (an originating cloth counts whole, so in practice every
Kazakh mill gives the same share), so the floor holds whichever mill weaves.

The roll-up gives the share the sewer's CT-KZ would state for that source; the contract counts it only
in the months the sewer holds a CT-KZ for the good (Ki = 0 without one, facts.md §1.2), as the
single-stage problem does. So a staged arc carries its first month's shares, and every later month in
which the sewer's certificate starts or has lapsed becomes a month-by-month exception for both modes.

Costs: the sewer's unit cost (materials included) less its cloth at the roll-up's default source is
its own cost without cloth; the import adds cloth per unit × the material's price; member cloth costs
the mill's unit cost plus transport mill city → sewer city at the finished-fabric rate per 1,000 km.
An arc whose roll-up fails (no unit cost, an inconsistent cost, a foreign material without an HS code)
stays single-stage, as before, but not silently: each reason is kept once per product, cloth and
reason (``Unstaged``) and the plan's report lists them, so the coordinator learns which record to fix.

Cloth for a confidential (defense) order is made only by mills cleared for defense orders, in the
months they are cleared: such an order's cloth is a cloth of its own in the stage, with its own
supplies, sharing the SKU's import limit.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from birlik.allocation import AllocationProblem
from birlik.allocation.problem import FloatArray, IntArray
from birlik.allocation.stages import ClothStage
from birlik.domain.content.share_book import ShareBook
from birlik.domain.content.sourcing import FromMember, Imported, Source
from birlik.domain.eligibility import able_to_make
from birlik.domain.errors import DomainError
from birlik.domain.geography import road_km
from birlik.domain.members import Member
from birlik.domain.products import ComponentKind
from birlik.domain.vocabulary import CertificateKind
from birlik.services.planning.options import PlanningOptions
from birlik.services.planning.problem import PlanningInput, ProblemIndex, as_planned
from birlik.services.planning.substitutes import check_cloth_imports
from birlik.services.planning.unstaged import Reasons, Unstaged


@dataclass(frozen=True)
class StageIndex:
    """Positions of the stage's cloths and supplies ↔ records, for the report."""

    cloths: list[str]  # cloth SKU per cloth index
    imports: list[str]  # material code per cloth index
    day: date
    unstaged: tuple[Unstaged, ...] = ()


def add_cloth_stage(
    problem: AllocationProblem, index: ProblemIndex, data: PlanningInput, options: PlanningOptions
) -> tuple[AllocationProblem, ClothStage, StageIndex]:
    """The problem with staged arcs re-priced and re-shared, and the stage's arrays."""
    check_cloth_imports(options.cloth_imports, data.catalogue)
    day = index.months[0].first_day()
    book = ShareBook(data.catalogue, _members(data, index), data.rates, day)
    members = index.members
    n_arcs = problem.n_arcs
    skus = sorted(options.cloth_imports)
    mills_of = {sku: able_to_make(members, data.catalogue.product(sku)) for sku in skus}
    arc_key: dict[int, tuple[str, bool]] = {}
    qty, import_cost, k_imp, k_mem = (np.zeros(n_arcs) for _ in range(4))
    production = problem.arc_production_cost.copy()
    import_first = np.zeros(n_arcs, np.int64)
    sewers_of: dict[tuple[str, bool], set[int]] = {}
    reasons = Reasons()
    for a in range(n_arcs):
        order, line = index.lines[int(problem.arc_line[a])]
        product = data.catalogue.product(line.product_sku)
        sewer = members[int(problem.arc_member[a])]
        bom = [
            b for b in product.bom if b.kind is ComponentKind.PRODUCT and b.component in options.cloth_imports
        ]
        if len(bom) != 1 or not mills_of[bom[0].component]:
            continue
        cloth = bom[0].component
        imported: Source = Imported(options.cloth_imports[cloth])
        try:
            own = Decimal(str(problem.arc_production_cost[a]))
            default = book.cloth_cost(product.sku, sewer.bin, cloth, _default_source(book, cloth, sewer))
            shares_member = [
                book.share(product.sku, sewer.bin, cloth, FromMember(m.bin)) for m in mills_of[cloth]
            ]
            share_import = book.share(product.sku, sewer.bin, cloth, imported)
            cost_import = book.cloth_cost(product.sku, sewer.bin, cloth, imported)
        except DomainError as error:  # planned single-stage, and the report says why
            reasons.add(product.sku, cloth, options.cloth_imports[cloth], order.number, error)
            continue
        key = (cloth, CertificateKind.DEFENSE_CLEARANCE in as_planned(order).required_certificates)
        arc_key[a] = key
        qty[a] = float(bom[0].quantity)
        production[a] = float(own - default)
        import_cost[a] = float(cost_import)
        k_imp[a] = float(share_import)
        k_mem[a] = float(min(shares_member))
        release = order.release.index - index.months[0].index
        import_first[a] = release + options.import_lead_months
        sewers_of.setdefault(key, set()).add(int(problem.arc_member[a]))
    keys = {key: i for i, key in enumerate(sorted(sewers_of))}  # (SKU, cleared mills only) → cloth
    arc_cloth = np.full(n_arcs, -1, np.int64)
    for a, key in arc_key.items():
        arc_cloth[a] = keys[key]
    supplies = _supplies(index, data, options, keys, sewers_of, mills_of, day)
    n_s = len(supplies["c"])
    staged = arc_cloth >= 0
    shares = _by_certificate(problem, index, staged, k_imp, k_mem)
    new_problem = dataclasses.replace(
        problem,
        arc_production_cost=production,
        arc_lc_share=shares.k_import,
        lc_override_arc=shares.arc,
        lc_override_month=shares.month,
        lc_override_share=shares.share_import,
    )
    ordered = sorted(keys, key=keys.__getitem__)
    cloths = [sku for sku, _ in ordered]  # the SKU of each cloth; the first of a SKU leads its group
    limits = [
        float(options.cloth_import_limits[sku]) if sku in options.cloth_import_limits else np.inf
        for sku, _ in ordered
    ]
    stage = ClothStage(
        arc_cloth=arc_cloth,
        arc_cloth_qty=qty,
        arc_import_cost=import_cost,
        arc_import_first=import_first,
        arc_lc_import=shares.k_import,
        arc_lc_member=shares.k_member,
        cloth_import_limit=np.array(limits, dtype=np.float64),
        supply_cloth=np.array(supplies["c"], dtype=np.int64),
        supply_mill=np.array(supplies["m"], dtype=np.int64),
        supply_sewer=np.array(supplies["e"], dtype=np.int64),
        supply_family=np.array(supplies["f"], dtype=np.int64),
        supply_use=np.array(supplies["use"]),
        supply_cost=np.array(supplies["cost"]),
        supply_transport=np.array(supplies["tr"]),
        supply_lead=np.full(n_s, options.cloth_lead_months, np.int64),
        supply_first=np.array(supplies["first"], dtype=np.int64),
        supply_last=np.array(supplies["last"], dtype=np.int64),
        cloth_labels=tuple(f"{sku} (cleared mills)" if cleared else sku for sku, cleared in ordered),
        cloth_import_group=np.array([cloths.index(sku) for sku, _ in ordered], dtype=np.int64),
        lc_override_member=shares.share_member,
    )
    imports = [options.cloth_imports[s] for s in cloths]
    return new_problem, stage, StageIndex(cloths, imports, day, reasons.listed())


def _supplies(
    index: ProblemIndex,
    data: PlanningInput,
    options: PlanningOptions,
    keys: dict[tuple[str, bool], int],
    sewers_of: dict[tuple[str, bool], set[int]],
    mills_of: dict[str, list[Member]],
    day: date,
) -> dict[str, list[float]]:
    """Supply options (cloth, mill, sewer) with the mill's cost, the transport and the mill's months:
    the whole horizon, or for a defense order's cloth the longest run of months the mill is cleared."""
    members = index.members
    supplies: dict[str, list[float]] = {
        k: [] for k in ("c", "m", "e", "f", "use", "cost", "tr", "first", "last")
    }
    for (sku, cleared), c in sorted(keys.items(), key=lambda item: item[1]):
        product = data.catalogue.product(sku)
        for mill in mills_of[sku] if options.member_cloth else []:
            months = _cleared_run(mill, index) if cleared else (0, len(index.months) - 1)
            if months is None:
                continue
            m = members.index(mill)
            capacity = mill.capacity_for(product.family)
            assert capacity is not None  # able_to_make requires the family
            unit = float(data.rates.to_kzt(mill.unit_costs[sku], day))
            for e in sorted(sewers_of[(sku, cleared)]):
                km = road_km(mill.city, members[e].city)
                supplies["c"].append(c)
                supplies["m"].append(m)
                supplies["e"].append(e)
                supplies["f"].append(index.families.index(product.family))
                supplies["use"].append(float(capacity.use_rate))
                supplies["cost"].append(unit)
                supplies["tr"].append(float(options.transport.per_unit(product.family, km)))
                supplies["first"].append(months[0])
                supplies["last"].append(months[1])
    return supplies


def _cleared_run(mill: Member, index: ProblemIndex) -> tuple[int, int] | None:
    """The longest run of horizon months (first, last) in which the mill is cleared for defense
    orders; None if it never is."""
    best: tuple[int, int] | None = None
    start: int | None = None
    for t, month in enumerate([*index.months, None]):
        held = month is not None and mill.holds(CertificateKind.DEFENSE_CLEARANCE, month)
        if held and start is None:
            start = t
        elif not held and start is not None:
            if best is None or t - 1 - start > best[1] - best[0]:
                best = (start, t - 1)
            start = None
    return best


@dataclass(frozen=True)
class _Shares:
    """Arc shares by mode and the month-by-month exceptions, both modes aligned entry by entry."""

    k_import: FloatArray
    k_member: FloatArray
    arc: IntArray
    month: IntArray
    share_import: FloatArray
    share_member: FloatArray


def _by_certificate(
    problem: AllocationProblem,
    index: ProblemIndex,
    staged: npt.NDArray[np.bool_],
    k_imp: FloatArray,
    k_mem: FloatArray,
) -> _Shares:
    """Staged arcs' roll-up shares, counted only in the months the sewer holds a CT-KZ for the good.

    Unstaged arcs keep their shares and exceptions as the problem has them (with one share whatever
    the mode); a staged arc gets its first month's shares and an exception in each later month whose
    certificate status differs from the first.
    """
    held: dict[tuple[int, str], list[bool]] = {}
    keep = ~staged[problem.lc_override_arc]
    arc = list(problem.lc_override_arc[keep])
    month = list(problem.lc_override_month[keep])
    share_import = list(problem.lc_override_share[keep])
    share_member = list(problem.lc_override_share[keep])
    k_import = problem.arc_lc_share.copy()
    k_member = problem.arc_lc_share.copy()
    for a in np.flatnonzero(staged):
        e, sku = int(problem.arc_member[a]), index.lines[int(problem.arc_line[a])][1].product_sku
        if (e, sku) not in held:
            sewer = index.members[e]
            held[(e, sku)] = [sewer.holds(CertificateKind.CT_KZ, m, sku) for m in index.months]
        certified = held[(e, sku)]
        first, last = int(problem.arc_first_month[a]), int(problem.arc_last_month[a])
        k_import[a] = k_imp[a] if certified[first] else 0.0
        k_member[a] = k_mem[a] if certified[first] else 0.0
        for t in range(first + 1, last + 1):
            if certified[t] != certified[first]:
                arc.append(int(a))
                month.append(t)
                share_import.append(k_imp[a] if certified[t] else 0.0)
                share_member.append(k_mem[a] if certified[t] else 0.0)
    return _Shares(
        k_import,
        k_member,
        np.array(arc, dtype=np.int64),
        np.array(month, dtype=np.int64),
        np.array(share_import, dtype=np.float64),
        np.array(share_member, dtype=np.float64),
    )


def _members(data: PlanningInput, index: ProblemIndex) -> dict[str, Member]:
    """The registry's active members, and any member the problem plans that is not among them."""
    members = {m.bin: m for m in data.members}
    for m in index.members:
        members.setdefault(m.bin, m)
    return members


def _default_source(book: ShareBook, cloth: str, sewer: Member) -> Source:
    """The source the registry's unit cost assumes: the sewer itself if it makes the cloth, else the
    cheapest member (the roll-up's own default)."""
    if cloth in sewer.unit_costs:
        return FromMember(sewer.bin)
    makers = [m for m in book.members.values() if m.active and cloth in m.unit_costs]
    cheapest = min(makers, key=lambda m: (book.rates.to_kzt(m.unit_costs[cloth], book.day), m.bin))
    return FromMember(cheapest.bin)
