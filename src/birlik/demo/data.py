"""The demo consortium: 44 members, their cities, products, buyers and the six orders of the story.

Everything here is plain, deterministic data built at import (no I/O, no randomness). The enterprises,
certificate numbers and buyers are invented for the demo; the places, coordinates, HS codes, value
chain and orders of magnitude follow ../shared/domain/facts.md (§0 the consortium, §3 HS codes, §4 the
cotton value chain and factory sizes, §5 uniform BOMs, §6 currencies).

Conventions
- Money, shares, BOM quantities and use rates are Decimal strings ("1450.00", "0.60"): Decimal(x) them.
- Certificate dates are `datetime.date`; CT-KZ and other certificates end on the last day of a month,
  because the planner asks whether a certificate covers a whole month.
- Months are (year, month) tuples. The planning horizon is HORIZON_MONTHS months from HORIZON_START.
- Countries are ISO 3166-1 alpha-2 codes; cities are referred to by `City.name_en`.
- A member's capacity is per product family and month, in the member's own unit; `use_rate` is
  capacity units per unit of product (1 when the capacity is declared in the product's own unit).
- A member can make exactly the products it has a unit cost for. The unit cost is the full ex-works
  production cost in KZT per product unit, materials included as that member usually sources them
  (domestic cloth or imported cloth: this is also why CT-KZ shares differ between members).
- Material prices are KZT per material unit, delivered to the consortium's mills.
- Cloth is 150 cm wide throughout, so fabric weight per running metre = g/m² × 1.5.

Deliberate tight spots (for the planner to show real choices) are listed in the docstring of ORDERS.
"""

from __future__ import annotations

from datetime import date
from typing import Final, Literal, NamedTuple

from birlik.domain.vocabulary import (
    BuyerKind,
    CertificateKind,
    Currency,
    Family,
    Process,
    Unit,
)

YearMonth = tuple[int, int]  # (year, month); birlik.domain.calendar.Month(*ym) converts it

HORIZON_START: Final[YearMonth] = (2027, 1)
HORIZON_MONTHS: Final = 12


# ---------------------------------------------------------------------------------------------------
# Record types
# ---------------------------------------------------------------------------------------------------


class City(NamedTuple):
    name_en: str
    name_ru: str
    name_kk: str
    region: str  # oblast, or city of republican significance
    country: str  # ISO 3166-1 alpha-2
    latitude: float
    longitude: float


class Material(NamedTuple):
    """Purchased, not made by members: fibre, chemicals, accessories, imported cloth."""

    code: str
    name_en: str
    name_ru: str
    unit: Unit
    origin_country: str  # ISO 3166-1 alpha-2
    price_kzt: str  # per `unit`
    substitutes_for: str | None = None  # SKU of the member-made product this import can replace
    # Birlik's own reading of the HS 2022 nomenclature (facts §3), not a customs ruling: the heading test
    # of origin compares it with the product's when the material is foreign.
    hs_code: str | None = None
    wholly_obtained: bool = False  # a product of the soil or livestock of its origin country


ComponentKind = Literal["product", "material"]


class BomLine(NamedTuple):
    component: str  # a product SKU (kind "product") or a material code (kind "material")
    kind: ComponentKind
    quantity: str  # per unit of the parent product, in the component's unit


class Product(NamedTuple):
    sku: str
    name_ru: str
    name_kk: str
    name_en: str
    hs_code: str
    unit: Unit
    family: Family
    process: Process
    bom: tuple[BomLine, ...]


class Capacity(NamedTuple):
    family: Family
    monthly: int  # in `unit`
    unit: Unit
    use_rate: str = "1"  # capacity units per unit of product


class UnitCost(NamedTuple):
    product_sku: str
    cost_kzt: str  # full ex-works cost per product unit


class Certificate(NamedTuple):
    kind: CertificateKind
    number: str
    valid_from: date
    valid_to: date
    product_sku: str | None = None  # CT-KZ only
    local_content_share: str | None = None  # CT-KZ only, 0..1


class Member(NamedTuple):
    bin: str
    name: str  # without the legal form
    legal_form: str  # LLP (ТОО), JSC (АО), PC (production cooperative)
    city: str  # City.name_en
    processes: tuple[Process, ...]
    capacities: tuple[Capacity, ...]
    unit_costs: tuple[UnitCost, ...]
    certificates: tuple[Certificate, ...]


class Buyer(NamedTuple):
    code: str
    name: str
    country: str  # ISO 3166-1 alpha-2
    kind: BuyerKind
    city: str  # City.name_en


class OrderLine(NamedTuple):
    product_sku: str
    quantity: int  # in the product's unit
    due: YearMonth
    unit_price: str  # in the order's currency


class Order(NamedTuple):
    number: str
    buyer: str  # Buyer.code
    destination: str  # City.name_en
    currency: Currency
    confidential: bool
    min_local_content: str | None  # contract-level floor, 0..1; None = no floor
    required_certificates: tuple[CertificateKind, ...]
    release: YearMonth  # first month production may start
    lines: tuple[OrderLine, ...]


class ExchangeRate(NamedTuple):
    currency: Currency
    kzt_per_unit: str


# ---------------------------------------------------------------------------------------------------
# Places (real coordinates, decimal degrees)
# ---------------------------------------------------------------------------------------------------

_SHYMKENT_CITY = "Shymkent (city of republican significance)"
_TURKESTAN_REGION = "Turkestan Region"

CITIES: Final[tuple[City, ...]] = (
    # The cotton south: Shymkent and Turkestan region (the only cotton-growing region, facts §4)
    City("Shymkent", "Шымкент", "Шымкент", _SHYMKENT_CITY, "KZ", 42.3174, 69.5901),
    City("Turkestan", "Туркестан", "Түркістан", _TURKESTAN_REGION, "KZ", 43.2973, 68.2517),
    City("Saryagash", "Сарыагаш", "Сарыағаш", _TURKESTAN_REGION, "KZ", 41.4500, 69.1667),
    City("Myrzakent", "Мырзакент", "Мырзакент", _TURKESTAN_REGION, "KZ", 40.6622, 68.5486),
    City("Zhetysay", "Жетысай", "Жетісай", _TURKESTAN_REGION, "KZ", 40.7753, 68.3308),
    City("Kentau", "Кентау", "Кентау", _TURKESTAN_REGION, "KZ", 43.5167, 68.5050),
    City("Aksukent", "Аксукент", "Ақсукент", _TURKESTAN_REGION, "KZ", 42.4281, 69.8356),
    City("Taraz", "Тараз", "Тараз", "Zhambyl Region", "KZ", 42.9000, 71.3667),
    # The rest of Kazakhstan: sewing, and the domestic buyers
    City("Almaty", "Алматы", "Алматы", "Almaty (city of republican significance)", "KZ", 43.2380, 76.8829),
    City("Astana", "Астана", "Астана", "Astana (capital)", "KZ", 51.1694, 71.4491),
    City("Karaganda", "Караганда", "Қарағанды", "Karaganda Region", "KZ", 49.8047, 73.1094),
    City("Temirtau", "Темиртау", "Теміртау", "Karaganda Region", "KZ", 50.0549, 72.9646),
    City("Pavlodar", "Павлодар", "Павлодар", "Pavlodar Region", "KZ", 52.2873, 76.9674),
    City("Kostanay", "Костанай", "Қостанай", "Kostanay Region", "KZ", 53.2144, 63.6246),
    City("Aktobe", "Актобе", "Ақтөбе", "Aktobe Region", "KZ", 50.2839, 57.1670),
    City("Uralsk", "Уральск", "Орал", "West Kazakhstan Region", "KZ", 51.2333, 51.3667),
    City("Aksai", "Аксай", "Ақсай", "West Kazakhstan Region", "KZ", 51.1678, 52.9950),
    City("Petropavl", "Петропавловск", "Петропавл", "North Kazakhstan Region", "KZ", 54.8667, 69.1500),
    City("Semey", "Семей", "Семей", "Abai Region", "KZ", 50.4111, 80.2275),
    City("Ust-Kamenogorsk", "Усть-Каменогорск", "Өскемен", "East Kazakhstan Region", "KZ", 49.9483, 82.6279),
    City("Kyzylorda", "Кызылорда", "Қызылорда", "Kyzylorda Region", "KZ", 44.8528, 65.5092),
    City("Atyrau", "Атырау", "Атырау", "Atyrau Region", "KZ", 47.1167, 51.8833),
    City("Aktau", "Актау", "Ақтау", "Mangystau Region", "KZ", 43.6500, 51.1500),
    City("Kokshetau", "Кокшетау", "Көкшетау", "Akmola Region", "KZ", 53.2833, 69.3833),
    City("Taldykorgan", "Талдыкорган", "Талдықорған", "Zhetysu Region", "KZ", 45.0156, 78.3739),
    # Foreign destinations
    City("Minsk", "Минск", "Минск", "Minsk (capital)", "BY", 53.9006, 27.5590),
    City("Tashkent", "Ташкент", "Ташкент", "Tashkent (capital)", "UZ", 41.2995, 69.2401),
    City("Moscow", "Москва", "Мәскеу", "Moscow (federal city)", "RU", 55.7558, 37.6173),
)


# ---------------------------------------------------------------------------------------------------
# Purchased materials (the bottom of every BOM)
# ---------------------------------------------------------------------------------------------------

