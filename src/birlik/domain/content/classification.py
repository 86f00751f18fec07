"""HS codes of purchased materials: the heading test of origin compares them with the product's.

The catalogue stores a material's origin and price but not yet its HS code, so the consortium's working
classification lives here as plain code data, keyed by material code. It is Birlik's own reading of
the nomenclature (HS 2022 headings; facts.md §3 for chapters 52, 55, 62, 63), not a customs ruling:
an expert may classify a material differently, and a material missing here stops an origin verdict with
a message naming it. Proposal: store `hs_code` and `wholly_obtained` on materials in a migration.

`wholly_obtained` marks materials that are products of the soil or livestock of their origin country
(ginned cotton lint): the "wholly obtained" criterion holds only for goods made of such inputs alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from birlik.domain.errors import InvalidValue
from birlik.domain.hs import HsCode
from birlik.domain.products import Material


@dataclass(frozen=True, slots=True)
class MaterialClass:
    hs_code: HsCode
    wholly_obtained: bool = False


def _c(code: str, wholly_obtained: bool = False) -> MaterialClass:
    return MaterialClass(HsCode.parse(code), wholly_obtained)


MATERIAL_CLASSES: Mapping[str, MaterialClass] = {
    "MAT-CO-FIB-KZ": _c("5201.00", wholly_obtained=True),  # cotton, not carded or combed (facts §3)
    "MAT-PES-FIB-CN": _c("5503.20"),  # synthetic staple fibres of polyesters, not carded
    "MAT-SIZE-CN": _c("3905.30"),  # poly(vinyl alcohol)
    "MAT-CHEM-KZ": _c("2815.12"),  # sodium hydroxide in aqueous solution
    "MAT-AUX-DE": _c("3809.91"),  # finishing agents of a kind used in the textile industry
    "MAT-DYE-REA-DE": _c("3204.16"),  # reactive dyes
    "MAT-DYE-DSP-CN": _c("3204.11"),  # disperse dyes
    "MAT-THR-TR": _c("5401.10"),  # sewing thread of synthetic filaments
    "MAT-BTN-CN": _c("9606.21"),  # buttons of plastics, not covered with textile
    "MAT-BTN-MET-CN": _c("9606.22"),  # buttons of base metal, not covered with textile
    "MAT-ZIP-TR": _c("9607.11"),  # slide fasteners with chain scoops of base metal
    "MAT-REFL-CN": _c("5907.00"),  # textile fabrics otherwise coated (retroreflective tape)
    "MAT-HOOK-CN": _c("5806.32"),  # narrow woven fabrics of man-made fibres
    "MAT-ELAS-CN": _c("5806.20"),  # narrow woven fabrics with ≥ 5 % elastomeric yarn
    "MAT-INTL-CN": _c("5903.90"),  # textile fabrics coated with plastics (fusible interlining)
    "MAT-LINING-CN": _c("5407.52"),  # woven fabrics of textured polyester filament, dyed
    "MAT-LBL-KZ": _c("5807.10"),  # woven labels
    "MAT-PKG-KZ": _c("3923.21"),  # sacks and bags of polymers of ethylene
    "MAT-TWL-PC-CN": _c("5514.22"),  # poly/cotton > 170 g/m², 3- or 4-thread twill, dyed (facts §3)
    "MAT-UNC-PC-TR": _c("5514.22"),
    "MAT-CAL-BL-UZ": _c("5208.22"),  # cotton ≥ 85 %, ≤ 200 g/m², plain weave > 100 g/m², bleached
}


def classify(material: Material, classes: Mapping[str, MaterialClass] = MATERIAL_CLASSES) -> MaterialClass:
    found = classes.get(material.code)
    if found is None:
        raise InvalidValue(
            f"HS code of material {material.code}",
            None,
            "no HS code is recorded for it, so the heading test of origin cannot be made",
        )
    return found
