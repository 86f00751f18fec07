"""Templates: bilingual headers, drop-down lists, an instructions sheet and one example row per sheet."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from birlik.adapters.excel.template import template_workbook
from birlik.domain.errors import InvalidValue


def _reopen(kind: str, language: str = "ru"):  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    template_workbook(kind, language).save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))


def test_the_members_template_has_instructions_tables_and_lists() -> None:
    book = _reopen("members")
    assert book.sheetnames == [
        "Инструкция · Instructions",
        "Участники · Members",
        "Себестоимость · Unit costs",
        "Сертификаты · Certificates",
        "Списки · Lists",
    ]
    members = book["Участники · Members"]
    headers = [c.value for c in members[1]]
    assert "БИН / BIN *" in headers and "Переделы / Processes *" in headers
    assert members.max_row == 2, "one example row under the headers"
    assert "Инструкция" in book.sheetnames[0]
    assert "birlik import" in " ".join(str(c.value) for c in book.worksheets[0]["A"] if c.value)


def test_closed_lists_are_drop_downs_that_point_at_the_lists_sheet() -> None:
    sheet = _reopen("products")["Изделия · Products"]
    formulas = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in sheet.data_validations.dataValidation}
    headers = {c.value: c.column_letter for c in sheet[1]}
    for header in ("Ед. изм. / Unit *", "Группа изделий / Product family *", "Передел / Process *"):
        assert "Списки · Lists" in formulas[f"{headers[header]}2"]


def test_instructions_follow_the_chosen_language() -> None:
    english = _reopen("orders", "en").worksheets[0]["A1"].value
    kazakh = _reopen("orders", "kk").worksheets[0]["A1"].value
    assert english == "Birlik — template «orders»" and kazakh == "Birlik — «orders» үлгісі"


def test_an_unknown_template_is_refused() -> None:
    with pytest.raises(InvalidValue, match="members, capacities, products, orders"):
        template_workbook("suppliers")
