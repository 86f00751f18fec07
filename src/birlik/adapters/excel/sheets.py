"""What each sheet holds: its columns, their headers in three languages, kinds of value, keys, examples.

One table drives the template, the reader and the registry export, so a column added here appears in
all three at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from birlik.domain.orders import OrderStatus
from birlik.domain.products import ComponentKind
from birlik.domain.vocabulary import BuyerKind, CertificateKind, Family, Process, Unit
from birlik.i18n import Texts


class SheetKind(StrEnum):
    MEMBERS = "members"
    CAPACITIES = "capacities"
    UNIT_COSTS = "unit_costs"
    CERTIFICATES = "certificates"
    MATERIALS = "materials"
    PRODUCTS = "products"
    BOM = "bom"
    BUYERS = "buyers"
    ORDERS = "orders"
    ORDER_LINES = "order_lines"
    RATES = "rates"


class ValueKind(StrEnum):
    TEXT = "text"
    CODE = "code"
    BIN = "bin"
    DECIMAL = "decimal"
    SHARE = "share"
    INTEGER = "integer"
    MONTH = "month"
    DATE = "date"
    BOOL = "bool"
    CHOICE = "choice"
    CHOICES = "choices"
    COUNTRY = "country"
    COORDINATE = "coordinate"
    HS_CODE = "hs_code"
    CURRENCY = "currency"
    LEGAL_FORM = "legal_form"


SHEET_TITLES = Texts(
    "excel.sheets",
    {
        "members": {"en": "Members", "ru": "Участники", "kk": "Мүшелер"},
        "capacities": {"en": "Capacities", "ru": "Мощности", "kk": "Қуаттар"},
        "unit_costs": {"en": "Unit costs", "ru": "Себестоимость", "kk": "Өзіндік құн"},
        "certificates": {"en": "Certificates", "ru": "Сертификаты", "kk": "Сертификаттар"},
        "materials": {"en": "Materials", "ru": "Материалы", "kk": "Материалдар"},
        "products": {"en": "Products", "ru": "Изделия", "kk": "Бұйымдар"},
        "bom": {"en": "BOM", "ru": "Спецификации", "kk": "Спецификациялар"},
        "buyers": {"en": "Buyers", "ru": "Заказчики", "kk": "Тапсырыс берушілер"},
        "orders": {"en": "Orders", "ru": "Заказы", "kk": "Тапсырыстар"},
        "order_lines": {"en": "Order lines", "ru": "Позиции заказов", "kk": "Тапсырыс позициялары"},
        "rates": {"en": "Exchange rates", "ru": "Курсы валют", "kk": "Валюта бағамдары"},
        "instructions": {"en": "Instructions", "ru": "Инструкция", "kk": "Нұсқаулық"},
        "lists": {"en": "Lists", "ru": "Списки", "kk": "Тізімдер"},
    },
)

HEADERS = Texts(
    "excel.headers",
    {
        "bin": {"en": "BIN", "ru": "БИН", "kk": "БСН"},
        "name": {"en": "Name", "ru": "Наименование", "kk": "Атауы"},
        "legal_form": {"en": "Legal form", "ru": "Правовая форма", "kk": "Құқықтық нысаны"},
        "city": {"en": "City", "ru": "Город", "kk": "Қала"},
        "destination": {"en": "Destination", "ru": "Пункт назначения", "kk": "Жеткізу орны"},
        "region": {"en": "Region", "ru": "Регион", "kk": "Өңір"},
        "country": {"en": "Country", "ru": "Страна", "kk": "Ел"},
        "latitude": {"en": "Latitude", "ru": "Широта", "kk": "Ендік"},
        "longitude": {"en": "Longitude", "ru": "Долгота", "kk": "Бойлық"},
        "processes": {"en": "Processes", "ru": "Переделы", "kk": "Өндіріс сатылары"},
        "active": {"en": "Active", "ru": "Действующий", "kk": "Белсенді"},
        "family": {"en": "Product family", "ru": "Группа изделий", "kk": "Бұйымдар тобы"},
        "monthly": {"en": "Capacity per month", "ru": "Мощность в месяц", "kk": "Айлық қуат"},
        "unit": {"en": "Unit", "ru": "Ед. изм.", "kk": "Өлшем бірлігі"},
        "use_rate": {"en": "Use rate", "ru": "Норма загрузки", "kk": "Жүктеме нормасы"},
        "sku": {"en": "SKU", "ru": "Артикул", "kk": "Артикул"},
        "cost": {"en": "Unit cost", "ru": "Себестоимость единицы", "kk": "Бірлік өзіндік құны"},
        "currency": {"en": "Currency", "ru": "Валюта", "kk": "Валюта"},
        "certificate": {"en": "Certificate", "ru": "Сертификат", "kk": "Сертификат"},
        "number": {"en": "Certificate number", "ru": "Номер сертификата", "kk": "Сертификат нөмірі"},
        "valid_from": {"en": "Valid from", "ru": "Действует с", "kk": "Қолданылу басы"},
        "valid_to": {"en": "Valid to", "ru": "Действует по", "kk": "Қолданылу соңы"},
        "lc_share": {
            "en": "Local content share",
            "ru": "Доля местного содержания",
            "kk": "Жергілікті қамту үлесі",
        },
        "code": {"en": "Material code", "ru": "Код материала", "kk": "Материал коды"},
        "name_en": {"en": "Name (English)", "ru": "Наименование (англ.)", "kk": "Атауы (ағылш.)"},
        "name_ru": {"en": "Name (Russian)", "ru": "Наименование (рус.)", "kk": "Атауы (орыс.)"},
        "name_kk": {"en": "Name (Kazakh)", "ru": "Наименование (каз.)", "kk": "Атауы (қаз.)"},
        "origin": {"en": "Country of origin", "ru": "Страна происхождения", "kk": "Шығарылған елі"},
        "price": {"en": "Price", "ru": "Цена", "kk": "Бағасы"},
        "substitutes_for": {
            "en": "Substitutes for (SKU)",
            "ru": "Заменяет изделие (артикул)",
            "kk": "Алмастыратын бұйым (артикул)",
        },
        "hs_code": {"en": "HS code", "ru": "Код ТН ВЭД", "kk": "СЭҚ ТН коды"},
        "wholly_obtained": {
            "en": "Wholly obtained",
            "ru": "Полностью получен",
            "kk": "Толығымен алынған",
        },
        "process": {"en": "Process", "ru": "Передел", "kk": "Өндіріс сатысы"},
        "parent": {"en": "Product SKU", "ru": "Артикул изделия", "kk": "Бұйым артикулы"},
        "component_kind": {"en": "Component kind", "ru": "Вид компонента", "kk": "Компонент түрі"},
        "component": {"en": "Component", "ru": "Компонент", "kk": "Компонент"},
        "quantity": {"en": "Quantity", "ru": "Количество", "kk": "Саны"},
        "buyer_code": {"en": "Buyer code", "ru": "Код заказчика", "kk": "Тапсырыс беруші коды"},
        "buyer_kind": {"en": "Buyer kind", "ru": "Тип заказчика", "kk": "Тапсырыс беруші түрі"},
        "order": {"en": "Order number", "ru": "Номер заказа", "kk": "Тапсырыс нөмірі"},
        "release": {"en": "Release month", "ru": "Месяц запуска", "kk": "Іске қосу айы"},
        "min_lc": {
            "en": "Minimum local content",
            "ru": "Мин. местное содержание",
            "kk": "Ең аз жергілікті қамту",
        },
        "required": {
            "en": "Required certificates",
            "ru": "Требуемые сертификаты",
            "kk": "Талап етілетін сертификаттар",
        },
        "confidential": {"en": "Confidential", "ru": "Конфиденциально", "kk": "Құпия"},
        "status": {"en": "Status", "ru": "Статус", "kk": "Мәртебесі"},
        "line": {"en": "Line", "ru": "Позиция", "kk": "Позиция"},
        "due": {"en": "Due month", "ru": "Месяц поставки", "kk": "Жеткізу айы"},
        "unit_price": {"en": "Unit price", "ru": "Цена за единицу", "kk": "Бірлік бағасы"},
        "kzt_per_unit": {"en": "KZT per unit", "ru": "Тенге за единицу", "kk": "Бірлігіне теңге"},
    },
)

# Other spellings seen in members' own spreadsheets (compared after normalising case and spaces).
ALIASES: dict[str, tuple[str, ...]] = {
    "bin": ("бин/иин", "иин/бин", "бин (иин)", "бсн/жсн"),
    "name": ("название", "наименование предприятия", "компания", "company", "enterprise"),
    "legal_form": ("опф", "организационно-правовая форма", "form"),
    "city": ("населенный пункт", "town"),
    "region": ("область", "облыс", "oblast"),
    "processes": ("процессы", "переделы (через запятую)"),
    "family": ("группа", "семейство", "family"),
    "monthly": ("мощность", "capacity", "мощность/мес", "monthly capacity"),
    "unit": ("единица", "единица измерения", "ед изм", "ед.", "бірлік"),
    "sku": ("код изделия", "product", "изделие"),
    "cost": ("себестоимость", "cost", "стоимость"),
    "valid_from": ("дата начала", "с", "from"),
    "valid_to": ("дата окончания", "по", "to", "срок действия"),
    "lc_share": ("доля кс", "доля вц", "кс", "local content", "lc share"),
    "hs_code": ("тн вэд", "код тнвэд", "hs"),
    "quantity": ("кол-во", "qty", "количество на единицу", "норма расхода"),
    "order": ("заказ", "№ заказа", "номер договора"),
    "line": ("№ позиции", "номер позиции", "line number", "№ п/п"),
    "due": ("срок поставки", "срок", "due"),
    "unit_price": ("цена", "price"),
    "kzt_per_unit": ("курс", "rate", "курс к тенге"),
    "buyer_code": ("заказчик", "buyer"),
    "release": ("начало производства", "release"),
    "min_lc": ("минимальное местное содержание", "мин кс", "min lc"),
    "substitutes_for": ("заменяет", "замена для", "substitutes for", "replaces", "substitute for"),
    "wholly_obtained": ("полностью полученный", "полностью получено", "wholly obtained goods"),
}


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    kind: ValueKind
    required: bool = True
    enum: type[StrEnum] | None = None
    example: object = None
    width: int = 18

    def header(self, language: str) -> str:
        return HEADERS(self.key, language)

    def template_header(self) -> str:
        """The header written in templates: Russian and English, with * on required columns."""
        text = f"{HEADERS(self.key, 'ru')} / {HEADERS(self.key, 'en')}"
        return f"{text} *" if self.required else text


@dataclass(frozen=True, slots=True)
class SheetSpec:
    kind: SheetKind
    columns: tuple[Column, ...]
    keys: tuple[str, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def title(self, language: str) -> str:
        return SHEET_TITLES(self.kind.value, language)

    def template_title(self) -> str:
        return f"{SHEET_TITLES(self.kind.value, 'ru')} · {SHEET_TITLES(self.kind.value, 'en')}"[:31]


_BIN = "990140000126"  # a valid BIN of no real enterprise
_SKU = "EX-CALICO"
_K = ValueKind


def _place(city_key: str, city: str, region: str, country: str, lat: float, lon: float) -> tuple[Column, ...]:
    return (
        Column(city_key, _K.TEXT, example=city),
        Column("region", _K.TEXT, required=False, example=region, width=26),
        Column("country", _K.COUNTRY, required=False, example=country, width=12),
        Column("latitude", _K.COORDINATE, required=False, example=lat, width=11),
        Column("longitude", _K.COORDINATE, required=False, example=lon, width=11),
    )


SPECS: dict[SheetKind, SheetSpec] = {
    spec.kind: spec
    for spec in (
        SheetSpec(
            SheetKind.MEMBERS,
            (
                Column("bin", _K.BIN, example=_BIN, width=15),
                Column("name", _K.TEXT, example="Example Textile", width=30),
                Column("legal_form", _K.LEGAL_FORM, required=False, example="LLP", width=12),
                *_place(
                    "city", "Shymkent", "Shymkent (city of republican significance)", "KZ", 42.3174, 69.5901
                ),
                Column("processes", _K.CHOICES, enum=Process, example="weaving, finishing", width=28),
                Column("active", _K.BOOL, required=False, example=True, width=10),
            ),
            ("bin",),
        ),
        SheetSpec(
            SheetKind.CAPACITIES,
            (
                Column("bin", _K.BIN, example=_BIN, width=15),
                Column("family", _K.CHOICE, enum=Family, example=Family.GREIGE_FABRIC, width=26),
                Column("monthly", _K.DECIMAL, example=1_500_000),
                Column("unit", _K.CHOICE, enum=Unit, example=Unit.METRE, width=12),
                Column("use_rate", _K.DECIMAL, required=False, example=1, width=12),
            ),
            ("bin", "family"),
        ),
        SheetSpec(
            SheetKind.UNIT_COSTS,
            (
                Column("bin", _K.BIN, example=_BIN, width=15),
                Column("sku", _K.CODE, example=_SKU),
                Column("cost", _K.DECIMAL, example=455),
                Column("currency", _K.CURRENCY, required=False, example="KZT", width=10),
            ),
            ("bin", "sku"),
        ),
        SheetSpec(
            SheetKind.CERTIFICATES,
            (
                Column("bin", _K.BIN, example=_BIN, width=15),
                Column("certificate", _K.CHOICE, enum=CertificateKind, example=CertificateKind.CT_KZ),
                Column("number", _K.CODE, example="EX-0001"),
                Column("valid_from", _K.DATE, example=date(2026, 1, 1), width=13),
                Column("valid_to", _K.DATE, example=date(2026, 12, 31), width=13),
                Column("sku", _K.CODE, required=False, example=_SKU),
                Column("lc_share", _K.SHARE, required=False, example=0.82, width=14),
            ),
            ("bin", "certificate", "number", "sku"),
        ),
        SheetSpec(
            SheetKind.MATERIALS,
            (
                Column("code", _K.CODE, example="EX-COTTON"),
                Column("name_en", _K.TEXT, example="Example cotton fibre", width=30),
                Column("name_ru", _K.TEXT, required=False, example="Пример: хлопковое волокно", width=30),
                Column("name_kk", _K.TEXT, required=False, example="Мысал: мақта талшығы", width=30),
                Column("unit", _K.CHOICE, enum=Unit, example=Unit.KILOGRAM, width=12),
                Column("origin", _K.COUNTRY, example="KZ", width=12),
                Column("price", _K.DECIMAL, example=340),
                Column("currency", _K.CURRENCY, required=False, example="KZT", width=10),
                # An import that can replace a member-made product (e.g. a cloth); the example fibre
                # replaces nothing, so the example leaves it empty.
                Column("substitutes_for", _K.CODE, required=False, example=None, width=20),
                # Its classification for the origin heading test: a foreign material needs one, or no
                # good made with it gets an origin verdict. Ginned lint is a product of the soil.
                Column("hs_code", _K.HS_CODE, required=False, example="5201.00", width=12),
                Column("wholly_obtained", _K.BOOL, required=False, example=True, width=14),
            ),
            ("code",),
        ),
        SheetSpec(
            SheetKind.PRODUCTS,
            (
                Column("sku", _K.CODE, example=_SKU),
                Column("name_en", _K.TEXT, example="Example greige calico", width=30),
                Column("name_ru", _K.TEXT, required=False, example="Пример: бязь суровая", width=30),
                Column("name_kk", _K.TEXT, required=False, example="Мысал: шикі бязь", width=30),
                Column("hs_code", _K.HS_CODE, example="5208.12", width=12),
                Column("unit", _K.CHOICE, enum=Unit, example=Unit.METRE, width=12),
                Column("family", _K.CHOICE, enum=Family, example=Family.GREIGE_FABRIC, width=26),
                Column("process", _K.CHOICE, enum=Process, example=Process.WEAVING, width=22),
            ),
            ("sku",),
        ),
        SheetSpec(
            SheetKind.BOM,
            (
                Column("parent", _K.CODE, example=_SKU),
                Column(
                    "component_kind",
                    _K.CHOICE,
                    required=False,
                    enum=ComponentKind,
                    example=ComponentKind.MATERIAL,
                ),
                Column("component", _K.CODE, example="EX-COTTON"),
                Column("quantity", _K.DECIMAL, example=0.12),
            ),
            ("parent", "component"),
        ),
        SheetSpec(
            SheetKind.BUYERS,
            (
                Column("buyer_code", _K.CODE, example="EX-BUYER"),
                Column("name", _K.TEXT, example="Example Trading House", width=30),
                Column("buyer_kind", _K.CHOICE, enum=BuyerKind, example=BuyerKind.TRADER, width=22),
                *_place("city", "Minsk", "Minsk (capital)", "BY", 53.9006, 27.559),
            ),
            ("buyer_code",),
        ),
        SheetSpec(
            SheetKind.ORDERS,
            (
                Column("order", _K.CODE, example="EX-2027-001"),
                Column("buyer_code", _K.CODE, example="EX-BUYER"),
                *_place("destination", "Minsk", "Minsk (capital)", "BY", 53.9006, 27.559),
                Column("currency", _K.CURRENCY, example="BYN", width=10),
                Column("release", _K.MONTH, example="2027-01", width=12),
                Column("min_lc", _K.SHARE, required=False, example=0, width=14),
                Column("required", _K.CHOICES, required=False, enum=CertificateKind, example="", width=24),
                Column("confidential", _K.BOOL, required=False, example=False, width=12),
                Column(
                    "status", _K.CHOICE, required=False, enum=OrderStatus, example=OrderStatus.OPEN, width=16
                ),
            ),
            ("order",),
        ),
        SheetSpec(
            SheetKind.ORDER_LINES,
            (
                Column("order", _K.CODE, example="EX-2027-001"),
                Column("line", _K.INTEGER, required=False, example=1, width=10),
                Column("sku", _K.CODE, example=_SKU),
                Column("quantity", _K.DECIMAL, example=400_000),
                Column("unit", _K.CHOICE, required=False, enum=Unit, example=Unit.METRE, width=12),
                Column("due", _K.MONTH, example="2027-03", width=12),
                Column("unit_price", _K.DECIMAL, example=3.5),
            ),
            ("order", "line"),
        ),
        SheetSpec(
            SheetKind.RATES,
            (
                Column("currency", _K.CURRENCY, example="USD", width=10),
                Column("valid_from", _K.DATE, example=date(2000, 1, 1), width=13),
                Column("kzt_per_unit", _K.DECIMAL, example=1),
            ),
            ("currency", "valid_from"),
        ),
    )
}

# Which sheets each template holds, in the order they are filled in.
TEMPLATES: dict[str, tuple[SheetKind, ...]] = {
    "members": (SheetKind.MEMBERS, SheetKind.UNIT_COSTS, SheetKind.CERTIFICATES),
    "capacities": (SheetKind.CAPACITIES,),
    "products": (SheetKind.MATERIALS, SheetKind.PRODUCTS, SheetKind.BOM),
    "orders": (SheetKind.BUYERS, SheetKind.ORDERS, SheetKind.ORDER_LINES, SheetKind.RATES),
}
