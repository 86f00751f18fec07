"""Blank templates: one sheet per kind of record with an example row, drop-down lists and instructions."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from birlik.adapters.excel.issues import Expectation
from birlik.adapters.excel.render import render
from birlik.adapters.excel.rows import expectation_for
from birlik.adapters.excel.sheets import SHEET_TITLES, SPECS, TEMPLATES, SheetKind
from birlik.adapters.excel.workbook import BOLD, ListsSheet, lists_title, table_sheet
from birlik.domain.errors import InvalidValue
from birlik.i18n import Texts

INSTRUCTIONS = Texts(
    "excel.instructions",
    {
        "title": {
            "en": "Birlik — template «{kind}»",
            "ru": "Birlik — шаблон «{kind}»",
            "kk": "Birlik — «{kind}» үлгісі",
        },
        "rows": {
            "en": "One row per record on each sheet. Required columns are marked with * and shaded.",
            "ru": "Одна строка — одна запись на каждом листе. Обязательные столбцы отмечены * и цветом.",
            "kk": "Әр парақта бір жол — бір жазба. Міндетті бағандар * белгісімен және түспен белгіленген.",
        },
        "example": {
            "en": "Row 2 of each sheet is an example: overwrite or delete it. Left as it is, it is not "
            "imported.",
            "ru": "Строка 2 на каждом листе — пример: замените или удалите её. Без изменений она не "
            "загружается.",
            "kk": "Әр парақтың 2-жолы — мысал: оны ауыстырыңыз не жойыңыз. Өзгертілмесе, жүктелмейді.",
        },
        "headers": {
            "en": "Columns may come in any order; headers may be in Russian, Kazakh or English.",
            "ru": "Столбцы можно менять местами; заголовки — на русском, казахском или английском.",
            "kk": "Бағандардың ретін өзгертуге болады; тақырыптар орыс, қазақ не ағылшын тілінде.",
        },
        "numbers": {
            "en": "Numbers: 1 250,5 or 1250.5. Shares: 60 %, 60 or 0,6. Dates: 31.03.2027. Months: 2027-03.",
            "ru": "Числа: 1 250,5 или 1250.5. Доли: 60 %, 60 или 0,6. Даты: 31.03.2027. Месяцы: 2027-03.",
            "kk": "Сандар: 1 250,5 не 1250.5. Үлестер: 60 %, 60 не 0,6. Күндер: 31.03.2027. Айлар: 2027-03.",
        },
        "lists": {
            "en": "Allowed values are on the sheet «{lists}»; separate several processes or certificates "
            "by commas.",
            "ru": "Допустимые значения — на листе «{lists}»; несколько переделов или сертификатов — через "
            "запятую.",
            "kk": "Рұқсат етілген мәндер «{lists}» парағында; бірнеше сатыны не сертификатты үтірмен "
            "бөліңіз.",
        },
        "all_or_nothing": {
            "en": "Load with: birlik import FILE.xlsx. Nothing is written unless every row is valid; every "
            "error is listed with its sheet, row and column. Loading the same file again changes nothing.",
            "ru": "Загрузка: birlik import ФАЙЛ.xlsx. Ничего не записывается, пока все строки не верны; "
            "каждая ошибка указана с листом, строкой и столбцом. Повторная загрузка того же файла "
            "ничего не меняет.",
            "kk": "Жүктеу: birlik import ФАЙЛ.xlsx. Барлық жол дұрыс болмайынша ештеңе жазылмайды; әр қате "
            "парағымен, жолымен және бағанымен көрсетіледі. Сол файлды қайта жүктеу ештеңені "
            "өзгертпейді.",
        },
        "replace": {
            "en": "A sheet left out changes nothing. On a sheet that is present, the rows of a member, "
            "product or order replace what is stored for it (e.g. all its capacities).",
            "ru": "Отсутствующий лист ничего не меняет. На присутствующем листе строки участника, изделия "
            "или заказа заменяют то, что о нём хранится (например, все его мощности).",
            "kk": "Жоқ парақ ештеңені өзгертпейді. Бар парақта мүшенің, бұйымның не тапсырыстың жолдары "
            "ол туралы сақталғанды алмастырады (мысалы, оның барлық қуаттары).",
        },
        "places": {
            "en": "A city already in the registry needs only its name; a new one needs region, country, "
            "latitude and longitude.",
            "ru": "Для города, уже известного реестру, достаточно названия; для нового нужны регион, страна, "
            "широта и долгота.",
            "kk": "Тізілімде бар қалаға атауы жеткілікті; жаңасына өңір, ел, ендік және бойлық керек.",
        },
        "col_sheet": {"en": "Sheet", "ru": "Лист", "kk": "Парақ"},
        "col_column": {"en": "Column", "ru": "Столбец", "kk": "Баған"},
        "col_required": {"en": "Required", "ru": "Обязательный", "kk": "Міндетті"},
        "col_expected": {"en": "What to enter", "ru": "Что вводить", "kk": "Не енгізу керек"},
        "col_example": {"en": "Example", "ru": "Пример", "kk": "Мысал"},
        "yes": {"en": "yes", "ru": "да", "kk": "иә"},
        "no": {"en": "no", "ru": "нет", "kk": "жоқ"},
    },
)

_LINES = ("rows", "example", "headers", "numbers", "lists", "all_or_nothing", "replace", "places")


def instructions_sheet(book: Workbook, kinds: tuple[SheetKind, ...], title: str, language: str) -> None:
    sheet = book.create_sheet(_instructions_title(), 0)
    sheet.cell(row=1, column=1, value=INSTRUCTIONS("title", language, kind=title)).font = Font(
        bold=True, size=14
    )
    for i, key in enumerate(_LINES, start=3):
        sheet.cell(row=i, column=1, value=INSTRUCTIONS(key, language, lists=lists_title()))
    start = len(_LINES) + 4
    headers = ("col_sheet", "col_column", "col_required", "col_expected", "col_example")
    for index, key in enumerate(headers, start=1):
        sheet.cell(row=start, column=index, value=INSTRUCTIONS(key, language)).font = BOLD
    row = start + 1
    for kind in kinds:
        spec = SPECS[kind]
        for column in spec.columns:
            expected: Expectation = expectation_for(spec, column.key)
            values = (
                spec.template_title(),
                column.template_header(),
                INSTRUCTIONS("yes" if column.required else "no", language),
                expected.text(language),
                render(column, column.example),
            )
            for index, value in enumerate(values, start=1):
                sheet.cell(row=row, column=index, value=value).alignment = Alignment(
                    wrap_text=True, vertical="top"
                )
            row += 1
    for letter, width in zip("ABCDE", (30, 38, 12, 50, 28), strict=True):
        sheet.column_dimensions[letter].width = width


def _instructions_title() -> str:
    return f"{SHEET_TITLES('instructions', 'ru')} · {SHEET_TITLES('instructions', 'en')}"


def template_workbook(kind: str, language: str = "ru") -> Workbook:
    if kind not in TEMPLATES:
        raise InvalidValue("template", kind, f"choose one of: {', '.join(TEMPLATES)}")
    book = Workbook()
    book.remove(book.worksheets[0])
    kinds = TEMPLATES[kind]
    instructions_sheet(book, kinds, kind, language)
    lists = ListsSheet(book)
    for sheet_kind in kinds:
        table_sheet(book, SPECS[sheet_kind], [], lists, example=True)
    book.move_sheet(lists.sheet, offset=len(book.sheetnames))
    book.active = 1
    return book


def write_template(kind: str, target: Path, language: str = "ru") -> None:
    template_workbook(kind, language).save(target)
