"""Migrations go from empty to head and back on both databases, and head matches the ORM tables."""

from __future__ import annotations

from dataclasses import replace
from unittest.mock import patch

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from birlik.adapters.db.migrate import (
    HEAD,
    alembic_config,
    current_tables,
    downgrade,
    stored_revision,
    upgrade,
)
from birlik.adapters.db.tables import Base
from birlik.bootstrap import App
from birlik.demo import load_demo
from birlik.demo.build import demo_catalogue
from birlik.domain.hs import HsCode


def test_from_head_to_empty_and_back(engine: Engine) -> None:
    downgrade(engine, "base")
    assert current_tables(engine) <= {"alembic_version"}
    upgrade(engine)
    assert {t.name for t in Base.metadata.sorted_tables} <= current_tables(engine)


def test_the_head_constant_is_the_scripts_head(engine: Engine) -> None:
    """Commands skip Alembic when the database is at HEAD: a new migration must move HEAD too."""
    assert ScriptDirectory.from_config(alembic_config(engine)).get_current_head() == HEAD


def test_upgrade_runs_the_scripts_only_below_head(engine: Engine) -> None:
    assert stored_revision(engine) == HEAD
    with patch("alembic.command.upgrade", side_effect=AssertionError("Alembic ran at head")):
        upgrade(engine)  # at head: the stored revision is enough
    downgrade(engine, "0004")
    assert stored_revision(engine) == "0004"
    upgrade(engine)
    assert stored_revision(engine) == HEAD
    downgrade(engine, "base")
    assert stored_revision(engine) is None
    upgrade(engine, HEAD)
    assert stored_revision(engine) == HEAD and "materials" in current_tables(engine)


def test_head_matches_the_orm_tables(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        assert compare_metadata(context, Base.metadata) == []


def test_the_substitutes_column_comes_and_goes_on_a_filled_database(app: App, engine: Engine) -> None:
    """0004 alters materials in place: a rebuild would trip over the BOM lines that refer to them."""
    load_demo(app.uow)
    try:
        downgrade(engine, "0003")
        assert "substitutes_for" not in {c["name"] for c in inspect(engine).get_columns("materials")}
    finally:
        upgrade(engine)
    with app.uow() as uow:
        catalogue = uow.catalogue.load()
    assert len(catalogue.materials) == 21 and catalogue.substitutes("TWL-DY") == []
    load_demo(app.uow)  # the loader records them again
    with app.uow() as uow:
        assert [m.code for m in uow.catalogue.load().substitutes("TWL-DY")] == ["MAT-TWL-PC-CN"]


def test_material_hs_codes_come_and_go_and_a_migrated_database_keeps_the_former_codes(
    app: App, engine: Engine
) -> None:
    """0005 alters materials in place and back-fills the codes the code table held for them."""
    load_demo(app.uow)
    extra = replace(demo_catalogue().materials["MAT-UNC-PC-TR"], code="MAT-UNC-GR-TR", substitutes_for=None)
    with app.uow() as uow:
        uow.catalogue.save_material(replace(extra, hs_code=HsCode.parse("5514.12")))
        uow.commit()
    try:
        downgrade(engine, "0004")
        columns = {c["name"] for c in inspect(engine).get_columns("materials")}
        assert {"hs_code", "wholly_obtained"}.isdisjoint(columns)
    finally:
        upgrade(engine)
    with app.uow() as uow:
        materials = uow.catalogue.load().materials
    demo = demo_catalogue().materials
    assert {code: materials[code] for code in demo} == demo, "every demo material has its code again"
    assert materials["MAT-CO-FIB-KZ"].wholly_obtained
    assert materials["MAT-UNC-GR-TR"] == replace(extra, hs_code=None), "no code is made up for the rest"
