"""What went wrong in an imported file, said so that a person can find the cell and fix it.

Every issue names the file, sheet, row and column, the value found, what is wrong and what was
expected. The texts exist in Russian, Kazakh and English; the language is chosen when they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from birlik.i18n import Texts

PROBLEMS = Texts(
    "excel.problems",
    {
        "unreadable": {
            "en": "the file cannot be read: {reason}",
            "ru": "файл не читается: {reason}",
            "kk": "файл оқылмайды: {reason}",
        },
        "unsupported": {
            "en": "this kind of file is not supported",
            "ru": "такой тип файла не поддерживается",
            "kk": "бұл файл түрі қолдау таппайды",
        },
        "no_sheets": {
            "en": "no sheet is recognised",
            "ru": "ни один лист не распознан",
            "kk": "бірде-бір парақ танылмады",
        },
        "missing_column": {
            "en": "required column is missing",
            "ru": "нет обязательного столбца",
            "kk": "міндетті баған жоқ",
        },
        "duplicate_column": {
            "en": "the same column appears twice (also in {other})",
            "ru": "столбец повторяется (также в {other})",
            "kk": "баған қайталанады (сондай-ақ {other})",
        },
        "blank": {"en": "the value is missing", "ru": "значение не заполнено", "kk": "мән толтырылмаған"},
        "not_number": {"en": "not a number", "ru": "не число", "kk": "сан емес"},
        "not_integer": {"en": "not a whole number", "ru": "не целое число", "kk": "бүтін сан емес"},
        "negative": {
            "en": "must not be negative",
            "ru": "не может быть отрицательным",
            "kk": "теріс болмауы керек",
        },
        "not_positive": {
            "en": "must be greater than zero",
            "ru": "должно быть больше нуля",
            "kk": "нөлден үлкен болуы керек",
        },
        "not_share": {
            "en": "not a share between 0 and 100 %",
            "ru": "не доля от 0 до 100 %",
            "kk": "0-ден 100 %-ға дейінгі үлес емес",
        },
        "not_date": {"en": "not a date", "ru": "не дата", "kk": "күн емес"},
        "not_month": {"en": "not a month", "ru": "не месяц", "kk": "ай емес"},
        "not_bool": {"en": "not yes or no", "ru": "не «да» или «нет»", "kk": "«иә» не «жоқ» емес"},
        "not_choice": {
            "en": "not one of the allowed values",
            "ru": "нет в списке допустимых значений",
            "kk": "рұқсат етілген мәндер тізімінде жоқ",
        },
        "not_country": {
            "en": "not a country code",
            "ru": "не код страны",
            "kk": "ел коды емес",
        },
        "not_coordinate": {
            "en": "not a coordinate in degrees",
            "ru": "не координата в градусах",
            "kk": "градустағы координата емес",
        },
        "duplicate_key": {
            "en": "the same key is already in row {row}",
            "ru": "такой же ключ уже есть в строке {row}",
            "kk": "дәл осындай кілт {row} жолында бар",
        },
        "unknown_member": {
            "en": "no member with this BIN in the file or the registry",
            "ru": "участника с таким БИН нет ни в файле, ни в реестре",
            "kk": "мұндай БСН-мен мүше файлда да, тізілімде де жоқ",
        },
        "unknown_product": {
            "en": "no product with this SKU in the file or the catalogue",
            "ru": "изделия с таким артикулом нет ни в файле, ни в каталоге",
            "kk": "мұндай артикулмен бұйым файлда да, каталогта да жоқ",
        },
        "unknown_component": {
            "en": "no product or material with this code in the file or the catalogue",
            "ru": "изделия или материала с таким кодом нет ни в файле, ни в каталоге",
            "kk": "мұндай кодпен бұйым не материал файлда да, каталогта да жоқ",
        },
        "unknown_buyer": {
            "en": "no buyer with this code in the file or the registry",
            "ru": "заказчика с таким кодом нет ни в файле, ни в реестре",
            "kk": "мұндай кодпен тапсырыс беруші файлда да, тізілімде де жоқ",
        },
        "unknown_order": {
            "en": "no order with this number in the file or the registry",
            "ru": "заказа с таким номером нет ни в файле, ни в реестре",
            "kk": "мұндай нөмірмен тапсырыс файлда да, тізілімде де жоқ",
        },
        "unknown_city": {
            "en": "unknown place: give its region, country, latitude and longitude",
            "ru": "неизвестный населённый пункт: укажите регион, страну, широту и долготу",
            "kk": "белгісіз елді мекен: өңірін, елін, ендігі мен бойлығын көрсетіңіз",
        },
        "ambiguous_city": {
            "en": "several places have this name: give the country",
            "ru": "несколько населённых пунктов с таким названием: укажите страну",
            "kk": "бұл атаумен бірнеше елді мекен бар: елін көрсетіңіз",
        },
        "wrong_unit": {
            "en": "the product is counted in {unit}",
            "ru": "изделие учитывается в единицах «{unit}»",
            "kk": "бұйым «{unit}» бірлігімен есептеледі",
        },
        "no_lines": {
            "en": "the order has no lines",
            "ru": "у заказа нет позиций",
            "kk": "тапсырыстың позициялары жоқ",
        },
        "order_fixed": {
            "en": "the order is {status}: its lines and terms can no longer change",
            "ru": "заказ в статусе «{status}»: его позиции и условия менять уже нельзя",
            "kk": "тапсырыс «{status}» мәртебесінде: позициялары мен шарттарын енді өзгертуге болмайды",
        },
        "rule": {"en": "{why}", "ru": "{why}", "kk": "{why}"},
    },
)

EXPECTED = Texts(
    "excel.expected",
    {
        "file": {
            "en": "an .xlsx workbook or a .csv file",
            "ru": "книга .xlsx или файл .csv",
            "kk": ".xlsx кітабы немесе .csv файлы",
        },
        "sheets": {
            "en": "sheets named or headed as in the templates (birlik template ...)",
            "ru": "листы с названиями или заголовками как в шаблонах (birlik template ...)",
            "kk": "үлгілердегідей атаулы немесе тақырыпты парақтар (birlik template ...)",
        },
        "column": {"en": "a column headed «{header}»", "ru": "столбец «{header}»", "kk": "«{header}» бағаны"},
        "text": {"en": "some text", "ru": "текст", "kk": "мәтін"},
        "code": {
            "en": "a code, e.g. {example}",
            "ru": "код, например {example}",
            "kk": "код, мысалы {example}",
        },
        "bin": {
            "en": "12 digits with a valid check digit",
            "ru": "12 цифр с верной контрольной цифрой",
            "kk": "дұрыс бақылау цифры бар 12 цифр",
        },
        "decimal": {
            "en": "a number, e.g. 1 250,5 or 1250.5",
            "ru": "число, например 1 250,5 или 1250.5",
            "kk": "сан, мысалы 1 250,5 немесе 1250.5",
        },
        "positive": {
            "en": "a number greater than zero",
            "ru": "число больше нуля",
            "kk": "нөлден үлкен сан",
        },
        "non_negative": {
            "en": "zero or a positive number",
            "ru": "ноль или положительное число",
            "kk": "нөл немесе оң сан",
        },
        "share": {
            "en": "a share: 60 %, 60 or 0,6",
            "ru": "доля: 60 %, 60 или 0,6",
            "kk": "үлес: 60 %, 60 немесе 0,6",
        },
        "integer": {
            "en": "a whole number, e.g. 3",
            "ru": "целое число, например 3",
            "kk": "бүтін сан, мысалы 3",
        },
        "month": {
            "en": "a month, e.g. 2027-03, 03.2027 or a date",
            "ru": "месяц, например 2027-03, 03.2027 или дата",
            "kk": "ай, мысалы 2027-03, 03.2027 немесе күн",
        },
        "date": {
            "en": "a date, e.g. 2027-03-31 or 31.03.2027",
            "ru": "дата, например 2027-03-31 или 31.03.2027",
            "kk": "күн, мысалы 2027-03-31 немесе 31.03.2027",
        },
        "bool": {"en": "yes or no", "ru": "да или нет", "kk": "иә немесе жоқ"},
        "choice": {"en": "one of: {values}", "ru": "одно из: {values}", "kk": "мыналардың бірі: {values}"},
        "choices": {
            "en": "one or more of, separated by commas: {values}",
            "ru": "одно или несколько через запятую: {values}",
            "kk": "үтір арқылы бір немесе бірнешеуі: {values}",
        },
        "country": {
            "en": "a two-letter ISO code, e.g. KZ",
            "ru": "двухбуквенный код ISO, например KZ",
            "kk": "екі әріпті ISO коды, мысалы KZ",
        },
        "coordinate": {
            "en": "degrees as a decimal number, e.g. 42.3174",
            "ru": "градусы десятичным числом, например 42,3174",
            "kk": "ондық сандағы градус, мысалы 42,3174",
        },
        "hs_code": {
            "en": "an HS code of 4, 6, 8 or 10 digits, e.g. 5208.12",
            "ru": "код ТН ВЭД из 4, 6, 8 или 10 цифр, например 5208.12",
            "kk": "4, 6, 8 немесе 10 цифрлы СЭҚ ТН коды, мысалы 5208.12",
        },
        "currency": {"en": "one of: {values}", "ru": "одно из: {values}", "kk": "мыналардың бірі: {values}"},
        "legal_form": {"en": "LLP, JSC or PC", "ru": "ТОО, АО или ПК", "kk": "ЖШС, АҚ немесе ӨК"},
        "unique": {
            "en": "each key once per sheet",
            "ru": "каждый ключ один раз на листе",
            "kk": "әр кілт парақта бір рет",
        },
        "known_member": {
            "en": "a BIN from the Members sheet or the registry",
            "ru": "БИН с листа «Участники» или из реестра",
            "kk": "«Мүшелер» парағындағы немесе тізілімдегі БСН",
        },
        "known_product": {
            "en": "a SKU from the Products sheet or the catalogue",
            "ru": "артикул с листа «Изделия» или из каталога",
            "kk": "«Бұйымдар» парағындағы немесе каталогтағы артикул",
        },
        "known_component": {
            "en": "a SKU or material code from the file or the catalogue",
            "ru": "артикул или код материала из файла или каталога",
            "kk": "файлдағы немесе каталогтағы артикул не материал коды",
        },
        "known_buyer": {
            "en": "a code from the Buyers sheet or the registry",
            "ru": "код с листа «Заказчики» или из реестра",
            "kk": "«Тапсырыс берушілер» парағындағы немесе тізілімдегі код",
        },
        "known_order": {
            "en": "a number from the Orders sheet or the registry",
            "ru": "номер с листа «Заказы» или из реестра",
            "kk": "«Тапсырыстар» парағындағы немесе тізілімдегі нөмір",
        },
        "place": {
            "en": "a known place, or region, country, latitude and longitude",
            "ru": "известный населённый пункт или регион, страна, широта и долгота",
            "kk": "белгілі елді мекен немесе өңір, ел, ендік және бойлық",
        },
        "lines": {
            "en": "at least one row on the Order lines sheet",
            "ru": "хотя бы одна строка на листе «Позиции заказов»",
            "kk": "«Тапсырыс позициялары» парағында кемінде бір жол",
        },
        "unchanged": {
            "en": "the order as it is stored",
            "ru": "заказ без изменений",
            "kk": "өзгеріссіз тапсырыс",
        },
        "consistent": {
            "en": "a record that obeys the registry's rules",
            "ru": "запись по правилам реестра",
            "kk": "тізілім ережелеріне сай жазба",
        },
    },
)


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A text key with its fields, resolved to words from its catalogue only when shown."""

    catalogue: ClassVar[Texts]
    key: str
    fields: dict[str, object] = field(default_factory=dict)

    def text(self, language: str) -> str:
        return self.catalogue(self.key, language, **self.fields)


