"""Importing spreadsheets into the registry, on SQLite and PostgreSQL: all or nothing, every error at once."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine
from typer.testing import CliRunner

from birlik.adapters.excel.snapshot import RegistrySnapshot
from birlik.bootstrap import App
from birlik.demo import load_demo
from birlik.domain.calendar import Month
from birlik.domain.vocabulary import Family
from birlik.entrypoints.cli import app as cli
from birlik.services.exports import export_registry, registry_snapshot
from birlik.services.imports import ImportFailed, import_file, import_files
from tests.conftest import _empty_all_tables

AZAL_MATA = "120340010438"  # a demo member in Shymkent
NEW_BIN = "990140000126"


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.worksheets[0])
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def same(a: RegistrySnapshot, b: RegistrySnapshot) -> bool:
    return (
        list(a.members) == list(b.members)
        and a.catalogue.products == b.catalogue.products
        and a.catalogue.materials == b.catalogue.materials
        and list(a.buyers) == list(b.buyers)
        and list(a.orders) == list(b.orders)
        and sorted(a.rates, key=str) == sorted(b.rates, key=str)
    )


@pytest.fixture
def demo(app: App) -> App:
    load_demo(app.uow)
    return app


class TestRoundTrip:
    @pytest.mark.parametrize("target", ["registry", "registry.xlsx"])
    def test_the_demo_exported_to_templates_imports_into_an_empty_database_unchanged(
        self, demo: App, engine: Engine, tmp_path: Path, target: str
    ) -> None:
        before = registry_snapshot(demo.uow())
        files = export_registry(demo.uow(), tmp_path / target)
        _empty_all_tables(engine)
        assert registry_snapshot(demo.uow()).members == []
        result = import_files(demo.uow(), files)
        assert result.counts["members"].created == 44 and result.counts["orders"].created == 6
        assert same(registry_snapshot(demo.uow()), before)

    def test_importing_the_same_files_again_changes_nothing(self, demo: App, tmp_path: Path) -> None:
        files = export_registry(demo.uow(), tmp_path / "registry")
        again = import_files(demo.uow(), files)
        assert again.changed == 0
        assert again.counts["members"].unchanged == 44 and again.counts["products"].unchanged == 16


class TestSpreadsheetHabits:
    def test_shuffled_russian_headers_merged_title_and_decimal_commas_are_read(self, demo: App) -> None:
        book = Workbook()
        members = book.active
        assert members is not None
        members.title = "Участники"
        members["A1"] = "Новые участники консорциума"
        members.merge_cells("A1:D1")
        members.append(["Переделы", "Город", "Наименование", "БИН"])
        members.append(["пошив", "Shymkent", "Жана Тигин", NEW_BIN])
        members.append([None, None, None, None])
        capacities = book.create_sheet("Мощности")
        capacities.append(["Ед. изм.", "БИН", "Мощность в месяц", "Группа изделий", "Норма загрузки"])
        capacities.append(["компл", NEW_BIN, "2 500,5", "спецодежда", "0,75"])
        costs = book.create_sheet("Себестоимость")
        costs.append(["Себестоимость единицы", "Артикул", "БИН"])
        costs.append(["10 250,00", "WW-SUIT", NEW_BIN])
        buffer = io.BytesIO()
        book.save(buffer)
        import_file(demo.uow(), buffer.getvalue(), "новые.xlsx")
        with demo.uow() as uow:
            member = uow.members.get(NEW_BIN)
        assert member is not None and member.name == "Жана Тигин" and member.city.name == "Shymkent"
        [capacity] = member.capacities
        assert (capacity.family, capacity.monthly, capacity.use_rate) == (
            Family.WORKWEAR,
            Decimal("2500.5"),
            Decimal("0.75"),
        )
        assert member.unit_costs["WW-SUIT"].amount == Decimal(10250)

    def test_child_rows_replace_what_is_stored_for_their_member_only(self, demo: App) -> None:
        content = workbook({"Мощности": [["БИН", "Группа изделий", "Мощность в месяц", "Ед. изм."],
                                         [AZAL_MATA, "пряжа", "400 000", "кг"]]})  # fmt: skip
        with demo.uow() as uow:
            untouched = [m for m in uow.members.list() if m.bin != AZAL_MATA]
        result = import_file(demo.uow(), content, "cap.xlsx")
        assert result.counts["members"].updated == 1
        with demo.uow() as uow:
            azal = uow.members.get(AZAL_MATA)
            assert [m for m in uow.members.list() if m.bin != AZAL_MATA] == untouched
        assert azal is not None and [(c.family, int(c.monthly)) for c in azal.capacities] == [
            (Family.YARN, 400_000)
        ]
        assert azal.unit_costs, "no unit-cost sheet: the costs stay"


class TestAllOrNothing:
    def _broken(self) -> bytes:
        return workbook(
            {
                "Участники": [
                    ["БИН", "Наименование", "Город", "Переделы"],
                    ["990140000127", "Ошибка БИН", "Shymkent", "пошив"],
                    [NEW_BIN, "Хороший", "Shymkent", "пошив"],
                ],
                "Сертификаты": [
                    ["БИН", "Сертификат", "Номер сертификата", "Действует с", "Действует по"],
                    [NEW_BIN, "ISO 9001", "ISO-1", "скоро", "31.12.2027"],
                ],
                "Позиции заказов": [
                    ["Номер заказа", "Позиция", "Артикул", "Количество", "Месяц поставки", "Цена за единицу"],
                    ["BY-2027-001", 1, "NO-SUCH", "1 000", "2027-03", "3,5"],
                    ["BY-2027-001", 2, "CAL-GR", "-10", "2027-03", "3,5"],
                    ["BY-2027-001", 1, "CAL-GR", "5", "2027-03", "3,5"],
                ],
                "Мощности": [["БИН", "Группа изделий", "Ед. изм."], [NEW_BIN, "пряжа", "кг"]],
            }
        )

    def test_every_kind_of_error_is_reported_at_once_with_sheet_row_and_column(self, demo: App) -> None:
        with pytest.raises(ImportFailed) as caught:
            import_file(demo.uow(), self._broken(), "broken.xlsx")
        found = {(i["sheet"], i["row"], i["column"], i["problem"]) for i in caught.value.as_dicts("en")}
        assert ("Мощности", 1, "", "required column is missing") in found
        assert any(s == "Участники" and r == 2 and c == "A" and "check digit" in p for s, r, c, p in found)
        assert ("Сертификаты", 2, "D", "not a date") in found
        assert ("Позиции заказов", 2, "C", "no product with this SKU in the file or the catalogue") in found
        assert ("Позиции заказов", 3, "D", "must be greater than zero") in found
        assert ("Позиции заказов", 4, "A", "the same key is already in row 2") in found
        russian = caught.value.as_dicts("ru")
        assert any(i["problem"] == "не дата" and i["expected"].startswith("дата") for i in russian)
        assert all(i["file"] == "broken.xlsx" for i in russian)

    def test_a_failing_import_leaves_the_database_unchanged(self, demo: App) -> None:
        before = registry_snapshot(demo.uow())
        good_and_bad = workbook(
            {
                "Участники": [
                    ["БИН", "Наименование", "Город", "Переделы"],
                    [NEW_BIN, "Хороший", "Shymkent", "пошив"],
                ],
                "Заказы": [
                    ["Номер заказа", "Код заказчика", "Пункт назначения", "Валюта", "Месяц запуска"],
                    ["NEW-1", "NO-BUYER", "Astana", "KZT", "2027-01"],
                ],
            }
        )
        with pytest.raises(ImportFailed) as caught:
            import_file(demo.uow(), good_and_bad, "mixed.xlsx")
        assert [i["problem"] for i in caught.value.as_dicts()] == [
            "no buyer with this code in the file or the registry"
        ]
        assert same(registry_snapshot(demo.uow()), before)

    def test_an_order_the_consortium_cannot_make_is_refused_by_the_registry_rules(self, demo: App) -> None:
        lines = workbook(
            {
                "Позиции заказов": [
                    [
                        "Номер заказа",
                        "Артикул",
                        "Количество",
                        "Ед. изм.",
                        "Месяц поставки",
                        "Цена за единицу",
                    ],
                    ["BY-2027-001", "CAL-GR", "10", "шт", "2027-03", "3,5"],
                ]
            }
        )
        with pytest.raises(ImportFailed) as caught:
            import_file(demo.uow(), lines, "lines.xlsx")
        [issue] = caught.value.as_dicts()
        assert issue["column"] == "D" and issue["problem"] == "the product is counted in m"


def test_the_command_line_lists_every_error_and_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    runner = CliRunner()
    url = engine.url.render_as_string(hide_password=False)
    target = tmp_path / "bad.xlsx"
    target.write_bytes(TestAllOrNothing()._broken())
    errors = tmp_path / "errors.csv"
    result = runner.invoke(
        cli, ["import", str(target), "--lang", "en", "--errors", str(errors), "--database-url", url]
    )
    assert result.exit_code == 1
    assert "Nothing was imported" in result.output and "Traceback" not in result.output
    assert "not a date" in errors.read_text(encoding="utf-8-sig")
    template = tmp_path / "members.xlsx"
    assert runner.invoke(cli, ["template", "members", "--out", str(template)]).exit_code == 0
    loaded = runner.invoke(cli, ["import", str(template), "--lang", "en", "--database-url", url])
    assert loaded.exit_code == 0, loaded.output
    assert "untouched example row" in loaded.output


def test_months_and_dates_typed_as_text_or_dates_give_the_same_order(demo: App) -> None:
    rows = [["Номер заказа", "Артикул", "Количество", "Месяц поставки", "Цена за единицу"]]
    rows.append(["BY-2027-001", "CAL-GR", 400_000, "март 2027", 3.5])
    import_file(demo.uow(), workbook({"Позиции заказов": rows}), "one-line.xlsx")
    with demo.uow() as uow:
        order = uow.orders.get("BY-2027-001")
    assert order is not None and [(ln.number, ln.due) for ln in order.lines] == [(1, Month(2027, 3))]


class TestSubstitutes:
    """The Materials sheet's "substitutes for" column: which import can replace which member cloth."""

    HEADER = ("Код материала", "Наименование (англ.)", "Ед. изм.", "Страна происхождения", "Цена",
              "Заменяет изделие (артикул)")  # fmt: skip

    def test_a_material_records_the_cloth_it_can_replace(self, demo: App) -> None:
        rows = [list(self.HEADER), ["MAT-TWL-TR", "Turkish twill", "м", "TR", "1 050", "TWL-DY"]]
        result = import_file(demo.uow(), workbook({"Материалы": rows}), "twill.xlsx")
        assert result.counts["materials"].created == 1
        with demo.uow() as uow:
            catalogue = uow.catalogue.load()
        assert catalogue.materials["MAT-TWL-TR"].substitutes_for == "TWL-DY"
        assert [m.code for m in catalogue.substitutes("TWL-DY")] == ["MAT-TWL-PC-CN", "MAT-TWL-TR"]

    def test_a_bad_reference_is_reported_at_its_cell_and_nothing_is_written(self, demo: App) -> None:
        before = registry_snapshot(demo.uow())
        rows = [
            list(self.HEADER),
            ["MAT-OK", "A good import", "м", "TR", "1 050", "TWL-DY"],
            ["MAT-BAD", "Nothing to replace", "м", "TR", "1 050", "NO-SUCH"],
            ["MAT-KG", "Counted in kilograms", "кг", "TR", "1 050", "TWL-DY"],
            ["MAT-MAT", "Replaces a material", "кг", "TR", "1 050", "MAT-CO-FIB-KZ"],
        ]
        with pytest.raises(ImportFailed) as caught:
            import_file(demo.uow(), workbook({"Материалы": rows}), "mats.xlsx")
        found = {(i["file"], i["sheet"], i["row"], i["column"], i["value"], i["problem"])
                 for i in caught.value.as_dicts("en")}  # fmt: skip
        assert found == {
            ("mats.xlsx", "Материалы", 3, "F", "NO-SUCH",
             "no product with this SKU in the file or the catalogue"),
            ("mats.xlsx", "Материалы", 4, "F", "TWL-DY",
             "substitutes_for of material MAT-KG: TWL-DY is counted in m, MAT-KG in kg: a substitute must be "
             "counted in the same unit"),
            ("mats.xlsx", "Материалы", 5, "F", "MAT-CO-FIB-KZ",
             "substitutes_for of material MAT-MAT: is a purchased material: only a product members make "
             "can be replaced by an import"),
        }  # fmt: skip
        assert same(registry_snapshot(demo.uow()), before)
        with demo.uow() as uow:
            assert "MAT-OK" not in uow.catalogue.load().materials


