"""The cloth stage from the registry: which sewn goods can take member cloth, at what cost and share.

For each candidate arc whose product's BOM has a made cloth for which the run names an imported stand-in
(``PlanningOptions.cloth_imports``, e.g. TWL-DY → MAT-TWL-PC-CN), the engine gets two sourcing modes.
Both shares come from the local-content roll-up (``birlik.domain.content``) of the good at that sewer
with that source, so the plan's shares are the module's own: the engine never computes a share.
With member cloth the share is the lowest over the mills able to make it (an originating cloth counts
whole, so in practice every Kazakh mill gives the same share), so the floor holds whichever mill weaves.

Costs: the sewer's unit cost (materials included) less its cloth at the roll-up's default source is
its own cost without cloth; the import adds cloth per unit × the material's price; member cloth costs
the mill's unit cost plus transport mill city → sewer city at the finished-fabric rate per 1,000 km.
An arc whose roll-up fails (no unit cost, an inconsistent cost) stays single-stage, as before.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from birlik.allocation import AllocationProblem
from birlik.allocation.stages import ClothStage
from birlik.domain.content.goods import good_share
from birlik.domain.content.rollup import InputKind, Roller, Setting
from birlik.domain.content.sourcing import FromMember, Imported, Source, Sourcing
from birlik.domain.eligibility import able_to_make
from birlik.domain.errors import DomainError, InvalidValue
from birlik.domain.geography import road_km
from birlik.domain.members import Member
from birlik.domain.products import ComponentKind
from birlik.services.planning.options import PlanningOptions
from birlik.services.planning.problem import PlanningInput, ProblemIndex


@dataclass(frozen=True)
class StageIndex:
    """Positions of the stage's cloths and supplies ↔ records, for the report."""

    cloths: list[str]  # cloth SKU per cloth index
    imports: list[str]  # material code per cloth index
    day: date


class ShareBook:
    """Roll-ups of a good at a sewer with its cloth from a given source, computed once each."""

    def __init__(self, data: PlanningInput, members: Sequence[Member], day: date) -> None:
        self.data, self.day = data, day
        self.members = {m.bin: m for m in data.members}
        for m in members:
            self.members.setdefault(m.bin, m)
        self._rollers: dict[tuple[str, Source], Roller] = {}

    def roller(self, cloth: str, source: Source) -> Roller:
        key = (cloth, source)
        if key not in self._rollers:
            setting = Setting(
                self.data.catalogue, self.members, self.data.rates, self.day, Sourcing({cloth: source})
            )
            self._rollers[key] = Roller(setting)
        return self._rollers[key]

    def share(self, sku: str, sewer_bin: str, cloth: str, source: Source) -> Decimal:
        return good_share(self.roller(cloth, source).roll_up(sku, sewer_bin)).share

    def cloth_cost(self, sku: str, sewer_bin: str, cloth: str, source: Source) -> Decimal:
        """Money per unit of the good for its cloth from that source, as the roll-up prices it."""
        rollup = self.roller(cloth, source).roll_up(sku, sewer_bin)
        kinds = (InputKind.MADE, InputKind.IMPORTED)
        return sum(
            (x.cost for x in rollup.inputs if x.kind in kinds and _is_cloth(x.code, cloth, source)),
            Decimal(0),
        )


def _is_cloth(code: str, cloth: str, source: Source) -> bool:
    return code == cloth or (isinstance(source, Imported) and code == source.material_code)


