"""Reading workbooks as members make them: shuffled Russian headers, merged cells, decimal commas, CSV."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook

from birlik.adapters.excel.issues import IssueLog
from birlik.adapters.excel.reader import read_files
from birlik.adapters.excel.sheets import SheetKind
from birlik.adapters.excel.template import template_workbook
from birlik.domain.calendar import Month
from birlik.domain.vocabulary import Family, Unit

GOOD_BIN = "990140000126"


def _bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_capacity_sheet_with_a_title_merged_headers_and_decimal_commas_reads_fully() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Лист1"  # not a name Birlik knows: the headers tell what the sheet is
    sheet["A1"] = "Мощности участников на 2027 год"
    sheet.merge_cells("A1:E1")
    # headers in Russian, shuffled, the BIN header merged down over two rows
    sheet["A2"], sheet["B2"], sheet["C2"], sheet["D2"] = (
        "Ед. изм.",
        "Мощность в месяц",
        "БИН",
        "Группа изделий",
    )
    sheet.merge_cells("C2:C3")
    sheet["B3"] = None
    rows = [
        ("м", "1 500 000", GOOD_BIN, "суровая ткань"),
        ("кг", "12 500,5", int(GOOD_BIN), "пряжа"),
        (None, None, None, None),
        (None, None, None, None),
    ]
    for r, values in enumerate(rows, start=4):
        for c, value in enumerate(values, start=1):
            sheet.cell(row=r, column=c, value=value)
    log = IssueLog()
    parsed = read_files([("мощности.xlsx", _bytes(book))], log)
    assert [i.line() for i in log.issues] == []
    assert [s.kind for s in parsed.sheets] == [SheetKind.CAPACITIES]
    got = [(c.bin, c.capacity.family, c.capacity.monthly, c.capacity.unit) for c in parsed.capacities]
    assert got == [
        (GOOD_BIN, Family.GREIGE_FABRIC, Decimal(1_500_000), Unit.METRE),
        (GOOD_BIN, Family.YARN, Decimal("12500.5"), Unit.KILOGRAM),
    ]


def test_a_group_header_merged_across_columns_names_the_columns_below() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Заказы"
    sheet["A1"], sheet["B1"], sheet["C1"] = "Номер заказа", "Код заказчика", "Пункт назначения"
    sheet.merge_cells("C1:D1")
    sheet["C2"], sheet["D2"] = "Пункт назначения", "Страна"
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:B2")
    sheet["E1"], sheet["F1"] = "Валюта", "Месяц запуска"
    sheet.merge_cells("E1:E2")
    sheet.merge_cells("F1:F2")
    sheet.append(["EX-1", "EX-BUYER", "Minsk", "BY", "byn", datetime(2027, 2, 1)])
    log = IssueLog()
    parsed = read_files([("orders.xlsx", _bytes(book))], log)
    assert [i.line() for i in log.issues] == []
    [order] = parsed.orders
    assert (order.number, order.place.name, order.place.country, order.release) == (
        "EX-1",
        "Minsk",
        "BY",
        Month(2027, 2),
    )


def test_a_semicolon_csv_from_russian_excel_reads_like_a_workbook() -> None:
    text = (
        "Артикул;Количество;Месяц поставки;Цена за единицу;Номер заказа\nEX-CALICO;1 000,5;03.2027;3,5;EX-1\n"
    )
    log = IssueLog()
    parsed = read_files([("Позиции заказов.csv", text.encode("cp1251"))], log)
    assert [i.line() for i in log.issues] == []
    [line] = parsed.order_lines
    assert (line.sku, line.quantity, line.due, line.unit_price) == (
        "EX-CALICO",
        Decimal("1000.5"),
        Month(2027, 3),
        Decimal("3.5"),
    )


def test_an_untouched_template_imports_nothing_and_complains_of_nothing() -> None:
    for kind in ("members", "capacities", "products", "orders"):
        log = IssueLog()
        parsed = read_files([(f"{kind}.xlsx", _bytes(template_workbook(kind)))], log)
        assert log.issues == []
        assert parsed.examples_skipped == len(parsed.sheets) > 0
        assert not parsed.members and not parsed.orders and not parsed.products


def test_a_missing_column_is_named_with_its_sheet_and_header_row() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Мощности"
    sheet.append(["БИН", "Группа изделий", "Ед. изм."])
    sheet.append([GOOD_BIN, "пряжа", "кг"])
    log = IssueLog()
    read_files([("cap.xlsx", _bytes(book))], log)
    [issue] = log.issues
    assert (issue.where.sheet, issue.where.row, issue.problem.key) == ("Мощности", 1, "missing_column")
    assert "Мощность в месяц / Capacity per month" in issue.expected.text("en")


def test_a_file_that_is_not_a_workbook_is_one_clear_issue() -> None:
    log = IssueLog()
    read_files([("members.xlsx", b"not a zip"), ("members.xls", b"old")], log)
    assert [i.problem.key for i in log.issues] == ["unreadable", "unsupported"]


def test_kazakh_headers_and_labels_read_as_well() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Бұйымдар"
    sheet.append(
        ["Өндіріс сатысы", "Артикул", "Атауы (ағылш.)", "СЭҚ ТН коды", "Өлшем бірлігі", "Бұйымдар тобы"]
    )
    sheet.append(["тігу", "EX-SUIT", "Example suit", 6203.4, "жиынтық", "арнаулы киім"])
    log = IssueLog()
    parsed = read_files([("өнім.xlsx", _bytes(book))], log)
    assert log.issues == []
    [product] = parsed.products
    assert (product.sku, str(product.hs_code), product.unit, product.family) == (
        "EX-SUIT",
        "6203.40",
        Unit.SET,
        Family.WORKWEAR,
    )