# Product SKUs, named once so that BOMs, costs, certificates and orders cannot drift apart.
YARN_COTTON: Final = "YRN-CO"
YARN_POLYCOTTON: Final = "YRN-PC"
CALICO_GREIGE: Final = "CAL-GR"
CALICO_BLEACHED: Final = "CAL-BL"
CALICO_DYED: Final = "CAL-DY"
UNIFORM_CLOTH_GREIGE: Final = "UNC-GR"
UNIFORM_CLOTH: Final = "UNC-DY"
TWILL_GREIGE: Final = "TWL-GR"
TWILL_DYED: Final = "TWL-DY"
TERRY_TOWEL: Final = "TOW-TR"
WORKWEAR_SUIT: Final = "WW-SUIT"
FIELD_UNIFORM: Final = "UNI-FLD"
RAILWAY_UNIFORM: Final = "UNI-RW"
HOSPITAL_BEDDING: Final = "BED-HSP"
DRESS: Final = "FSH-DRS"
SHIRT: Final = "FSH-SHT"

MATERIALS: Final[tuple[Material, ...]] = (
    # Fibre. Kazakh lint: facts §4 quotes ~285,000 KZT/t (2022); indexed to 2027 prices.
    Material(
        code="MAT-CO-FIB-KZ",
        name_en="Cotton fibre (lint), Turkestan region gins",
        name_ru="Хлопковое волокно, джины Туркестанской обл.",
        unit=Unit.KILOGRAM,
        origin_country="KZ",
        price_kzt="340.00",
        hs_code="5201.00",  # cotton, not carded or combed (facts §3)
        wholly_obtained=True,
    ),
    Material(
        code="MAT-PES-FIB-CN",
        name_en="Polyester staple fibre 1.4 dtex × 38 mm",
        name_ru="Полиэфирное штапельное волокно 1,4 дтекс × 38 мм",
        unit=Unit.KILOGRAM,
        origin_country="CN",
        price_kzt="560.00",
        hs_code="5503.20",  # synthetic staple fibres of polyesters, not carded
    ),
    # Weaving, dyeing and finishing chemicals
    Material(
        code="MAT-SIZE-CN",
        name_en="PVA sizing agent",
        name_ru="Шлихтующий препарат (ПВС)",
        unit=Unit.KILOGRAM,
        origin_country="CN",
        price_kzt="1150.00",
        hs_code="3905.30",  # poly(vinyl alcohol)
    ),
    Material(
        code="MAT-CHEM-KZ",
        name_en="Caustic soda and hydrogen peroxide (Pavlodar)",
        name_ru="Каустическая сода и пероксид водорода (Павлодар)",
        unit=Unit.KILOGRAM,
        origin_country="KZ",
        price_kzt="210.00",
        hs_code="2815.12",  # sodium hydroxide in aqueous solution
    ),
    Material(
        code="MAT-AUX-DE",
        name_en="Textile auxiliaries (wetting, levelling, softening)",
        name_ru="Текстильно-вспомогательные вещества",
        unit=Unit.KILOGRAM,
        origin_country="DE",
        price_kzt="1950.00",
        hs_code="3809.91",  # finishing agents of a kind used in the textile industry
    ),
    Material(
        code="MAT-DYE-REA-DE",
        name_en="Reactive dyes for cotton",
        name_ru="Активные красители для хлопка",
        unit=Unit.KILOGRAM,
        origin_country="DE",
        price_kzt="5800.00",
        hs_code="3204.16",  # reactive dyes
    ),
    Material(
        code="MAT-DYE-DSP-CN",
        name_en="Disperse dyes for polyester",
        name_ru="Дисперсные красители для полиэфира",
        unit=Unit.KILOGRAM,
        origin_country="CN",
        price_kzt="3900.00",
        hs_code="3204.11",  # disperse dyes
    ),
    # Sewing accessories
    Material(
        code="MAT-THR-TR",
        name_en="Polyester core-spun sewing thread",
        name_ru="Швейные нитки армированные",
        unit=Unit.METRE,
        origin_country="TR",
        price_kzt="0.32",
        hs_code="5401.10",  # sewing thread of synthetic filaments
    ),
    Material(
        code="MAT-BTN-CN",
        name_en="Plastic buttons, 4-hole",
        name_ru="Пуговицы пластмассовые",
        unit=Unit.PIECE,
        origin_country="CN",
        price_kzt="6.50",
        hs_code="9606.21",  # buttons of plastics, not covered with textile
    ),
    Material(
        code="MAT-BTN-MET-CN",
        name_en="Metal uniform buttons with insignia",
        name_ru="Пуговицы форменные металлические",
        unit=Unit.PIECE,
        origin_country="CN",
        price_kzt="38.00",
        hs_code="9606.22",  # buttons of base metal, not covered with textile
    ),
    Material(
        code="MAT-ZIP-TR",
        name_en="Metal zip fastener, 18–20 cm",
        name_ru="Застёжка-молния металлическая 18–20 см",
        unit=Unit.PIECE,
        origin_country="TR",
        price_kzt="140.00",
        hs_code="9607.11",  # slide fasteners with chain scoops of base metal
    ),
    Material(
        code="MAT-REFL-CN",
        name_en="Reflective tape, 50 mm",
        name_ru="Световозвращающая лента 50 мм",
        unit=Unit.METRE,
        origin_country="CN",
        price_kzt="260.00",
        hs_code="5907.00",  # textile fabrics otherwise coated (retroreflective tape)
    ),
    Material(
        code="MAT-HOOK-CN",
        name_en="Hook-and-loop tape, 25 mm",
        name_ru="Лента контактная (велькро) 25 мм",
        unit=Unit.METRE,
        origin_country="CN",
        price_kzt="180.00",
        hs_code="5806.32",  # narrow woven fabrics of man-made fibres
    ),
    Material(
        code="MAT-ELAS-CN",
        name_en="Elastic band, 30 mm",
        name_ru="Тесьма эластичная 30 мм",
        unit=Unit.METRE,
        origin_country="CN",
        price_kzt="95.00",
        hs_code="5806.20",  # narrow woven fabrics with ≥ 5 % elastomeric yarn
    ),
    Material(
        code="MAT-INTL-CN",
        name_en="Fusible interlining",
        name_ru="Клеевой прокладочный материал (дублерин)",
        unit=Unit.METRE,
        origin_country="CN",
        price_kzt="380.00",
        hs_code="5903.90",  # textile fabrics coated with plastics (fusible interlining)
    ),
    Material(
        code="MAT-LINING-CN",
        name_en="Polyester lining",
        name_ru="Подкладочная ткань полиэфирная",
        unit=Unit.METRE,
        origin_country="CN",
        price_kzt="520.00",
        hs_code="5407.52",  # woven fabrics of textured polyester filament, dyed
    ),
    Material(
        code="MAT-LBL-KZ",
        name_en="Woven and care labels",
        name_ru="Этикетки тканые и маркировочные",
        unit=Unit.PIECE,
        origin_country="KZ",
        price_kzt="18.00",
        hs_code="5807.10",  # woven labels
    ),
    Material(
        code="MAT-PKG-KZ",
        name_en="Polybag and share of a carton",
        name_ru="Пакет и доля гофрокороба",
        unit=Unit.PIECE,
        origin_country="KZ",
        price_kzt="45.00",
        hs_code="3923.21",  # sacks and bags of polymers of ethylene
    ),
    # Imported cloth: what a sewing member buys instead of consortium cloth (lower local content)
    Material(
        code="MAT-TWL-PC-CN",
        name_en="Dyed poly/cotton 65/35 workwear twill 245 g/m², 150 cm",
        name_ru="Саржа п/э-хлопок 65/35 крашеная 245 г/м², 150 см",
        unit=Unit.METRE,
        origin_country="CN",
        price_kzt="980.00",
        hs_code="5514.22",  # poly/cotton > 170 g/m², 3- or 4-thread twill, dyed (facts §3)
        substitutes_for=TWILL_DYED,
    ),
    Material(
        code="MAT-UNC-PC-TR",
        name_en="Dyed poly/cotton 65/35 uniform twill 245 g/m², 150 cm",
        name_ru="Ткань форменная п/э-хлопок 65/35 крашеная 245 г/м², 150 см",
        unit=Unit.METRE,
        origin_country="TR",
        price_kzt="1280.00",
        hs_code="5514.22",  # the same heading as the workwear twill
        substitutes_for=UNIFORM_CLOTH,
    ),
    Material(
        code="MAT-CAL-BL-UZ",
        name_en="Bleached calico 142 g/m², 150 cm",
        name_ru="Бязь отбеленная 142 г/м², 150 см",
        unit=Unit.METRE,
        origin_country="UZ",
        price_kzt="575.00",
        hs_code="5208.22",  # cotton ≥ 85 %, ≤ 200 g/m², plain weave > 100 g/m², bleached
        substitutes_for=CALICO_BLEACHED,
    ),
)


# ---------------------------------------------------------------------------------------------------
# Products and their bills of materials
# ---------------------------------------------------------------------------------------------------


def _made(sku: str, quantity: str) -> BomLine:
    return BomLine(sku, "product", quantity)


def _bought(code: str, quantity: str) -> BomLine:
    return BomLine(code, "material", quantity)