@dataclass(frozen=True, slots=True)
class Problem(_Phrase):
    """What is wrong with a value."""

    catalogue: ClassVar[Texts] = PROBLEMS


@dataclass(frozen=True, slots=True)
class Expectation(_Phrase):
    """What the value should have been."""

    catalogue: ClassVar[Texts] = EXPECTED


@dataclass(frozen=True, slots=True)
class Where:
    """A place in an imported file; row and column are empty when the issue is about a whole sheet."""

    file: str
    sheet: str = ""
    row: int | None = None
    column: str = ""  # the column letter, e.g. "C"
    header: str = ""  # the header as written in the file

    def at(self, column: str, header: str) -> Where:
        return Where(self.file, self.sheet, self.row, column, header)


@dataclass(frozen=True, slots=True)
class ImportIssue:
    where: Where
    value: object
    problem: Problem
    expected: Expectation

    def as_dict(self, language: str = "en") -> dict[str, Any]:
        """Plain values for a table, a CSV of errors or an API response."""
        return {
            "file": self.where.file,
            "sheet": self.where.sheet,
            "row": self.where.row,
            "column": self.where.column,
            "header": self.where.header,
            "value": "" if self.value is None else str(self.value),
            "problem": self.problem.text(language),
            "expected": self.expected.text(language),
        }

    def line(self, language: str = "en") -> str:
        d = self.as_dict(language)
        place = " · ".join(
            part
            for part in (
                d["file"],
                d["sheet"],
                f"row {d['row']}" if d["row"] else "",
                f"{d['column']} «{d['header']}»" if d["column"] else "",
            )
            if part
        )
        value = f" = {d['value']!r}" if d["value"] else ""
        return f"{place}{value}: {d['problem']} (expected {d['expected']})"


class IssueLog:
    """Collects every issue of an import instead of stopping at the first."""

    def __init__(self) -> None:
        self.issues: list[ImportIssue] = []

    def add(self, where: Where, value: object, problem: Problem, expected: Expectation) -> None:
        self.issues.append(ImportIssue(where, value, problem, expected))

    def __bool__(self) -> bool:
        return bool(self.issues)

    def __len__(self) -> int:
        return len(self.issues)
