"""material HS codes: each purchased material's classification for the origin heading test

Until now the HS codes of materials lived in code, keyed by material code, so a material added through
an import had none and the origin verdict (and share) of every good using it failed. ``hs_code`` is
optional (a domestic material needs none; digits only, as products store theirs); ``wholly_obtained``
is false unless the coordinator says otherwise, with a server default so that existing rows get it.
Both steps alter the table in place (ALTER TABLE ADD/DROP COLUMN) rather than through Alembic's batch
mode, for the reason 0004 gives: a rebuild of materials fails on SQLite once BOM lines refer to them.
The upgrade back-fills the codes the code table held (a frozen copy of it as it stood), so a database
migrated from 0004 gives the same origin verdicts as before; any other material gets its code from the
registry workbook, and until then a clear error naming it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 10:37:26.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# material code → (HS code digits, wholly obtained), as birlik.domain.content.classification had them
_FORMER_TABLE: dict[str, tuple[str, bool]] = {
    "MAT-CO-FIB-KZ": ("520100", True),
    "MAT-PES-FIB-CN": ("550320", False),
    "MAT-SIZE-CN": ("390530", False),
    "MAT-CHEM-KZ": ("281512", False),
    "MAT-AUX-DE": ("380991", False),
    "MAT-DYE-REA-DE": ("320416", False),
    "MAT-DYE-DSP-CN": ("320411", False),
    "MAT-THR-TR": ("540110", False),
    "MAT-BTN-CN": ("960621", False),
    "MAT-BTN-MET-CN": ("960622", False),
    "MAT-ZIP-TR": ("960711", False),
    "MAT-REFL-CN": ("590700", False),
    "MAT-HOOK-CN": ("580632", False),
    "MAT-ELAS-CN": ("580620", False),
    "MAT-INTL-CN": ("590390", False),
    "MAT-LINING-CN": ("540752", False),
    "MAT-LBL-KZ": ("580710", False),
    "MAT-PKG-KZ": ("392321", False),
    "MAT-TWL-PC-CN": ("551422", False),
    "MAT-UNC-PC-TR": ("551422", False),
    "MAT-CAL-BL-UZ": ("520822", False),
}


def upgrade() -> None:
    op.add_column("materials", sa.Column("hs_code", sa.String(length=10), nullable=True))
    op.add_column(
        "materials",
        sa.Column("wholly_obtained", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    materials = sa.table(
        "materials",
        sa.column("code", sa.String),
        sa.column("hs_code", sa.String),
        sa.column("wholly_obtained", sa.Boolean),
    )
    statement = (
        sa.update(materials)
        .where(materials.c.code == sa.bindparam("material"))
        .values(hs_code=sa.bindparam("digits"), wholly_obtained=sa.bindparam("wholly"))
    )
    op.get_bind().execute(
        statement,
        [{"material": c, "digits": d, "wholly": w} for c, (d, w) in _FORMER_TABLE.items()],
    )


def downgrade() -> None:
    op.drop_column("materials", "wholly_obtained")
    op.drop_column("materials", "hs_code")