PRODUCTS: Final[tuple[Product, ...]] = (
    # --- Yarn. 1 kg of carded cotton yarn takes ~1.12 kg of lint (10–12 % spinning waste).
    Product(
        sku=YARN_COTTON,
        name_ru="Пряжа хлопчатобумажная кардная Ne 20 (Nm 34)",
        name_kk="Мақта иірімжібі, кардалы, Ne 20",
        name_en="Carded cotton yarn Ne 20 (Nm 34)",
        hs_code="5205.12",
        unit=Unit.KILOGRAM,
        family=Family.YARN,
        process=Process.SPINNING,
        bom=(_bought("MAT-CO-FIB-KZ", "1.12"),),
    ),
    Product(  # 65 % polyester, 35 % cotton; cotton loses more in carding than polyester
        sku=YARN_POLYCOTTON,
        name_ru="Пряжа полиэфирно-хлопковая 65/35 Ne 30",
        name_kk="Полиэфир-мақта иірімжібі 65/35, Ne 30",
        name_en="Polyester/cotton yarn 65/35 Ne 30",
        hs_code="5509.53",
        unit=Unit.KILOGRAM,
        family=Family.YARN,
        process=Process.SPINNING,
        bom=(_bought("MAT-PES-FIB-CN", "0.67"), _bought("MAT-CO-FIB-KZ", "0.40")),
    ),
    # --- Calico (бязь), GOST 29298: plain weave, 142 g/m² → 0.213 kg/m at 150 cm, +4 % weaving waste.
    Product(
        sku=CALICO_GREIGE,
        name_ru="Бязь суровая 142 г/м², ширина 150 см",
        name_kk="Шикі бөз 142 г/м², ені 150 см",
        name_en="Greige calico 142 g/m², 150 cm",
        hs_code="5208.12",
        unit=Unit.METRE,
        family=Family.GREIGE_FABRIC,
        process=Process.WEAVING,
        bom=(_made(YARN_COTTON, "0.222"), _bought("MAT-SIZE-CN", "0.006")),
    ),
    Product(  # ~4 % shrinkage in bleaching
        sku=CALICO_BLEACHED,
        name_ru="Бязь отбеленная 142 г/м², 150 см",
        name_kk="Ағартылған бөз 142 г/м², 150 см",
        name_en="Bleached calico 142 g/m², 150 cm",
        hs_code="5208.22",
        unit=Unit.METRE,
        family=Family.FINISHED_FABRIC,
        process=Process.FINISHING,
        bom=(_made(CALICO_GREIGE, "1.04"), _bought("MAT-CHEM-KZ", "0.035"), _bought("MAT-AUX-DE", "0.008")),
    ),
    Product(
        sku=CALICO_DYED,
        name_ru="Бязь гладкокрашеная 142 г/м², 150 см",
        name_kk="Боялған бөз 142 г/м², 150 см",
        name_en="Dyed calico 142 g/m², 150 cm",
        hs_code="5208.32",
        unit=Unit.METRE,
        family=Family.FINISHED_FABRIC,
        process=Process.FINISHING,
        bom=(
            _made(CALICO_GREIGE, "1.05"),
            _bought("MAT-DYE-REA-DE", "0.012"),
            _bought("MAT-CHEM-KZ", "0.030"),
            _bought("MAT-AUX-DE", "0.010"),
        ),
    ),
    # --- Uniform cloth: poly-majority 65/35 twill, 245 g/m² (> 170 g/m², so heading 5514) → 0.368 kg/m.
    Product(
        sku=UNIFORM_CLOTH_GREIGE,
        name_ru="Ткань форменная суровая п/э-хлопок 65/35, саржа 245 г/м²",
        name_kk="Шикі формалық мата, полиэфир-мақта 65/35, саржа 245 г/м²",
        name_en="Greige poly/cotton 65/35 uniform twill 245 g/m², 150 cm",
        hs_code="5514.12",
        unit=Unit.METRE,
        family=Family.GREIGE_FABRIC,
        process=Process.WEAVING,
        bom=(_made(YARN_POLYCOTTON, "0.382"), _bought("MAT-SIZE-CN", "0.009")),
    ),
    Product(  # both fibres are dyed: disperse dye for polyester, reactive for cotton
        sku=UNIFORM_CLOTH,
        name_ru="Ткань форменная крашеная п/э-хлопок 65/35, саржа 245 г/м²",
        name_kk="Боялған формалық мата, полиэфир-мақта 65/35, саржа 245 г/м²",
        name_en="Dyed poly/cotton 65/35 uniform twill 245 g/m², 150 cm",
        hs_code="5514.22",
        unit=Unit.METRE,
        family=Family.FINISHED_FABRIC,
        process=Process.FINISHING,
        bom=(
            _made(UNIFORM_CLOTH_GREIGE, "1.05"),
            _bought("MAT-DYE-DSP-CN", "0.010"),
            _bought("MAT-DYE-REA-DE", "0.006"),
            _bought("MAT-CHEM-KZ", "0.020"),
            _bought("MAT-AUX-DE", "0.012"),
        ),
    ),
    # --- Workwear twill from Kazakh cotton: 3/1 twill 260 g/m² (> 200 g/m², so heading 5209) → 0.39 kg/m.
    Product(
        sku=TWILL_GREIGE,
        name_ru="Саржа хлопковая суровая 260 г/м² для спецодежды",
        name_kk="Арнайы киімге арналған шикі мақта саржа 260 г/м²",
        name_en="Greige cotton workwear twill 260 g/m², 150 cm",
        hs_code="5209.12",
        unit=Unit.METRE,
        family=Family.GREIGE_FABRIC,
        process=Process.WEAVING,
        bom=(_made(YARN_COTTON, "0.405"), _bought("MAT-SIZE-CN", "0.009")),
    ),
    Product(
        sku=TWILL_DYED,
        name_ru="Саржа хлопковая крашеная 260 г/м² для спецодежды",
        name_kk="Арнайы киімге арналған боялған мақта саржа 260 г/м²",
        name_en="Dyed cotton workwear twill 260 g/m², 150 cm",
        hs_code="5209.32",
        unit=Unit.METRE,
        family=Family.FINISHED_FABRIC,
        process=Process.FINISHING,
        bom=(
            _made(TWILL_GREIGE, "1.05"),
            _bought("MAT-DYE-REA-DE", "0.016"),
            _bought("MAT-CHEM-KZ", "0.030"),
            _bought("MAT-AUX-DE", "0.012"),
        ),
    ),
    # --- Terry towels: woven, dyed and hemmed on an integrated terry line. 70×140 cm at 500 g/m² ≈ 0.49 kg.
    Product(
        sku=TERRY_TOWEL,
        name_ru="Полотенце махровое 70×140 см, 500 г/м²",
        name_kk="Түкті сүлгі 70×140 см, 500 г/м²",
        name_en="Terry towel 70×140 cm, 500 g/m²",
        hs_code="6302.60",
        unit=Unit.PIECE,
        family=Family.TOWELS,
        process=Process.WEAVING,
        bom=(
            _made(YARN_COTTON, "0.53"),
            _bought("MAT-DYE-REA-DE", "0.006"),
            _bought("MAT-CHEM-KZ", "0.020"),
            _bought("MAT-AUX-DE", "0.006"),
            _bought("MAT-THR-TR", "9"),
            _bought("MAT-LBL-KZ", "1"),
            _bought("MAT-PKG-KZ", "0.1"),  # hospital towels ship ten to a bag
        ),
    ),
    # --- Garments. Fabric per set is an estimate (facts §5): jacket + trousers ≈ 3.0–3.5 m of 150 cm cloth.
    # GOST 27575-87 summer suit. The national line 6203 22 100 0 is "industrial and occupational"
    # [unverified, facts §3].
    Product(
        sku=WORKWEAR_SUIT,
        name_ru="Костюм рабочий летний (куртка и брюки), ГОСТ 27575-87",
        name_kk="Жұмыс костюмі (күрте және шалбар)",
        name_en="Workwear suit, jacket and trousers (GOST 27575-87)",
        hs_code="6203.22",
        unit=Unit.SET,
        family=Family.WORKWEAR,
        process=Process.SEWING,
        bom=(
            _made(TWILL_DYED, "3.2"),
            _bought("MAT-THR-TR", "220"),
            _bought("MAT-BTN-CN", "9"),
            _bought("MAT-ZIP-TR", "1"),
            _bought("MAT-REFL-CN", "1.5"),
            _bought("MAT-ELAS-CN", "0.3"),
            _bought("MAT-LBL-KZ", "2"),
            _bought("MAT-PKG-KZ", "1"),
        ),
    ),
    Product(  # ensemble of synthetic fibres (65 % polyester)
        sku=FIELD_UNIFORM,
        name_ru="Комплект полевой формы (куртка и брюки)",
        name_kk="Далалық форма жиынтығы (күрте және шалбар)",
        name_en="Field uniform set, jacket and trousers",
        hs_code="6203.23",
        unit=Unit.SET,
        family=Family.UNIFORM,
        process=Process.SEWING,
        bom=(
            _made(UNIFORM_CLOTH, "3.3"),
            _bought("MAT-THR-TR", "250"),
            _bought("MAT-BTN-CN", "12"),
            _bought("MAT-ZIP-TR", "1"),
            _bought("MAT-HOOK-CN", "0.4"),
            _bought("MAT-INTL-CN", "0.3"),
            _bought("MAT-LBL-KZ", "2"),
            _bought("MAT-PKG-KZ", "1"),
        ),
    ),
    Product(  # a tailored tunic and trousers of the same cloth is a suit: 6203.12 (synthetic fibres)
        sku=RAILWAY_UNIFORM,
        name_ru="Костюм форменный железнодорожника (китель и брюки)",
        name_kk="Темір жолшының формалық костюмі (китель және шалбар)",
        name_en="Railway service uniform suit, tunic and trousers",
        hs_code="6203.12",
        unit=Unit.SET,
        family=Family.UNIFORM,
        process=Process.SEWING,
        bom=(
            _made(UNIFORM_CLOTH, "3.4"),
            _bought("MAT-LINING-CN", "1.2"),
            _bought("MAT-BTN-MET-CN", "10"),
            _bought("MAT-ZIP-TR", "1"),
            _bought("MAT-INTL-CN", "0.6"),
            _bought("MAT-THR-TR", "280"),
            _bought("MAT-LBL-KZ", "2"),
            _bought("MAT-PKG-KZ", "1"),
        ),
    ),
    Product(  # sheet 214×150, duvet cover 215×143, two pillowcases 70×70 (facts §5: 5–6 m of 150 cm calico)
        sku=HOSPITAL_BEDDING,
        name_ru="Комплект постельного белья больничный 1,5-спальный, бязь отбеленная",
        name_kk="Ауруханалық төсек-орын жабдықтары жиынтығы, 1,5 орындық, ағартылған бөз",
        name_en="Hospital bed-linen set, 1.5-bed, bleached calico",
        hs_code="6302.31",
        unit=Unit.SET,
        family=Family.BED_LINEN,
        process=Process.SEWING,
        bom=(
            _made(CALICO_BLEACHED, "5.5"),
            _bought("MAT-THR-TR", "120"),
            _bought("MAT-LBL-KZ", "1"),
            _bought("MAT-PKG-KZ", "1"),
        ),
    ),
    Product(
        sku=DRESS,
        name_ru="Платье женское хлопковое",
        name_kk="Әйелдер мақта көйлегі",
        name_en="Women's cotton dress",
        hs_code="6204.42",
        unit=Unit.PIECE,
        family=Family.FASHION,
        process=Process.SEWING,
        bom=(
            _made(CALICO_DYED, "2.6"),
            _bought("MAT-THR-TR", "150"),
            _bought("MAT-ZIP-TR", "1"),
            _bought("MAT-INTL-CN", "0.2"),
            _bought("MAT-LBL-KZ", "2"),
            _bought("MAT-PKG-KZ", "1"),
        ),
    ),
    Product(  # facts §5: a woven shirt ≈ 1.5 m at 142 cm + waste
        sku=SHIRT,
        name_ru="Сорочка мужская хлопковая",
        name_kk="Ерлер мақта жейдесі",
        name_en="Men's cotton shirt",
        hs_code="6205.20",
        unit=Unit.PIECE,
        family=Family.FASHION,
        process=Process.SEWING,
        bom=(
            _made(CALICO_DYED, "1.7"),
            _bought("MAT-BTN-CN", "8"),
            _bought("MAT-INTL-CN", "0.25"),
            _bought("MAT-THR-TR", "130"),
            _bought("MAT-LBL-KZ", "2"),
            _bought("MAT-PKG-KZ", "1"),
        ),
    ),
)


