"""material substitutes: the member-made product an imported material can stand in for

A plain nullable column, not a foreign key to products.sku: on SQLite a foreign key can only be added
by rebuilding the materials table, and with foreign keys enforced that rebuild fails on any database
whose BOM lines refer to a material. The catalogue checks the reference whenever it is loaded or saved.
For the same reason both steps alter the table in place (ALTER TABLE ADD/DROP COLUMN, SQLite 3.35 or
later) rather than through Alembic's batch mode, which would rebuild it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 09:12:41.503210
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("materials", sa.Column("substitutes_for", sa.String(length=40), nullable=True))


def downgrade() -> None:
    op.drop_column("materials", "substitutes_for")
