"""HS codes of purchased materials: the heading test of origin compares them with the product's.

The classification is the material's own record (``Material.hs_code``, ``Material.wholly_obtained``),
which the coordinator keeps in the registry like its origin and price; the demo records Birlik's own
reading of the nomenclature (HS 2022 headings; facts.md §3 for chapters 52, 55, 62, 63), not a customs
ruling. A domestic material needs no code (only foreign inputs face the heading test); a foreign one
without it stops the origin verdict, and with it the share, of every good it goes into, so the error
says where the code is recorded.
"""

from __future__ import annotations

from birlik.domain.errors import InvalidValue
from birlik.domain.hs import HsCode
from birlik.domain.products import Material

WHERE_TO_RECORD = 'record it on the material: registry workbook, sheet "Materials", column "HS code"'


class MissingHsCode(InvalidValue):
    """A foreign material without an HS code: the origin heading test cannot be made for its goods."""

    def __init__(self, material_code: str) -> None:
        self.material_code = material_code
        super().__init__(
            f"HS code of material {material_code}",
            None,
            f"no HS code is recorded for it, so the heading test of origin cannot be made; {WHERE_TO_RECORD}",
        )


def foreign_hs_code(material: Material) -> HsCode:
    """The HS code of a material that counts as foreign, which the heading test needs."""
    if material.hs_code is None:
        raise MissingHsCode(material.code)
    return material.hs_code