# ---------------------------------------------------------------------------------------------------
# Members (exactly 44), grouped by region
# ---------------------------------------------------------------------------------------------------


def _day(iso: str) -> date:
    return date.fromisoformat(iso)


def _ct_kz(number: str, valid_from: str, valid_to: str, sku: str, share: str) -> Certificate:
    return Certificate(CertificateKind.CT_KZ, number, _day(valid_from), _day(valid_to), sku, share)


def _iso_9001(number: str, valid_from: str, valid_to: str) -> Certificate:
    return Certificate(CertificateKind.ISO_9001, number, _day(valid_from), _day(valid_to))


def _cleared(number: str, valid_from: str, valid_to: str) -> Certificate:
    return Certificate(CertificateKind.DEFENSE_CLEARANCE, number, _day(valid_from), _day(valid_to))


_SPIN = Process.SPINNING
_WEAVE = Process.WEAVING
_FINISH = Process.FINISHING
_SEW = Process.SEWING

MEMBERS: Final[tuple[Member, ...]] = (
    # ===== Shymkent (Ontustik SEZ): spinning, weaving, finishing, and the biggest sewing shops =====
    Member(  # full cycle, sized like Azala Textile (facts §4): 500 t cotton and 1.5 million m a month
        bin="120340010438",
        name="Azal Mata",
        legal_form="LLP",
        city="Shymkent",
        processes=(_SPIN, _WEAVE, _FINISH, _SEW),
        capacities=(
            Capacity(Family.YARN, 450_000, Unit.KILOGRAM),
            Capacity(Family.GREIGE_FABRIC, 1_500_000, Unit.METRE),
            Capacity(Family.FINISHED_FABRIC, 900_000, Unit.METRE),
            Capacity(Family.BED_LINEN, 60_000, Unit.SET),
            Capacity(Family.TOWELS, 60_000, Unit.PIECE),
        ),
        unit_costs=(
            UnitCost(YARN_COTTON, "880.00"),
            UnitCost(CALICO_GREIGE, "455.00"),
            UnitCost(CALICO_BLEACHED, "610.00"),
            UnitCost(CALICO_DYED, "745.00"),
            UnitCost(TERRY_TOWEL, "1390.00"),
            UnitCost(HOSPITAL_BEDDING, "5050.00"),
        ),
        certificates=(
            _ct_kz("CTKZ-26-SHY-01031", "2026-09-01", "2027-08-31", CALICO_GREIGE, "0.95"),
            _ct_kz("CTKZ-26-SHY-01032", "2026-09-01", "2027-08-31", CALICO_BLEACHED, "0.89"),
            _ct_kz("CTKZ-26-SHY-01187", "2026-10-01", "2027-09-30", HOSPITAL_BEDDING, "0.86"),
            # the towel certificate runs out in April 2027 and is not yet renewed
            _ct_kz("CTKZ-26-SHY-00514", "2026-05-01", "2027-04-30", TERRY_TOWEL, "0.91"),
            _iso_9001("QMS-KZ-25-0318", "2025-03-01", "2028-02-29"),
        ),
    ),
    Member(  # spinning, weaving and finishing; calico and workwear twill (like Melange/Utex, facts §4)
        bin="050840022177",
        name="Melanzh Textile",
        legal_form="JSC",
        city="Shymkent",
        processes=(_SPIN, _WEAVE, _FINISH),
        capacities=(
            Capacity(Family.YARN, 250_000, Unit.KILOGRAM),
            Capacity(Family.GREIGE_FABRIC, 700_000, Unit.METRE),
            Capacity(Family.FINISHED_FABRIC, 700_000, Unit.METRE),
        ),
        unit_costs=(
            UnitCost(YARN_COTTON, "905.00"),
            UnitCost(CALICO_GREIGE, "470.00"),
            UnitCost(TWILL_GREIGE, "680.00"),
            UnitCost(CALICO_BLEACHED, "630.00"),
            UnitCost(CALICO_DYED, "760.00"),
            UnitCost(TWILL_DYED, "1090.00"),
        ),
        certificates=(
            _ct_kz("CTKZ-27-SHY-00012", "2027-01-01", "2027-12-31", CALICO_GREIGE, "0.94"),
            _ct_kz("CTKZ-27-SHY-00013", "2027-01-01", "2027-12-31", CALICO_BLEACHED, "0.88"),
            _ct_kz("CTKZ-27-SHY-00014", "2027-01-01", "2027-12-31", TWILL_DYED, "0.84"),
            _iso_9001("QMS-KZ-26-0442", "2026-06-01", "2029-05-31"),
        ),
    ),
    Member(  # dye house only: finishes other members' greige, including uniform cloth (not cleared)
        bin="061040008701",
        name="Utek Finishing",
        legal_form="JSC",
        city="Shymkent",
        processes=(_FINISH,),
        capacities=(Capacity(Family.FINISHED_FABRIC, 600_000, Unit.METRE),),
        unit_costs=(
            UnitCost(CALICO_BLEACHED, "640.00"),
            UnitCost(CALICO_DYED, "770.00"),
            UnitCost(TWILL_DYED, "1120.00"),
            UnitCost(UNIFORM_CLOTH, "1175.00"),
        ),
        certificates=(
            _ct_kz("CTKZ-26-SHY-01210", "2026-11-01", "2027-10-31", CALICO_BLEACHED, "0.82"),
            _ct_kz("CTKZ-26-SHY-01211", "2026-11-01", "2027-10-31", TWILL_DYED, "0.80"),
            _ct_kz("CTKZ-26-SHY-01212", "2026-11-01", "2027-10-31", UNIFORM_CLOTH, "0.64"),
            _iso_9001("QMS-KZ-25-0577", "2025-09-01", "2028-08-31"),
        ),
    ),
    Member(  # KZ–UZ spinning joint venture, 6,000 t of fibre a year (facts §4); declares capacity in tonnes
        bin="181140034025",
        name="Alians Spinning",
        legal_form="LLP",
        city="Shymkent",
        processes=(_SPIN,),
        capacities=(Capacity(Family.YARN, 500, Unit.TONNE, "0.001"),),
        unit_costs=(UnitCost(YARN_COTTON, "860.00"), UnitCost(YARN_POLYCOTTON, "1060.00")),
        certificates=(
            _ct_kz("CTKZ-27-SHY-00031", "2027-01-01", "2027-12-31", YARN_COTTON, "0.97"),
            _ct_kz("CTKZ-27-SHY-00032", "2027-01-01", "2027-12-31", YARN_POLYCOTTON, "0.58"),
            _iso_9001("QMS-KZ-24-0903", "2024-12-01", "2027-11-30"),
        ),
    ),
    Member(  # the only cleared weaver and finisher of uniform cloth: the defense order's bottleneck
        bin="090440015880",
        name="Ontustik Arsenal Textile",
        legal_form="LLP",
        city="Shymkent",
        processes=(_WEAVE, _FINISH),
        capacities=(
            Capacity(Family.GREIGE_FABRIC, 90_000, Unit.METRE),
            Capacity(Family.FINISHED_FABRIC, 80_000, Unit.METRE),
        ),
        unit_costs=(
            UnitCost(UNIFORM_CLOTH_GREIGE, "760.00"),
            UnitCost(UNIFORM_CLOTH, "1150.00"),
            UnitCost(TWILL_GREIGE, "700.00"),
            UnitCost(TWILL_DYED, "1130.00"),
        ),
        certificates=(
            _cleared("DC-25-0007", "2025-06-01", "2028-05-31"),
            _ct_kz("CTKZ-26-SHY-01305", "2026-12-01", "2027-11-30", UNIFORM_CLOTH, "0.66"),
            _ct_kz("CTKZ-26-SHY-01306", "2026-12-01", "2027-11-30", TWILL_DYED, "0.83"),
            _iso_9001("QMS-KZ-25-0021", "2025-01-01", "2027-12-31"),
        ),
    ),
    Member(  # polyester/cotton spinning on imported polyester
        bin="160740030513",
        name="Ontustik Zhip",
        legal_form="LLP",
        city="Shymkent",
        processes=(_SPIN,),
        capacities=(Capacity(Family.YARN, 150_000, Unit.KILOGRAM),),
        unit_costs=(UnitCost(YARN_POLYCOTTON, "1090.00"), UnitCost(YARN_COTTON, "915.00")),
        certificates=(
            _ct_kz("CTKZ-27-SHY-00058", "2027-01-01", "2027-12-31", YARN_POLYCOTTON, "0.55"),
            # the cotton-yarn certificate expired before the horizon
            _ct_kz("CTKZ-25-SHY-01422", "2025-12-01", "2026-11-30", YARN_COTTON, "0.96"),
        ),
    ),
    Member(  # medium workwear and uniform factory sewing consortium cloth; cleared
        bin="110240044100",
        name="Shymkent Arnau Kiim",
        legal_form="LLP",
        city="Shymkent",
        processes=(_SEW,),
        capacities=(Capacity(Family.WORKWEAR, 12_000, Unit.SET), Capacity(Family.UNIFORM, 6_000, Unit.SET)),
        unit_costs=(
            UnitCost(WORKWEAR_SUIT, "8350.00"),
            UnitCost(FIELD_UNIFORM, "8900.00"),
            UnitCost(RAILWAY_UNIFORM, "10600.00"),
        ),
        certificates=(
            _cleared("DC-24-0011", "2024-09-01", "2028-08-31"),
            _ct_kz("CTKZ-27-SHY-00101", "2027-01-01", "2027-12-31", WORKWEAR_SUIT, "0.81"),
            _ct_kz("CTKZ-27-SHY-00102", "2027-01-01", "2027-12-31", FIELD_UNIFORM, "0.60"),
            _ct_kz("CTKZ-27-SHY-00103", "2027-01-01", "2027-12-31", RAILWAY_UNIFORM, "0.63"),
            _iso_9001("QMS-KZ-25-0630", "2025-10-01", "2028-09-30"),
        ),
    ),
    Member(  # small fashion studio
        bin="150540027336",
        name="Shymkent Moda",
        legal_form="LLP",
        city="Shymkent",
        processes=(_SEW,),
        capacities=(Capacity(Family.FASHION, 2_000, Unit.PIECE),),
        unit_costs=(UnitCost(DRESS, "5300.00"), UnitCost(SHIRT, "3600.00")),
        certificates=(_ct_kz("CTKZ-27-SHY-00140", "2027-01-01", "2027-12-31", DRESS, "0.74"),),
    ),
    Member(  # home-textile sewing from Shymkent calico
        bin="130940011905",
        name="Ak Mata Home",
        legal_form="LLP",
        city="Shymkent",
        processes=(_SEW,),
        capacities=(Capacity(Family.BED_LINEN, 20_000, Unit.SET),),
        unit_costs=(UnitCost(HOSPITAL_BEDDING, "5200.00"),),
        certificates=(
            _ct_kz("CTKZ-27-SHY-00151", "2027-01-01", "2027-12-31", HOSPITAL_BEDDING, "0.85"),
            _iso_9001("QMS-KZ-26-0112", "2026-02-01", "2029-01-31"),
        ),
    ),
    # ===== Turkestan region: cotton country (Maktaaral, Zhetysay), new mills, sewing =====
    Member(  # new integrated cluster mill in SEZ "Turan" (like Turkestan Textile, facts §4)
        bin="230740005121",
        name="Turkistan Cotton Textile",
        legal_form="LLP",
        city="Turkestan",
        processes=(_SPIN, _WEAVE, _FINISH, _SEW),
        capacities=(
            Capacity(Family.YARN, 600_000, Unit.KILOGRAM),
            Capacity(Family.GREIGE_FABRIC, 1_200_000, Unit.METRE),
            Capacity(Family.FINISHED_FABRIC, 800_000, Unit.METRE),
            Capacity(Family.BED_LINEN, 250_000, Unit.SET),
        ),
        unit_costs=(
            UnitCost(YARN_COTTON, "870.00"),
            UnitCost(CALICO_GREIGE, "450.00"),
            UnitCost(CALICO_BLEACHED, "600.00"),
            UnitCost(CALICO_DYED, "735.00"),
            UnitCost(HOSPITAL_BEDDING, "4900.00"),
        ),
        certificates=(
            # bed linen has no CT-KZ yet (expert examination pending): no CT-KZ-only bedding orders
            _ct_kz("CTKZ-26-TRK-00877", "2026-12-01", "2027-11-30", CALICO_GREIGE, "0.93"),
            _ct_kz("CTKZ-26-TRK-00878", "2026-12-01", "2027-11-30", CALICO_BLEACHED, "0.87"),
            _iso_9001("QMS-KZ-26-0701", "2026-10-01", "2029-09-30"),
        ),
    ),
    Member(  # KZ–UZ venture in Zhetysay (like TST Jetysay, facts §4): yarn, fabric, home textiles
        bin="190640026755",
        name="Zhetisay Textile",
        legal_form="LLP",
        city="Zhetysay",
        processes=(_SPIN, _WEAVE, _SEW),
        capacities=(
            Capacity(Family.YARN, 400_000, Unit.KILOGRAM),
            Capacity(Family.GREIGE_FABRIC, 800_000, Unit.METRE),
            Capacity(Family.BED_LINEN, 40_000, Unit.SET),
        ),
        unit_costs=(
            UnitCost(YARN_COTTON, "875.00"),
            UnitCost(CALICO_GREIGE, "465.00"),
            UnitCost(TWILL_GREIGE, "690.00"),
            UnitCost(HOSPITAL_BEDDING, "5350.00"),
        ),
        certificates=(
            _ct_kz("CTKZ-27-TRK-00020", "2027-01-01", "2027-12-31", CALICO_GREIGE, "0.95"),
            _ct_kz("CTKZ-27-TRK-00021", "2027-01-01", "2027-12-31", TWILL_GREIGE, "0.94"),
            # issued for February on: January bedding from here carries no local content
            _ct_kz("CTKZ-27-TRK-00088", "2027-02-01", "2028-01-31", HOSPITAL_BEDDING, "0.83"),
        ),
    ),
    Member(  # spinning next to the gins of Maktaaral district (80 % of Kazakh cotton)
        bin="080240014447",
        name="Maktaaral Mata",
        legal_form="LLP",
        city="Myrzakent",
        processes=(_SPIN,),
        capacities=(Capacity(Family.YARN, 120_000, Unit.KILOGRAM),),
        unit_costs=(UnitCost(YARN_COTTON, "850.00"),),
        certificates=(_ct_kz("CTKZ-27-TRK-00007", "2027-01-01", "2027-12-31", YARN_COTTON, "0.98"),),
    ),
    Member(  # small workwear shop, ~2,500 sets a month
        bin="141040039273",
        name="Saryagash Tigin",
        legal_form="LLP",
        city="Saryagash",
        processes=(_SEW,),
        capacities=(Capacity(Family.WORKWEAR, 2_500, Unit.SET),),
        unit_costs=(UnitCost(WORKWEAR_SUIT, "8700.00"),),
        certificates=(_ct_kz("CTKZ-26-TRK-00190", "2026-03-01", "2027-02-28", WORKWEAR_SUIT, "0.72"),),
    ),
    Member(  # weaving only; its CT-KZ lapsed at the end of 2026
        bin="070340008127",
        name="Kentau Toqyma",
        legal_form="LLP",
        city="Kentau",
        processes=(_WEAVE,),
        capacities=(Capacity(Family.GREIGE_FABRIC, 250_000, Unit.METRE),),
        unit_costs=(UnitCost(CALICO_GREIGE, "480.00"), UnitCost(TWILL_GREIGE, "705.00")),
        certificates=(_ct_kz("CTKZ-26-TRK-00003", "2026-01-01", "2026-12-31", CALICO_GREIGE, "0.94"),),
    ),
    Member(  # like "Altyn Adam" in Sairam (facts §4): ~30,000 uniform sets a year; cleared
        bin="030540019063",
        name="Altyn Adal Tigin",
        legal_form="LLP",
        city="Aksukent",
        processes=(_SEW,),
        capacities=(Capacity(Family.UNIFORM, 2_500, Unit.SET), Capacity(Family.WORKWEAR, 1_000, Unit.SET)),
        unit_costs=(
            UnitCost(FIELD_UNIFORM, "9200.00"),
            UnitCost(RAILWAY_UNIFORM, "10900.00"),
            UnitCost(WORKWEAR_SUIT, "8900.00"),
        ),
        certificates=(
            _cleared("DC-26-0002", "2026-01-01", "2028-12-31"),
            _ct_kz("CTKZ-27-TRK-00042", "2027-01-01", "2027-12-31", FIELD_UNIFORM, "0.58"),
            _ct_kz("CTKZ-27-TRK-00043", "2027-01-01", "2027-12-31", RAILWAY_UNIFORM, "0.62"),
            _ct_kz("CTKZ-27-TRK-00044", "2027-01-01", "2027-12-31", WORKWEAR_SUIT, "0.79"),
        ),
    ),
    Member(  # small bedding cooperative
        bin="170240042332",
        name="Sairam Tigin",
        legal_form="PC",
        city="Aksukent",
        processes=(_SEW,),
        capacities=(Capacity(Family.BED_LINEN, 2_500, Unit.SET),),
        unit_costs=(UnitCost(HOSPITAL_BEDDING, "5600.00"),),
        certificates=(_ct_kz("CTKZ-27-TRK-00061", "2027-01-01", "2027-12-31", HOSPITAL_BEDDING, "0.83"),),
    ),
    Member(  # shirts for the fashion line
        bin="200940013709",
        name="Turkistan Kiim",
        legal_form="LLP",
        city="Turkestan",
        processes=(_SEW,),
        capacities=(Capacity(Family.FASHION, 3_000, Unit.PIECE),),
        unit_costs=(UnitCost(SHIRT, "3450.00"),),
        certificates=(),
    ),
    Member(  # weaving of uniform greige (not cleared) and workwear twill
        bin="210440022988",
        name="Turan Toqyma",
        legal_form="LLP",
        city="Turkestan",
        processes=(_WEAVE,),
        capacities=(Capacity(Family.GREIGE_FABRIC, 300_000, Unit.METRE),),
        unit_costs=(UnitCost(UNIFORM_CLOTH_GREIGE, "745.00"), UnitCost(TWILL_GREIGE, "675.00")),
        certificates=(
            _ct_kz("CTKZ-27-TRK-00071", "2027-01-01", "2027-12-31", TWILL_GREIGE, "0.93"),
            _ct_kz("CTKZ-27-TRK-00072", "2027-01-01", "2027-12-31", UNIFORM_CLOTH_GREIGE, "0.68"),
            _iso_9001("QMS-KZ-26-0288", "2026-04-01", "2029-03-31"),
        ),
    ),
    # ===== Zhambyl region =====
    Member(
        bin="101240033551",
        name="Taraz Tigin Fabrikasy",
        legal_form="LLP",
        city="Taraz",
        processes=(_SEW,),
        capacities=(Capacity(Family.WORKWEAR, 12_000, Unit.SET),),
        unit_costs=(UnitCost(WORKWEAR_SUIT, "8250.00"),),
        certificates=(
            _ct_kz("CTKZ-27-ZHM-00015", "2027-01-01", "2027-12-31", WORKWEAR_SUIT, "0.66"),
            _iso_9001("QMS-KZ-25-0190", "2025-05-01", "2028-04-30"),
        ),
    ),
    Member(  # terry weaving line plus bedding sewing
        bin="110840017612",
        name="Zhambyl Textile",
        legal_form="LLP",
        city="Taraz",
        processes=(_WEAVE, _SEW),
        capacities=(Capacity(Family.TOWELS, 8_000, Unit.PIECE), Capacity(Family.BED_LINEN, 8_000, Unit.SET)),
        unit_costs=(UnitCost(TERRY_TOWEL, "1480.00"), UnitCost(HOSPITAL_BEDDING, "5400.00")),
        certificates=(
            _ct_kz("CTKZ-27-ZHM-00022", "2027-01-01", "2027-12-31", TERRY_TOWEL, "0.88"),
            _ct_kz("CTKZ-27-ZHM-00023", "2027-01-01", "2027-12-31", HOSPITAL_BEDDING, "0.80"),
        ),
    ),
    # ===== Almaty =====
    Member(  # large uniform and workwear factory; cleared
        bin="990740004180",
        name="Almaty Kiim Fabrikasy",
        legal_form="JSC",
        city="Almaty",
        processes=(_SEW,),
        capacities=(Capacity(Family.UNIFORM, 8_000, Unit.SET), Capacity(Family.WORKWEAR, 10_000, Unit.SET)),
        unit_costs=(
            UnitCost(FIELD_UNIFORM, "9350.00"),
            UnitCost(RAILWAY_UNIFORM, "11200.00"),
            UnitCost(WORKWEAR_SUIT, "8450.00"),
        ),
        certificates=(
            _cleared("DC-23-0019", "2023-11-01", "2028-10-31"),
            _ct_kz("CTKZ-27-ALA-00104", "2027-01-01", "2027-12-31", FIELD_UNIFORM, "0.50"),
            _ct_kz("CTKZ-27-ALA-00105", "2027-01-01", "2027-12-31", RAILWAY_UNIFORM, "0.52"),
            _ct_kz("CTKZ-27-ALA-00106", "2027-01-01", "2027-12-31", WORKWEAR_SUIT, "0.58"),
            _iso_9001("QMS-KZ-24-0815", "2024-08-01", "2027-07-31"),
        ),
    ),
    Member(  # sews from imported Chinese poly/cotton twill: the cheapest workwear, the lowest share
        bin="160340028903",
        name="Alatau Workwear",
        legal_form="LLP",
        city="Almaty",
        processes=(_SEW,),
        capacities=(Capacity(Family.WORKWEAR, 10_000, Unit.SET),),
        unit_costs=(UnitCost(WORKWEAR_SUIT, "7600.00"),),
        certificates=(
            _ct_kz("CTKZ-27-ALA-00131", "2027-01-01", "2027-12-31", WORKWEAR_SUIT, "0.42"),
            _iso_9001("QMS-KZ-26-0350", "2026-05-01", "2029-04-30"),
        ),
    ),
    Member(  # fashion atelier
        bin="180440011272",
        name="Medeu Moda",
        legal_form="LLP",
        city="Almaty",
        processes=(_SEW,),
        capacities=(Capacity(Family.FASHION, 2_500, Unit.PIECE),),
        unit_costs=(UnitCost(DRESS, "5600.00"), UnitCost(SHIRT, "3800.00")),
        certificates=(),
    ),
    Member(  # bedding from Uzbek calico: cheap, low local content
        bin="121140030140",
        name="Almaty Home Textile",
        legal_form="LLP",
        city="Almaty",
        processes=(_SEW,),
        capacities=(Capacity(Family.BED_LINEN, 12_000, Unit.SET),),
        unit_costs=(UnitCost(HOSPITAL_BEDDING, "4350.00"),),
        certificates=(
            _ct_kz("CTKZ-27-ALA-00150", "2027-01-01", "2027-12-31", HOSPITAL_BEDDING, "0.24"),
            _iso_9001("QMS-KZ-25-0466", "2025-07-01", "2028-06-30"),
        ),
    ),
    Member(
        bin="220240009451",
        name="Koktobe Tigin",
        legal_form="LLP",
        city="Almaty",
        processes=(_SEW,),
        capacities=(Capacity(Family.WORKWEAR, 2_000, Unit.SET),),
        unit_costs=(UnitCost(WORKWEAR_SUIT, "8600.00"),),
        certificates=(_ct_kz("CTKZ-27-ALA-00162", "2027-01-01", "2027-12-31", WORKWEAR_SUIT, "0.55"),),
    ),
    # ===== Astana =====
    Member(  # cleared uniform factory in the capital
        bin="090640025518",
        name="Astana Uniform",
        legal_form="JSC",
        city="Astana",
        processes=(_SEW,),
        capacities=(Capacity(Family.UNIFORM, 7_000, Unit.SET), Capacity(Family.WORKWEAR, 5_000, Unit.SET)),
        unit_costs=(
            UnitCost(FIELD_UNIFORM, "9500.00"),
            UnitCost(RAILWAY_UNIFORM, "10800.00"),
            UnitCost(WORKWEAR_SUIT, "8800.00"),
        ),
        certificates=(
            _cleared("DC-25-0014", "2025-03-01", "2028-02-29"),
            _ct_kz("CTKZ-27-AST-00033", "2027-01-01", "2027-12-31", RAILWAY_UNIFORM, "0.61"),
            _ct_kz("CTKZ-27-AST-00034", "2027-01-01", "2027-12-31", WORKWEAR_SUIT, "0.64"),
            _iso_9001("QMS-KZ-25-0244", "2025-04-01", "2028-03-31"),
        ),
    ),
    Member(  # its CT-KZ runs out at the end of May 2027
        bin="150840016331",
        name="Saryarka Kiim",
        legal_form="LLP",
        city="Astana",
        processes=(_SEW,),
        capacities=(Capacity(Family.WORKWEAR, 8_000, Unit.SET),),
        unit_costs=(UnitCost(WORKWEAR_SUIT, "8500.00"),),
        certificates=(
            _ct_kz("CTKZ-26-AST-00291", "2026-06-01", "2027-05-31", WORKWEAR_SUIT, "0.74"),
            _iso_9001("QMS-KZ-26-0390", "2026-06-01", "2029-05-31"),
        ),
    ),
    Member(
        bin="190240037805",
        name="Esil Textile",
        legal_form="LLP",
        city="Astana",
        processes=(_SEW,),
        capacities=(Capacity(Family.BED_LINEN, 10_000, Unit.SET),),
        unit_costs=(UnitCost(HOSPITAL_BEDDING, "5300.00"),),
        certificates=(_ct_kz("CTKZ-27-AST-00047", "2027-01-01", "2027-12-31", HOSPITAL_BEDDING, "0.80"),),
    ),
    # ===== Karaganda region: mining workwear =====
    Member(  # declares capacity in machine-hours: 30,000 mh a month at 2.5 mh per suit = 12,000 suits
        bin="071140012091",
        name="Karaganda Arnau Kiim",
        legal_form="LLP",
        city="Karaganda",
        processes=(_SEW,),
        capacities=(Capacity(Family.WORKWEAR, 30_000, Unit.MACHINE_HOUR, "2.5"),),
        unit_costs=(UnitCost(WORKWEAR_SUIT, "8400.00"),),
        certificates=(
            _ct_kz("CTKZ-27-KAR-00019", "2027-01-01", "2027-12-31", WORKWEAR_SUIT, "0.69"),
            _iso_9001("QMS-KZ-24-0711", "2024-10-01", "2027-09-30"),
        ),
    ),
    Member(  # no ISO 9001: cannot serve the oil company
        bin="130640024986",
        name="Temirtau Tigin",
        legal_form="LLP",
        city="Temirtau",
        processes=(_SEW,),
        capacities=(Capacity(Family.WORKWEAR, 6_000, Unit.SET),),
        unit_costs=(UnitCost(WORKWEAR_SUIT, "7950.00"),),
        certificates=(_ct_kz("CTKZ-27-KAR-00027", "2027-01-01", "2027-12-31", WORKWEAR_SUIT, "0.52"),),
    ),
    # ===== Pavlodar region =====
    Member(  # its ISO 9001 certificate lapsed in October 2026
        bin="101040018729",
        name="Pavlodar Tigin",
        legal_form="LLP",
        city="Pavlodar",
        processes=(_SEW,),
        capacities=(Capacity(Family.WORKWEAR, 5_000, Unit.SET),),
        unit_costs=(UnitCost(WORKWEAR_SUIT, "8600.00"),),
        certificates=(
            _ct_kz("CTKZ-27-PAV-00011", "2027-01-01", "2027-12-31", WORKWEAR_SUIT, "0.71"),
            _iso_9001("QMS-KZ-23-0530", "2023-11-01", "2026-10-31"),
        ),
    ),
    Member(  # sews from imported cloth and lining: railway uniforms below the railway's 40 % floor
        bin="170340033169",
        name="Ertis Kiim",
        legal_form="LLP",
        city="Pavlodar",
        processes=(_SEW,),
        capacities=(Capacity(Family.UNIFORM, 2_000, Unit.SET), Capacity(Family.WORKWEAR, 2_000, Unit.SET)),
        unit_costs=(UnitCost(RAILWAY_UNIFORM, "11100.00"), UnitCost(WORKWEAR_SUIT, "8150.00")),
        certificates=(
            _ct_kz("CTKZ-27-PAV-00018", "2027-01-01", "2027-12-31", RAILWAY_UNIFORM, "0.39"),
            _ct_kz("CTKZ-27-PAV-00019", "2027-01-01", "2027-12-31", WORKWEAR_SUIT, "0.45"),
        ),
    ),
    # ===== Kostanay region =====
    Member(
        bin="041240020447",
        name="Kostanay Tigin Fabrikasy",
        legal_form="LLP",
        city="Kostanay",
        processes=(_SEW,),
        capacities=(Capacity(Family.UNIFORM, 9_000, Unit.SET),),
        unit_costs=(UnitCost(RAILWAY_UNIFORM, "10700.00"),),
        certificates=(
            _ct_kz("CTKZ-27-KOS-00009", "2027-01-01", "2027-12-31", RAILWAY_UNIFORM, "0.57"),
            _iso_9001("QMS-KZ-25-0128", "2025-02-01", "2028-01-31"),
        ),
    ),
    Member(
        bin="160940015369",
        name="Tobyl Textile",
        legal_form="LLP",
        city="Kostanay",
        processes=(_SEW,),
        capacities=(Capacity(Family.BED_LINEN, 6_000, Unit.SET),),
        unit_costs=(UnitCost(HOSPITAL_BEDDING, "5450.00"),),
        certificates=(_ct_kz("CTKZ-27-KOS-00016", "2027-01-01", "2027-12-31", HOSPITAL_BEDDING, "0.79"),),
    ),
    # ===== Aktobe region =====
    Member(
        bin="110440027612",
        name="Aktobe Arnau Kiim",
        legal_form="LLP",
        city="Aktobe",
        processes=(_SEW,),
        capacities=(Capacity(Family.WORKWEAR, 7_000, Unit.SET),),
        unit_costs=(UnitCost(WORKWEAR_SUIT, "8300.00"),),
        certificates=(
            _ct_kz("CTKZ-27-AKT-00021", "2027-01-01", "2027-12-31", WORKWEAR_SUIT, "0.63"),
            _iso_9001("QMS-KZ-26-0155", "2026-03-01", "2029-02-28"),
        ),
    ),
    # ===== West Kazakhstan region: next to the oil fields =====
    Member(
        bin="130740014883",
        name="Oral Workwear",
        legal_form="LLP",
        city="Uralsk",
        processes=(_SEW,),
        capacities=(Capacity(Family.WORKWEAR, 4_000, Unit.SET),),
        unit_costs=(UnitCost(WORKWEAR_SUIT, "8800.00"),),
        certificates=(
            _ct_kz("CTKZ-27-ZKO-00012", "2027-01-01", "2027-12-31", WORKWEAR_SUIT, "0.76"),
            _iso_9001("QMS-KZ-25-0402", "2025-06-01", "2028-05-31"),
        ),
    ),
    # ===== North Kazakhstan region =====
    Member(
        bin="181040021061",
        name="Soltustik Tigin",
        legal_form="LLP",
        city="Petropavl",
        processes=(_SEW,),
        capacities=(Capacity(Family.UNIFORM, 3_500, Unit.SET),),
        unit_costs=(UnitCost(RAILWAY_UNIFORM, "11000.00"),),
        certificates=(_ct_kz("CTKZ-27-SKO-00006", "2027-01-01", "2027-12-31", RAILWAY_UNIFORM, "0.49"),),
    ),
    # ===== Abai region =====
    Member(  # cleared, but the clearance ends in June 2027
        bin="010240007332",
        name="Semey Kiim Fabrikasy",
        legal_form="JSC",
        city="Semey",
        processes=(_SEW,),
        capacities=(Capacity(Family.UNIFORM, 8_000, Unit.SET), Capacity(Family.WORKWEAR, 3_000, Unit.SET)),
        unit_costs=(
            UnitCost(FIELD_UNIFORM, "9050.00"),
            UnitCost(RAILWAY_UNIFORM, "10500.00"),
            UnitCost(WORKWEAR_SUIT, "8650.00"),
        ),
        certificates=(
            _cleared("DC-24-0003", "2024-07-01", "2027-06-30"),
            _ct_kz("CTKZ-27-ABA-00005", "2027-01-01", "2027-12-31", RAILWAY_UNIFORM, "0.59"),
            _ct_kz("CTKZ-27-ABA-00006", "2027-01-01", "2027-12-31", WORKWEAR_SUIT, "0.67"),
            _iso_9001("QMS-KZ-25-0350", "2025-08-01", "2028-07-31"),
        ),
    ),
    # ===== East Kazakhstan region =====
    Member(
        bin="140740029497",
        name="Oskemen Tigin",
        legal_form="LLP",
        city="Ust-Kamenogorsk",
        processes=(_SEW,),
        capacities=(Capacity(Family.WORKWEAR, 3_000, Unit.SET),),
        unit_costs=(UnitCost(WORKWEAR_SUIT, "8700.00"),),
        certificates=(_ct_kz("CTKZ-27-VKO-00014", "2027-01-01", "2027-12-31", WORKWEAR_SUIT, "0.68"),),
    ),
    # ===== Kyzylorda region =====
    Member(  # no certificates at all: domestic CT-KZ orders are closed to it
        bin="200540013146",
        name="Syr Tigin",
        legal_form="LLP",
        city="Kyzylorda",
        processes=(_SEW,),
        capacities=(Capacity(Family.WORKWEAR, 2_000, Unit.SET),),
        unit_costs=(UnitCost(WORKWEAR_SUIT, "8100.00"),),
        certificates=(),
    ),
    # ===== Atyrau region =====
    Member(
        bin="090940036277",
        name="Atyrau Arnau Kiim",
        legal_form="LLP",
        city="Atyrau",
        processes=(_SEW,),
        capacities=(Capacity(Family.WORKWEAR, 6_000, Unit.SET),),
        unit_costs=(UnitCost(WORKWEAR_SUIT, "9100.00"),),
        certificates=(
            _ct_kz("CTKZ-27-ATY-00008", "2027-01-01", "2027-12-31", WORKWEAR_SUIT, "0.70"),
            _iso_9001("QMS-KZ-26-0077", "2026-01-01", "2028-12-31"),
        ),
    ),
    # ===== Mangystau region =====
    Member(  # imported fabric: cheap, low share
        bin="121140040821",
        name="Mangystau Workwear",
        legal_form="LLP",
        city="Aktau",
        processes=(_SEW,),
        capacities=(Capacity(Family.WORKWEAR, 3_000, Unit.SET),),
        unit_costs=(UnitCost(WORKWEAR_SUIT, "7800.00"),),
        certificates=(
            _ct_kz("CTKZ-27-MAN-00004", "2027-01-01", "2027-12-31", WORKWEAR_SUIT, "0.46"),
            _iso_9001("QMS-KZ-25-0611", "2025-11-01", "2028-10-31"),
        ),
    ),
    # ===== Akmola region =====
    Member(
        bin="160540017797",
        name="Kokshe Tigin",
        legal_form="LLP",
        city="Kokshetau",
        processes=(_SEW,),
        capacities=(Capacity(Family.BED_LINEN, 3_000, Unit.SET),),
        unit_costs=(UnitCost(HOSPITAL_BEDDING, "5500.00"),),
        certificates=(_ct_kz("CTKZ-27-AKM-00010", "2027-01-01", "2027-12-31", HOSPITAL_BEDDING, "0.77"),),
    ),
    # ===== Zhetysu region =====
    Member(
        bin="190940023632",
        name="Taldykorgan Kiim",
        legal_form="LLP",
        city="Taldykorgan",
        processes=(_SEW,),
        capacities=(Capacity(Family.UNIFORM, 2_500, Unit.SET),),
        unit_costs=(UnitCost(RAILWAY_UNIFORM, "10950.00"),),
        certificates=(_ct_kz("CTKZ-27-ZHT-00013", "2027-01-01", "2027-12-31", RAILWAY_UNIFORM, "0.50"),),
    ),
)