class TestClassification:
    """The Materials sheet's HS code and "wholly obtained": the origin test reads them from the registry."""

    HEADER = ("Код материала", "Наименование (англ.)", "Ед. изм.", "Страна происхождения", "Цена",
              "Заменяет изделие (артикул)", "Код ТН ВЭД", "Полностью получен")  # fmt: skip

    def test_an_imported_greige_records_its_hs_code_on_the_material(self, demo: App) -> None:
        rows = [
            list(self.HEADER),
            ["MAT-UNC-GR-TR", "Greige uniform twill", "м", "TR", "830", "UNC-GR", "5514.12", "нет"],
            ["MAT-LINT-UZ", "Uzbek lint", "кг", "UZ", "350", None, 5201, "да"],
        ]
        result = import_file(demo.uow(), workbook({"Материалы": rows}), "greige.xlsx")
        assert result.counts["materials"].created == 2
        with demo.uow() as uow:
            materials = uow.catalogue.load().materials
        greige, lint = materials["MAT-UNC-GR-TR"], materials["MAT-LINT-UZ"]
        assert (str(greige.hs_code), greige.wholly_obtained) == ("5514.12", False)
        assert (str(lint.hs_code), lint.wholly_obtained) == ("5201", True)

    def test_a_bad_hs_code_is_reported_at_its_cell_and_nothing_is_written(self, demo: App) -> None:
        before = registry_snapshot(demo.uow())
        rows = [
            list(self.HEADER),
            ["MAT-OK", "A good import", "м", "TR", "830", "UNC-GR", "5514.12", None],
            ["MAT-NO-HEADING", "No such heading", "м", "TR", "830", None, "5299.10", None],
            ["MAT-SHORT", "Too few digits", "м", "TR", "830", None, "55", None],
            ["MAT-MAYBE", "Not yes or no", "кг", "KZ", "300", None, "5201.00", "может быть"],
        ]
        with pytest.raises(ImportFailed) as caught:
            import_file(demo.uow(), workbook({"Материалы": rows}), "hs.xlsx")
        found = {(i["file"], i["sheet"], i["row"], i["column"], i["value"], i["problem"])
                 for i in caught.value.as_dicts("en")}  # fmt: skip
        assert found == {
            ("hs.xlsx", "Материалы", 3, "G", "5299.10",
             "heading 5299 does not exist: chapter 52 has headings 5201..5212"),
            ("hs.xlsx", "Материалы", 4, "G", "55", "an HS code has 4, 6, 8 or 10 digits, e.g. 5208.12"),
            ("hs.xlsx", "Материалы", 5, "H", "может быть", "not yes or no"),
        }  # fmt: skip
        assert same(registry_snapshot(demo.uow()), before)
        with demo.uow() as uow:
            assert "MAT-OK" not in uow.catalogue.load().materials

    def test_a_sheet_without_the_columns_keeps_the_stored_classification(self, demo: App) -> None:
        rows = [list(self.HEADER[:5]), ["MAT-CO-FIB-KZ", "Cotton fibre", "кг", "KZ", "355"]]
        result = import_file(demo.uow(), workbook({"Материалы": rows}), "prices.xlsx")
        assert result.counts["materials"].updated == 1
        with demo.uow() as uow:
            lint = uow.catalogue.load().materials["MAT-CO-FIB-KZ"]
        assert lint.price.amount == Decimal(355)
        assert (str(lint.hs_code), lint.wholly_obtained) == ("5201.00", True)

    def test_a_sheet_without_the_substitutes_column_keeps_the_stored_substitute(self, demo: App) -> None:
        with demo.uow() as uow:
            before = uow.catalogue.load().materials["MAT-TWL-PC-CN"]
        assert before.substitutes_for == "TWL-DY"
        rows = [list(self.HEADER[:5]), ["MAT-TWL-PC-CN", "Imported twill", "м", "CN", "1010"]]
        result = import_file(demo.uow(), workbook({"Материалы": rows}), "prices.xlsx")
        assert result.counts["materials"].updated == 1
        with demo.uow() as uow:
            twill = uow.catalogue.load().materials["MAT-TWL-PC-CN"]
        assert (twill.price.amount, twill.substitutes_for) == (Decimal(1010), "TWL-DY")
        # an empty cell under the column is a statement: the material no longer substitutes
        rows = [list(self.HEADER[:6]), ["MAT-TWL-PC-CN", "Imported twill", "м", "CN", "1010", None]]
        import_file(demo.uow(), workbook({"Материалы": rows}), "prices.xlsx")
        with demo.uow() as uow:
            assert uow.catalogue.load().materials["MAT-TWL-PC-CN"].substitutes_for is None