def add_cloth_stage(
    problem: AllocationProblem, index: ProblemIndex, data: PlanningInput, options: PlanningOptions
) -> tuple[AllocationProblem, ClothStage, StageIndex]:
    """The problem with staged arcs re-priced and re-shared, and the stage's arrays."""
    cloths = sorted(options.cloth_imports)
    for sku in cloths:
        data.catalogue.product(sku)  # raises NotFound naming the SKU
        if options.cloth_imports[sku] not in data.catalogue.materials:
            raise InvalidValue("--import-cloth", f"{sku}={options.cloth_imports[sku]}", "no such material")
    day = index.months[0].first_day()
    book = ShareBook(data, index.members, day)
    members = index.members
    n_arcs = problem.n_arcs
    arc_cloth = np.full(n_arcs, -1, np.int64)
    qty, import_cost, k_imp, k_mem = (np.zeros(n_arcs) for _ in range(4))
    production = problem.arc_production_cost.copy()
    import_first = np.zeros(n_arcs, np.int64)
    mills_of = {sku: able_to_make(members, data.catalogue.product(sku)) for sku in cloths}
    sewers_of: dict[str, set[int]] = {sku: set() for sku in cloths}
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
        except DomainError:
            continue
        arc_cloth[a] = cloths.index(cloth)
        qty[a] = float(bom[0].quantity)
        production[a] = float(own - default)
        import_cost[a] = float(cost_import)
        k_imp[a] = float(share_import)
        k_mem[a] = float(min(shares_member))
        release = order.release.index - index.months[0].index
        import_first[a] = release + options.import_lead_months
        sewers_of[cloth].add(int(problem.arc_member[a]))
    supplies: dict[str, list[float]] = {k: [] for k in ("c", "m", "e", "f", "use", "cost", "tr")}
    for c, sku in enumerate(cloths):
        product = data.catalogue.product(sku)
        for mill in mills_of[sku] if options.member_cloth else []:
            m = members.index(mill)
            capacity = mill.capacity_for(product.family)
            assert capacity is not None  # able_to_make requires the family
            unit = float(data.rates.to_kzt(mill.unit_costs[sku], day))
            for e in sorted(sewers_of[sku]):
                km = road_km(mill.city, members[e].city)
                supplies["c"].append(c)
                supplies["m"].append(m)
                supplies["e"].append(e)
                supplies["f"].append(index.families.index(product.family))
                supplies["use"].append(float(capacity.use_rate))
                supplies["cost"].append(unit)
                supplies["tr"].append(float(options.transport.per_unit(product.family, km)))
    n_s = len(supplies["c"])
    staged = arc_cloth >= 0
    keep = ~staged[problem.lc_override_arc]
    new_problem = dataclasses.replace(
        problem,
        arc_production_cost=production,
        arc_lc_share=np.where(staged, k_imp, problem.arc_lc_share),
        lc_override_arc=problem.lc_override_arc[keep],
        lc_override_month=problem.lc_override_month[keep],
        lc_override_share=problem.lc_override_share[keep],
    )
    limits = [
        float(options.cloth_import_limits[s]) if s in options.cloth_import_limits else np.inf for s in cloths
    ]
    stage = ClothStage(
        arc_cloth=arc_cloth,
        arc_cloth_qty=qty,
        arc_import_cost=import_cost,
        arc_import_first=import_first,
        arc_lc_import=np.where(staged, k_imp, problem.arc_lc_share),
        arc_lc_member=np.where(staged, k_mem, problem.arc_lc_share),
        cloth_import_limit=np.array(limits, dtype=np.float64),
        supply_cloth=np.array(supplies["c"], dtype=np.int64),
        supply_mill=np.array(supplies["m"], dtype=np.int64),
        supply_sewer=np.array(supplies["e"], dtype=np.int64),
        supply_family=np.array(supplies["f"], dtype=np.int64),
        supply_use=np.array(supplies["use"]),
        supply_cost=np.array(supplies["cost"]),
        supply_transport=np.array(supplies["tr"]),
        supply_lead=np.full(n_s, options.cloth_lead_months, np.int64),
        supply_first=np.zeros(n_s, np.int64),
        supply_last=np.full(n_s, problem.n_months - 1, np.int64),
        cloth_labels=tuple(cloths),
    )
    return new_problem, stage, StageIndex(cloths, [options.cloth_imports[s] for s in cloths], day)


def _default_source(book: ShareBook, cloth: str, sewer: Member) -> Source:
    """The source the registry's unit cost assumes: the sewer itself if it makes the cloth, else the
    cheapest member (the roll-up's own default)."""
    if cloth in sewer.unit_costs:
        return FromMember(sewer.bin)
    makers = [m for m in book.members.values() if m.active and cloth in m.unit_costs]
    cheapest = min(makers, key=lambda m: (book.data.rates.to_kzt(m.unit_costs[cloth], book.day), m.bin))
    return FromMember(cheapest.bin)