# ---------------------------------------------------------------------------------------------------
# Buyers and the six orders of the story
# ---------------------------------------------------------------------------------------------------

BUYERS: Final[tuple[Buyer, ...]] = (
    Buyer("BY-MTTH", "Minsk Textile Trading House OJSC", "BY", BuyerKind.TRADER, "Minsk"),
    Buyer("UZ-PSLP", "Power Structures Logistics Procurement Centre", "UZ", BuyerKind.DEFENSE, "Tashkent"),
    Buyer("KZ-ZPO", "Zhaiyk Petroleum Operating B.V.", "KZ", BuyerKind.SUBSOIL_USER, "Aksai"),
    Buyer("KZ-TZH", "Temir Zholy National Company JSC", "KZ", BuyerKind.NATIONAL_COMPANY, "Astana"),
    Buyer("KZ-AHD", "Almaty City Public Health Department", "KZ", BuyerKind.STATE, "Almaty"),
    Buyer("RU-SRFT", "Silk Road Fashion Trading LLC", "RU", BuyerKind.TRADER, "Moscow"),
)

ORDERS: Final[tuple[Order, ...]] = (
    # Greige calico from Kazakh cotton for Belarus (facts §0), plus some bleached calico.
    Order(
        number="BY-2027-001",
        buyer="BY-MTTH",
        destination="Minsk",
        currency=Currency.BYN,
        confidential=False,
        min_local_content=None,
        required_certificates=(),
        release=(2027, 1),
        lines=(
            OrderLine(CALICO_GREIGE, 400_000, (2027, 3), "3.50"),
            OrderLine(CALICO_GREIGE, 500_000, (2027, 5), "3.50"),
            OrderLine(CALICO_BLEACHED, 200_000, (2027, 6), "4.50"),
            OrderLine(CALICO_GREIGE, 500_000, (2027, 7), "3.55"),
            OrderLine(CALICO_GREIGE, 500_000, (2027, 9), "3.55"),
            OrderLine(CALICO_BLEACHED, 200_000, (2027, 10), "4.55"),
            OrderLine(CALICO_GREIGE, 400_000, (2027, 11), "3.60"),
        ),
    ),
    # Uniform cloth and field uniforms for Uzbekistan's power structures: cleared members only.
    Order(
        number="UZ-2027-002",
        buyer="UZ-PSLP",
        destination="Tashkent",
        currency=Currency.USD,
        confidential=True,
        min_local_content=None,
        required_certificates=(CertificateKind.DEFENSE_CLEARANCE,),
        release=(2027, 2),
        lines=(
            OrderLine(UNIFORM_CLOTH, 300_000, (2027, 4), "2.60"),
            OrderLine(FIELD_UNIFORM, 10_000, (2027, 5), "28.00"),
            OrderLine(FIELD_UNIFORM, 10_000, (2027, 7), "28.00"),
            OrderLine(UNIFORM_CLOTH, 300_000, (2027, 8), "2.60"),
            OrderLine(FIELD_UNIFORM, 10_000, (2027, 9), "28.00"),
            OrderLine(FIELD_UNIFORM, 10_000, (2027, 11), "28.00"),
        ),
    ),
    # Workwear for an oil company: 60 % local content per contract, CT-KZ and ISO 9001 required.
    Order(
        number="OIL-2027-003",
        buyer="KZ-ZPO",
        destination="Aksai",
        currency=Currency.KZT,
        confidential=False,
        min_local_content="0.60",
        required_certificates=(CertificateKind.CT_KZ, CertificateKind.ISO_9001),
        release=(2027, 1),
        lines=(
            OrderLine(WORKWEAR_SUIT, 12_000, (2027, 3), "14500.00"),
            OrderLine(WORKWEAR_SUIT, 12_000, (2027, 6), "14500.00"),
            OrderLine(WORKWEAR_SUIT, 12_000, (2027, 9), "14500.00"),
            OrderLine(WORKWEAR_SUIT, 12_000, (2027, 12), "14500.00"),
        ),
    ),
    # Uniforms (and some track workers' suits) for the national railway company.
    Order(
        number="KTZ-2027-004",
        buyer="KZ-TZH",
        destination="Astana",
        currency=Currency.KZT,
        confidential=False,
        min_local_content="0.40",
        required_certificates=(CertificateKind.CT_KZ,),
        release=(2027, 2),
        lines=(
            OrderLine(RAILWAY_UNIFORM, 10_000, (2027, 4), "17900.00"),
            OrderLine(WORKWEAR_SUIT, 6_000, (2027, 5), "13900.00"),
            OrderLine(RAILWAY_UNIFORM, 10_000, (2027, 8), "17900.00"),
            OrderLine(RAILWAY_UNIFORM, 10_000, (2027, 10), "17900.00"),
        ),
    ),
    # Hospital bedding and towels: state procurement of light-industry goods needs CT-KZ (facts §1.6).
    Order(
        number="MED-2027-005",
        buyer="KZ-AHD",
        destination="Almaty",
        currency=Currency.KZT,
        confidential=False,
        min_local_content=None,
        required_certificates=(CertificateKind.CT_KZ,),
        release=(2027, 1),
        lines=(
            OrderLine(HOSPITAL_BEDDING, 15_000, (2027, 3), "6900.00"),
            OrderLine(HOSPITAL_BEDDING, 15_000, (2027, 6), "6900.00"),
            OrderLine(TERRY_TOWEL, 40_000, (2027, 6), "2100.00"),
            OrderLine(HOSPITAL_BEDDING, 20_000, (2027, 9), "6900.00"),
            OrderLine(TERRY_TOWEL, 40_000, (2027, 10), "2100.00"),
        ),
    ),
    # A fashion line for export.
    Order(
        number="EXP-2027-006",
        buyer="RU-SRFT",
        destination="Moscow",
        currency=Currency.USD,
        confidential=False,
        min_local_content=None,
        required_certificates=(),
        release=(2027, 3),
        lines=(
            OrderLine(DRESS, 7_000, (2027, 4), "14.50"),
            OrderLine(SHIRT, 4_000, (2027, 5), "9.80"),
            OrderLine(DRESS, 5_000, (2027, 8), "14.50"),
            OrderLine(SHIRT, 4_000, (2027, 9), "9.80"),
        ),
    ),
)
"""The six orders of the story. Capacity is ample for most lines; the deliberate tight spots are:

- UZ-2027-002 uniform cloth: only Ontustik Arsenal Textile is cleared to finish it (80,000 m a month).
  300,000 m are due in April with production from February (240,000 m possible), and another 300,000 m
  in August: part of the cloth is late or short. Utek Finishing could make it but is not cleared.
- UZ-2027-002 field uniforms: Semey Kiim Fabrikasy's clearance ends in June 2027.
- OIL-2027-003: the cheapest eligible workwear (Alatau Workwear 0.42, Mangystau Workwear 0.46) is far
  below the 60 % floor, so the plan must blend in high-share members; Saryarka Kiim's CT-KZ ends in
  May 2027, Pavlodar Tigin's ISO 9001 has lapsed, Temirtau Tigin has none, Syr Tigin has no CT-KZ.
- MED-2027-005 towels: only two members weave towels. Azal Mata's towel CT-KZ ends in April 2027, so
  after that Zhambyl Textile (8,000 a month, exactly 80,000 by October) is the only certified source:
  the plan must make towels early at Azal Mata or load Zhambyl Textile fully.
  Turkistan Cotton Textile, the biggest bedding maker, has no CT-KZ for bed linen yet.
- EXP-2027-006 dresses: 7,000 due in April from a March release, with 4,500 dresses a month of capacity.
"""

# Demo conversion rates for reporting in tenge (not market data).
EXCHANGE_RATES_KZT: Final[tuple[ExchangeRate, ...]] = (
    ExchangeRate(Currency.KZT, "1"),
    ExchangeRate(Currency.USD, "520.00"),
    ExchangeRate(Currency.EUR, "565.00"),
    ExchangeRate(Currency.RUB, "5.90"),
    ExchangeRate(Currency.BYN, "160.00"),
    ExchangeRate(Currency.UZS, "0.0410"),
)
