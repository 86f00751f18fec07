"""What a coordinator can set for a planning run, with the defaults Birlik uses and why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from birlik.allocation import EngineSettings
from birlik.domain.errors import InvalidValue
from birlik.domain.vocabulary import Family

# Road freight in Kazakhstan runs at roughly 15–25 KZT per tonne-kilometre for full loads; per unit of
# product that is weight × rate, rounded up for packaging volume. KZT per unit per 1,000 road-km.
DEFAULT_TRANSPORT_KZT_PER_1000_KM: Mapping[Family, Decimal] = {
    Family.YARN: Decimal(25),  # per kg
    Family.GREIGE_FABRIC: Decimal(6),  # per metre, ~0.21 kg
    Family.FINISHED_FABRIC: Decimal(7),  # per metre, ~0.25–0.37 kg
    Family.WORKWEAR: Decimal(40),  # per set, ~1.3 kg boxed
    Family.UNIFORM: Decimal(40),  # per set
    Family.BED_LINEN: Decimal(35),  # per set, ~1.1 kg boxed
    Family.TOWELS: Decimal(15),  # per piece, ~0.5 kg
    Family.FASHION: Decimal(15),  # per piece, hanging
    Family.KNITWEAR: Decimal(10),
}


@dataclass(frozen=True)
class TransportRates:
    """Transport cost per unit and 1,000 km of road, by product family, in KZT."""

    per_1000_km: Mapping[Family, Decimal] = field(
        default_factory=lambda: dict(DEFAULT_TRANSPORT_KZT_PER_1000_KM)
    )

    def per_unit(self, family: Family, road_km: float) -> Decimal:
        return self.per_1000_km.get(family, Decimal(0)) * Decimal(str(round(road_km, 1))) / 1000


@dataclass(frozen=True)
class PlanningOptions:
    """A planning run's settings.

    engine: the optimisation settings (weights, lateness, MILP options, time limit).
    transport: transport prices by family.
    excluded_members: BINs kept out of this run by hand (all orders).
    excluded_per_order: (order number, BIN) pairs kept out of one order only.
    freeze_accepted: keep every assignment members have accepted in the approved plan exactly.
    stages: plan the cloth of sewn goods too (multi-stage): each sewn good whose BOM has a cloth with
        an import standing in for it is sewn with member-made cloth or with that import, whichever the
        costs and the local-content floors favour (see ``birlik.allocation.stages``). ``None`` (the
        default) lets the registry decide: multi-stage when it knows an import for at least one cloth
        (``birlik.services.planning.substitutes``); ``False`` plans single-stage whatever it knows.
    cloth_imports: cloth SKU → code of the imported material that can stand in for it, for this run:
        added to the registry's substitutes (``Material.substitutes_for``), replacing the registry's
        choice for the same cloth.
    cloth_import_limits: cloth SKU → most metres (cloth units) that may be imported over the horizon.
    cloth_lead_months: months from a mill's weaving/finishing to the sewing that uses the cloth.
    import_lead_months: months from an order's release until imported cloth can be at the sewer
        (ordering and shipping, e.g. two months from China).
    floor_cost_points: with stages, each order's floor is priced by re-solving with it raised by this
        much (0.05 = five points); 0 skips the re-solves.
    member_cloth: False plans with imported cloth only (no mill supplies), to show what member cloth
        is worth against the same baseline.
    """

    engine: EngineSettings = field(default_factory=EngineSettings)
    transport: TransportRates = field(default_factory=TransportRates)
    excluded_members: frozenset[str] = frozenset()
    excluded_per_order: frozenset[tuple[str, str]] = frozenset()
    freeze_accepted: bool = True
    stages: bool | None = None
    cloth_imports: Mapping[str, str] = field(default_factory=dict)
    cloth_import_limits: Mapping[str, Decimal] = field(default_factory=dict)
    cloth_lead_months: int = 1
    import_lead_months: int = 2
    floor_cost_points: float = 0.05
    member_cloth: bool = True

    def __post_init__(self) -> None:
        for name in ("cloth_lead_months", "import_lead_months"):
            if getattr(self, name) < 0:
                raise InvalidValue(name, getattr(self, name), "must be zero or more months")
        if self.floor_cost_points < 0:
            raise InvalidValue("floor_cost_points", self.floor_cost_points, "must be zero or more")
