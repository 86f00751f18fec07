"""Which imports a run weighs against member cloth, and so whether it plans the cloth at all.

The registry records, per imported material, the member-made product it can stand in for
(``Material.substitutes_for``). A run takes those as its cloth imports, lets its own
``PlanningOptions.cloth_imports`` (``birlik plan --import-cloth``) replace the choice for a cloth,
and is multi-stage unless told otherwise as soon as any cloth has an import. Every entrypoint (the
CLI, the API's allocation job, the web's plan action) goes through ``run_allocation`` and so through
this one decision.

Where several materials stand in for one cloth, the run takes the cheapest in tenge on the first day
of the horizon (then the first by code): with the sewer's own cost fixed, the cheaper import both
costs less and takes less off the good's local-content share, so it is the one worth weighing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from birlik.domain.errors import InvalidValue
from birlik.domain.products import Catalogue, check_substitute
from birlik.services.planning.options import PlanningOptions
from birlik.services.planning.problem import PlanningInput


def check_cloth_imports(imports: Mapping[str, str], catalogue: Catalogue) -> None:
    """Refuse a run's cloth import that names no product, no material, or one in another unit."""
    for sku, code in sorted(imports.items()):
        catalogue.product(sku)  # raises, naming the SKU
        material = catalogue.materials.get(code)
        if material is None:
            raise InvalidValue("--import-cloth", f"{sku}={code}", "no such material")
        try:
            check_substitute(
                dataclasses.replace(material, substitutes_for=sku), catalogue.products, catalogue.materials
            )
        except InvalidValue as error:
            raise InvalidValue("--import-cloth", f"{sku}={code}", error.why) from None


def registry_imports(data: PlanningInput) -> dict[str, str]:
    """Cloth SKU → the material the registry says can stand in for it (the cheapest of several)."""
    catalogue = data.catalogue
    wanted = sorted({m.substitutes_for for m in catalogue.materials.values() if m.substitutes_for})
    chosen: dict[str, str] = {}
    for sku in wanted:
        candidates = catalogue.substitutes(sku)
        if len(candidates) > 1 and data.orders:
            day = min(o.release for o in data.orders).first_day()
            candidates.sort(key=lambda m: (data.rates.to_kzt(m.price, day), m.code))
        chosen[sku] = candidates[0].code
    return chosen


def decide_stages(options: PlanningOptions, data: PlanningInput) -> PlanningOptions:
    """The run's options with ``stages`` settled and ``cloth_imports`` complete (registry + run)."""
    if options.stages is False:
        return options
    check_cloth_imports(options.cloth_imports, data.catalogue)
    imports = {**registry_imports(data), **options.cloth_imports}
    stages = bool(imports) if options.stages is None else True
    return dataclasses.replace(options, stages=stages, cloth_imports=imports)
